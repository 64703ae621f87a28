"""Policies built on the cost model: batch size under a memory budget, speculation cost ratios,
the speculation length with the best expected speed-up, and a job's time estimate.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from models.costmodel.arch import ArchSpec, ConfigLike
from models.costmodel.artifact import CostModel, get_cost_model

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


def max_batch_size(
    target_config: ConfigLike,
    draft_config: ConfigLike | None,
    context: int,
    k: int,
    memory_budget_bytes: int,
    cap: int,
    *,
    prompt_tokens: int | None = None,
    dtype: str | Any = "float32",
    include_weights: bool = False,
    cost_model: CostModel | None = None,
) -> int:
    """Largest batch (<= ``cap``) whose KV caches and peak activations fit ``memory_budget_bytes``.

    ``context`` is the longest sequence a row reaches (prompt + new tokens); ``prompt_tokens``
    (default ``context``, the conservative case) sizes the prefill's activations. Weights are
    outside the budget unless ``include_weights`` (``settings.worker_memory_mib`` is a budget
    for KV cache and activations). Predicted activations are scaled by the fitted model's
    ``activation_safety_factor`` (held-out 90th percentile of measured / predicted).
    Returns at least 1, logging a warning when even one row does not fit, so a worker still
    makes progress.
    """
    if cap < 1 or context < 1 or k < 0:
        raise ValueError(f"need cap >= 1, context >= 1, k >= 0; got cap={cap}, context={context}, k={k}")
    cm = cost_model or get_cost_model(calibrate=False)  # memory only: no roofline micro-benchmark
    target = ArchSpec.from_config(target_config)
    draft = ArchSpec.from_config(draft_config) if draft_config is not None else None
    prefill = min(prompt_tokens or context, context)

    safety = float(cm.manifest.get("activation_safety_factor", 1.0))

    def needed(batch: int) -> int:
        # Activations are transient and the draft and target run one after the other: take the max.
        acts = [
            cm.activation_bytes(target, batch, prefill, 0, dtype),
            cm.activation_bytes(target, batch, k + 1, context, dtype),
        ]
        kv = batch * (context + k + 1) * target.kv_bytes_per_token(dtype)
        weights = target.weight_bytes(dtype)
        if draft is not None:
            acts += [
                cm.activation_bytes(draft, batch, prefill, 0, dtype),
                cm.activation_bytes(draft, batch, 1, context + k, dtype),
            ]
            kv += batch * (context + k) * draft.kv_bytes_per_token(dtype)
            weights += draft.weight_bytes(dtype)
        return kv + int(safety * max(acts)) + (weights if include_weights else 0)

    if needed(1) > memory_budget_bytes:
        logger.warning(
            "one row of %s (context %d, k %d) needs %.1f MiB, over the %.1f MiB budget; using batch 1. "
            "Raise SPECQ_WORKER_MEMORY_MIB or lower max_new_tokens.",
            target.family,
            context,
            k,
            needed(1) / 2**20,
            memory_budget_bytes / 2**20,
        )
        return 1
    lo, hi = 1, cap  # needed() grows with batch: binary search for the last batch that fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needed(mid) <= memory_budget_bytes:
            lo = mid
        else:
            hi = mid - 1
    return lo


def speculation_cost_ratio(
    target_config: ConfigLike,
    draft_config: ConfigLike,
    batch: int,
    context: int,
    *,
    cost_model: CostModel | None = None,
) -> float:
    """Predicted seconds of one draft decode step over one target decode step (``c`` in Leviathan et al.)."""
    cm = cost_model or get_cost_model()
    return cm.step_seconds(draft_config, batch, 1, context) / cm.step_seconds(
        target_config, batch, 1, context
    )


def verify_cost_ratios(
    target_config: ConfigLike, batch: int, context: int, k_max: int, *, cost_model: CostModel | None = None
) -> list[float]:
    """Target step seconds for ``j + 1`` tokens over one token, for ``j = 0..k_max`` (entry 0 is 1.0)."""
    cm = cost_model or get_cost_model()
    seconds = cm.step_seconds_many(target_config, [(batch, j + 1, context) for j in range(k_max + 1)])
    return [x / seconds[0] for x in seconds]


def expected_tokens_per_step(acceptance_rate: float, k: int) -> float:
    """E[tokens per step] = (1 - a^(k+1)) / (1 - a): accepted drafts plus the target's own token."""
    a = min(max(acceptance_rate, 0.0), 1.0)
    return float(k + 1) if a >= 1.0 else (1.0 - a ** (k + 1)) / (1.0 - a)


