"""Routing without a broker: plan_chunk against SQLite."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import func, select

from db import queries
from db.schema import Batch, Prompt, PromptStatus
from db.session import session_scope
from specq.broker import MIXED_DRAFT
from specq.deployment import Deployment, load_deployment
from workers.route import DEFAULT_TASK, plan_chunk, prompt_text

PROMPTS = [
    "def f(x): return x",
    "SELECT 1;",
    "a much longer question about the quick brown fox and the lazy dog",
    "def g(y):\n    return y * 2",
    "hi",
    "SELECT name FROM t WHERE id = 3;",
    "what is 2 plus 2?",
]


def _submit(lines: list[dict[str, object]], **kw: object) -> tuple[str, int, int]:
    import producer

    res = producer.submit_job(lines, "t", enqueue=False, max_new_tokens=4, **kw)  # type: ignore[arg-type]
    with session_scope() as s:
        ids = queries.prompt_ids(s, res.job_id)
    return res.job_id, ids[0], ids[-1]


class KeywordRouter:
    """Stands in for a trained classifier: code / sql / other by keyword."""

    def classify(self, texts: list[str]) -> list[str]:
        return ["code" if "def " in t else "sql" if "SELECT" in t else "other" for t in texts]


def test_default_route_stores_task_and_draft_and_sorts_by_length(unit_env: Path) -> None:
    job, first, last = _submit([{"prompt": p} for p in PROMPTS])
    dep = load_deployment()
    with session_scope() as s:
        batches = plan_chunk(s, job, first, last, deployment=dep, router=None)
    assert sum(len(b.prompt_ids) for b in batches) == len(PROMPTS)
    assert all(len(b.prompt_ids) <= 4 for b in batches)  # SPECQ_MAX_BATCH_SIZE=4
    assert {(b.target, b.draft, b.task, b.queue) for b in batches} == {
        ("t", "small", DEFAULT_TASK, "specq.decode.t")
    }
    with session_scope() as s:
        prompts = {p.id: p for p in queries.prompts_in_range(s, job, first, last)}
        assert {(p.task, p.draft, p.status) for p in prompts.values()} == {
            (DEFAULT_TASK, "small", PromptStatus.ROUTED)
        }
        lengths = [
            prompts[i].prompt_tokens or len(prompt_text(prompts[i])) for b in batches for i in b.prompt_ids
        ]
        assert lengths == sorted(lengths)
        rows = {b.id: b for b in s.scalars(select(Batch).where(Batch.job_id == job))}
    assert set(rows) == {b.batch_id for b in batches}
    assert all(rows[b.batch_id].size == len(b.prompt_ids) for b in batches)


def test_replanning_a_redelivered_chunk_creates_no_new_batches(unit_env: Path) -> None:
    job, first, last = _submit([{"prompt": p} for p in PROMPTS])
    dep = load_deployment()
    with session_scope() as s:
        a = plan_chunk(s, job, first, last, deployment=dep, router=None)
    with session_scope() as s:
        b = plan_chunk(s, job, first, last, deployment=dep, router=None)
        n = s.scalar(select(func.count()).select_from(Batch).where(Batch.job_id == job))
    assert [x.batch_id for x in a] == [x.batch_id for x in b]
    assert n == len(a)


def test_router_labels_and_assignments_choose_drafts(unit_env: Path) -> None:
    job, first, last = _submit([{"prompt": p} for p in PROMPTS])
    dep = load_deployment()
    with session_scope() as s:
        queries.set_assignment(s, "t", "code", "lookup", source="assign", reason="test")
        queries.set_assignment(s, "t", "sql", "removed-draft", source="assign", reason="stale")

    def chooser(s, deployment: Deployment, target: str, task: str, rng: random.Random) -> tuple[str, bool]:
        from workers.route import _assignment_or_default

        return _assignment_or_default(s, deployment, target, task, rng)

    with session_scope() as s:
        batches = plan_chunk(
            s, job, first, last, deployment=dep, router=KeywordRouter(), choose_draft=chooser
        )
    with session_scope() as s:
        prompts = queries.prompts_in_range(s, job, first, last)
    # code -> its assignment; sql -> assignment names an unknown draft, so the default; other -> default
    assert {p.task: p.draft for p in prompts} == {"code": "lookup", "sql": "small", "other": "small"}
    # One queue per target: batches fill across sub-tasks, each prompt keeping its own draft.
    assert {b.queue for b in batches} == {"specq.decode.t"}
    assert sorted(i for b in batches for i in b.prompt_ids) == sorted(p.id for p in prompts)
    draft_of = {p.id: p.draft for p in prompts}
    task_of = {p.id: p.task for p in prompts}
    for b in batches:
        drafts = {draft_of[i] for i in b.prompt_ids}
        tasks = {task_of[i] for i in b.prompt_ids}
        assert b.draft == (drafts.pop() if len(drafts) == 1 else MIXED_DRAFT)
        assert b.task == (tasks.pop() if len(tasks) == 1 else None)
    assert any(b.draft == MIXED_DRAFT for b in batches)


def test_the_deployment_files_task_drafts_route_tasks_without_an_assignment(unit_env: Path) -> None:
    job, first, last = _submit([{"prompt": p} for p in PROMPTS])
    dep = load_deployment()
    dep.set_task_drafts("t", {"other": "lookup", "sql": "none", "code": "lookup"})
    from workers.route import _assignment_or_default as no_explore

    with session_scope() as s:
        queries.set_assignment(s, "t", "code", "small", source="assign", reason="measured")
    with session_scope() as s:
        plan_chunk(
            s, job, first, last, deployment=load_deployment(), router=KeywordRouter(), choose_draft=no_explore
        )
    with session_scope() as s:
        prompts = queries.prompts_in_range(s, job, first, last)
    # code: the database's assignment wins; sql and other: the file's task drafts (none = plain)
    assert {p.task: p.draft for p in prompts} == {"code": "small", "sql": "none", "other": "lookup"}


def test_pinned_draft_and_finished_or_cancelled_prompts(unit_env: Path) -> None:
    job, first, last = _submit([{"prompt": p} for p in PROMPTS], draft="none")
    dep = load_deployment()
    with session_scope() as s:
        done_id = first
        s.get(Prompt, done_id).status = PromptStatus.DONE  # type: ignore[union-attr]
    with session_scope() as s:
        batches = plan_chunk(s, job, first, last, deployment=dep, router=KeywordRouter())
    assert {b.draft for b in batches} == {"none"}
    routed = [i for b in batches for i in b.prompt_ids]
    assert done_id not in routed and len(routed) == len(PROMPTS) - 1

    with session_scope() as s:
        queries.request_cancel(s, job)
    with session_scope() as s:
        assert plan_chunk(s, job, first, last, deployment=dep, router=None) == []
        assert plan_chunk(s, "job_missing", 1, 10, deployment=dep, router=None) == []


def test_chat_prompts_are_classified_on_their_text(unit_env: Path) -> None:
    job, first, last = _submit(
        [
            {
                "messages": [
                    {"role": "system", "content": "be brief"},
                    {"role": "user", "content": "def h(): pass"},
                ]
            }
        ]
    )
    with session_scope() as s:
        (p,) = queries.prompts_in_range(s, job, first, last)
        assert prompt_text(p) == "be brief\ndef h(): pass"
        (b,) = plan_chunk(s, job, first, last, deployment=load_deployment(), router=KeywordRouter())
    assert b.task == "code"


def test_cost_model_caps_batches_to_the_memory_budget(unit_env: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from specq.settings import get_settings
    from workers.route import batch_size_cap

    dep = load_deployment()
    assert batch_size_cap(dep, "t", "small", prompt_tokens=20, max_new_tokens=8) == 4  # the configured cap
    monkeypatch.setenv("SPECQ_WORKER_MEMORY_MIB", "0")  # nothing fits: one row per batch, still progress
    get_settings.cache_clear()
    assert batch_size_cap(dep, "t", "small", prompt_tokens=20, max_new_tokens=8) == 1
    job, first, last = _submit([{"prompt": p} for p in PROMPTS])
    with session_scope() as s:
        batches = plan_chunk(s, job, first, last, deployment=dep, router=None)
    assert [len(b.prompt_ids) for b in batches] == [1] * len(PROMPTS)


def test_missing_or_broken_router_means_default_task(tmp_path: Path) -> None:
    from workers.route import load_router_cached

    assert load_router_cached(None) is None
    assert load_router_cached(tmp_path / "absent") is None
    broken = tmp_path / "router"
    broken.mkdir()
    (broken / "manifest.json").write_text("{}")
    assert load_router_cached(broken) is None
