"""Draft assignment against SQLite (workers/assignment.py): choice, online switching, assign, routing."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from db import queries
from db.schema import Result, utcnow
from db.session import session_scope
from models.tasks.assignment import PolicyConfig
from specq.deployment import Deployment, DraftSpec, TargetSpec, load_deployment
from specq.settings import get_settings
from workers.assignment import (
    batches_to_switch,
    choose_draft,
    expected_exploration_bound,
    measures,
    simulate_online,
    update_assignment,
)

NO_EXPLORE = PolicyConfig(explore_rate=0.0, min_prompts=8)


def _deployment(*drafts: str, default: str = "general") -> Deployment:
    """An in-memory deployment of target "t" (nothing is loaded: policy code only reads names)."""
    specs = {d: DraftSpec(d, "model", ("t",), path=f"zoo:{d}") for d in drafts}
    return Deployment(targets={"t": TargetSpec("t", "zoo:target", default)}, drafts=specs)


def _store_results(session, draft: str, prompts: int, accepted_per_step: float, task: str = "qa") -> None:  # type: ignore[no-untyped-def]
    """``prompts`` results of ``draft`` with 10 steps of k=4 each and the given mean accepted per step."""
    job = queries.create_job(session, target="t", name=f"{draft}-{task}")
    queries.add_prompts_bulk(
        session,
        job.id,
        (queries.PromptRow(position=i + 1, custom_id=f"p{i}", text="x") for i in range(prompts)),
    )
    rows = [
        queries.ResultRow(
            prompt_id=pid,
            job_id=job.id,
            output_text="",
            output_tokens=10,
            finish_reason="length",
            target="t",
            draft=draft,
            task=task,
            steps=10,
            drafted_tokens=40,
            accepted_tokens=round(10 * accepted_per_step),
        )
        for pid in queries.prompt_ids(session, job.id)
    ]
    queries.upsert_results(session, rows)


def test_choose_draft_follows_the_assignment_and_explores(unit_env: Path) -> None:
    dep = _deployment("general", "aligned", "lookup")
    rng = random.Random(0)
    with session_scope() as s:
        assert choose_draft(s, dep, "t", "qa", rng, NO_EXPLORE) == ("general", False)  # the default
        queries.set_assignment(s, "t", "qa", "aligned", source="assign", reason="test")
        assert choose_draft(s, dep, "t", "qa", rng, NO_EXPLORE) == ("aligned", False)
        _store_results(s, "general", 20, 1.0)
        always = PolicyConfig(explore_rate=1.0, min_prompts=8)
        # "lookup" has no measurement yet: every exploration batch goes to it.
        assert {choose_draft(s, dep, "t", "qa", rng, always) for _ in range(20)} == {("lookup", True)}
        # A draft removed from the deployment is no longer chosen.
        assert choose_draft(s, _deployment("general", "lookup"), "t", "qa", rng, NO_EXPLORE) == (
            "general",
            False,
        )


def test_plain_decoding_targets_are_left_alone(unit_env: Path) -> None:
    dep = _deployment("general", "aligned", default="none")
    with session_scope() as s:
        _store_results(s, "aligned", 20, 3.0)
        assert choose_draft(s, dep, "t", "qa", random.Random(0), PolicyConfig(explore_rate=1.0)) == (
            "none",
            False,
        )
        assert update_assignment(s, dep, "t", "qa", NO_EXPLORE) is None
        assert queries.get_assignment(s, "t", "qa") is None


def test_update_assignment_switches_on_significant_gain_and_records_why(unit_env: Path) -> None:
    dep = _deployment("general", "aligned")
    with session_scope() as s:
        _store_results(s, "general", 30, 1.0)
        _store_results(s, "aligned", 4, 3.0)  # better, but too few prompts to compare
        assert update_assignment(s, dep, "t", "qa", NO_EXPLORE) is None
        row = queries.get_assignment(s, "t", "qa")
        assert row is not None and (row.draft, row.source, row.samples) == ("general", "config", 30)
        _store_results(s, "aligned", 12, 3.0)
        decision = update_assignment(s, dep, "t", "qa", NO_EXPLORE)
    assert decision is not None and (decision.current, decision.chosen) == ("general", "aligned")
    with session_scope() as s:
        row = queries.get_assignment(s, "t", "qa")
        assert row is not None and (row.draft, row.source, row.samples) == ("aligned", "online", 16)
        assert row.mean_accepted == pytest.approx(3.0)
        events = queries.assignment_events(s, "t")
        assert [(e.old_draft, e.new_draft) for e in events] == [(None, "general"), ("general", "aligned")]
        switch = events[-1]
        assert "aligned" in switch.reason and "z=" in switch.reason
        assert switch.evidence is not None
        (comparison,) = switch.evidence["comparisons"]
        assert comparison["challenger"] == "aligned" and comparison["significant"]
        assert switch.evidence["measures"]["general"]["prompts"] == 30
        # Nothing new: no switch, no event.
        assert update_assignment(s, dep, "t", "qa", NO_EXPLORE) is None
        assert len(queries.assignment_events(s, "t")) == 2


def test_the_policy_measures_drafts_on_recent_results_only(
    unit_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft that was poor two days ago and is good now (re-registered under its name) wins."""
    dep = _deployment("general", "aligned")
    with session_scope() as s:
        _store_results(s, "aligned", 200, 0.5)
        s.execute(update(Result).values(created_at=utcnow() - timedelta(days=2)))
        _store_results(s, "general", 30, 1.0)
        _store_results(s, "aligned", 20, 3.0)
        assert {d: m.prompts for d, m in measures(s, "t", "qa").items()} == {"general": 30, "aligned": 20}
        decision = update_assignment(s, dep, "t", "qa", NO_EXPLORE)
        assert decision is not None and decision.chosen == "aligned"
    monkeypatch.setenv("SPECQ_ASSIGNMENT_WINDOW_S", "0")  # 0 = all history: the old results weigh it down
    get_settings.cache_clear()
    with session_scope() as s:
        assert measures(s, "t", "qa")["aligned"].prompts == 220
        assert measures(s, "t", "qa")["aligned"].mean_accepted == pytest.approx((200 * 5 + 20 * 30) / 2200)


