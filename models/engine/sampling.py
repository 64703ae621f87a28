"""Per-request sampling settings and their batched form.

`SamplingParams` is what a caller asks for, one per prompt. `RowSampler` is the same
settings for the rows of a running batch as tensors, plus the random streams: every
row with a `seed` owns a `torch.Generator`, unseeded rows share one generator drawn
from torch's global RNG (so `torch.manual_seed` makes a whole run reproducible).

Warping, in this order: the logits processors that look at the row's history
(`repetition_penalty` as Hugging Face applies it, over prompt and output; OpenAI's
`frequency_penalty` and `presence_penalty`, over the output), `logit_bias`; then the
warpers as Hugging Face `generate(do_sample=True)` runs them: temperature, top-k,
top-p (nucleus), min-p. A row with `temperature == 0` is greedy: its "distribution" is
one-hot on the argmax of the processed logits, so the speculative-sampling formulas
reduce to exact greedy verification without a separate code path.

History inside a speculative step: the target scores k draft tokens at once, and the
distribution at draft position j must be the one the row would have after accepting
d_1..d_{j-1}; `probs(logits, prefix)` adds the prefix tokens to the row's counts per
position, so the verified distribution is exactly the sequential one. A draft that
passes its own drafted prefix gets the same warping for its q (higher acceptance);
one that does not stays lossless (its q is still what it sampled from).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import torch


@dataclass(frozen=True)
class SamplingParams:
    """How to decode one prompt."""

    max_new_tokens: int = 64  # new tokens at most, the stop token included; 0: score the prompt only
    temperature: float = 0.0  # 0 = greedy (argmax); > 0 = sample from softmax(logits / temperature)
    top_p: float = 1.0  # nucleus filtering; 1.0 keeps the whole vocabulary
    seed: int | None = None  # per-request torch.Generator seed; None draws from the global RNG
    stop_token_ids: tuple[int, ...] = field(default=())  # extra stop tokens besides the target's eos
    stop: tuple[str, ...] = field(default=())  # stop strings: the row ends where its text first contains one
    top_k: int = 0  # keep the k most likely tokens; 0 keeps all
    min_p: float = 0.0  # drop tokens less likely than min_p x the most likely one; 0 keeps all
    repetition_penalty: float = (
        1.0  # HF/CTRL: logits of tokens in prompt or output divided (>0) or multiplied (<0)
    )
    frequency_penalty: float = 0.0  # OpenAI: logit -= frequency_penalty x the token's count in the output
    presence_penalty: float = 0.0  # OpenAI: logit -= presence_penalty if the token is in the output
    logit_bias: tuple[tuple[int, float], ...] = field(default=())  # (token id, bias) added to the logits
    logprobs: int | None = None  # None: no logprobs; n >= 0: each token's target logprob and the top n
    prompt_logprobs: int | None = None  # the same for the prompt's tokens (OpenAI completions' echo)

    def __post_init__(self) -> None:
        if self.max_new_tokens < 0:
            raise ValueError(f"SamplingParams.max_new_tokens must be >= 0, got {self.max_new_tokens}")
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
        if isinstance(self.top_k, bool) or not isinstance(self.top_k, int) or self.top_k < 0:
            raise ValueError(f"SamplingParams.top_k must be an int >= 0, got {self.top_k!r}")
        if not 0.0 <= self.min_p <= 1.0:
            raise ValueError(f"SamplingParams.min_p must be in [0, 1], got {self.min_p}")
        if not self.repetition_penalty > 0:
            raise ValueError(f"SamplingParams.repetition_penalty must be > 0, got {self.repetition_penalty}")
        for name in ("frequency_penalty", "presence_penalty"):
            if not -2.0 <= getattr(self, name) <= 2.0:
                raise ValueError(f"SamplingParams.{name} must be in [-2, 2], got {getattr(self, name)}")
        items = self.logit_bias.items() if isinstance(self.logit_bias, dict) else self.logit_bias
        bias = tuple(sorted((int(t), float(b)) for t, b in items))
        for t, b in bias:
            if t < 0 or not -100.0 <= b <= 100.0:
                raise ValueError(
                    f"SamplingParams.logit_bias: token {t} bias {b}: ids >= 0, bias in [-100, 100]"
                )
        object.__setattr__(self, "logit_bias", bias)
        for name in ("logprobs", "prompt_logprobs"):
            n = getattr(self, name)
            if n is not None and not 0 <= n <= 20:
                raise ValueError(f"SamplingParams.{name} must be None or in [0, 20], got {n}")

    @property
    def uses_history(self) -> bool:
        """Whether the row's distribution depends on the tokens before it (a penalty is set)."""
        return self.repetition_penalty != 1.0 or self.frequency_penalty != 0.0 or self.presence_penalty != 0.0

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0


