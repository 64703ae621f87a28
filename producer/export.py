"""Results in input order, and export to JSONL (specq format or OpenAI batch output lines).

Every input line gives exactly one output record, in input order: decoded prompts carry
the output and the speculation statistics, failed prompts and bad input lines carry their
error, prompts not decoded yet are ``pending``. The OpenAI format writes finished lines only
(as OpenAI's output file does) with errors inline in the ``error`` field.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine

from db import queries
from db.schema import PromptStatus
from db.session import get_engine, init_db, session_scope
from producer.status import JobNotFound, as_utc

log = logging.getLogger(__name__)

ExportFormat = Literal["specq", "openai"]
FORMATS: tuple[str, ...] = ("specq", "openai")


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
    lines: int
    completed: int
    failed: int  # failed prompts + invalid lines
    pending: int


def _openai_record(job_id: str, target: str, created: int, rec: dict[str, Any]) -> dict[str, Any] | None:
    """OpenAI batch output line for a finished record (None for pending ones)."""
    request_id = f"{job_id}-{rec['line']}"
    line_id = f"batch_req_{request_id}"
    if rec["status"] == "pending":
        return None
    if rec["status"] != "completed":
        code = "invalid_request" if rec["status"] == "invalid" else "generation_failed"
        return {
            "id": line_id,
            "custom_id": rec["custom_id"],
            "response": None,
            "error": {"code": code, "message": f"line {rec['line']}: {rec['error']}"},
        }
    usage = {
        "prompt_tokens": rec["prompt_tokens"] or 0,
        "completion_tokens": rec["output_tokens"],
        "total_tokens": (rec["prompt_tokens"] or 0) + rec["output_tokens"],
    }
    if rec.get("_chat"):
        body: dict[str, Any] = {
            "id": f"chatcmpl-{request_id}",
            "object": "chat.completion",
            "created": created,
            "model": target,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": rec["output"]},
                    "finish_reason": rec["finish_reason"],
                }
            ],
            "usage": usage,
        }
    else:
        body = {
            "id": f"cmpl-{request_id}",
            "object": "text_completion",
            "created": created,
            "model": target,
            "choices": [{"index": 0, "text": rec["output"], "finish_reason": rec["finish_reason"]}],
            "usage": usage,
        }
    return {
        "id": line_id,
        "custom_id": rec["custom_id"],
        "response": {"status_code": 200, "request_id": request_id, "body": body},
        "error": None,
    }


def export(
    job_id: str, out_path: str | Path, *, format: ExportFormat = "specq", engine: Engine | None = None
) -> ExportSummary:
    """Write the job's lines to ``out_path`` as JSONL in ``format``."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    engine = engine or get_engine()
    init_db(engine)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = {"completed": 0, "failed": 0, "pending": 0}
    lines = 0
    with session_scope(engine, read_only=True) as s:
        job = queries.get_job(s, job_id)
        if job is None:
            raise JobNotFound(job_id)
        created_at = as_utc(job.finished_at or job.created_at)
        created = int(created_at.timestamp()) if created_at else 0
        tmp = out.with_name(out.name + ".partial")
        with open(tmp, "w", encoding="utf-8") as fh:
            for row in queries.iter_job_lines(s, job_id):
                rec = _line_record(row)
                key = rec["status"] if rec["status"] in ("completed", "pending") else "failed"
                counts[key] += 1
                if format == "openai":
                    line = _openai_record(job_id, job.target, created, rec)
                    if line is None:
                        continue
                else:
                    rec.pop("_chat", None)
                    line = rec
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                lines += 1
        tmp.replace(out)  # readers never see a half-written file
    log.info("exported %d lines of %s to %s (%s)", lines, job_id, out, format)
    return ExportSummary(out, lines, counts["completed"], counts["failed"], counts["pending"])
