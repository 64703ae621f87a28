"""Batches of the OpenAI-compatible API over specq jobs.

A batch is one job (``api_batches.job_id``); its status follows OpenAI's machine:
``validating`` while the input file becomes prompts, ``failed`` when no line is usable,
``in_progress`` while workers decode, ``cancelling`` after a cancel, then ``finalizing``
while the output and error files are written, and ``completed``, ``cancelled`` or
``expired`` once they are. Everything lives in SQL, so a restarted server picks up where
the last one stopped: :func:`advance` finishes whatever is due.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session

from db.schema import (
    TERMINAL_JOB_STATUSES,
    ApiBatch,
    InputError,
    Job,
    JobStatus,
    Prompt,
    PromptStatus,
    Result,
    utcnow,
)
from db.session import session_scope
from producer.control import cancel as cancel_job
from producer.export import export
from producer.readers import OPENAI_URLS
from producer.status import as_utc
from producer.submit import SubmitError, submit_job
from serve import files
from specq.deployment import Deployment

log = logging.getLogger(__name__)

_WINDOW_RE = re.compile(r"^([1-9][0-9]{0,3})h$")
MAX_METADATA_PAIRS = 16
# How many input errors a failed batch lists in its ``errors`` (the error file has all of them).
ERRORS_LISTED = 100
# How many lines of the input file are read to find the model the batch names.
_MODEL_SCAN_LINES = 1000
# Finalizing writes files once per batch: a server runs one finalizer at a time.
_finalize_lock = threading.Lock()
# Batches this process is creating (their job may not exist yet); any other batch without a
# job was left by a server that stopped mid-creation (one `specq serve` per database).
_creating: set[str] = set()


class BatchRequestError(ValueError):
    """A create-batch request that cannot be honoured; ``param`` names the field."""

    def __init__(self, message: str, param: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.param = param
        self.status = status


@dataclass(frozen=True)
class BatchRequest:
    input_file_id: str
    endpoint: str
    completion_window: str
    metadata: dict[str, str] | None


def parse_request(body: Any) -> BatchRequest:
    """Check a create-batch body; every field is used or refused by name."""
    if not isinstance(body, dict):
        raise BatchRequestError("the request body must be a JSON object")
    known = {"input_file_id", "endpoint", "completion_window", "metadata"}
    for name, value in body.items():
        if name == "output_expires_after" and value is not None:
            raise BatchRequestError(
                "output_expires_after is not supported: output files are kept until deleted", name
            )
        if name not in known and name != "output_expires_after":
            raise BatchRequestError(f"unknown field {name!r}", name)
    for name in ("input_file_id", "endpoint", "completion_window"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise BatchRequestError(f"{name} is required (a string)", name)
    if body["endpoint"] not in OPENAI_URLS:
        raise BatchRequestError(
            f"endpoint must be one of {', '.join(OPENAI_URLS)}, got {body['endpoint']!r}", "endpoint"
        )
    if not _WINDOW_RE.match(body["completion_window"]):
        raise BatchRequestError(
            f"completion_window must be hours such as '24h', got {body['completion_window']!r}",
            "completion_window",
        )
    metadata = body.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict) or len(metadata) > MAX_METADATA_PAIRS:
            raise BatchRequestError(
                f"metadata must be an object of at most {MAX_METADATA_PAIRS} pairs", "metadata"
            )
        for k, v in metadata.items():
            if not (isinstance(v, str) and len(k) <= 64 and len(v) <= 512):
                raise BatchRequestError(
                    "metadata keys are strings of at most 64 characters, values of at most 512", "metadata"
                )
    return BatchRequest(body["input_file_id"], body["endpoint"], body["completion_window"], metadata)


def batch_model(file_id: str, deployment: Deployment) -> str:
    """The target a batch file asks for: the ``model`` of its first lines that name one.

    A file naming no model is served by the deployment's only target; lines naming another
    model than the first are refused one by one when the job validates them.
    """
    for i, raw in enumerate(files.read_lines(file_id)):
        if i >= _MODEL_SCAN_LINES:
            break
        try:
            obj = json.loads(raw)
        except ValueError:
            continue
        body = obj.get("body") if isinstance(obj, dict) else None
        model = body.get("model") if isinstance(body, dict) else None
        if isinstance(model, str):
            if model not in deployment.targets:
                raise BatchRequestError(
                    f"model {model!r} (line {i + 1}) is not served here; GET /v1/models lists the targets",
                    "input_file_id",
                    404,
                )
            return model
    if len(deployment.targets) == 1:
        return next(iter(deployment.targets))
    raise BatchRequestError(
        f"no line of the first {_MODEL_SCAN_LINES} names a model; set body.model to one of "
        f"{', '.join(deployment.targets)}",
        "input_file_id",
    )


def create(request: BatchRequest, deployment: Deployment) -> str:
    """Create the batch and its job (validate the file, enqueue); return the batch id."""
    with session_scope() as s:
        f = files.get_file(s, request.input_file_id)
        if f is None:
            raise BatchRequestError(f"no file {request.input_file_id!r}", "input_file_id", 404)
        if f.purpose != "batch":
            raise BatchRequestError(
                f"file {f.id} has purpose {f.purpose!r}; a batch reads a file uploaded with purpose 'batch'",
                "input_file_id",
            )
    target = batch_model(request.input_file_id, deployment)
    batch_id = "batch_" + secrets.token_hex(12)
    hours = int(request.completion_window.removesuffix("h"))
    _creating.add(batch_id)
    with session_scope() as s:
        now = utcnow()
        s.add(
            ApiBatch(
                id=batch_id,
                endpoint=request.endpoint,
                completion_window=request.completion_window,
                input_file_id=request.input_file_id,
                metadata_=request.metadata,
                created_at=now,
                expires_at=now + timedelta(hours=hours),
            )
        )

    def link(job_id: str) -> None:
        with session_scope() as s:
            row = s.get(ApiBatch, batch_id)
            assert row is not None
            row.job_id = job_id

    try:
        submit_job(
            str(files.file_path(request.input_file_id)),
            target,
            name=batch_id,
            deployment=deployment,
            on_created=link,
        )
    except Exception as exc:  # the batch must end failed with the reason, never stay validating
        if not isinstance(exc, SubmitError):
            log.exception("batch %s: submitting %s failed", batch_id, request.input_file_id)
        code = "invalid_request" if isinstance(exc, SubmitError) else "internal_error"
        message = (
            str(exc) if isinstance(exc, SubmitError) else f"submission failed: {type(exc).__name__}: {exc}"
        )
        with session_scope() as s:
            row = s.get(ApiBatch, batch_id)
            assert row is not None
            row.errors = [{"code": code, "message": message, "param": None, "line": None}]
    finally:
        _creating.discard(batch_id)
    log.info("batch %s: target %s, file %s", batch_id, target, request.input_file_id)
    return batch_id


def _ts(dt: datetime | None) -> int | None:
    utc = as_utc(dt)
    return int(utc.timestamp()) if utc is not None else None


def status_of(row: ApiBatch, job: Job | None) -> str:
    """The OpenAI status of a batch from its row and its job's status."""
    if job is None:
        return "failed" if row.errors else "validating"
    if row.finalized_at is not None:
        if row.expired_at is not None:
            return "expired"
        return {JobStatus.COMPLETED: "completed", JobStatus.CANCELLED: "cancelled"}.get(job.status, "failed")
    if job.status == JobStatus.CANCELLED:
        return "cancelling"  # until the partial results are written
    if job.status == JobStatus.COMPLETED:
        return "finalizing"
    return str(job.status)  # validating, in_progress, cancelling, failed


