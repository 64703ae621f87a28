"""Per-target thresholds: decoding runs measured, exits traced, decoding replayed, the best chosen."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from transformers import PreTrainedModel

from models.drafts.sorted.cache import EarlyExitCache
from models.drafts.sorted.model import SortedDraft
from models.drafts.sorted.proposer import DISABLED, SortedProposer, fixed_exit_thresholds
from models.engine.acceptance import Acceptance
from models.engine.proposer import Proposer
from models.engine.ragged import RaggedLM, rollback_cache
from models.engine.sampling import RowSampler, SamplingParams
from models.engine.speculative import SpecDecoder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodeMeasurement:
    """One timed decoding run over a prompt set: its acceptance and, for sorted drafts, its exits."""

    label: str
    seconds: float  # wall time of the whole run (best of the repeats)
    acceptance: Acceptance  # speculation counters summed over the rows
    tokens_per_exit: list[int] | None = None  # sorted drafts: draft tokens answered by each exit
    layer_positions: int | None = None  # sorted drafts: position x layer computations (prompts included)

    @property
    def tokens_per_s(self) -> float:
        return self.acceptance.new_tokens / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The run as `specq bench sorted --out` writes it."""
        return {
            "label": self.label,
            "seconds": self.seconds,
            "output_tokens": self.acceptance.new_tokens,
            "steps": self.acceptance.steps,
            "drafted": self.acceptance.drafted,
            "accepted": self.acceptance.accepted,
            "tokens_per_exit": self.tokens_per_exit,
            "layer_positions": self.layer_positions,
        }


def measure_decoding(
    target: PreTrainedModel,
    draft: PreTrainedModel | Proposer | None,
    prompts: Sequence[list[int]],
    params: SamplingParams,
    *,
    k: int = 4,
    batch_size: int = 8,
    repeats: int = 1,
    label: str = "",
) -> DecodeMeasurement:
    """Decode ``prompts`` in batches with the engine; wall time is the best of ``repeats`` runs."""
    best = math.inf
    outs: list[Any] = []
    for _ in range(max(1, repeats)):
        if isinstance(draft, SortedProposer):
            draft.reset_stats()
        start = time.perf_counter()
        run = []
        for i in range(0, len(prompts), batch_size):
            dec = SpecDecoder(target, draft, k=k if draft is not None else 0)
            run.extend(dec.generate(list(prompts[i : i + batch_size]), params))
        best = min(best, time.perf_counter() - start)
        outs = run
    # Stats were reset before each repeat: they describe one run.
    exit_stats = draft.exit_stats() if isinstance(draft, SortedProposer) else None
    return DecodeMeasurement(
        label=label,
        seconds=best,
        acceptance=Acceptance.of(outs),
        tokens_per_exit=None if exit_stats is None else exit_stats.tokens_per_exit,
        layer_positions=None if exit_stats is None else exit_stats.layer_positions,
    )


@dataclass(frozen=True)
class ExitTrace:
    """Each exit's confidence and acceptance at every generated position of target trajectories.

    Because skipped layers are filled exactly, the draft's exit-i distribution at a
    position equals exit i of one full forward: so a trace computed once answers
    "what would thresholds T accept" for every T without decoding again.
    """

    confidence: torch.Tensor  # (N, E) top probability of each exit (temperature 1)
    accept: (
        torch.Tensor
    )  # (N, E) greedy: 1.0 iff the exit's argmax is the target's token; else sum(min(p, q))
    segments: list[int]  # positions per prompt, in order (the decoding walk restarts per prompt)
    greedy: bool


