"""Job priority (``jobs.priority``): the lane a job's messages take, ``bulk`` or ``interactive``.

Interactive jobs (synchronous API requests) are routed and decoded from queues every worker
takes first (``specq/broker.py``); existing jobs are bulk.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("priority", sa.String(length=16), nullable=False, server_default="bulk")
        )


def downgrade() -> None:
    # A plain ALTER, not batch mode: recreating `jobs` on SQLite would break the views that read
    # it (SQLite >= 3.35 drops columns in place).
    op.drop_column("jobs", "priority")
