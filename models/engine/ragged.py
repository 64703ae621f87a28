"""A causal LM decoding a ragged batch over one KV cache.

Rows are left-padded at prefill. Later forwards append the same number of columns to
every row; a column a row does not use (a rejected draft token, or a placeholder) is a
*hole*: its attention-mask entry is 0, so no later query attends to it. Position ids
are explicit per row (they count only a row's real tokens), so a row's logits do not
depend on where the holes are: with a `DynamicCache` this gives the same logits as
decoding the row alone.

`rollback_cache` is the one place where rejected tokens are forgotten: it turns them
into holes and crops the columns that no row kept off the end of the cache.

Not every architecture survives padding and holes. `check_model` (run once per model)
probes it: a model whose padded rows differ from its own unpadded decoding with left
padding (BLOOM: its eager attention turns a fully masked pad query into NaN, which
then leaks through 0 * NaN into real rows) is prefilled right-padded instead, so no
query is ever fully masked; a model that holes or padding still change, or whose cache
is not plain full attention, is refused with the reason. Sliding-window attention:
Transformers' window counts cache columns, and holes are columns, so a windowed model
is decoded over a plain (full) cache and served only for requests whose columns stay
inside the window (`window_of`; the session refuses longer requests by name).

Continuous batching: `append_rows` adds the rows of another `RaggedLM` (new prompts,
prefilled on their own) to a running batch, left-padding whichever cache is shorter with
holes; `select_rows` drops finished rows and then the leading columns that no remaining
row uses, so the cache is as wide as its oldest row's span, not the whole session's.
"""

from __future__ import annotations

import inspect
import weakref
from typing import Literal

import torch
from transformers import DynamicCache, PreTrainedModel
from transformers.cache_utils import DynamicLayer

Padding = Literal["left", "right"]
_PADDING: weakref.WeakKeyDictionary[torch.nn.Module, Padding] = weakref.WeakKeyDictionary()
_WINDOW: weakref.WeakKeyDictionary[torch.nn.Module, int] = weakref.WeakKeyDictionary()
MIN_WINDOW = 32  # sliding windows below this are refused: too small to serve or to probe


class UnsupportedModelError(ValueError):
    """The model cannot be decoded exactly over a ragged batch; the message says why."""


