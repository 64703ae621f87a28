"""Cancel and resume jobs, and re-enqueue unfinished work after a broker restart.

Resuming is always safe: the database knows which prompts have results, the router skips
finished prompts, and results are upserted once per prompt, so a prompt enqueued twice
costs compute but never duplicates a row or a count.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine, select

from db import queries
from db.schema import Job, JobPriority, JobStatus
from db.session import get_engine, init_db, session_scope
from producer.enqueue import BrokerUnavailable, enqueue_route_chunks
from producer.status import JobNotFound
from specq.settings import get_settings

log = logging.getLogger(__name__)


def cancel(job_id: str, *, engine: Engine | None = None) -> str:
    """Request cancellation; return the job's status afterwards (``cancelling`` or ``cancelled``).

    Queued batches are skipped by the workers, which check the flag before each batch.
    """
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine) as s:
        try:
            return queries.request_cancel(s, job_id)
        except KeyError:
            raise JobNotFound(job_id) from None


@dataclass(frozen=True)
class ResumeResult:
    job_id: str
    prompts: int  # prompts without a result, re-enqueued
    messages: int  # route_chunk messages sent
    status: str
    retried: int = 0  # failed prompts reopened by retry_failed (included in ``prompts``)
    at_limit: int = 0  # failed prompts left failed: they reached the attempt limit


def resume(
    job_id: str, *, retry_failed: bool = False, max_attempts: int | None = None, engine: Engine | None = None
) -> ResumeResult:
    """Re-enqueue every prompt of ``job_id`` without a result (also reopens a cancelled job).

    ``retry_failed`` first puts failed prompts decoded fewer than ``max_attempts`` times
    (default ``SPECQ_RETRY_MAX_ATTEMPTS``) back to pending, so they are decoded again.
    Raises :class:`producer.enqueue.BrokerUnavailable` when no broker answers; nothing is enqueued then.
    """
    engine = engine or get_engine()
    init_db(engine)
    retried = at_limit = 0
    if retry_failed:
        limit = max_attempts if max_attempts is not None else get_settings().retry_max_attempts
        with session_scope(engine) as s:
            if queries.get_job(s, job_id) is None:
                raise JobNotFound(job_id)
            retried, at_limit = queries.reopen_failed_prompts(s, job_id, max_attempts=limit)
        if retried:
            log.info("job %s: %d failed prompts reopened for another attempt", job_id, retried)
    with session_scope(engine, read_only=True) as s:
        job = queries.get_job(s, job_id)
        if job is None:
            raise JobNotFound(job_id)
        status: str = job.status
        total = job.total
        interactive = job.priority == JobPriority.INTERACTIVE
        pending = queries.pending_prompt_ids(s, job_id)
    if status == JobStatus.FAILED and total == 0:  # nothing was ever valid
        return ResumeResult(job_id, 0, 0, status, retried, at_limit)
    if not pending:
        with session_scope(engine) as s:
            # Everything finished while nobody was counting (e.g. the last batch's finalize was lost).
            if status not in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED):
                status = queries.maybe_finalize(s, job_id) or status
        return ResumeResult(job_id, 0, 0, status, retried, at_limit)
    # Reopen before enqueueing: a router that sees the chunk while the cancel flag is still set
    # would drop it. If the broker is down, the job gets its previous state back.
    with session_scope(engine) as s:
        job = queries.get_job(s, job_id)
        assert job is not None
        previous = (job.status, job.cancel_requested, job.finished_at)
        queries.reopen_job(s, job_id)
    try:
        messages = enqueue_route_chunks(job_id, pending, interactive=interactive)
    except BrokerUnavailable:
        with session_scope(engine) as s:
            job = queries.get_job(s, job_id)
            assert job is not None
            job.status, job.cancel_requested, job.finished_at = previous
        raise
    log.info("resumed %s: %d prompts in %d messages", job_id, len(pending), messages)
    return ResumeResult(job_id, len(pending), messages, JobStatus.IN_PROGRESS, retried, at_limit)


def enqueue_unfinished(*, engine: Engine | None = None) -> list[ResumeResult]:
    """Resume every job still in progress (``specq up`` calls this on a fresh broker)."""
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine, read_only=True) as s:
        active = list(
            s.scalars(select(Job.id).where(Job.status == JobStatus.IN_PROGRESS).order_by(Job.created_at))
        )
    return [resume(job_id, engine=engine) for job_id in active]
