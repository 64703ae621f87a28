"""The decode loop: several claimed batches of different drafts decode in one running session."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import producer
from db import queries
from db.schema import Batch, BatchStatus, Job, JobStatus, Prompt, Result
from db.session import session_scope
from specq.deployment import load_deployment
from workers.decode import claim, run_batch
from workers.decode_loop import DecodeLoop, close_loops
from workers.route import plan_chunk
from workers.runtime import Runtime

PROMPTS = ["def add(a, b):", "SELECT name FROM", "The quick brown fox", "What is 12 plus", "import os"]


@pytest.fixture()
def runtime(unit_env: Path) -> Iterator[Runtime]:
    yield Runtime(load_deployment(), device="cpu")
    close_loops()


def _job(draft: str, max_new: list[int]) -> tuple[str, list[Any]]:
    res = producer.submit_job(
        [
            {"prompt": p, "custom_id": f"c{i}", "max_new_tokens": m}
            for i, (p, m) in enumerate(zip(PROMPTS, max_new, strict=True))
        ],
        "t",
        enqueue=False,
        draft=draft,
    )
    with session_scope() as s:
        ids = queries.prompt_ids(s, res.job_id)
        batches = plan_chunk(s, res.job_id, ids[0], ids[-1], deployment=load_deployment(), router=None)
    return res.job_id, batches


def _outputs(job_id: str) -> dict[str, str]:
    with session_scope() as s:
        rows = s.execute(
            select(Prompt.custom_id, Result.output_text)
            .join(Result, Result.prompt_id == Prompt.id)
            .where(Prompt.job_id == job_id)
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def test_batches_of_three_drafts_in_flight_together_decode_losslessly(runtime: Runtime) -> None:
    """Ragged lengths, three drafts (model, prompt lookup, none), every batch submitted at once from
    its own thread as the worker's pool does: each row is the target's own greedy decoding."""
    max_new = [3, 12, 7, 1, 10]
    jobs = {d: _job(d, max_new) for d in ("none", "small", "lookup")}
    loop = DecodeLoop(runtime, worker="w")
    outcomes: list[Any] = []
    errors: list[BaseException] = []

    def decode(batch_id: str) -> None:
        try:
            outcomes.append(run_batch(batch_id, loop=loop, worker="w"))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [
        threading.Thread(target=decode, args=(b.batch_id,)) for _, batches in jobs.values() for b in batches
    ]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
    finally:
        loop.close()
    assert errors == [] and len(outcomes) == len(threads)
    assert {o.status for o in outcomes} == {"done"}
    texts = {d: _outputs(job_id) for d, (job_id, _) in jobs.items()}
    assert texts["none"] == texts["small"] == texts["lookup"] and len(texts["none"]) == len(PROMPTS)
    with session_scope() as s:
        for d, (job_id, _) in jobs.items():
            job = s.get(Job, job_id)
            assert job is not None and (job.status, job.completed) == (JobStatus.COMPLETED, len(PROMPTS))
            results = list(s.scalars(select(Result).where(Result.job_id == job_id)))
            assert {r.draft for r in results} == {d}
            for r in results:
                assert sum(r.accepted_per_position or []) == r.accepted_tokens <= r.drafted_tokens
                assert (r.drafted_tokens == 0) == (d == "none" or r.output_tokens <= 1)
            batches = list(s.scalars(select(Batch).where(Batch.job_id == job_id)))
            assert {b.status for b in batches} == {BatchStatus.DONE}
            assert all(b.seconds is not None and b.seconds > 0 for b in batches)


def test_a_batch_claimed_before_a_cancel_is_put_back_undecoded(runtime: Runtime) -> None:
    job_id, batches = _job("small", [4] * len(PROMPTS))
    status, claimed = claim(batches[0].batch_id, "w")
    assert status == "running" and claimed is not None
    with session_scope() as s:
        assert queries.request_cancel(s, job_id) == JobStatus.CANCELLING  # the claimed batch runs
    loop = DecodeLoop(runtime, worker="w")
    try:
        out = loop.submit(claimed).wait(timeout=120)
    finally:
        loop.close()
    assert (out.status, out.inserted, out.finalized) == ("cancelled", 0, JobStatus.CANCELLED)
    with session_scope() as s:
        assert s.get(Batch, batches[0].batch_id).status == BatchStatus.QUEUED  # type: ignore[union-attr]
        assert s.scalar(select(Result.id).where(Result.job_id == job_id)) is None


def test_prompts_of_several_sub_tasks_share_batches_with_their_own_drafts(runtime: Runtime) -> None:
    """Routed by sub-task to different drafts, cut into batches across sub-tasks: every result is
    the target's own greedy decoding and records its prompt's draft."""
    from tests.workers.test_route import KeywordRouter

    prompts = ["def f(x):", "SELECT a FROM b", "hi there", "def g(y): return", "SELECT 1;", "the fox"]
    res = producer.submit_job(
        [{"prompt": p, "custom_id": f"c{i}"} for i, p in enumerate(prompts)],
        "t",
        enqueue=False,
        max_new_tokens=6,
    )
    plain = producer.submit_job(
        [{"prompt": p, "custom_id": f"c{i}"} for i, p in enumerate(prompts)],
        "t",
        enqueue=False,
        max_new_tokens=6,
        draft="none",
    )
    with session_scope() as s:
        queries.set_assignment(s, "t", "code", "lookup", source="assign", reason="test")
        queries.set_assignment(s, "t", "sql", "none", source="assign", reason="test")
    batches = []
    for job_id in (res.job_id, plain.job_id):
        with session_scope() as s:
            ids = queries.prompt_ids(s, job_id)
            batches += plan_chunk(
                s, job_id, ids[0], ids[-1], deployment=load_deployment(), router=KeywordRouter()
            )
    assert any(b.draft == "*" for b in batches)
    for b in batches:
        assert run_batch(b.batch_id, runtime=runtime).status == "done"
    assert _outputs(res.job_id) == _outputs(plain.job_id)
    with session_scope() as s:
        rows = s.execute(
            select(Prompt.draft, Prompt.task, Result.draft, Result.task)
            .join(Result, Result.prompt_id == Prompt.id)
            .where(Prompt.job_id == res.job_id)
        ).all()
    assert {(pd, pt) for pd, pt, _, _ in rows} == {("lookup", "code"), ("none", "sql"), ("small", "other")}
    assert all((pd, pt) == (rd, rt) for pd, pt, rd, rt in rows)


def test_an_interactive_batch_joins_the_running_batch_ahead_of_waiting_bulk_batches(
    runtime: Runtime,
) -> None:
    """Three bulk batches of four long prompts (sessions run four rows: one batch runs, two wait),
    then a one-prompt interactive batch: it joins the full running batch at the next step, in a
    reserved row, and is written before any prompt of the waiting bulk batches is."""
    lines = [{"prompt": PROMPTS[i % len(PROMPTS)] + " " * (i // 5), "custom_id": f"b{i}"} for i in range(12)]
    bulk = producer.submit_job(lines, "t", enqueue=False, max_new_tokens=40, draft="none")
    quick = producer.submit_job(
        [{"prompt": "What is 12 plus", "custom_id": "q"}],
        "t",
        enqueue=False,
        max_new_tokens=3,
        draft="none",
        priority="interactive",
    )
    claimed = []
    with session_scope() as s:
        for job_id in (bulk.job_id, quick.job_id):
            ids = queries.prompt_ids(s, job_id)
            claimed += plan_chunk(s, job_id, ids[0], ids[-1], deployment=load_deployment(), router=None)
    assert [b.interactive for b in claimed] == [False, False, False, True]
    batches = [claim(b.batch_id, "w")[1] for b in claimed]
    assert all(b is not None for b in batches) and batches[-1].interactive  # type: ignore[union-attr]
    loop = DecodeLoop(runtime, worker="w")
    try:
        handles = [loop.submit(b) for b in batches]  # type: ignore[arg-type]
        outcomes = [h.wait(timeout=300) for h in handles]
    finally:
        loop.close()
    assert [o.status for o in outcomes] == ["done"] * 4
    with session_scope() as s:
        written = {
            batch_id: list(s.scalars(select(Result.created_at).where(Result.batch_id == batch_id)))
            for batch_id in (b.batch_id for b in claimed)
        }
        tokens = list(s.scalars(select(Result.output_tokens).where(Result.batch_id == claimed[0].batch_id)))
    assert min(tokens) > 3, "the running bulk rows must outlast the interactive one"
    (answered,) = written[claimed[3].batch_id]
    assert answered <= min(written[claimed[0].batch_id])  # no later than the running batch's rows
    assert answered < min(written[claimed[1].batch_id] + written[claimed[2].batch_id])
