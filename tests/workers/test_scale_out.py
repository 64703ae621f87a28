"""Scale-out on the system Redis + PostgreSQL: two decode workers of one target and a router.

One decode worker is SIGKILLed while both decode a 2,000-prompt job and is then restarted; the
job completes by itself with every prompt decoded exactly once (issue 14, "Also").
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import producer
from db.schema import Batch, BatchStatus, JobStatus
from db.session import session_scope
from tests.workers.test_integration import (
    SYSTEM_REDIS_URL,
    ZOO_CACHE,
    _check_complete,
    _pg_database,
    _system_unreachable_reason,
)

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.timeout(600)]

N = 2000


@pytest.fixture()
def two_decoders(tmp_path_factory: pytest.TempPathFactory, tiny_zoo: Any) -> Iterator[Any]:
    """A stack with the router and two decode workers of target-s, on Redis + PostgreSQL."""
    from db.session import dispose_engines
    from specq.settings import get_settings
    from workers.app import configure
    from workers.stack import Stack

    if reason := _system_unreachable_reason():
        pytest.skip(reason)
    import redis

    data_dir = tmp_path_factory.mktemp("scale")
    with contextlib.ExitStack() as cleanup, pytest.MonkeyPatch.context() as mp:
        for name, value in {
            "SPECQ_DATA_DIR": str(data_dir),
            "SPECQ_ZOO_DIR": str(ZOO_CACHE),
            "SPECQ_CONFIG_FILE": str(data_dir / "specq.toml"),  # absent: the built-in default
            "SPECQ_MAX_BATCH_SIZE": "32",
            "SPECQ_EXPLORE_RATE": "0",
            "SPECQ_VISIBILITY_TIMEOUT_S": "3600",  # only recovery may bring a killed worker's batches back
            "OMP_NUM_THREADS": "1",
            "SPECQ_BROKER_URL": SYSTEM_REDIS_URL,
        }.items():
            mp.setenv(name, value)
        redis.Redis.from_url(SYSTEM_REDIS_URL).flushdb()
        mp.setenv("SPECQ_DATABASE_URL", cleanup.enter_context(_pg_database()))
        get_settings.cache_clear()
        dispose_engines()
        stack = Stack(targets=["target-s"])
        second = dataclasses.replace(stack.specs[-1], name="decode-target-s-2")
        stack.specs.append(second)
        stack.start(timeout=300)
        try:
            yield stack
        finally:
            stack.stop(timeout=30)
            dispose_engines()
    get_settings.cache_clear()
    configure()


def _wait_for(condition: Any, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _workers_decoding(job_id: str) -> set[str]:
    with session_scope(read_only=True) as s:
        return set(
            s.scalars(select(Batch.worker).where(Batch.job_id == job_id, Batch.status == BatchStatus.RUNNING))
        ) - {None}  # type: ignore[arg-type]


def test_two_decode_workers_one_killed_and_restarted(two_decoders: Any, tmp_path: Path) -> None:
    stack = two_decoders
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"prompt": f"Count to {i} and then stop"}) + "\n" for i in range(N)))
    res = producer.submit_job(src, "target-s", max_new_tokens=8)
    assert res.enqueued and res.total == N
    _wait_for(lambda: len(_workers_decoding(res.job_id)) == 2, "both decode workers decoding", 180)
    victim = stack.workers["decode-target-s"].hostname
    stack.kill_worker("decode-target-s")  # SIGKILL: no ack, no further commit
    assert producer.status(res.job_id).status == JobStatus.IN_PROGRESS
    stack.restart_worker("decode-target-s")
    _wait_for(lambda: producer.status(res.job_id, errors_shown=0).done, "the job to complete by itself", 300)
    _check_complete(res.job_id, N)  # one result per prompt, counters equal to the rows
    with session_scope(read_only=True) as s:
        recovered = s.scalars(select(Batch.recoveries).where(Batch.job_id == res.job_id)).all()
    # What the killed worker held came back through recovery (heartbeats in SQL), not through the
    # broker, whose visibility timeout is an hour here.
    assert sum(recovered) >= 1, f"nothing recovered after {victim} was killed"
