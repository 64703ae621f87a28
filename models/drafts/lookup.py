"""Prompt lookup: model-free drafts continuing an earlier occurrence of the context's last n-gram."""

from __future__ import annotations

import torch

from models.engine.proposer import Proposal
from models.engine.sampling import RowSampler


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

    def add_rows(self, prompts: list[list[int]], next_tokens: torch.Tensor) -> None:
        if self.last_tokens is not None:
            raise RuntimeError("PromptLookupProposer.add_rows called between propose() and update()")
        joining = PromptLookupProposer(self.max_ngram, self.min_ngram)
        joining.prefill(prompts)
        joining.update(torch.zeros_like(next_tokens), next_tokens)
        device = joining.history.device
        mine = self.history.to(device)
        width = max(mine.shape[1], joining.history.shape[1])
        self.history = torch.cat(
            [
                torch.nn.functional.pad(mine, (0, width - mine.shape[1])),
                torch.nn.functional.pad(joining.history, (0, width - joining.history.shape[1])),
            ]
        )
        self.length = torch.cat([self.length.to(device), joining.length])
        self._bound = max(self._bound, joining._bound)

    def keep_rows(self, rows: torch.Tensor) -> None:
        rows = rows.to(self.history.device)
        self.history = self.history[rows]
        self.length = self.length[rows]
        if self.last_tokens is not None:
            self.last_tokens = self.last_tokens[rows]
