"""What one draft did on one (target, task): the one definition of a draft's measured acceptance.

``db.queries.acceptance_stats`` sums it from stored results; the assignment policy
(``models.tasks.assignment``) compares drafts by it; ``workers.assignment`` measures it offline.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DraftMeasure:
    """What one draft did on one (target, task), summed over its results."""

    draft: str
    prompts: int
    drafted: int
    accepted: int
    steps: int

    @property
    def acceptance(self) -> float | None:
        """Accepted over drafted tokens (None before any token was drafted)."""
        return self.accepted / self.drafted if self.drafted else None

    @property
    def mean_accepted(self) -> float | None:
        """Accepted tokens per verification step (None before any step)."""
        return self.accepted / self.steps if self.steps else None
