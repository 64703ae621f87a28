"""Plan a job before it runs: tokens, batch size, memory, wall time and speed-up per pairing.

The prediction has three inputs:

* the **cost model** (``models.costmodel``): seconds of a prefill, a target step over ``k + 1``
  tokens and a draft step, and the memory of a step, from each model's ``config.json`` alone;
* the **measured acceptance** of each (target, task, draft) in the ``results`` table: output
  tokens per target step and the mean speculation length. A pairing never measured gets
  :data:`PRIOR_ACCEPTANCE` per token and the ``k`` that
  :func:`~models.costmodel.choose_speculation_length` picks for it;
* a **calibration factor**: the median of measured wall time over model seconds of the
  target's last finished jobs (each re-predicted from its own measured acceptance, so the
  factor holds what the cost model does not see: Python overhead, routing, queueing, the
  machine's load). Without history the factor is 1 and the plan says so.

Prompts are read and validated as ``specq submit`` does and counted with the target's
tokenizer files (no weights). Tasks come from the router artifact when one is configured
(that may import torch when its featurizer is MiniLM; the TF-IDF router and every other step
here import neither torch nor transformers). :func:`job_model_eta` serves ``specq status``
the same prediction for a job already in SQL.
"""

from __future__ import annotations

import logging
import math
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.schema import NO_DRAFT, Assignment, Batch, BatchStatus, Job, JobStatus, Prompt, Result
from db.session import get_engine, init_db, session_scope
from models import costmodel
from models.engine.adaptive import AdaptiveConfig
from models.zoo.resolve import resolve_model_path
from producer.readers import read_input
from producer.tokens import load_target_tokenizer
from producer.validate import SamplingDefaults, validate_lines
from specq.chat import prompt_text as task_prompt_text
from specq.deployment import Deployment, load_deployment
from specq.settings import get_settings

log = logging.getLogger(__name__)

# Per-token acceptance assumed for a (target, draft) with no measured result: a stated guess,
# not a measurement. The plan marks every pairing that uses it.
PRIOR_ACCEPTANCE = 0.5
DEFAULT_TASK = "default"  # the task of every prompt while no router is configured (workers/route.py)
# Past finished jobs of the target whose measured / predicted ratio calibrates the plan.
CALIBRATION_JOBS = 5
# Prompts of a job sampled to estimate its mean prompt length for `specq status`.
STATUS_SAMPLE = 256


@dataclass(frozen=True)
class Speculation:
    """How a pairing speculates: ``k`` draft tokens per step, giving ``tokens_per_step`` outputs."""

    k: int
    acceptance: float | None  # accepted / drafted (None: plain decoding)
    tokens_per_step: float  # output tokens per target forward
    source: str  # "measured (N prompts)", "prior", "plain decoding"


@dataclass(frozen=True)
class PromptGroup:
    """Prompts of one (task, draft): how many, their mean prompt length and token budget."""

    task: str
    draft: str
    prompts: int
    mean_prompt_tokens: float
    mean_max_new_tokens: float


@dataclass(frozen=True)
class PairingPlan:
    """The prediction for one (target, task, draft) group of a job."""

    target: str
    task: str
    draft: str
    prompts: int
    prompt_tokens: int  # total
    output_tokens: int  # total, predicted
    batch_size: int
    batches: int
    speculation: Speculation
    seconds: float  # predicted wall seconds (calibrated)
    plain_seconds: float  # the same prompts decoded without a draft (calibrated)
    memory_bytes: int  # peak of a worker decoding this pairing: weights + KV cache + activations

    @property
    def speedup(self) -> float:
        return self.plain_seconds / self.seconds if self.seconds > 0 else 1.0


@dataclass(frozen=True)
class Calibration:
    """How past jobs of the target measured against the cost model (``jobs == 0``: no history).

    ``factor``: decode span (first batch start to last batch end) over model seconds.
    ``overhead_s``: the rest of a job's wall time (submit to first batch, last batch to done).
    """

    factor: float
    overhead_s: float
    jobs: int


