"""The specq SQL schema: jobs, prompts, input errors, results, batches and draft assignments.

Typed SQLAlchemy 2 models. Status columns are typed with their enums and stored as plain
VARCHAR (no database enum, no CHECK), so migrations stay identical on SQLite and PostgreSQL.
The MetaData naming convention gives every constraint and index a stable name, which Alembic needs to alter
them later (SQLite batch mode recreates tables and must find constraints by name).
The views over these tables live in :mod:`db.views`; migration 0001 creates both.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are stored in UTC."""
    return datetime.now(UTC)


def status_type(enum: type[StrEnum]) -> Enum:
    """A status column: the enum's values in a VARCHAR(16), read back as enum members."""
    return Enum(enum, native_enum=False, create_constraint=False, length=16,
                values_callable=lambda e: [m.value for m in e])  # fmt: skip


class JobStatus(StrEnum):
    """OpenAI batch statuses, less ``finalizing``: a job's last results and its terminal status are
    written in one transaction, so there is no step between them to show. (An API batch's
    ``finalizing`` is its output files being written, read from ``api_batches.finalizing_at``.)"""

    VALIDATING = "validating"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"


TERMINAL_JOB_STATUSES = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})


class JobPriority(StrEnum):
    """Which lane a job's messages take (``specq/broker.py``)."""

    BULK = "bulk"  # specq.route, specq.decode.<target>: batch jobs
    # specq.route.interactive, specq.interactive.<target>: taken first, and its prompts join a
    # decode worker's running batch at the next step (synchronous API requests)
    INTERACTIVE = "interactive"


class PromptStatus(StrEnum):
    PENDING = "pending"  # recorded, not yet classified
    ROUTED = "routed"  # task + draft chosen, sent to a decode queue
    DONE = "done"  # a results row exists
    FAILED = "failed"  # decoding failed for this prompt; error says why


class BatchStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AssignmentSource(StrEnum):
    CONFIG = "config"  # default_draft of the target in specq.toml
    ASSIGN = "assign"  # `specq assign` (offline measurement)
    ALIGN = "align"  # a draft aligned for this task was registered
    ONLINE = "online"  # re-assigned from acceptance measured in production


# Results of plain decoding (no speculation) carry this draft name; the job summary view
# uses such jobs as the speedup baseline.
NO_DRAFT = "none"
# Draft of a result copied from an earlier identical greedy request (`specq submit --reuse`);
# parentheses keep it apart from every deployment draft name.
REUSED_DRAFT = "(reused)"

JSONDict = dict[str, Any]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # none_as_null: Python None is SQL NULL (not the JSON text 'null'), so IS NULL works in SQL.
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        JSONDict: JSON(none_as_null=True),
        list[int]: JSON(none_as_null=True),
        list[Any]: JSON(none_as_null=True),
    }


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # "job_" + 16 hex
    name: Mapped[str | None] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(100))
    status: Mapped[JobStatus] = mapped_column(status_type(JobStatus), default=JobStatus.VALIDATING)
    priority: Mapped[JobPriority] = mapped_column(
        status_type(JobPriority), default=JobPriority.BULK, server_default=JobPriority.BULK.value
    )
    # Job-level SamplingParams defaults (max_new_tokens, temperature, top_p, seed, stop), plus
    # an optional pinned "draft" (e.g. "none" for a plain-decoding baseline).
    params: Mapped[JSONDict] = mapped_column(default=dict)
    input_file: Mapped[str | None] = mapped_column(Text)
    input_format: Mapped[str | None] = mapped_column(String(16))
    total: Mapped[int] = mapped_column(Integer, default=0)  # good prompts to decode
    completed: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)  # bad input lines (see input_errors)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (Index(None, "status"),)


class Prompt(Base):
    __tablename__ = "prompts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Indexed by the composite indexes below (job_id leads each of them).
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    custom_id: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)  # 1-based input line (row) number
    text: Mapped[str | None] = mapped_column(Text)
    messages: Mapped[list[Any] | None] = mapped_column()
    # A prompt given as token ids (OpenAI's `prompt: [int, ...]`): decoded as they are, no tokenizer.
    token_ids: Mapped[list[int] | None] = mapped_column()
    params: Mapped[JSONDict | None] = mapped_column()  # per-line overrides of the job params
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    task: Mapped[str | None] = mapped_column(String(100))
    draft: Mapped[str | None] = mapped_column(String(100))
    # sha256 of (target model, prompt, output-shaping params) for greedy requests (producer/reuse.py).
    request_key: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[PromptStatus] = mapped_column(status_type(PromptStatus), default=PromptStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("job_id", "custom_id"),
        Index(None, "job_id", "status"),
        Index(None, "job_id", "position"),
    )


class InputError(Base):
    """A bad input line: it never becomes a prompt, but export reports it at its position."""

    __tablename__ = "input_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based line number; 0 = the file as a whole
    custom_id: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(String(200))  # excerpt of the offending line


