"""Results in input order, and export to JSONL (specq format, or OpenAI batch output and error files).

Every input line gives exactly one output record, in input order: decoded prompts carry
the output and the speculation statistics, failed prompts and bad input lines carry their
error, prompts not decoded yet are ``pending``. The OpenAI format writes what OpenAI's batch
API writes: successes to the output file, failures to a separate error file.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from sqlalchemy import Engine

from db import queries
from db.schema import JobStatus, PromptStatus
from db.session import get_engine, init_db, session_scope
from producer.status import JobNotFound, as_utc

log = logging.getLogger(__name__)

ExportFormat = Literal["specq", "openai"]
FORMATS: tuple[str, ...] = ("specq", "openai")
Only = Literal["completed", "failed"]


def keep(rec: dict[str, Any], only: Only | None) -> bool:
    """Whether ``only`` keeps a record: completed lines, or failed and invalid lines (None: all)."""
    if only is None:
        return True
    return rec["status"] == "completed" if only == "completed" else rec["status"] in ("failed", "invalid")


def _line_record(row: queries.ExportRow) -> dict[str, Any]:
    """The specq export record of one input line."""
    if row.input_error is not None:
        e = row.input_error
        return {
            "line": e.position,
            "custom_id": e.custom_id,
            "status": "invalid",
            "error": e.reason,
        }
    p, r = row.prompt, row.result
    assert p is not None
    rec: dict[str, Any] = {"line": p.position, "custom_id": p.custom_id}
    if p.params and "choice" in p.params:  # one of the n completions the line asked for
        rec["choice"] = p.params["choice"]
    if r is not None:
        rec.update(
            status="completed",
            output=r.output_text,
            finish_reason=r.finish_reason,
            prompt_tokens=r.prompt_tokens if r.prompt_tokens is not None else p.prompt_tokens,
            output_tokens=r.output_tokens,
            target=r.target,
            draft=r.draft,
            task=r.task,
            k=r.k,
            steps=r.steps,
            drafted_tokens=r.drafted_tokens,
            accepted_tokens=r.accepted_tokens,
            acceptance_rate=(r.accepted_tokens / r.drafted_tokens) if r.drafted_tokens else None,
            mean_accepted_per_step=(r.accepted_tokens / r.steps) if r.steps else None,
            accepted_per_position=r.accepted_per_position,
            draft_seconds=r.draft_seconds,
            verify_seconds=r.verify_seconds,
            error=None,
        )
        if r.logprobs is not None:  # the request asked for them
            rec["logprobs"] = r.logprobs
        if r.prompt_text is not None:  # echo: the prompt comes back before the output
            rec["prompt_text"] = r.prompt_text
            if r.prompt_logprobs is not None:
                rec["prompt_logprobs"] = r.prompt_logprobs
    elif p.status == PromptStatus.FAILED:
        rec.update(status="failed", task=p.task, draft=p.draft, error=p.error or "decoding failed")
    else:
        rec.update(status="pending", task=p.task, draft=p.draft, error=None)
    # The record keeps whether the prompt was chat, so the OpenAI writer can pick the object type.
    rec["_chat"] = p.messages is not None
    return rec


def results(job_id: str, *, engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """One record per input line of ``job_id``, in input order (see the module docstring)."""
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine, read_only=True) as s:
        if queries.get_job(s, job_id) is None:
            raise JobNotFound(job_id)
        for row in queries.iter_job_lines(s, job_id):
            rec = _line_record(row)
            rec.pop("_chat", None)
            yield rec


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    lines: int  # lines written to ``path``
    completed: int
    failed: int  # failed prompts + invalid lines
    pending: int
    error_path: Path | None = None  # OpenAI format: the error file
    error_lines: int = 0  # lines written to ``error_path``


# OpenAI response bodies carry specq's speculation statistics under this extension key.
OPENAI_EXTENSION_KEY = "specq"
_SPECULATION_KEYS = (
    "line",
    "target",
    "draft",
    "task",
    "k",
    "steps",
    "drafted_tokens",
    "accepted_tokens",
    "acceptance_rate",
    "mean_accepted_per_step",
    "accepted_per_position",
    "draft_seconds",
    "verify_seconds",
)
# Error codes of OpenAI's batch error file for lines the batch ended before decoding.
UNFINISHED_CODES = ("batch_cancelled", "batch_expired")


def openai_body(recs: list[dict[str, Any]], *, request_id: str, model: str, created: int) -> dict[str, Any]:
    """The ``chat.completion`` / ``text_completion`` body of a line's completed records (one per
    choice), with usage: the prompt counted once, the completions summed."""
    prompt_tokens = recs[0]["prompt_tokens"] or 0
    completion_tokens = sum(r["output_tokens"] for r in recs)
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    chat = bool(recs[0].get("_chat"))
    choices: list[dict[str, Any]] = []
    for rec in recs:
        choice: dict[str, Any] = {"index": rec.get("choice", 0)}
        if chat:
            choice["message"] = {"role": "assistant", "content": rec["output"]}
        else:
            choice["text"] = rec.get("prompt_text", "") + rec["output"]
        logprobs = openai_logprobs(rec.get("logprobs"), chat=chat, prompt=rec.get("prompt_logprobs"))
        choice.update(logprobs=logprobs, finish_reason=rec["finish_reason"])
        choices.append(choice)
    stats = [{k: rec.get(k) for k in _SPECULATION_KEYS} for rec in recs]
    kind, prefix = ("chat.completion", "chatcmpl") if chat else ("text_completion", "cmpl")
    return {
        "id": f"{prefix}-{request_id}",
        "object": kind,
        "created": created,
        "model": model,
        "choices": choices,
        "usage": usage,
        OPENAI_EXTENSION_KEY: stats[0] if len(stats) == 1 else {"line": recs[0]["line"], "choices": stats},
    }


def openai_logprobs(
    stored: list[Any] | None, *, chat: bool, prompt: list[Any] | None = None
) -> dict[str, Any] | None:
    """OpenAI's ``logprobs`` object from ``results.logprobs`` ([token, logprob, [[alt, logprob], ...]]
    per emitted token); None when the request asked for none. ``prompt``: ``results.prompt_logprobs``
    of an echo (completions only), whose entries come first; its first token's logprob and
    alternatives are null, as OpenAI's and vLLM's."""
    if stored is None:
        return None
    if prompt is not None:
        stored = prompt + stored
    if chat:

        def entry(token: str, logprob: float) -> dict[str, Any]:
            return {"token": token, "logprob": logprob, "bytes": list(token.encode("utf-8"))}

        content = [
            {**entry(t, lp), "top_logprobs": [entry(a, alp) for a, alp in top]} for t, lp, top in stored
        ]
        return {"content": content, "refusal": None}
    offsets, at = [], 0
    for token, _, _ in stored:
        offsets.append(at)
        at += len(token)
    return {
        "tokens": [t for t, _, _ in stored],
        "token_logprobs": [lp for _, lp, _ in stored],
        "top_logprobs": [None if top is None else dict((a, alp) for a, alp in top) for _, _, top in stored],
        "text_offset": offsets,
    }


def openai_error(rec: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """HTTP status and OpenAI ``error`` object of an invalid or failed record."""
    if rec["status"] == "invalid":
        return 400, {
            "message": f"line {rec['line']}: {rec['error']}",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_request",
        }
    return 500, {
        "message": f"line {rec['line']}: {rec['error']}",
        "type": "server_error",
        "param": None,
        "code": "generation_failed",
    }


def openai_response(
    recs: list[dict[str, Any]], *, request_id: str, model: str, created: int
) -> tuple[int, dict[str, Any]] | None:
    """(HTTP status, body) answering one request from its records (one per choice); None while
    a choice is still pending."""
    failed = next((r for r in recs if r["status"] in ("invalid", "failed")), None)
    if failed is not None:
        status_code, error = openai_error(failed)
        return status_code, {"error": error}
    if any(r["status"] == "pending" for r in recs):
        return None
    return 200, openai_body(recs, request_id=request_id, model=model, created=created)


def _openai_line(
    job_id: str, model: str, created: int, recs: list[dict[str, Any]], unfinished: str | None
) -> tuple[bool, dict[str, Any]] | None:
    """(success, OpenAI batch output line) of a line's records; None for a pending line of a running job.

    As OpenAI's: successes carry the response; invalid and failed lines carry an HTTP error
    response; lines a cancelled or expired batch never decoded carry only ``error`` with the
    code ``unfinished``.
    """
    first = recs[0]
    request_id = f"{job_id}-{first['line']}"
    line: dict[str, Any] = {"id": f"batch_req_{request_id}", "custom_id": first["custom_id"]}
    answer = openai_response(recs, request_id=request_id, model=model, created=created)
    if answer is None:
        if unfinished is None:
            return None
        what = "cancelled" if unfinished == "batch_cancelled" else "expired"
        message = f"line {first['line']}: not decoded before the batch was {what}"
        return False, {**line, "response": None, "error": {"code": unfinished, "message": message}}
    status_code, body = answer
    response = {"status_code": status_code, "request_id": request_id, "body": body}
    return status_code == 200, {**line, "response": response, "error": None}


def by_line(records: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Records grouped by input line (a line asking for n completions has n records)."""
    group: list[dict[str, Any]] = []
    for rec in records:
        if group and (rec["line"] != group[0]["line"] or rec["status"] == "invalid"):
            yield group
            group = []
        group.append(rec)
    if group:
        yield group


