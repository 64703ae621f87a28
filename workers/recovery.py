"""Self-healing after a decode worker dies: heartbeats on running batches, and their recovery.

A decode worker stamps ``batches.heartbeat_at`` of the batches it is decoding every
``SPECQ_HEARTBEAT_S`` seconds (and records its host and pid when it claims one). A running
batch whose worker is gone — its pid is dead on this host, or its heartbeat is older than
``SPECQ_HEARTBEAT_STALE_S`` (a worker on another machine) — is put back to ``queued`` and
its ``decode_batch(batch_id)`` message sent again. Every decode worker sweeps when it starts
(so a restarted worker picks up what its killed predecessor held) and after each heartbeat;
`specq up` sweeps when it restarts a worker.

A killed worker can also take a message with it that it never recorded anywhere: kombu's Redis
transport takes a message off its queue with BRPOP and records it in the ``unacked`` hash only
once the reply has been read by the worker, so a worker killed in between (a CPU-starved
consumer thread makes that tens of milliseconds or more), or a dead worker's BRPOP that Redis
serves before it notices the closed socket, leaves a batch queued, held by no one, whose message
is in no queue and not in ``unacked``. The sweep compares the queued batches with the broker
(:func:`batches_without_message`) and re-sends the message of such a batch.

Re-queueing is idempotent: the UPDATE is conditional on the row the sweeper read, so two
sweepers re-queue a batch once; a redelivered message of the dead worker (after the broker's
visibility timeout) finds its prompts done and is skipped, since results are written once per
prompt.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from db import queries
from db.schema import BatchStatus, Job, JobPriority, utcnow
from db.session import session_scope
from specq.broker import DECODE_QUEUE_PREFIX, DECODE_TASK, INTERACTIVE_QUEUE_PREFIX, Pairing
from specq.settings import get_settings
from workers.app import send_decode

log = logging.getLogger(__name__)

HOST = socket.gethostname()


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this host and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        # "pid (comm) S ...": the state follows the last ")" (comm may contain spaces or parens).
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): kill(0) said it exists
    return state not in ("Z", "X")


@dataclass(frozen=True)
class Recovered:
    """A batch re-queued after its worker was found gone."""

    batch_id: str
    job_id: str
    pairing: str
    worker: str | None
    reason: str
    interactive: bool = False  # re-sent to the target's interactive queue, as the router sent it


# A message delivered this long ago whose batch no worker holds was taken by a worker that died
# before it could record the hold (a live worker records it within milliseconds of delivery).
UNHELD_AFTER_S = 10.0


def redis_client(url: str) -> Any:
    """A redis-py client for a ``redis://`` or ``redis+socket://`` broker URL (None: not Redis)."""
    import redis

    if url.startswith("redis+socket://"):
        return redis.Redis(unix_socket_path=url.removeprefix("redis+socket://"), socket_timeout=5)
    if url.startswith(("redis://", "rediss://")):
        return redis.Redis.from_url(url, socket_timeout=5)
    return None


def unacknowledged_batches(min_age_s: float = UNHELD_AFTER_S) -> dict[str, float]:
    """{batch id: delivery time} of decode messages a worker took from its queue at least
    ``min_age_s`` ago and never acknowledged.

    kombu's Redis transport keeps such messages in its ``unacked`` hash (by delivery tag,
    delivery times in ``unacked_index``) until the visibility timeout; a worker killed between a
    delivery and its hold leaves its batch queued with no one to decode it.
    """
    client = redis_client(get_settings().resolved_broker_url)
    if client is None:
        return {}
    import redis

    out: dict[str, float] = {}
    try:
        entries = client.zrangebyscore("unacked_index", "-inf", time.time() - min_age_s, withscores=True)
        raws = [client.hget("unacked", tag) for tag, _ in entries]
    except (redis.RedisError, OSError) as exc:  # no broker here now: nothing to read
        log.warning("cannot read unacknowledged messages from the broker: %s", exc)
        return {}
    for (tag, delivered), raw in zip(entries, raws, strict=True):
        if raw is None:
            continue
        try:
            batch_id = message_batch_id(json.loads(raw)[0])  # kombu stores [message, exchange, key]
        except (ValueError, KeyError, IndexError, TypeError):
            log.warning("unacknowledged message %r is not a decode message specq can read; left alone", tag)
            continue
        if batch_id is not None:
            out[batch_id] = float(delivered)
    return out


