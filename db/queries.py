"""Query functions over the specq schema.

Every function takes a :class:`~sqlalchemy.orm.Session` and never commits: the caller owns
the transaction (``with session_scope() as s: ...``). Rows come in as dataclasses and bulk
paths use Core ``executemany`` so 100k prompts insert in seconds. Writes that a redelivered
Celery message may repeat (results, batches, routes) are idempotent.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, and_, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from db.schema import (
    TERMINAL_JOB_STATUSES,
    Assignment,
    AssignmentEvent,
    Batch,
    BatchStatus,
    InputError,
    Job,
    JobPriority,
    JobStatus,
    Prompt,
    PromptStatus,
    Result,
    utcnow,
)
from specq.acceptance import DraftMeasure

# Rows per executemany call: bounds memory and stays under SQLite's variable limit.
_CHUNK = 5000
RAW_EXCERPT_CHARS = 200


def new_job_id() -> str:
    return "job_" + secrets.token_hex(8)


# --------------------------------------------------------------------------- boundary rows


@dataclass(frozen=True, slots=True)
class PromptRow:
    """One good input line, ready to insert."""

    position: int  # 1-based input line number
    custom_id: str
    text: str | None = None
    messages: list[dict[str, Any]] | None = None
    params: dict[str, Any] | None = None  # per-line overrides of the job params
    token_ids: list[int] | None = None  # a token-id prompt (text and messages None)
    prompt_tokens: int | None = None
    request_key: str | None = None  # greedy requests only: see producer/reuse.py


@dataclass(frozen=True, slots=True)
class InputErrorRow:
    """One bad input line: where, why, and an excerpt."""

    position: int  # 1-based line number; 0 = the whole file
    reason: str
    custom_id: str | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class PromptRoute:
    """The routing decision for one prompt."""

    prompt_id: int
    task: str
    draft: str
    prompt_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One decoded prompt with its speculation statistics."""

    prompt_id: int
    job_id: str
    output_text: str
    output_tokens: int
    finish_reason: str
    target: str
    draft: str
    task: str | None = None
    prompt_tokens: int | None = None
    logprobs: list[Any] | None = None  # see Result.logprobs
    prompt_text: str | None = None  # see Result.prompt_text (echo)
    prompt_logprobs: list[Any] | None = None  # see Result.prompt_logprobs (echo with logprobs)
    k: float | None = None
    steps: int = 0
    drafted_tokens: int = 0
    accepted_tokens: int = 0
    accepted_per_position: list[int] | None = None
    draft_seconds: float = 0.0
    verify_seconds: float = 0.0
    worker: str | None = None
    batch_id: str | None = None
    reused_from: int | None = None  # results.id of the earlier identical request (--reuse)


@dataclass(frozen=True, slots=True)
class BatchRow:
    """A decode batch as enqueued by the router."""

    id: str
    job_id: str
    pairing: str
    target: str
    draft: str
    size: int
    task: str | None = None
    explored: bool = False
    prompt_ids: list[int] | None = None  # the batch's prompts: a decode message carries only the batch id


@dataclass(frozen=True, slots=True)
class JobCounts:
    """Prompt counts of one job by state (``invalid`` = bad input lines)."""

    total: int
    pending: int
    routed: int
    completed: int
    failed: int
    invalid: int

    @property
    def finished(self) -> int:
        return self.completed + self.failed


@dataclass(frozen=True, slots=True)
class UpsertOutcome:
    """What ``upsert_results`` changed: only ``inserted`` rows bumped the job counters."""

    inserted: int
    duplicates: int
    finalized: str | None = None  # new job status when this write finished the job
    inserted_ids: list[int] = field(default_factory=list)


# --------------------------------------------------------------------------- jobs