class RaggedLM:
    """A Hugging Face causal LM plus the cache, attention mask and positions of one batch."""

    def __init__(self, model: PreTrainedModel, padding: Padding | None = None) -> None:
        """padding: how to pad prompts; None = what `check_model` found for this model (checked once)."""
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
        self.padding: Padding = padding or padding_for(model)

    @property
    def batch_size(self) -> int:
        return int(self.mask.shape[0])

    def prefill(self, prompts: list[list[int]], last_only: bool = True) -> torch.Tensor:
        """Start a batch with padded prompts. Returns each row's last logits (B, 1, V), or all (B, L, V)
        if not last_only (column j of a row is its token j from the left or right, as `self.padding`)."""
        width = max(len(p) for p in prompts)
        ids = torch.zeros((len(prompts), width), dtype=torch.long)
        mask = torch.zeros((len(prompts), width), dtype=torch.bool)
        for i, p in enumerate(prompts):
            cols = slice(width - len(p), width) if self.padding == "left" else slice(0, len(p))
            ids[i, cols] = torch.tensor(p, dtype=torch.long)
            mask[i, cols] = True
        ids, mask = ids.to(self.device), mask.to(self.device)
        # Plain full-attention layers for every model: sliding-window layers would drop columns that
        # rows with holes still need (a windowed model is served only while rows fit its window).
        self.cache = DynamicCache()
        self.mask = mask[:, :0].long()
        self.next_pos = torch.zeros(len(prompts), dtype=torch.long, device=self.device)
        if self.padding == "left" or not last_only:
            return self.forward(ids, mask, last_only=last_only)
        # Right padding: each row's last real column; keep only the distinct ones' logits.
        last = torch.tensor([len(p) - 1 for p in prompts], device=self.device)
        at, row_col = last.unique(return_inverse=True)
        logits = self.forward(ids, mask, logits_at=at if self._keeps_logits else None)  # (B, U or L, V)
        col = row_col if self._keeps_logits else last
        return logits.gather(1, col[:, None, None].expand(-1, 1, logits.shape[-1]))

    def forward(
        self,
        tokens: torch.Tensor,
        valid: torch.Tensor | None = None,
        last_only: bool = False,
        logits_at: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Append tokens (B, T) to every row; `valid` (B, T) False marks holes. Returns logits (B, T, V),
        (B, 1, V) if last_only, or (B, len(logits_at), V) at the columns logits_at (1-D)."""
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
        if logits_at is not None:
            kwargs["logits_to_keep"] = logits_at
        if self._takes_positions:
            kwargs["position_ids"] = position_ids
        out = self.model(input_ids=tokens, attention_mask=mask, cache=self.cache, use_cache=True, **kwargs)
        self.cache = out.cache
        self.mask = mask
        self.next_pos = self.next_pos + added
        logits: torch.Tensor = out.logits
        return logits[:, -1:] if last_only else logits

    def select_rows(self, rows: torch.Tensor) -> None:
        """Keep only `rows` (indices into the current batch, in order): finished rows leave."""
        self.cache.batch_select_indices(rows)
        self.mask = self.mask[rows]
        self.next_pos = self.next_pos[rows]
        if len(rows):
            live = self.mask.any(0)  # (L,) columns some remaining row attends to
            first = int(live.long().argmax())  # host sync; rows leave rarely, so this is cheap
            if first > 0:
                for layer in _layers(self.cache):
                    assert layer.keys is not None and layer.values is not None  # checked by _layers
                    layer.keys, layer.values = layer.keys[:, :, first:], layer.values[:, :, first:]
                self.mask = self.mask[:, first:]

    def append_rows(self, other: RaggedLM) -> None:
        """Add other's rows (same model, prefilled separately) after this batch's rows."""
        if self.batch_size == 0:
            self.cache, self.mask, self.next_pos = other.cache, other.mask, other.next_pos
            return
        width = max(self.mask.shape[1], other.mask.shape[1])
        for mine, theirs in zip(_layers(self.cache), _layers(other.cache), strict=True):
            assert mine.keys is not None and mine.values is not None  # checked by _layers
            assert theirs.keys is not None and theirs.values is not None
            mine.keys = torch.cat([_left_pad(mine.keys, width, 2), _left_pad(theirs.keys, width, 2)])
            mine.values = torch.cat([_left_pad(mine.values, width, 2), _left_pad(theirs.values, width, 2)])
        self.mask = torch.cat([_left_pad(self.mask, width, 1), _left_pad(other.mask, width, 1)])
        self.next_pos = torch.cat([self.next_pos, other.next_pos])


def padding_for(model: PreTrainedModel) -> Padding:
    """`check_model`'s answer for `model`, probed on first use and remembered while the model lives."""
    if model not in _PADDING:
        _PADDING[model] = check_model(model)
    return _PADDING[model]


def window_of(model: PreTrainedModel) -> int | None:
    """The sliding-attention window of `model` (checked by `padding_for`), None for full attention."""
    padding_for(model)
    return _WINDOW.get(model)


def check_model(model: PreTrainedModel) -> Padding:
    """How to pad `model`'s prompts so that every row decodes as it would alone; raises
    UnsupportedModelError when neither way does, or when its cache is not plain attention.

    Probes with a few tiny forwards (`padding_for` remembers the answer).
    """
    name = type(model).__name__
    layers = DynamicCache(config=model.config).layers
    odd = sorted({type(layer).__name__ for layer in layers if type(layer) is not DynamicLayer})
    window = getattr(model.config.get_text_config(decoder=True), "sliding_window", None)
    if odd and (odd != ["DynamicSlidingWindowLayer"] or not isinstance(window, int) or window < MIN_WINDOW):
        raise UnsupportedModelError(
            f"{name} is not supported by the speculative engine: its KV cache has {', '.join(odd)} layers "
            f"(sliding_window={window}); the ragged cache leaves holes where draft tokens were rejected and "
            "Transformers' sliding-window mask counts cache columns, not positions, so only a window of at "
            f"least {MIN_WINDOW} columns, and rows that stay inside it, can be decoded exactly"
        )
    vocab = int(model.config.get_text_config(decoder=True).vocab_size)
    long_, short = [t % vocab for t in (3, 5, 7, 2, 9)], [t % vocab for t in (4, 6)]
    with torch.inference_mode():
        alone = RaggedLM(model, "left")
        expected = alone.prefill([short])[0, -1]  # one row: no padding at all
        padding: Padding | None = None
        candidates: tuple[Padding, ...] = ("left", "right")
        for candidate in candidates:
            lm = RaggedLM(model, candidate)
            if _close(lm.prefill([long_, short])[1, -1], expected):
                padding = candidate
                break
        if padding is None:
            hint = " (the model is in training mode: call .eval())" if model.training else ""
            raise UnsupportedModelError(
                f"{name} is not supported by the speculative engine: a padded prompt's logits differ from "
                f"the same prompt decoded alone, with left and with right padding{hint}"
            )
        # A hole (a rejected draft token) must leave the next token's logits unchanged.
        plain, holed = RaggedLM(model, padding), RaggedLM(model, padding)
        plain.prefill([long_, short])
        holed.prefill([long_, short])
        nxt = torch.tensor([[1 % vocab], [2 % vocab]], device=model.device)
        want = plain.forward(nxt)[:, -1]
        two = torch.cat([torch.full_like(nxt, 8 % vocab), nxt], dim=1)
        got = holed.forward(two, torch.tensor([[False, True]] * 2, device=model.device))[:, -1]
        if not _close(got, want):
            raise UnsupportedModelError(
                f"{name} is not supported by the speculative engine: a masked-out cache column (a rejected "
                "draft token) changes the logits of later tokens, so its position scheme ignores the mask"
            )
    if odd:
        assert isinstance(window, int)  # checked above
        _WINDOW[model] = window
    return padding


def _close(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Equal up to the rounding of the model's dtype (a batch changes the order of float sums)."""
    if not (torch.isfinite(a).all() and torch.isfinite(b).all()):
        return False
    rel = {torch.float64: 1e-9, torch.float32: 1e-4}.get(a.dtype, 3e-2)
    scale = max(1.0, float(b.abs().max()))
    return float((a.float() - b.float()).abs().max()) <= rel * scale


def _layers(cache: DynamicCache) -> list[DynamicLayer]:
    """The cache's per-layer tensors; only plain full-attention layers can be merged and compacted."""
    layers: list[DynamicLayer] = []
    for layer in cache.layers:
        if type(layer) is not DynamicLayer or layer.keys is None or layer.values is None:
            raise UnsupportedModelError(
                f"the ragged cache cannot merge or compact a {type(layer).__name__} (sliding-window or "
                "other non-plain KV cache layer)"
            )
        layers.append(layer)
    return layers


def _left_pad(t: torch.Tensor, width: int, dim: int) -> torch.Tensor:
    """t padded with zeros on the left of `dim` up to `width` (zeros in a mask are holes)."""
    missing = width - t.shape[dim]
    if missing == 0:
        return t
    shape = list(t.shape)
    shape[dim] = missing
    return torch.cat([t.new_zeros(shape), t], dim=dim)


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
