"""What an alignment run is asked to do (`AlignConfig`) and what it did (`AlignResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from models.engine.acceptance import Acceptance

Method = Literal["kd", "ce", "lora"]
METHODS: tuple[str, ...] = ("kd", "ce", "lora")
REPORT = "alignment.json"  # written next to the aligned weights


@dataclass(frozen=True)
class AlignConfig:
    """How to align a draft. Defaults suit the zoo's models on a CPU."""

    method: Method = (
        "kd"  # kd = forward KL on the target's distributions, ce = its tokens, lora = kd via LoRA
    )
    max_new_tokens: int = 64  # length of the target's response to each alignment prompt
    temperature: float = 0.0  # target sampling for the responses; 0 = greedy
    samples_per_prompt: int = 1  # responses per prompt (more than one only makes sense with temperature > 0)
    epochs: int = 6  # passes over the (prompt, response) sequences
    batch_size: int = 16  # sequences per optimizer step
    lr: float = 1e-3  # peak AdamW learning rate (warm-up, cosine decay); lora uses 3x
    top_k: int = 32  # kd/lora: target probabilities kept per position
    lora_rank: int = 16  # lora: adapter rank on every attention and MLP projection
    gen_batch_size: int = 32  # prompts per batch when generating and measuring acceptance
    eval_k: int = 4  # draft tokens per step when measuring acceptance
    eval_max_new_tokens: int = 64  # new tokens per held-out prompt when measuring acceptance
    heldout_fraction: float = 0.2  # share of the prompts held out for measurement when none are given
    seed: int = 0  # split, sampling, batch order, LoRA init
    train_on_prompt: bool = False  # also distil at the prompt's positions (teacher-forced on its text)
    train_embeddings: bool = True  # False: the embedding and LM head stay the base draft's
    head_tokens: int | None = None  # FR-Spec: the draft's head scores only the N most frequent tokens

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"AlignConfig.method must be one of {METHODS}, got {self.method!r}")
        if self.samples_per_prompt > 1 and self.temperature == 0:
            raise ValueError(
                "samples_per_prompt > 1 needs temperature > 0: greedy responses are all the same"
            )
        if self.head_tokens is not None and self.train_embeddings:
            raise ValueError(
                "AlignConfig.head_tokens needs train_embeddings=False: the restricted head is the base "
                "draft's rows, kept as they are"
            )
        if self.head_tokens is not None and self.method == "lora":
            raise ValueError("AlignConfig.head_tokens works with method kd or ce, not lora")
        if not 0 < self.heldout_fraction < 1:
            raise ValueError(f"AlignConfig.heldout_fraction must be in (0, 1), got {self.heldout_fraction}")


@dataclass
class AlignResult:
    """What an alignment run did and measured."""

    out_dir: Path
    task: str | None
    method: str
    train_prompts: int
    eval_prompts: int
    eval_k: int  # draft tokens per step in the acceptance measurements
    before: Acceptance  # base draft on the held-out prompts
    after: Acceptance  # aligned draft on the same prompts
    final_loss: float
    seconds: dict[str, float] = field(default_factory=dict)  # generate / train / eval / total
    exits: tuple[int, ...] = ()  # a sorted draft's exit depths (before/after are the deepest's); () otherwise

    @property
    def relative_gain(self) -> float:
        """Relative change of the acceptance rate (0.25 = +25%)."""
        return self.after.rate / self.before.rate - 1.0 if self.before.rate else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "task": self.task,
            "method": self.method,
            "train_prompts": self.train_prompts,
            "eval_prompts": self.eval_prompts,
            "eval_k": self.eval_k,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "relative_gain": self.relative_gain,
            "final_loss": self.final_loss,
            "seconds": self.seconds,
        }


# --------------------------------------------------------------------------------------------- prompts