class RowSampler:
    """Sampling settings, history and random streams for the active rows of a batch."""

    def __init__(
        self,
        params: Sequence[SamplingParams],
        generators: list[torch.Generator | None],  # per-row stream, None = use `shared`
        shared: torch.Generator,
        device: torch.device,
        vocab_size: int | None = None,  # needed for logit_bias and penalties
        counts: torch.Tensor | None = None,  # (B, V) output token counts (penalties)
        seen: torch.Tensor | None = None,  # (B, V) bool, token in prompt or output (repetition penalty)
    ) -> None:
        self.params = list(params)
        self.generators = generators
        self.shared = shared
        self.device = device
        self.vocab_size = vocab_size

        def column(name: str, dtype: torch.dtype = torch.float32) -> torch.Tensor:
            return torch.tensor([getattr(p, name) for p in self.params], dtype=dtype, device=device)

        self.temperature = column("temperature")  # (B,)
        self.top_p = column("top_p")
        self.top_k = column("top_k", torch.long)
        self.min_p = column("min_p")
        self.repetition = column("repetition_penalty")
        self.frequency = column("frequency_penalty")
        self.presence = column("presence_penalty")
        self.greedy = self.temperature == 0  # (B,) bool
        # Host-side flags, computed once per batch composition, so the hot path never syncs to branch.
        self.all_greedy = all(p.greedy for p in self.params)
        self.any_greedy = any(p.greedy for p in self.params)
        self.any_top_p = any(p.top_p < 1.0 for p in self.params)
        self.any_top_k = any(p.top_k > 0 for p in self.params)
        self.any_min_p = any(p.min_p > 0 for p in self.params)
        self.any_history = any(p.uses_history for p in self.params)
        self.any_bias = any(p.logit_bias for p in self.params)
        self.bias: torch.Tensor | None = None
        if (self.any_bias or self.any_history) and vocab_size is None:
            raise ValueError("RowSampler needs vocab_size for logit_bias and penalties")
        if self.any_bias:
            assert vocab_size is not None
            self.bias = torch.zeros((len(self.params), vocab_size), dtype=torch.float32, device=device)
            for i, p in enumerate(self.params):
                for t, b in p.logit_bias:
                    if t >= vocab_size:
                        raise ValueError(f"logit_bias token {t} is outside the vocabulary [0, {vocab_size})")
                    self.bias[i, t] = b
        self.counts = counts
        self.seen = seen
        if self.any_history and (counts is None or seen is None):
            assert vocab_size is not None
            self.counts = torch.zeros((len(self.params), vocab_size), dtype=torch.float32, device=device)
            self.seen = torch.zeros((len(self.params), vocab_size), dtype=torch.bool, device=device)
        self._seeded = [g for g in generators if g is not None]
        self._seeded_idx = [i for i, g in enumerate(generators) if g is not None]  # host
        self._seeded_rows = torch.tensor(self._seeded_idx, dtype=torch.long, device=self.device)

    @classmethod
    def from_params(
        cls,
        params: Sequence[SamplingParams],
        device: torch.device | str,
        shared: torch.Generator | None = None,
        vocab_size: int | None = None,
        prompts: Sequence[Sequence[int]] | None = None,
    ) -> RowSampler:
        """Samplers for rows decoded with `params`; `shared` is the stream of unseeded rows (new if None).

        vocab_size and the prompts are needed when a row has logit_bias or a penalty (the
        repetition penalty counts the prompt's tokens as seen)."""
        device = torch.device(device)
        generators: list[torch.Generator | None] = []
        for p in params:
            if p.seed is None or p.greedy:
                generators.append(None)
            else:
                generators.append(torch.Generator(device=device).manual_seed(p.seed))
        if shared is None:
            shared = shared_generator(device)
        sampler = cls(params, generators, shared, device, vocab_size)
        if sampler.seen is not None:
            if prompts is None:
                raise ValueError("RowSampler.from_params needs the prompts when a row has a penalty")
            for i, prompt in enumerate(prompts):
                sampler.seen[i, torch.tensor(list(prompt), dtype=torch.long, device=device)] = True
        return sampler

    def __len__(self) -> int:
        return len(self.params)

    def select(self, rows: torch.Tensor, host_rows: list[int] | None = None) -> RowSampler:
        """The sampler for a subset of rows (indices into the current batch, in order; their host
        copy `host_rows` saves a device sync)."""
        idx = rows.tolist() if host_rows is None else host_rows
        return RowSampler(
            [self.params[i] for i in idx],
            [self.generators[i] for i in idx],
            self.shared,
            self.device,
            self.vocab_size,
            None if self.counts is None else self.counts[rows],
            None if self.seen is None else self.seen[rows],
        )

    def concat(self, other: RowSampler) -> RowSampler:
        """This batch's rows, then `other`'s (rows joining a running batch); keeps this shared stream."""
        counts = seen = None
        if self.counts is not None or other.counts is not None:
            mine, theirs = self._history(), other._history()
            counts, seen = torch.cat([mine[0], theirs[0]]), torch.cat([mine[1], theirs[1]])
        return RowSampler(
            self.params + other.params,
            self.generators + other.generators,
            self.shared,
            self.device,
            self.vocab_size or other.vocab_size,
            counts,
            seen,
        )

    def _history(self) -> tuple[torch.Tensor, torch.Tensor]:
        if self.counts is not None and self.seen is not None:
            return self.counts, self.seen
        assert self.vocab_size is not None
        size = (len(self), self.vocab_size)
        return (
            torch.zeros(size, dtype=torch.float32, device=self.device),
            torch.zeros(size, dtype=torch.bool, device=self.device),
        )

    def observe(self, tokens: torch.Tensor, count: torch.Tensor) -> None:
        """The rows emitted tokens[i, :count[i]] (tokens (B, T), count (B,)): add them to the history."""
        if self.counts is None or self.seen is None:
            return
        emitted = torch.arange(tokens.shape[1], device=tokens.device)[None, :] < count[:, None]
        self.counts.scatter_add_(1, tokens, emitted.to(self.counts.dtype))
        self.seen.scatter_(1, tokens, emitted | self.seen.gather(1, tokens))

    def process(self, logits: torch.Tensor, prefix: torch.Tensor | None = None) -> torch.Tensor:
        """Logits (B, T, V) after the penalties and logit_bias; the unchanged tensor when no row has any.

        prefix (B, P), P >= T-1: tokens drafted after the row's history; position t sees the first
        P - (T-1) + t of them (verification: P = k, T = k+1; a draft's j-th step: P = j, T = 1)."""
        if not (self.any_history or self.any_bias):
            return logits
        scores = logits.float() if logits.dtype in (torch.float16, torch.bfloat16) else logits.clone()
        if self.any_history:
            assert self.counts is not None and self.seen is not None
            counts = self.counts.to(scores.dtype)[:, None, :].expand(-1, scores.shape[1], -1)  # (B, T, V)
            if prefix is not None and prefix.shape[1]:
                width = scores.shape[1]
                one_hot = torch.zeros(
                    (*prefix.shape, scores.shape[-1]), dtype=scores.dtype, device=scores.device
                ).scatter_(-1, prefix[..., None], 1.0)
                # so_far[:, m]: counts of prefix[:, :m]; position t sees the first P - (T-1) + t.
                so_far = torch.cat([torch.zeros_like(one_hot[:, :1]), one_hot.cumsum(1)], dim=1)
                base = prefix.shape[1] - (width - 1)
                counts = counts + so_far[:, base : base + width]
            seen = self.seen[:, None, :] | (counts > 0)
            rep = self.repetition.to(scores.dtype)[:, None, None]
            penalised = torch.where(scores < 0, scores * rep, scores / rep)
            scores = torch.where(seen, penalised, scores)
            scores = scores - self.frequency.to(scores.dtype)[:, None, None] * counts
            scores = scores - self.presence.to(scores.dtype)[:, None, None] * (counts > 0).to(scores.dtype)
        if self.bias is not None:
            scores = scores + self.bias.to(scores.dtype)[:, None, :]
        return scores

    def probs(self, logits: torch.Tensor, prefix: torch.Tensor | None = None) -> torch.Tensor:
        """Warped next-token distributions. logits (B, T, V) -> probs (B, T, V); greedy rows one-hot.

        prefix: see `process`."""
        if logits.dtype in (torch.float16, torch.bfloat16):
            logits = logits.float()  # cumulative sums over a 32k vocabulary are meaningless in half precision
        logits = self.process(logits, prefix)
        temperature = torch.where(self.greedy, 1.0, self.temperature).to(logits.dtype)
        scores = logits / temperature[:, None, None]
        if self.any_top_k:
            scores = _top_k_filter(scores, self.top_k)
        if self.any_top_p:
            scores = _top_p_filter(scores, self.top_p)
        if self.any_min_p:
            scores = _min_p_filter(scores, self.min_p)
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