def create_job(
    session: Session,
    *,
    target: str,
    name: str | None = None,
    params: dict[str, Any] | None = None,
    input_file: str | None = None,
    input_format: str | None = None,
    job_id: str | None = None,
    priority: JobPriority = JobPriority.BULK,
) -> Job:
    """Insert a job in ``validating`` state and return it."""
    job = Job(
        id=job_id or new_job_id(),
        name=name,
        target=target,
        status=JobStatus.VALIDATING,
        priority=priority,
        params=dict(params or {}),
        input_file=input_file,
        input_format=input_format,
        total=0,
        completed=0,
        failed=0,
        invalid=0,
        cancel_requested=False,
    )
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: str) -> Job | None:
    return session.get(Job, job_id)


def list_jobs(session: Session, *, limit: int = 50, status: str | None = None) -> list[Job]:
    """Most recent jobs first."""
    stmt = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(Job.status == status)
    return list(session.scalars(stmt))


def set_job_status(session: Session, job_id: str, status: str, *, error: str | None = None) -> None:
    """Set status (and error); stamps ``started_at``/``finished_at`` on the relevant transitions."""
    values: dict[str, Any] = {"status": status, "updated_at": utcnow()}
    if error is not None:
        values["error"] = error
    if status == JobStatus.IN_PROGRESS:
        values["started_at"] = func.coalesce(Job.started_at, utcnow())
        values["finished_at"] = None
    if status in TERMINAL_JOB_STATUSES:
        values["finished_at"] = utcnow()
    session.execute(update(Job).where(Job.id == job_id).values(**values))


def bump_job_counters(session: Session, job_id: str, *, completed: int = 0, failed: int = 0) -> None:
    """Atomic ``completed += n, failed += m`` (one UPDATE, safe under concurrent workers)."""
    if not completed and not failed:
        return
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(completed=Job.completed + completed, failed=Job.failed + failed, updated_at=utcnow())
    )


def _running_batches(session: Session, job_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Batch)
            .where(Batch.job_id == job_id, Batch.status == BatchStatus.RUNNING)
        )
        or 0
    )


def maybe_finalize(session: Session, job_id: str) -> str | None:
    """Move the job to its terminal state when its work is over; return the new status or None.

    ``in_progress``/``cancelling`` -> ``completed`` once completed + failed
    reaches total (a cancel that came too late to stop anything leaves every result there, so
    the job is complete); otherwise ``cancelling`` -> ``cancelled`` once no batch of the job is
    running. Conditional UPDATEs make concurrent callers agree: exactly one of them sees the
    transition.
    """
    now = utcnow()
    done = session.execute(
        update(Job)
        .where(
            Job.id == job_id,
            Job.status.in_([JobStatus.IN_PROGRESS, JobStatus.CANCELLING]),
            Job.completed + Job.failed >= Job.total,
        )
        .values(status=JobStatus.COMPLETED, finished_at=now, updated_at=now)
    )
    if done.rowcount:  # type: ignore[attr-defined]
        return JobStatus.COMPLETED
    if _running_batches(session, job_id) == 0:
        cancelled = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.CANCELLING)
            .values(status=JobStatus.CANCELLED, finished_at=now, updated_at=now)
        )
        if cancelled.rowcount:  # type: ignore[attr-defined]
            return JobStatus.CANCELLED
    return None


def request_cancel(session: Session, job_id: str) -> str:
    """Flag the job for cancellation; return its status afterwards.

    Workers check the flag before each batch. With no batch running the job is cancelled at
    once; otherwise it is ``cancelling`` until the running batches end (``maybe_finalize``).
    Terminal jobs are left as they are.
    """
    job = session.get(Job, job_id, with_for_update=True)
    if job is None:
        raise KeyError(job_id)
    if job.status in TERMINAL_JOB_STATUSES:
        return job.status
    job.cancel_requested = True
    if job.status == JobStatus.VALIDATING:
        # Nothing is enqueued before validation ends, so nothing runs: cancelled now. A submit
        # still validating it records its lines and leaves it cancelled (see producer.submit).
        job.status = JobStatus.CANCELLED
        job.finished_at = job.updated_at = utcnow()
        return JobStatus.CANCELLED
    job.status = JobStatus.CANCELLING
    session.flush()
    return maybe_finalize(session, job_id) or JobStatus.CANCELLING