def trace_exits(
    model: SortedDraft,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    outputs: Sequence[list[int]],
    params: SamplingParams,
    batch_size: int = 8,
) -> ExitTrace:
    """Full forwards of draft and target over prompt + output; per position j, exit i predicting output[j]."""
    conf: list[torch.Tensor] = []
    acc: list[torch.Tensor] = []
    segments = [len(o) for o in outputs]
    dev = model.device
    with torch.inference_mode():
        for start in range(0, len(prompts), batch_size):
            rows = list(range(start, min(start + batch_size, len(prompts))))
            seqs = [list(prompts[r]) + list(outputs[r]) for r in rows]
            width = max(len(s) for s in seqs)
            ids = torch.zeros((len(rows), width), dtype=torch.long)
            for i, s in enumerate(seqs):
                ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
            ids = ids.to(dev)
            exit_logits = model(ids)  # E x (R, W, V); right padding is invisible to real positions
            p_all = None
            if not params.greedy:
                sampler = RowSampler.from_params([params] * len(rows), dev)
                p_all = sampler.probs(target(ids.to(target.device)).logits.to(dev))
            for i, r in enumerate(rows):
                n_out = len(outputs[r])
                if n_out == 0:
                    continue
                cols = torch.arange(len(prompts[r]) - 1, len(prompts[r]) - 1 + n_out, device=dev)
                nxt = torch.tensor(outputs[r], device=dev)
                lg = torch.stack([e[i, cols] for e in exit_logits], dim=1)  # (n, E, V)
                conf.append(lg.float().softmax(-1).amax(-1).cpu())
                if p_all is None:
                    acc.append((lg.argmax(-1) == nxt[:, None]).float().cpu())
                else:
                    row_sampler = RowSampler.from_params([params], dev)
                    q = row_sampler.probs(lg.transpose(0, 1))  # (E, n, V)
                    p = p_all[i, cols][None]  # (1, n, V)
                    acc.append(torch.minimum(p, q).sum(-1).transpose(0, 1).float().cpu())
    return ExitTrace(torch.cat(conf), torch.cat(acc), segments, params.greedy)


@dataclass(frozen=True)
class StepCosts:
    """Measured wall times of one batched engine step's parts, at a fixed batch size and k."""

    batch_size: int
    k: int
    exit_token_seconds: list[float]  # drafting one token per row with exit i alone (fixed exit)
    head_seconds: float  # one extra exit check: final norm + LM head + top probability
    verify_seconds: float  # target forward scoring k + 1 tokens per row
    plain_seconds: float  # target forward of 1 token per row (plain decoding)


@dataclass(frozen=True)
class Simulation:
    """Predicted effect of a threshold setting on a trace."""

    thresholds: list[float]
    acceptance_rate: float  # accepted / drafted
    mean_accepted: float  # accepted draft tokens per step
    exit_share: list[float]  # share of draft tokens answered by each exit
    draft_token_seconds: float  # predicted batch draft time per drafted token
    predicted_speedup: float  # over plain decoding


def _exit_choice(confidence: torch.Tensor, thresholds: Sequence[float]) -> torch.Tensor:
    """(N,) index of the first exit whose confidence reaches its threshold (last exit always)."""
    passes = confidence >= torch.tensor([*thresholds[:-1], 0.0], dtype=confidence.dtype)[None, :]
    passes[:, -1] = True
    return passes.float().argmax(1)  # first True


def simulate(trace: ExitTrace, thresholds: Sequence[float], costs: StepCosts) -> Simulation:
    """Replay decoding on the trace with these thresholds; price it with the measured costs.

    Greedy traces are replayed exactly (steps, accepted counts, drafted positions);
    sampled ones use the expected accepted count from every start position. Batch cost:
    rows run in lockstep, so the layers and check of exit i run for the batch when any
    row needs them: probability 1 - (1 - reach_i)^B with reach_i the share of tokens
    going at least that deep.
    """
    thresholds = list(thresholds)
    k = costs.k
    choice = _exit_choice(trace.confidence, thresholds)  # (N,)
    acc = trace.accept.gather(1, choice[:, None]).squeeze(1)  # (N,)
    steps = accepted = drafted = 0.0
    drafted_choice: list[torch.Tensor] = []
    offset = 0
    for n in trace.segments:
        a = acc[offset : offset + n].tolist()
        if trace.greedy:
            c = 1  # the first token comes from the target's prefill
            while c < n:
                kk = min(k, n - c - 1)
                m = 0
                while m < kk and a[c + m] >= 0.5:
                    m += 1
                drafted_choice.append(choice[offset + c : offset + c + kk])
                steps += 1
                drafted += kk
                accepted += m
                c += m + 1
        else:
            for c in range(1, n - 1):
                kk = min(k, n - c - 1)
                run, expect = 1.0, 0.0
                for j in range(kk):
                    run *= a[c + j]
                    expect += run
                # Weight each start by 1 / (tokens per step) so sums estimate totals, not per-start means.
                weight = 1.0 / (expect + 1.0)
                steps += weight
                drafted += weight * kk
                accepted += weight * expect
                drafted_choice.append(choice[offset + c : offset + c + kk])
        offset += n
    drafted_exits = torch.cat(drafted_choice) if drafted_choice else torch.zeros(0, dtype=torch.long)
    n_exits = trace.confidence.shape[1]
    share = [
        float((drafted_exits == i).float().mean()) if drafted_exits.numel() else 0.0 for i in range(n_exits)
    ]
    token_seconds = _batch_token_seconds(share, thresholds, costs)
    tokens = sum(trace.segments)
    plain_time = tokens * costs.plain_seconds
    # The prefill token costs the same either way; every later step verifies once and drafts.
    spec_time = (
        len(trace.segments) * costs.plain_seconds + steps * costs.verify_seconds + drafted * token_seconds
    )
    return Simulation(
        thresholds=thresholds,
        acceptance_rate=accepted / drafted if drafted else 0.0,
        mean_accepted=accepted / steps if steps else 0.0,
        exit_share=share,
        draft_token_seconds=token_seconds,
        predicted_speedup=plain_time / spec_time if spec_time else 0.0,
    )


