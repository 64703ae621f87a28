"""Batches hold their prompts and a heartbeat of the worker decoding them (self-healing).

``prompt_ids``: the batch's prompts, so a decode message is ``decode_batch(batch_id)`` and a
batch can be re-queued from its row alone. ``worker_host``/``worker_pid``/``heartbeat_at``:
who is decoding a running batch and when it last said so; a running batch whose worker's pid
is dead on its host, or whose heartbeat is stale, is re-queued (``recoveries``, ``recovered_at``).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt_ids", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("worker_host", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("worker_pid", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("recoveries", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("recovered_at", sa.DateTime(timezone=True), nullable=True))
        # The recovery sweep reads running batches by heartbeat.
        batch_op.create_index(
            batch_op.f("ix_batches_status_heartbeat_at"), ["status", "heartbeat_at"], unique=False
        )


def downgrade() -> None:
    # Plain ALTERs, not batch mode: recreating `batches` on SQLite would break v_job_summary,
    # which reads it (SQLite >= 3.35 drops columns in place).
    op.drop_index(op.f("ix_batches_status_heartbeat_at"), table_name="batches")
    for column in ("recovered_at", "recoveries", "heartbeat_at", "worker_pid", "worker_host", "prompt_ids"):
        op.drop_column("batches", column)
