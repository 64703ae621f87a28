"""Draft assignment against the database: choose a draft per batch, update it from measured acceptance.

The policy itself is :mod:`models.tasks.assignment` (pure); this module feeds it the
deployment's candidates and the acceptance aggregated in SQL, and records its
decisions in ``assignments`` / ``assignment_events`` (via :mod:`db.queries`).

- :func:`choose_draft` is called by the router for every batch it plans (the
  ``DraftChooser`` of :mod:`workers.route`): the assigned draft, or with a small
  probability another candidate, so alternatives keep being measured.
- :func:`update_assignment` is called after a batch's results are stored: it re-runs the
  policy on the new aggregates and switches the assignment when another draft is better
  by a statistically meaningful margin; each switch writes an event with its evidence.
- :func:`measure_drafts` / :func:`store_offline_assignments` are ``specq assign``: every
  candidate draft decodes the same sample of each task's prompts, the best one is stored;
  when plain decoding (``none``) was measured too and is faster than that draft, the task
  gets ``none`` (:func:`choose_offline`).
- :func:`simulate_online` replays the online loop on a real database with synthetic
  acceptance, for the benchmark and the tests.

A target whose assigned (or default) draft is ``none`` was set to plain decoding on
purpose: the online policy leaves it alone (no exploration, no switch).
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from db import queries
from db.schema import utcnow
from models.tasks.assignment import (
    Decision,
    DraftMeasure,
    Metric,
    PolicyConfig,
    best_measured,
    decide,
    estimate,
    exploration_target,
)
from specq.deployment import NO_DRAFT, Deployment
from specq.settings import get_settings

log = logging.getLogger(__name__)


def policy_config(**overrides: Any) -> PolicyConfig:
    """The policy with the configured exploration share (``SPECQ_EXPLORE_RATE``)."""
    return PolicyConfig(**{"explore_rate": get_settings().explore_rate, **overrides})


def assigned_draft(session: Session, deployment: Deployment, target: str, task: str) -> str:
    """The draft routing uses now: the assignment if it still serves ``target``, else the deployment
    file's draft for the task (``task_drafts``, then ``default_draft``)."""
    valid = set(deployment.pairings(target)) | {NO_DRAFT}
    assignment = queries.get_assignment(session, target, task)
    if assignment is not None and assignment.draft in valid:
        return assignment.draft
    if assignment is not None:
        log.warning(
            "assignment %s/%s -> %r names a draft that no longer serves %s in %s; using the configured draft",
            target,
            task,
            assignment.draft,
            target,
            deployment.source,
        )
    return deployment.target(target).configured_draft(task)


def measures(session: Session, target: str, task: str) -> dict[str, DraftMeasure]:
    """Acceptance of every draft with results on (target, task) in the window (SPECQ_ASSIGNMENT_WINDOW_S)."""
    window = get_settings().assignment_window_s
    since = utcnow() - timedelta(seconds=window) if window > 0 else None
    return {s.draft: s for s in queries.acceptance_stats(session, target, task, since=since)}


def choose_draft(
    session: Session,
    deployment: Deployment,
    target: str,
    task: str,
    rng: random.Random,
    config: PolicyConfig | None = None,
) -> tuple[str, bool]:
    """(draft for the next batch of (target, task), whether it is an exploration batch)."""
    config = config or policy_config()
    assigned = assigned_draft(session, deployment, target, task)
    candidates = deployment.pairings(target)
    # "none" (plain decoding by choice) is not a candidate: such targets are never explored.
    if assigned not in candidates or len(candidates) < 2 or config.explore_rate <= 0:
        return assigned, False
    # Aggregates are read only for exploration batches: the common path is one indexed lookup.
    if rng.random() >= config.explore_rate:
        return assigned, False
    other = exploration_target(assigned, candidates, measures(session, target, task), rng, config)
    return (assigned, False) if other is None else (other, True)


