"""A draft's logits over exactly the target's vocabulary."""

from __future__ import annotations

import torch


def to_target_vocab(logits: torch.Tensor, vocab_size: int) -> torch.Tensor:
    """``logits`` (..., V_draft) cut or padded with -inf to (..., vocab_size).

    Embedding tables are often padded past the tokenizer's size, so a draft and its target
    can share a tokenizer yet differ in logit width; the engine compares them token by token.
    """
    width = logits.shape[-1]
    if width == vocab_size:
        return logits
    if width > vocab_size:
        return logits[..., :vocab_size]
    pad = logits.new_full((*logits.shape[:-1], vocab_size - width), float("-inf"))
    return torch.cat([logits, pad], dim=-1)
