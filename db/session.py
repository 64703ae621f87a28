"""Engines, sessions and schema creation.

SQLite is the embedded default and several worker processes write to it at once, so every
SQLite connection runs in WAL mode with a busy timeout, and write transactions start with
``BEGIN IMMEDIATE``: a deferred transaction that reads and then writes can fail at once with
"database is locked" (the busy handler cannot help a reader that must upgrade), while an
immediate one simply waits its turn. ``init_db`` runs Alembic's ``upgrade head`` from the
migration scripts shipped inside the installed ``migrations`` package, so any process can
create or upgrade the schema regardless of its working directory.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from specq.redact import redact

log = logging.getLogger(__name__)
# Alembic logs each plugin it sets up at INFO on every revision check; init_db logs what matters.
if logging.getLogger("alembic").level == logging.NOTSET:
    logging.getLogger("alembic").setLevel(logging.WARNING)

SQLITE_BUSY_TIMEOUT_MS = 60_000
# Execution option marking a read-only transaction: SQLite begins it deferred, so long reads
# (export of a big job) never hold the write lock the workers need.
_READ_OPTION = "specq_read"

_engines: dict[tuple[str, bool], Engine] = {}
# Database URLs this process has seen at the head revision: init_db checks each only once.
_at_head: set[str] = set()
_engines_lock = threading.Lock()


def database_url(url: str | None = None) -> str:
    """``url``, else the configured one (``SPECQ_DATABASE_URL`` or the embedded SQLite file)."""
    if url:
        return url
    from specq.settings import get_settings

    return get_settings().resolved_database_url


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    database = u.database.removeprefix("file:")
    return Path(database)


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached, opened or created; the message says which and why."""


def _create_private_sqlite(path: Path) -> None:
    """The database file 0600 in a 0700 directory, before SQLite creates it (and its WAL) 0644."""
    from specq.files import private_data_dir, private_dir, private_file
    from specq.settings import get_settings

    if path.exists():
        return
    try:
        if path.parent.resolve() == get_settings().data_dir.resolve():
            private_data_dir(path.parent)
        else:
            private_dir(path.parent)
        private_file(path)  # an empty file is an empty SQLite database
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DatabaseUnavailable(f"cannot create the SQLite database {path}: {reason}") from None


def _install_sqlite_pragmas(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN, not the sqlite3 module.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if read_only:
            cur.execute("PRAGMA query_only = ON")  # belt and braces over mode=ro
        else:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        reading = read_only or conn.get_execution_options().get(_READ_OPTION, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def connection_error_message(exc: BaseException) -> str | None:
    """One line naming the database (password redacted) when ``exc`` is, or was caused by, a
    failure to reach or open it; None for any other error."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    seen: BaseException | None = exc
    for _ in range(10):  # follow raise ... from ... chains a little way
        if isinstance(seen, DatabaseUnavailable):
            return f"{seen} (check SPECQ_DATABASE_URL / SPECQ_DATA_DIR)"
        if seen is None or isinstance(seen, OperationalError | InterfaceError):
            break
        seen = seen.__cause__ or seen.__context__
    if seen is None or not isinstance(seen, OperationalError | InterfaceError):
        return None
    orig = getattr(seen, "orig", None) or seen
    lines = str(orig).strip().splitlines()
    detail = lines[0] if lines else type(orig).__name__
    try:
        where = redact(database_url())
    except Exception:  # settings themselves invalid: say what failed without them
        where = "(SPECQ_DATABASE_URL)"
    return (
        f"cannot use the database {where}: {redact(detail)} "
        "(is it running and reachable? check SPECQ_DATABASE_URL)"
    )


def make_engine(url: str | None = None, *, read_only: bool = False) -> Engine:
    """A new engine for ``url`` (default: the configured database).

    ``read_only`` opens SQLite files with ``mode=ro`` and PostgreSQL sessions with
    ``default_transaction_read_only``, so the database itself refuses writes.
    """
    url = database_url(url)
    u = make_url(url)
    backend = u.get_backend_name()
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        path = _sqlite_path(url)
        if path is not None:
            if read_only:
                if not path.exists():
                    raise FileNotFoundError(
                        f"database file {path} does not exist; submit a job first or set SPECQ_DATABASE_URL"
                    )
                u = u.set(database=f"file:{path.resolve()}", query={**u.query, "mode": "ro", "uri": "true"})
            else:
                _create_private_sqlite(path)
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    elif backend == "postgresql":
        kwargs["pool_pre_ping"] = True
        if read_only:
            kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    engine = create_engine(u, **kwargs)
    if backend == "sqlite":
        _install_sqlite_pragmas(engine, read_only=read_only)
    return engine


def get_engine(url: str | None = None, *, read_only: bool = False) -> Engine:
    """The process-wide engine for ``url`` (created once; reset in forked children)."""
    key = (database_url(url), read_only)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = make_engine(key[0], read_only=read_only)
        return engine


def dispose_engines() -> None:
    """Drop every cached engine (tests switch databases between cases)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _at_head.clear()


def _after_fork_in_child() -> None:
    # A forked worker must not reuse its parent's sockets/file handles: forget them unclosed.
    for engine in _engines.values():
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@contextlib.contextmanager
def session_scope(engine: Engine | None = None, *, read_only: bool = False) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error.

    ``read_only`` transactions take no write lock on SQLite (they must not write).
    """
    bind = engine or get_engine()
    if read_only:
        bind = bind.execution_options(**{_READ_OPTION: True})
    factory = sessionmaker(bind=bind, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


def _migrations_dir() -> Path:
    import migrations

    return Path(migrations.__file__).resolve().parent


def alembic_config(url: str | None = None) -> Any:
    """An Alembic Config pointing at the packaged migration scripts."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    return cfg


def schema_revision(engine: Engine) -> tuple[str | None, str | None]:
    """(current revision in the database, head revision of the scripts)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, head


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Serialize concurrent ``init_db`` calls (several workers start at once)."""
    path = _sqlite_path(engine.url.render_as_string(hide_password=False))
    if engine.dialect.name == "sqlite" and path is not None:
        import fcntl

        from specq.files import open_private

        with open_private(path.with_name(path.name + ".migrate.lock")) as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
    elif engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # Arbitrary constant key: one migration at a time per database.
            conn.execute(text("SELECT pg_advisory_lock(726354)"))
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(726354)"))
                conn.commit()
    else:
        yield


def init_db(engine: Engine | None = None) -> None:
    """Create or upgrade the schema to the newest migration (no-op when already there)."""
    from alembic import command

    engine = engine or get_engine()
    key = engine.url.render_as_string(hide_password=False)
    if key in _at_head:
        return
    current, head = schema_revision(engine)
    if current == head:
        _at_head.add(key)
        return
    with _migration_lock(engine):
        current, head = schema_revision(engine)
        if current == head:
            return
        url = engine.url.render_as_string(hide_password=False)
        log.info("migrating %s from %s to %s", redact(url), current, head)
        cfg = alembic_config(url)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    _at_head.add(key)