def expected_speedup(acceptance_rate: float, cost_ratio: float, k: int, verify_ratio: float = 1.0) -> float:
    """Speed-up over plain decoding: E[tokens per step] / (k * c + verify cost of k + 1 tokens)."""
    return expected_tokens_per_step(acceptance_rate, k) / (k * cost_ratio + verify_ratio)


def choose_speculation_length(
    acceptance_rate: float, cost_ratio: float, k_max: int, verify_cost: Sequence[float] | None = None
) -> int:
    """Speculation length in ``0..k_max`` with the best expected speed-up; 0 when speculation does not pay.

    ``acceptance_rate`` is the per-token acceptance probability ``a``, ``cost_ratio`` the draft
    step over the target step ``c``; ``verify_cost[j]`` the target's cost of ``j + 1`` tokens
    relative to one (see :func:`verify_cost_ratios`; default 1.0, i.e. free extra tokens).
    """
    if k_max < 0 or cost_ratio < 0:
        raise ValueError(f"need k_max >= 0 and cost_ratio >= 0; got {k_max}, {cost_ratio}")
    if verify_cost is not None and len(verify_cost) < k_max + 1:
        raise ValueError(f"verify_cost has {len(verify_cost)} entries; need k_max + 1 = {k_max + 1}")
    best_k, best = 0, 1.0  # k = 0 is plain decoding: one token per target step
    for k in range(1, k_max + 1):
        verify = verify_cost[k] / verify_cost[0] if verify_cost is not None else 1.0
        gain = expected_speedup(acceptance_rate, cost_ratio, k, verify)
        if gain > best:
            best_k, best = k, gain
    return best_k


def batch_seconds(
    target_config: ConfigLike,
    draft_config: ConfigLike | None,
    batch: int,
    prompt_tokens: float,
    new_tokens: float,
    *,
    k: int = 0,
    tokens_per_step: float = 1.0,
    cost_model: CostModel | None = None,
) -> float:
    """Predicted seconds to decode one batch: a prefill, then ceil(new tokens / tokens per step) steps.

    A step is one target forward over ``k + 1`` tokens plus ``k`` draft decode steps;
    ``draft_config=None`` with ``k > 0`` is a model-free draft (prompt lookup, no draft forward).
    Steps are costed at the mean cache length over the generation.
    """
    cm = cost_model or get_cost_model()
    prompt = max(1, int(round(prompt_tokens)))
    mid_context = prompt + int(new_tokens / 2)  # average cache length over the generation
    prefill = cm.step_seconds(target_config, batch, prompt, 0)
    step = cm.step_seconds(target_config, batch, k + 1, mid_context)
    if draft_config is not None and k > 0:
        prefill += cm.step_seconds(draft_config, batch, prompt, 0)
        step += k * cm.step_seconds(draft_config, batch, 1, mid_context)
    return prefill + math.ceil(new_tokens / max(tokens_per_step, 1e-9)) * step