def request_counts(s: Session, job: Job) -> dict[str, int]:
    """OpenAI's request counts: input lines, decoded lines, failed plus invalid lines.

    A line asking for n completions is n prompts; it counts once, completed when all are.
    """
    lines = s.scalar(select(func.count(distinct(Prompt.position))).where(Prompt.job_id == job.id)) or 0
    if lines == job.total:  # no fan-out: the job's counters are per line already
        return {
            "total": job.total + job.invalid,
            "completed": job.completed,
            "failed": job.failed + job.invalid,
        }
    done = func.sum(case((Prompt.status == PromptStatus.DONE, 1), else_=0))
    failed = func.sum(case((Prompt.status == PromptStatus.FAILED, 1), else_=0))
    per_line = (
        select(func.count().label("rows"), done.label("done"), failed.label("failed"))
        .where(Prompt.job_id == job.id)
        .group_by(Prompt.position)
        .subquery()
    )
    completed, failed_lines = s.execute(
        select(
            func.coalesce(func.sum(case((per_line.c.done == per_line.c.rows, 1), else_=0)), 0),
            func.coalesce(func.sum(case((per_line.c.failed > 0, 1), else_=0)), 0),
        )
    ).one()
    return {
        "total": lines + job.invalid,
        "completed": int(completed),
        "failed": int(failed_lines) + job.invalid,
    }