def reopen_job(session: Session, job_id: str) -> None:
    """Clear a cancel request and put the job back in progress (used by resume)."""
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(cancel_requested=False, status=JobStatus.IN_PROGRESS, finished_at=None, updated_at=utcnow())
    )


def is_cancel_requested(session: Session, job_id: str) -> bool:
    return bool(session.scalar(select(Job.cancel_requested).where(Job.id == job_id)))


def job_counts(session: Session, job_id: str) -> JobCounts:
    """Counts from the prompts table itself (the job counters are a cached copy of these)."""
    rows = dict(
        session.execute(
            select(Prompt.status, func.count()).where(Prompt.job_id == job_id).group_by(Prompt.status)
        ).all()
    )
    invalid = session.scalar(select(func.count()).select_from(InputError).where(InputError.job_id == job_id))
    return JobCounts(
        total=sum(rows.values()),
        pending=rows.get(PromptStatus.PENDING, 0),
        routed=rows.get(PromptStatus.ROUTED, 0),
        completed=rows.get(PromptStatus.DONE, 0),
        failed=rows.get(PromptStatus.FAILED, 0),
        invalid=invalid or 0,
    )


# --------------------------------------------------------------------------- prompts


def add_prompts_bulk(session: Session, job_id: str, prompts: Iterable[PromptRow]) -> int:
    """Insert prompts with Core executemany; return how many were inserted."""
    now = utcnow()
    n = 0
    chunk: list[dict[str, Any]] = []
    stmt = insert(Prompt)
    for p in prompts:
        chunk.append(
            {
                "job_id": job_id,
                "custom_id": p.custom_id,
                "position": p.position,
                "text": p.text,
                "messages": p.messages,
                "token_ids": p.token_ids,
                "params": p.params,
                "prompt_tokens": p.prompt_tokens,
                "request_key": p.request_key,
                "status": PromptStatus.PENDING,
                "attempts": 0,
                "updated_at": now,
            }
        )
        if len(chunk) >= _CHUNK:
            session.execute(stmt, chunk)
            n += len(chunk)
            chunk = []
    if chunk:
        session.execute(stmt, chunk)
        n += len(chunk)
    return n


def add_input_errors(session: Session, job_id: str, errors: Iterable[InputErrorRow]) -> int:
    """Record bad input lines; return how many."""
    rows = [
        {
            "job_id": job_id,
            "position": e.position,
            "custom_id": e.custom_id,
            "reason": e.reason,
            "raw": e.raw[:RAW_EXCERPT_CHARS] if e.raw is not None else None,
        }
        for e in errors
    ]
    for i in range(0, len(rows), _CHUNK):
        session.execute(insert(InputError), rows[i : i + _CHUNK])
    return len(rows)


def prompt_ids(session: Session, job_id: str) -> list[int]:
    """Every prompt id of the job, ascending."""
    return list(session.scalars(select(Prompt.id).where(Prompt.job_id == job_id).order_by(Prompt.id)))


def prompts_in_range(
    session: Session, job_id: str, first: int, last: int, *, include_finished: bool = False
) -> list[Prompt]:
    """Prompts of the job with ``first <= id <= last``, by id (one ``route_chunk`` message).

    Prompts already done or failed are left out unless ``include_finished``: a resumed job
    re-sends ranges that may contain them.
    """
    stmt = select(Prompt).where(Prompt.job_id == job_id, Prompt.id.between(first, last))
    if not include_finished:
        stmt = stmt.where(Prompt.status.in_([PromptStatus.PENDING, PromptStatus.ROUTED]))
    return list(session.scalars(stmt.order_by(Prompt.id)))


def get_prompts(session: Session, ids: Sequence[int]) -> list[Prompt]:
    """Prompts by id, in the order of ``ids`` (missing ids are skipped)."""
    found: dict[int, Prompt] = {}
    for i in range(0, len(ids), _CHUNK):
        for p in session.scalars(select(Prompt).where(Prompt.id.in_(ids[i : i + _CHUNK]))):
            found[p.id] = p
    return [found[i] for i in ids if i in found]


