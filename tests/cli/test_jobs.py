"""The job commands through typer's CliRunner, on a local app (as cli.main registers them)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.jobs import register

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def app() -> typer.Typer:
    a = typer.Typer()
    register(a)
    return a


@pytest.fixture()
def env(specq_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A data dir and a deployment whose target "t" has a tokenizer on disk (no weights)."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    from db.session import dispose_engines
    from specq.settings import get_settings

    model = tmp_path / "model"
    model.mkdir()
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hello": 1}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(model / "tokenizer.json"))
    (model / "config.json").write_text(json.dumps({"max_position_embeddings": 512}))
    config = tmp_path / "specq.toml"
    config.write_text(f'[targets.t]\npath = "{model}"\ndefault_draft = "none"\n')
    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(config))
    get_settings.cache_clear()
    dispose_engines()
    return tmp_path


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text('{"prompt": "hello", "custom_id": "x"}\nnot json\n{"prompt": "hello hello"}\n')
    return path


def _submit(app: typer.Typer, tmp_path: Path, *extra: str) -> str:
    r = CliRunner().invoke(
        app, ["submit", str(_input(tmp_path)), "--target", "t", "--max-new-tokens", "8", *extra]
    )
    assert r.exit_code == 0, r.output
    job_id = r.stdout.splitlines()[0]
    assert job_id.startswith("job_")
    return job_id


def test_submit_prints_the_job_id_first_and_reports_on_stderr(app: typer.Typer, env: Path) -> None:
    r = CliRunner().invoke(app, ["submit", str(_input(env)), "-t", "t", "--name", "n1", "--stop", "END"])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) == 1 and r.stdout.startswith("job_")
    assert "2 prompts, 1 invalid lines" in r.stderr
    assert "not enqueued" in r.stderr and "specq up" in r.stderr


def test_submit_refusals(app: typer.Typer, env: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["submit", str(_input(env)), "--target", "nope"])
    assert r.exit_code == 2 and "unknown target 'nope'" in r.stderr
    bad = env / "bad.jsonl"
    bad.write_text("{\n")
    r = runner.invoke(app, ["submit", str(bad), "--target", "t"])
    assert r.exit_code == 1 and "no valid line" in r.stderr
    r = runner.invoke(app, ["submit", str(env / "missing.jsonl"), "--target", "t"])
    # A usage error, refused before any job row exists; the path is printed whole, on one line.
    assert r.exit_code == 2 and f"{env / 'missing.jsonl'} does not exist" in r.stderr
    from producer.status import jobs

    assert len(jobs()) == 1  # only bad.jsonl's failed job: the missing file created none


def test_status_jobs_cancel_export(app: typer.Typer, env: Path) -> None:
    runner = CliRunner()
    job_id = _submit(app, env, "--name", "first")
    r = runner.invoke(app, ["status", job_id])
    assert r.exit_code == 0, r.output
    assert "in_progress" in r.stdout and "3 total, 0 completed, 1 failed" in r.stdout
    assert "malformed JSON" in r.stdout  # the invalid line is listed with its number
    r = runner.invoke(app, ["status"])  # newest job by default
    assert r.exit_code == 0 and job_id in r.stdout
    r = runner.invoke(app, ["status", job_id, "--json"])
    data = json.loads(r.stdout)
    assert data["request_counts"] == {"total": 3, "completed": 0, "failed": 1}
    assert data["input_errors"][0]["line"] == 2
    r = runner.invoke(app, ["jobs"])
    assert r.exit_code == 0 and job_id in r.stdout
    r = runner.invoke(app, ["cancel", job_id])
    assert r.exit_code == 0 and "cancelled" in r.stdout
    out = env / "out.jsonl"
    r = runner.invoke(app, ["export", job_id, "-o", str(out)])
    assert r.exit_code == 0 and "wrote 3 lines" in r.stdout
    assert [json.loads(x)["status"] for x in out.read_text().splitlines()] == [
        "pending",
        "invalid",
        "pending",
    ]
    r = runner.invoke(app, ["export", job_id, "-o", str(out), "--format", "openai"])
    assert r.exit_code == 0 and out.read_text() == ""  # nothing decoded yet
    errors = out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")
    # As OpenAI's error file: the invalid line's 400, and the lines the cancel left undecoded.
    codes = [
        e["error"]["code"] if e["error"] else e["response"]["status_code"]
        for e in map(json.loads, errors.read_text().splitlines())
    ]
    assert codes == ["batch_cancelled", 400, "batch_cancelled"]
    assert "and 3 to" in r.stdout
    r = runner.invoke(app, ["export", job_id, "-o", str(out), "--format", "csv"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["status", "job_missing"])
    assert r.exit_code == 1 and "no job 'job_missing'" in r.stderr


def test_resume_without_a_broker_says_how_to_start_one(app: typer.Typer, env: Path) -> None:
    job_id = _submit(app, env)
    r = CliRunner().invoke(app, ["resume", job_id])
    assert r.exit_code == 1 and "specq up" in r.stderr


def test_sql_is_read_only(app: typer.Typer, env: Path) -> None:
    runner = CliRunner()
    job_id = _submit(app, env)
    r = runner.invoke(app, ["sql", "SELECT id, total, invalid FROM jobs"])
    assert r.exit_code == 0, r.output
    assert job_id in r.stdout and "1 rows" in r.stdout
    r = runner.invoke(app, ["sql", "select status from v_job_summary", "--json"])
    assert json.loads(r.stdout) == {"status": "in_progress"}
    # The database refuses (tests/db/test_readonly.py runs the whole hostile corpus).
    for bad in ("DELETE FROM jobs", "WITH x AS (SELECT 1) DELETE FROM jobs", "SELECT 1; DELETE FROM jobs"):
        r = runner.invoke(app, ["sql", bad])
        assert r.exit_code == 1 and "query failed" in r.stderr, (bad, r.output)
    r = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM jobs", "--json"])
    assert json.loads(r.stdout) == {"n": 1}


def test_sql_streams_json_and_limits_rows(app: typer.Typer, env: Path) -> None:
    runner = CliRunner()
    _submit(app, env)
    series = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 5000) SELECT n FROM s"
    r = runner.invoke(app, ["sql", series, "--json", "--limit", "0"])
    assert r.exit_code == 0, r.output
    assert [json.loads(line)["n"] for line in r.stdout.splitlines()] == list(range(1, 5001))
    r = runner.invoke(app, ["sql", series, "--limit", "3"])
    assert r.exit_code == 0 and "3 rows (first 3; raise --limit)" in r.stdout
    r = runner.invoke(app, ["sql", series, "--limit", "0"])
    assert r.exit_code == 2 and "--json" in r.stderr


def test_sql_never_creates_a_database(app: typer.Typer, env: Path, specq_env: Path) -> None:
    r = CliRunner().invoke(app, ["sql", "SELECT 1"])
    assert r.exit_code == 1 and "does not exist" in r.stderr and "never creates" in r.stderr
    assert not (specq_env / "specq.db").exists()


def test_submit_imports_no_torch(env: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, typer
        from typer.testing import CliRunner
        from cli.jobs import register
        app = typer.Typer(); register(app)
        r = CliRunner().invoke(app, ["submit", {str(_input(env))!r}, "-t", "t", "--max-new-tokens", "4"])
        assert r.exit_code == 0, r.output
        r = CliRunner().invoke(app, ["status"])
        assert r.exit_code == 0, r.output
        assert "torch" not in sys.modules, "torch was imported"
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