@pytest.mark.parametrize("scenario", ["registered", "acceptance_rises"])
def test_online_switch_within_a_bounded_number_of_batches(unit_env: Path, scenario: str) -> None:
    """The best draft changes at batch 20; the assignment follows within the exploration bound."""
    change_at, explore = 20, 0.15
    before, after = _deployment("general", "lookup"), _deployment("general", "lookup", "aligned")
    if scenario == "registered":
        best = "aligned"

        def deployment_at(b: int) -> Deployment:
            return before if b < change_at else after

        def acceptance(b: int, d: str) -> float:
            return {"general": 0.55, "lookup": 0.3, "aligned": 0.8}[d]
    else:
        best = "lookup"

        def deployment_at(b: int) -> Deployment:
            return before

        def acceptance(b: int, d: str) -> float:
            return {"general": 0.55, "lookup": 0.3 if b < change_at else 0.9}[d]

    config = PolicyConfig(explore_rate=explore, min_prompts=8)
    with session_scope() as s:
        history = simulate_online(
            s,
            target="t",
            task="qa",
            deployment_at=deployment_at,
            acceptance=acceptance,
            batches=90,
            batch_size=8,
            seed=1,
            config=config,
        )
        events = queries.assignment_events(s, "t")
    assert all(h.assigned == "general" for h in history[:change_at])
    delay = batches_to_switch(history, change_at, best)
    # Exploration reaches the new best within the 99% bound; a cumulative mean may need a few more visits.
    assert delay is not None and delay <= 3 * expected_exploration_bound(explore)
    assert history[-1].assigned == best
    online = [e for e in events if e.old_draft is not None]
    assert online and online[-1].new_draft == best
    assert all(e.evidence and e.evidence["comparisons"] for e in online)
    assert sum(h.explored for h in history) > 0


