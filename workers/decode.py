"""Decoding: claim a batch, run its prompts through the pairing's speculative decoder, persist.

``decode_batch(batch_id)`` is the Celery task (queue ``specq.decode.<target>.<draft>``); the
batch row holds its job, pairing and prompts. :func:`run_batch` is the library function
behind it: it claims the batch here, hands the rows to the worker's
:class:`~workers.decode_loop.DecodeLoop` (one decoding thread, one writer thread) and waits
until every prompt of the batch is written, so the message is acknowledged only then.

Idempotent under redelivery: prompts that already have a result (or failed for good) are
skipped before decoding, and results are upserted once per prompt in the same transaction
that bumps the job counters and finalizes the job, so a batch delivered twice (worker killed
after a commit, before the ack) never double-counts.
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import asdict
from datetime import UTC
from typing import Any

from celery import Task, signals
from sqlalchemy.exc import OperationalError

from db import queries
from db.schema import TERMINAL_JOB_STATUSES, BatchStatus, Job, JobPriority, PromptStatus, utcnow
from db.session import session_scope
from specq.broker import DECODE_TASK, Pairing, pairings_of_queues
from specq.deployment import NO_DRAFT, load_deployment
from specq.settings import get_settings
from workers import recovery
from workers.app import celery_app
from workers.decode_loop import BatchOutcome, DecodeLoop, loop_for
from workers.prompts import ClaimedBatch, WorkItem, draft_of, merged_params

log = logging.getLogger(__name__)

# Seconds between two online re-assignments of the same (target, task) by one worker.
ASSIGNMENT_UPDATE_INTERVAL_S = 5.0
_last_update: dict[tuple[str, str], float] = {}


# ---------------------------------------------------------------------------------------------
# The batch: claim, decode, persist
# ---------------------------------------------------------------------------------------------


def claim(batch_id: str, worker: str | None) -> tuple[str, ClaimedBatch | None]:
    """Check cancel, pick the prompts still to do, mark the batch running here (one transaction).

    Returns ("running", batch) or (status, None) with status skipped | cancelled | missing.
    """
    with session_scope() as session:
        batch = queries.get_batch(session, batch_id)
        if batch is None:
            return "missing", None
        # Lock the job row: request_cancel locks it too, so either it sees this batch running or
        # this claim sees the cancel flag (PostgreSQL; SQLite serializes writers anyway).
        job = session.get(Job, batch.job_id, with_for_update=True)
        if job is None:
            return "missing", None
        if job.cancel_requested or job.status in TERMINAL_JOB_STATUSES:
            if batch.status == BatchStatus.QUEUED:
                # Its message is consumed here and its prompts stay routed for `specq resume`, which
                # routes them into new batches. Left queued and held by this process, the batch would
                # go stale once its heartbeat stops and be re-sent (and refused) every
                # SPECQ_HEARTBEAT_STALE_S for as long as the job stays cancelled.
                queries.set_batch_status(session, batch_id, BatchStatus.FAILED)
            queries.maybe_finalize(session, job.id)  # a cancelling job with nothing running becomes cancelled
            return "cancelled", None
        if batch.status == BatchStatus.RUNNING and _alive_elsewhere(batch):
            # A second delivery of a batch another live worker decodes (e.g. the broker restored a
            # message that recovery had already re-sent): leave it to that worker.
            return "skipped", None
        prompts = queries.get_prompts(session, list(batch.prompt_ids or []))
        todo = [
            p
            for p in prompts
            if p.job_id == job.id and p.status in (PromptStatus.PENDING, PromptStatus.ROUTED)
        ]
        if not todo:
            if batch.status != BatchStatus.DONE:  # e.g. re-queued, then finished by another delivery
                queries.set_batch_status(session, batch_id, BatchStatus.DONE)
            return "skipped", None
        queries.start_batch(session, batch_id, worker=worker, host=recovery.HOST, pid=os.getpid())
        queries.bump_attempts(session, [p.id for p in todo])
        items = [
            WorkItem(p.id, p.task, p.text, p.messages, merged_params(job, p), p.draft, p.token_ids)
            for p in todo
        ]
        pair = Pairing.parse(batch.pairing)
        interactive = job.priority == JobPriority.INTERACTIVE
        return "running", ClaimedBatch(batch_id, job.id, pair.target, pair.draft, items, interactive)


def _alive_elsewhere(batch: Any) -> bool:
    if batch.worker_host == recovery.HOST and batch.worker_pid == os.getpid():
        return False  # this process's own earlier claim (a retried task)
    if batch.worker_host == recovery.HOST and batch.worker_pid is not None:
        return recovery.pid_alive(batch.worker_pid)
    beat = batch.heartbeat_at
    if beat is None:
        return False
    beat = beat if beat.tzinfo is not None else beat.replace(tzinfo=UTC)
    return (utcnow() - beat).total_seconds() < get_settings().heartbeat_stale_s


def _update_assignments(target: str, tasks: set[str]) -> None:
    """Let the online policy re-decide the draft of (target, task) from the acceptance just stored.

    Its own transaction, after the results' commit: the batch is done whatever happens here,
    and a failure is retried, in effect, by the next batch of the same task. At most once per
    (target, task) every ASSIGNMENT_UPDATE_INTERVAL_S in a process: the policy aggregates every
    result of the pair, which is not worth paying after each of many small batches.
    """
    from workers.assignment import update_assignment

    now = time.monotonic()
    tasks = {
        t for t in tasks if now - _last_update.get((target, t), -math.inf) >= ASSIGNMENT_UPDATE_INTERVAL_S
    }
    if not tasks:
        return
    _last_update.update({(target, t): now for t in tasks})
    try:
        deployment = load_deployment()  # re-read: `specq align --register` may have added a draft
        with session_scope() as session:
            for task in sorted(tasks):
                update_assignment(session, deployment, target, task)
    except Exception:
        log.exception("updating the draft assignment of %s for tasks %s failed", target, sorted(tasks))


def _release(batch_id: str) -> None:
    """Best effort after an error escaped the batch: a batch left "running" would keep a
    cancelling job from ever becoming cancelled. Its prompts stay routed for `specq resume`."""
    try:
        with session_scope() as session:
            queries.set_batch_status(session, batch_id, BatchStatus.FAILED)
    except Exception:  # the database itself may be what failed; the original error is re-raised
        log.exception("could not mark batch %s failed", batch_id)


def run_batch(
    batch_id: str,
    *,
    runtime: Any = None,
    loop: DecodeLoop | None = None,
    worker: str | None = None,
) -> BatchOutcome:
    """Decode one batch end to end (library entry point of the ``decode_batch`` task).

    Returns when every prompt of the batch is written; other batches may be decoding in the
    same loop meanwhile (each from its own thread).
    """
    beat = recovery.heartbeat()
    beat.add(batch_id)
    try:
        status, claimed = claim(batch_id, worker)
        if claimed is None:
            log.info("batch %s: %s", batch_id, status)
            return BatchOutcome(batch_id, status)
        if loop is None:
            if runtime is None:
                from workers.runtime import get_runtime

                runtime = get_runtime()
            loop = loop_for(runtime, worker=worker)
        try:
            outcome = loop.submit(claimed).wait()
        except BaseException:
            _release(batch_id)
            raise
    finally:
        beat.discard(batch_id)
    drafted = {i.task for i in claimed.items if i.task is not None and draft_of(claimed, i) != NO_DRAFT}
    if outcome.inserted and drafted:
        _update_assignments(claimed.target, drafted)
    log.info(
        "batch %s (%s/%s, %d prompts): %d tokens, %.2fs of engine time, %d new results, %d duplicates, "
        "%d failed",
        batch_id,
        claimed.target,
        claimed.draft,
        len(claimed.items),
        outcome.output_tokens,
        outcome.seconds,
        outcome.inserted,
        outcome.duplicates,
        outcome.failed,
    )
    return outcome


@celery_app.task(
    name=DECODE_TASK,
    bind=True,
    # The database briefly unreachable or locked: the batch is retried whole, later.
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=5,
)
def decode_batch(self: Task, batch_id: str) -> dict[str, Any]:
    """Celery task: decode the batch ``batch_id`` (its row holds the job, pairing and prompts)."""
    return asdict(run_batch(batch_id, worker=self.request.hostname))


@signals.worker_init.connect
def _preload_pairings(sender: Any = None, **_: Any) -> None:
    """Load the models of this worker's decode queues before it takes a message.

    A missing model or a draft whose tokenizer differs from its target's stops the worker
    here, with the error, instead of failing every prompt routed to it.
    """
    queues = list(sender.app.amqp.queues.consume_from or {}) if sender is not None else []
    pairings = [(p.target, p.draft) for p in pairings_of_queues(queues)]
    if not pairings:
        return
    from workers.runtime import get_runtime

    try:
        get_runtime().preload(pairings)
    except Exception as exc:
        log.critical("decode worker cannot serve %s: %s", ", ".join(f"{t}/{d}" for t, d in pairings), exc)
        # Celery logs and swallows exceptions raised by signal handlers; SystemExit is not one of them.
        raise SystemExit(3) from exc


def hold(batch_id: str, worker: str | None) -> None:
    """Record that this process holds ``batch_id``'s message (delivered, not yet claimed), so that
    a message waiting for a free thread of a worker killed meanwhile is recovered too."""
    try:
        with session_scope() as session:
            held = queries.hold_batch(session, batch_id, worker=worker, host=recovery.HOST, pid=os.getpid())
    except Exception:  # the task itself will meet the database's trouble and retry
        log.exception("could not mark batch %s held", batch_id)
        return
    if held:
        recovery.heartbeat().add(batch_id)


@signals.task_received.connect
def _hold_received(sender: Any = None, request: Any = None, **_: Any) -> None:
    """Hold a decode message's batch as soon as the message is delivered here."""
    if request is None or request.name != DECODE_TASK or not request.args:
        return
    hold(str(request.args[0]), request.hostname)


@signals.worker_ready.connect
def _start_heartbeat(sender: Any = None, **_: Any) -> None:
    """A decode worker beats for its running batches, and re-queues the batches of dead workers
    now (its predecessor's, when the stack restarted it) and after every beat."""
    queues = list(sender.app.amqp.queues.consume_from or {}) if sender is not None else []
    if not pairings_of_queues(queues):
        return
    try:
        recovery.recover_orphaned_batches()
    except Exception:
        log.exception("recovery sweep at start failed; the heartbeat thread retries it")
    recovery.heartbeat().start()
