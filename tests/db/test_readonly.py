"""`specq sql` is read-only by construction: a hostile-query corpus against both backends.

Every query runs through :func:`db.readonly.read_only_query` (what `specq sql` calls); after
each one the database must be exactly as before (every table's rows, the schema, large
objects) and no file may have appeared. Queries marked as writes must also be refused.
PostgreSQL runs the corpus as the SELECT-only role migration 0003 creates and as the
superuser with ``force``; the superuser without ``force`` is refused before any query runs.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from db import queries as q
from db.readonly import ReadOnlyError, read_only_query, reader_role_sql
from db.session import dispose_engines, init_db, make_engine, session_scope
from tests.db.conftest import PG_ADMIN_URL

# (query, is_write): a write must be refused; every query must leave everything unchanged.
# {marker} is a file path no query may create.
COMMON: list[tuple[str, bool]] = [
    ("SELECT '--'; DELETE FROM jobs", True),  # the quoted '--' that fooled the old filter
    ("SELECT 1; DELETE FROM jobs", True),
    ("SELECT 1 /* ; */; DELETE FROM jobs", True),
    ("SELECT 'a'';'; DELETE FROM jobs", True),
    ("SELECT 1 -- ;\n; DELETE FROM jobs", True),
    ("/* hidden */ DELETE FROM jobs", True),
    ("-- a comment\nDELETE FROM jobs", True),
    ("DELETE FROM jobs", True),
    ("UPDATE jobs SET status = 'failed'", True),
    ("INSERT INTO jobs (id, target) VALUES ('job_x', 't')", True),
    ("DROP TABLE results", True),
    ("DROP VIEW v_acceptance", True),
    ("CREATE TABLE pwned (x int)", True),
    ("CREATE TEMP TABLE pwned (x int)", True),
    ("WITH d AS (SELECT 1) DELETE FROM jobs", True),
    ("DELETE FROM jobs RETURNING *", True),
    ("BEGIN", True),
    ("COMMIT", True),
    ("ROLLBACK", True),
    ("SAVEPOINT s", True),
]
POSTGRES: list[tuple[str, bool]] = [
    ("SELECT '--'; COMMIT; DELETE FROM jobs", True),  # the attack, verbatim shape
    ("SELECT '--'; COMMIT; DROP TABLE results", True),
    ("SELECT $$;$$; DELETE FROM jobs", True),
    ("SELECT $tag$ ' $tag$; DELETE FROM jobs; --", True),
    ("SELECT E'\\'; DELETE FROM jobs; --'", False),  # one string literal: the server parses, not us
    ("SELECT 1 \\; DELETE FROM jobs", True),
    ("TRUNCATE jobs", True),
    ("WITH d AS (DELETE FROM jobs RETURNING *) SELECT * FROM d", True),
    ("WITH u AS (UPDATE jobs SET status = 'failed' RETURNING 1) SELECT count(*) FROM u", True),
    ("SELECT * INTO pwned FROM jobs", True),
    ("SELECT * FROM jobs FOR UPDATE", True),
    ("END", True),
    ("SET default_transaction_read_only = off", True),
    ("SET transaction_read_only = off", True),
    ("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", True),
    ("RESET ALL", True),
    ("RESET default_transaction_read_only", True),
    ("SET ROLE postgres", True),
    ("SELECT set_config('transaction_read_only', 'off', true), (SELECT count(*) FROM jobs)", True),
    ("SELECT set_config('default_transaction_read_only', 'off', false)", False),  # this session only
    ("SELECT set_config('role', 'postgres', false)", False),
    ("COPY jobs TO STDOUT", True),
    ("COPY jobs FROM STDIN", True),
    ("COPY (SELECT 1) TO PROGRAM 'touch {marker}'", True),
    ("SELECT 1; COPY (SELECT 1) TO PROGRAM 'touch {marker}'", True),
    ("COPY (SELECT 1) TO '{marker}'", True),
    ("SELECT lo_create(0)", False),  # rolled back with the transaction
    ("SELECT lo_from_bytea(0, 'x')", False),
    ("SELECT lo_import('/etc/hostname')", False),
    ("SELECT lo_export(lo_from_bytea(0, 'x'), '{marker}')", True),
    ("SELECT lo_unlink(1)", True),
    ("SELECT pg_read_file('/etc/hostname')", False),
    ("SELECT pg_ls_dir('.')", False),
    ("SELECT nextval(pg_get_serial_sequence('prompts', 'id'))", True),
    ("SELECT query_to_xml('DELETE FROM jobs RETURNING 1', true, true, '')", True),
    ("DO $$ BEGIN DELETE FROM jobs; END $$", True),
    ("EXPLAIN ANALYZE DELETE FROM jobs", True),
    ("PREPARE p AS DELETE FROM jobs", True),
    ("VACUUM jobs", True),
    ("CALL pg_sleep(0)", True),
]
SQLITE: list[tuple[str, bool]] = [
    ("REPLACE INTO jobs (id, target) VALUES ('job_x', 't')", True),
    ("PRAGMA query_only = OFF", True),
    ("PRAGMA journal_mode = DELETE", True),
    ("PRAGMA writable_schema = ON", True),
    ("ATTACH DATABASE '{marker}' AS p", True),
    ("ATTACH 'file:{marker}?mode=rwc' AS p", True),
    ("VACUUM", True),
    ("VACUUM INTO '{marker}'", True),
    ("SELECT load_extension('{marker}')", True),
    ("CREATE TEMP VIEW v AS SELECT 1", True),
    ("REINDEX", True),
    ("ANALYZE", True),
    ("DETACH main", True),
]
NEVER_ENDS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"


def _seed(engine: Engine) -> None:
    with session_scope(engine) as s:
        job = q.create_job(s, target="t", params={"max_new_tokens": 8})
        q.add_prompts_bulk(s, job.id, (q.PromptRow(i + 1, f"c{i}", text=f"prompt {i}") for i in range(3)))


def _fingerprint(engine: Engine) -> str:
    """A hash of every table's rows, the schema and (PostgreSQL) the large objects."""
    h = hashlib.sha256()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            schema = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name")).all()
            tables = [r[1] for r in schema if r[0] == "table"]
        else:
            schema = conn.execute(
                text(
                    "SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner) FROM pg_class c "
                    "WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1"
                )
            ).all()
            tables = [r[0] for r in schema if r[1] == "r"]
            schema += conn.execute(text("SELECT oid FROM pg_largeobject_metadata ORDER BY 1")).all()
        h.update(repr(schema).encode())
        for table in tables:
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            h.update(repr(sorted(map(repr, rows))).encode())
    return h.hexdigest()


