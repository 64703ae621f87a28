"""The data dir, the SQLite database with its WAL and SHM, and the broker's files are the
user's only (0700/0600) whatever the umask; an unreachable database is one line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from specq.files import open_private, private_data_dir, private_dir, private_file

REPO = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture()
def loose_umask() -> Iterator[None]:
    """The common umask 022, under which plain mkdir/open create 0755/0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_helpers_create_private_paths(tmp_path: Path, loose_umask: None) -> None:
    d = private_dir(tmp_path / "a" / "b")
    assert _mode(tmp_path / "a") == _mode(d) == 0o700
    assert _mode(private_file(d / "f")) == 0o600
    with open_private(d / "log") as fh:
        fh.write(b"x")
    assert _mode(d / "log") == 0o600
    # Existing files and directories keep their mode; the data dir itself is tightened.
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    (shared / "kept").write_text("")
    private_dir(shared)
    private_file(shared / "kept")
    assert (_mode(shared), _mode(shared / "kept")) == (0o755, 0o644)
    assert _mode(private_data_dir(shared)) == 0o700


def test_sqlite_database_wal_and_shm_are_private(specq_env: Path, loose_umask: None, tmp_path: Path) -> None:
    from db.session import dispose_engines, get_engine, init_db, session_scope

    os.chmod(specq_env, 0o755)  # as `specq zoo build` would have left it
    try:
        init_db()
        with session_scope() as s:  # a write: WAL and SHM exist while the engine is open
            s.execute(text("SELECT count(*) FROM jobs"))
        engine = get_engine()
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            files = {p.name: _mode(p) for p in specq_env.iterdir() if p.name.startswith("specq.db")}
    finally:
        dispose_engines()
    assert _mode(specq_env) == 0o700
    assert files.keys() >= {"specq.db", "specq.db-wal", "specq.db-shm", "specq.db.migrate.lock"}
    assert set(files.values()) == {0o600}, files
    # A database outside the data dir: its new directory is private too.
    from db.session import make_engine

    other = make_engine(f"sqlite:///{tmp_path / 'elsewhere' / 'x.db'}")
    init_db(other)
    other.dispose()
    assert (_mode(tmp_path / "elsewhere"), _mode(tmp_path / "elsewhere" / "x.db")) == (0o700, 0o600)


def test_embedded_broker_files_are_private(
    tmp_path_factory: pytest.TempPathFactory, loose_umask: None
) -> None:
    from workers.embedded import embedded_redis

    data_dir = tmp_path_factory.mktemp("emb") / "data"
    with embedded_redis(data_dir) as server:
        assert server.alive()
        modes = {
            p.name: _mode(p) for p in data_dir.iterdir() if p.name in ("redis.conf", "redis.log", "redis.pid")
        }
        assert _mode(data_dir) == 0o700
        assert modes == {"redis.conf": 0o600, "redis.log": 0o600, "redis.pid": 0o600}


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    secret = "S3cret-db-pw"
    env = {
        **os.environ,
        "SPECQ_DATA_DIR": str(tmp_path / "d"),
        "SPECQ_DATABASE_URL": f"postgresql+psycopg://specq:{secret}@127.0.0.1:1/specq",
    }
    for args in (["status"], ["jobs"]):
        r = subprocess.run(
            [sys.executable, "-c", "from cli.main import main; main()", *args],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 1, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, r.stderr
        assert lines[0].startswith(
            "error: cannot use the database postgresql+psycopg://specq:***@127.0.0.1:1/specq"
        )
        assert "Connection refused" in lines[0] and secret not in r.stdout + r.stderr


def test_a_database_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    from db.session import DatabaseUnavailable, connection_error_message, make_engine

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(DatabaseUnavailable) as caught:
        make_engine(f"sqlite:///{blocker / 'data' / 'specq.db'}")
    message = connection_error_message(caught.value)
    assert message == (
        f"cannot create the SQLite database {blocker / 'data' / 'specq.db'}: Not a directory "
        "(check SPECQ_DATABASE_URL / SPECQ_DATA_DIR)"
    )