def update_assignment(
    session: Session,
    deployment: Deployment,
    target: str,
    task: str,
    config: PolicyConfig | None = None,
) -> Decision | None:
    """Re-decide the draft of (target, task) from the measured acceptance; the Decision if it changed.

    Without a change, the assignment row's measured numbers are refreshed (no event).
    Never commits: call it inside the transaction that stored the batch's results, or
    right after it.
    """
    config = config or policy_config()
    candidates = deployment.pairings(target)
    current = assigned_draft(session, deployment, target, task)
    if not candidates or current == NO_DRAFT:
        return None
    measured = measures(session, target, task)
    decision = decide(target, task, current, candidates, measured, config)
    row = queries.get_assignment(session, target, task)
    if row is None and current in measured:
        # Record where the assignment starts, so the first switch's event names the draft it replaces.
        _store(
            session,
            target,
            task,
            current,
            measured.get(current),
            "config",
            "the deployment file's draft for the task",
            None,
        )
        row = queries.get_assignment(session, target, task)
    if decision.switch:
        log.info("assignment %s/%s: %s -> %s (%s)", target, task, current, decision.chosen, decision.reason)
        _store(
            session,
            target,
            task,
            decision.chosen,
            measured.get(decision.chosen),
            "online",
            decision.reason,
            decision.evidence,
        )
        return decision
    mine = measured.get(current)
    if row is not None and mine is not None and row.draft == current and row.samples != mine.prompts:
        _store(session, target, task, current, mine, row.source, "", None)
    return None


def _store(
    session: Session,
    target: str,
    task: str,
    draft: str,
    m: DraftMeasure | None,
    source: str,
    reason: str,
    evidence: dict[str, Any] | None,
) -> None:
    queries.set_assignment(
        session,
        target,
        task,
        draft,
        acceptance=m.acceptance if m else None,
        mean_accepted=m.mean_accepted if m else None,
        samples=m.prompts if m else 0,
        source=source,
        reason=reason,
        evidence=evidence,
    )


# ---------------------------------------------------------------------------------------------
# Offline: `specq assign`
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfflineMeasure:
    """One draft (or ``none``: plain decoding) decoding one task's sample."""

    measure: DraftMeasure
    seconds: float  # wall time of the decode
    output_tokens: int
    # CPU time of this process during the decode. On a CPU device it is the cost that other
    # processes on the machine do not inflate (wall time on a shared machine is mostly their load).
    cpu_seconds: float = 0.0
    on_cpu: bool = False  # the target ran on the CPU: compare speeds by CPU time

    @property
    def tokens_per_second(self) -> float:
        return self.output_tokens / self.seconds if self.seconds > 0 else 0.0

    @property
    def speed(self) -> float:
        """Output tokens per second of the clock that measures decoding cost on this device."""
        seconds = self.cpu_seconds if self.on_cpu else self.seconds
        return self.output_tokens / seconds if seconds > 0 else 0.0