@dataclass(frozen=True)
class JobPlan:
    """A job's predicted cost, per pairing and in total."""

    target: str
    prompts: int
    invalid: int  # input lines the validator refused (not planned)
    pairings: list[PairingPlan]
    calibration: Calibration
    cost_model: str  # "fitted" or "roofline"
    output_fraction: float  # predicted output tokens / max_new_tokens
    output_source: str
    workers: int  # decode workers of the target the time is spread over
    memory_per_worker_bytes: int

    @property
    def seconds(self) -> float:
        return self.calibration.overhead_s + sum(p.seconds for p in self.pairings) / max(1, self.workers)

    @property
    def plain_seconds(self) -> float:
        return self.calibration.overhead_s + sum(p.plain_seconds for p in self.pairings) / max(
            1, self.workers
        )

    @property
    def prompt_tokens(self) -> int:
        return sum(p.prompt_tokens for p in self.pairings)

    @property
    def output_tokens(self) -> int:
        return sum(p.output_tokens for p in self.pairings)


class PlanError(ValueError):
    """The job cannot be planned (unknown target, models not on this machine, nothing valid)."""


# ---------------------------------------------------------------------------------------------
# Measured inputs (SQL)
# ---------------------------------------------------------------------------------------------


def measured_speculation(session: Session, target: str, task: str, draft: str) -> Speculation | None:
    """Tokens per step and mean k of (target, task, draft) from its results; the task's own
    results first, else the draft's results on every task of the target; None if never measured."""
    for task_filter in (task, None):
        conds = [Result.target == target, Result.draft == draft, Result.steps > 0]
        if task_filter is not None:
            conds.append(Result.task == task_filter)
        n, out, steps, drafted, accepted, k = session.execute(
            select(
                func.count(),
                func.sum(Result.output_tokens),
                func.sum(Result.steps),
                func.sum(Result.drafted_tokens),
                func.sum(Result.accepted_tokens),
                func.avg(Result.k),
            ).where(*conds)
        ).one()
        if n and steps:
            where = "" if task_filter is not None else ", all tasks"
            return Speculation(
                k=_mean_k(k, out / steps),
                acceptance=(accepted / drafted) if drafted else None,
                tokens_per_step=max(1.0, out / steps),
                source=f"measured ({n} prompts{where})",
            )
    return None


def _mean_k(mean_k: float | None, tokens_per_step: float) -> int:
    """The speculation length to cost a step at: the measured mean, rounded, and at least 1 when
    steps gave more than one token (prompt lookup drafts on some steps only: a mean k of 0.3)."""
    k = int(round(mean_k or 0))
    return max(k, 1) if tokens_per_step > 1.0 else k


def output_fraction(session: Session, target: str) -> tuple[float, str]:
    """Output tokens over the ``max_new_tokens`` budget in the target's recent results (1.0 if none)."""
    rows = session.execute(
        select(Result.output_tokens, Prompt.params, Job.params)
        .join(Prompt, Prompt.id == Result.prompt_id)
        .join(Job, Job.id == Result.job_id)
        .where(Result.target == target)
        .order_by(Result.id.desc())
        .limit(2000)
    ).all()
    budget = 0
    for _, line_params, job_params in rows:
        default = int((job_params or {}).get("max_new_tokens") or 0)
        budget += int((line_params or {}).get("max_new_tokens") or default)
    if not rows or budget <= 0:
        return 1.0, "max_new_tokens (no result of this target yet)"
    frac = min(1.0, sum(r[0] for r in rows) / budget)
    return frac, f"measured on the target's last {len(rows)} results"


# ---------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Models:
    """Config paths of a target and its drafts (None for model-free drafts)."""

    deployment: Deployment
    target: str
    target_path: str
    draft_paths: dict[str, str | None]

    @classmethod
    def resolve(cls, deployment: Deployment, target: str) -> _Models:
        spec = deployment.target(target)
        path = resolve_model_path(deployment, spec.path, build=False)
        if path is None or not (Path(path) / "config.json").is_file():
            raise PlanError(
                f"target {target!r} ({spec.path}) has no config.json on this machine; "
                "build or download it first (`specq zoo build` for zoo: models)"
            )
        drafts: dict[str, str | None] = {}
        for name in deployment.pairings(target):
            d = deployment.draft(name)
            drafts[name] = resolve_model_path(deployment, d.path, build=False) if d.path else None
        return cls(deployment, target, path, drafts)

    def draft_config(self, draft: str) -> str | None:
        path = self.draft_paths.get(draft)
        return path if path is not None and (Path(path) / "config.json").is_file() else None


