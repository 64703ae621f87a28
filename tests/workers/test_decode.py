"""Decoding without a broker: run_batch against SQLite and random-weight models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db import queries
from db.schema import Batch, BatchStatus, Job, JobStatus, Prompt, PromptStatus, Result
from db.session import session_scope
from specq.deployment import load_deployment
from workers.decode import claim, run_batch
from workers.decode_loop import DecodeLoop, close_loops
from workers.prompts import WorkItem, _cut_at_stop, prepare_rows, tokenize
from workers.route import plan_chunk
from workers.runtime import Runtime

PROMPTS = ["def add(a, b):", "SELECT name FROM", "The quick brown fox", "What is 12 plus", "import os"]


def _job(draft: str | None = None, prompts: list[str] = PROMPTS, **kw: Any) -> tuple[str, list[Any]]:
    import producer

    res = producer.submit_job(
        [{"prompt": p, "custom_id": f"c{i}"} for i, p in enumerate(prompts)],
        "t",
        enqueue=False,
        max_new_tokens=kw.pop("max_new_tokens", 6),
        draft=draft,
        **kw,
    )
    with session_scope() as s:
        ids = queries.prompt_ids(s, res.job_id)
        batches = plan_chunk(s, res.job_id, ids[0], ids[-1], deployment=load_deployment(), router=None)
    return res.job_id, batches


@pytest.fixture()
def runtime(unit_env: Path) -> Iterator[Runtime]:
    yield Runtime(load_deployment(), device="cpu")
    close_loops()


def _outputs(job_id: str) -> dict[str, str]:
    with session_scope() as s:
        rows = s.execute(
            select(Prompt.custom_id, Result.output_text)
            .join(Result, Result.prompt_id == Prompt.id)
            .where(Prompt.job_id == job_id)
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def test_batches_write_results_counters_and_finalize(runtime: Runtime) -> None:
    job_id, batches = _job()
    assert len(batches) == 2  # 5 prompts, SPECQ_MAX_BATCH_SIZE=4
    outcomes = [run_batch(b.batch_id, runtime=runtime, worker="w1") for b in batches]
    assert [o.status for o in outcomes] == ["done", "done"]
    assert outcomes[-1].finalized == JobStatus.COMPLETED
    with session_scope() as s:
        job = s.get(Job, job_id)
        assert job is not None
        assert (job.status, job.total, job.completed, job.failed) == (JobStatus.COMPLETED, 5, 5, 0)
        results = list(s.scalars(select(Result).where(Result.job_id == job_id)))
        assert len(results) == 5
        for r in results:
            assert (r.target, r.draft, r.task, r.worker) == ("t", "small", "default", "w1")
            assert r.batch_id in {b.batch_id for b in batches}
            assert 1 <= r.output_tokens <= 6 and r.finish_reason in ("length", "stop")
            assert r.steps >= (1 if r.output_tokens > 1 else 0)  # the prefill gives the first token
            assert 0 <= r.accepted_tokens <= r.drafted_tokens
            assert r.drafted_tokens == 3 * r.steps or r.finish_reason == "stop" or r.output_tokens == 6
            assert len(r.accepted_per_position or []) == 3
            assert r.k is not None and 0 < r.k <= 3
        assert {p.status for p in s.scalars(select(Prompt).where(Prompt.job_id == job_id))} == {
            PromptStatus.DONE
        }
        batch_rows = list(s.scalars(select(Batch).where(Batch.job_id == job_id)))
        assert {b.status for b in batch_rows} == {BatchStatus.DONE}
        assert sum(b.output_tokens or 0 for b in batch_rows) == sum(r.output_tokens for r in results)


def test_pipeline_is_lossless_across_drafts(runtime: Runtime) -> None:
    """Greedy outputs are the target's own, whatever draft decoded them (none / model / lookup)."""
    texts = {}
    for draft in ("none", "small", "lookup"):
        job_id, batches = _job(draft=draft, max_new_tokens=10)
        for b in batches:
            assert b.draft == draft
            run_batch(b.batch_id, runtime=runtime)
        texts[draft] = _outputs(job_id)
        with session_scope() as s:
            ks = set(s.scalars(select(Result.k).where(Result.job_id == job_id)))
        assert (ks == {None}) == (draft == "none")
    assert texts["none"] == texts["small"] == texts["lookup"]
    assert len(texts["none"]) == len(PROMPTS)