class Result(Base):
    __tablename__ = "results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # UNIQUE: a redelivered batch upserts the same row instead of adding one.
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"), unique=True)
    job_id: Mapped[str] = mapped_column(
        ForeignKey("jobs.id", ondelete="CASCADE")
    )  # see ix (job_id, task, draft)
    output_text: Mapped[str] = mapped_column(Text, default="")
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    # The target's log-probabilities when the request asked for them (logprobs): per emitted token
    # [token text, logprob, [[alternative, logprob], ...]], the alternatives most likely first.
    logprobs: Mapped[list[Any] | None] = mapped_column()
    # echo: the prompt as returned before the output (a token-id prompt decoded), and, when
    # logprobs were asked too, per prompt token [token text, logprob, [[alternative, logprob], ...]]
    # with the first token's logprob null (nothing precedes it).
    prompt_text: Mapped[str | None] = mapped_column(Text)
    prompt_logprobs: Mapped[list[Any] | None] = mapped_column()
    finish_reason: Mapped[str] = mapped_column(String(16))  # "length" | "stop"
    target: Mapped[str] = mapped_column(String(100))
    draft: Mapped[str] = mapped_column(String(100))  # NO_DRAFT for plain decoding
    task: Mapped[str | None] = mapped_column(String(100))
    k: Mapped[float | None] = mapped_column(Float)  # speculation length; mean k when adaptive
    steps: Mapped[int] = mapped_column(Integer, default=0)  # target forward passes
    drafted_tokens: Mapped[int] = mapped_column(Integer, default=0)
    accepted_tokens: Mapped[int] = mapped_column(Integer, default=0)
    # accepted_per_position[i] = steps in which draft position i was accepted.
    accepted_per_position: Mapped[list[int] | None] = mapped_column()
    draft_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    verify_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    worker: Mapped[str | None] = mapped_column(String(200))
    batch_id: Mapped[str | None] = mapped_column(String(32))
    reused_from: Mapped[int | None] = mapped_column(Integer)  # results.id this row was copied from
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index(None, "job_id", "task", "draft"),
        # The assignment policy's aggregate: one (target, task), recent results, per draft.
        Index(None, "target", "task", "created_at"),
    )


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # hash of job, pairing and prompts
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))  # see ix (job_id, status)
    pairing: Mapped[str] = mapped_column(String(201))  # "<target>/<draft>"
    target: Mapped[str] = mapped_column(String(100))
    draft: Mapped[str] = mapped_column(String(100))
    task: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[BatchStatus] = mapped_column(status_type(BatchStatus), default=BatchStatus.QUEUED)
    worker: Mapped[str | None] = mapped_column(String(200))
    explored: Mapped[bool] = mapped_column(Boolean, default=False)  # sent to a non-assigned draft
    enqueued_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    seconds: Mapped[float | None] = mapped_column(Float)  # decode wall time of the batch
    output_tokens: Mapped[int | None] = mapped_column(Integer)
    prompt_ids: Mapped[list[int] | None] = mapped_column()  # the batch's prompts, in decode order
    # Who decodes a running batch, and when it last said it was alive (workers/recovery.py).
    worker_host: Mapped[str | None] = mapped_column(String(200))
    worker_pid: Mapped[int | None] = mapped_column(Integer)
    heartbeat_at: Mapped[datetime | None] = mapped_column()
    # Times the batch was re-queued after its worker was lost.
    recoveries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    recovered_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (Index(None, "job_id", "status"), Index(None, "status", "heartbeat_at"))


class Assignment(Base):
    """Which draft serves (target, task), with the acceptance measured for it."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target: Mapped[str] = mapped_column(String(100))
    task: Mapped[str] = mapped_column(String(100))
    draft: Mapped[str] = mapped_column(String(100))
    acceptance: Mapped[float | None] = mapped_column(Float)  # accepted / drafted
    mean_accepted: Mapped[float | None] = mapped_column(Float)  # accepted per step
    samples: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(16), default=AssignmentSource.CONFIG)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("target", "task"),)


class AssignmentEvent(Base):
    """History of draft changes for (target, task): why the draft changed, with evidence."""

    __tablename__ = "assignment_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target: Mapped[str] = mapped_column(String(100))
    task: Mapped[str] = mapped_column(String(100))
    old_draft: Mapped[str | None] = mapped_column(String(100))
    new_draft: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[JSONDict | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index(None, "target", "task"),)


class FilePurpose(StrEnum):
    BATCH = "batch"  # an uploaded batch input file
    BATCH_OUTPUT = "batch_output"  # an output or error file written by `specq serve`


class ApiFile(Base):
    """A file of the OpenAI-compatible Files API; its bytes live under ``<data_dir>/files/<id>``."""

    __tablename__ = "api_files"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "file-" + 24 hex
    filename: Mapped[str] = mapped_column(String(255))  # as the client named it; display only
    purpose: Mapped[str] = mapped_column(String(32))
    bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiBatch(Base):
    """An OpenAI-compatible batch: the API's view of one specq job (status derives from the job's).

    ``job_id`` is NULL while the input file is being validated into a job, and for a batch
    refused before any job existed (``errors`` says why).
    """

    __tablename__ = "api_batches"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "batch_" + 24 hex
    job_id: Mapped[str | None] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), unique=True)
    endpoint: Mapped[str] = mapped_column(String(64))
    completion_window: Mapped[str] = mapped_column(String(16))
    input_file_id: Mapped[str] = mapped_column(String(40))
    metadata_: Mapped[JSONDict | None] = mapped_column("metadata")
    errors: Mapped[list[Any] | None] = mapped_column()  # batch-level errors, OpenAI's errors.data
    output_file_id: Mapped[str | None] = mapped_column(String(40))
    error_file_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    cancelling_at: Mapped[datetime | None] = mapped_column()
    expired_at: Mapped[datetime | None] = mapped_column()
    finalizing_at: Mapped[datetime | None] = mapped_column()  # the job ended; files being written
    finalized_at: Mapped[datetime | None] = mapped_column()  # output and error files written

    __table_args__ = (Index(None, "created_at"),)
