"""Per-request sampling settings and their batched form.

`SamplingParams` is what a caller asks for, one per prompt. `RowSampler` is the same
settings for the rows of a running batch as tensors, plus the random streams: every
row with a `seed` owns a `torch.Generator`, unseeded rows share one generator drawn
from torch's global RNG (so `torch.manual_seed` makes a whole run reproducible).

Warping follows Hugging Face `generate(do_sample=True)`: temperature, then top-p
(nucleus) filtering. A row with `temperature == 0` is greedy: its "distribution" is
one-hot on the argmax, so the speculative-sampling formulas reduce to exact greedy
verification without a separate code path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import torch


@dataclass(frozen=True)
class SamplingParams:
    """How to decode one prompt."""

    max_new_tokens: int = 64  # new tokens at most, the stop token included
    temperature: float = 0.0  # 0 = greedy (argmax); > 0 = sample from softmax(logits / temperature)
    top_p: float = 1.0  # nucleus filtering; 1.0 keeps the whole vocabulary
    seed: int | None = None  # per-request torch.Generator seed; None draws from the global RNG
    stop_token_ids: tuple[int, ...] = field(default=())  # extra stop tokens besides the target's eos
    stop: tuple[str, ...] = field(default=())  # stop strings: the row ends where its text first contains one

    def __post_init__(self) -> None:
        if self.max_new_tokens < 1:
            raise ValueError(f"SamplingParams.max_new_tokens must be >= 1, got {self.max_new_tokens}")
        if self.temperature < 0:
            raise ValueError(f"SamplingParams.temperature must be >= 0, got {self.temperature}")
        if not 0.0 < self.top_p <= 1.0:
            raise ValueError(f"SamplingParams.top_p must be in (0, 1], got {self.top_p}")
        # Accept any iterable of ints (a JSON list, say) but store a hashable tuple.
        object.__setattr__(self, "stop_token_ids", tuple(int(t) for t in self.stop_token_ids))
        if isinstance(self.stop, str):
            object.__setattr__(self, "stop", (self.stop,))
        object.__setattr__(self, "stop", tuple(self.stop))
        if any(not isinstance(s, str) or not s for s in self.stop):
            raise ValueError(f"SamplingParams.stop must be non-empty strings, got {list(self.stop)!r}")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0


class RowSampler:
    """Sampling settings and random streams for the active rows of a batch."""

    def __init__(
        self,
        temperature: torch.Tensor,  # (B,) float, 0 = greedy row
        top_p: torch.Tensor,  # (B,) float
        generators: list[torch.Generator | None],  # per-row stream, None = use `shared`
        shared: torch.Generator,
    ) -> None:
        self.temperature = temperature
        self.top_p = top_p
        self.generators = generators
        self.shared = shared
        self.device = temperature.device
        self.greedy = temperature == 0  # (B,) bool
        # Host-side flags, computed once per batch composition, so the hot path never syncs to branch.
        temps = temperature.tolist()
        self.all_greedy = all(t == 0 for t in temps)
        self.any_greedy = any(t == 0 for t in temps)
        self.any_top_p = any(p < 1.0 for p in top_p.tolist())
        self._seeded = [g for g in generators if g is not None]
        self._seeded_idx = [i for i, g in enumerate(generators) if g is not None]  # host
        self._seeded_rows = torch.tensor(self._seeded_idx, dtype=torch.long, device=self.device)

    @classmethod
    def from_params(
        cls,
        params: Sequence[SamplingParams],
        device: torch.device | str,
        shared: torch.Generator | None = None,
    ) -> RowSampler:
        """Samplers for rows decoded with `params`; `shared` is the stream of unseeded rows (new if None)."""
        device = torch.device(device)
        temperature = torch.tensor([p.temperature for p in params], dtype=torch.float32, device=device)
        top_p = torch.tensor([p.top_p for p in params], dtype=torch.float32, device=device)
        generators: list[torch.Generator | None] = []
        for p in params:
            if p.seed is None or p.greedy:
                generators.append(None)
            else:
                generators.append(torch.Generator(device=device).manual_seed(p.seed))
        if shared is None:
            shared = shared_generator(device)
        return cls(temperature, top_p, generators, shared)

    def __len__(self) -> int:
        return int(self.temperature.shape[0])

    def select(self, rows: torch.Tensor) -> RowSampler:
        """The sampler for a subset of rows (indices into the current batch, in order)."""
        idx = rows.tolist()
        return RowSampler(
            self.temperature[rows], self.top_p[rows], [self.generators[i] for i in idx], self.shared
        )

    def concat(self, other: RowSampler) -> RowSampler:
        """This batch's rows, then `other`'s (rows joining a running batch); keeps this shared stream."""
        return RowSampler(
            torch.cat([self.temperature, other.temperature]),
            torch.cat([self.top_p, other.top_p]),
            self.generators + other.generators,
            self.shared,
        )

    def probs(self, logits: torch.Tensor) -> torch.Tensor:
        """Warped next-token distributions. logits (B, T, V) -> probs (B, T, V); greedy rows one-hot."""
        if logits.dtype in (torch.float16, torch.bfloat16):
            logits = logits.float()  # cumulative sums over a 32k vocabulary are meaningless in half precision
        temperature = torch.where(self.greedy, 1.0, self.temperature).to(logits.dtype)
        scores = logits / temperature[:, None, None]
        if self.any_top_p:
            scores = _top_p_filter(scores, self.top_p)
        probs = scores.softmax(-1)
        if self.any_greedy:
            one_hot = torch.zeros_like(probs).scatter_(-1, logits.argmax(-1, keepdim=True), 1.0)
            probs = torch.where(self.greedy[:, None, None], one_hot, probs)
        return probs

    def uniform(
        self, n: int, dtype: torch.dtype = torch.float32, counts: list[int] | None = None
    ) -> torch.Tensor:
        """(B, n) uniforms in [0, 1), each row from its own stream.

        counts (host, (B,)): a seeded row i draws only counts[i] <= n values (the rest of its
        row is padding), so what it draws depends on its own needs, not on its neighbours'.
        """
        u = torch.rand((len(self), n), generator=self.shared, device=self.device, dtype=dtype)
        if self._seeded:
            # One small draw per seeded row: a per-request seed needs a per-request stream.
            draws = []
            for i, g in zip(self._seeded_idx, self._seeded, strict=True):
                m = n if counts is None else counts[i]
                draw = torch.rand(m, generator=g, device=self.device, dtype=dtype)
                draws.append(draw if m == n else torch.cat([draw, draw.new_ones(n - m)]))
            u[self._seeded_rows] = torch.stack(draws)
        return u

    def sample(self, probs: torch.Tensor) -> torch.Tensor:
        """One token from each distribution by inverse CDF. probs (B, T, V) -> tokens (B, T)."""
        cdf = probs.cumsum(-1)  # (B, T, V)
        u = self.uniform(probs.shape[1], dtype=probs.dtype)  # (B, T)
        # right=True never lands on a zero-probability token (its cdf step is flat).
        x = (u * cdf[..., -1]).unsqueeze(-1)
        tokens = torch.searchsorted(cdf, x, right=True).squeeze(-1)
        return tokens.clamp_(max=probs.shape[-1] - 1)


def shared_generator(device: torch.device | str) -> torch.Generator:
    """The stream of unseeded rows, seeded from the global RNG: reproducible under torch.manual_seed."""
    shared_seed = int(torch.randint(0, 2**62, (1,)).item())
    return torch.Generator(device=torch.device(device)).manual_seed(shared_seed)


def _top_p_filter(scores: torch.Tensor, top_p: torch.Tensor) -> torch.Tensor:
    """Hugging Face's TopPLogitsWarper with a per-row top_p; rows with top_p == 1 are untouched."""
    sorted_scores, sorted_idx = scores.sort(-1, descending=False)
    cum = sorted_scores.softmax(-1).cumsum(-1)  # (B, T, V), ascending
    threshold = torch.where(top_p < 1.0, 1.0 - top_p, -1.0).to(cum.dtype)  # -1: remove nothing
    remove_sorted = cum <= threshold[:, None, None]
    remove_sorted[..., -1] = False  # always keep the most likely token
    remove = remove_sorted.scatter(-1, sorted_idx, remove_sorted)
    return scores.masked_fill(remove, float("-inf"))
