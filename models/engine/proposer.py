"""Draft proposers: whatever guesses the next k tokens for the speculative engine.

Vocabulary (as in the literature and in `models/engine/speculative.py`): a proposer *drafts*
k tokens per row with distributions q; the target *verifies* them; a row's *accepted*
tokens are the longest prefix of its draft that verification keeps; the token the
target adds after them is the *correction* (a sample from the residual
norm(max(0, p - q)) at the first rejected position) or, when all k were accepted, the
*bonus* token (a sample from p after the last draft token).

The protocol (`Proposer`) is four calls, made by the engine in this order::

    proposer.prefill(prompts)                 # once per batch: row i's context is prompts[i]
    proposer.update(num_accepted, next_tokens)  # after the target's first token (num_accepted all 0)
    loop:
        proposal = proposer.propose(k, sampler)   # k draft tokens for every active row
        ... target verifies ...
        proposer.update(num_accepted, next_tokens)
        proposer.keep_rows(rows)                  # only when some rows finished

`update` is called after *every* engine step, also steps where `propose` was not
called (plain decoding when the adaptive policy picks k = 0); then `num_accepted` is
all zeros. After `update`, row i's context is its previous context, then the first
`num_accepted[i]` tokens of the last proposal, then `next_tokens[i]`. A proposer with
its own KV cache uses `update` to roll back the rejected draft tokens and to queue the
tokens it has not yet seen.

Sampling: `propose` receives the batch's `RowSampler`. A proposer that samples must
draw its tokens with `sampler.sample(q)` where `q = sampler.probs(draft_logits)` (so
temperature, top-p and per-request seeds apply to the draft as well) and return that
`q`; speculative sampling is exact only if q is the distribution the tokens were
really drawn from. A deterministic proposer (prompt lookup, or a greedy draft) returns
`q=None`, which means one-hot on the proposed tokens.

Rows: the batch is indexed 0..B-1 in prefill order; `keep_rows(rows)` keeps the given
indices (a sorted long tensor) and renumbers them 0..len(rows)-1.

Continuous batching: a proposer that also has `add_rows(prompts, next_tokens)`
(`JoinableProposer`) takes new rows between steps, appended after the current ones, as
if `prefill(prompts)` then `update(zeros, next_tokens)` had run for them alone. For a
proposer without it, the engine restarts the proposer on the full contexts of its rows
(`prefill` + `update`), which is exact but redoes the draft's prefill.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import torch

from models.engine.sampling import RowSampler


@dataclass
class Proposal:
    """k draft tokens for each active row."""

    tokens: torch.Tensor  # (B, k) long, token ids in the target's vocabulary
    q: (
        torch.Tensor | None
    )  # (B, k, V_target) distribution each token was drawn from; None = one-hot on tokens


@runtime_checkable
class Proposer(Protocol):
    """What the speculative engine needs from a draft. See the module docstring for the call order."""

    def prefill(self, prompts: list[list[int]]) -> None:
        """Start a new batch whose row i has context prompts[i]."""

    def propose(self, k: int, sampler: RowSampler) -> Proposal:
        """Draft k >= 1 tokens for every active row."""

    def update(self, num_accepted: torch.Tensor, next_tokens: torch.Tensor) -> None:
        """Row i keeps num_accepted[i] (B,) tokens of the last proposal, then next_tokens[i] (B,)."""

    def keep_rows(self, rows: torch.Tensor) -> None:
        """Drop finished rows: keep only `rows` (indices into the current batch, in order)."""


@runtime_checkable
class JoinableProposer(Proposer, Protocol):
    """A Proposer that takes new rows into a running batch (continuous batching)."""

    def add_rows(self, prompts: list[list[int]], next_tokens: torch.Tensor) -> None:
        """Append rows whose context is prompts[i] followed by next_tokens[i] (N,), between steps."""