def _line_status(recs: list[dict[str, Any]]) -> str:
    statuses = {r["status"] for r in recs}
    for status in ("invalid", "failed", "pending"):
        if status in statuses:
            return status
    return "completed"


def default_error_path(out_path: str | Path) -> Path:
    """``out.jsonl`` -> ``out.errors.jsonl``: where the OpenAI format writes failures by default."""
    out = Path(out_path)
    return out.with_name(f"{out.name.removesuffix('.jsonl')}.errors.jsonl")


def export(
    job_id: str,
    out_path: str | Path,
    *,
    format: ExportFormat = "specq",
    error_path: str | Path | None = None,
    unfinished: str | None = None,
    only: Only | None = None,
    engine: Engine | None = None,
) -> ExportSummary:
    """Write the job's lines to ``out_path`` as JSONL in ``format``.

    ``openai`` writes as OpenAI's batch API does: successes to ``out_path``, invalid and failed
    lines to ``error_path`` (default :func:`default_error_path`). Lines not decoded yet are left
    out while the job runs; once it is cancelled they go to the error file as
    ``batch_cancelled`` (``unfinished`` names another code, e.g. ``batch_expired``).
    ``only`` keeps completed lines, or failed and invalid ones. Rows stream from the database.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    if unfinished is not None and unfinished not in UNFINISHED_CODES:
        raise ValueError(f"unfinished must be one of {', '.join(UNFINISHED_CODES)}, got {unfinished!r}")
    engine = engine or get_engine()
    init_db(engine)
    out = Path(out_path)
    err = (Path(error_path) if error_path else default_error_path(out)) if format == "openai" else None
    counts = {"completed": 0, "failed": 0, "pending": 0}
    written = {True: 0, False: 0}
    with session_scope(engine, read_only=True) as s:
        job = queries.get_job(s, job_id)
        if job is None:
            raise JobNotFound(job_id)
        created_at = as_utc(job.finished_at or job.created_at)
        created = int(created_at.timestamp()) if created_at else 0
        if unfinished is None and job.status == JobStatus.CANCELLED:
            unfinished = "batch_cancelled"
        with contextlib.ExitStack() as files:
            fh = files.enter_context(_atomic_writer(out))
            fe = files.enter_context(_atomic_writer(err)) if err is not None else None
            for recs in by_line(_line_record(row) for row in queries.iter_job_lines(s, job_id)):
                for rec in recs:
                    key = rec["status"] if rec["status"] in ("completed", "pending") else "failed"
                    counts[key] += 1
                if fe is not None:
                    if not keep({"status": _line_status(recs)}, only):
                        continue
                    got = _openai_line(job_id, job.target, created, recs, unfinished)
                    if got is None:
                        continue
                    ok, line = got
                    (fh if ok else fe).write(json.dumps(line, ensure_ascii=False) + "\n")
                    written[ok] += 1
                    continue
                for rec in recs:
                    if not keep(rec, only):
                        continue
                    rec.pop("_chat", None)
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    written[True] += 1
    log.info("exported %d lines of %s to %s (%s)", written[True] + written[False], job_id, out, format)
    return ExportSummary(
        out, written[True], counts["completed"], counts["failed"], counts["pending"], err, written[False]
    )


@contextlib.contextmanager
def _atomic_writer(path: Path) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` only once fully written (readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "w", encoding="utf-8") as fh:
        yield fh
    tmp.replace(path)
