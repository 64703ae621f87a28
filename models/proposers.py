"""Draft proposers: whatever guesses the next k tokens for the speculative engine.

Vocabulary (as in the literature and in `models/speculative.py`): a proposer *drafts*
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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import torch
from transformers import PreTrainedModel

from models.ragged import RaggedLM, rollback_cache
from models.sampling import RowSampler


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


class DraftModelProposer:
    """A smaller Hugging Face causal LM with the target's tokenizer, decoding on its own KV cache.

    The draft's cache holds every token of the context except the ones in `pending`,
    which are fed at the start of the next `propose`: the step's correction or bonus
    token, plus the last draft token when all k were accepted (it was sampled but never
    fed). That first forward is (B, 2) with a hole where a row has nothing extra.
    """

    def __init__(self, model: PreTrainedModel, vocab_size: int | None = None) -> None:
        self.lm = RaggedLM(model)
        self.vocab_size = vocab_size or int(model.config.get_text_config(decoder=True).vocab_size)
        device = self.lm.device
        self.pending = torch.zeros((0, 0), dtype=torch.long, device=device)  # (B, P) tokens not yet fed
        self.pending_valid = torch.zeros((0, 0), dtype=torch.bool, device=device)  # (B, P) False = hole
        self.last_tokens: torch.Tensor | None = None  # (B, k) the last proposal, until `update`

    def prefill(self, prompts: list[list[int]]) -> None:
        self.lm.prefill(prompts)
        batch = len(prompts)
        self.pending = torch.zeros((batch, 0), dtype=torch.long, device=self.lm.device)
        self.pending_valid = torch.zeros((batch, 0), dtype=torch.bool, device=self.lm.device)
        self.last_tokens = None

    def propose(self, k: int, sampler: RowSampler) -> Proposal:
        if self.pending.shape[1] == 0:
            raise RuntimeError(
                "DraftModelProposer.propose called before update(): the draft has no new token"
            )
        logits = self.lm.forward(self.pending, self.pending_valid, last_only=True)  # (B, 1, V_draft)
        tokens: list[torch.Tensor] = []
        qs: list[torch.Tensor] = []
        for j in range(k):
            logits = self._to_target_vocab(logits)
            if sampler.all_greedy:
                token = logits.argmax(-1)  # (B, 1); a greedy draft's q is one-hot: leave it implicit
            else:
                q = sampler.probs(logits)  # (B, 1, V)
                token = sampler.sample(q)
                qs.append(q)
            tokens.append(token)
            if j + 1 < k:  # the last draft token is fed next step, and only if it is accepted
                logits = self.lm.forward(token, last_only=True)
        batch = self.pending.shape[0]
        self.pending = self.pending[:, :0]
        self.pending_valid = self.pending_valid[:, :0]
        self.last_tokens = torch.cat(tokens, dim=1) if tokens else self.pending.new_zeros((batch, 0))
        return Proposal(self.last_tokens, torch.cat(qs, dim=1) if qs else None)

    def update(self, num_accepted: torch.Tensor, next_tokens: torch.Tensor) -> None:
        nxt = next_tokens[:, None]
        if self.last_tokens is None:  # plain step: nothing to roll back, queue the new token
            self.pending = torch.cat([self.pending, nxt], dim=1)
            self.pending_valid = torch.cat(
                [self.pending_valid, torch.ones_like(nxt, dtype=torch.bool)], dim=1
            )
            return
        k = self.last_tokens.shape[1]
        n_max = int(num_accepted.max())  # host sync: the crop length must be a Python int
        if k > 1:
            # Columns fed during propose after `pending`: draft tokens 1..k-1; keep those accepted.
            keep = torch.arange(1, k, device=nxt.device)[None, :] <= num_accepted[:, None]  # (B, k-1)
            rollback_cache(self.lm, keep, min(n_max, k - 1))
        if n_max == k:
            all_in = num_accepted == k  # (B,) these rows still need their last draft token fed
            self.pending = torch.cat([self.last_tokens[:, -1:], nxt], dim=1)
            self.pending_valid = torch.cat([all_in[:, None], torch.ones_like(all_in)[:, None]], dim=1)
        else:
            self.pending = nxt
            self.pending_valid = torch.ones_like(nxt, dtype=torch.bool)
        self.last_tokens = None

    def keep_rows(self, rows: torch.Tensor) -> None:
        self.lm.select_rows(rows)
        self.pending = self.pending[rows]
        self.pending_valid = self.pending_valid[rows]
        if self.last_tokens is not None:
            self.last_tokens = self.last_tokens[rows]

    def _to_target_vocab(self, logits: torch.Tensor) -> torch.Tensor:
        """Draft logits over exactly the target's vocabulary (embedding tables are often padded)."""
        width = logits.shape[-1]
        if width == self.vocab_size:
            return logits
        if width > self.vocab_size:
            return logits[..., : self.vocab_size]
        pad = logits.new_full((*logits.shape[:-1], self.vocab_size - width), float("-inf"))
        return torch.cat([logits, pad], dim=-1)


