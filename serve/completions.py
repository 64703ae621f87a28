"""Synchronous ``/v1/chat/completions`` and ``/v1/completions``: a one-request job, answered when decoded.

The request goes through exactly the path of a batch line (the same reader, validation,
queue, workers and SQL), so a synchronous answer and a batch output line for the same body
are the same text. The job stays in SQL like any other (`specq status`, `specq sql`).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import producer
from db.schema import JobPriority
from producer.export import OPENAI_EXTENSION_KEY, by_line, openai_response
from producer.status import as_utc
from producer.submit import SubmitError, submit_job
from specq.deployment import Deployment

# Seconds between two looks at the job while waiting for its one result.
_POLL_S = 0.05


class CompletionError(ValueError):
    """A request answered with an HTTP error (status, OpenAI error type and code, param)."""

    def __init__(self, status: int, message: str, *, code: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.param = param
        self.type = "invalid_request_error" if status < 500 else "server_error"


@dataclass(frozen=True)
class Answer:
    job_id: str
    body: dict[str, Any]


def complete(endpoint: str, body: Any, deployment: Deployment, *, timeout_s: float) -> Answer:
    """Decode one request body sent to ``endpoint``; the OpenAI response body when it is done.

    The job takes the interactive lane (``specq/broker.py``): routed and decoded ahead of queued
    batch jobs, its prompts joining a decode worker's running batch at the next step.
    """
    if not isinstance(body, dict):
        raise CompletionError(400, "the request body must be a JSON object", code="invalid_request")
    model = body.get("model")
    if not isinstance(model, str):
        raise CompletionError(
            400, "model is required: one of GET /v1/models", code="invalid_request", param="model"
        )
    if model not in deployment.targets:
        raise CompletionError(
            404,
            f"model {model!r} is not served here; GET /v1/models lists the targets",
            code="model_not_found",
            param="model",
        )
    lines = _request_lines(endpoint, body)
    try:
        res = submit_job(
            lines,
            model,
            name=endpoint.removeprefix("/v1/"),
            deployment=deployment,
            priority=JobPriority.INTERACTIVE,
        )
    except SubmitError as exc:
        raise CompletionError(400, str(exc), code="invalid_request") from None
    if res.invalid:
        rec = next(r for r in producer.results(res.job_id) if r["status"] == "invalid")
        raise CompletionError(400, _where(rec, len(lines)) + rec["error"], code="invalid_request")
    if not res.enqueued:
        raise CompletionError(
            503, f"request recorded as {res.job_id} but not queued: {res.message}", code="unavailable"
        )
    deadline = time.monotonic() + timeout_s
    while not (rep := producer.status(res.job_id, errors_shown=0)).done:
        if time.monotonic() > deadline:
            producer.cancel(res.job_id)
            raise CompletionError(
                504, f"not decoded within {timeout_s:.0f}s; job {res.job_id} cancelled", code="timeout"
            )
        time.sleep(_POLL_S)
    finished = as_utc(rep.finished_at or rep.created_at)
    created = int(finished.timestamp()) if finished else 0
    bodies = []
    for recs in by_line(producer.results(res.job_id)):  # a line per prompt, a record per choice
        for rec in recs:
            rec["_chat"] = endpoint == "/v1/chat/completions"
        answer = openai_response(recs, request_id=res.job_id, model=model, created=created)
        if answer is None:  # the job ended (cancelled by someone) before every choice was decoded
            raise CompletionError(
                500, f"job {res.job_id} ended as {rep.status} before decoding", code="cancelled"
            )
        status_code, reply = answer
        if status_code != 200:
            error = reply["error"]
            message = _where(recs[0], len(lines)) + re.sub(r"^line \d+: ", "", error["message"])
            raise CompletionError(status_code, message, code=error["code"])
        bodies.append(reply)
    return Answer(res.job_id, _merge(bodies))


def _request_lines(endpoint: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    """The request as batch lines: one, or one per prompt of a /v1/completions prompt list (of
    strings or of token-id lists; a list of ints is one token-id prompt)."""
    prompt = body.get("prompt")
    if endpoint != "/v1/completions" or not isinstance(prompt, list) or not prompt:
        return [{"custom_id": "request", "method": "POST", "url": endpoint, "body": body}]
    if not all(isinstance(p, str | list) for p in prompt):  # token ids (or a mix validation refuses)
        return [{"custom_id": "request", "method": "POST", "url": endpoint, "body": body}]
    return [
        {"custom_id": f"prompt-{i}", "method": "POST", "url": endpoint, "body": {**body, "prompt": p}}
        for i, p in enumerate(prompt)
    ]


def _where(rec: dict[str, Any], prompts: int) -> str:
    """Which prompt of a prompt list a message is about (nothing for a single prompt)."""
    return f"prompt[{rec['line'] - 1}]: " if prompts > 1 else ""


def _merge(bodies: list[dict[str, Any]]) -> dict[str, Any]:
    """One response for a prompt list, as OpenAI's: choice ``i * n + j`` is choice j of prompt i."""
    if len(bodies) == 1:
        return bodies[0]
    n = len(bodies[0]["choices"])
    merged = dict(bodies[0])
    merged["choices"] = [
        {**choice, "index": i * n + choice["index"]} for i, b in enumerate(bodies) for choice in b["choices"]
    ]
    merged["usage"] = {k: sum(b["usage"][k] for b in bodies) for k in bodies[0]["usage"]}
    merged[OPENAI_EXTENSION_KEY] = {"prompts": [b[OPENAI_EXTENSION_KEY] for b in bodies]}
    return merged
