"""Self-healing without a broker: heartbeats, orphaned batches found and re-queued once, status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

import producer
from db import queries
from db.schema import Batch, BatchStatus, JobStatus, utcnow
from db.session import session_scope
from specq.deployment import load_deployment
from workers import recovery
from workers.decode import claim, run_batch
from workers.decode_loop import close_loops
from workers.route import plan_chunk
from workers.runtime import Runtime


@pytest.fixture()
def runtime(unit_env: Path) -> Iterator[Runtime]:
    yield Runtime(load_deployment(), device="cpu")
    close_loops()


def _job(priority: str = "bulk") -> tuple[str, list[Any]]:
    res = producer.submit_job(
        [{"prompt": p, "custom_id": f"c{i}"} for i, p in enumerate(["def add(a, b):", "SELECT name FROM"])],
        "t",
        enqueue=False,
        max_new_tokens=4,
        priority=priority,
    )
    with session_scope() as s:
        ids = queries.prompt_ids(s, res.job_id)
        batches = plan_chunk(s, res.job_id, ids[0], ids[-1], deployment=load_deployment(), router=None)
    return res.job_id, batches


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _set(batch_id: str, **values: Any) -> None:
    with session_scope() as s:
        s.execute(update(Batch).where(Batch.id == batch_id).values(**values))


def _batch(batch_id: str) -> Batch:
    with session_scope() as s:
        b = s.get(Batch, batch_id)
        assert b is not None
        return b


def test_a_batch_of_a_dead_local_worker_is_requeued_once_and_then_completes(runtime: Runtime) -> None:
    job_id, (batch,) = _job()
    status, claimed = claim(batch.batch_id, "w1")
    assert status == "running" and claimed is not None
    b = _batch(batch.batch_id)
    assert (b.worker_host, b.worker_pid, b.prompt_ids) == (
        recovery.HOST,
        os.getpid(),
        batch.prompt_ids,
    )
    assert b.heartbeat_at is not None
    # This process is alive and beating: nothing to recover.
    sent: list[tuple[str, str, bool]] = []
    assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []
    assert producer.status(job_id).recovering == 0

    _set(batch.batch_id, worker_pid=_dead_pid())  # the worker that claimed it was SIGKILLed
    found = recovery.recover_orphaned_batches(send=lambda *a: sent.append(a))
    assert [r.batch_id for r in found] == [batch.batch_id] and "is gone" in found[0].reason
    assert sent == [(batch.batch_id, "t", False)]
    b = _batch(batch.batch_id)
    assert (b.status, b.recoveries, b.heartbeat_at) == (BatchStatus.QUEUED, 1, None)
    assert producer.status(job_id).recovering == 1  # `specq status` says a batch is being recovered
    assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []  # idempotent
    assert len(sent) == 1

    out = run_batch(batch.batch_id, runtime=runtime)  # the re-sent message
    assert (out.status, out.inserted, out.finalized) == ("done", 2, JobStatus.COMPLETED)
    assert _batch(batch.batch_id).status == BatchStatus.DONE
    assert producer.status(job_id).recovering == 0


def test_stale_heartbeat_of_another_host_is_recovered_and_a_fresh_one_is_not(unit_env: Path) -> None:
    job_id, (batch,) = _job()
    claim(batch.batch_id, "w-remote")
    sent: list[tuple[str, str, bool]] = []
    _set(batch.batch_id, worker_host="another-machine", worker_pid=1, heartbeat_at=utcnow())
    assert recovery.recover_orphaned_batches(stale_s=30, send=lambda *a: sent.append(a)) == []
    assert producer.status(job_id).recovering == 0
    _set(batch.batch_id, heartbeat_at=utcnow() - timedelta(seconds=31))
    found = recovery.recover_orphaned_batches(stale_s=30, send=lambda *a: sent.append(a))
    assert [r.batch_id for r in found] == [batch.batch_id] and "no heartbeat" in found[0].reason
    assert sent == [(batch.batch_id, "t", False)]


def test_an_interactive_batch_is_resent_to_the_interactive_queue(unit_env: Path) -> None:
    job_id, (batch,) = _job(priority="interactive")
    assert batch.interactive and batch.queue == "specq.interactive.t"
    claim(batch.batch_id, "w1")
    _set(batch.batch_id, worker_pid=_dead_pid())
    sent: list[tuple[str, str, bool]] = []
    found = recovery.recover_orphaned_batches(send=lambda *a: sent.append(a))
    assert [r.interactive for r in found] == [True] and sent == [(batch.batch_id, "t", True)]


def test_concurrent_sweepers_requeue_a_batch_once_and_a_heartbeat_keeps_it(unit_env: Path) -> None:
    _, (batch,) = _job()
    claim(batch.batch_id, "w1")
    _set(batch.batch_id, heartbeat_at=utcnow() - timedelta(seconds=100))
    with session_scope() as s:
        seen = s.get(Batch, batch.batch_id)
        assert seen is not None
        s.expunge(seen)
    # A heartbeat lands between the sweeper's read and its update: the worker is alive after all.
    beat = recovery.Heartbeat(interval_s=60)
    beat.add(batch.batch_id)
    assert beat.beat() == 1
    with session_scope() as s:
        assert queries.requeue_batch(s, seen) is False
        fresh = s.get(Batch, batch.batch_id)
        assert fresh is not None
        s.expunge(fresh)
    with session_scope() as s:
        assert queries.requeue_batch(s, fresh) is True
    with session_scope() as s:
        assert queries.requeue_batch(s, fresh) is False  # the second sweeper finds it queued
    assert beat.beat() == 0  # a re-queued batch is no longer this process's to stamp
    assert _batch(batch.batch_id).recoveries == 1


def test_a_second_delivery_leaves_a_batch_to_the_live_worker_decoding_it(unit_env: Path) -> None:
    _, (batch,) = _job()
    claim(batch.batch_id, "w1")
    _set(batch.batch_id, worker_host="another-machine", worker_pid=1, heartbeat_at=utcnow())
    assert claim(batch.batch_id, "w2") == ("skipped", None)
    _set(batch.batch_id, heartbeat_at=utcnow() - timedelta(seconds=3600))
    assert claim(batch.batch_id, "w2")[0] == "running"


def test_a_delivered_batch_waiting_for_a_thread_of_a_dead_worker_is_recovered(unit_env: Path) -> None:
    """A message delivered to a worker (held) but not started when the worker was killed."""
    job_id, (batch,) = _job()
    with session_scope() as s:
        assert queries.hold_batch(s, batch.batch_id, worker="w1", host=recovery.HOST, pid=_dead_pid())
    b = _batch(batch.batch_id)
    assert b.status == BatchStatus.QUEUED and b.worker == "w1"
    sent: list[tuple[str, str, bool]] = []
    found = recovery.recover_orphaned_batches(send=lambda *a: sent.append(a))
    assert [r.batch_id for r in found] == [batch.batch_id] and sent == [(batch.batch_id, "t", False)]
    b = _batch(batch.batch_id)
    assert (b.status, b.worker_pid, b.recoveries) == (BatchStatus.QUEUED, None, 1)
    assert producer.status(job_id).recovering == 1
    assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []  # no holder: not orphaned
    # A held batch of a live worker is not touched.
    with session_scope() as s:
        assert queries.hold_batch(s, batch.batch_id, worker="w2", host=recovery.HOST, pid=os.getpid())
    assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []


def test_a_message_delivered_to_a_worker_killed_before_it_held_the_batch_is_resent(
    unit_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kombu's Redis transport keeps a delivered, unacknowledged message in its ``unacked`` hash;
    a batch still queued and held by no one whose message sits there is re-sent once."""
    import base64
    import json
    import time

    import redis

    from specq.broker import DECODE_TASK
    from specq.settings import get_settings

    url = "redis://127.0.0.1:6379/11"
    try:
        client = redis.Redis.from_url(url, socket_timeout=2)
        client.flushdb()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {url}: {exc}")
    monkeypatch.setenv("SPECQ_BROKER_URL", url)
    get_settings.cache_clear()
    _, (batch,) = _job()
    body = base64.b64encode(json.dumps([[batch.batch_id], {}, {}]).encode()).decode()
    message = {"body": body, "headers": {"task": DECODE_TASK}, "properties": {"body_encoding": "base64"}}
    other = {
        "body": body,
        "headers": {"task": "workers.route.route_chunk"},
        "properties": {"body_encoding": "base64"},
    }
    client.hset(
        "unacked", mapping={"tag-1": json.dumps([message, "", "q"]), "tag-2": json.dumps([other, "", "q"])}
    )
    client.zadd("unacked_index", {"tag-1": time.time() - 5, "tag-2": time.time() - 60})
    sent: list[tuple[str, str, bool]] = []
    try:
        # Delivered 5 s ago: a live worker may still be recording its hold.
        assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []
        client.zadd("unacked_index", {"tag-1": time.time() - 60})
        found = recovery.recover_orphaned_batches(send=lambda *a: sent.append(a))
        assert [r.batch_id for r in found] == [batch.batch_id] and "died before holding" in found[0].reason
        assert sent == [(batch.batch_id, "t", False)]
        # Not again while the re-sent message is on its way (the old entry stays until acked).
        assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []
        # A worker holding it (alive) or having done it: left alone.
        with session_scope() as s:
            queries.hold_batch(s, batch.batch_id, worker="w", host=recovery.HOST, pid=os.getpid())
        client.zadd("unacked_index", {"tag-1": time.time() + 1 - 60})
        assert recovery.recover_orphaned_batches(send=lambda *a: sent.append(a)) == []
        assert _batch(batch.batch_id).recoveries == 1
    finally:
        client.flushdb()


