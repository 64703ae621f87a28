"""The interactive lane without a broker: which queues it takes, how it reads a message, and that a
message is acknowledged only after its batch ran (retried on database errors, failed ones too)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.exc import OperationalError

from specq.broker import DECODE_TASK
from workers import lane as lane_module
from workers.lane import MAX_RETRIES, Lane, batch_of, lane_queues, run_with_retries


def test_lane_queues_are_the_interactive_queues_of_the_workers_targets() -> None:
    consumed = ["specq.decode.a", "specq.decode.a.general", "specq.interactive.b", "specq.route"]
    assert lane_queues(consumed) == ["specq.interactive.a", "specq.interactive.b"]
    assert lane_queues(["specq.route.interactive", "specq.route"]) == []  # a route worker: no lane


def test_batch_of_reads_celery_protocol_2_decode_messages_only() -> None:
    assert batch_of([["b1"], {}, {}], {"task": DECODE_TASK}) == "b1"
    with pytest.raises(ValueError, match="not a workers.decode.decode_batch message"):
        batch_of([["b1"], {}, {}], {"task": "workers.route.route_chunk"})
    with pytest.raises(ValueError, match="without a batch id"):
        batch_of([[], {}, {}], {"task": DECODE_TASK})


def _db_error() -> OperationalError:
    return OperationalError("UPDATE batches", {}, Exception("database is locked"))


def test_database_errors_are_retried_with_backoff_then_raised() -> None:
    calls: list[str] = []
    sleeps: list[float] = []

    def flaky(batch_id: str, *, worker: str | None) -> str:
        calls.append(batch_id)
        if len(calls) < 3:
            raise _db_error()
        return "done"

    assert run_with_retries("b", "w", run=flaky, sleep=sleeps.append) == "done"
    assert (len(calls), sleeps) == (3, [1.0, 2.0])

    def down(batch_id: str, *, worker: str | None) -> str:
        raise _db_error()

    sleeps.clear()
    with pytest.raises(OperationalError):
        run_with_retries("b", "w", run=down, sleep=sleeps.append)
    assert len(sleeps) == MAX_RETRIES


class _Message:
    def __init__(self, batch_id: str, task: str = DECODE_TASK) -> None:
        self.headers = {"task": task}
        self.body = [[batch_id], {}, {}]
        self.acked = threading.Event()
        self.rejected = False

    def ack(self) -> None:
        self.acked.set()

    def reject(self) -> None:
        self.rejected = True


def test_a_message_is_held_at_delivery_and_acknowledged_after_its_batch_ran(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held: list[tuple[str, str | None]] = []
    monkeypatch.setattr("workers.decode.hold", lambda batch_id, worker: held.append((batch_id, worker)))
    release = threading.Event()
    ran: list[str] = []

    def run(batch_id: str, *, worker: str | None) -> None:
        release.wait(timeout=30)
        ran.append(batch_id)
        if batch_id == "bad":
            raise RuntimeError("the engine failed")

    lane = Lane(2, "decode-t@h", run=run)
    ok, bad, alien = _Message("ok"), _Message("bad"), _Message("x", task="workers.route.route_chunk")
    for m in (ok, bad, alien):
        lane.on_message(m.body, m)
    assert held == [("ok", "decode-t@h"), ("bad", "decode-t@h")] and alien.rejected
    assert not ok.acked.is_set() and not lane.drain(timeout=0.2)  # late ack: not before the batch ran
    release.set()
    assert lane.drain(timeout=30)
    assert ok.acked.is_set() and bad.acked.is_set()  # a failed batch is acknowledged, as Celery does
    assert sorted(ran) == ["bad", "ok"]
    lane.close()


def test_the_lane_registers_as_a_consumer_step_of_the_app() -> None:
    from workers.app import celery_app

    assert lane_module.InteractiveLane in celery_app.steps["consumer"]
