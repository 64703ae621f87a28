"""Read-only SQL for `specq sql`: the database, not a statement filter, refuses writes.

No text is inspected here. Each backend is opened so that it cannot write and runs exactly
one statement:

PostgreSQL
    * a role of its own (``SPECQ_SQL_URL``, default: the database URL as role
      ``SPECQ_SQL_ROLE`` = ``specq_reader``, which migration 0003 creates with SELECT on the
      specq tables and views). A role that is a superuser, may read/write server files or run
      server programs, or holds any write privilege on a specq table is refused unless
      ``force`` is given;
    * the session default ``default_transaction_read_only`` and a ``BEGIN READ ONLY``
      transaction, so the statement cannot write, and cannot turn read-only off (PostgreSQL
      refuses read-write mode once a query has run in the transaction);
    * the statement goes inside ``DECLARE ... CURSOR FOR <query>``, sent over the extended
      query protocol: the server parses it as one statement (``SELECT ...; COMMIT`` is
      "cannot insert multiple commands into a prepared statement"), and ``DECLARE`` accepts
      only a SELECT or VALUES (COMMIT, SET, RESET, COPY, DO, data-modifying CTEs are syntax or
      semantic errors before anything runs);
    * the cursor lives on the server and rows come in pages of ``fetch_size``: memory stays
      bounded whatever the result size; ``statement_timeout`` bounds each page.

SQLite
    * the file opened with ``mode=ro`` (never created, never migrated) and ``PRAGMA query_only``;
    * an authorizer that allows only reads (SELECT, column reads, functions other than
      ``load_extension``, recursive CTEs, and a few schema-introspection pragmas in statement form, e.g.
      ``PRAGMA table_info(jobs)``) and
      ``SQLITE_LIMIT_ATTACHED`` = 0: neither ``mode=ro`` nor ``query_only`` stops ``ATTACH``
      or ``VACUUM INTO`` from creating files elsewhere, these two do;
    * Python's sqlite3 refuses more than one statement per ``execute``;
    * a progress handler interrupts a statement that runs past the timeout (a recursive CTE
      that never ends), measured per page like PostgreSQL's ``statement_timeout``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy.engine import make_url

from specq.redact import redact

log = logging.getLogger(__name__)

_CURSOR = "specq_sql"
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Pages of rows fetched from the server-side cursor (and from SQLite) at a time.
DEFAULT_FETCH_SIZE = 1000
# SQLite VM instructions between two progress-handler calls: ~1 ms of work.
_PROGRESS_STEPS = 10_000
# Schema-introspection pragmas (statement form; none has a setter). The table-valued form
# (pragma_table_info(...)) asks to update sqlite_master on the authorizer and stays refused.
_SQLITE_PRAGMAS = frozenset(
    {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list"}
)
_SQLITE_DENIED_FUNCTIONS = frozenset({"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"})


class ReadOnlyError(RuntimeError):
    """`specq sql` refused to run, or the query failed; the message says why and what to do."""


@dataclass
class QueryResult:
    """Column names and a row iterator that fetches from the database as it is consumed."""

    columns: list[str]
    rows: Iterator[tuple[Any, ...]]


def check_role_name(name: str) -> str:
    """``name`` if it is a plain lower-case PostgreSQL identifier, else ValueError."""
    if not _ROLE_NAME.match(name):
        raise ValueError(f"SQL role name must match {_ROLE_NAME.pattern}, got {name!r}")
    return name


def reader_role_sql(role: str, schema: str, relations: Sequence[str]) -> list[str]:
    """The statements that give ``role`` SELECT, and nothing else, on ``relations`` in ``schema``.

    What migration 0003 runs, and what `specq sql` tells an administrator to run when the
    migrating user cannot create roles.
    """
    role = check_role_name(role)
    q = f'"{schema}"'
    return [
        f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION",
        f"ALTER ROLE {role} SET default_transaction_read_only = on",
        f"GRANT USAGE ON SCHEMA {q} TO {role}",
        *(f'GRANT SELECT ON {q}."{r}" TO {role}' for r in relations),
    ]


def sql_url(url: str | None = None) -> str:
    """The URL `specq sql` connects with: ``url``, ``SPECQ_SQL_URL``, or the default.

    The default is the database URL itself for SQLite, and for PostgreSQL the database URL
    with the user replaced by ``SPECQ_SQL_ROLE`` and no password (a password for that role
    goes in ``SPECQ_SQL_URL``).
    """
    from specq.settings import get_settings

    if url:
        return url
    settings = get_settings()
    if settings.sql_url:
        return settings.sql_url
    db = make_url(settings.resolved_database_url)
    if db.get_backend_name() == "postgresql":
        return db.set(username=check_role_name(settings.sql_role), password=None).render_as_string(
            hide_password=False
        )
    return db.render_as_string(hide_password=False)


@contextlib.contextmanager
def read_only_query(
    query: str,
    *,
    url: str | None = None,
    timeout_s: float | None = None,
    force: bool = False,
    fetch_size: int = DEFAULT_FETCH_SIZE,
) -> Iterator[QueryResult]:
    """Run ``query`` read-only; yields its columns and a lazily fetched row iterator.

    Raises :class:`ReadOnlyError` when the connection is refused or unsafe (see the module
    docstring), or when the query fails or times out (also while iterating the rows).
    """
    from specq.settings import get_settings

    url = sql_url(url)
    timeout = timeout_s if timeout_s is not None else get_settings().sql_timeout_s
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        with _postgres_query(url, query, timeout, force, fetch_size) as result:
            yield result
    elif backend == "sqlite":
        with _sqlite_query(url, query, timeout, fetch_size) as result:
            yield result
    else:
        raise ReadOnlyError(f"`specq sql` supports PostgreSQL and SQLite, not {backend!r}")


# ------------------------------------------------------------------------------- PostgreSQL


def _conninfo(url: str) -> str:
    """A libpq URI for a SQLAlchemy ``postgresql+psycopg://`` URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _privileges(cur: Any) -> list[str]:
    """Why the connected role may do more than read specq's tables (empty: it may not)."""
    cur.execute(
        """
        SELECT r.rolsuper,
               pg_has_role(current_user, 'pg_read_server_files', 'MEMBER'),
               pg_has_role(current_user, 'pg_write_server_files', 'MEMBER'),
               pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER'),
               ARRAY(SELECT c.relname::text FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace
                       AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                       AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER')
                     ORDER BY 1)
        FROM pg_roles r WHERE r.rolname = current_user
        """
    )
    superuser, read_files, write_files, programs, writable = cur.fetchone()
    why = []
    if superuser:
        why.append("is a superuser")
    for flag, name in (
        (read_files, "pg_read_server_files"),
        (write_files, "pg_write_server_files"),
        (programs, "pg_execute_server_program"),
    ):
        if flag:
            why.append(f"is a member of {name}")
    if writable:
        shown = ", ".join(writable[:5]) + (", ..." if len(writable) > 5 else "")
        why.append(f"may write to {shown}")
    return why


