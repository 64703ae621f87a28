"""Reuse of identical greedy requests: prompts.request_key (indexed) and results.reused_from.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("prompts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_prompts_request_key"), ["request_key"], unique=False)
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reused_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain ALTERs, not batch mode: recreating the tables on SQLite would break the views that
    # read them (SQLite >= 3.35 drops columns in place).
    op.drop_column("results", "reused_from")
    op.drop_index(op.f("ix_prompts_request_key"), table_name="prompts")
    op.drop_column("prompts", "request_key")