def test_redelivered_batch_is_skipped_and_double_decoding_never_double_counts(runtime: Runtime) -> None:
    job_id, batches = _job()
    first = batches[0]
    run_batch(first.batch_id, runtime=runtime)
    again = run_batch(first.batch_id, runtime=runtime)
    assert again.status == "skipped"

    # Two deliveries that both claimed before either wrote: the second write changes nothing.
    second = batches[1]
    status_a, a = claim(second.batch_id, "w1")
    status_b, b = claim(second.batch_id, "w2")
    assert (status_a, status_b) == ("running", "running") and a is not None and b is not None
    loop = DecodeLoop(runtime, worker="w1")
    try:
        out_a = loop.submit(a).wait(timeout=120)
        out_b = loop.submit(b).wait(timeout=120)
    finally:
        loop.close()
    n = len(second.prompt_ids)
    assert (out_a.inserted, out_a.duplicates, out_a.finalized) == (n, 0, JobStatus.COMPLETED)
    assert (out_b.inserted, out_b.duplicates, out_b.finalized) == (0, n, None)
    with session_scope() as s:
        job = s.get(Job, job_id)
        assert job is not None and (job.completed, job.failed, job.status) == (5, 0, JobStatus.COMPLETED)
        assert s.scalar(select(func.count()).select_from(Result).where(Result.job_id == job_id)) == 5


def test_cancelled_job_runs_no_batch(runtime: Runtime) -> None:
    job_id, batches = _job()
    run_batch(batches[0].batch_id, runtime=runtime)
    with session_scope() as s:
        assert queries.request_cancel(s, job_id) == JobStatus.CANCELLED  # no batch running
    out = run_batch(batches[1].batch_id, runtime=runtime)
    assert out.status == "cancelled"
    with session_scope() as s:
        job = s.get(Job, job_id)
        assert (
            job is not None
            and job.status == JobStatus.CANCELLED
            and job.completed == len(batches[0].prompt_ids)
        )
        left = s.scalar(
            select(func.count()).select_from(Result).where(Result.prompt_id.in_(batches[1].prompt_ids))
        )
    assert left == 0


def test_a_held_batch_of_a_cancelled_job_is_not_re_sent_forever(runtime: Runtime) -> None:
    from datetime import timedelta

    from db.schema import utcnow
    from workers import recovery

    job_id, batches = _job()
    held = batches[1].batch_id
    with session_scope() as s:
        # Delivered to this process (held, waiting for a thread), then the job is cancelled.
        assert queries.hold_batch(s, held, worker="w1", host=recovery.HOST, pid=1)
        queries.request_cancel(s, job_id)
    assert run_batch(held, runtime=runtime).status == "cancelled"
    with session_scope() as s:
        batch = s.get(Batch, held)
        assert batch is not None and batch.status == BatchStatus.FAILED
        # Long after its heartbeat stopped, no sweep finds it to re-send.
        later = utcnow() + timedelta(hours=1)
        stale = queries.orphaned_batches(s, stale_before=later, host=recovery.HOST, alive=lambda pid: False)
        assert held not in {b.id for b in stale}
        job = s.get(Job, job_id)
        assert job is not None and job.status == JobStatus.CANCELLED


class _PoisonedSession:
    """A real decoding session whose step fails, like a broken kernel, once `poison` is in it."""

    def __init__(self, inner: Any, poison: list[int]) -> None:
        self.inner, self.poison, self.poisoned = inner, poison, False

    def add(self, request_id: Any, prompt_ids: list[int], params: Any, **kw: Any) -> None:
        self.poisoned |= prompt_ids == self.poison
        self.inner.add(request_id, prompt_ids, params, **kw)

    def step(self) -> list[Any]:
        if self.poisoned:
            raise RuntimeError("CUDA error: an illegal memory access was encountered")
        return self.inner.step()  # type: ignore[no-any-return]

    def has_work(self) -> bool:
        return self.inner.has_work()  # type: ignore[no-any-return]