def session_seconds(
    target_config: ConfigLike,
    draft_config: ConfigLike | None,
    prompts: int,
    rows: int,
    prompt_tokens: float,
    mean_new_tokens: float,
    max_new_tokens: float,
    *,
    k: int = 0,
    tokens_per_step: float = 1.0,
    cost_model: CostModel | None = None,
) -> float:
    """Predicted seconds to decode ``prompts`` prompts in a continuous-batching session of ``rows`` rows.

    A finished row's place goes to the next prompt at once, so the session steps
    ``prompts x mean / rows`` times while it is full, then drains: the last rows admitted run up
    to ``max_new_tokens``, i.e. ``max - mean`` more tokens; never fewer steps than one row of
    ``max_new_tokens`` takes. Each step produces ``tokens_per_step`` tokens per row; each row
    is prefilled once (``prompts / rows`` prefills of ``rows`` rows). ``draft_config=None``
    with ``k > 0`` is a model-free draft.
    """
    if prompts <= 0:
        return 0.0
    cm = cost_model or get_cost_model()
    rows = max(1, min(rows, prompts))
    prompt = max(1, int(round(prompt_tokens)))
    mid_context = prompt + int(mean_new_tokens / 2)
    prefill = cm.step_seconds(target_config, rows, prompt, 0)
    step = cm.step_seconds(target_config, rows, k + 1, mid_context)
    if draft_config is not None and k > 0:
        prefill += cm.step_seconds(draft_config, rows, prompt, 0)
        step += k * cm.step_seconds(draft_config, rows, 1, mid_context)
    tokens = max(max_new_tokens, prompts * mean_new_tokens / rows + (max_new_tokens - mean_new_tokens))
    return prompts / rows * prefill + math.ceil(tokens / max(tokens_per_step, 1e-9)) * step


def estimate_job_seconds(
    remaining_prompts: int,
    mean_new_tokens: float,
    *,
    measured_seconds_per_token: float | None = None,
    target_config: ConfigLike | None = None,
    draft_config: ConfigLike | None = None,
    mean_prompt_tokens: float = 128.0,
    batch: int = 8,
    acceptance_rate: float | None = None,
    k: int | None = None,
    workers: int = 1,
    cost_model: CostModel | None = None,
) -> float:
    """Seconds left for a job: remaining prompts x new tokens x per-token cost.

    With ``measured_seconds_per_token`` (wall seconds per output token so far, all workers
    together) that rate is used. Otherwise the cost is predicted for ``target_config``
    (and ``draft_config`` with ``acceptance_rate``; ``k`` defaults to
    :func:`choose_speculation_length`): per batch one prefill and ceil(new tokens / E[tokens per
    step]) steps (:func:`batch_seconds`), spread over ``workers``.
    """
    if remaining_prompts <= 0:
        return 0.0
    if measured_seconds_per_token is not None:
        return remaining_prompts * mean_new_tokens * measured_seconds_per_token
    if target_config is None:
        raise ValueError("estimate_job_seconds needs measured_seconds_per_token or target_config")
    cm = cost_model or get_cost_model()
    batch = max(1, min(batch, remaining_prompts))
    prompt = max(1, int(round(mean_prompt_tokens)))
    mid_context = prompt + int(mean_new_tokens / 2)
    spec_k, tokens_per_step = 0, 1.0
    if draft_config is not None and acceptance_rate is not None:
        if k is None:
            c = speculation_cost_ratio(target_config, draft_config, batch, mid_context, cost_model=cm)
            verify = verify_cost_ratios(target_config, batch, mid_context, 8, cost_model=cm)
            k = choose_speculation_length(acceptance_rate, c, 8, verify)
        spec_k = k
        tokens_per_step = expected_tokens_per_step(acceptance_rate, k) if k > 0 else 1.0
    per_batch = batch_seconds(
        target_config,
        draft_config if spec_k > 0 else None,
        batch,
        prompt,
        mean_new_tokens,
        k=spec_k,
        tokens_per_step=tokens_per_step,
        cost_model=cm,
    )
    batches = math.ceil(remaining_prompts / batch)
    return batches * per_batch / max(1, workers)
