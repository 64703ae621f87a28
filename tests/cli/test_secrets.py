"""No command prints or logs a password from SPECQ_DATABASE_URL or SPECQ_BROKER_URL.

Both URLs carry a password; the services behind them are unreachable (port 1) or, for the
database, a PostgreSQL that ignores the password (trust auth), so each command gets as far as
it can. Everything a command writes is searched: stdout, stderr, every log record (DEBUG and
up), the exception it ended with, and every file under the data dir (worker and broker logs).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.db.conftest import pg_url  # noqa: F401  (the fixture)

REPO = Path(__file__).resolve().parents[2]
DB_PW = "dbpw-" + secrets.token_hex(4)
BROKER_PW = "brokerpw-" + secrets.token_hex(4)
DEAD_DB = f"postgresql+psycopg://specq:{DB_PW}@127.0.0.1:1/specq"
DEAD_BROKER = f"redis://:{BROKER_PW}@127.0.0.1:1/0"


def _assert_no_secret(where: str, text: str) -> None:
    assert DB_PW not in text and BROKER_PW not in text, f"a password in {where}:\n{text}"


def _assert_data_dir_clean(data_dir: Path) -> None:
    for path in data_dir.rglob("*"):
        if path.is_file():
            _assert_no_secret(str(path), path.read_bytes().decode("utf-8", "replace"))


@pytest.fixture()
def env(specq_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deployment whose target "t" has a tokenizer on disk, an input file, both URLs set."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    from db.session import dispose_engines
    from specq.settings import get_settings

    model = tmp_path / "model"
    model.mkdir()
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hello": 1}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(model / "tokenizer.json"))
    (model / "config.json").write_text(json.dumps({"max_position_embeddings": 512}))
    (tmp_path / "specq.toml").write_text(f'[targets.t]\npath = "{model}"\ndefault_draft = "none"\n')
    (tmp_path / "in.jsonl").write_text('{"prompt": "hello"}\n')
    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(tmp_path / "specq.toml"))
    monkeypatch.setenv("SPECQ_DATABASE_URL", DEAD_DB)
    monkeypatch.setenv("SPECQ_BROKER_URL", DEAD_BROKER)
    get_settings.cache_clear()
    dispose_engines()
    return tmp_path


def _commands(tmp_path: Path, job: str) -> list[list[str]]:
    return [
        ["submit", str(tmp_path / "in.jsonl"), "--target", "t"],
        ["status", job],
        ["jobs"],
        ["cancel", job],
        ["resume", job],
        ["export", job, "-o", str(tmp_path / "out.jsonl")],
        ["report", job, "-o", str(tmp_path / "r.html")],
        ["sql", "SELECT count(*) FROM jobs"],
    ]


def _invoke_all(tmp_path: Path, job: str, caplog: pytest.LogCaptureFixture) -> dict[str, int]:
    from cli.main import app

    codes = {}
    for args in _commands(tmp_path, job):
        caplog.clear()
        with caplog.at_level(logging.DEBUG):
            r = CliRunner().invoke(app, ["--verbose", *args])
        text = r.output + caplog.text
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            text += "".join(traceback.format_exception(r.exception))
        _assert_no_secret(" ".join(args), text)
        codes[args[0]] = r.exit_code
    return codes


def test_job_commands_with_unreachable_services(env: Path, caplog: pytest.LogCaptureFixture) -> None:
    from db.session import connection_error_message

    codes = _invoke_all(env, "job_0123456789abcdef", caplog)
    assert all(code != 0 for code in codes.values()), codes
    # What `specq` (cli.main.main) prints for these: one line naming the database, redacted.
    from sqlalchemy.exc import OperationalError

    line = connection_error_message(OperationalError("SELECT 1", {}, Exception("connection refused")))
    assert line is not None and "specq:***@127.0.0.1:1/specq" in line and DB_PW not in line
    _assert_data_dir_clean(env / "specq-data")


def test_job_commands_with_a_database_and_no_broker(
    env: Path,
    pg_url: str,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy.engine import make_url

    from cli.main import app
    from db.session import dispose_engines
    from specq.settings import get_settings

    # Trust authentication ignores the password, so the database works with one in its URL.
    monkeypatch.setenv("SPECQ_DATABASE_URL", make_url(pg_url).set(password=DB_PW).render_as_string(False))
    get_settings.cache_clear()
    dispose_engines()
    r = CliRunner().invoke(app, ["submit", str(env / "in.jsonl"), "--target", "t"])
    assert r.exit_code == 0, r.output
    assert "no broker at redis://:***@127.0.0.1:1/0" in r.stderr
    job = r.stdout.split()[0]
    codes = _invoke_all(env, job, caplog)
    assert codes["status"] == codes["jobs"] == codes["export"] == codes["sql"] == 0, codes
    assert codes["resume"] == 1
    _assert_data_dir_clean(env / "specq-data")
    dispose_engines()


def _specq(args: list[str], data_dir: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from cli.main import main; main()", "--verbose", *args],
        env={**os.environ, "SPECQ_DATA_DIR": str(data_dir)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_up_run_and_worker_with_unreachable_services(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = env / "specq-data"
    # An external broker that does not answer: `up` and `run` stop at once, naming it redacted.
    for args in (["up"], ["run", str(env / "in.jsonl"), "--target", "t"]):
        r = _specq(args, data_dir, timeout=120)
        assert r.returncode != 0 and "redis://:***@127.0.0.1:1/0" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
        _assert_no_secret(args[0], r.stdout + r.stderr)
    # The embedded broker and a database that does not answer: one line, and the broker stops.
    monkeypatch.delenv("SPECQ_BROKER_URL")
    r = _specq(["up"], data_dir, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "error: cannot use the database postgresql+psycopg://specq:***@127.0.0.1:1/specq" in r.stderr
    assert not (data_dir / "redis.sock").exists()
    _assert_no_secret("up (embedded broker)", r.stdout + r.stderr)
    # A Celery worker retrying a broker that does not answer: its banner and retry lines.
    monkeypatch.setenv("SPECQ_BROKER_URL", DEAD_BROKER)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "worker", "route"],
        env={**os.environ, "SPECQ_DATA_DIR": str(data_dir)},
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert "127.0.0.1:1" in out, out  # it did try the broker (and said where)
    _assert_no_secret("worker route", out)
    _assert_data_dir_clean(data_dir)
