"""The online assignment policy (models/tasks/assignment.py): tests, decisions, exploration."""

from __future__ import annotations

import random

import pytest

from models.tasks.assignment import (
    DraftMeasure,
    PolicyConfig,
    best_measured,
    compare,
    decide,
    estimate,
    exploration_target,
    pick_draft,
)

CONFIG = PolicyConfig(explore_rate=0.1, min_prompts=10, confidence=0.95, min_gain=0.05)


def measure(
    draft: str, alpha: float, prompts: int, rng: random.Random, k: int = 4, steps_per_prompt: int = 20
) -> DraftMeasure:
    """Aggregates of ``prompts`` prompts decoded with i.i.d. per-token acceptance ``alpha``."""
    accepted = 0
    steps = prompts * steps_per_prompt
    for _ in range(steps):
        n = 0
        while n < k and rng.random() < alpha:
            n += 1
        accepted += n
    return DraftMeasure(draft, prompts, steps * k, accepted, steps)


def test_estimate_is_smoothed_and_bounded() -> None:
    m = DraftMeasure("d", prompts=10, drafted=400, accepted=400, steps=100)  # every token accepted
    e = estimate(m, "mean_accepted")
    assert 3.9 < e.value < 4.0 and e.variance > 0 and e.n == 101
    p = estimate(m, "acceptance")
    assert p.value == pytest.approx(401 / 402) and p.variance > 0
    assert estimate(DraftMeasure("d", 0, 0, 0, 0), "mean_accepted").n == 0


def test_clear_improvement_is_significant_small_or_equal_ones_are_not() -> None:
    rng = random.Random(0)
    base = measure("general", 0.5, 40, rng)
    better = measure("aligned", 0.75, 40, rng)
    same = measure("twin", 0.5, 40, rng)
    assert compare(base, better, CONFIG).significant
    assert not compare(base, same, CONFIG).significant
    # A real but tiny gain (below min_gain) is not worth a switch.
    slightly = measure("slight", 0.51, 400, rng)
    assert not compare(base, slightly, CONFIG).significant
    # Few observations: the same gain is not yet evidence.
    few = DraftMeasure("aligned", 12, 8, 6, 2)
    assert not compare(base, few, CONFIG).significant


def test_decide_keeps_an_undermeasured_incumbent() -> None:
    rng = random.Random(1)
    measures = {"general": measure("general", 0.5, 5, rng), "aligned": measure("aligned", 0.9, 40, rng)}
    d = decide("t", "qa", "general", ["general", "aligned"], measures, CONFIG)
    assert not d.switch and "5 prompts" in d.reason


def test_decide_switches_to_the_best_significant_challenger_with_evidence() -> None:
    rng = random.Random(2)
    measures = {
        "general": measure("general", 0.5, 60, rng),
        "aligned": measure("aligned", 0.8, 30, rng),
        "lookup": measure("lookup", 0.65, 30, rng),
        "cold": measure("cold", 0.95, 3, rng),  # too few prompts to count
    }
    d = decide("t", "qa", "general", ["general", "aligned", "lookup", "cold"], measures, CONFIG)
    assert d.switch and d.chosen == "aligned" and d.current == "general"
    assert "aligned" in d.reason and "general" in d.reason and "z=" in d.reason
    compared = {c["challenger"]: c for c in d.evidence["comparisons"]}
    assert set(compared) == {"aligned", "lookup"}
    assert compared["aligned"]["significant"] and compared["aligned"]["gain"] > 0.3
    assert d.evidence["measures"]["cold"]["prompts"] == 3
    assert d.evidence["config"]["min_gain"] == CONFIG.min_gain


def test_decide_replaces_a_draft_that_is_no_longer_a_candidate() -> None:
    rng = random.Random(3)
    measures = {"a": measure("a", 0.4, 20, rng), "b": measure("b", 0.7, 20, rng)}
    assert decide("t", "x", "gone", ["a", "b"], measures, CONFIG).chosen == "b"
    assert decide("t", "x", None, ["a", "b"], {}, CONFIG).chosen == "a"
    with pytest.raises(ValueError, match="no candidate drafts"):
        decide("t", "x", "a", [], measures, CONFIG)


def test_acceptance_metric_uses_the_two_proportion_test() -> None:
    config = PolicyConfig(metric="acceptance", min_prompts=10)
    a = DraftMeasure("a", 50, drafted=2000, accepted=1000, steps=500)
    b = DraftMeasure("b", 50, drafted=2000, accepted=1300, steps=500)
    c = compare(a, b, config)
    assert c.significant and c.challenger_value == pytest.approx(1301 / 2002)
    assert decide("t", "x", "a", ["a", "b"], {"a": a, "b": b}, config).chosen == "b"


def test_false_switches_are_rare_between_equal_drafts() -> None:
    """With equal drafts, the decision rule almost never switches (confidence 0.95 plus a 5% margin)."""
    rng = random.Random(4)
    switches = 0
    trials = 300
    for _ in range(trials):
        measures = {d: measure(d, 0.6, 20, rng, steps_per_prompt=5) for d in ("a", "b", "c")}
        switches += decide("t", "x", "a", ["a", "b", "c"], measures, CONFIG).switch
    assert switches / trials < 0.02


def test_policy_config_is_validated() -> None:
    with pytest.raises(ValueError, match="explore_rate"):
        PolicyConfig(explore_rate=1.5)
    with pytest.raises(ValueError, match="metric"):
        PolicyConfig(metric="speed")  # type: ignore[arg-type]


def test_exploration_share_and_cold_candidates_first() -> None:
    rng = random.Random(5)
    warm = {d: DraftMeasure(d, 100, 400, 200, 100) for d in ("a", "b", "c")}
    picks = [pick_draft("a", ["a", "b", "c"], warm, rng, CONFIG) for _ in range(5000)]
    explored = [d for d, e in picks if e]
    share = len(explored) / len(picks)
    assert abs(share - CONFIG.explore_rate) < 0.02  # 5000 draws: sd of the share is about 0.004
    assert set(explored) == {"b", "c"} and all(d == "a" for d, e in picks if not e)
    # A candidate measured on fewer than min_prompts prompts gets every exploration batch.
    cold = {**warm, "c": DraftMeasure("c", 2, 8, 4, 2)}
    assert {exploration_target("a", ["a", "b", "c"], cold, rng, CONFIG) for _ in range(50)} == {"c"}
    assert exploration_target("a", ["a"], warm, rng, CONFIG) is None
    never = PolicyConfig(explore_rate=0.0)
    assert all(not pick_draft("a", ["a", "b"], warm, rng, never)[1] for _ in range(200))


def test_best_measured_for_offline_assignment() -> None:
    m = {"a": DraftMeasure("a", 8, 320, 100, 80), "b": DraftMeasure("b", 8, 320, 200, 80)}
    assert best_measured(["a", "b"], m) == "b"
    assert best_measured(["a", "b"], {}) is None
