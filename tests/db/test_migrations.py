"""Alembic migrations create exactly the models' schema plus the views, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from db.schema import Base, Job
from db.session import alembic_config, init_db, make_engine, schema_revision
from db.views import view_definitions

TABLES = {
    "jobs",
    "prompts",
    "input_errors",
    "results",
    "batches",
    "assignments",
    "assignment_events",
    "api_files",
    "api_batches",
}
VIEWS = {"v_acceptance", "v_job_summary", "v_draft_leaderboard"}
# The newest revision shipped: versions are numbered files, each revising the one before.
VERSIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
NEWEST = max(p.name[:4] for p in VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))


def _check_schema(engine: Engine) -> None:
    insp = inspect(engine)
    assert set(insp.get_table_names()) >= TABLES
    assert set(insp.get_view_names()) >= VIEWS
    with engine.connect() as conn:
        # The migrated schema is the models' schema: autogenerate finds nothing to change.
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diffs == []
        for view in VIEWS:
            conn.execute(text(f"SELECT * FROM {view}")).all()
    current, head = schema_revision(engine)
    assert current == head == NEWEST


def test_init_db_creates_schema_and_views_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    init_db(engine)
    init_db(engine)  # second call is a no-op
    _check_schema(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_init_db_finds_migrations_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no alembic.ini, no migrations/ here
    engine = make_engine(f"sqlite:///{tmp_path / 'b.db'}")
    init_db(engine)
    assert schema_revision(engine)[0] == NEWEST


def test_downgrade_to_base_and_upgrade_again_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    cfg = alembic_config(url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")
    engine = make_engine(url)
    assert not (TABLES | VIEWS) & (
        set(inspect(engine).get_table_names()) | set(inspect(engine).get_view_names())
    )
    command.upgrade(cfg, "head")
    _check_schema(engine)


def test_a_database_at_0001_upgrades_to_head_keeping_its_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    cfg = alembic_config(url)
    command.upgrade(cfg, "0001")
    engine = make_engine(url)
    with engine.begin() as conn:  # a job in 0001's columns, in the status no code sets any more
        conn.execute(
            text(
                "INSERT INTO jobs (id, target, status, params, total, completed, failed, invalid, "
                "cancel_requested, created_at, updated_at) VALUES ('j1', 'target-s', 'finalizing', '{}', "
                "0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    init_db(engine)  # what a new release does on start
    _check_schema(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status, priority FROM jobs")).all()
        assert [tuple(r) for r in rows] == [("j1", "in_progress", "bulk")]  # 0009, 0010
    with Session(engine) as s:
        job = s.get(Job, "j1")  # every stored value is one the model reads
        assert job is not None and (job.status, job.priority) == ("in_progress", "bulk")
    assert "ix_results_target_task_created_at" in {i["name"] for i in inspect(engine).get_indexes("results")}


def test_concurrent_init_db_on_one_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    errors: list[BaseException] = []

    def run() -> None:
        try:
            init_db(make_engine(url))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    _check_schema(make_engine(url))


def test_views_have_one_definition_per_dialect() -> None:
    sqlite_views = view_definitions("sqlite")
    pg_views = view_definitions("postgresql")
    assert set(sqlite_views) == set(pg_views) == VIEWS
    assert "julianday" in sqlite_views["v_job_summary"]
    assert "EXTRACT(EPOCH" in pg_views["v_job_summary"]


@pytest.mark.postgres
def test_migrations_on_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    init_db(engine)
    _check_schema(engine)
    cfg = alembic_config(pg_url)
    command.downgrade(cfg, "base")
    assert not TABLES & set(inspect(engine).get_table_names())
    command.upgrade(cfg, "head")
    _check_schema(engine)
    engine.dispose()