def _batch_size(models: _Models, draft: str, prompt_tokens: float, new_tokens: float, k: int) -> int:
    """Prompts per decode batch: the configured cap, lowered to what fits the worker's memory
    budget (the same computation as ``workers.route.batch_size_cap``)."""
    settings = get_settings()
    cap = models.deployment.target(models.target).max_batch_size or settings.max_batch_size
    spec = models.deployment.drafts.get(draft)
    k_sized = 0 if spec is None else (spec.k if isinstance(spec.k, int) else AdaptiveConfig().max_k)
    prompt = max(1, int(math.ceil(prompt_tokens)))
    return costmodel.max_batch_size(
        models.target_path,
        models.draft_config(draft),
        context=prompt + max(1, int(math.ceil(new_tokens))),
        k=max(k, k_sized),
        memory_budget_bytes=settings.worker_memory_mib * 2**20,
        cap=cap,
        prompt_tokens=prompt,
        cost_model=costmodel.get_cost_model(calibrate=False),
    )


def _prior_speculation(
    models: _Models, draft: str, batch: int, context: int, cm: costmodel.CostModel
) -> Speculation:
    spec = models.deployment.drafts[draft]
    k_max = AdaptiveConfig().max_k
    draft_cfg = models.draft_config(draft)
    if isinstance(spec.k, int):
        k = spec.k
    else:
        c = (
            costmodel.speculation_cost_ratio(models.target_path, draft_cfg, batch, context, cost_model=cm)
            if draft_cfg is not None
            else 0.0
        )
        verify = costmodel.verify_cost_ratios(models.target_path, batch, context, k_max, cost_model=cm)
        k = costmodel.choose_speculation_length(PRIOR_ACCEPTANCE, c, k_max, verify)
    tps = costmodel.expected_tokens_per_step(PRIOR_ACCEPTANCE, k) if k > 0 else 1.0
    return Speculation(k, PRIOR_ACCEPTANCE, tps, f"prior (acceptance {PRIOR_ACCEPTANCE} assumed)")


def _model_seconds(
    models: _Models,
    group: PromptGroup,
    mean_new: float,
    max_new: float,
    spec: Speculation,
    batch: int,
    cm: costmodel.CostModel,
) -> float:
    """Uncalibrated seconds of a group in the decode worker's continuous-batching session of
    ``batch`` rows (``workers/decode_loop.py``: a finished row's place is refilled at once)."""
    return costmodel.session_seconds(
        models.target_path,
        models.draft_config(group.draft) if spec.k > 0 else None,
        group.prompts,
        batch,
        group.mean_prompt_tokens,
        mean_new,
        max_new,
        k=spec.k,
        tokens_per_step=spec.tokens_per_step,
        cost_model=cm,
    )


def _memory(
    models: _Models, draft: str, batch: int, context: int, k: int, cm: costmodel.CostModel
) -> tuple[int, int]:
    """(weights bytes, KV + activation bytes) of a worker decoding ``draft``'s batches."""
    t = cm.memory(models.target_path, batch, context, new_tokens=k + 1)
    weights, transient = t.weights_bytes, t.kv_cache_bytes + t.activation_bytes
    draft_cfg = models.draft_config(draft)
    if draft_cfg is not None and k > 0:
        d = cm.memory(draft_cfg, batch, context + k, new_tokens=1)
        weights += d.weights_bytes
        transient += d.kv_cache_bytes + d.activation_bytes
    return weights, transient


def calibration(session: Session, models: _Models, cm: costmodel.CostModel) -> Calibration:
    """Measured against predicted time over the target's last finished jobs (medians).

    Each past job is re-predicted from its own results (prompt and output tokens, measured
    tokens per step and k), so the factor measures the cost model against the machine, not
    the acceptance or length guesses. A job's wall time splits into its decode span (first
    batch start to last batch end: the factor) and the rest (routing, queueing, finalizing:
    the overhead), so a small job's fixed costs do not inflate a large job's prediction.
    """
    jobs = session.execute(
        select(Job.id, Job.started_at, Job.finished_at)
        .where(
            Job.target == models.target,
            Job.status == JobStatus.COMPLETED,
            Job.started_at.is_not(None),
            Job.finished_at.is_not(None),
        )
        .order_by(Job.finished_at.desc())
        .limit(CALIBRATION_JOBS)
    ).all()
    factors: list[float] = []
    overheads: list[float] = []
    for job_id, started, finished in jobs:
        first, last = session.execute(
            select(func.min(Batch.started_at), func.max(Batch.finished_at)).where(
                Batch.job_id == job_id, Batch.status == BatchStatus.DONE
            )
        ).one()
        if first is None or last is None or started is None or finished is None:
            continue
        predicted = _predict_finished_job(session, models, job_id, cm)
        span = (_utc(last) - _utc(first)).total_seconds()
        wall = (_utc(finished) - _utc(started)).total_seconds()
        if predicted > 0 and span > 0:
            factors.append(span / predicted)
            overheads.append(max(wall - span, 0.0))
    if not factors:
        return Calibration(1.0, 0.0, 0)
    return Calibration(statistics.median(factors), statistics.median(overheads), len(factors))


