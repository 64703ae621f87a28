"""The acceptance record: what speculation did over a set of prompts, summed over their rows.

Vocabulary as the engine reports it (`models.engine.speculative.RowStats`): per verification
step the draft proposes k tokens; *acceptance rate* = accepted / drafted; *mean accepted* =
accepted draft tokens per step (0..k; the target's own extra token each step is not counted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.engine.speculative import Output


@dataclass(frozen=True)
class Acceptance:
    """Speculation counters of one decoding run, summed over its prompts."""

    prompts: int
    steps: int  # verification steps
    drafted: int  # draft tokens proposed
    accepted: int  # of those, accepted
    new_tokens: int  # tokens generated

    @classmethod
    def of(cls, outputs: Sequence[Output]) -> Acceptance:
        """The counters of the engine's outputs, one per prompt."""
        return cls(
            prompts=len(outputs),
            steps=sum(o.stats.steps for o in outputs),
            drafted=sum(o.stats.drafted_tokens for o in outputs),
            accepted=sum(o.stats.accepted_tokens for o in outputs),
            new_tokens=sum(len(o.token_ids) for o in outputs),
        )

    @property
    def rate(self) -> float:
        """Accepted / drafted."""
        return self.accepted / self.drafted if self.drafted else 0.0

    @property
    def mean_accepted(self) -> float:
        """Accepted draft tokens per verification step."""
        return self.accepted / self.steps if self.steps else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate": self.rate, "mean_accepted": self.mean_accepted}
