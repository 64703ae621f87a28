"""The adaptive policy speculates when it pays and decodes plainly when it does not."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator

import pytest
import torch
from transformers import PreTrainedModel

from models.drafts.lookup import PromptLookupProposer
from models.engine.adaptive import AdaptiveConfig, AdaptiveK
from models.engine.proposer import Proposal
from models.engine.sampling import RowSampler
from models.engine.speculative import SamplingParams, SpecDecoder
from tests.factories import tiny_llama


@pytest.fixture(autouse=True, scope="module")
def _one_thread() -> Iterator[None]:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def simulate(
    alpha: float,
    verify: tuple[float, float],
    draft: tuple[float, float],
    batch: int,
    steps: int = 300,
    config: AdaptiveConfig | None = None,
    verify_fn: Callable[[int, int], float] | None = None,
) -> tuple[AdaptiveK, list[int]]:
    """Drive the policy with a synthetic workload: geometric acceptance and linear step costs
    (or ``verify_fn(batch, k)`` seconds per target step)."""
    rng = random.Random(0)
    policy = AdaptiveK(config)
    chosen = []
    for _ in range(steps):
        k = policy.choose(batch)
        chosen.append(k)
        accepted = rejections = 0
        for _row in range(batch):
            n = 0
            while n < k and rng.random() < alpha:
                n += 1
            accepted += n
            rejections += n < k
        a, b = verify
        c, d = draft
        noise = 1.0 + 0.05 * (rng.random() - 0.5)
        target = verify_fn(batch, k) if verify_fn is not None else a + b * batch * (k + 1)
        policy.observe(k, batch, accepted, rejections, k * (c + d * batch) * noise, target * noise)
    return policy, chosen


def mode(values: list[int]) -> int:
    return max(set(values), key=values.count)


def test_speculates_long_when_verification_is_cheap_and_the_draft_agrees() -> None:
    # Overhead-bound target (GPU-like at batch 1): scoring 5 tokens costs about as much as 1.
    policy, chosen = simulate(alpha=0.85, verify=(0.010, 0.0002), draft=(0.0008, 0.00001), batch=1)
    assert abs(policy.acceptance - 0.85) < 0.05
    assert mode(chosen[50:]) >= 5


def test_falls_back_to_plain_decoding_at_large_batch() -> None:
    # Compute-bound target: the cost of a step grows with the tokens it scores.
    costs = {"verify": (0.004, 0.0005), "draft": (0.0005, 0.0001)}
    _, small = simulate(alpha=0.7, batch=1, **costs)  # type: ignore[arg-type]
    _, large = simulate(alpha=0.7, batch=64, **costs)  # type: ignore[arg-type]
    assert mode(small[50:]) >= 2
    assert mode(large[50:]) == 0
    # It still probes speculation now and then, so a better draft would be noticed.
    assert 0 < sum(k > 0 for k in large[50:]) < 0.1 * len(large[50:])


def test_falls_back_to_plain_decoding_with_a_poor_draft() -> None:
    _, chosen = simulate(alpha=0.05, verify=(0.010, 0.0005), draft=(0.002, 0.0), batch=4)
    assert mode(chosen[50:]) == 0


def test_expected_tokens_and_best_k_follow_the_model() -> None:
    policy = AdaptiveK(AdaptiveConfig(max_k=6))
    policy.accepted, policy.rejected = 8e6, 2e6  # alpha = 0.8
    assert policy.expected_tokens(0) == pytest.approx(1.0)
    assert policy.expected_tokens(2) == pytest.approx(1 + 0.8 + 0.64, rel=1e-4)
    for k in (0, 4, 2):  # t_verify = 0.01 + 0.0002 * tokens, 1 ms per draft forward
        policy.observe(k, 1, 0, 0, draft_seconds=0.001 * k, verify_seconds=0.01 + 0.0002 * (k + 1))
    policy.accepted, policy.rejected = 8e6, 2e6  # observe() counted rejections: alpha = 0.8 again
    assert policy.step_seconds(1, 0) == pytest.approx(0.0102)
    assert policy.step_seconds(1, 3) == pytest.approx(0.0108 + 0.003)
    best = policy.best_k(1)
    rates = {k: policy.rate(1, k) or 0.0 for k in range(7)}
    assert best == max(rates, key=lambda k: rates[k])


def test_plain_steps_are_timed_apart_from_speculative_ones() -> None:
    """A CPU: one token per row is a matrix-vector product, two or more a matrix product that costs
    1.5-2x (SmolLM2-135M, `bench.real --step-costs`: 64 ms, then 113 ms for 2 tokens, 125 ms for
    5). With 0.3 acceptance no k pays; a line through plain and speculative steps says k = 1 would."""

    def cpu(batch: int, k: int) -> float:
        return 0.072 if k == 0 else 0.106 + 0.0035 * (k - 1)

    _, chosen = simulate(alpha=0.3, verify=(0.0, 0.0), draft=(0.0, 0.0), batch=1, verify_fn=cpu)
    assert mode(chosen[50:]) == 0
    assert sum(k > 0 for k in chosen[50:]) < 0.15 * len(chosen[50:])  # probes only
    # The same costs with a draft that is nearly always right: speculating pays, and it does.
    _, good = simulate(alpha=0.9, verify=(0.0, 0.0), draft=(0.0, 0.0), batch=1, verify_fn=cpu)
    assert mode(good[50:]) >= 4


def test_before_any_measurement_it_uses_the_initial_k_then_probes_plain() -> None:
    policy = AdaptiveK(AdaptiveConfig(initial_k=3))
    assert policy.choose(2) == 3
    policy.observe(3, 2, accepted=4, rejections=1, draft_seconds=0.003, verify_seconds=0.01)
    assert policy.choose(2) == 0  # one step size seen: measure the other


def test_bad_config_is_rejected() -> None:
    with pytest.raises(ValueError, match="initial_k"):
        AdaptiveConfig(max_k=2, initial_k=4)
    with pytest.raises(ValueError, match="decay"):
        AdaptiveConfig(decay=0.0)


class _SlowLookup(PromptLookupProposer):
    """A proposer that costs far more than the target step it tries to save."""

    def propose(self, k: int, sampler: RowSampler) -> Proposal:
        time.sleep(0.02 * k)
        return super().propose(k, sampler)


def _tiny_llama() -> PreTrainedModel:
    return tiny_llama(0, 61, layers=1, max_positions=512)


def test_engine_with_auto_k_stops_speculating_when_the_draft_is_too_slow() -> None:
    target = _tiny_llama()
    prompts = [[1, 2, 3, 4], [5, 6, 7]]
    expected = [
        o.token_ids for o in SpecDecoder(target, None).generate(prompts, SamplingParams(max_new_tokens=80))
    ]
    dec = SpecDecoder(target, _SlowLookup(), k="auto")
    outs = dec.generate(prompts, SamplingParams(max_new_tokens=80))
    assert [o.token_ids for o in outs] == expected
    stats = outs[0].stats
    # Most steps end up plain: far fewer draft tokens than k_max per step.
    assert stats.drafted_tokens < 0.5 * stats.steps


def test_one_policy_keeps_separate_costs_per_batch_size() -> None:
    """Bandwidth-bound small batches, compute-bound large ones, interleaved through one policy."""
    rng = random.Random(1)
    policy = AdaptiveK()

    def verify_seconds(batch: int, k: int) -> float:
        tokens = batch * (k + 1)
        return 0.010 + 0.0001 * tokens if batch < 8 else 0.001 * tokens

    chosen: dict[int, list[int]] = {1: [], 64: []}
    for step in range(600):
        batch = 1 if (step // 50) % 2 == 0 else 64
        k = policy.choose(batch)
        chosen[batch].append(k)
        accepted = rejections = 0
        for _row in range(batch):
            n = 0
            while n < k and rng.random() < 0.8:
                n += 1
            accepted += n
            rejections += n < k
        policy.observe(
            k, batch, accepted, rejections, k * 0.0005 * (1 + batch / 16), verify_seconds(batch, k)
        )
    assert mode(chosen[1][100:]) >= 3
    assert mode(chosen[64][100:]) == 0