def _connect_hint(url: str) -> str:
    from specq.settings import get_settings

    settings = get_settings()
    role = make_url(url).username or "(none)"
    if settings.sql_url:
        return f"check SPECQ_SQL_URL (role {role})"
    return (
        f"`specq sql` connects as role {role} (SPECQ_SQL_ROLE), which the migrations create when the "
        "migrating user may create roles; otherwise have an administrator run the statements logged by "
        "`specq migrate`/`specq up` (or see docs/reliability.md), or point SPECQ_SQL_URL at a role that "
        "may only SELECT"
    )


@contextlib.contextmanager
def _postgres_query(
    url: str, query: str, timeout_s: float, force: bool, fetch_size: int
) -> Iterator[QueryResult]:
    import psycopg

    timeout_ms = max(1, int(timeout_s * 1000))
    options = (
        f"-c default_transaction_read_only=on -c statement_timeout={timeout_ms} "
        f"-c idle_in_transaction_session_timeout={max(timeout_ms, 60_000)}"
    )
    try:
        conn = psycopg.connect(_conninfo(url), options=options, connect_timeout=10, autocommit=False)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReadOnlyError(
            f"cannot connect to {redact(url)} for `specq sql`: {redact(first)}; {_connect_hint(url)}"
        ) from None
    try:
        conn.read_only = True  # psycopg starts each transaction with BEGIN READ ONLY
        with conn.cursor() as cur:
            why = _privileges(cur)
            cur.execute("SHOW transaction_read_only")
            if cur.fetchone() != ("on",):  # never expected: BEGIN READ ONLY was just sent
                raise ReadOnlyError("the database did not start a read-only transaction; refusing to run")
        if why and not force:
            role = make_url(url).username
            raise ReadOnlyError(
                f"refusing to run `specq sql` as role {role}: it {'; it '.join(why)}. Use a role that may "
                "only SELECT (SPECQ_SQL_URL / SPECQ_SQL_ROLE, created by the migrations), or pass --force "
                "to run this read-only query as this role anyway"
            )
        if why:
            log.warning("specq sql --force: running as a role that %s", "; ".join(why))
        cur = conn.cursor(name=_CURSOR, scrollable=False, withhold=False)
        try:
            cur.execute(query)  # DECLARE specq_sql NO SCROLL CURSOR FOR <query>, extended protocol
        except psycopg.Error as exc:
            raise ReadOnlyError(f"query failed: {_pg_message(exc)}") from None
        columns = [d.name for d in cur.description or []]
        yield QueryResult(columns, _pg_rows(cur, fetch_size))
    finally:
        with contextlib.suppress(Exception):
            conn.rollback()
        conn.close()