def _batch_token_seconds(share: list[float], thresholds: list[float], costs: StepCosts) -> float:
    """Batch draft time per token: the first enabled exit always runs, deeper ones when any row needs them."""
    last = len(share) - 1
    enabled = [i for i in range(len(share)) if i == last or thresholds[i] <= 1.0]
    first = enabled[0]
    seconds = costs.exit_token_seconds[first]
    for prev, cur in zip(enabled, enabled[1:], strict=False):
        reach = sum(share[cur:])
        p_batch = 1.0 - (1.0 - reach) ** costs.batch_size
        step = costs.exit_token_seconds[cur] - costs.exit_token_seconds[prev] + costs.head_seconds
        seconds += p_batch * max(step, 0.0)
    return seconds


def candidate_thresholds(
    n_exits: int, levels: Sequence[float] = (0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)
) -> list[list[float]]:
    """Threshold settings to search: every exit but the last off or at one of ``levels``.

    Settings that behave the same are listed once (after an exit at 0, deeper ones never run).
    """
    options = [DISABLED, *levels, 0.0]
    out: list[list[float]] = []
    seen: set[tuple[float, ...]] = set()

    def rec(prefix: list[float]) -> None:
        if len(prefix) == n_exits - 1:
            key = tuple(prefix + [0.0])
            if key not in seen:
                seen.add(key)
                out.append(list(key))
            return
        if prefix and prefix[-1] == 0.0:
            rec(prefix + [0.0])
            return
        for v in options:
            rec(prefix + [v])

    rec([])
    return out


