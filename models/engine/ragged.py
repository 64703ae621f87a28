"""A causal LM decoding a ragged batch over one KV cache.

Rows are left-padded at prefill. Later forwards append the same number of columns to
every row; a column a row does not use (a rejected draft token, or a placeholder) is a
*hole*: its attention-mask entry is 0, so no later query attends to it. Position ids
are explicit per row (they count only a row's real tokens), so a row's logits do not
depend on where the holes are: with a `DynamicCache` this gives the same logits as
decoding the row alone.

`rollback_cache` is the one place where rejected tokens are forgotten: it turns them
into holes and crops the columns that no row kept off the end of the cache.
"""

from __future__ import annotations

import inspect

import torch
from transformers import DynamicCache, PreTrainedModel


class RaggedLM:
    """A Hugging Face causal LM plus the cache, attention mask and positions of one batch."""

    def __init__(self, model: PreTrainedModel) -> None:
        self.model = model
        self.device = model.device
        accepted = inspect.signature(model.forward).parameters
        self._keeps_logits = "logits_to_keep" in accepted
        # Models that derive positions from the attention mask (its cumsum skips holes too) take none.
        self._takes_positions = "position_ids" in accepted or any(
            p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values()
        )
        self.cache = DynamicCache()
        self.mask = torch.zeros((0, 0), dtype=torch.long, device=self.device)  # (B, L): 1 real, 0 pad/hole
        self.next_pos = torch.zeros(0, dtype=torch.long, device=self.device)  # (B,) next position id

    @property
    def batch_size(self) -> int:
        return int(self.mask.shape[0])

    def prefill(self, prompts: list[list[int]], last_only: bool = True) -> torch.Tensor:
        """Start a batch with left-padded prompts. Returns logits (B, 1, V), or (B, L, V) if not last_only."""
        width = max(len(p) for p in prompts)
        ids = torch.zeros((len(prompts), width), dtype=torch.long)
        mask = torch.zeros((len(prompts), width), dtype=torch.long)
        for i, p in enumerate(prompts):
            ids[i, width - len(p) :] = torch.tensor(p, dtype=torch.long)
            mask[i, width - len(p) :] = 1
        ids, mask = ids.to(self.device), mask.to(self.device)
        self.cache = DynamicCache(config=self.model.config)
        self.mask = mask[:, :0]
        self.next_pos = torch.zeros(len(prompts), dtype=torch.long, device=self.device)
        return self.forward(ids, mask.bool(), last_only=last_only)

    def forward(
        self, tokens: torch.Tensor, valid: torch.Tensor | None = None, last_only: bool = False
    ) -> torch.Tensor:
        """Append tokens (B, T) to every row; `valid` (B, T) False marks holes. Returns logits (B, T, V)."""
        width = tokens.shape[1]
        if valid is None:  # no holes: the common case, kept cheap
            position_ids = self.next_pos[:, None] + torch.arange(width, device=tokens.device)
            mask = torch.cat([self.mask, self.mask.new_ones((tokens.shape[0], width))], dim=1)
            added: torch.Tensor | int = width
        else:
            offsets = valid.long().cumsum(1) - 1  # (B, T) position of each real token after the row's last
            position_ids = self.next_pos[:, None] + offsets.clamp(min=0)
            mask = torch.cat([self.mask, valid.long()], dim=1)  # (B, L + T)
            added = valid.sum(1)
        kwargs: dict[str, object] = {"logits_to_keep": 1} if (last_only and self._keeps_logits) else {}
        if self._takes_positions:
            kwargs["position_ids"] = position_ids
        out = self.model(
            input_ids=tokens, attention_mask=mask, past_key_values=self.cache, use_cache=True, **kwargs
        )
        self.cache = out.past_key_values
        self.mask = mask
        self.next_pos = self.next_pos + added
        logits: torch.Tensor = out.logits
        return logits[:, -1:] if last_only else logits

    def select_rows(self, rows: torch.Tensor) -> None:
        """Keep only `rows` (indices into the current batch, in order): finished rows leave."""
        self.cache.batch_select_indices(rows)
        self.mask = self.mask[rows]
        self.next_pos = self.next_pos[rows]


def rollback_cache(lm: RaggedLM, keep: torch.Tensor, keep_cols: int) -> None:
    """Forget rejected tokens after a forward of T columns.

    keep (B, T) bool: which of the last T columns each row keeps; for every row the kept
    columns are a prefix of its real columns (accepted tokens come first). keep_cols:
    the last T columns are cropped to this many for all rows (1 + the largest
    accepted count, known on the host); rejected columns left of it become holes.
    """
    width = keep.shape[1]
    last = lm.mask[:, -width:]  # (B, T) view into the mask
    lm.next_pos = lm.next_pos - (last.bool() & ~keep).sum(1)
    last.mul_(keep)
    if keep_cols < width:
        # DynamicCache.crop takes the number of columns to remove, as a negative int.
        lm.cache.crop(keep_cols - width)
        lm.mask = lm.mask[:, : lm.mask.shape[1] - (width - keep_cols)]
