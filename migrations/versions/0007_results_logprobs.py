"""The target's per-token log-probabilities of a result, when the request asked for them.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("logprobs", sa.JSON(), nullable=True))


def downgrade() -> None:
    # A plain ALTER, not batch mode: recreating the table on SQLite would break the views that
    # read it (SQLite >= 3.35 drops columns in place).
    op.drop_column("results", "logprobs")
