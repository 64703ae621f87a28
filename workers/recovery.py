"""Self-healing after a decode worker dies: heartbeats on running batches, and their recovery.

A decode worker stamps ``batches.heartbeat_at`` of the batches it is decoding every
``SPECQ_HEARTBEAT_S`` seconds (and records its host and pid when it claims one). A running
batch whose worker is gone — its pid is dead on this host, or its heartbeat is older than
``SPECQ_HEARTBEAT_STALE_S`` (a worker on another machine) — is put back to ``queued`` and
its ``decode_batch(batch_id)`` message sent again. Every decode worker sweeps when it starts
(so a restarted worker picks up what its killed predecessor held) and after each heartbeat;
`specq up` sweeps when it restarts a worker.

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
from specq.broker import DECODE_TASK, Pairing
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
            message = json.loads(raw)[0]
            if (message.get("headers") or {}).get("task") != DECODE_TASK:
                continue
            body = message["body"]
            if (message.get("properties") or {}).get("body_encoding") == "base64":
                body = base64.b64decode(body)
            args = json.loads(body)[0]  # Celery message protocol 2: [args, kwargs, embed]
            out[str(args[0])] = float(delivered)
        except (ValueError, KeyError, IndexError, TypeError):
            log.warning("unacknowledged message %r is not a decode message specq can read; left alone", tag)
    return out


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
    for r in found:
        send(r.batch_id, Pairing.parse(r.pairing).target, r.interactive)
        log.warning(
            "re-queued batch %s of job %s (%s): its worker %s is gone (%s)",
            r.batch_id,
            r.job_id,
            r.pairing,
            r.worker,
            r.reason,
        )
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