def _run(query: str, **kw: object) -> list[tuple[object, ...]]:
    with read_only_query(query, **kw) as res:  # type: ignore[arg-type]
        return list(res.rows)


def _check_corpus(engine: Engine, corpus: list[tuple[str, bool]], marker: Path, **kw: object) -> None:
    before = _fingerprint(engine)
    ran: list[str] = []
    for template, is_write in corpus:
        query = template.format(marker=marker)
        try:
            _run(query, **kw)
            ran.append(query)
            assert not is_write, f"a write ran: {query!r}"
        except ReadOnlyError:
            pass
        assert _fingerprint(engine) == before, f"the database changed after {query!r}"
        assert not marker.exists(), f"{marker} was created by {query!r}"
    # The corpus is not all refusals: read-only statements do run.
    assert _run("SELECT count(*) FROM jobs", **kw) == [(1,)]


# ------------------------------------------------------------------------------- SQLite


@pytest.fixture()
def sqlite_db(tmp_path: Path) -> Iterator[tuple[Engine, str]]:
    url = f"sqlite:///{tmp_path / 'specq.db'}"
    engine = make_engine(url)
    init_db(engine)
    _seed(engine)
    yield engine, url
    engine.dispose()


def test_sqlite_hostile_corpus_changes_nothing(sqlite_db: tuple[Engine, str], tmp_path: Path) -> None:
    engine, url = sqlite_db
    _check_corpus(engine, COMMON + SQLITE, tmp_path / "pwned.db", url=url, timeout_s=5)
    assert sorted(p.name for p in tmp_path.iterdir() if "pwned" in p.name) == []


def test_sqlite_introspection_and_reads_run(sqlite_db: tuple[Engine, str]) -> None:
    _, url = sqlite_db
    assert ("status",) in {(r[1],) for r in _run("PRAGMA table_info(jobs)", url=url)}
    assert _run("SELECT count(*) FROM v_job_summary", url=url) == [(1,)]
    assert _run("SELECT 1;", url=url) == [(1,)]


def test_sqlite_never_ending_query_times_out(sqlite_db: tuple[Engine, str]) -> None:
    _, url = sqlite_db
    with pytest.raises(ReadOnlyError, match="timeout after 0.3s"):
        _run(NEVER_ENDS, url=url, timeout_s=0.3)


def test_sqlite_missing_file_is_never_created(tmp_path: Path) -> None:
    path = tmp_path / "none" / "specq.db"
    with pytest.raises(ReadOnlyError, match="does not exist"):
        _run("SELECT 1", url=f"sqlite:///{path}")
    assert not path.exists() and not path.parent.exists()


def test_sqlite_rows_stream_in_pages(sqlite_db: tuple[Engine, str]) -> None:
    _, url = sqlite_db
    series = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s) SELECT n FROM s"
    # An endless result: only what is consumed is fetched, so taking 2500 rows returns.
    with read_only_query(series, url=url, fetch_size=1000) as res:
        taken = [next(res.rows) for _ in range(2500)]
    assert taken[-1] == (2500,)


# ------------------------------------------------------------------------------- PostgreSQL