def measure_drafts(
    runtime: Any,
    target: str,
    drafts: Sequence[str],
    prompts_by_task: Mapping[str, Sequence[list[int]]],
    *,
    max_new_tokens: int = 64,
    batch_size: int = 8,
    progress: Callable[[str, str], None] | None = None,
) -> dict[str, dict[str, OfflineMeasure]]:
    """Decode each task's prompts (token ids) with every draft, greedily; {task: {draft: measure}}.

    ``drafts`` may include ``none`` (plain decoding), the baseline a draft must beat.
    ``runtime`` is a :class:`workers.runtime.Runtime` (its ``generate(target, draft, prompts,
    params)`` runs the engine, ``models.engine.speculative.SpecDecoder``, for the pairing).
    """
    from models.engine.sampling import SamplingParams

    params = SamplingParams(max_new_tokens=max_new_tokens, temperature=0.0)
    on_cpu = runtime.target(target).device.type == "cpu"
    out: dict[str, dict[str, OfflineMeasure]] = {}
    for task, prompts in prompts_by_task.items():
        out[task] = {}
        for draft in drafts:
            if progress is not None:
                progress(task, draft)
            steps = drafted = accepted = tokens = 0
            start, cpu_start = time.perf_counter(), time.process_time()
            for i in range(0, len(prompts), batch_size):
                for o in runtime.generate(target, draft, list(prompts[i : i + batch_size]), params):
                    steps += o.stats.steps
                    drafted += o.stats.drafted_tokens
                    accepted += o.stats.accepted_tokens
                    tokens += len(o.token_ids)
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
            out[task][draft] = OfflineMeasure(
                DraftMeasure(draft, len(prompts), drafted, accepted, steps),
                seconds,
                tokens,
                cpu_seconds,
                on_cpu,
            )
            log.info(
                "%s/%s on %s: %d prompts, %.2f accepted/step, %.1f tokens/s",
                target,
                draft,
                task,
                len(prompts),
                out[task][draft].measure.mean_accepted or 0.0,
                out[task][draft].tokens_per_second,
            )
    return out


def choose_offline(
    by_draft: Mapping[str, OfflineMeasure], metric: Metric = "mean_accepted"
) -> tuple[str, str] | None:
    """(draft, reason) for one task from its offline measurements; None when nothing was measured.

    The draft with the best ``metric`` among the measured drafts; if plain decoding (``none``)
    was measured on the same prompts and decoded faster than that draft (``OfflineMeasure.speed``),
    ``none``: speculation that costs more than it saves is not assigned.
    """
    drafts = {d: m.measure for d, m in by_draft.items() if d != NO_DRAFT}
    best = best_measured(list(drafts), drafts, metric)
    plain = by_draft.get(NO_DRAFT)
    if best is None:
        return (NO_DRAFT, "plain decoding is the only candidate measured") if plain is not None else None
    value = estimate(drafts[best], metric).value
    reason = (
        f"specq assign: best of {len(drafts)} drafts on {drafts[best].prompts} prompts "
        f"({value:.2f} {'acceptance' if metric == 'acceptance' else 'accepted tokens/step'})"
    )
    if plain is None:
        return best, reason
    unit = "tokens per CPU second" if plain.on_cpu else "tokens/s"
    mine = by_draft[best].speed
    if plain.speed > mine:
        return NO_DRAFT, f"{reason}; plain decoding was faster: {plain.speed:.1f} vs {mine:.1f} {unit}"
    return best, f"{reason}; {mine:.1f} vs plain decoding's {plain.speed:.1f} {unit}"


def store_offline_assignments(
    session: Session,
    target: str,
    measured: Mapping[str, Mapping[str, OfflineMeasure]],
    metric: Metric = "mean_accepted",
) -> dict[str, str]:
    """Store the chosen draft of each task (source ``assign``, :func:`choose_offline`) with every
    candidate's numbers as evidence."""
    chosen: dict[str, str] = {}
    for task, by_draft in measured.items():
        choice = choose_offline(by_draft, metric)
        if choice is None:
            continue
        draft, reason = choice
        evidence = {
            "metric": metric,
            "measures": {
                d: {
                    "prompts": m.measure.prompts,
                    "drafted": m.measure.drafted,
                    "accepted": m.measure.accepted,
                    "steps": m.measure.steps,
                    "acceptance": m.measure.acceptance,
                    "mean_accepted": m.measure.mean_accepted,
                    "tokens_per_second": round(m.tokens_per_second, 2),
                    "tokens_per_cpu_second": round(m.output_tokens / m.cpu_seconds, 2)
                    if m.cpu_seconds
                    else None,
                }
                for d, m in by_draft.items()
            },
        }
        _store(session, target, task, draft, by_draft[draft].measure, "assign", reason, evidence)
        chosen[task] = draft
    return chosen


