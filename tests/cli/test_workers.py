"""`specq worker`, `specq up` and `specq run` through typer's CliRunner and as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from cli.workers import register, register_bench

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def app() -> typer.Typer:
    a = typer.Typer()
    register(a)
    bench = typer.Typer()
    register_bench(bench)
    a.add_typer(bench, name="bench")
    return a


@pytest.fixture()
def captured(monkeypatch: pytest.MonkeyPatch, specq_env: Path) -> list[list[str]]:
    """Celery's worker_main, recording its argv instead of starting a worker."""
    from workers.app import celery_app

    calls: list[list[str]] = []
    monkeypatch.setattr(celery_app, "worker_main", lambda argv: calls.append(list(argv)))
    return calls


def _opt(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_worker_decode_consumes_every_pairing_of_its_target(
    app: typer.Typer, captured: list[list[str]]
) -> None:
    res = CliRunner().invoke(
        app, ["worker", "decode", "--target", "target-s", "-E", "--max-memory-per-child=1"]
    )
    assert res.exit_code == 0, res.output
    (argv,) = captured
    assert argv[0] == "worker"
    assert _opt(argv, "--queues").split(",") == [
        "specq.decode.target-s",  # the target's queue: every bulk batch the router sends, of any draft
        "specq.decode.target-s.general",
        "specq.decode.target-s.prompt-lookup",
        "specq.decode.target-s.sorted",
        "specq.decode.target-s.none",
    ]
    # One decoding thread in the process; the pool's threads hold the batches in flight.
    assert (_opt(argv, "--pool"), _opt(argv, "--concurrency")) == ("threads", "2")
    assert _opt(argv, "--hostname") == "decode-target-s@%h"
    assert argv[-2:] == ["-E", "--max-memory-per-child=1"]  # extra arguments go to celery as they are


def test_worker_decode_with_chosen_drafts_and_route_worker(
    app: typer.Typer, captured: list[list[str]]
) -> None:
    res = CliRunner().invoke(app, ["worker", "decode", "-t", "target-l", "-d", "sorted"])
    assert res.exit_code == 0, res.output
    assert _opt(captured[0], "--queues") == (
        "specq.decode.target-l,specq.decode.target-l.sorted,specq.decode.target-l.none"
    )
    res = CliRunner().invoke(app, ["worker", "route", "--loglevel", "DEBUG"])
    assert res.exit_code == 0, res.output
    assert (_opt(captured[1], "--queues"), _opt(captured[1], "--loglevel")) == (
        "specq.route.interactive,specq.route",
        "DEBUG",
    )


def test_worker_errors_name_what_is_known(app: typer.Typer, captured: list[list[str]]) -> None:
    res = CliRunner().invoke(app, ["worker", "decode", "--target", "nope"])
    assert res.exit_code == 2 and "unknown target 'nope'" in res.output and "target-s" in res.output
    res = CliRunner().invoke(app, ["worker", "decode", "--target", "target-s", "--draft", "huge"])
    assert res.exit_code == 2 and "'huge' does not serve target 'target-s'" in res.output
    res = CliRunner().invoke(app, ["run", "missing.jsonl", "--target", "target-s"])
    assert res.exit_code == 2 and "does not exist" in res.output
    res = CliRunner().invoke(app, ["run", __file__, "--target", "nope"])
    assert res.exit_code == 2 and "unknown target" in res.output
    assert captured == []


def test_plain_celery_command_line_works() -> None:
    """`celery -A workers.app` loads the app and lists specq's tasks (no torch import needed)."""
    out = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "workers.app", "report"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "task_acks_late: True" in out and "worker_prefetch_multiplier: 1" in out
    assert "'json'" in out and "pickle" not in out


@pytest.mark.integration
@pytest.mark.timeout(600)
def test_specq_run_one_shot(specq_env: Path, tiny_zoo: Any, tmp_path: Path) -> None:
    """The demo path: `specq run FILE` starts everything, decodes, exports, stops, summarizes."""
    data = tmp_path / "in.jsonl"
    lines = [{"custom_id": f"p{i}", "prompt": f"def function_{i}(x):"} for i in range(6)]
    data.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n")
    out = tmp_path / "out.jsonl"
    # No exploration batches: with the default 5%, the one batch of this job is sometimes routed to
    # another candidate draft (prompt lookup) and "general" is rightly absent from the summary.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "COLUMNS": "160", "SPECQ_EXPLORE_RATE": "0"}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cli.main import main; main()",
            "run",
            str(data),
            "--target",
            "target-s",
            "--max-new-tokens",
            "8",
            "-o",
            str(out),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=500,
    )
    assert proc.returncode == 0 and out.exists(), proc.stdout + proc.stderr
    exported = [json.loads(x) for x in out.read_text().splitlines()]
    assert [e.get("custom_id") for e in exported[:6]] == [f"p{i}" for i in range(6)]
    assert len(exported) == 7 and exported[6].get("error")
    assert "acceptance by task and draft" in proc.stdout and "general" in proc.stdout
    assert "completed" in proc.stdout
    # Everything it started is stopped: no broker left on the data dir's socket.
    from workers.embedded import ping

    assert not ping(specq_env / "redis.sock")


@pytest.mark.integration
@pytest.mark.timeout(600)
def test_up_enqueues_jobs_submitted_without_a_broker_and_stops_on_ctrl_c(
    specq_env: Path, tiny_zoo: Any, tmp_path: Path
) -> None:
    import signal
    import time

    import producer
    from workers.embedded import ping

    res = producer.submit_job([{"prompt": f"def f{i}(x):"} for i in range(5)], "target-s", max_new_tokens=6)
    assert not res.enqueued  # no broker yet: recorded only
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    up = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "up", "--target", "target-s", "--quiet"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not producer.status(res.job_id).done:
            assert up.poll() is None, up.stdout.read() if up.stdout else ""
            assert time.monotonic() < deadline, "job not finished by `specq up`"
            time.sleep(0.5)
        assert producer.status(res.job_id).status == "completed"
        up.send_signal(signal.SIGINT)
        output, _ = up.communicate(timeout=120)
    finally:
        if up.poll() is None:
            up.kill()
    assert up.returncode == 0, output
    assert "re-enqueued 5 unfinished prompts of 1 jobs" in output and "stopped" in output
    assert not ping(specq_env / "redis.sock")