def _pg_message(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return redact(text.splitlines()[0])


def _pg_rows(cur: Any, fetch_size: int) -> Iterator[tuple[Any, ...]]:
    import psycopg

    while True:
        try:
            page = cur.fetchmany(fetch_size)
        except psycopg.Error as exc:
            raise ReadOnlyError(f"query failed: {_pg_message(exc)}") from None
        if not page:
            return
        yield from page


# ------------------------------------------------------------------------------- SQLite


class _Deadline:
    """The progress handler's clock: armed before each page, checked every few thousand steps."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False

    def arm(self) -> None:
        self.at = time.monotonic() + self.seconds

    def __call__(self) -> int:
        if time.monotonic() > self.at:
            self.expired = True
            return 1  # non-zero interrupts the statement
        return 0


def _authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if (arg2 or "").lower() in _SQLITE_DENIED_FUNCTIONS else sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _SQLITE_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _sqlite_file(url: str) -> Path:
    u = make_url(url)
    database = (u.database or "").removeprefix("file:")
    if not database or database == ":memory:":
        raise ReadOnlyError(
            "`specq sql` needs a database file; an in-memory SQLite database has nothing to read"
        )
    path = Path(database)
    if not path.exists():
        raise ReadOnlyError(
            f"database file {path} does not exist; `specq sql` never creates one (submit a job first, "
            "or set SPECQ_DATABASE_URL / SPECQ_SQL_URL to an existing database)"
        )
    return path.resolve()


@contextlib.contextmanager
def _sqlite_query(url: str, query: str, timeout_s: float, fetch_size: int) -> Iterator[QueryResult]:
    from db.session import SQLITE_BUSY_TIMEOUT_MS

    path = _sqlite_file(url)
    try:
        uri = f"file:{quote(str(path))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise ReadOnlyError(f"cannot open {path} read-only: {exc}") from None
    deadline = _Deadline(timeout_s)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        conn.set_authorizer(_authorize)
        conn.set_progress_handler(deadline, _PROGRESS_STEPS)
        deadline.arm()
        try:
            cur = conn.execute(query)
        except (sqlite3.Error, sqlite3.Warning) as exc:
            raise ReadOnlyError(f"query failed: {_sqlite_message(exc, deadline)}") from None
        columns = [d[0] for d in cur.description or []]
        yield QueryResult(columns, _sqlite_rows(cur, deadline, fetch_size))
    finally:
        conn.close()


def _sqlite_message(exc: Exception, deadline: _Deadline) -> str:
    if deadline.expired:
        return f"statement timeout after {deadline.seconds:g}s (--timeout / SPECQ_SQL_TIMEOUT_S)"
    if "not authorized" in str(exc):
        return f"{exc} (`specq sql` runs one read-only SELECT: writes, ATTACH, PRAGMA, BEGIN are refused)"
    return str(exc)


def _sqlite_rows(cur: sqlite3.Cursor, deadline: _Deadline, fetch_size: int) -> Iterator[tuple[Any, ...]]:
    while True:
        deadline.arm()
        try:
            page = cur.fetchmany(fetch_size)
        except sqlite3.Error as exc:
            raise ReadOnlyError(f"query failed: {_sqlite_message(exc, deadline)}") from None
        if not page:
            return
        yield from page
