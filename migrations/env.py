"""Alembic environment for specq.

Used two ways: by ``db.session.init_db()``, which passes its own connection in
``config.attributes["connection"]``, and by the ``alembic`` CLI with ``alembic.ini``, where
the URL comes from ``-x url=...``, the ini file, or the specq settings (``SPECQ_DATABASE_URL``).
SQLite cannot ALTER most things in place, so migrations run in batch mode there.
"""

from __future__ import annotations

import logging.config

from alembic import context
from sqlalchemy import Connection

from db.schema import Base

config = context.config
target_metadata = Base.metadata

# Only the alembic CLI configures logging from the ini file; inside specq the app owns logging.
if config.config_file_name is not None and "connection" not in config.attributes:
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from db.session import database_url

    return database_url()


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_offline() -> None:
    url = _url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from db.session import make_engine

    engine = make_engine(_url())
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