def reopen_failed_prompts(session: Session, job_id: str, *, max_attempts: int) -> tuple[int, int]:
    """Failed prompts of the job decoded fewer than ``max_attempts`` times go back to pending.

    The job's failed counter drops by the number reopened. Returns (reopened, left failed
    because they reached the attempt limit).
    """
    failed = PromptStatus.FAILED
    res = session.execute(
        update(Prompt)
        .where(Prompt.job_id == job_id, Prompt.status == failed, Prompt.attempts < max_attempts)
        .values(status=PromptStatus.PENDING, error=None, updated_at=utcnow())
    )
    reopened = int(res.rowcount)  # type: ignore[attr-defined]
    if reopened:
        session.execute(update(Job).where(Job.id == job_id).values(failed=Job.failed - reopened))
    left = session.scalar(
        select(func.count()).select_from(Prompt).where(Prompt.job_id == job_id, Prompt.status == failed)
    )
    return reopened, int(left or 0)


def reuse_earlier_results(session: Session, job_id: str, reused_draft: str) -> int:
    """Give each prompt of the job whose request key matches an earlier result a copy of it.

    The copy keeps the output and token counts, names ``reused_draft`` as its draft, points at
    the original row (``reused_from``) and carries no speculation statistics. Returns the
    number of prompts served this way (they count as completed).
    """
    earlier = aliased(Prompt)
    first = (
        select(Prompt.id.label("new_id"), func.min(Result.id).label("result_id"))
        .join(earlier, and_(earlier.request_key == Prompt.request_key, earlier.job_id != Prompt.job_id))
        .join(Result, Result.prompt_id == earlier.id)
        .where(Prompt.job_id == job_id, Prompt.request_key.is_not(None), Result.reused_from.is_(None))
        .group_by(Prompt.id)
        .subquery()
    )
    rows = [
        ResultRow(
            prompt_id=new_id,
            job_id=job_id,
            output_text=r.output_text,
            output_tokens=r.output_tokens,
            finish_reason=r.finish_reason,
            target=r.target,
            draft=reused_draft,
            task=r.task,
            prompt_tokens=r.prompt_tokens,
            logprobs=r.logprobs,  # the key holds `logprobs` and `echo`, so the original asked for the same
            prompt_text=r.prompt_text,
            prompt_logprobs=r.prompt_logprobs,
            reused_from=r.id,
        )  # fmt: skip
        for new_id, r in session.execute(
            select(first.c.new_id, Result).join(Result, Result.id == first.c.result_id)
        ).all()
    ]
    return upsert_results(session, rows).inserted if rows else 0


def pending_prompt_ids(session: Session, job_id: str) -> list[int]:
    """Prompts still without a result and not failed: the work ``resume`` re-enqueues."""
    stmt = (
        select(Prompt.id)
        .outerjoin(Result, Result.prompt_id == Prompt.id)
        .where(
            Prompt.job_id == job_id,
            Prompt.status.in_([PromptStatus.PENDING, PromptStatus.ROUTED]),
            Result.id.is_(None),
        )
        .order_by(Prompt.id)
    )
    return list(session.scalars(stmt))


def set_prompt_routes(session: Session, routes: Sequence[PromptRoute]) -> None:
    """Store task and draft on each prompt and mark it routed (done/failed prompts keep their state)."""
    if not routes:
        return
    now = utcnow()
    ids = [r.prompt_id for r in routes]
    settled = set(
        session.scalars(
            select(Prompt.id).where(
                Prompt.id.in_(ids), Prompt.status.in_([PromptStatus.DONE, PromptStatus.FAILED])
            )
        )
    )
    rows = [
        {
            "id": r.prompt_id,
            "task": r.task,
            "draft": r.draft,
            "status": PromptStatus.ROUTED,
            "updated_at": now,
            **({"prompt_tokens": r.prompt_tokens} if r.prompt_tokens is not None else {}),
        }
        for r in routes
        if r.prompt_id not in settled
    ]
    # Bulk UPDATE by primary key needs the same keys in every row.
    with_tokens = [r for r in rows if "prompt_tokens" in r]
    without = [r for r in rows if "prompt_tokens" not in r]
    for group in (with_tokens, without):
        if group:
            session.execute(update(Prompt), group)


