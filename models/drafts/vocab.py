"""A draft's logits over exactly the target's vocabulary, and drafts that score only part of it.

Frequency-ranked heads (FR-Spec, Zhao et al. 2025): a draft derived from its target pays the
target's LM head over the whole vocabulary at every draft token (SmolLM2: 49,152 rows, half
of a 4-layer draft's step). Most of that vocabulary is rare, so the draft may score only
the ``S`` most frequent tokens: its head keeps those rows (`SubsetHead`), and its logits
are scattered back to the target's vocabulary with -inf elsewhere (`to_target_vocab`).
The target still verifies over its whole vocabulary, so the output stays exact: greedy, a
token outside the subset is simply never drafted; sampling, the draft's q is a proper
distribution over the subset (zero elsewhere) and speculative sampling corrects for it.

A draft directory carries its subset in ``specq_vocab.json`` (written by `save_vocab_subset`);
`models.loading.load_draft` restricts the head when it finds one, so every loader of drafts
(the decode workers, the benchmarks, alignment) serves the same draft.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import torch
from transformers import PreTrainedModel

VOCAB_FILE = "specq_vocab.json"


def to_target_vocab(
    logits: torch.Tensor, vocab_size: int, token_ids: torch.Tensor | None = None
) -> torch.Tensor:
    """``logits`` (..., V_draft) as (..., vocab_size): cut or padded with -inf, or scattered.

    Embedding tables are often padded past the tokenizer's size, so a draft and its target
    can share a tokenizer yet differ in logit width; the engine compares them token by token.
    With ``token_ids`` (S,), column j of ``logits`` (..., S) scores target token ``token_ids[j]``
    (a `SubsetHead`); every other token gets -inf.
    """
    if token_ids is not None:
        out = logits.new_full((*logits.shape[:-1], vocab_size), float("-inf"))
        return out.index_copy_(-1, token_ids.to(logits.device), logits)
    width = logits.shape[-1]
    if width == vocab_size:
        return logits
    if width > vocab_size:
        return logits[..., :vocab_size]
    pad = logits.new_full((*logits.shape[:-1], vocab_size - width), float("-inf"))
    return torch.cat([logits, pad], dim=-1)


class SubsetHead(torch.nn.Module):
    """An LM head over a subset of the vocabulary: logits (..., S) for target tokens ``token_ids`` (S,)."""

    token_ids: torch.Tensor

    def __init__(self, weight: torch.Tensor, token_ids: torch.Tensor) -> None:
        super().__init__()
        if weight.shape[0] != token_ids.shape[0]:
            raise ValueError(f"{weight.shape[0]} head rows for {token_ids.shape[0]} token ids")
        self.weight = torch.nn.Parameter(weight, requires_grad=False)  # (S, C)
        self.register_buffer("token_ids", token_ids.to(torch.long), persistent=False)  # (S,)

    def forward(self, h: torch.Tensor) -> torch.Tensor:  # (..., C) -> (..., S)
        return torch.nn.functional.linear(h, self.weight)


def head_token_ids(model: torch.nn.Module) -> torch.Tensor | None:
    """The target token ids a model's head scores, or None when it scores the whole vocabulary."""
    get = getattr(model, "get_output_embeddings", None)
    head = get() if callable(get) else None
    if isinstance(head, SubsetHead):
        ids: torch.Tensor = head.token_ids
        return ids
    return None


def restrict_head(model: PreTrainedModel, token_ids: Sequence[int] | torch.Tensor) -> PreTrainedModel:
    """Replace ``model``'s LM head (in place) by its rows for ``token_ids``; returns the model.

    The rows are copied (the input embedding, tied or not, keeps the whole vocabulary) and
    frozen: a restricted draft is for serving, and its logits are (..., S) in ``token_ids``
    order. Only a plain linear head without bias can be restricted.
    """
    head = model.get_output_embeddings()
    if isinstance(head, SubsetHead):
        raise ValueError("the model's head is already restricted to a vocabulary subset")
    if not isinstance(head, torch.nn.Linear) or head.bias is not None:
        raise ValueError(f"cannot restrict a {type(head).__name__} head: only a linear head without bias")
    ids = torch.as_tensor(token_ids, dtype=torch.long, device=head.weight.device)
    if ids.ndim != 1 or ids.numel() == 0 or ids.unique().numel() != ids.numel():
        raise ValueError("a head subset is a non-empty list of distinct token ids")
    if int(ids.min()) < 0 or int(ids.max()) >= head.weight.shape[0]:
        raise ValueError(f"head subset ids must lie in 0..{head.weight.shape[0] - 1}")
    model.config.tie_word_embeddings = False  # the restricted head is no longer the embedding
    model.set_output_embeddings(SubsetHead(head.weight.detach()[ids].clone(), ids))
    return model


@contextmanager
def restricted_head(
    model: PreTrainedModel, token_ids: Sequence[int] | torch.Tensor
) -> Iterator[torch.Tensor]:
    """`restrict_head` for the duration of a block (training as it will be served); yields the ids.

    The original head module (tied or not) is put back on exit, so the model saves as it loaded.
    """
    head, tied = model.get_output_embeddings(), model.config.tie_word_embeddings
    restrict_head(model, token_ids)
    try:
        ids = head_token_ids(model)
        assert ids is not None
        yield ids
    finally:
        model.set_output_embeddings(head)
        model.config.tie_word_embeddings = tied


def frequency_ranked_ids(
    token_streams: Iterable[Sequence[int]], size: int, vocab_size: int, always: Iterable[int] = ()
) -> list[int]:
    """The ``size`` most frequent token ids of ``token_streams``, ``always`` first, ties by lower id.

    When fewer than ``size`` distinct tokens were seen, the rest is filled by increasing id
    (a byte-level BPE vocabulary lists bytes and early, frequent merges first).
    """
    if not 1 <= size <= vocab_size:
        raise ValueError(f"a head subset has 1..{vocab_size} tokens, not {size}")
    counts: Counter[int] = Counter()
    for stream in token_streams:
        counts.update(int(t) for t in stream if 0 <= int(t) < vocab_size)
    ranked = list(dict.fromkeys(int(t) for t in always))
    ranked += [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    ranked += range(vocab_size)
    return list(dict.fromkeys(ranked))[:size]


def save_vocab_subset(out_dir: Path, token_ids: Sequence[int], source: str) -> Path:
    """Write ``specq_vocab.json``: the draft's head scores only ``token_ids``; ``source`` says why those."""
    path = Path(out_dir) / VOCAB_FILE
    path.write_text(json.dumps({"source": source, "token_ids": [int(t) for t in token_ids]}) + "\n")
    return path


def load_vocab_subset(model_dir: str | Path) -> list[int] | None:
    """The head subset recorded in a draft directory, or None (a hub id, or no ``specq_vocab.json``)."""
    path = Path(model_dir) / VOCAB_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text())
    ids = data.get("token_ids") if isinstance(data, dict) else None
    if not isinstance(ids, list) or not ids or not all(isinstance(t, int) for t in ids):
        raise ValueError(f"{path}: expected {{'token_ids': [int, ...]}}; rewrite it with save_vocab_subset")
    return ids