def _predict_finished_job(session: Session, models: _Models, job_id: str, cm: costmodel.CostModel) -> float:
    """Model seconds of a finished job, from its own measured tokens and speculation."""
    rows = session.execute(
        select(
            Result.task,
            Result.draft,
            func.count(),
            func.avg(Result.prompt_tokens),
            func.avg(Result.output_tokens),
            func.max(Result.output_tokens),
            func.sum(Result.output_tokens),
            func.sum(Result.steps),
            func.avg(Result.k),
        )
        .where(Result.job_id == job_id)
        .group_by(Result.task, Result.draft)
    ).all()
    predicted = 0.0
    for task, draft, n, prompt, out, out_max, out_sum, steps, k in rows:
        if draft != NO_DRAFT and draft not in models.draft_paths:
            continue  # a draft no longer in the deployment: its config is unknown
        new = float(out or 1)
        tps = max(1.0, (out_sum or 0) / steps) if steps else 1.0
        spec = Speculation(_mean_k(k, tps), None, tps, "")
        group = PromptGroup(task or DEFAULT_TASK, draft, int(n), float(prompt or 1), new)
        batch = _batch_size(models, draft, group.mean_prompt_tokens, new, spec.k)
        predicted += _model_seconds(models, group, new, float(out_max or 1), spec, batch, cm)
    return predicted


def _utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def plan_groups(
    session: Session,
    deployment: Deployment,
    target: str,
    groups: Sequence[PromptGroup],
    *,
    invalid: int = 0,
    cost_model: costmodel.CostModel | None = None,
) -> JobPlan:
    """The plan of ``groups`` of prompts for ``target``, from the cost model and measured acceptance."""
    models = _Models.resolve(deployment, target)
    cm = cost_model or costmodel.get_cost_model(calibrate=False)
    frac, frac_source = output_fraction(session, target)
    cal = calibration(session, models, cm)
    plain = Speculation(0, None, 1.0, "plain decoding")
    pairings: list[PairingPlan] = []
    weights: dict[str, int] = {}
    transient = 0
    for g in groups:
        new_tokens = max(1.0, g.mean_max_new_tokens * frac)
        context = int(math.ceil(g.mean_prompt_tokens + new_tokens))
        spec = plain
        if g.draft != NO_DRAFT:
            spec = measured_speculation(session, target, g.task, g.draft) or _prior_speculation(
                models, g.draft, min(g.prompts, 8), context, cm
            )
        batch = _batch_size(models, g.draft, g.mean_prompt_tokens, g.mean_max_new_tokens, spec.k)
        max_new = g.mean_max_new_tokens
        seconds = _model_seconds(models, g, new_tokens, max_new, spec, batch, cm) * cal.factor
        plain_batch = _batch_size(models, NO_DRAFT, g.mean_prompt_tokens, g.mean_max_new_tokens, 0)
        plain_s = _model_seconds(models, g, new_tokens, max_new, plain, plain_batch, cm) * cal.factor
        w, t = _memory(models, g.draft, min(batch, g.prompts), context, spec.k, cm)
        weights[g.draft] = w
        transient = max(transient, t)
        pairings.append(
            PairingPlan(
                target=target,
                task=g.task,
                draft=g.draft,
                prompts=g.prompts,
                prompt_tokens=int(round(g.mean_prompt_tokens * g.prompts)),
                output_tokens=int(round(new_tokens * g.prompts)),
                batch_size=min(batch, g.prompts),
                batches=math.ceil(g.prompts / batch),
                speculation=spec,
                seconds=seconds,
                plain_seconds=plain_s,
                memory_bytes=w + t,
            )
        )
    # One decode worker holds the target once and every draft it uses; batches run one at a time.
    target_weights = costmodel.ArchSpec.from_config(models.target_path).weight_bytes("float32")
    memory = target_weights + sum(w - target_weights for w in weights.values()) + transient
    return JobPlan(
        target=target,
        prompts=sum(g.prompts for g in groups),
        invalid=invalid,
        pairings=pairings,
        calibration=cal,
        cost_model=cm.source,
        output_fraction=frac,
        output_source=frac_source,
        workers=1,
        memory_per_worker_bytes=memory if groups else 0,
    )


