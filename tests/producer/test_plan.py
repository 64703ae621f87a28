"""`specq plan` and the planned ETA of `specq status` (tiny zoo configs and tokenizer, no weights)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

PROMPTS = [
    "def fibonacci(n):",
    "Question: what is 17 plus 25? Answer:",
    "SELECT name FROM users WHERE",
    "The os module provides a portable way of using operating system dependent functionality.",
]


@pytest.fixture()
def env(tiny_zoo: Any, specq_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh data dir and the built-in deployment (targets and drafts from the tiny zoo)."""
    from db.session import dispose_engines
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(tmp_path / "absent.toml"))
    get_settings.cache_clear()
    dispose_engines()
    yield tmp_path
    dispose_engines()


def _input(tmp_path: Path, n: int, name: str = "in.jsonl", **params: Any) -> Path:
    path = tmp_path / name
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"custom_id": f"p{i}", "prompt": PROMPTS[i % len(PROMPTS)], **params}) + "\n")
        fh.write("not json\n")
    return path


def test_plan_cli_prints_per_pairing_predictions(env: Path, tiny_zoo: Any) -> None:
    from tokenizers import Tokenizer

    from cli.plan import register

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # two commands: typer keeps "plan" as a subcommand
    path = _input(env, 8)
    r = CliRunner().invoke(
        app, ["plan", str(path), "--target", "target-s", "--max-new-tokens", "16", "--json"]
    )
    assert r.exit_code == 0, r.output
    plan = json.loads(r.stdout)
    assert plan["prompts"] == 8 and plan["invalid"] == 1
    tok = Tokenizer.from_file(str(tiny_zoo.target_s / "tokenizer.json"))
    expected_tokens = sum(len(tok.encode(PROMPTS[i % len(PROMPTS)]).ids) for i in range(8))
    (row,) = plan["pairings"]  # no router trained: every prompt is task "default" on the default draft
    assert (row["task"], row["draft"]) == ("default", "general")
    assert row["prompts"] == 8 and row["prompt_tokens"] == expected_tokens
    assert row["output_tokens"] == 8 * 16  # no result of target-s yet: the whole budget
    assert "prior" in row["acceptance_source"]
    assert row["batch_size"] == 8 and row["batches"] == 1
    assert row["seconds"] > 0 and row["plain_seconds"] > 0 and row["memory_bytes"] > 0
    assert plan["calibration"]["jobs"] == 0
    # The table names each pairing and its time.
    r = CliRunner().invoke(app, ["plan", str(path), "--target", "target-s", "--draft", "none"])
    assert r.exit_code == 0, r.output
    assert "none" in r.stdout and "predicted wall time" in r.stdout and "uncalibrated" in r.stdout
    r = CliRunner().invoke(app, ["plan", str(path), "--target", "nope"])
    assert r.exit_code == 1 and "unknown target 'nope'" in r.output


