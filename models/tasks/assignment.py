"""Which draft serves a (target, task): the online assignment policy (pure, no database).

Metric. Each speculative step costs one target forward pass and yields the accepted
draft tokens plus one token from the target, so *mean accepted tokens per step*
(``accepted / steps``) is what speculation buys per target pass; it is comparable
across drafts that propose different numbers of tokens per step (another k, adaptive
k), where the per-token acceptance rate is not. ``acceptance`` (accepted / drafted)
is available as the alternative metric.

Test. A challenger replaces the incumbent only when it is better by a relative margin
``min_gain`` with one-sided confidence ``confidence`` (Bonferroni-split over the
challengers): z = (m_c - (1 + g) m_i) / se must pass the normal quantile. Only
aggregates are stored per (target, task, draft), so the variance of a step's accepted
count A in [0, k] with mean m uses the largest variance any such distribution can have,
m (k - m) (Bhatia-Davis): conservative, which also offsets that steps of one prompt are
not independent. A pseudo-step at k/2 keeps the variance of an all-or-nothing draft
above zero. For ``acceptance``, the two-proportion z-test over drafted tokens, with
the same +1/+2 (Agresti-Caffo) smoothing.

Exploration. A share ``explore_rate`` of batches goes to a non-assigned candidate,
first to candidates measured on fewer than ``min_prompts`` prompts (a draft registered
midway gets measured at once), else to a uniformly chosen one.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Any, Literal

from specq.acceptance import DraftMeasure

Metric = Literal["mean_accepted", "acceptance"]
METRICS: tuple[str, ...] = ("mean_accepted", "acceptance")


@dataclass(frozen=True)
class PolicyConfig:
    """Knobs of the online policy."""

    explore_rate: float = 0.05  # share of batches sent to a non-assigned candidate
    min_prompts: int = 16  # prompts a draft needs on (target, task) before it is compared
    confidence: float = 0.95  # one-sided, family-wise over the challengers of one decision
    min_gain: float = 0.05  # a challenger must beat the incumbent by this relative margin
    metric: Metric = "mean_accepted"

    def __post_init__(self) -> None:
        if not 0.0 <= self.explore_rate <= 1.0:
            raise ValueError(f"explore_rate must be in [0, 1], got {self.explore_rate}")
        if not 0.5 <= self.confidence < 1.0:
            raise ValueError(f"confidence must be in [0.5, 1), got {self.confidence}")
        if self.min_gain < 0:
            raise ValueError(f"min_gain must be >= 0, got {self.min_gain}")
        if self.min_prompts < 1:
            raise ValueError(f"min_prompts must be >= 1, got {self.min_prompts}")
        if self.metric not in METRICS:
            raise ValueError(f"metric must be one of {', '.join(METRICS)}, got {self.metric!r}")


@dataclass(frozen=True)
class Estimate:
    """A draft's metric with the variance of one observation and the number of observations."""

    value: float  # smoothed metric
    variance: float  # of one observation (a step, or a drafted token)
    n: int  # observations (steps, or drafted tokens)


def estimate(m: DraftMeasure, metric: Metric) -> Estimate:
    """Smoothed metric and per-observation variance (see the module docstring)."""
    if metric == "acceptance":
        p = (m.accepted + 1) / (m.drafted + 2)
        return Estimate(p, p * (1 - p), m.drafted + 2)
    if m.steps <= 0:
        return Estimate(0.0, 0.0, 0)
    k = max(1, math.ceil(m.drafted / m.steps))  # tokens proposed per step (the bound of A)
    mean = (m.accepted + k / 2) / (m.steps + 1)
    return Estimate(mean, max(mean * (k - mean), 0.0), m.steps + 1)


@dataclass(frozen=True)
class Comparison:
    """One-sided test of "challenger beats incumbent by min_gain"."""

    challenger: str
    incumbent: str
    metric: str
    challenger_value: float
    incumbent_value: float
    gain: float  # relative: challenger / incumbent - 1 (inf when the incumbent is at 0)
    z: float
    z_required: float
    significant: bool

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if math.isinf(self.gain):
            d["gain"] = None
        return {k: round(v, 5) if isinstance(v, float) else v for k, v in d.items()}


def compare(
    incumbent: DraftMeasure, challenger: DraftMeasure, config: PolicyConfig, challengers: int = 1
) -> Comparison:
    """Whether ``challenger`` is better than ``incumbent`` by ``config.min_gain``, significantly."""
    inc, cha = estimate(incumbent, config.metric), estimate(challenger, config.metric)
    scale = 1.0 + config.min_gain
    se = math.sqrt(
        (cha.variance / cha.n if cha.n else 0.0) + scale**2 * (inc.variance / inc.n if inc.n else 0.0)
    )
    diff = cha.value - scale * inc.value
    z = diff / se if se > 0 else (math.inf if diff > 0 else -math.inf if diff < 0 else 0.0)
    alpha = (1.0 - config.confidence) / max(1, challengers)
    z_required = NormalDist().inv_cdf(1.0 - alpha)
    gain = cha.value / inc.value - 1.0 if inc.value > 0 else math.inf
    return Comparison(
        challenger=challenger.draft,
        incumbent=incumbent.draft,
        metric=config.metric,
        challenger_value=cha.value,
        incumbent_value=inc.value,
        gain=gain,
        z=z,
        z_required=z_required,
        significant=z >= z_required,
    )