def test_a_message_a_dying_worker_took_off_the_queue_is_resent_once(
    unit_env: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kombu's Redis transport pops a message with BRPOP and records it in ``unacked`` only once
    the worker has read the reply: a worker killed in between leaves its batch queued, held by
    no one, with its message nowhere in the broker. The sweep re-sends that batch once, and leaves
    alone a batch whose message is still queued, one moving to ``unacked`` while it looks, a young
    one and one of a cancelled job."""
    from specq.settings import get_settings
    from workers.app import configure, send_decode
    from workers.embedded import embedded_redis

    with embedded_redis(tmp_path_factory.mktemp("lost")) as server:
        monkeypatch.setenv("SPECQ_BROKER_URL", server.url)
        get_settings.cache_clear()
        configure()
        client = server.client()
        try:
            (_, (a,)), (_, (b,)), (cancelled_job, (c,)) = _job(), _job(), _job()
            for batch in (a, b, c):
                send_decode(batch.batch_id, "t")  # the router's message, as kombu stores it
                _set(batch.batch_id, enqueued_at=utcnow() - timedelta(seconds=60))
            sent: list[tuple[str, str, bool]] = []

            def send(batch_id: str, target: str, interactive: bool) -> None:
                sent.append((batch_id, target, interactive))
                send_decode(batch_id, target, interactive)

            assert recovery.recover_orphaned_batches(send=send) == []  # every message is queued
            queue = "specq.decode.t"
            assert client.rpop(queue) is not None  # a's message: the oldest, taken by a dying worker
            found = recovery.recover_orphaned_batches(send=send)
            assert [(r.batch_id, r.worker) for r in found] == [(a.batch_id, None)]
            assert "died before recording it" in found[0].reason
            assert sent == [(a.batch_id, "t", False)]
            assert (_batch(a.batch_id).status, _batch(a.batch_id).recoveries) == (BatchStatus.QUEUED, 1)
            # Re-sent now: not again, however long it then waits in the queue.
            assert recovery.recover_orphaned_batches(send=send) == []
            _set(a.batch_id, recovered_at=utcnow() - timedelta(seconds=60))
            assert recovery.recover_orphaned_batches(send=send) == []

            # b's message is taken by a live worker while the sweep looks: in `unacked` by the
            # second read, so not lost.
            taken = client.rpop(queue)
            assert isinstance(taken, bytes) and recovery.message_batch_id(json.loads(taken)) == b.batch_id
            moved: list[float] = []

            def record_delivery(seconds: float) -> None:
                moved.append(seconds)
                client.hset("unacked", "tag-b", json.dumps([json.loads(taken), "", queue]))

            assert recovery.batches_without_message(sleep=record_delivery) == []
            assert moved == [recovery.LOST_CONFIRM_S]

            # A young batch, or one of a cancelled job, has no message to expect: left alone.
            with session_scope() as s:
                queries.request_cancel(s, cancelled_job)
            client.delete(queue, "unacked")
            _set(b.batch_id, enqueued_at=utcnow())
            assert recovery.batches_without_message() == [a.batch_id]
            assert sent == [(a.batch_id, "t", False)]
        finally:
            client.flushdb()
            monkeypatch.delenv("SPECQ_BROKER_URL")
            get_settings.cache_clear()
            configure()
