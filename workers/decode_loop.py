"""The decode worker's engine loop: one decoding thread kept busy, results written off it.

A decode worker holds up to ``SPECQ_DECODE_INFLIGHT`` batch messages at once (Celery's
threads pool: one task thread per message), plus up to ``SPECQ_INTERACTIVE_INFLIGHT``
interactive ones (its interactive lane, ``workers/lane.py``). Each task thread claims its batch,
tokenizes it and hands its rows to this loop (:meth:`DecodeLoop.submit`), then waits on the
batch's handle. Rows of an interactive batch go ahead of every waiting bulk row and may take
``SPECQ_PRIORITY_ROWS`` rows beyond the session's ``max_rows``: they join the running batch at
the next step. Two threads of the loop do the rest:

- the *decoding thread* runs the engine on the rows waiting, batch after batch, so the next
  batch is already claimed and tokenized when one ends;
- the *writer thread* collects finished rows of every batch (and per-prompt failures) and
  writes them in one transaction per flush; the transaction that writes the last prompt of a
  batch also closes the batch, and only then does the batch's task thread return, so Celery
  acknowledges the message (late ack) once every prompt of it is in SQL.

A worker killed at any point leaves each unacknowledged batch with some prompts written and
the rest not: the batch's redelivery (or its recovery, ``workers/recovery.py``) decodes only
the prompts without a result, and results are inserted once per prompt.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from db import queries
from db.schema import TERMINAL_JOB_STATUSES, BatchStatus, Job
from db.session import session_scope
from specq.deployment import NO_DRAFT
from specq.settings import get_settings
from workers.metrics import worker_metrics
from workers.prompts import (
    ClaimedBatch,
    Row,
    WorkItem,
    draft_of,
    generate_isolating,
    prepare_rows,
    result_row,
)

log = logging.getLogger(__name__)

# The writer flushes when this many finished rows wait, or this long after the first one.
FLUSH_ROWS = 256
FLUSH_S = 0.02


@dataclass
class BatchOutcome:
    """What one ``decode_batch`` call did."""

    batch_id: str
    status: str  # done | skipped (nothing left to do) | cancelled | missing (job or batch deleted)
    prompts: int = 0  # prompts decoded in this call
    inserted: int = 0  # results written
    duplicates: int = 0  # results another delivery had already written
    failed: int = 0  # prompts marked failed
    output_tokens: int = 0
    seconds: float = 0.0  # engine time attributed to this batch
    finalized: str | None = None  # job status this batch moved the job to
    errors: list[str] = field(default_factory=list)


class BatchHandle:
    """A submitted batch: which prompts are still unwritten, what was written, and a done event."""

    def __init__(self, batch: ClaimedBatch) -> None:
        self.batch = batch
        self.open = {i.prompt_id for i in batch.items}
        self.outcome = BatchOutcome(batch.batch_id, "done", prompts=len(batch.items))
        self.engine_seconds = 0.0  # set by the decoding thread before it hands the rows over
        self.decoded = 0
        self._done = threading.Event()
        self._error: BaseException | None = None

    @property
    def failed(self) -> bool:
        return self._error is not None

    def finish(self, error: BaseException | None = None) -> None:
        self._error = error
        self._done.set()

    def wait(self, timeout: float | None = None) -> BatchOutcome:
        """Block until every prompt is written (or the write failed: its error is raised here)."""
        if not self._done.wait(timeout):
            raise TimeoutError(f"batch {self.batch.batch_id} not written after {timeout}s")
        if self._error is not None:
            raise self._error
        return self.outcome


@dataclass(frozen=True)
class _Finished:
    """A row's outcome on its way to the writer: an engine output, or an error."""

    handle: BatchHandle
    row: Row | None
    prompt_id: int
    output: Any = None  # models.engine.speculative.Output
    error: str | None = None


@dataclass(frozen=True)
class _Cancelled:
    """A claimed batch whose job was cancelled before the engine reached it."""

    handle: BatchHandle


Generate = Callable[[str, str, list[list[int]], list[Any]], list[Any]]