class PromptLookupProposer:
    """Model-free drafts: continue the most recent earlier occurrence of the context's last n-gram.

    Tries n-gram sizes from `max_ngram` down to `min_ngram` over the prompt plus the
    generated text (Saxena's prompt lookup decoding, as in HF `prompt_lookup_num_tokens`).
    A row with no match proposes its last token repeated: verification keeps the output
    exact whatever is proposed, and the batch needs k tokens from every row.
    """

    def __init__(self, max_ngram: int = 3, min_ngram: int = 1) -> None:
        if not 1 <= min_ngram <= max_ngram:
            raise ValueError(
                f"PromptLookupProposer needs 1 <= min_ngram <= max_ngram, got {min_ngram}, {max_ngram}"
            )
        self.max_ngram = max_ngram
        self.min_ngram = min_ngram
        self.history = torch.zeros(
            (0, 0), dtype=torch.long
        )  # (B, W) context, left-aligned; garbage past `length`
        self.length = torch.zeros(0, dtype=torch.long)  # (B,) real tokens per row
        self._bound = 0  # host-side upper bound on length.max(), so growth needs no sync
        self.last_tokens: torch.Tensor | None = None

    def prefill(self, prompts: list[list[int]]) -> None:
        self._bound = max(len(p) for p in prompts)
        history = torch.zeros((len(prompts), 2 * self._bound + 64), dtype=torch.long)
        for i, p in enumerate(prompts):
            history[i, : len(p)] = torch.tensor(p, dtype=torch.long)
        self.history = history
        self.length = torch.tensor([len(p) for p in prompts], dtype=torch.long)
        self.last_tokens = None

    def propose(self, k: int, sampler: RowSampler) -> Proposal:
        device = sampler.device
        if self.history.device != device:
            self.history, self.length = self.history.to(device), self.length.to(device)
        hist, length = self.history, self.length
        batch, width = hist.shape
        cols = torch.arange(width, device=device)
        start = torch.full((batch,), -1, dtype=torch.long, device=device)  # continuation start, -1 = none
        for n in range(self.max_ngram, self.min_ngram - 1, -1):
            if width < n + 1:
                continue
            tail_idx = (length[:, None] - n + torch.arange(n, device=device)).clamp(min=0)  # (B, n)
            tail = hist.gather(1, tail_idx)
            windows = hist.unfold(1, n, 1)  # (B, W - n + 1, n)
            match = (windows == tail[:, None, :]).all(-1)
            # An earlier occurrence: it must end before the tail starts, and the tail must exist.
            s = cols[: windows.shape[1]]
            ok = match & (s[None, :] + n < length[:, None]) & (length[:, None] > n)
            latest = torch.where(ok, s[None, :], -1).max(1).values  # (B,)
            found = (latest >= 0) & (start < 0)
            start = torch.where(found, latest + n, start)
        # Rows without a match repeat their last token; continuations are clipped to the context.
        base = torch.where(start >= 0, start, length - 1)
        idx = torch.minimum(base[:, None] + torch.arange(k, device=device), length[:, None] - 1)  # (B, k)
        self.last_tokens = hist.gather(1, idx)
        return Proposal(self.last_tokens, None)

    def update(self, num_accepted: torch.Tensor, next_tokens: torch.Tensor) -> None:
        device = next_tokens.device
        if self.history.device != device:
            self.history, self.length = self.history.to(device), self.length.to(device)
        k = 0 if self.last_tokens is None else self.last_tokens.shape[1]
        if self._bound + k + 1 > self.history.shape[1]:
            grow = self.history.new_zeros((self.history.shape[0], self.history.shape[1] + k + 64))
            grow[:, : self.history.shape[1]] = self.history
            self.history = grow
        # Write the whole proposal plus the next token; slots past the new length are garbage that
        # the next write overwrites, which saves a per-row copy.
        new = (
            next_tokens[:, None]
            if self.last_tokens is None
            else torch.cat([self.last_tokens, next_tokens[:, None]], 1)
        )
        new = new.scatter(1, num_accepted[:, None], next_tokens[:, None])
        pos = (self.length[:, None] + torch.arange(k + 1, device=device)).clamp(max=self.history.shape[1] - 1)
        self.history.scatter_(1, pos, new)
        self.length = self.length + num_accepted + 1
        self._bound += k + 1
        self.last_tokens = None

    def keep_rows(self, rows: torch.Tensor) -> None:
        rows = rows.to(self.history.device)
        self.history = self.history[rows]
        self.length = self.length[rows]
        if self.last_tokens is not None:
            self.last_tokens = self.last_tokens[rows]
