"""Submitting a job: read and validate the input, write job + prompts to SQL, enqueue routing.

The job row is committed first (status ``validating``) so its id can be shown at once; the
prompts follow in one bulk transaction, then the job turns ``in_progress`` (or ``failed``
when no line is usable) and its prompts are enqueued. Without a reachable broker the job
stays recorded and ``specq up`` / ``specq resume`` enqueue it later: SQL is the source of truth.

A job never stays ``validating``: whatever fails between its creation and the end of
validation (a bug, the database refusing the insert, Ctrl-C) marks it ``failed`` with the
reason, and a job cancelled while it was validating ends ``cancelled``, not enqueued.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from db import queries
from db.schema import NO_DRAFT, REUSED_DRAFT, Job, JobPriority, JobStatus
from db.session import get_engine, init_db, session_scope
from models.zoo.resolve import resolve_model_path
from producer.enqueue import BrokerUnavailable, enqueue_route_chunks
from producer.readers import InputFileError, read_input
from producer.reuse import request_key
from producer.storable import printable, text_problem
from producer.tokens import load_target_tokenizer
from producer.validate import SamplingDefaults, check_params, validate_lines
from specq.deployment import Deployment, DeploymentError, load_deployment

log = logging.getLogger(__name__)

# How many input errors a "no valid line" failure message quotes.
_QUOTED_ERRORS = 3


class SubmitError(ValueError):
    """The submission is refused before any job is created (unknown target, bad parameters)."""


@dataclass(frozen=True)
class SubmitResult:
    job_id: str
    status: str
    total: int  # prompts recorded
    invalid: int  # bad input lines
    enqueued: bool  # route messages sent
    length_checked: bool  # prompts were counted against the target's context
    seconds: float  # wall time of the whole submission
    message: str  # one line for the user (why the job failed, or why it was not enqueued)
    reused: int = 0  # prompts served from earlier identical greedy requests (reuse=True)


def submit_job(
    source: str | Path | Iterable[str | dict[str, Any]],
    target: str,
    *,
    name: str | None = None,
    max_new_tokens: int = 128,
    temperature: float = 0.0,
    top_p: float = 1.0,
    seed: int | None = None,
    stop: list[str] | None = None,
    draft: str | None = None,
    enqueue: bool = True,
    deployment: Deployment | None = None,
    engine: Engine | None = None,
    on_created: Callable[[str], None] | None = None,
    reuse: bool = False,
    priority: JobPriority | str = JobPriority.BULK,
) -> SubmitResult:
    """Submit ``source`` (a file path, or JSONL strings / dicts) for generation by ``target``.

    ``draft`` pins every prompt to one draft of the target (``"none"`` = plain decoding, a
    speedup baseline) instead of the per-task assignment. ``on_created`` is called with the
    job id as soon as the job row is committed. ``reuse`` serves greedy requests identical to
    earlier ones (same target model, prompt and output-shaping parameters) from their results
    (``producer/reuse.py``); only the rest are decoded. ``priority`` ``"interactive"`` sends the
    job through the interactive lane (``specq/broker.py``): routed and decoded ahead of bulk work,
    its prompts joining a worker's running batch at the next step; batch jobs keep ``"bulk"``.
    """
    t0 = time.perf_counter()
    if priority not in set(JobPriority):
        raise SubmitError(f"priority {priority!r} is not one of: {', '.join(JobPriority)}")
    priority = JobPriority(priority)
    if isinstance(source, str | Path) and not Path(source).is_file():
        what = "is a directory, not a file" if Path(source).is_dir() else "does not exist"
        raise SubmitError(f"input file {source} {what}")
    dep = deployment or load_deployment()
    try:
        spec = dep.target(target)
        if draft is not None and draft != NO_DRAFT and draft not in dep.pairings(target):
            raise SubmitError(
                f"draft {draft!r} does not serve target {target!r}; its drafts in {dep.source} are: "
                f"{', '.join(dep.pairings(target)) or '(none)'} (or 'none' for plain decoding)"
            )
    except DeploymentError as exc:
        raise SubmitError(str(exc)) from exc
    defaults = SamplingDefaults(
        max_new_tokens=max_new_tokens, temperature=temperature, top_p=top_p, seed=seed, stop=stop
    )
    problem = check_params(defaults.as_params()) or (text_problem(name, "the job name") if name else None)
    if problem:
        raise SubmitError(problem)

    engine = engine or get_engine()
    init_db(engine)
    params = defaults.as_params()
    if draft is not None:
        params["draft"] = draft
    # printable: a file name need not be valid UTF-8, and the database stores text.
    input_file = printable(str(Path(source).resolve())) if isinstance(source, str | Path) else None
    with session_scope(engine) as s:
        job_id = queries.create_job(
            s, target=target, name=name, params=params, input_file=input_file, priority=priority
        ).id
    if on_created is not None:
        on_created(job_id)

    try:
        lines = read_input(source)
        tokenizer = load_target_tokenizer(target, resolve_model_path(dep, spec.path, build=False))
        report = validate_lines(lines, target=target, defaults=defaults, tokenizer=tokenizer)
    except (InputFileError, OSError) as exc:
        message = printable(str(exc))
        with session_scope(engine) as s:
            queries.add_input_errors(s, job_id, [queries.InputErrorRow(position=0, reason=message)])
            _finish_validation(s, job_id, total=0, invalid=1, input_format=None, error=message)
        return SubmitResult(job_id, JobStatus.FAILED, 0, 1, False, False, time.perf_counter() - t0, message)
    except BaseException as exc:
        return _fail_validation(engine, job_id, exc, t0)

    error = None
    if not report.prompts:
        quoted = "; ".join(f"line {e.position}: {e.reason}" for e in report.errors[:_QUOTED_ERRORS])
        error = (
            f"no valid line in {input_file or 'the input'} ({report.lines} lines, all invalid"
            + (f"; {quoted}" if quoted else "")
            + "). See `specq status "
            + job_id
            + "`."
        )
    try:
        model_path = spec.path
        keyed = (replace(p, request_key=request_key(model_path, p, params)) for p in report.prompts)
        with session_scope(engine) as s:
            queries.add_prompts_bulk(s, job_id, keyed)
            queries.add_input_errors(s, job_id, report.errors)
            status = _finish_validation(
                s,
                job_id,
                total=len(report.prompts),
                invalid=len(report.errors),
                input_format=report.input_format,
                error=error,
            )
    except BaseException as exc:
        return _fail_validation(engine, job_id, exc, t0)
    enqueued = False
    reused = 0
    message = error or ""
    if reuse and not error and status != JobStatus.CANCELLED:
        with session_scope(engine) as s:
            reused = queries.reuse_earlier_results(s, job_id, REUSED_DRAFT)
            status = s.get(Job, job_id).status  # type: ignore[union-attr]  # completed if all were reused
        log.info("job %s: %d prompts served from earlier identical requests", job_id, reused)
    if status == JobStatus.CANCELLED:
        message = "job cancelled while it was being validated; its lines are recorded, none enqueued"
    elif not error and enqueue:
        with session_scope(engine) as s:
            ids = queries.pending_prompt_ids(s, job_id)
        try:
            enqueue_route_chunks(job_id, ids, interactive=priority == JobPriority.INTERACTIVE)
            enqueued = True
        except BrokerUnavailable as exc:
            message = f"job recorded but not enqueued: {exc}; `specq up` enqueues it when it starts"
            log.warning("%s: %s", job_id, message)
    elif not error:
        message = "job recorded; not enqueued (enqueue=False): run `specq resume " + job_id + "`"
    seconds = time.perf_counter() - t0
    log.info(
        "job %s: %d prompts, %d invalid lines, %s in %.2fs",
        job_id,
        len(report.prompts),
        len(report.errors),
        "enqueued" if enqueued else "not enqueued",
        seconds,
    )
    return SubmitResult(
        job_id,
        status,
        len(report.prompts),
        len(report.errors),
        enqueued,
        report.length_checked,
        seconds,
        message,
        reused,
    )


def _finish_validation(
    s: Any, job_id: str, *, total: int, invalid: int, input_format: str | None, error: str | None
) -> str:
    """Record the counts and end validation; returns the job's status (``cancelled`` if it was)."""
    job = s.get(Job, job_id, with_for_update=True)  # serializes with a concurrent `specq cancel`
    assert job is not None
    job.total = total
    job.invalid = invalid
    job.input_format = input_format
    s.flush()
    if job.status == JobStatus.CANCELLED:
        return JobStatus.CANCELLED
    status = JobStatus.FAILED if error else JobStatus.IN_PROGRESS
    queries.set_job_status(s, job_id, status, error=error)
    return status


