"""The FastAPI application of `specq serve`: OpenAI's Files, Batches, Completions and Models under /v1.

Thin over :mod:`serve.files`, :mod:`serve.batches` and :mod:`serve.completions`, which are
thin over ``producer``. Errors have OpenAI's shape, ``{"error": {message, type, param,
code}}``, so the official client raises its usual exceptions. Handlers are plain ``def``:
FastAPI runs them in its thread pool, where blocking SQL and polling belong.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from db.schema import FilePurpose
from db.session import init_db, session_scope
from serve import batches, completions, files
from serve.auth import api_key
from specq.deployment import Deployment, load_deployment
from specq.settings import get_settings

log = logging.getLogger(__name__)

# Seconds between two rounds of the background finalizer (expiry, output files).
FINALIZE_EVERY_S = 1.0
_LIST_LIMIT_MAX = 100


class ApiError(Exception):
    """An HTTP error in OpenAI's shape."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None, param: str | None = None, kind: str = ""
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.param = param
        self.kind = kind or ("invalid_request_error" if status < 500 else "server_error")


def _error(
    status: int, message: str, *, kind: str, code: str | None, param: str | None = None
) -> JSONResponse:
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return JSONResponse(body, status_code=status)


def _page(data: list[dict[str, Any]], has_more: bool) -> dict[str, Any]:
    return {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
        "has_more": has_more,
    }


def _limit(limit: int) -> int:
    if not 1 <= limit <= _LIST_LIMIT_MAX:
        raise ApiError(400, f"limit must be between 1 and {_LIST_LIMIT_MAX}, got {limit}", param="limit")
    return limit


def _finalizer(stop: threading.Event) -> None:
    while not stop.wait(FINALIZE_EVERY_S):
        try:
            batches.advance_all()
        except Exception:  # the database may be briefly unavailable; the next round retries
            log.exception("finalizer round failed")