# ---------------------------------------------------------------------------------------------
# Entry points: a file before submitting, a job already in SQL
# ---------------------------------------------------------------------------------------------


def _draft_for(session: Session, deployment: Deployment, target: str, task: str, pinned: str | None) -> str:
    """The draft the router would send ``task`` to (its assignment, else the deployment file's)."""
    if pinned is not None:
        return pinned
    valid = set(deployment.pairings(target)) | {NO_DRAFT}
    row = session.scalar(select(Assignment).where(Assignment.target == target, Assignment.task == task))
    if row is not None and row.draft in valid:
        return row.draft
    return deployment.target(target).configured_draft(task)


def _classify(deployment: Deployment, texts: list[str]) -> list[str]:
    path = deployment.router_path
    if path is None or not path.exists():
        return [DEFAULT_TASK] * len(texts)
    from models.tasks import load_router

    return [str(t) for t in load_router(path).classify(texts)]


def _groups(
    session: Session,
    deployment: Deployment,
    target: str,
    rows: Iterable[tuple[str, int, int]],
    pinned: str | None,
) -> list[PromptGroup]:
    """(task, prompt tokens, max new tokens) rows -> one group per (task, draft)."""
    acc: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    drafts: dict[str, str] = {}
    for task, n_prompt, n_new in rows:
        if task not in drafts:
            drafts[task] = _draft_for(session, deployment, target, task, pinned)
        acc[task, drafts[task]].append((n_prompt, n_new))
    return [
        PromptGroup(
            task,
            draft,
            len(v),
            sum(p for p, _ in v) / len(v),
            sum(n for _, n in v) / len(v),
        )
        for (task, draft), v in sorted(acc.items())
    ]


def plan_file(
    source: str | Path,
    target: str,
    *,
    draft: str | None = None,
    max_new_tokens: int = 128,
    deployment: Deployment | None = None,
    engine: Engine | None = None,
    cost_model: costmodel.CostModel | None = None,
) -> JobPlan:
    """Plan ``specq submit SOURCE --target TARGET`` without submitting: nothing is written."""
    dep = deployment or load_deployment()
    try:
        spec = dep.target(target)
        if draft is not None and draft != NO_DRAFT and draft not in dep.pairings(target):
            raise PlanError(f"draft {draft!r} does not serve target {target!r} in {dep.source}")
    except ValueError as exc:
        raise PlanError(str(exc)) from exc
    if not Path(source).is_file():
        raise PlanError(f"input file {source} does not exist")
    tokenizer = load_target_tokenizer(target, resolve_model_path(dep, spec.path, build=False))
    if tokenizer is None:
        raise PlanError(
            f"target {target!r} ({spec.path}) has no tokenizer.json on this machine to count tokens with"
        )
    report = validate_lines(
        read_input(source),
        target=target,
        defaults=SamplingDefaults(max_new_tokens=max_new_tokens),
        tokenizer=tokenizer,
    )
    prompts = report.prompts
    texts = [p.text if p.messages is None else tokenizer.render(p.messages) for p in prompts]
    counts = [p.prompt_tokens if p.prompt_tokens is not None else None for p in prompts]
    missing = [i for i, c in enumerate(counts) if c is None]
    for i, n in zip(missing, tokenizer.count([texts[i] or "" for i in missing]), strict=True):
        counts[i] = n
    tasks = _classify(dep, [task_prompt_text(p.text, p.messages) for p in prompts])
    budgets = [int((p.params or {}).get("max_new_tokens", max_new_tokens)) for p in prompts]
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine, read_only=True) as s:
        groups = _groups(
            s, dep, target, zip(tasks, [int(c or 0) for c in counts], budgets, strict=True), draft
        )
        return plan_groups(s, dep, target, groups, invalid=len(report.errors), cost_model=cost_model)