def batch_object(s: Session, row: ApiBatch) -> dict[str, Any]:
    """The OpenAI ``batch`` object."""
    job = s.get(Job, row.job_id) if row.job_id else None
    status = status_of(row, job)
    errors = list(row.errors or [])
    if job is not None and job.status == JobStatus.FAILED:
        input_errors = s.scalars(
            select(InputError)
            .where(InputError.job_id == job.id)
            .order_by(InputError.position, InputError.id)
            .limit(ERRORS_LISTED)
        )
        errors += [
            {"code": "invalid_request", "message": e.reason, "param": None, "line": e.position or None}
            for e in input_errors
        ]
    counts = {"total": 0, "completed": 0, "failed": 0}
    usage = None
    if job is not None:
        counts = request_counts(s, job)
        prompt_sum, output_sum = s.execute(
            select(
                func.coalesce(func.sum(Result.prompt_tokens), 0),
                func.coalesce(func.sum(Result.output_tokens), 0),
            ).where(Result.job_id == job.id)
        ).one()
        prompt_tokens, output_tokens = int(prompt_sum or 0), int(output_sum or 0)
        usage = {
            "input_tokens": prompt_tokens,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": prompt_tokens + output_tokens,
        }
    ended = row.finalized_at
    return {
        "id": row.id,
        "object": "batch",
        "endpoint": row.endpoint,
        "model": job.target if job is not None else None,
        "errors": {"object": "list", "data": errors} if errors else None,
        "input_file_id": row.input_file_id,
        "completion_window": row.completion_window,
        "status": status,
        "output_file_id": row.output_file_id,
        "error_file_id": row.error_file_id,
        "created_at": _ts(row.created_at),
        "in_progress_at": _ts(job.started_at) if job is not None else None,
        "expires_at": _ts(row.expires_at),
        "finalizing_at": _ts(row.finalizing_at),
        "completed_at": _ts(ended) if status == "completed" else None,
        "failed_at": _ts(job.finished_at if job is not None else row.created_at)
        if status == "failed"
        else None,
        "expired_at": _ts(row.expired_at),
        "cancelling_at": _ts(row.cancelling_at),
        "cancelled_at": _ts(ended) if status == "cancelled" else None,
        "request_counts": counts,
        "usage": usage,
        "metadata": row.metadata_,
        # specq's own: the job behind the batch (`specq status JOB`, SQL).
        "specq": {"job_id": row.job_id},
    }


def get(batch_id: str) -> dict[str, Any] | None:
    """The batch object (finishing it first when its job has ended), or None."""
    advance(batch_id)
    with session_scope(read_only=True) as s:
        row = s.get(ApiBatch, batch_id)
        return batch_object(s, row) if row is not None else None