@pytest.fixture()
def pg_db(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    init_db(engine)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE results, prompts, input_errors, batches, jobs RESTART IDENTITY CASCADE"))
    _seed(engine)
    yield engine
    engine.dispose()


def _as(url: str, role: str | None) -> str:
    return make_url(url).set(username=role).render_as_string(hide_password=False) if role else url


def _marker() -> Path:
    # The PostgreSQL server runs on this machine as another user: /tmp is where it could write.
    return Path("/tmp") / f"specq-pwned-{secrets.token_hex(6)}"


def test_postgres_reader_role_refuses_the_corpus(pg_db: Engine, pg_url: str) -> None:
    reader = _as(pg_url, "specq_reader")
    marker = _marker()
    _check_corpus(pg_db, COMMON + POSTGRES, marker, url=reader, timeout_s=5)
    # What the reader may not read either: server files.
    with pytest.raises(ReadOnlyError, match="permission denied"):
        _run("SELECT pg_read_file('/etc/hostname')", url=reader)


def test_postgres_superuser_is_refused_unless_forced(pg_db: Engine, pg_url: str) -> None:
    with pytest.raises(
        ReadOnlyError, match="refusing to run `specq sql` as role postgres: it is a superuser"
    ):
        _run("SELECT 1", url=pg_url)
    _check_corpus(pg_db, COMMON + POSTGRES, _marker(), url=pg_url, timeout_s=5, force=True)


def test_postgres_never_ending_query_times_out(pg_db: Engine, pg_url: str) -> None:
    with pytest.raises(ReadOnlyError, match="statement timeout"):
        _run(NEVER_ENDS, url=_as(pg_url, "specq_reader"), timeout_s=0.3)


def test_postgres_streams_from_a_server_side_cursor(pg_db: Engine, pg_url: str) -> None:
    # A set-returning function in the select list streams; a client-side cursor would buffer 1e9 rows.
    endless = "SELECT generate_series(1, 1000000000) AS n"
    with read_only_query(endless, url=_as(pg_url, "specq_reader"), fetch_size=500) as res:
        taken = [next(res.rows) for _ in range(1200)]
    assert taken[-1] == (1200,)


def test_postgres_reader_sees_tables_of_later_migrations(pg_db: Engine, pg_url: str) -> None:
    # api_files comes from migration 0004: the default privileges of 0003 cover it.
    assert _run("SELECT count(*) FROM api_files", url=_as(pg_url, "specq_reader")) == [(0,)]


def test_postgres_migrating_user_without_createrole(
    pg_url: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migration succeeds, logs the statements to run; `specq sql` says it cannot connect."""
    from specq.settings import get_settings

    tag = secrets.token_hex(4)
    owner, reader, name = f"specq_owner_{tag}", f"specq_reader_{tag}", f"specq_test_norole_{tag}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {owner} LOGIN NOCREATEROLE NOSUPERUSER"))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER {owner}'))
    url = make_url(pg_url).set(database=name, username=owner).render_as_string(hide_password=False)
    monkeypatch.setenv("SPECQ_SQL_ROLE", reader)
    monkeypatch.setenv("SPECQ_DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    try:
        with caplog.at_level(logging.WARNING, logger="migrations.0003_readonly_role"):
            init_db(engine)
        assert f"may not create roles, so role {reader}" in caplog.text
        _seed(engine)
        with pytest.raises(ReadOnlyError, match=f"cannot connect to .* for `specq sql`.*role {reader}"):
            _run("SELECT 1")  # the default URL: the database as SPECQ_SQL_ROLE
        with pytest.raises(ReadOnlyError, match=f"as role {owner}: it may write to"):
            _run("SELECT 1", url=url)  # the owner may write: refused without force
        # An administrator runs what the migration logged; then `specq sql` works as the reader.
        admin_here = create_engine(make_url(PG_ADMIN_URL).set(database=name), isolation_level="AUTOCOMMIT")
        with admin_here.connect() as c:
            for stmt in reader_role_sql(reader, "public", ("jobs", "v_job_summary")):
                c.execute(text(stmt))
        admin_here.dispose()
        assert _run("SELECT count(*) FROM jobs") == [(1,)]
        assert _run("SELECT count(*) FROM v_job_summary") == [(1,)]
    finally:
        engine.dispose()
        dispose_engines()
        get_settings.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f"DROP ROLE IF EXISTS {reader}"))
            conn.execute(text(f"DROP ROLE IF EXISTS {owner}"))
        admin.dispose()


def test_postgres_reader_password_comes_from_sql_url(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With SPECQ_SQL_URL logging in as the reader role with a password (docker-compose.yml), the
    migration gives the role that password; `specq sql` then connects with that URL."""
    from specq.settings import get_settings

    tag = secrets.token_hex(4)
    reader, name = f"specq_reader_{tag}", f"specq_test_pw_{tag}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    sql_url = (
        make_url(url).set(username=reader, password="it's-a-secret").render_as_string(hide_password=False)
    )
    monkeypatch.setenv("SPECQ_SQL_ROLE", reader)
    monkeypatch.setenv("SPECQ_SQL_URL", sql_url)
    get_settings.cache_clear()
    engine = make_engine(url)
    try:
        init_db(engine)
        _seed(engine)
        with admin.connect() as conn:
            stored = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": reader})
            assert str(stored.scalar()).startswith("SCRAM-SHA-256$")
        assert _run("SELECT count(*) FROM jobs") == [(1,)]  # as the reader, through SPECQ_SQL_URL
    finally:
        engine.dispose()
        dispose_engines()
        get_settings.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f"DROP ROLE IF EXISTS {reader}"))
        admin.dispose()
