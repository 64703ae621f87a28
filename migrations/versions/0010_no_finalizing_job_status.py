"""Job status ``finalizing`` retired: no code ever set it on a job.

A job's last results and its terminal status are written in one transaction
(``db.queries.maybe_finalize``), so nothing happens between them that a status could show; an
API batch's ``finalizing`` is its output files being written (``api_batches.finalizing_at``).
A row left ``finalizing`` by hand becomes ``in_progress``: the next finalization (``specq
resume``, or the last batch's transaction) moves it on from there, as it did from ``finalizing``.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE jobs SET status = 'in_progress' WHERE status = 'finalizing'")


def downgrade() -> None:
    pass  # the value is valid again after a downgrade; no row needs it
