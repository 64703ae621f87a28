"""Token-id prompts (prompts.token_ids) and echoed prompts (results.prompt_text, results.prompt_logprobs).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("prompts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_ids", sa.JSON(), nullable=True))
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("prompt_logprobs", sa.JSON(), nullable=True))


def downgrade() -> None:
    # Plain ALTERs, not batch mode: recreating the tables on SQLite would break the views that
    # read them (SQLite >= 3.35 drops columns in place).
    op.drop_column("results", "prompt_logprobs")
    op.drop_column("results", "prompt_text")
    op.drop_column("prompts", "token_ids")