def message_batch_id(message: dict[str, Any]) -> str | None:
    """The batch id of a kombu message as the Redis transport stores it, None for a message of
    another task; ValueError, KeyError, IndexError or TypeError for one specq cannot read."""
    if (message.get("headers") or {}).get("task") != DECODE_TASK:
        return None
    body = message["body"]
    if (message.get("properties") or {}).get("body_encoding") == "base64":
        body = base64.b64decode(body)
    args = json.loads(body)[0]  # Celery message protocol 2: [args, kwargs, embed]
    return str(args[0])


# A message a live worker takes is in ``unacked`` within milliseconds (kombu records it) and its
# batch held soon after (workers.decode.hold); a batch whose message is missing from two reads of
# the broker this far apart, still held by no one, lost its message with a dead worker.
LOST_CONFIRM_S = 1.0


def _decode_lists(client: Any) -> list[bytes]:
    """The broker's keys that hold decode messages: every target, pairing and interactive queue
    (Redis keeps a list only while it holds a message)."""
    keys: list[bytes] = []
    for prefix in (DECODE_QUEUE_PREFIX, INTERACTIVE_QUEUE_PREFIX):
        keys += [k for k in client.scan_iter(match=f"{prefix}*", count=500) if client.type(k) == b"list"]
    return keys


def _batches_in_broker(client: Any) -> set[str]:
    """Ids of the batches whose decode message is in a decode queue or in ``unacked``, read in
    one transaction (MULTI/EXEC), so a message moving from a queue to ``unacked`` is seen once."""
    keys = _decode_lists(client)
    pipe = client.pipeline(transaction=True)
    for key in keys:
        pipe.lrange(key, 0, -1)
    pipe.hvals("unacked")
    *lists, unacked = pipe.execute()
    raws = [(raw, False) for items in lists for raw in items] + [(raw, True) for raw in unacked]
    found: set[str] = set()
    for raw, stored in raws:
        try:
            message = json.loads(raw)
            batch_id = message_batch_id(message[0] if stored else message)
        except (ValueError, KeyError, IndexError, TypeError):
            continue  # not a message specq sent; it holds no batch of ours
        if batch_id is not None:
            found.add(batch_id)
    return found


def batches_without_message(
    *,
    min_age_s: float = UNHELD_AFTER_S,
    confirm_s: float = LOST_CONFIRM_S,
    sleep: Callable[[float], None] = time.sleep,
) -> list[str]:
    """Ids of the queued batches of in-progress jobs, held by no worker and sent at least
    ``min_age_s`` ago, whose decode message is in no decode queue of the broker and not in its
    ``unacked`` hash: a worker that died took it (see the module docstring), or it was never sent
    (its sender died, or its send failed, after the commit).

    Cheap while nothing is missing: one SQL count and one LLEN per decode queue. Every such batch
    has its own message in a queue, so the broker's messages are read one by one only when the
    batches outnumber the messages in the queues; then twice, ``confirm_s`` apart, so that a
    message a live worker is taking at the first read is not counted as lost.
    """
    client = redis_client(get_settings().resolved_broker_url)
    if client is None:
        return []
    import redis

    sent_before = utcnow() - timedelta(seconds=min_age_s)
    with session_scope(read_only=True) as session:
        waiting = queries.count_awaiting_delivery(session, sent_before=sent_before)
    if not waiting:
        return []
    try:
        pipe = client.pipeline(transaction=False)
        for key in _decode_lists(client):
            pipe.llen(key)
        if waiting <= sum(pipe.execute()):
            return []
        with session_scope(read_only=True) as session:
            expected = {b.id for b in queries.awaiting_delivery(session, sent_before=sent_before)}
        missing = expected - _batches_in_broker(client)
        if missing:
            sleep(confirm_s)
            missing -= _batches_in_broker(client)
    except (redis.RedisError, OSError) as exc:  # no broker here now: nothing to compare
        log.warning("cannot read the decode queues from the broker: %s", exc)
        return []
    return sorted(missing)


