"""Job status for people and programs: OpenAI batch statuses, request counts, progress, ETA."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db import queries
from db.schema import TERMINAL_JOB_STATUSES, InputError, Job, JobStatus, Result
from db.session import get_engine, init_db, session_scope
from specq.settings import get_settings

# How many input errors a status report lists (export has all of them).
ERRORS_SHOWN = 20


def as_utc(dt: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; they were written in UTC."""
    if dt is None:
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


@dataclass(frozen=True)
class InputErrorInfo:
    line: int
    custom_id: str | None
    reason: str


@dataclass(frozen=True)
class JobReport:
    """A job's state as ``specq status`` shows it."""

    id: str
    name: str | None
    target: str
    status: str  # OpenAI batch status
    total: int  # prompts to decode
    completed: int
    failed: int
    invalid: int  # bad input lines
    output_tokens: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None
    input_file: str | None
    input_errors: list[InputErrorInfo] = field(default_factory=list)
    # Batches whose decode worker died: re-queued and not picked up yet, or silent past
    # SPECQ_HEARTBEAT_STALE_S and about to be re-queued (workers/recovery.py).
    recovering: int = 0
    # The plan's wall seconds for the whole job (producer/plan.py), while it runs; None once done
    # or when its models are not on this machine.
    planned_s: float | None = None

    @property
    def request_counts(self) -> dict[str, int]:
        """OpenAI's ``request_counts``: every input line, decoded ones, failed + invalid ones."""
        return {
            "total": self.total + self.invalid,
            "completed": self.completed,
            "failed": self.failed + self.invalid,
        }

    @property
    def finished(self) -> int:
        return self.completed + self.failed

    @property
    def remaining(self) -> int:
        return max(self.total - self.finished, 0)

    @property
    def elapsed_s(self) -> float | None:
        start = as_utc(self.started_at)
        if start is None:
            return None
        end = as_utc(self.finished_at) or datetime.now(UTC)
        return max((end - start).total_seconds(), 0.0)

    @property
    def tokens_per_s(self) -> float | None:
        elapsed = self.elapsed_s
        return self.output_tokens / elapsed if elapsed and self.output_tokens else None

    @property
    def eta_s(self) -> float | None:
        """Seconds left: the cost model's plan before the first result, blended into the rate
        measured so far as prompts finish (``producer.plan.job_eta``); None once finished."""
        if self.status in TERMINAL_JOB_STATUSES:
            return None
        from producer.plan import job_eta

        return job_eta(self.planned_s, self.elapsed_s, self.finished, self.total)

    @property
    def done(self) -> bool:
        return self.status in TERMINAL_JOB_STATUSES


class JobNotFound(KeyError):
    def __init__(self, job_id: str) -> None:
        super().__init__(job_id)
        self.job_id = job_id

    def __str__(self) -> str:
        return f"no job {self.job_id!r} in this database; `specq jobs` lists the known ones"


def _report(s: Session, job: Job, errors_shown: int, *, plan: bool = True) -> JobReport:
    """``plan``: predict the job's time for the ETA (one job's status, not a listing of many)."""
    output_tokens = s.scalar(
        select(func.coalesce(func.sum(Result.output_tokens), 0)).where(Result.job_id == job.id)
    )
    errors = (
        list(
            s.scalars(
                select(InputError)
                .where(InputError.job_id == job.id)
                .order_by(InputError.position, InputError.id)
                .limit(errors_shown)
            )
        )
        if errors_shown
        else []
    )
    recovering = 0
    if job.status not in TERMINAL_JOB_STATUSES:
        stale_before = datetime.now(UTC) - timedelta(seconds=get_settings().heartbeat_stale_s)
        rec = queries.job_recovery(s, job.id, stale_before=stale_before)
        recovering = rec.requeued + rec.silent
    planned_s = None
    if plan and job.status not in TERMINAL_JOB_STATUSES and job.total:
        from producer.plan import planned_seconds

        planned_s = planned_seconds(s, job)
    return JobReport(
        id=job.id,
        name=job.name,
        target=job.target,
        status=job.status,
        total=job.total,
        completed=job.completed,
        failed=job.failed,
        invalid=job.invalid,
        output_tokens=int(output_tokens or 0),
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        error=job.error,
        input_file=job.input_file,
        input_errors=[InputErrorInfo(e.position, e.custom_id, e.reason) for e in errors],
        recovering=recovering,
        planned_s=planned_s,
    )


def status(job_id: str, *, engine: Engine | None = None, errors_shown: int = ERRORS_SHOWN) -> JobReport:
    """The state of ``job_id`` (raises :class:`JobNotFound`)."""
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine, read_only=True) as s:
        job = queries.get_job(s, job_id)
        if job is None:
            raise JobNotFound(job_id)
        return _report(s, job, errors_shown)


def jobs(
    *, limit: int = 50, status_filter: str | None = None, engine: Engine | None = None
) -> list[JobReport]:
    """Recent jobs, newest first."""
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine, read_only=True) as s:
        # No plan per listed job (a tokenizer and the cost model each): the listing's ETA is the rate.
        listed = queries.list_jobs(s, limit=limit, status=status_filter)
        return [_report(s, j, 0, plan=False) for j in listed]


def latest_job_id(*, engine: Engine | None = None) -> str | None:
    found = jobs(limit=1, engine=engine)
    return found[0].id if found else None


__all__ = ["JobNotFound", "JobReport", "JobStatus", "jobs", "latest_job_id", "status"]