# ---------------------------------------------------------------------------------------------
# Simulation: the online loop on a real database, with synthetic acceptance
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SimulatedBatch:
    """One batch of the simulation: who decoded it, and the assignment after its update."""

    index: int
    draft: str
    explored: bool
    assigned: str  # the assignment after this batch's update
    switched_to: str | None  # set when this batch's update changed the assignment


def _simulate_row(
    alpha: float, k: int, max_new_tokens: int, rng: random.Random
) -> tuple[int, int, int, list[int]]:
    """(steps, drafted, accepted, accepted_per_position) of one prompt: i.i.d. acceptance alpha."""
    steps = drafted = accepted = produced = 0
    per_position = [0] * k
    while produced < max_new_tokens:
        n = 0
        while n < k and rng.random() < alpha:
            per_position[n] += 1
            n += 1
        steps += 1
        drafted += k
        accepted += n
        produced += n + 1
    return steps, drafted, accepted, per_position


def simulate_online(
    session: Session,
    *,
    target: str,
    task: str,
    deployment_at: Callable[[int], Deployment],
    acceptance: Callable[[int, str], float],
    batches: int,
    batch_size: int = 16,
    k: int = 4,
    max_new_tokens: int = 32,
    seed: int = 0,
    config: PolicyConfig | None = None,
) -> list[SimulatedBatch]:
    """Route ``batches`` batches of (target, task) with :func:`choose_draft`, store synthetic
    results whose per-token acceptance is ``acceptance(batch, draft)``, and run
    :func:`update_assignment` after each; ``deployment_at(batch)`` is the deployment in force
    (a draft can be registered midway). Writes a job, prompts, results, assignments and events.
    """
    config = config or policy_config()
    rng = random.Random(seed)
    job = queries.create_job(session, target=target, name=f"simulate-online-{task}")
    queries.add_prompts_bulk(
        session,
        job.id,
        (
            queries.PromptRow(position=i + 1, custom_id=f"sim-{i}", text=f"prompt {i}")
            for i in range(batches * batch_size)
        ),
    )
    ids = queries.prompt_ids(session, job.id)
    history: list[SimulatedBatch] = []
    for b in range(batches):
        deployment = deployment_at(b)
        draft, explored = choose_draft(session, deployment, target, task, rng, config)
        rows = []
        for pid in ids[b * batch_size : (b + 1) * batch_size]:
            steps, drafted, accepted, per_position = _simulate_row(
                acceptance(b, draft), k, max_new_tokens, rng
            )
            rows.append(
                queries.ResultRow(
                    prompt_id=pid,
                    job_id=job.id,
                    output_text="",
                    output_tokens=accepted + steps,
                    finish_reason="length",
                    target=target,
                    draft=draft,
                    task=task,
                    k=float(k),
                    steps=steps,
                    drafted_tokens=drafted,
                    accepted_tokens=accepted,
                    accepted_per_position=per_position,
                    batch_id=f"sim-{b}",
                )
            )
        queries.upsert_results(session, rows)
        decision = update_assignment(session, deployment, target, task, config)
        history.append(
            SimulatedBatch(
                index=b,
                draft=draft,
                explored=explored,
                assigned=assigned_draft(session, deployment, target, task),
                switched_to=decision.chosen if decision is not None else None,
            )
        )
    return history


def batches_to_switch(history: Sequence[SimulatedBatch], after: int, to: str) -> int | None:
    """Batches from index ``after`` until the assignment became ``to`` (None: it never did)."""
    for h in history:
        if h.index >= after and h.assigned == to:
            return h.index - after + 1
    return None


def expected_exploration_bound(explore_rate: float, probability: float = 0.99) -> int:
    """Batches within which a single cold candidate is explored at least once with ``probability``."""
    if explore_rate <= 0:
        raise ValueError("with explore_rate 0 a new draft is never measured online")
    if explore_rate >= 1:
        return 1
    return math.ceil(math.log(1 - probability) / math.log(1 - explore_rate))
