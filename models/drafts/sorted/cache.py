"""The early-exit KV cache: per-row positions that stopped at different depths, deep layers filled
lazily and exactly when a later token needs them (see the package docstring).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import torch

from models.drafts.sorted.model import SortedDraft

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Chunk:
    """Where a per-row run of positions lives: padded (R, W) indices and the real slots to write."""

    rows: torch.Tensor  # (R,) batch rows, on the device
    pos: torch.Tensor  # (R, W) positions, padded past each row's count
    pos_in: torch.Tensor  # (R, W) positions to read inputs from (padding re-reads a real one)
    valid: torch.Tensor | None  # (R, W) bool real slots; None = all real
    write_rows: torch.Tensor  # row index of each real slot (or (R, 1) when all real)
    write_pos: torch.Tensor  # position of each real slot (or (R, W) when all real)


class EarlyExitCache:
    """Per-row KV cache of a sorted draft where positions stop at different depths.

    Bookkeeping lives on the host (small long tensors), tensors on the model's device.
    ``filled[l, b]``: how many leading positions of row b have their layer-l output
    (l = 0 is the embedding, so ``filled[0]`` is the row's context length). It never
    increases with l: deeper layers are a prefix of shallower ones. ``hidden[b, p]``
    is position p's hidden state at the deepest layer it has reached. Running layer l
    always first runs every position in ``[filled[l], filled[l-1])`` (the lazy fill
    described in the module docstring), so keys/values exist wherever attention reads.
    """

    def __init__(self, model: SortedDraft, batch: int, capacity: int) -> None:
        self.model = model
        dev, dt = model.device, model.dtype
        shape = (batch, model.num_kv_heads, capacity, model.head_dim)
        self.keys = [torch.zeros(shape, device=dev, dtype=dt) for _ in range(model.num_layers)]
        self.values = [torch.zeros(shape, device=dev, dtype=dt) for _ in range(model.num_layers)]
        self.hidden = torch.zeros((batch, capacity, model.hidden_size), device=dev, dtype=dt)  # (B, cap, C)
        self._rope_table(capacity)
        self.filled = torch.zeros((model.num_layers + 1, batch), dtype=torch.long)  # host
        self.layer_positions = 0  # position x layer computations so far (the compute that early exit saves)
        self.layer_calls = 0  # layer invocations so far (the per-call overhead it saves)

    @property
    def batch(self) -> int:
        return int(self.filled.shape[1])

    @property
    def lengths(self) -> torch.Tensor:
        return self.filled[0]

    def _ensure_capacity(self, needed: int) -> None:
        cap = self.hidden.shape[1]
        if needed <= cap:
            return
        extra = max(needed - cap, cap)  # double: amortised O(1) growth

        def grow(t: torch.Tensor, dim: int) -> torch.Tensor:
            pad_shape = list(t.shape)
            pad_shape[dim] = extra
            return torch.cat([t, t.new_zeros(pad_shape)], dim=dim)

        self.keys = [grow(t, 2) for t in self.keys]
        self.values = [grow(t, 2) for t in self.values]
        self.hidden = grow(self.hidden, 1)
        self._rope_table(cap + extra)

    def _rope_table(self, capacity: int) -> None:
        """cos, sin (cap, head_dim) of every position: computed once, gathered per layer call."""
        positions = torch.arange(capacity, device=self.hidden.device)[None, :]
        cos, sin = self.model.rope(self.hidden[:1, :1], positions)
        self.cos, self.sin = cos[0], sin[0]

    def append(self, tokens: torch.Tensor, counts: torch.Tensor | None = None) -> None:
        """Add tokens (B, T) to the end of every row; only the first ``counts[b]`` (host, (B,)) are real."""
        bsz, t = tokens.shape
        counts = torch.full((bsz,), t, dtype=torch.long) if counts is None else counts.to("cpu", torch.long)
        start = self.filled[0].clone()
        self._ensure_capacity(int((start + counts).max()))
        pos = start[:, None] + torch.arange(t)  # (B, T) host
        valid = torch.arange(t)[None, :] < counts[:, None]
        rows = torch.arange(bsz)[:, None].expand(bsz, t)
        dev = self.hidden.device
        emb = self.model.embed(tokens.to(dev))  # (B, T, C)
        self.hidden[rows[valid].to(dev), pos[valid].to(dev)] = emb[valid.to(dev)]
        self.filled[0] = start + counts

    def truncate(self, lengths: torch.Tensor) -> None:
        """Forget every position at or past lengths[b] (B,) host: rolled-back draft tokens."""
        self.filled = torch.minimum(self.filled, lengths.to("cpu", torch.long)[None, :])

    def select_rows(self, rows: torch.Tensor) -> None:
        dev_rows = rows.to(self.hidden.device)
        self.keys = [t[dev_rows] for t in self.keys]
        self.values = [t[dev_rows] for t in self.values]
        self.hidden = self.hidden[dev_rows]
        self.filled = self.filled[:, rows.to("cpu")]

    def advance(self, rows: torch.Tensor, depth: int) -> None:
        """Bring every position of ``rows`` (host long) through layer ``depth``, filling skipped ones."""
        for layer in range(1, depth + 1):
            need = self.filled[layer - 1, rows] > self.filled[layer, rows]
            if bool(need.any()):
                self._run_layer(layer, rows[need])

    def _chunk(self, rows: torch.Tensor, start: torch.Tensor, end: torch.Tensor) -> _Chunk:
        """Positions [start[r], end[r]) of each row r of ``rows``, padded to one (R, W) block."""
        counts = end - start
        width = int(counts.max())
        dev = self.hidden.device
        rows_d = rows.to(dev)
        pos_d = (start[:, None] + torch.arange(width)).to(dev)  # (R, W)
        if bool((counts != width).any()):  # host check: the common one-token step skips masking
            valid = (counts[:, None] > torch.arange(width)).to(dev)  # (R, W)
            pos_in = torch.minimum(pos_d, (end - 1).to(dev)[:, None])  # padded slots re-read a real position
            return _Chunk(rows_d, pos_d, pos_in, valid, rows_d[:, None].expand_as(pos_d)[valid], pos_d[valid])
        return _Chunk(rows_d, pos_d, pos_d, None, rows_d[:, None], pos_d)

    def _write_kv(self, idx: int, chunk: _Chunk, k: torch.Tensor, v: torch.Tensor) -> None:
        """k, v (R, kvh, W, hd) of a chunk -> cache slots (row, :, pos) of layer idx; padding not written."""
        k_new, v_new = k.transpose(1, 2), v.transpose(1, 2)  # (R, W, kvh, hd)
        if chunk.valid is not None:
            k_new, v_new = k_new[chunk.valid], v_new[chunk.valid]
        self.keys[idx][chunk.write_rows, :, chunk.write_pos] = k_new
        self.values[idx][chunk.write_rows, :, chunk.write_pos] = v_new

    def _run_layer(self, layer: int, rows: torch.Tensor) -> None:
        """Run layer ``layer`` (1-based) on positions [filled[layer], filled[layer-1]) of ``rows``."""
        start, end = self.filled[layer, rows], self.filled[layer - 1, rows]  # (R,) host
        chunk = self._chunk(rows, start, end)
        whole = rows.numel() == self.batch  # rows are sorted and distinct: all of them
        n_keys = int(end.max())
        key_pos = torch.arange(n_keys, device=chunk.pos.device)
        # Causal over the row's own positions; padded queries see a valid prefix, never an empty one.
        mask = (key_pos[None, None, :] <= chunk.pos[:, :, None]) & (
            key_pos[None, None, :] < end.to(chunk.pos.device)[:, None, None]
        )
        x = self.hidden[chunk.rows[:, None], chunk.pos_in]  # (R, W, C)
        idx = layer - 1

        def attend_to(
            _: int, k: torch.Tensor, v: torch.Tensor
        ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
            self._write_kv(idx, chunk, k, v)
            if whole:  # a view, no copy of the cache
                return self.keys[idx][:, :, :n_keys], self.values[idx][:, :, :n_keys], mask[:, None]
            rows_d = chunk.rows
            return self.keys[idx][rows_d, :, :n_keys], self.values[idx][rows_d, :, :n_keys], mask[:, None]

        out = self.model.layer(idx, x, (self.cos[chunk.pos_in], self.sin[chunk.pos_in]), attend_to)
        self.hidden[chunk.write_rows, chunk.write_pos] = out if chunk.valid is None else out[chunk.valid]
        self.filled[layer, rows] = end
        self.layer_positions += int((end - start).sum())
        self.layer_calls += 1

    def copy_through(self, rows: torch.Tensor, depth: int) -> None:
        """CALM-style state propagation: positions of ``rows`` that stopped at ``depth`` get keys/values
        in every deeper layer, projected from their hidden state at ``depth`` (approximate, never redone)."""
        for layer in range(depth + 1, self.model.num_layers + 1):
            need = self.filled[0, rows] > self.filled[layer, rows]
            if not bool(need.any()):
                continue
            sub = rows[need]
            start, end = self.filled[layer, sub], self.filled[0, sub]
            chunk = self._chunk(sub, start, end)
            x = self.hidden[chunk.rows[:, None], chunk.pos_in]  # (R, W, C) at `depth`
            k, v = self.model.project_kv(layer - 1, x, (self.cos[chunk.pos_in], self.sin[chunk.pos_in]))
            self._write_kv(layer - 1, chunk, k, v)
            self.filled[layer, sub] = end

    def last_logits(self, rows: torch.Tensor) -> torch.Tensor:
        """Exit logits (R, V) at each row's last position, from whatever depth it has reached."""
        dev = self.hidden.device
        h = self.hidden[rows.to(dev), (self.filled[0, rows] - 1).to(dev)]  # (R, C)
        return self.model.head(h)
