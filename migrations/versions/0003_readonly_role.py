"""The SELECT-only PostgreSQL role `specq sql` connects as (no-op on SQLite).

Creates role ``SPECQ_SQL_ROLE`` (default ``specq_reader``: LOGIN, no other attribute,
``default_transaction_read_only`` on) when the migrating user may create roles, and grants it
SELECT on the specq tables and views of this revision, plus SELECT on the tables later
migrations create here (default privileges of the migrating user in this schema). When
``SPECQ_SQL_URL`` logs in as that role with a password, the role gets that password (what
docker-compose.yml relies on: password authentication, no trust). Roles are
cluster-wide, so an existing role is reused and the downgrade revokes but never drops it.
When the role does not exist and cannot be created, the migration still succeeds and logs the
statements an administrator runs; `specq sql` then says it cannot connect as that role.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection, text

from db.readonly import check_role_name, reader_role_sql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("migrations.0003_readonly_role")

# The tables and views that exist at this revision.
RELATIONS = (
    "jobs",
    "prompts",
    "input_errors",
    "results",
    "batches",
    "assignments",
    "assignment_events",
    "v_acceptance",
    "v_job_summary",
    "v_draft_leaderboard",
)


def _role() -> str:
    from specq.settings import get_settings

    return check_role_name(get_settings().sql_role)


def _sql_url_password(role: str) -> str | None:
    """The password SPECQ_SQL_URL gives ``role`` (None when it names another user or none)."""
    from sqlalchemy.engine import make_url

    from specq.settings import get_settings

    url = get_settings().sql_url
    if not url:
        return None
    u = make_url(url)
    return u.password if u.username == role and u.password else None


def _scalar(conn: Connection, sql: str, **params: object) -> object:
    return conn.execute(text(sql), params).scalar()


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return  # SQLite: `specq sql` opens the file read-only instead
    role = _role()
    schema = str(_scalar(conn, "SELECT current_schema()"))
    exists = bool(_scalar(conn, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=role))
    may_create = bool(
        _scalar(conn, "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    )
    create, alter, *grants = reader_role_sql(role, schema, RELATIONS)
    if not exists and not may_create:
        user = _scalar(conn, "SELECT current_user")
        log.warning(
            "migration 0003: user %s may not create roles, so role %s for `specq sql` was not created. "
            "An administrator can run:\n  %s;\nthen set SPECQ_SQL_URL to a URL that logs in as %s "
            "(or SPECQ_SQL_ROLE to another SELECT-only role).",
            user,
            role,
            ";\n  ".join([create, alter, *grants]),
            role,
        )
        return
    if not exists:
        # Another database's migration may create the cluster-wide role at the same moment.
        conn.execute(
            text(
                f"DO $$ BEGIN {create}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
        conn.execute(text(alter))
        log.info("created role %s for `specq sql` (SELECT only)", role)
    password = _sql_url_password(role)
    if password is not None and may_create:
        # A utility statement takes no bind parameters: a quoted literal (quotes doubled).
        conn.exec_driver_sql(f"ALTER ROLE {role} PASSWORD '{password.replace(chr(39), chr(39) * 2)}'")
        log.info("set the password of role %s from SPECQ_SQL_URL", role)
    for grant in grants:
        if grant.startswith("GRANT USAGE ON SCHEMA") and _scalar(
            conn, "SELECT has_schema_privilege(:r, :s, 'USAGE')", r=role, s=schema
        ):
            continue  # PostgreSQL 15 grants public's USAGE to PUBLIC; a non-owner may not re-grant it
        conn.execute(text(grant))
    # Tables that later migrations create in this schema (as this user) are readable too.
    conn.execute(text(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT SELECT ON TABLES TO {role}'))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    role = _role()
    if not _scalar(conn, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=role):
        return
    schema = str(_scalar(conn, "SELECT current_schema()"))
    conn.execute(text(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" REVOKE SELECT ON TABLES FROM {role}'))
    for name in RELATIONS:
        conn.execute(text(f'REVOKE SELECT ON "{schema}"."{name}" FROM {role}'))
    log.info("revoked %s's SELECT grants; the role itself is cluster-wide and stays", role)