def recover_orphaned_batches(
    *, stale_s: float | None = None, send: Callable[[str, str, bool], None] = send_decode
) -> list[Recovered]:
    """Re-queue every batch whose worker is gone and ``send(batch_id, target, interactive)`` its
    message again (to the queue the router sent it to: interactive for an interactive job)."""
    stale = timedelta(seconds=stale_s if stale_s is not None else get_settings().heartbeat_stale_s)
    found: list[Recovered] = []
    with session_scope() as session:
        stale_before = utcnow() - stale
        for batch in queries.orphaned_batches(session, stale_before=stale_before, host=HOST, alive=pid_alive):
            if batch.worker_host == HOST and batch.worker_pid is not None and not pid_alive(batch.worker_pid):
                reason = f"pid {batch.worker_pid} on {HOST} is gone"
            else:
                reason = f"no heartbeat for over {stale.total_seconds():.0f}s"
            if queries.requeue_batch(session, batch):
                interactive = _interactive(session, batch)
                found.append(
                    Recovered(batch.id, batch.job_id, batch.pairing, batch.worker, reason, interactive)
                )
        for batch_id, delivered in unacknowledged_batches().items():
            lost = queries.get_batch(session, batch_id)
            if lost is None or lost.status != BatchStatus.QUEUED or lost.worker_pid is not None:
                continue  # done, running or held: someone has it
            recovered = lost.recovered_at
            if recovered is not None and _epoch(recovered) >= delivered:
                continue  # already re-sent after this delivery; the new message is on its way
            if queries.requeue_batch(session, lost):
                reason = "its message was delivered to a worker that died before holding it"
                interactive = _interactive(session, lost)
                found.append(Recovered(lost.id, lost.job_id, lost.pairing, lost.worker, reason, interactive))
    # After the commit: a worker that takes the message sees the batch queued.
    _resend(found, send)
    # Batches whose message is gone, in transactions of their own after the sends above: this
    # pass may pause for a second, and a batch re-queued above whose send failed is one it finds.
    without_message = _requeue_without_message()
    _resend(without_message, send)
    return found + without_message


def _resend(found: list[Recovered], send: Callable[[str, str, bool], None]) -> None:
    for r in found:
        send(r.batch_id, Pairing.parse(r.pairing).target, r.interactive)
        holder = f"its worker {r.worker} is gone" if r.worker else "its worker is gone"
        log.warning(
            "re-queued batch %s of job %s (%s): %s (%s)", r.batch_id, r.job_id, r.pairing, holder, r.reason
        )


def _requeue_without_message() -> list[Recovered]:
    """Re-queue the batches whose message a dead worker took (:func:`batches_without_message`),
    each once: the UPDATE is conditional on the row as read here, and a re-queued batch counts as
    sent now, so neither this sweep's next round nor another sweeper sends it again."""
    lost = batches_without_message()
    if not lost:
        return []
    found: list[Recovered] = []
    sent_before = utcnow() - timedelta(seconds=UNHELD_AFTER_S)
    with session_scope() as session:
        # Still queued, held by no one and not re-sent meanwhile: the others are left alone.
        for batch in queries.awaiting_delivery(session, sent_before=sent_before, ids=lost):
            if queries.requeue_batch(session, batch):
                reason = "its message was taken from the queue by a worker that died before recording it"
                interactive = _interactive(session, batch)
                # The worker that took the message never recorded itself: which one is unknown.
                found.append(Recovered(batch.id, batch.job_id, batch.pairing, None, reason, interactive))
    return found


def _interactive(session: Any, batch: Any) -> bool:
    job = session.get(Job, batch.job_id)
    return job is not None and job.priority == JobPriority.INTERACTIVE


def _epoch(dt: datetime) -> float:
    return (dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)).timestamp()


class Heartbeat:
    """The running batches of this process, stamped every ``SPECQ_HEARTBEAT_S`` by one thread,
    which also sweeps for orphaned batches of other workers."""

    def __init__(self, interval_s: float | None = None) -> None:
        self.interval_s = interval_s if interval_s is not None else get_settings().heartbeat_s
        self._ids: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, batch_id: str) -> None:
        with self._lock:
            self._ids.add(batch_id)

    def discard(self, batch_id: str) -> None:
        with self._lock:
            self._ids.discard(batch_id)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="specq-heartbeat", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval_s + 5)
            self._thread = None

    def beat(self) -> int:
        """Stamp this process's running batches now; return how many rows were stamped."""
        with self._lock:
            ids = sorted(self._ids)
        if not ids:
            return 0
        with session_scope() as session:
            return queries.touch_batches(session, ids, host=HOST, pid=os.getpid())

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.beat()
                recover_orphaned_batches()
            except Exception:  # the database may be briefly away; the next beat tries again
                log.exception("heartbeat or recovery sweep failed")


_heartbeat_lock = threading.Lock()
_current: Heartbeat | None = None


def heartbeat() -> Heartbeat:
    """This process's heartbeat (its thread runs only in a decode worker: ``start()``)."""
    global _current
    with _heartbeat_lock:
        if _current is None:
            _current = Heartbeat()
        return _current