def bump_attempts(session: Session, prompt_ids: Sequence[int]) -> None:
    """Count one more decode attempt for each prompt (a redelivered batch is visible here)."""
    if prompt_ids:
        session.execute(update(Prompt).where(Prompt.id.in_(prompt_ids)).values(attempts=Prompt.attempts + 1))


def mark_prompts_failed(session: Session, job_id: str, failures: Sequence[tuple[int, str]]) -> int:
    """Mark ``(prompt_id, error)`` pairs failed; bump the job's failed counter for newly failed ones.

    Prompts that already have a result or already failed are left alone (idempotent). Like
    ``upsert_results``, finalizes the job when this was its last open prompt.
    """
    if not failures:
        return 0
    now = utcnow()
    n = 0
    for prompt_id, error in failures:
        res = session.execute(
            update(Prompt)
            .where(
                Prompt.id == prompt_id,
                Prompt.job_id == job_id,
                Prompt.status.in_([PromptStatus.PENDING, PromptStatus.ROUTED]),
            )
            .values(status=PromptStatus.FAILED, error=error, updated_at=now)
        )
        n += res.rowcount  # type: ignore[attr-defined]
    bump_job_counters(session, job_id, failed=n)
    if n:
        maybe_finalize(session, job_id)
    return n


# --------------------------------------------------------------------------- results