def list_page(*, after: str | None, limit: int) -> tuple[list[dict[str, Any]], bool]:
    """Newest first, the page after the batch ``after`` (OpenAI's cursor pagination)."""
    with session_scope(read_only=True) as s:
        stmt = select(ApiBatch).order_by(ApiBatch.created_at.desc(), ApiBatch.id.desc())
        anchor = s.get(ApiBatch, after) if after else None
        if anchor is not None:
            stmt = stmt.where(
                or_(
                    ApiBatch.created_at < anchor.created_at,
                    and_(ApiBatch.created_at == anchor.created_at, ApiBatch.id < anchor.id),
                )
            )
        rows = list(s.scalars(stmt.limit(limit + 1)))
        return [batch_object(s, r) for r in rows[:limit]], len(rows) > limit


def cancel(batch_id: str) -> dict[str, Any] | None:
    """Ask the batch's job to stop; undecoded lines go to the error file as ``batch_cancelled``."""
    with session_scope() as s:
        row = s.get(ApiBatch, batch_id)
        if row is None:
            return None
        job_id = row.job_id
        if job_id is not None and row.finalized_at is None and row.cancelling_at is None:
            row.cancelling_at = utcnow()
    if job_id is not None:
        cancel_job(job_id)
    return get(batch_id)


def advance(batch_id: str) -> None:
    """Expire an overdue batch, and write the files of a batch whose job has ended."""
    with session_scope() as s:
        row = s.get(ApiBatch, batch_id)
        if row is None or row.job_id is None or row.finalized_at is not None:
            return
        job = s.get(Job, row.job_id)
        assert job is not None
        job_id, job_status = job.id, job.status
        overdue = row.expired_at is None and as_utc(row.expires_at) < utcnow()  # type: ignore[operator]
        if overdue and job_status not in TERMINAL_JOB_STATUSES:
            row.expired_at = utcnow()
    if overdue and job_status not in TERMINAL_JOB_STATUSES:
        log.info("batch %s expired; cancelling job %s", batch_id, job_id)
        cancel_job(job_id)
        return
    if job_status in TERMINAL_JOB_STATUSES:
        _finalize(batch_id)


def _finalize(batch_id: str) -> None:
    with _finalize_lock:
        with session_scope() as s:
            row = s.get(ApiBatch, batch_id)
            assert row is not None and row.job_id is not None
            if row.finalized_at is not None:
                return
            if row.finalizing_at is None:
                row.finalizing_at = utcnow()
            job_id, expired = row.job_id, row.expired_at is not None
        out = files.files_dir() / f".{batch_id}.output.jsonl"
        err = files.files_dir() / f".{batch_id}.errors.jsonl"
        export(job_id, out, format="openai", error_path=err, unfinished="batch_expired" if expired else None)
        with session_scope() as s:
            row = s.get(ApiBatch, batch_id)
            assert row is not None
            output = files.write_output(s, out, f"{batch_id}_output.jsonl")
            errors = files.write_output(s, err, f"{batch_id}_error.jsonl")
            row.output_file_id = output.id if output else None
            row.error_file_id = errors.id if errors else None
            row.finalized_at = utcnow()
            written = (row.output_file_id, row.error_file_id)
        log.info("batch %s finalized: output %s, errors %s", batch_id, *written)


def advance_all() -> int:
    """:func:`advance` every batch not finalized yet; returns how many were looked at.

    A batch left without a job by a server that stopped while creating it fails with the reason.
    """
    with session_scope() as s:
        orphans = s.scalars(select(ApiBatch).where(ApiBatch.job_id.is_(None), ApiBatch.errors.is_(None)))
        for row in orphans:
            if row.id not in _creating:
                message = "the server stopped before this batch's job was created; create the batch again"
                row.errors = [{"code": "internal_error", "message": message, "param": None, "line": None}]
    with session_scope(read_only=True) as s:
        ids = list(
            s.scalars(
                select(ApiBatch.id).where(ApiBatch.finalized_at.is_(None), ApiBatch.job_id.is_not(None))
            )
        )
    for batch_id in ids:
        try:
            advance(batch_id)
        except Exception:  # one batch's trouble must not stop the others; it is retried next round
            log.exception("advancing batch %s failed", batch_id)
    return len(ids)