def _fail_validation(engine: Engine, job_id: str, exc: BaseException, t0: float) -> SubmitResult:
    """Mark the job failed with the reason after an unexpected error; re-raise interrupts.

    Nothing of the failed transaction is kept (no half-inserted prompts); the reason says
    what failed, and the traceback goes to the log.
    """
    if isinstance(exc, Exception):
        log.error("job %s: validation failed", job_id, exc_info=exc)
        reason = f"submission failed while validating the input: {type(exc).__name__}: {exc}"
    else:
        reason = f"submission interrupted while validating the input ({type(exc).__name__})"
    message = printable(reason if len(reason) <= 500 else reason[:497] + "...")
    try:
        with session_scope(engine) as s:
            job = s.get(Job, job_id, with_for_update=True)
            if job is not None and job.status == JobStatus.VALIDATING:
                queries.set_job_status(s, job_id, JobStatus.FAILED, error=message)
    except Exception:
        log.exception("job %s: could not record the failure; the job stays 'validating'", job_id)
        raise exc  # noqa: B904 - the original error is the one to report; the context keeps the other
    if not isinstance(exc, Exception):
        raise exc
    return SubmitResult(job_id, JobStatus.FAILED, 0, 0, False, False, time.perf_counter() - t0, message)


def submit(
    source: str | Path | Iterable[str | dict[str, Any]],
    target: str,
    *,
    name: str | None = None,
    max_new_tokens: int = 128,
    temperature: float = 0.0,
    top_p: float = 1.0,
    seed: int | None = None,
    stop: list[str] | None = None,
    draft: str | None = None,
    enqueue: bool = True,
) -> str:
    """Submit a job and return its id (see :func:`submit_job` for the full report)."""
    return submit_job(
        source,
        target,
        name=name,
        max_new_tokens=max_new_tokens,
        temperature=temperature,
        top_p=top_p,
        seed=seed,
        stop=stop,
        draft=draft,
        enqueue=enqueue,
    ).job_id
