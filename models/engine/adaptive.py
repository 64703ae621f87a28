"""Adaptive speculation length: pick k for the next step from what has been measured.

Model (Leviathan et al., 2023): with per-token acceptance rate alpha, a step that
drafts k tokens yields E(k) = 1 + alpha + ... + alpha^k tokens per row and costs
t_draft(B, k) + t_verify(B, k). The policy picks the k in 0..max_k that maximises
E(k) / cost(k); k = 0 is plain decoding, chosen when speculation does not pay (a poor
draft, or a large batch where verifying B*(k+1) tokens costs (k+1) times one token).

Everything is measured online, per policy object (one per target/draft pairing, kept
across batches), with exponential forgetting so the estimates follow the workload:

- alpha: accepted draft tokens over accepted tokens plus rejections (a row that
  accepts n < k tokens saw one rejection), a Beta(1, 1) prior.
- t_verify(B, k) = a + b * B * (k + 1): a straight-line fit of the target's step time
  against the number of tokens it scores, over speculative steps (k >= 1);
- t_plain(B): the target's step time over plain steps (k = 0), fitted on its own: on a
  CPU, scoring one token per row runs matrix-vector products and scoring two runs a matrix
  product, which costs 1.8x as much (SmolLM2-135M, one thread, `bench.real --step-costs`:
  64 ms, then 113 ms for 2 tokens, 125 ms for 5), so a line through both kinds of step
  underestimates what k = 1 costs and overestimates what plain costs;
- t_draft(B, k) = k * (c + d * B): a fit of the draft's time per forward against B.

The fits are kept per batch-size bucket (1, 2-3, 4-7, 8-15, ...): step time is far
from linear across batch sizes (a CPU scoring 8 tokens is bandwidth-bound, scoring
256 is compute-bound), but close to linear in k >= 1 at a given size. While the
speculative steps of a bucket have all had the same k, the slope in k comes from a line
through every step (plain ones included), anchored at the speculative steps' mean. The
fits need steps of different sizes, so the first steps in a bucket alternate speculative
and plain, and every `probe_every` steps the policy tries the alternative: k = 0 while
speculating, the last useful k while plain.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdaptiveConfig:
    """Knobs of the adaptive policy."""

    max_k: int = 8  # longest draft considered
    initial_k: int = 4  # k used until the first measurements arrive
    decay: float = 0.97  # per-step forgetting factor of every running estimate
    probe_every: int = 16  # steps between probes of the alternative (plain vs speculative)
    min_gain: float = 1.03  # speculation must beat plain decoding by this factor (noise margin)

    def __post_init__(self) -> None:
        if not 1 <= self.initial_k <= self.max_k:
            raise ValueError(
                f"AdaptiveConfig needs 1 <= initial_k <= max_k, got {self.initial_k}, {self.max_k}"
            )
        if not 0.0 < self.decay <= 1.0:
            raise ValueError(f"AdaptiveConfig.decay must be in (0, 1], got {self.decay}")


class _LineFit:
    """Weighted least squares y = a + b x with exponential forgetting."""

    def __init__(self, decay: float) -> None:
        self.decay = decay
        self.w = self.sx = self.sy = self.sxx = self.sxy = 0.0

    def add(self, x: float, y: float) -> None:
        d = self.decay
        self.w = d * self.w + 1.0
        self.sx = d * self.sx + x
        self.sy = d * self.sy + y
        self.sxx = d * self.sxx + x * x
        self.sxy = d * self.sxy + x * y

    @property
    def empty(self) -> bool:
        return self.w == 0.0

    @property
    def flat(self) -> bool:
        """Whether every point seen had the same x (no slope to fit)."""
        mx = self.sx / self.w
        return self.sxx / self.w - mx * mx <= 1e-9 * max(mx * mx, 1.0)

    def coefficients(self, through_origin_if_flat: bool) -> tuple[float, float]:
        """(a, b), both >= 0. With no spread in x: a line through the origin, or a constant."""
        mx, my = self.sx / self.w, self.sy / self.w
        if self.flat:
            return (0.0, my / mx) if (through_origin_if_flat and mx > 0) else (my, 0.0)
        var = self.sxx / self.w - mx * mx
        b = max((self.sxy / self.w - mx * my) / var, 0.0)
        a = max(my - b * mx, 0.0)
        return a, b


def _clip(seconds: float, fit: _LineFit, x: float) -> float:
    """Cap a timing at 2x the fit's prediction: a step the OS preempted must not swing the choice."""
    if fit.w < 4.0:
        return seconds
    a, b = fit.coefficients(through_origin_if_flat=False)
    predicted = a + b * x
    return min(seconds, 2.0 * predicted) if predicted > 0 else seconds


def batch_bucket(batch_size: int) -> int:
    """Batch sizes that share cost estimates: 1, 2-3, 4-7, 8-15, ... (the bit length)."""
    return max(batch_size, 1).bit_length()


@dataclass
class _Costs:
    """Step-cost fits for one batch-size bucket."""

    verify: _LineFit  # speculative steps (k >= 1): target step seconds vs tokens scored, B * (k + 1)
    draft: _LineFit  # draft seconds per forward vs B
    plain: _LineFit  # plain steps (k = 0): target step seconds vs B
    steps: _LineFit  # every step: target step seconds vs tokens scored (the slope while verify is flat)