def _insert_for(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return sqlite.insert
    if dialect == "postgresql":
        return postgresql.insert
    raise NotImplementedError(f"upsert_results supports sqlite and postgresql, not {dialect}")


def upsert_results(session: Session, rows: Sequence[ResultRow]) -> UpsertOutcome:
    """Insert results once per prompt; mark prompts done; bump counters for new rows only.

    A redelivered batch writes the same prompt ids again: ``ON CONFLICT DO NOTHING`` keeps the
    first result and the counters move only by the rows actually inserted, so a job is never
    double-counted. Calls ``maybe_finalize`` for each job touched.
    """
    if not rows:
        return UpsertOutcome(inserted=0, duplicates=0)
    insert_fn = _insert_for(session)
    now = utcnow()
    inserted: list[int] = []
    dicts = [{**asdict(r), "created_at": now} for r in rows]
    # One cached statement executed over all rows (SQLAlchemy batches it as insertmanyvalues);
    # a `.values(list)` statement would be recompiled on every call.
    stmt = (
        insert_fn(Result)
        .on_conflict_do_nothing(index_elements=[Result.prompt_id])
        .returning(Result.prompt_id)
    )
    inserted.extend(session.scalars(stmt, dicts))
    job_of = {r.prompt_id: r.job_id for r in rows}
    finalized: str | None = None
    by_job: dict[str, list[int]] = {}
    for pid in inserted:
        by_job.setdefault(job_of[pid], []).append(pid)
    for job_id, pids in by_job.items():
        # A prompt that failed on an earlier attempt and now has a result moves failed -> completed.
        was_failed = (
            session.scalar(
                select(func.count()).where(Prompt.id.in_(pids), Prompt.status == PromptStatus.FAILED)
            )
            or 0
        )
        session.execute(
            update(Prompt)
            .where(Prompt.id.in_(pids))
            .values(status=PromptStatus.DONE, error=None, updated_at=now)
        )
        bump_job_counters(session, job_id, completed=len(pids), failed=-was_failed)
    for job_id in {r.job_id for r in rows}:
        finalized = maybe_finalize(session, job_id) or finalized
    return UpsertOutcome(
        inserted=len(inserted),
        duplicates=len(rows) - len(inserted),
        finalized=finalized,
        inserted_ids=inserted,
    )


# --------------------------------------------------------------------------- batches


def record_batch(session: Session, batch: BatchRow) -> None:
    """Insert a queued batch (a re-enqueued batch id is left as it is)."""
    insert_fn = _insert_for(session)
    values = {**asdict(batch), "status": BatchStatus.QUEUED, "enqueued_at": utcnow()}
    session.execute(insert_fn(Batch).values(values).on_conflict_do_nothing(index_elements=[Batch.id]))


def get_batch(session: Session, batch_id: str) -> Batch | None:
    return session.get(Batch, batch_id)


def start_batch(session: Session, batch_id: str, *, worker: str | None, host: str, pid: int) -> None:
    """Mark a batch running in process ``pid`` on ``host``, with a first heartbeat."""
    now = utcnow()
    session.execute(
        update(Batch)
        .where(Batch.id == batch_id)
        .values(
            status=BatchStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            worker=worker,
            worker_host=host,
            worker_pid=pid,
        )
    )


def hold_batch(session: Session, batch_id: str, *, worker: str | None, host: str, pid: int) -> bool:
    """Mark a queued batch as held by process ``pid`` on ``host`` (its message was delivered there
    and waits for a free thread), so the batch is recovered if that process dies before it runs."""
    res = session.execute(
        update(Batch)
        .where(Batch.id == batch_id, Batch.status == BatchStatus.QUEUED)
        .values(worker=worker, worker_host=host, worker_pid=pid, heartbeat_at=utcnow())
    )
    return bool(res.rowcount)  # type: ignore[attr-defined]


def touch_batches(session: Session, batch_ids: Sequence[str], *, host: str, pid: int) -> int:
    """Heartbeat: stamp the held and running batches of process ``pid`` on ``host``; return how many.

    A batch another process re-queued meanwhile (this one was presumed dead) is left alone.
    """
    if not batch_ids:
        return 0
    res = session.execute(
        update(Batch)
        .where(
            Batch.id.in_(list(batch_ids)),
            Batch.status.in_([BatchStatus.QUEUED, BatchStatus.RUNNING]),
            Batch.worker_host == host,
            Batch.worker_pid == pid,
        )
        .values(heartbeat_at=utcnow())
    )
    return int(res.rowcount)  # type: ignore[attr-defined]


def orphaned_batches(
    session: Session, *, stale_before: datetime, host: str, alive: Callable[[int], bool]
) -> list[Batch]:
    """Batches whose worker is gone: running, or queued but held by a worker (delivered, waiting
    for a thread), with a heartbeat older than ``stale_before`` or a worker on ``host`` whose pid
    ``alive`` says is dead."""
    held = and_(Batch.status == BatchStatus.QUEUED, Batch.worker_pid.is_not(None))
    candidates = session.scalars(
        select(Batch).where(or_(Batch.status == BatchStatus.RUNNING, held)).order_by(Batch.enqueued_at)
    )
    out = []
    for b in candidates:
        last = b.heartbeat_at or b.started_at
        stale = last is None or _aware(last) < stale_before
        dead = b.worker_host == host and b.worker_pid is not None and not alive(b.worker_pid)
        if stale or dead:
            out.append(b)
    return out


def _aware(dt: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def requeue_batch(session: Session, batch: Batch) -> bool:
    """Put an orphaned batch back to ``queued``, held by no one; True for the one caller that did it.

    Conditional on the row being as ``batch`` saw it (same status, same worker, same
    heartbeat), so concurrent sweepers re-queue it once, and a heartbeat that arrived since
    (a slow worker, not a dead one) keeps it running.
    """
    beat = (
        Batch.heartbeat_at.is_(None)
        if batch.heartbeat_at is None
        else Batch.heartbeat_at == batch.heartbeat_at
    )
    pid = Batch.worker_pid.is_(None) if batch.worker_pid is None else Batch.worker_pid == batch.worker_pid
    res = session.execute(
        update(Batch)
        .where(
            Batch.id == batch.id,
            Batch.status == batch.status,
            Batch.recoveries == batch.recoveries,
            beat,
            pid,
        )
        .values(
            status=BatchStatus.QUEUED,
            worker_pid=None,
            heartbeat_at=None,
            recoveries=Batch.recoveries + 1,
            recovered_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    return bool(res.rowcount)  # type: ignore[attr-defined]


def _awaiting_delivery(sent_before: datetime) -> Select[Batch]:
    """Queued batches of live jobs that no worker holds, whose message was sent (recorded or
    re-queued) before ``sent_before``: each should have its message in a queue of the broker."""
    return (
        select(Batch)
        .join(Job, Job.id == Batch.job_id)
        .where(
            Batch.status == BatchStatus.QUEUED,
            Batch.worker_pid.is_(None),
            func.coalesce(Batch.recovered_at, Batch.enqueued_at) < sent_before,
            Job.status == JobStatus.IN_PROGRESS,
            Job.cancel_requested.is_(False),
        )
    )


def count_awaiting_delivery(session: Session, *, sent_before: datetime) -> int:
    """How many batches :func:`awaiting_delivery` returns (one cheap query)."""
    stmt = _awaiting_delivery(sent_before).with_only_columns(func.count()).order_by(None)
    return int(session.scalar(stmt) or 0)


def awaiting_delivery(
    session: Session, *, sent_before: datetime, ids: Sequence[str] | None = None
) -> list[Batch]:
    """Queued batches of in-progress jobs held by no worker, sent before ``sent_before`` (only
    those among ``ids`` when given)."""
    stmt = _awaiting_delivery(sent_before)
    if ids is not None:
        stmt = stmt.where(Batch.id.in_(list(ids)))
    return list(session.scalars(stmt.order_by(Batch.enqueued_at)))


@dataclass(frozen=True, slots=True)
class Recovery:
    """Batches of a job waiting on recovery: re-queued after their worker died, or silent."""

    requeued: int  # re-queued after their worker was found gone, not picked up again yet
    silent: int  # running, heartbeat older than the stale limit: about to be re-queued


def job_recovery(session: Session, job_id: str, *, stale_before: datetime) -> Recovery:
    requeued = session.scalar(
        select(func.count())
        .select_from(Batch)
        .where(Batch.job_id == job_id, Batch.status == BatchStatus.QUEUED, Batch.recoveries > 0)
    )
    silent = session.scalar(
        select(func.count())
        .select_from(Batch)
        .where(Batch.job_id == job_id, Batch.status == BatchStatus.RUNNING, Batch.heartbeat_at < stale_before)
    )
    return Recovery(int(requeued or 0), int(silent or 0))


def set_batch_status(
    session: Session,
    batch_id: str,
    status: str,
    *,
    worker: str | None = None,
    seconds: float | None = None,
    output_tokens: int | None = None,
) -> None:
    """Move a batch to running/done/failed, stamping started_at/finished_at."""
    now = utcnow()
    values: dict[str, Any] = {"status": status}
    if worker is not None:
        values["worker"] = worker
    if status == BatchStatus.RUNNING:
        values["started_at"] = now
    if status in (BatchStatus.DONE, BatchStatus.FAILED):
        values["finished_at"] = now
    if seconds is not None:
        values["seconds"] = seconds
    if output_tokens is not None:
        values["output_tokens"] = output_tokens
    session.execute(update(Batch).where(Batch.id == batch_id).values(**values))


# --------------------------------------------------------------------------- assignments


def get_assignment(session: Session, target: str, task: str) -> Assignment | None:
    return session.scalar(select(Assignment).where(Assignment.target == target, Assignment.task == task))


def list_assignments(session: Session, target: str | None = None) -> list[Assignment]:
    stmt = select(Assignment).order_by(Assignment.target, Assignment.task)
    if target is not None:
        stmt = stmt.where(Assignment.target == target)
    return list(session.scalars(stmt))


def set_assignment(
    session: Session,
    target: str,
    task: str,
    draft: str,
    *,
    acceptance: float | None = None,
    mean_accepted: float | None = None,
    samples: int = 0,
    source: str = "config",
    reason: str = "",
    evidence: dict[str, Any] | None = None,
) -> Assignment:
    """Create or update the draft of (target, task); log an assignment_events row when it changes."""
    current = get_assignment(session, target, task)
    old = current.draft if current is not None else None
    if current is None:
        current = Assignment(target=target, task=task, draft=draft)
        session.add(current)
    current.draft = draft
    current.acceptance = acceptance
    current.mean_accepted = mean_accepted
    current.samples = samples
    current.source = source
    current.updated_at = utcnow()
    if old != draft:
        session.add(
            AssignmentEvent(
                target=target, task=task, old_draft=old, new_draft=draft, reason=reason, evidence=evidence
            )
        )
    session.flush()
    return current


def assignment_events(session: Session, target: str | None = None) -> list[AssignmentEvent]:
    stmt = select(AssignmentEvent).order_by(AssignmentEvent.id)
    if target is not None:
        stmt = stmt.where(AssignmentEvent.target == target)
    return list(session.scalars(stmt))


def acceptance_stats(
    session: Session,
    target: str,
    task: str | None,
    *,
    job_id: str | None = None,
    since: datetime | None = None,
) -> list[DraftMeasure]:
    """Per-draft sums over results of (target, task) (``task=None`` = all tasks), best first.

    ``since``: only results stored at or after this time (the assignment policy's window).
    """
    conds = [Result.target == target]
    if task is not None:
        conds.append(Result.task == task)
    if job_id is not None:
        conds.append(Result.job_id == job_id)
    if since is not None:
        conds.append(Result.created_at >= since)
    stmt = (
        select(
            Result.draft,
            func.count(),
            func.coalesce(func.sum(Result.drafted_tokens), 0),
            func.coalesce(func.sum(Result.accepted_tokens), 0),
            func.coalesce(func.sum(Result.steps), 0),
        )
        .where(and_(*conds))
        .group_by(Result.draft)
    )
    stats = [DraftMeasure(d, int(n), int(dr), int(ac), int(st)) for d, n, dr, ac, st in session.execute(stmt)]
    return sorted(stats, key=lambda s: s.mean_accepted or 0.0, reverse=True)


# --------------------------------------------------------------------------- export


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One input line as export sees it: a prompt (with or without result) or an input error."""

    position: int
    custom_id: str | None
    prompt: Prompt | None
    result: Result | None
    input_error: InputError | None


def iter_job_lines(session: Session, job_id: str, *, chunk: int = 2000) -> Iterator[ExportRow]:
    """Every input line of the job in input order, merging prompts (+results) and input errors.

    Streams in chunks so a 100k-line job never sits in memory whole. A line asking for ``n``
    completions has ``n`` prompts at its position, in choice order (their ids ascend).
    """
    errors = list(
        session.scalars(
            select(InputError).where(InputError.job_id == job_id).order_by(InputError.position, InputError.id)
        )
    )
    ei = 0
    # File-level errors (position 0) come first.
    last_pos, last_id = 0, 0
    while True:
        after = or_(Prompt.position > last_pos, and_(Prompt.position == last_pos, Prompt.id > last_id))
        batch = list(
            session.execute(
                select(Prompt, Result)
                .outerjoin(Result, Result.prompt_id == Prompt.id)
                .where(Prompt.job_id == job_id, after)
                .order_by(Prompt.position, Prompt.id)
                .limit(chunk)
            ).all()
        )
        for prompt, result in batch:
            while ei < len(errors) and errors[ei].position <= prompt.position:
                e = errors[ei]
                yield ExportRow(e.position, e.custom_id, None, None, e)
                ei += 1
            yield ExportRow(prompt.position, prompt.custom_id, prompt, result, None)
            last_pos, last_id = prompt.position, prompt.id
        if len(batch) < chunk:
            break
    for e in errors[ei:]:
        yield ExportRow(e.position, e.custom_id, None, None, e)