def test_plan_uses_measured_acceptance_and_calibration(env: Path, tiny_zoo: Any) -> None:
    """Results of a finished job replace the prior and calibrate the time."""
    from tokenizers import Tokenizer

    from db import queries
    from db.schema import BatchStatus, JobStatus
    from db.session import get_engine, session_scope
    from producer.plan import plan_file
    from producer.submit import submit_job

    path = _input(env, 8)
    before = plan_file(path, "target-s", max_new_tokens=16)
    job = submit_job(path, "target-s", max_new_tokens=16, enqueue=False).job_id
    t0 = datetime.now(UTC) - timedelta(seconds=100)
    with session_scope(get_engine()) as s:
        ids = queries.prompt_ids(s, job)
        tok = Tokenizer.from_file(str(tiny_zoo.target_s / "tokenizer.json"))
        lengths = [len(tok.encode(PROMPTS[i % len(PROMPTS)]).ids) for i in range(len(ids))]
        queries.upsert_results(
            s,
            [
                queries.ResultRow(
                    prompt_id=pid, job_id=job, output_text="x", output_tokens=16, prompt_tokens=n,
                    finish_reason="length", target="target-s", draft="general", task="default", k=3.0,
                    steps=4, drafted_tokens=6, accepted_tokens=6, accepted_per_position=[2, 2, 2],
                    draft_seconds=0.0, verify_seconds=0.0, worker="w", batch_id="b1",
                )
                for pid, n in zip(ids, lengths, strict=True)
            ],
        )  # fmt: skip
        queries.record_batch(
            s,
            queries.BatchRow(id="b1", job_id=job, pairing="target-s/general", target="target-s",
                             draft="general", task="default", size=len(ids), prompt_ids=ids),
        )  # fmt: skip
        queries.set_batch_status(s, "b1", BatchStatus.DONE)
        batch = queries.get_batch(s, "b1")
        batch.started_at, batch.finished_at = t0 + timedelta(seconds=10), t0 + timedelta(seconds=90)
        jobrow = queries.get_job(s, job)
        jobrow.status, jobrow.started_at, jobrow.finished_at = (
            JobStatus.COMPLETED,
            t0,
            t0 + timedelta(seconds=100),
        )
    after = plan_file(path, "target-s", max_new_tokens=16)
    (p,) = after.pairings
    assert p.speculation.source.startswith("measured (8 prompts")
    assert p.speculation.tokens_per_step == pytest.approx(4.0) and p.speculation.k == 3
    assert after.output_fraction == pytest.approx(1.0) and p.output_tokens == 8 * 16
    cal = after.calibration
    assert cal.jobs == 1 and cal.overhead_s == pytest.approx(20.0)
    # The same job re-planned from its own results costs its measured decode span (80 s) + overhead.
    assert after.seconds == pytest.approx(100.0, rel=0.02)
    assert before.seconds < after.seconds  # uncalibrated: the model's CPU seconds alone


def test_status_eta_before_the_first_batch_comes_from_the_plan(env: Path) -> None:
    from producer import plan
    from producer.status import status
    from producer.submit import submit_job

    small = submit_job(_input(env, 8), "target-s", max_new_tokens=16, enqueue=False).job_id
    rep = status(small)
    assert rep.finished == 0 and rep.planned_s is not None
    assert rep.eta_s == pytest.approx(max(rep.planned_s - rep.elapsed_s, 0.0), abs=0.5)
    # More work, larger ETA: 4x the prompts, 4x the token budget.
    bigger = submit_job(_input(env, 32, "big.jsonl"), "target-s", max_new_tokens=64, enqueue=False).job_id
    assert status(bigger).planned_s > 4 * rep.planned_s
    # The plan is what the ETA follows: a different cost model changes it accordingly.
    plan._plan_cache.clear()
    from models import costmodel

    slow = costmodel.CostModel(None, None, costmodel.RooflineConstants(1e9, 1e8, 1e-3, "cpu:test", 1), {})
    monkey = pytest.MonkeyPatch()
    monkey.setattr(costmodel, "get_cost_model", lambda calibrate=True: slow)
    try:
        assert status(small).planned_s > 10 * rep.planned_s
    finally:
        monkey.undo()
        plan._plan_cache.clear()


def test_job_eta_blends_plan_into_measured_rate() -> None:
    from producer.plan import job_eta

    assert job_eta(100.0, 10.0, 0, 50) == pytest.approx(90.0)  # nothing finished: the plan
    assert job_eta(100.0, 120.0, 0, 50) == 0.0  # past the plan, nothing measured: overdue
    assert job_eta(None, 10.0, 0, 50) is None
    assert job_eta(None, 10.0, 10, 50) == pytest.approx(40.0)  # no plan: the measured rate
    # Half done: half the measured ETA (10 s) and half the plan's (90 s).
    assert job_eta(100.0, 10.0, 25, 50) == pytest.approx(0.5 * 10.0 + 0.5 * 90.0)
    assert job_eta(100.0, 10.0, 50, 50) is None


def test_plan_imports_no_torch(env: Path) -> None:
    """Planning reads config.json and tokenizer.json only: no torch, transformers or scikit-learn."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from producer.plan import plan_file\n"
        f"p = plan_file({str(_input(env, 4))!r}, 'target-s')\n"
        "assert p.seconds > 0\n"
        "print(','.join(m for m in ('torch', 'transformers', 'sklearn') if m in sys.modules))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"plan imported {r.stdout}"