def _top_k_filter(scores: torch.Tensor, top_k: torch.Tensor) -> torch.Tensor:
    """Hugging Face's TopKLogitsWarper with a per-row k (0 = off): ties with the k-th score are kept."""
    k_max = int(min(int(top_k.max()), scores.shape[-1]))  # host sync, once per warp
    kth = scores.topk(k_max, dim=-1).values  # (B, T, k_max)
    idx = (top_k.clamp(min=1, max=k_max) - 1)[:, None, None].expand(-1, scores.shape[1], 1)
    threshold = kth.gather(-1, idx)  # (B, T, 1)
    remove = (scores < threshold) & (top_k > 0)[:, None, None]
    return scores.masked_fill(remove, float("-inf"))


def _min_p_filter(scores: torch.Tensor, min_p: torch.Tensor) -> torch.Tensor:
    """Hugging Face's MinPLogitsWarper with a per-row min_p (0 = off): the most likely token always stays."""
    probs = scores.softmax(-1)
    top = probs.amax(-1, keepdim=True)
    remove = probs < min_p.to(probs.dtype)[:, None, None] * top
    return scores.masked_fill(remove, float("-inf"))


def _top_p_filter(scores: torch.Tensor, top_p: torch.Tensor) -> torch.Tensor:
    """Hugging Face's TopPLogitsWarper with a per-row top_p; rows with top_p == 1 are untouched."""
    sorted_scores, sorted_idx = scores.sort(-1, descending=False)
    cum = sorted_scores.softmax(-1).cumsum(-1)  # (B, T, V), ascending
    threshold = torch.where(top_p < 1.0, 1.0 - top_p, -1.0).to(cum.dtype)  # -1: remove nothing
    remove_sorted = cum <= threshold[:, None, None]
    remove_sorted[..., -1] = False  # always keep the most likely token
    remove = remove_sorted.scatter(-1, sorted_idx, remove_sorted)
    return scores.masked_fill(remove, float("-inf"))