class AdaptiveK:
    """Chooses the speculation length of each engine step from measured acceptance and cost."""

    def __init__(self, config: AdaptiveConfig | None = None) -> None:
        self.config = config or AdaptiveConfig()
        self.accepted = 0.0  # forgotten-weighted accepted draft tokens
        self.rejected = 0.0  # forgotten-weighted rejections
        self.costs: dict[int, _Costs] = {}  # by batch_bucket(B)
        self.steps = 0
        self.last_useful_k = self.config.initial_k
        self.last_k = 0

    @property
    def acceptance(self) -> float:
        """Estimated probability that a draft token is accepted."""
        return (self.accepted + 1.0) / (self.accepted + self.rejected + 2.0)

    def expected_tokens(self, k: int) -> float:
        """Expected tokens per row from a step drafting k tokens (accepted + correction/bonus)."""
        a = min(self.acceptance, 1.0 - 1e-9)
        return (1.0 - a ** (k + 1)) / (1.0 - a)

    def bucket_costs(self, batch_size: int) -> _Costs:
        """The cost fits of batch_size's bucket (created empty on first use)."""
        bucket = batch_bucket(batch_size)
        if bucket not in self.costs:
            d = self.config.decay
            self.costs[bucket] = _Costs(_LineFit(d), _LineFit(d), _LineFit(d), _LineFit(d))
        return self.costs[bucket]

    def step_seconds(self, batch_size: int, k: int) -> float | None:
        """Predicted wall time of one step; None until there is something to predict from."""
        costs = self.costs.get(batch_bucket(batch_size))
        if costs is None or costs.steps.empty or (k > 0 and costs.draft.empty):
            return None
        tokens = batch_size * (k + 1)
        if k == 0 and not costs.plain.empty:
            a, b = costs.plain.coefficients(through_origin_if_flat=True)
            return a + b * batch_size
        a, b = costs.steps.coefficients(through_origin_if_flat=True)
        seconds = a + b * tokens  # no step of this kind yet: the line through every step
        if k > 0 and not costs.verify.empty:
            if costs.verify.flat:
                # One k seen so far: its measured time, and the slope of the line through every step.
                slope = 0.0 if costs.steps.flat else b
                w = costs.verify.w
                seconds = costs.verify.sy / w + slope * (tokens - costs.verify.sx / w)
            else:
                a, b = costs.verify.coefficients(through_origin_if_flat=True)
                seconds = a + b * tokens
        if k > 0:
            c, d = costs.draft.coefficients(through_origin_if_flat=False)
            seconds += k * (c + d * batch_size)
        return max(seconds, 0.0)

    def rate(self, batch_size: int, k: int) -> float | None:
        """Predicted tokens per second per row at this k."""
        seconds = self.step_seconds(batch_size, k)
        return None if not seconds else self.expected_tokens(k) / seconds

    def best_k(self, batch_size: int) -> int:
        """The k with the highest predicted rate; 0 unless speculation beats plain by min_gain."""
        plain = self.rate(batch_size, 0)
        if plain is None:
            return self.last_useful_k
        best_k, best = 0, plain * self.config.min_gain
        for k in range(1, self.config.max_k + 1):
            r = self.rate(batch_size, k)
            if r is None:
                return self.last_useful_k
            if r > best:
                best_k, best = k, r
        return best_k

    def choose(self, batch_size: int) -> int:
        """k for the next step of a batch of batch_size rows."""
        self.steps += 1
        costs = self.bucket_costs(batch_size)
        if costs.steps.empty:
            k = self.last_useful_k  # a batch size not seen yet: start from what worked elsewhere
        elif costs.plain.empty or costs.verify.empty:
            # One step size seen in this bucket: try the other kind of step to be able to compare them.
            k = 0 if self.last_k > 0 else self.last_useful_k
        else:
            k = self.best_k(batch_size)
            if self.steps % self.config.probe_every == 0:
                k = self.last_useful_k if k == 0 else 0  # keep both fits and alpha current
            elif k > 0:
                self.last_useful_k = k
        self.last_k = k
        return k

    def observe(
        self,
        k: int,
        batch_size: int,
        accepted: int,
        rejections: int,
        draft_seconds: float,
        verify_seconds: float,
    ) -> None:
        """Record one engine step: k drafted per row, total accepted, rows that hit a rejection, timings."""
        d = self.config.decay
        costs = self.bucket_costs(batch_size)
        if k > 0:
            self.accepted = d * self.accepted + accepted
            self.rejected = d * self.rejected + rejections
            costs.draft.add(float(batch_size), _clip(draft_seconds / k, costs.draft, float(batch_size)))
        tokens = float(batch_size * (k + 1))
        own = costs.verify if k > 0 else costs.plain
        x = tokens if k > 0 else float(batch_size)
        seconds = _clip(verify_seconds, own, x)
        own.add(x, seconds)
        costs.steps.add(tokens, seconds)
        logger.debug(
            "adaptive k: k=%d B=%d accepted=%d rejections=%d draft=%.4fs verify=%.4fs alpha=%.3f",
            k,
            batch_size,
            accepted,
            rejections,
            draft_seconds,
            verify_seconds,
            self.acceptance,
        )