def create_app(deployment: Deployment | None = None, *, finalizer: bool = True) -> FastAPI:
    """The application; ``finalizer`` runs expiry and output files in a background thread."""
    dep = deployment or load_deployment()
    started = int(time.time())

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(init_db)
        stop = threading.Event()
        thread = threading.Thread(target=_finalizer, args=(stop,), name="specq-finalizer", daemon=True)
        if finalizer:
            thread.start()
        try:
            yield
        finally:
            stop.set()
            if finalizer:
                thread.join(timeout=10)

    app = FastAPI(title="specq", summary="OpenAI-compatible batch generation", lifespan=lifespan)

    @app.middleware("http")
    async def bearer_token(request: Request, call_next: Any) -> Response:
        key = api_key()
        if key is not None and request.url.path.startswith("/v1"):
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), key.encode()):
                return _error(
                    401,
                    "Incorrect API key provided: send the SPECQ_API_KEY of this server as a bearer token",
                    kind="invalid_request_error",
                    code="invalid_api_key",
                )
        return await call_next(request)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, kind=exc.kind, code=exc.code, param=exc.param)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else str(first.get("msg"))
        return _error(400, message, kind="invalid_request_error", code="invalid_request", param=where or None)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed")  # the traceback goes to the server's log, not to the client
        return _error(
            500, f"internal error: {type(exc).__name__}", kind="server_error", code="internal_error"
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), kind="invalid_request_error", code=None)

    # ------------------------------------------------------------------ files

    @app.post("/v1/files")
    async def upload_file(request: Request) -> dict[str, Any]:
        limit = files.max_upload_bytes()
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
            # Refused before a byte is read (the margin is the multipart framing).
            raise ApiError(
                413, f"upload is over the limit of {limit} bytes (SPECQ_MAX_UPLOAD_MIB)", param="file"
            )
        form = await request.form(max_files=1, max_fields=8)
        try:
            purpose = form.get("purpose")
            upload = form.get("file")
            if purpose != FilePurpose.BATCH:
                raise ApiError(400, f"purpose must be 'batch', got {purpose!r}", param="purpose")
            if upload is None or isinstance(upload, str):
                raise ApiError(400, "a file part named 'file' is required", param="file")
            for name in form:
                if name not in ("purpose", "file"):
                    raise ApiError(400, f"unknown form field {name!r}", param=name)

            def save() -> dict[str, Any]:
                with session_scope() as s:
                    row = files.save_upload(
                        s, upload.file, upload.filename or "upload.jsonl", FilePurpose.BATCH
                    )
                    return files.file_object(row)

            try:
                return await run_in_threadpool(save)
            except files.FileTooLarge as exc:
                raise ApiError(413, str(exc), param="file") from None
        finally:
            await form.close()

    @app.get("/v1/files")
    def list_files(
        purpose: str | None = None, limit: int = 10000, after: str | None = None, order: str = "desc"
    ) -> dict[str, Any]:
        if order not in ("asc", "desc"):
            raise ApiError(400, f"order must be 'asc' or 'desc', got {order!r}", param="order")
        if not 1 <= limit <= 10000:
            raise ApiError(400, f"limit must be between 1 and 10000, got {limit}", param="limit")
        with session_scope(read_only=True) as s:
            rows, more = files.list_files(
                s, purpose=purpose, limit=limit, after=after, ascending=order == "asc"
            )
            return _page([files.file_object(r) for r in rows], more)

    def _file(file_id: str) -> dict[str, Any]:
        with session_scope(read_only=True) as s:
            row = files.get_file(s, file_id)
            if row is None:
                raise ApiError(404, f"no file {file_id!r}", param="file_id", code="not_found")
            return files.file_object(row)

    @app.get("/v1/files/{file_id}")
    def retrieve_file(file_id: str) -> dict[str, Any]:
        return _file(file_id)

    @app.get("/v1/files/{file_id}/content")
    def file_content(file_id: str) -> Response:
        obj = _file(file_id)
        return FileResponse(files.file_path(obj["id"]), media_type="application/jsonl")

    @app.delete("/v1/files/{file_id}")
    def delete_file(file_id: str) -> dict[str, Any]:
        with session_scope() as s:
            if not files.delete_file(s, file_id):
                raise ApiError(404, f"no file {file_id!r}", param="file_id", code="not_found")
        return {"id": file_id, "object": "file", "deleted": True}

    # ------------------------------------------------------------------ batches

    @app.post("/v1/batches")
    async def create_batch(request: Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "the request body must be JSON") from None

        def create() -> dict[str, Any]:
            batch_id = batches.create(batches.parse_request(body), dep)
            got = batches.get(batch_id)
            assert got is not None
            return got

        try:
            return await run_in_threadpool(create)
        except batches.BatchRequestError as exc:
            raise ApiError(exc.status, str(exc), param=exc.param) from None

    @app.get("/v1/batches")
    def list_batches(after: str | None = None, limit: int = 20) -> dict[str, Any]:
        data, more = batches.list_page(after=after, limit=_limit(limit))
        return _page(data, more)

    @app.get("/v1/batches/{batch_id}")
    def retrieve_batch(batch_id: str) -> dict[str, Any]:
        got = batches.get(batch_id)
        if got is None:
            raise ApiError(404, f"no batch {batch_id!r}", param="batch_id", code="not_found")
        return got

    @app.post("/v1/batches/{batch_id}/cancel")
    def cancel_batch(batch_id: str) -> dict[str, Any]:
        got = batches.cancel(batch_id)
        if got is None:
            raise ApiError(404, f"no batch {batch_id!r}", param="batch_id", code="not_found")
        return got

    # ------------------------------------------------------------------ completions

    async def _complete(endpoint: str, request: Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "the request body must be JSON") from None
        timeout = get_settings().request_timeout_s
        try:
            answer = await run_in_threadpool(completions.complete, endpoint, body, dep, timeout_s=timeout)
        except completions.CompletionError as exc:
            raise ApiError(exc.status, str(exc), code=exc.code, param=exc.param, kind=exc.type) from None
        return answer.body

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> dict[str, Any]:
        return await _complete("/v1/chat/completions", request)

    @app.post("/v1/completions")
    async def text_completions(request: Request) -> dict[str, Any]:
        return await _complete("/v1/completions", request)

    # ------------------------------------------------------------------ models

    def _model(name: str) -> dict[str, Any]:
        # created: when this server began serving it (the deployment names no other date).
        return {"id": name, "object": "model", "created": started, "owned_by": "specq"}

    @app.get("/v1/models")
    def list_models() -> dict[str, Any]:
        return {"object": "list", "data": [_model(t) for t in dep.targets]}

    @app.get("/v1/models/{model}")
    def retrieve_model(model: str) -> dict[str, Any]:
        if model not in dep.targets:
            raise ApiError(404, f"model {model!r} is not served here", param="model", code="model_not_found")
        return _model(model)

    return app
