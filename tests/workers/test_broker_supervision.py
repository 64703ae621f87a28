"""`specq up` supervises the embedded broker it started: a killed redis-server is restarted and
every unfinished prompt is sent again, and the stack says so.

The first tests run the broker alone (no worker consumes, so the re-enqueued messages can be
counted); the last runs `specq up` (router and decode worker, tiny zoo) and kills the broker in
the middle of a job, which then completes by itself with each prompt decoded once.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import producer
from db.schema import Job, JobStatus, Prompt, Result
from db.session import dispose_engines, session_scope
from specq.settings import get_settings
from tests.db.conftest import pg_url  # noqa: F401  (the fixture)
from workers.stack import Stack, StackError, broker_backlog


def _kill_broker(stack: Stack) -> int:
    assert stack.broker is not None and stack.broker.process is not None
    pid = stack.broker.pid
    os.kill(pid, signal.SIGKILL)
    stack.broker.process.wait(timeout=10)
    return pid


@pytest.fixture()
def tokenizer_target(specq_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A deployment whose target "t" has a tokenizer on disk (no weights: nothing decodes it)."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    model = tmp_path / "model"
    model.mkdir()
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hello": 1}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(model / "tokenizer.json"))
    (model / "config.json").write_text(json.dumps({"max_position_embeddings": 512}))
    config = tmp_path / "specq.toml"
    config.write_text(f'[targets.t]\npath = "{model}"\ndefault_draft = "none"\n')
    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(config))
    monkeypatch.setenv("SPECQ_ROUTE_CHUNK_SIZE", "2")
    get_settings.cache_clear()
    dispose_engines()
    yield "t"
    dispose_engines()


def test_killed_broker_is_restarted_and_unfinished_work_reenqueued(tokenizer_target: str) -> None:
    from producer.enqueue import broker_reachable

    stack = Stack(targets=[tokenizer_target], router=False)
    stack.specs = []  # the broker alone: nothing consumes, so the queue can be counted
    stack.start()
    try:
        url = get_settings().resolved_broker_url
        res = producer.submit_job([{"prompt": "hello"}] * 5, tokenizer_target, max_new_tokens=4)
        assert res.enqueued and broker_backlog(url) == 3  # 5 prompts in chunks of 2
        assert stack.check() == []

        old = _kill_broker(stack)
        assert not broker_reachable(timeout_s=0.5)
        notices = stack.check()
        assert stack.broker is not None and stack.broker.pid != old and stack.broker.alive()
        assert notices == [
            f"the embedded broker (pid {old}) exited with code -9; restarted it (pid {stack.broker.pid}) "
            "and re-enqueued 5 unfinished prompts of 1 jobs"
        ]
        assert broker_reachable() and broker_backlog(url) == 3  # what the dead broker lost, sent again
        assert stack.check() == []
        # The stack's own checks that must not restart anything (waiting for workers) say it died.
        dead = _kill_broker(stack)
        with pytest.raises(StackError, match=f"the embedded broker \\(pid {dead}\\) exited with code -9"):
            stack.check(restart=False)
    finally:
        stack.stop(timeout=10)


def test_restarts_are_limited(tokenizer_target: str) -> None:
    stack = Stack(targets=[tokenizer_target], router=False)
    stack.specs = []
    stack.start()
    try:
        for _ in range(3):
            _kill_broker(stack)
            assert len(stack.check()) == 1
        _kill_broker(stack)
        with pytest.raises(StackError, match="exited with code -9; see .*redis.log"):
            stack.check()
    finally:
        stack.stop(timeout=10)


def test_reenqueue_waits_for_the_database(
    tokenizer_target: str,
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Broker and database gone together: the broker comes back at once; the unfinished prompts
    are re-enqueued at the first check after the database answers again."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tests.db.conftest import PG_ADMIN_URL

    name = "specq_test_sup_" + os.urandom(4).hex()
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    monkeypatch.setenv("SPECQ_DATABASE_URL", make_url(pg_url).set(database=name).render_as_string(False))
    get_settings.cache_clear()
    dispose_engines()
    stack = Stack(targets=[tokenizer_target], router=False)
    stack.specs = []
    stack.start()
    try:
        url = get_settings().resolved_broker_url
        producer.submit_job([{"prompt": "hello"}] * 3, tokenizer_target, max_new_tokens=4)
        with admin.connect() as conn:  # the database stops accepting connections
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            conn.execute(
                text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
            )
        old = _kill_broker(stack)
        assert stack.check() == [] and stack.check() == []  # restarted; re-enqueueing waits
        assert stack.broker is not None and stack.broker.pid != old and broker_backlog(url) == 0
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        notices = stack.check()
        assert len(notices) == 1 and notices[0].endswith("and re-enqueued 3 unfinished prompts of 1 jobs")
        assert broker_backlog(url) == 2 and stack.check() == []
    finally:
        stack.stop(timeout=10)
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.integration
@pytest.mark.timeout(900)
def test_specq_up_heals_a_broker_killed_mid_job(
    tiny_zoo: Any,
    specq_env: Path,
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`specq up` (router + decode worker, tiny zoo) on PostgreSQL with a password in its URL and
    the embedded broker: the banner masks the password; the broker SIGKILLed once results flow is
    restarted with one line; the job completes by itself, every prompt decoded once."""
    import subprocess
    import sys
    import threading

    from sqlalchemy.engine import make_url

    from tests.conftest import ZOO_CACHE

    password = "pw-" + os.urandom(4).hex()
    db_url = make_url(pg_url).set(password=password).render_as_string(hide_password=False)
    for key, value in {
        "SPECQ_ZOO_DIR": str(ZOO_CACHE),
        "SPECQ_CONFIG_FILE": str(specq_env / "specq.toml"),  # absent: the built-in default deployment
        "SPECQ_DATABASE_URL": db_url,  # trust authentication: the password is carried, not checked
        "SPECQ_MAX_BATCH_SIZE": "4",
        "SPECQ_ROUTE_CHUNK_SIZE": "8",
        "SPECQ_EXPLORE_RATE": "0",
        "OMP_NUM_THREADS": "1",
    }.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    dispose_engines()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "up", "-t", "target-s", "--quiet"],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True).start()

    def wait_for(text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in list(lines) if text in line]
            if found:
                return found[0]
            assert proc.poll() is None, "".join(lines)
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} in:\n{''.join(lines)}")

    n = 48
    try:
        banner = wait_for("specq is up", 300)
        assert f"{make_url(pg_url).username}:***@" in banner and password not in banner
        prompts = [{"custom_id": str(i), "prompt": f"Tell me about item {i} and why"} for i in range(n)]
        res = producer.submit_job(prompts, "target-s", max_new_tokens=16)
        deadline = time.monotonic() + 120
        while (done_before := producer.status(res.job_id, errors_shown=0).completed) < 1:
            assert time.monotonic() < deadline, "no result within 120 s"
            time.sleep(0.1)
        assert done_before < n, "the job finished before the broker could be killed"
        pid = int((specq_env / "redis.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        notice = wait_for("restarted it", 30)
        assert (
            f"the embedded broker (pid {pid}) exited" in notice and "unfinished prompts of 1 jobs" in notice
        )
        while not (rep := producer.status(res.job_id, errors_shown=0)).done:
            assert time.monotonic() - killed_at < 180, f"job stuck at {rep.finished}/{rep.total}"
            assert proc.poll() is None, "".join(lines)
            time.sleep(0.2)
        took = time.monotonic() - killed_at
        with session_scope(read_only=True) as s:
            job = s.get(Job, res.job_id)
            per_prompt = Counter(s.scalars(select(Result.prompt_id).where(Result.job_id == res.job_id)))
            prompt_ids = set(s.scalars(select(Prompt.id).where(Prompt.job_id == res.job_id)))
        assert job is not None and (job.status, job.completed, job.failed) == (JobStatus.COMPLETED, n, 0)
        assert set(per_prompt) == prompt_ids and len(prompt_ids) == n  # nothing lost
        assert max(per_prompt.values()) == 1  # nothing duplicated
        print(f"broker killed at {done_before}/{n} done; job completed {took:.1f}s later; {notice.strip()}")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        dispose_engines()
    assert password not in "".join(lines)
    assert any(line.startswith("the embedded broker") for line in lines), "".join(lines)  # the CLI's line
    # The files `specq up` wrote are this user's only, and hold no password.
    logs = specq_env / "logs"
    assert (logs.stat().st_mode & 0o777) == 0o700
    assert {p.stat().st_mode & 0o777 for p in logs.iterdir()} == {0o600}
    for path in specq_env.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path