def test_routing_gives_different_tasks_their_assigned_drafts_on_the_target_queue(
    unit_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trained router splits code from SQL; each task's prompts get its assigned draft, and
    batches go to the target's one queue."""
    import producer
    from models.tasks import partition, save_router, train_router
    from specq.settings import get_settings
    from workers.route import draft_chooser, plan_chunk

    monkeypatch.setenv("SPECQ_EXPLORE_RATE", "0")
    get_settings.cache_clear()
    rng = random.Random(0)
    code = [f"def f{i}(x):\n    return x * {rng.randint(2, 9)} + {i}" for i in range(25)]
    sql = [f"SELECT name, age FROM users WHERE id = {i} AND age > {rng.randint(1, 90)};" for i in range(25)]
    part = partition(code + sql, featurizer="tfidf", k=2, seed=0)
    router = train_router(code + sql, part.labels, boilerplate=part.boilerplate)
    save_router(router, unit_env / "router")
    code_task, sql_task = part.labels[0], part.labels[-1]
    assert code_task != sql_task

    submitted = producer.submit_job(
        [{"prompt": p} for p in [*code[:3], *sql[:3]]], "t", enqueue=False, max_new_tokens=4
    )
    dep = load_deployment()
    with session_scope() as s:
        queries.set_assignment(s, "t", code_task, "lookup", source="assign", reason="test")
        queries.set_assignment(s, "t", sql_task, "small", source="assign", reason="test")
        ids = queries.prompt_ids(s, submitted.job_id)
    assert draft_chooser() is choose_draft  # routing uses this module's policy
    from models.tasks import load_router

    with session_scope() as s:
        batches = plan_chunk(
            s, submitted.job_id, ids[0], ids[-1], deployment=dep, router=load_router(unit_env / "router")
        )
    assert {b.queue for b in batches} == {"specq.decode.t"}
    with session_scope() as s:
        routed = {(p.task, p.draft) for p in queries.get_prompts(s, ids)}
    assert routed == {(code_task, "lookup"), (sql_task, "small")}
    assert all(not b.explored for b in batches)


def test_specq_assign_measures_every_draft_and_stores_the_best(unit_env: Path) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    lines = [{"custom_id": f"c{i}", "prompt": f"def add{i}(a, b):\n    return a + b"} for i in range(4)]
    lines += [
        {"custom_id": f"s{i}", "prompt": f"SELECT name FROM users WHERE age > {30 + i};"} for i in range(4)
    ]
    data = unit_env / "prompts.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    runner = CliRunner()
    res = runner.invoke(
        app, ["partition", str(data), "--out", str(unit_env / "r"), "--featurizer", "tfidf", "--k", "2"]
    )
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app,
        [
            "assign",
            "--target",
            "t",
            "--router",
            str(unit_env / "r"),
            "--drafts",
            "small,lookup",
            "--sample",
            "2",
            "--max-new-tokens",
            "4",
        ],
    )
    assert res.exit_code == 0, res.output
    with session_scope() as s:
        rows = queries.list_assignments(s, "t")
        events = queries.assignment_events(s, "t")
    assert len(rows) == 2 and {r.source for r in rows} == {"assign"}
    assert all(r.draft in ("small", "lookup", "none") and r.samples == 2 for r in rows)
    # Plain decoding was measured on the same prompts, as the baseline a draft must beat.
    assert all(set(e.evidence["measures"]) == {"small", "lookup", "none"} for e in events)  # type: ignore[index]
    res = runner.invoke(app, ["assign", "--target", "t", "--router", str(unit_env / "r"), "--drafts", "nope"])
    assert res.exit_code == 1 and "do not serve t" in res.output


def _offline(draft: str, accepted_per_step: float, seconds: float, cpu_seconds: float, on_cpu: bool) -> Any:
    from models.tasks.assignment import DraftMeasure
    from workers.assignment import OfflineMeasure

    steps = 100
    drafted = 0 if draft == "none" else 4 * steps
    accepted = round(accepted_per_step * steps)
    return OfflineMeasure(DraftMeasure(draft, 8, drafted, accepted, steps), seconds, 400, cpu_seconds, on_cpu)


def test_offline_choice_keeps_plain_decoding_when_no_draft_is_faster() -> None:
    from workers.assignment import choose_offline

    # On a CPU, CPU time decides: "a" accepts most but costs more CPU per token than plain decoding.
    cpu = {
        "a": _offline("a", 1.5, seconds=5.0, cpu_seconds=12.0, on_cpu=True),
        "b": _offline("b", 0.5, seconds=20.0, cpu_seconds=9.0, on_cpu=True),
        "none": _offline("none", 0.0, seconds=9.0, cpu_seconds=10.0, on_cpu=True),
    }
    draft, reason = choose_offline(cpu)  # type: ignore[misc]
    assert draft == "none" and "plain decoding was faster" in reason and "CPU second" in reason
    # Cheaper than plain: the draft with the most accepted tokens per step is kept ("b" is not
    # considered although it beats plain too: the metric picks among drafts, plain is the bar).
    cpu["a"] = _offline("a", 1.5, seconds=50.0, cpu_seconds=8.0, on_cpu=True)
    assert choose_offline(cpu)[0] == "a"  # type: ignore[index]
    # On an accelerator the wall clock decides.
    gpu = {
        "a": _offline("a", 1.5, seconds=5.0, cpu_seconds=12.0, on_cpu=False),
        "none": _offline("none", 0.0, seconds=9.0, cpu_seconds=1.0, on_cpu=False),
    }
    assert choose_offline(gpu)[0] == "a"  # type: ignore[index]
    # Without a plain measurement the best draft is chosen; with nothing measured, nothing.
    assert choose_offline({"a": cpu["a"], "b": cpu["b"]})[0] == "a"  # type: ignore[index]
    assert choose_offline({"none": cpu["none"]})[0] == "none"  # type: ignore[index]
    assert choose_offline({}) is None