@dataclass(frozen=True)
class Decision:
    """The draft (target, task) should use, and why."""

    target: str
    task: str
    current: str | None
    chosen: str
    reason: str
    evidence: dict[str, Any]

    @property
    def switch(self) -> bool:
        return self.chosen != self.current


def _ready(m: DraftMeasure | None, config: PolicyConfig) -> bool:
    if m is None or m.prompts < config.min_prompts:
        return False
    return m.drafted > 0 if config.metric == "acceptance" else m.steps > 0


def _fmt(value: float, metric: str) -> str:
    return f"{value:.1%} acceptance" if metric == "acceptance" else f"{value:.2f} accepted tokens/step"


def decide(
    target: str,
    task: str,
    current: str | None,
    candidates: Sequence[str],
    measures: Mapping[str, DraftMeasure],
    config: PolicyConfig,
) -> Decision:
    """Keep ``current`` unless a measured candidate is significantly better (see the module docstring).

    ``current`` outside ``candidates`` (a draft removed from the deployment, or None) is
    replaced by the best measured candidate, or the first candidate when none is measured.
    """
    if not candidates:
        raise ValueError(f"no candidate drafts for target {target!r}; the deployment pairs none with it")
    evidence: dict[str, Any] = {
        "metric": config.metric,
        "config": asdict(config),
        "measures": {d: asdict(m) for d, m in sorted(measures.items()) if d in candidates},
    }
    ready = [d for d in candidates if _ready(measures.get(d), config)]

    if current is None or current not in candidates:
        if ready:
            best = max(
                ready, key=lambda d: (estimate(measures[d], config.metric).value, -candidates.index(d))
            )
            value = estimate(measures[best], config.metric).value
            reason = (
                f"{current or 'no draft'} is not a candidate; "
                f"{best} measured best ({_fmt(value, config.metric)})"
            )
        else:
            best = candidates[0]
            reason = f"{current or 'no draft'} is not a candidate and none is measured yet; using {best}"
        return Decision(target, task, current, best, reason, evidence)

    inc = measures.get(current)
    if not _ready(inc, config):
        n = inc.prompts if inc is not None else 0
        reason = f"keeping {current}: measured on {n} prompts, {config.min_prompts} needed to compare"
        return Decision(target, task, current, current, reason, evidence)
    assert inc is not None
    rivals = [d for d in ready if d != current]
    comparisons = [compare(inc, measures[d], config, challengers=len(rivals)) for d in rivals]
    evidence["comparisons"] = [c.as_dict() for c in comparisons]
    winners = [c for c in comparisons if c.significant]
    if not winners:
        reason = (
            f"keeping {current}: no candidate beats it by {config.min_gain:.0%} "
            f"at {config.confidence:.0%} confidence"
        )
        return Decision(target, task, current, current, reason, evidence)
    best_c = max(winners, key=lambda c: (c.challenger_value, c.z))
    gain = "inf" if math.isinf(best_c.gain) else f"{best_c.gain:+.0%}"
    reason = (
        f"{best_c.challenger}: {_fmt(best_c.challenger_value, config.metric)} vs "
        f"{_fmt(best_c.incumbent_value, config.metric)} for {current} ({gain}, "
        f"z={best_c.z:.2f} >= {best_c.z_required:.2f}; {measures[best_c.challenger].prompts} vs "
        f"{inc.prompts} prompts)"
    )
    return Decision(target, task, current, best_c.challenger, reason, evidence)


def best_measured(
    candidates: Sequence[str], measures: Mapping[str, DraftMeasure], metric: Metric = "mean_accepted"
) -> str | None:
    """The candidate with the highest metric (offline assignment: every candidate ran the same prompts)."""
    scored = [(estimate(measures[d], metric).value, -i, d) for i, d in enumerate(candidates) if d in measures]
    return max(scored)[2] if scored else None


def exploration_target(
    assigned: str,
    candidates: Sequence[str],
    measures: Mapping[str, DraftMeasure],
    rng: random.Random,
    config: PolicyConfig,
) -> str | None:
    """The candidate an exploration batch goes to: an under-measured one first, else any other."""
    others = [d for d in candidates if d != assigned]
    if not others:
        return None
    cold = [d for d in others if (measures[d].prompts if d in measures else 0) < config.min_prompts]
    return rng.choice(cold or others)


def pick_draft(
    assigned: str,
    candidates: Sequence[str],
    measures: Mapping[str, DraftMeasure],
    rng: random.Random,
    config: PolicyConfig,
) -> tuple[str, bool]:
    """(draft for the next batch, explored?): the assigned draft, or with ``explore_rate`` another one."""
    if rng.random() >= config.explore_rate:
        return assigned, False
    other = exploration_target(assigned, candidates, measures, rng, config)
    return (assigned, False) if other is None else (other, True)