def _timed(fn: Callable[[], Any], repeats: int) -> float:
    """Median wall time of fn() over repeats calls, after one warm-up."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def measure_step_costs(
    model: SortedDraft,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    k: int,
    repeats: int = 5,
) -> StepCosts:
    """Time the parts of one engine step on a batch of ``prompts`` (their count is the batch size)."""
    batch = [list(p) for p in prompts]
    bsz = len(batch)
    sampler = RowSampler.from_params([SamplingParams()] * bsz, model.device)
    zeros = torch.zeros(bsz, dtype=torch.long, device=model.device)
    exit_seconds = []
    with torch.inference_mode():
        for i in range(len(model.exits)):
            proposer = SortedProposer(model, fixed_exit_thresholds(len(model.exits), i))
            proposer.prefill(batch)
            proposer.update(zeros, torch.tensor([p[-1] for p in batch], device=model.device))

            def draft_k(p: SortedProposer = proposer) -> None:
                proposal = p.propose(k, sampler)
                p.update(zeros, proposal.tokens[:, 0])  # reject all: the context stays the same length

            exit_seconds.append(_timed(draft_k, repeats) / k)
        cache = EarlyExitCache(model, bsz, 8)
        cache.append(torch.zeros((bsz, 1), dtype=torch.long, device=model.device))
        rows = torch.arange(bsz)
        cache.advance(rows, 1)
        head = _timed(lambda: cache.last_logits(rows).float().softmax(-1).amax(-1).tolist(), repeats)

        lm = RaggedLM(target)
        lm.prefill(batch)
        dev = target.device
        draft_tokens = torch.tensor([p[-1] for p in batch], device=dev)[:, None].expand(bsz, k + 1)

        def verify_step(width: int) -> None:
            lm.forward(draft_tokens[:, :width]).argmax(-1).tolist()
            rollback_cache(lm, torch.zeros((bsz, width), dtype=torch.bool, device=dev), 0)

        verify = _timed(lambda: verify_step(k + 1), repeats)
        plain = _timed(lambda: verify_step(1), repeats)
    return StepCosts(bsz, k, exit_seconds, head, verify, plain)


@dataclass(frozen=True)
class CalibrationResult:
    """The thresholds chosen for one target and the evidence behind them."""

    thresholds: list[float]
    simulations: list[Simulation]  # every candidate, best predicted first
    costs: StepCosts
    plain: DecodeMeasurement
    validated: list[tuple[list[float], DecodeMeasurement]]  # real runs of the top candidates

    def measured_speedup(self, run: DecodeMeasurement) -> float:
        return self.plain.seconds / run.seconds if run.seconds else 0.0


def calibrate_thresholds(
    model: SortedDraft,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    params: SamplingParams,
    *,
    k: int = 4,
    batch_size: int = 8,
    validate_top: int = 3,
    repeats: int = 1,
) -> CalibrationResult:
    """Choose the exit thresholds that make this sorted draft fastest for ``target``.

    1. Plain decoding of the prompts gives the target's trajectories and the baseline time.
    2. One full forward of draft and target over them gives each exit's confidence and
       acceptance at every position (`trace_exits`), the step parts are timed
       (`measure_step_costs`), and every candidate setting is replayed (`simulate`).
    3. The ``validate_top`` best predicted settings, plus the deepest exit alone, are run
       for real; the fastest measured wins (``validate_top=0`` trusts the prediction).
    """
    if not prompts:
        raise ValueError("calibration needs prompts: pass at least one")
    prompts = [list(p) for p in prompts]
    plain_outs: list[list[int]] = []
    for i in range(0, len(prompts), batch_size):
        outs = SpecDecoder(target, None).generate(prompts[i : i + batch_size], params)
        plain_outs.extend(o.token_ids for o in outs)
    plain = measure_decoding(
        target, None, prompts, params, batch_size=batch_size, repeats=repeats, label="plain"
    )
    trace = trace_exits(model, target, prompts, plain_outs, params, batch_size)
    costs = measure_step_costs(model, target, prompts[:batch_size], k)
    sims = sorted(
        (simulate(trace, t, costs) for t in candidate_thresholds(len(model.exits))),
        key=lambda s: s.predicted_speedup,
        reverse=True,
    )
    logger.info(
        "calibration: best predicted %s (speedup %.2f, acceptance %.2f)",
        sims[0].thresholds,
        sims[0].predicted_speedup,
        sims[0].acceptance_rate,
    )
    validated: list[tuple[list[float], DecodeMeasurement]] = []
    if validate_top > 0:
        tried = [s.thresholds for s in sims[:validate_top]]
        deepest = fixed_exit_thresholds(len(model.exits), len(model.exits) - 1)
        if deepest not in tried:
            tried.append(deepest)
        proposers = [SortedProposer(model, t) for t in tried]
        best: list[DecodeMeasurement | None] = [None] * len(tried)
        # Rounds over the candidates, best time kept: load on a shared machine hits all alike.
        for _ in range(max(1, repeats)):
            for i, (thresholds, proposer) in enumerate(zip(tried, proposers, strict=True)):
                run = measure_decoding(
                    target, proposer, prompts, params, k=k, batch_size=batch_size, label=str(thresholds)
                )
                current = best[i]
                if current is None or run.seconds < current.seconds:
                    best[i] = run
        validated = [(t, run) for t, run in zip(tried, best, strict=True) if run is not None]
        chosen = min(validated, key=lambda tr: tr[1].seconds)[0]
    else:
        chosen = sims[0].thresholds
    return CalibrationResult(chosen, sims, costs, plain, validated)