class FlakyRuntime:
    """The real runtime, except that any batch containing `poison` raises like a broken kernel."""

    def __init__(self, inner: Runtime, poison: list[int]) -> None:
        self.inner, self.poison, self.calls = inner, poison, 0
        self.deployment = inner.deployment

    def target(self, name: str) -> Any:
        return self.inner.target(name)

    def target_decoder(self, name: str) -> Any:
        flaky = self

        class Decoder:
            drafts = self.inner.target_decoder(name).drafts

            def session(self, **kw: Any) -> _PoisonedSession:
                return _PoisonedSession(flaky.inner.target_decoder(name).session(**kw), flaky.poison)

        return Decoder()

    def add_draft(self, target: str, draft: str) -> None:
        self.inner.add_draft(target, draft)

    def drop_target_decoder(self, target: str) -> None:
        self.inner.drop_target_decoder(target)

    def generate(self, target: str, draft: str, prompts: list[list[int]], params: list[Any]) -> list[Any]:
        self.calls += 1
        if self.poison in prompts:
            raise RuntimeError("CUDA error: an illegal memory access was encountered")
        return self.inner.generate(target, draft, prompts, params)


def test_failures_are_per_prompt_and_the_job_still_finishes(runtime: Runtime) -> None:
    job_id, batches = _job()
    big = batches[0]
    tok = runtime.target("t").tokenizer
    with session_scope() as s:
        long_prompt, poisoned = queries.get_prompts(s, big.prompt_ids[:2])
        long_prompt.text = "The quick brown fox " * 60  # > 128 positions of the random target
        poison_ids = tok(poisoned.text)["input_ids"]
        long_id, poison_id = long_prompt.id, poisoned.id
    flaky = FlakyRuntime(runtime, poison_ids)
    out = run_batch(big.batch_id, runtime=flaky)
    assert (out.status, out.failed, out.inserted) == ("done", 2, len(big.prompt_ids) - 2)
    assert flaky.calls > 1  # the batch was split to isolate the failing prompt
    rest = batches[1]
    out = run_batch(rest.batch_id, runtime=runtime)
    assert out.finalized == JobStatus.COMPLETED
    with session_scope() as s:
        job = s.get(Job, job_id)
        assert job is not None and (job.completed, job.failed, job.status) == (3, 2, JobStatus.COMPLETED)
        errors = {p.id: p.error for p in queries.get_prompts(s, [long_id, poison_id])}
        assert all(s.get(Prompt, i).status == PromptStatus.FAILED for i in errors)  # type: ignore[union-attr]
    assert "the context of the target (128 tokens)" in (errors[long_id] or "")
    assert "illegal memory access" in (errors[poison_id] or "")


def test_stop_strings_and_chat_tokenization(runtime: Runtime) -> None:
    assert _cut_at_stop("SELECT 1; -- done", [";", "--"]) == ("SELECT 1", True)
    assert _cut_at_stop("no stop here", ["\n\n"]) == ("no stop here", False)
    from specq.chat import render_chat

    tok = runtime.target("t").tokenizer
    messages = [{"role": "user", "content": "What is 12 plus 30?"}]
    item = WorkItem(1, None, None, messages, {})
    assert tokenize(tok, item) == tok(render_chat(messages, None))["input_ids"]
    loaded = runtime.target("t")
    rows, failures = prepare_rows(
        loaded.tokenizer, loaded.context_length, [WorkItem(1, None, None, messages, {"max_new_tokens": 3})]
    )
    assert failures == [] and rows[0].params.max_new_tokens == 3
    out = runtime.generate("t", "small", [rows[0].prompt_ids], [rows[0].params])
    assert len(out[0].token_ids) <= 3


def test_decoded_batches_feed_the_online_assignment(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workers.decode as decode

    monkeypatch.setattr(decode, "ASSIGNMENT_UPDATE_INTERVAL_S", 0.0)
    monkeypatch.setattr(decode, "_last_update", {})
    job_id, batches = _job()
    for b in batches:
        run_batch(b.batch_id, runtime=runtime)
    with session_scope() as s:
        row = queries.get_assignment(s, "t", "default")
        assert row is not None and row.draft == "small"
        assert row.samples == len(PROMPTS)  # refreshed after the second batch too
        assert row.acceptance is not None

    # Within the interval a second job's batches do not re-run the policy.
    monkeypatch.setattr(decode, "ASSIGNMENT_UPDATE_INTERVAL_S", 3600.0)
    job_id, batches = _job()
    for b in batches:
        run_batch(b.batch_id, runtime=runtime)
    with session_scope() as s:
        row = queries.get_assignment(s, "t", "default")
        assert row is not None and row.samples == len(PROMPTS)