def job_plan(session: Session, job: Job, deployment: Deployment | None = None) -> JobPlan | None:
    """The plan of a job already in SQL (every prompt), for ``specq status``; None when its
    models are not on this machine. Prompt lengths come from a sample of :data:`STATUS_SAMPLE`
    prompts counted with the target's tokenizer; unrouted prompts plan as the default task."""
    dep = deployment or load_deployment()
    try:
        spec = dep.target(job.target)
    except ValueError:
        return None
    tokenizer = load_target_tokenizer(job.target, resolve_model_path(dep, spec.path, build=False))
    if tokenizer is None:
        return None
    default_new = int((job.params or {}).get("max_new_tokens", 128))
    sample = session.execute(
        select(Prompt.text, Prompt.messages, Prompt.params, Prompt.prompt_tokens)
        .where(Prompt.job_id == job.id)
        .order_by(Prompt.id)
        .limit(STATUS_SAMPLE)
    ).all()
    if not sample:
        return None
    lengths = []
    for text, messages, _, n in sample:
        if n is not None:
            lengths.append(n)
        else:
            body = text if messages is None else tokenizer.render(messages)
            lengths.append(tokenizer.count([body or ""])[0])
    mean_prompt = sum(lengths) / len(lengths)
    mean_new = sum(int((p or {}).get("max_new_tokens", default_new)) for _, _, p, _ in sample) / len(sample)
    pinned = (job.params or {}).get("draft")
    counts = session.execute(
        select(Prompt.task, Prompt.draft, func.count())
        .where(Prompt.job_id == job.id)
        .group_by(Prompt.task, Prompt.draft)
    ).all()
    by_group: dict[tuple[str, str], int] = defaultdict(int)
    for task, draft, n in counts:
        t = task or DEFAULT_TASK
        d = draft or _draft_for(session, dep, job.target, t, pinned)
        by_group[t, d] += int(n)
    groups = [PromptGroup(t, d, n, mean_prompt, mean_new) for (t, d), n in sorted(by_group.items())]
    try:
        return plan_groups(session, dep, job.target, groups)
    except PlanError:
        return None


# ---------------------------------------------------------------------------------------------
# The ETA of `specq status`
# ---------------------------------------------------------------------------------------------

_plan_cache: dict[str, tuple[float, float | None]] = {}  # job id -> (monotonic stamp, planned seconds)
PLAN_CACHE_S = 30.0  # a status poll every 0.5 s (`specq run`) re-plans a job at most this often


def planned_seconds(session: Session, job: Job) -> float | None:
    """The plan's wall seconds for the whole job (cached per process for :data:`PLAN_CACHE_S`)."""
    now = time.monotonic()
    hit = _plan_cache.get(job.id)
    if hit is not None and now - hit[0] < PLAN_CACHE_S:
        return hit[1]
    try:
        plan = job_plan(session, job)
    except Exception:  # noqa: BLE001 - an ETA is advisory: status must answer whatever the plan hits
        log.warning("job %s: no planned ETA", job.id, exc_info=True)
        plan = None
    seconds = plan.seconds if plan is not None else None
    _plan_cache[job.id] = (now, seconds)
    return seconds


def job_eta(planned_s: float | None, elapsed_s: float | None, finished: int, total: int) -> float | None:
    """Seconds left: the plan before any prompt has finished, the measured rate after, blended.

    With ``f = finished / total`` done, the measured ETA is ``elapsed * (total - finished) /
    finished`` and the model's is ``planned - elapsed``; the result weighs them ``f : 1 - f``
    (all model at the start, all measurement at the end). A job past its plan before its first
    result gets 0 from the model: overdue, with nothing measured to say by how much.
    """
    remaining = total - finished
    if remaining <= 0:
        return None
    elapsed = elapsed_s or 0.0
    model = max(planned_s - elapsed, 0.0) if planned_s is not None else None
    if finished <= 0 or elapsed <= 0:
        return model
    measured = elapsed * remaining / finished
    if model is None:
        return measured
    f = finished / total
    return f * measured + (1.0 - f) * model


__all__ = [
    "PRIOR_ACCEPTANCE",
    "Calibration",
    "JobPlan",
    "PairingPlan",
    "PlanError",
    "PromptGroup",
    "Speculation",
    "job_eta",
    "job_plan",
    "plan_file",
    "plan_groups",
    "planned_seconds",
]
