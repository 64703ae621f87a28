"""Routing: classify a chunk of prompts into sub-tasks, pick each one's draft, emit decode batches.

``route_chunk(job_id, first_prompt_id, last_prompt_id)`` is the Celery task (queue
``specq.route``); :func:`plan_chunk` is the library function behind it, testable without a
broker. The plan is deterministic for a given chunk and database state (the exploration
RNG is seeded from the chunk, batch ids hash their contents), so a redelivered message
re-creates the same batches instead of adding new ones.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db import queries
from db.schema import TERMINAL_JOB_STATUSES, Job, JobPriority, Prompt
from db.session import session_scope
from models.tasks import FALLBACK_LABEL, Router, RouterArtifactError, load_router
from models.zoo.resolve import resolve_model_path
from specq.broker import MIXED_DRAFT, ROUTE_QUEUE, ROUTE_TASK, Pairing, target_queue
from specq.chat import prompt_text as task_prompt_text
from specq.deployment import NO_DRAFT, Deployment, load_deployment
from specq.settings import get_settings
from workers.app import celery_app, send_decode

log = logging.getLogger(__name__)

# The task of prompts no router labels (none trained yet, or the router is unsure of them).
DEFAULT_TASK = FALLBACK_LABEL


DraftChooser = Callable[[Session, Deployment, str, str, random.Random], tuple[str, bool]]


@dataclass(frozen=True)
class PlannedBatch:
    """One decode message: prompts of one target, similar lengths together, of any sub-task and
    draft (each prompt's own are on its row); ``draft``/``task`` name the one all share, else
    ``MIXED_DRAFT``/None."""

    batch_id: str
    job_id: str
    target: str
    draft: str
    task: str | None
    prompt_ids: list[int]
    explored: bool  # holds prompts sent to a draft other than the assigned one, to keep measuring it
    interactive: bool = False  # its job takes the interactive lane

    @property
    def pairing(self) -> str:
        return Pairing(self.target, self.draft).key

    @property
    def queue(self) -> str:
        return target_queue(self.target, interactive=self.interactive)


# ---------------------------------------------------------------------------------------------
# Per-process caches: the router artifact and the draft chooser are loaded once.
# ---------------------------------------------------------------------------------------------

_router_lock = threading.Lock()
_router_cache: dict[str, tuple[float, Router]] = {}


def load_router_cached(path: Path | None) -> Router | None:
    """The router at ``path``, loaded once per process (reloaded when the artifact changes).

    None when no router is configured or trained yet: every prompt then gets the task "default".
    """
    if path is None or not path.exists():
        return None
    stamp = max((p.stat().st_mtime for p in [path, *path.rglob("*")]), default=0.0)
    key = str(path.resolve())
    with _router_lock:
        cached = _router_cache.get(key)
        if cached is None or cached[0] != stamp:
            log.info("loading router %s", path)
            try:
                _router_cache[key] = (stamp, load_router(path))
            except RouterArtifactError as exc:
                # Dropping the chunk would strand its prompts; route them to the default drafts instead.
                log.error("router %s unusable (%s); routing to task %r until fixed", path, exc, DEFAULT_TASK)
                return None
        return _router_cache[key][1]


def _assignment_or_default(
    session: Session, deployment: Deployment, target: str, task: str, rng: random.Random
) -> tuple[str, bool]:
    """A chooser without exploration: the assigned draft, never flagged as exploring."""
    from workers.assignment import assigned_draft

    return assigned_draft(session, deployment, target, task), False


def draft_chooser() -> DraftChooser:
    """``workers.assignment.choose_draft``: the online policy, with exploration.

    Imported on first use: it loads the policy module of ``models.tasks`` (scikit-learn and all),
    which routing without a policy (tests, ``specq plan``) never needs.
    """
    from workers.assignment import choose_draft

    return choose_draft  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# Batch sizes
# ---------------------------------------------------------------------------------------------


def batch_size_cap(
    deployment: Deployment, target: str, draft: str, prompt_tokens: int, max_new_tokens: int
) -> int:
    """Prompts per decode batch: the configured maximum, capped by what the cost model predicts
    fits the worker's memory budget (``SPECQ_WORKER_MEMORY_MIB``) for rows this long."""
    settings = get_settings()
    cap = deployment.target(target).max_batch_size or settings.max_batch_size
    from models import costmodel  # light: no torch at import

    target_path = resolve_model_path(deployment, deployment.target(target).path, build=False)
    if target_path is None:  # a zoo model not built yet: no config to read
        return cap
    spec = deployment.drafts.get(draft)
    draft_path = None
    if spec is not None and spec.path:
        draft_path = resolve_model_path(deployment, spec.path, build=False)
    if spec is None:  # plain decoding
        k = 0
    elif isinstance(spec.k, int):
        k = spec.k
    else:  # "auto": size for the longest draft the adaptive policy may choose
        from models.engine.adaptive import AdaptiveConfig

        k = AdaptiveConfig().max_k
    return int(
        costmodel.max_batch_size(
            target_path,
            draft_path,
            context=prompt_tokens + max_new_tokens,
            k=k,
            memory_budget_bytes=settings.worker_memory_mib * 2**20,
            cap=cap,
            prompt_tokens=prompt_tokens,
            # Activation sizes only; no step-time micro-benchmark in the router.
            cost_model=costmodel.get_cost_model(calibrate=False),
        )
    )


# ---------------------------------------------------------------------------------------------
# Planning (library code: no broker)
# ---------------------------------------------------------------------------------------------


def prompt_text(prompt: Prompt) -> str:
    """The text the classifier sees: the prompt, or the chat's message contents joined."""
    return task_prompt_text(prompt.text, prompt.messages)


def _length(prompt: Prompt) -> int:
    # Token counts when the producer measured them, else characters (same order, roughly).
    return prompt.prompt_tokens if prompt.prompt_tokens is not None else len(prompt_text(prompt))


def _batch_id(job_id: str, target: str, draft: str, prompt_ids: Sequence[int]) -> str:
    digest = hashlib.sha256(f"{job_id}|{target}|{draft}|{','.join(map(str, prompt_ids))}".encode())
    return digest.hexdigest()[:32]


def _max_new_tokens(job: Job, prompts: Sequence[Prompt]) -> int:
    default = int(job.params.get("max_new_tokens", 64))
    return max(int((p.params or {}).get("max_new_tokens", default)) for p in prompts)


def plan_chunk(
    session: Session,
    job_id: str,
    first_prompt_id: int,
    last_prompt_id: int,
    *,
    deployment: Deployment,
    router: Router | None,
    choose_draft: DraftChooser | None = None,
) -> list[PlannedBatch]:
    """Route the unfinished prompts of a chunk; store task/draft on them and record the batches.

    Returns the batches to enqueue (the caller sends them after committing). A job that is
    cancelled, finished or unknown yields no batches.
    """
    job = queries.get_job(session, job_id)
    if job is None:
        log.warning("route_chunk: job %s does not exist (deleted?); dropping the chunk", job_id)
        return []
    if job.cancel_requested or job.status in TERMINAL_JOB_STATUSES:
        log.info("route_chunk: job %s is %s; not routing", job_id, job.status)
        return []
    prompts = queries.prompts_in_range(session, job_id, first_prompt_id, last_prompt_id)  # unfinished only
    if not prompts:
        return []
    target = job.target
    pinned = job.params.get("draft")  # e.g. "none": a plain-decoding baseline job
    if pinned is not None and pinned != NO_DRAFT and pinned not in deployment.pairings(target):
        raise ValueError(
            f"job {job_id} pins draft {pinned!r}, which does not serve {target} in {deployment.source}"
        )

    if router is None:
        tasks = [DEFAULT_TASK] * len(prompts)
    else:
        tasks = router.classify([prompt_text(p) for p in prompts])
        if len(tasks) != len(prompts):
            raise RuntimeError(f"router returned {len(tasks)} labels for {len(prompts)} prompts")

    by_task: dict[str, list[Prompt]] = defaultdict(list)
    for prompt, task in zip(prompts, tasks, strict=True):
        by_task[str(task)].append(prompt)

    chooser = choose_draft or draft_chooser()
    # Seeded by the chunk: a redelivered message explores the same way and re-creates the same batches.
    rng = random.Random(f"{job_id}:{first_prompt_id}:{last_prompt_id}")
    routes: list[queries.PromptRoute] = []
    batches: list[PlannedBatch] = []
    base_cap = deployment.target(target).max_batch_size or get_settings().max_batch_size
    chosen: dict[int, tuple[str, str, bool]] = {}  # prompt id -> (task, draft, explored)
    for task in sorted(by_task):
        group = sorted(by_task[task], key=lambda p: (_length(p), p.id))
        # One draft decision per slab of a batch's size, as many as the policy would see batches.
        for i in range(0, len(group), base_cap):
            slab = group[i : i + base_cap]
            if pinned is not None:
                draft, explored = str(pinned), False
            else:
                draft, explored = chooser(session, deployment, target, task, rng)
            chosen.update({p.id: (task, draft, explored) for p in slab})
            routes += [queries.PromptRoute(p.id, task, draft) for p in slab]

    # One queue per target: batches fill across sub-tasks and drafts, shortest prompts first; the
    # decode worker's session runs each row with its own draft, one target forward for all.
    pool = sorted(prompts, key=lambda p: (_length(p), p.id))
    i = 0
    while i < len(pool):
        slab = pool[i : i + base_cap]
        drafts = sorted({chosen[p.id][1] for p in slab})
        longest, new_tokens = max(_length(p) for p in slab), _max_new_tokens(job, slab)
        cap = min(batch_size_cap(deployment, target, d, longest, new_tokens) for d in drafts)
        members = slab[:cap]
        ids = [p.id for p in members]
        drafts = sorted({chosen[p.id][1] for p in members})
        tasks = sorted({chosen[p.id][0] for p in members})
        shared_draft = drafts[0] if len(drafts) == 1 else MIXED_DRAFT
        shared_task = tasks[0] if len(tasks) == 1 else None
        explored = any(chosen[p.id][2] for p in members)
        batches.append(
            PlannedBatch(
                _batch_id(job_id, target, shared_draft, ids),
                job_id,
                target,
                shared_draft,
                shared_task,
                ids,
                explored,
                job.priority == JobPriority.INTERACTIVE,
            )
        )
        i += len(members)

    queries.set_prompt_routes(session, routes)
    for b in batches:
        queries.record_batch(
            session,
            queries.BatchRow(
                id=b.batch_id,
                job_id=job_id,
                pairing=b.pairing,
                target=b.target,
                draft=b.draft,
                size=len(b.prompt_ids),
                task=b.task,
                explored=b.explored,
                prompt_ids=b.prompt_ids,
            ),
        )
    return batches


def send_batches(batches: Sequence[PlannedBatch]) -> None:
    """Enqueue ``decode_batch(batch_id)`` messages on the target's queue, or its interactive queue
    for an interactive job (the rows hold the rest)."""
    for b in batches:
        send_decode(b.batch_id, b.target, b.interactive)


def route_prompts(job_id: str, first_prompt_id: int, last_prompt_id: int) -> list[PlannedBatch]:
    """Plan the chunk in one transaction, then enqueue its batches (after the commit, so a
    decode worker never sees a batch whose routes are not visible yet)."""
    settings = get_settings()
    deployment = load_deployment()
    router = load_router_cached(deployment.router_path)
    with session_scope() as session:
        batches = plan_chunk(
            session, job_id, first_prompt_id, last_prompt_id, deployment=deployment, router=router
        )
    send_batches(batches)
    log.info(
        "routed job %s prompts %d..%d into %d batches (max %d per batch)",
        job_id,
        first_prompt_id,
        last_prompt_id,
        len(batches),
        settings.max_batch_size,
    )
    return batches


@celery_app.task(
    name=ROUTE_TASK,
    queue=ROUTE_QUEUE,
    # The database briefly unreachable or locked: the chunk is routed again, later (idempotent).
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=5,
)
def route_chunk(job_id: str, first_prompt_id: int, last_prompt_id: int) -> dict[str, Any]:
    """Celery task: route prompts ``first..last`` of the job (ids only in the message)."""
    batches = route_prompts(job_id, first_prompt_id, last_prompt_id)
    return {"job_id": job_id, "batches": len(batches), "prompts": sum(len(b.prompt_ids) for b in batches)}
