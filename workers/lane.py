"""The interactive lane: a decode worker's second consumer, for the batches of interactive jobs.

A decode worker's Celery consumer holds at most ``SPECQ_DECODE_INFLIGHT`` messages (its prefetch
is its thread pool), and while bulk work is queued every one of them is a bulk batch: an
interactive message would wait until one of those batches is written. The lane is a second kombu
consumer, on its own channel (so its own prefetch, ``SPECQ_INTERACTIVE_INFLIGHT``), over the
interactive queues of the worker's targets (``specq.interactive.<target>``), with its own
threads. An interactive batch is claimed and in the decode loop as soon as its message arrives,
and its rows join the running batch at the next step (``workers/decode_loop.py``).

Only the lane consumes them: the Celery consumer keeps a BRPOP outstanding while its threads are
busy (kombu's Redis transport fetches one message past the prefetch), so an interactive queue in
its list would be emptied into a message waiting for a thread. ``celery inspect active_queues``
lists only the Celery consumer's queues; the lane's answer to the remote-control command
``specq_interactive_queues`` (what ``workers.stack.workers_serve`` asks). The batch runs through
:func:`workers.decode.run_batch` as a decode task's does.

The guarantees are the decode task's: the batch is held as soon as its message is delivered
(``workers.decode.hold``), the message is acknowledged only once every prompt of the batch is
written (late ack), a message of a worker killed before that stays in the broker's ``unacked``
hash and its batch is recovered (``workers/recovery.py``), and a database error retries the
batch with backoff, as the task's ``autoretry_for`` does.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from celery import bootsteps
from celery.worker.control import inspect_command
from kombu import Consumer
from sqlalchemy.exc import OperationalError

from specq.broker import DECODE_QUEUE_PREFIX, DECODE_TASK, interactive_target, target_queue
from specq.settings import get_settings
from workers.app import celery_app

log = logging.getLogger(__name__)

# Retries of a batch whose database was away or locked, with backoff (as decode_batch's autoretry).
MAX_RETRIES = 5
RETRY_BACKOFF_MAX_S = 60.0


def lane_queues(consumed: Sequence[str]) -> list[str]:
    """The interactive queues the lane of a worker consuming ``consumed`` takes: the interactive
    queue of every target whose queue is among them (and any interactive queue named there)."""
    targets = {t for q in consumed if (t := interactive_target(q))}
    targets |= {
        q.removeprefix(DECODE_QUEUE_PREFIX)
        for q in consumed
        if q.startswith(DECODE_QUEUE_PREFIX) and "." not in q.removeprefix(DECODE_QUEUE_PREFIX)
    }
    return [target_queue(t, interactive=True) for t in sorted(targets)]


def batch_of(body: Any, headers: dict[str, Any] | None) -> str:
    """The batch id of a ``decode_batch`` message (Celery message protocol 2: body
    ``[args, kwargs, embed]``, the task name in the headers); ValueError for any other message."""
    task = (headers or {}).get("task")
    if task != DECODE_TASK:
        raise ValueError(f"not a {DECODE_TASK} message (task {task!r})")
    try:
        return str(body[0][0])
    except (TypeError, IndexError, KeyError) as exc:
        raise ValueError(f"{DECODE_TASK} message without a batch id: {body!r:.200}") from exc


def run_with_retries(
    batch_id: str,
    worker: str | None,
    *,
    run: Callable[..., Any] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """``run_batch(batch_id)``; a database error retries it up to MAX_RETRIES times with backoff
    (1, 2, 4, ... s, at most RETRY_BACKOFF_MAX_S), then raises."""
    if run is None:
        from workers.decode import run_batch

        run = run_batch
    for attempt in range(MAX_RETRIES + 1):
        try:
            return run(batch_id, worker=worker)
        except OperationalError as exc:
            if attempt == MAX_RETRIES:
                raise
            delay = min(2.0**attempt, RETRY_BACKOFF_MAX_S)
            log.warning("interactive batch %s: database error (%s); retrying in %.0fs", batch_id, exc, delay)
            sleep(delay)
    raise AssertionError("unreachable")


class Lane:
    """Threads that decode delivered interactive messages and acknowledge each once it is written."""

    def __init__(self, threads: int, worker: str | None, *, run: Callable[..., Any] | None = None) -> None:
        self.worker = worker
        self._run = run
        self._work: queue.Queue[tuple[str, Any] | None] = queue.Queue()
        self._busy = 0
        self._idle = threading.Condition()
        # Daemons: a cold shutdown ends the process at once; a warm one waits in drain().
        self._threads = [
            threading.Thread(target=self._serve, name=f"specq-lane-{i}", daemon=True) for i in range(threads)
        ]
        for t in self._threads:
            t.start()

    def on_message(self, body: Any, message: Any) -> None:
        """Consumer callback (the worker's event loop): hold the batch, hand it to a lane thread."""
        try:
            batch_id = batch_of(body, message.headers)
        except ValueError as exc:
            log.error("interactive queue: dropping a message specq cannot decode: %s", exc)
            message.reject()
            return
        from workers.decode import hold

        hold(batch_id, self.worker)
        with self._idle:
            self._busy += 1
        self._work.put((batch_id, message))

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until every delivered message is decoded and acknowledged; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def close(self) -> None:
        for _ in self._threads:
            self._work.put(None)

    def _serve(self) -> None:
        while (item := self._work.get()) is not None:
            batch_id, message = item
            try:
                run_with_retries(batch_id, self.worker, run=self._run)
            except Exception:  # a failed task: logged and acknowledged, as Celery does with acks_late
                log.exception(
                    "interactive batch %s failed; its prompts stay routed for `specq resume`", batch_id
                )
            try:
                message.ack()
            except Exception:  # connection lost: the message comes back; its batch is done and skipped
                log.exception("could not acknowledge the message of interactive batch %s", batch_id)
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()


class InteractiveLane(bootsteps.ConsumerStep):
    """The lane as a Celery consumer bootstep: started with the worker's broker connection (and
    again after a reconnection), only in a worker that consumes a decode queue."""

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.lane: Lane | None = None
        self.queues: list[Any] = []  # kombu.Queue

    def start(self, c: Any) -> None:
        names = lane_queues(list(c.app.amqp.queues.consume_from or {}))
        self.queues = [c.app.amqp.queues.new_missing(name) for name in names]
        if not self.queues:
            self.consumers: list[Consumer] = []
            return
        if self.lane is None:
            self.lane = Lane(get_settings().interactive_inflight, c.hostname)
        super().start(c)
        log.info("interactive lane consumes %s", ", ".join(names))

    def get_consumers(self, channel: Any) -> list[Consumer]:
        assert self.lane is not None
        prefetch = get_settings().interactive_inflight
        consumer = Consumer(
            channel,
            queues=self.queues,
            callbacks=[self.lane.on_message],
            accept=["json"],
            prefetch_count=prefetch,
        )
        return [consumer]

    def shutdown(self, c: Any) -> None:
        """Warm shutdown: take no new message, let the delivered ones finish (as Celery waits for
        its running tasks), then close the channel."""
        for consumer in self.consumers or []:
            try:
                consumer.cancel()
            except Exception:  # the connection may be gone already
                log.debug("cancelling the interactive lane's consumer failed", exc_info=True)
        if self.lane is not None:
            self.lane.drain()
            self.lane.close()
        super().shutdown(c)


celery_app.steps["consumer"].add(InteractiveLane)


@inspect_command()
def specq_interactive_queues(state: Any) -> list[str]:
    """Remote control (``celery inspect specq_interactive_queues``): the queues this worker's lane
    consumes (none in a worker that consumes no decode queue)."""
    steps = getattr(state.consumer, "steps", None) or []
    return [q.name for step in steps if isinstance(step, InteractiveLane) for q in step.queues]