class DecodeLoop:
    """Feeds a worker's engine from several claimed batches and writes their results.

    ``runtime`` provides ``target(name)`` (tokenizer, context length) and
    ``generate(target, draft, prompts, params)``. Threads start on the first submit.
    """

    def __init__(self, runtime: Any, *, worker: str | None = None) -> None:
        self.runtime = runtime
        self.worker = worker
        # Tokenizers are not safe to call from several threads at once (task threads tokenize,
        # the writer detokenizes).
        self.tokenizer_lock = threading.Lock()
        self._inbox: queue.Queue[tuple[BatchHandle, list[Row]] | None] = queue.Queue()
        self._out: queue.Queue[_Finished | _Cancelled | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._start_lock = threading.Lock()
        # Decoding thread only: the running session of each target, and its rows by request id.
        self._sessions: dict[str, Any] = {}
        self._rows: dict[int, tuple[BatchHandle, Row, str]] = {}
        self._ids = itertools.count()

    # ------------------------------------------------------------------ public

    def submit(self, batch: ClaimedBatch) -> BatchHandle:
        """Tokenize the batch (in the caller's thread) and queue its rows for the engine."""
        self._ensure_started()
        handle = BatchHandle(batch)
        loaded = self.runtime.target(batch.target)
        with self.tokenizer_lock:
            rows, failures = prepare_rows(loaded.tokenizer, loaded.context_length, batch.items)
        for prompt_id, error in failures:
            self._out.put(_Finished(handle, None, prompt_id, error=error))
        if rows:
            self._inbox.put((handle, rows))
        return handle

    def close(self) -> None:
        """Stop both threads after the work already submitted."""
        with self._start_lock:
            if not self._threads:
                return
            self._inbox.put(None)
            self._threads[0].join()
            self._out.put(None)
            self._threads[1].join()
            self._threads = []

    # ------------------------------------------------------------------ threads

    def _ensure_started(self) -> None:
        with self._start_lock:
            if not self._threads:
                self._threads = [
                    threading.Thread(target=self._decode_forever, name="specq-decode", daemon=True),
                    threading.Thread(target=self._write_forever, name="specq-write", daemon=True),
                ]
                for t in self._threads:
                    t.start()

    def _decode_forever(self) -> None:
        """Admit every submitted batch's rows into the target's running session, step the sessions
        with work, hand each finished row to the writer at once."""
        stop = False
        while not stop or self._rows:
            units, stop = self._take(block=not self._rows and not stop, stop=stop)
            for handle, rows in units:
                self._admit(handle, rows)
            for target in list(self._sessions):
                if self._sessions[target].has_work():
                    self._step(target)
                if target in self._sessions and not self._sessions[target].has_work():
                    del self._sessions[target]  # a new one starts with the next rows: no state carried

    def _take(self, *, block: bool, stop: bool) -> tuple[list[tuple[BatchHandle, list[Row]]], bool]:
        units: list[tuple[BatchHandle, list[Row]]] = []
        try:
            unit = self._inbox.get(block=block)
            while True:
                if unit is None:
                    stop = True
                else:
                    units.append(unit)
                unit = self._inbox.get_nowait()
        except queue.Empty:
            pass
        return units, stop

    def _admit(self, handle: BatchHandle, rows: list[Row]) -> None:
        batch = handle.batch
        if handle.failed:
            return
        try:
            if _cancel_requested(batch.job_id):
                self._out.put(_Cancelled(handle))
                return
            decoder = self.runtime.target_decoder(batch.target)
            for draft in sorted({draft_of(batch, r.item) for r in rows} - {NO_DRAFT}):
                if draft not in decoder.drafts:
                    # A draft is added to a decoder between sessions: finish the running rows first.
                    while batch.target in self._sessions and self._sessions[batch.target].has_work():
                        self._step(batch.target)
                    self.runtime.add_draft(batch.target, draft)
                    decoder = self.runtime.target_decoder(batch.target)
            session = self._sessions.get(batch.target)
            if session is None:
                session = self._sessions[batch.target] = decoder.session(
                    max_rows=self._max_rows(batch.target), priority_rows=get_settings().priority_rows
                )
        except Exception as exc:  # noqa: BLE001 - database away or the draft cannot load: the task retries
            handle.finish(exc)
            return
        for row in rows:
            rid = next(self._ids)
            draft = draft_of(batch, row.item)
            name = None if draft == NO_DRAFT else draft  # the decoder's default draft is plain decoding
            try:
                session.add(
                    rid,
                    row.prompt_ids,
                    row.params,
                    draft=name,
                    task=row.item.task,
                    priority=batch.interactive,
                )
            except ValueError as exc:  # this prompt cannot run here (budget, vocabulary): it fails alone
                self._out.put(_Finished(handle, row, row.item.prompt_id, error=str(exc)))
                continue
            self._rows[rid] = (handle, row, batch.target)

    def _step(self, target: str) -> None:
        session = self._sessions[target]
        start = time.perf_counter()
        try:
            finished = session.step()
        except Exception as exc:  # noqa: BLE001 - isolated below, prompt by prompt
            failure: Exception | None = exc
        else:
            failure = None
        if failure is not None:  # outside the except block: the rescue's own errors chain to nothing
            self._rescue(target, failure)
            return
        self._charge(target, time.perf_counter() - start)
        for rid, out in finished:
            handle, row, _ = self._rows.pop(rid)
            self._out.put(_Finished(handle, row, row.item.prompt_id, output=out))

    def _charge(self, target: str, seconds: float) -> None:
        """Share a step's time among the batches with rows in the session, by their row counts."""
        counts: dict[int, tuple[BatchHandle, int]] = {}
        for handle, _, t in self._rows.values():
            if t == target:
                n = counts.get(id(handle), (handle, 0))[1]
                counts[id(handle)] = (handle, n + 1)
        total = sum(n for _, n in counts.values())
        for handle, n in counts.values():
            handle.engine_seconds += seconds * n / total

    def _rescue(self, target: str, exc: Exception) -> None:
        """The engine failed mid-step: drop the session and decode its rows again, per batch and
        draft, splitting until the failing prompt(s) are isolated (each fails with the error)."""
        log.warning(
            "decoding session of %s failed (%s: %s); isolating its prompts", target, type(exc).__name__, exc
        )
        del self._sessions[target]
        self.runtime.drop_target_decoder(target)  # its session and proposers may hold broken state
        stranded = [rid for rid, (_, _, t) in self._rows.items() if t == target]
        groups: dict[tuple[int, str], tuple[BatchHandle, list[Row]]] = {}
        for rid in stranded:
            handle, row, _ = self._rows.pop(rid)
            key = (id(handle), draft_of(handle.batch, row.item))
            groups.setdefault(key, (handle, []))[1].append(row)
        for (_, draft), (handle, rows) in groups.items():
            start = time.perf_counter()
            ok, bad = generate_isolating(partial(self.runtime.generate, target, draft), rows)
            handle.engine_seconds += time.perf_counter() - start
            for row, out in ok:
                self._out.put(_Finished(handle, row, row.item.prompt_id, output=out))
            for row, error in bad:
                self._out.put(_Finished(handle, row, row.item.prompt_id, error=error))

    def _max_rows(self, target: str) -> int:
        return max_rows(self.runtime.deployment, target)

    def _write_forever(self) -> None:
        while (first := self._out.get()) is not None:
            pending: list[_Finished | _Cancelled] = [first]
            deadline = time.monotonic() + FLUSH_S
            stop = False
            while len(pending) < FLUSH_ROWS:
                try:
                    more = self._out.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                pending.append(more)
            self._flush([p for p in pending if not p.handle.failed])
            if stop:
                return

    # ------------------------------------------------------------------ one write

    def _flush(self, pending: list[_Finished | _Cancelled]) -> None:
        if not pending:
            return
        handles = list({id(p.handle): p.handle for p in pending}.values())
        cancelled = {id(p.handle) for p in pending if isinstance(p, _Cancelled)}
        finished = [p for p in pending if isinstance(p, _Finished)]
        rows = self._result_rows([f for f in finished if f.error is None])
        failures: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for f in finished:
            if f.error is not None:
                failures[f.handle.batch.job_id].append((f.prompt_id, f.error))
        written = {f.prompt_id for f in finished}
        closing = [h for h in handles if id(h) in cancelled or not (h.open - written)]
        jobs = sorted({h.batch.job_id for h in handles})
        try:
            with session_scope() as session:
                before = _job_statuses(session, jobs)
                # Close batches first: a cancelling job becomes cancelled once none is running.
                for h in closing:
                    self._close(session, h, finished, cancelled=id(h) in cancelled)
                for job_id, fails in failures.items():
                    queries.mark_prompts_failed(session, job_id, fails)
                upserted = queries.upsert_results(session, [r for r, _ in rows])
                for job_id in {h.batch.job_id for h in closing}:
                    queries.maybe_finalize(session, job_id)
                after = _job_statuses(session, jobs)
        except Exception as exc:  # noqa: BLE001 - each waiting task re-raises it (and Celery retries)
            log.exception("writing %d results of %d batches failed", len(rows), len(handles))
            for h in handles:
                h.finish(exc)
            return
        inserted = set(upserted.inserted_ids)
        self._count(rows, inserted, finished, closing, cancelled)
        for row, f in rows:
            out = f.handle.outcome
            out.output_tokens += row.output_tokens
            if row.prompt_id in inserted:
                out.inserted += 1
            else:
                out.duplicates += 1
        for f in finished:
            f.handle.open.discard(f.prompt_id)
            if f.error is None:
                f.handle.decoded += 1
            else:
                f.handle.outcome.failed += 1
                if len(f.handle.outcome.errors) < 5:
                    f.handle.outcome.errors.append(f.error)
        for h in closing:
            if id(h) in cancelled:
                h.outcome.status = "cancelled"
            h.outcome.seconds = h.engine_seconds
            job_id = h.batch.job_id
            if after.get(job_id) != before.get(job_id) and after.get(job_id) in TERMINAL_JOB_STATUSES:
                h.outcome.finalized = after.get(job_id)
            h.finish()

    @staticmethod
    def _count(
        rows: list[tuple[queries.ResultRow, _Finished]],
        inserted: set[int],
        finished: list[_Finished],
        closing: list[BatchHandle],
        cancelled: set[int],
    ) -> None:
        """Prometheus counters from what was just written (new rows only, so scrape == SQL)."""
        metrics = worker_metrics()
        metrics.observe_results(r for r, _ in rows if r.prompt_id in inserted)
        for f in finished:
            if f.error is not None:
                metrics.observe_failures(f.handle.batch.target, f.handle.batch.draft, 1)
        for h in closing:
            if id(h) not in cancelled:
                metrics.observe_batch(h.batch.target, h.batch.draft, h.engine_seconds)

    def _close(self, session: Any, h: BatchHandle, finished: list[_Finished], *, cancelled: bool) -> None:
        if cancelled:
            # Never decoded: back to queued, its prompts stay routed for `specq resume`.
            queries.set_batch_status(session, h.batch.batch_id, BatchStatus.QUEUED)
            return
        mine = [f for f in finished if f.handle is h]
        decoded = h.decoded + sum(1 for f in mine if f.error is None)
        tokens = h.outcome.output_tokens + sum(
            len(f.output.token_ids) for f in mine if f.error is None and f.output is not None
        )
        queries.set_batch_status(
            session,
            h.batch.batch_id,
            BatchStatus.DONE if decoded or not h.outcome.prompts else BatchStatus.FAILED,
            worker=self.worker,
            seconds=h.engine_seconds,
            output_tokens=tokens,
        )

    def _result_rows(self, finished: list[_Finished]) -> list[tuple[queries.ResultRow, _Finished]]:
        out = []
        with self.tokenizer_lock:
            for f in finished:
                assert f.row is not None
                batch = f.handle.batch
                tokenizer = self.runtime.target(batch.target).tokenizer
                out.append((result_row(tokenizer, batch, f.row, f.output, self.worker), f))
        return out


def max_rows(deployment: Any, target: str) -> int:
    """Rows a worker's session decodes at once: the batch size the router sizes batches to
    (the target's ``max_batch_size``, else ``SPECQ_MAX_BATCH_SIZE``), so that rows of the next
    batch join only as rows of the current one leave."""
    return int(deployment.target(target).max_batch_size or get_settings().max_batch_size)


def _job_statuses(session: Any, job_ids: list[str]) -> dict[str, str]:
    from sqlalchemy import select

    return dict(session.execute(select(Job.id, Job.status).where(Job.id.in_(job_ids))).all())


def _cancel_requested(job_id: str) -> bool:
    with session_scope(read_only=True) as session:
        job = session.get(Job, job_id)
        return job is None or bool(job.cancel_requested)


_loops: dict[int, tuple[Any, DecodeLoop]] = {}
_loops_lock = threading.Lock()


def loop_for(runtime: Any, *, worker: str | None = None) -> DecodeLoop:
    """The decode loop of ``runtime`` in this process (one per runtime)."""
    with _loops_lock:
        entry = _loops.get(id(runtime))
        if entry is None or entry[0] is not runtime:
            entry = _loops[id(runtime)] = (runtime, DecodeLoop(runtime, worker=worker))
        if worker is not None:
            entry[1].worker = worker
        return entry[1]


def close_loops() -> None:
    """Stop every loop of this process (tests; a worker's threads end with the process)."""
    with _loops_lock:
        loops = [loop for _, loop in _loops.values()]
        _loops.clear()
    for loop in loops:
        with contextlib.suppress(Exception):
            loop.close()


__all__ = [
    "BatchHandle",
    "BatchOutcome",
    "ClaimedBatch",
    "DecodeLoop",
    "Row",
    "WorkItem",
    "close_loops",
    "loop_for",
]
