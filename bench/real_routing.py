"""The task-routed real deployment: a router over the real zoo's prompts, a measured draft per task.

`specq zoo route --preset real` (and `specq demo`) run it on a built real zoo
(:mod:`models.zoo.real`):

1. the alignment prompts of every Spec-Bench category, without their category, go to
   ``prompts/align.jsonl``; the held-out prompts stay out of it (all of them, for evaluating
   the routed deployment, go to ``prompts/heldout.jsonl``);
2. ``specq partition`` on that file (:func:`bench.partition.partition_file`) writes the
   router to ``<zoo>/router``: its sub-tasks are found, not given;
3. every draft the deployment registers for the target decodes a seeded sample of each
   sub-task's prompts, as ``specq assign`` measures (:func:`bench.assign.measure_assignment`,
   greedy, the decode workers' runtime); the draft with the most accepted tokens per target
   step is the task's draft, the metric the online re-assignment uses, unless plain decoding,
   measured on the same prompts, was faster than it (tokens per CPU second on a CPU): then the
   task gets ``none`` (:func:`workers.assignment.choose_offline`);
4. the deployment file gets ``[router] path`` and the target's ``task_drafts``; every
   measurement goes to ``routing.json``.

The result is cached: ``routing.json`` records a key over the prompts, the drafts registered
and the settings above, and a second call with the same key reads it back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from models.zoo.real import RealZooPaths
from specq.progress import Progress, as_progress

log = logging.getLogger(__name__)

ROUTING_VERSION = "2"  # 2: plain decoding is a candidate
ROUTING_FILE = "routing.json"
ROUTER_DIR = "router"
ALIGN_FILE = "align.jsonl"
HELDOUT_FILE = "heldout.jsonl"


@dataclass(frozen=True)
class RoutingConfig:
    """How the router is trained and the drafts measured (part of the cache key)."""

    sample: int = 4  # alignment prompts per sub-task each draft decodes
    max_new_tokens: int = 32
    batch_size: int = 8
    featurizer: str = "auto"  # of `specq partition`: MiniLM when installed, else TF-IDF
    seed: int = 0


@dataclass(frozen=True)
class RoutedDeployment:
    """A real zoo whose deployment routes prompts to sub-tasks and each sub-task to a draft."""

    deployment: Path
    router: Path
    task_drafts: dict[str, str]  # sub-task -> its draft
    record: dict[str, Any]  # what routing.json holds
    cached: bool


def align_prompt_file(zoo: RealZooPaths) -> Path:
    """Write every category's alignment prompts, without the category, to ``prompts/align.jsonl``."""
    dest = zoo.root / "prompts" / ALIGN_FILE
    lines = []
    for task in zoo.tasks:
        for raw in zoo.align_prompts[task].read_text(encoding="utf-8").splitlines():
            if raw.strip():
                row = json.loads(raw)
                lines.append(json.dumps({"custom_id": row["custom_id"], "messages": row["messages"]}))
    text = "\n".join(lines) + "\n"
    if not dest.is_file() or dest.read_text(encoding="utf-8") != text:
        dest.write_text(text, encoding="utf-8")
    return dest


def heldout_prompt_file(zoo: RealZooPaths) -> Path:
    """Write every category's held-out prompts to ``prompts/heldout.jsonl`` (the evaluation set of
    the routed deployment: none of them trains the router or chooses a draft)."""
    dest = zoo.root / "prompts" / HELDOUT_FILE
    text = "".join(zoo.prompts[task].read_text(encoding="utf-8") for task in zoo.tasks)
    if not dest.is_file() or dest.read_text(encoding="utf-8") != text:
        dest.write_text(text, encoding="utf-8")
    return dest


def routing_key(zoo: RealZooPaths, config: RoutingConfig, prompts: Path) -> str:
    """Hash of what the routing depends on: prompts, the drafts serving the target, the config."""
    from models.tasks import ROUTER_VERSION
    from specq.deployment import load_deployment

    dep = load_deployment(zoo.deployment)
    drafts = {d: [dep.drafts[d].kind, dep.drafts[d].path] for d in dep.pairings(zoo.target)}
    blob = json.dumps(
        {
            "version": ROUTING_VERSION,
            "router_version": ROUTER_VERSION,  # a router this specq cannot load is trained again
            "config": asdict(config),
            "prompts": hashlib.sha256(prompts.read_bytes()).hexdigest(),
            "target": [zoo.target, dep.target(zoo.target).path],
            "drafts": drafts,
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def route_real_zoo(
    zoo: RealZooPaths, config: RoutingConfig | None = None, *, progress: Progress | None = None
) -> RoutedDeployment:
    """Train the router on ``zoo``'s alignment prompts, measure each sub-task's drafts, write the
    deployment's router and task drafts (or return the cached result of an identical run)."""
    from bench.assign import AssignConfig, measure_assignment
    from bench.partition import partition_file
    from specq.deployment import load_deployment

    config = config or RoutingConfig()
    shown = as_progress(progress)
    prompts = align_prompt_file(zoo)
    heldout_prompt_file(zoo)
    key = routing_key(zoo, config, prompts)
    record_path = zoo.root / ROUTING_FILE
    router_dir = zoo.root / ROUTER_DIR
    cached = _read_cached(record_path, key, router_dir)
    if cached is not None:
        dep = load_deployment(zoo.deployment)
        if dep.router_path == router_dir and dep.target(zoo.target).task_drafts == cached["task_drafts"]:
            return RoutedDeployment(zoo.deployment, router_dir, dict(cached["task_drafts"]), cached, True)

    started = time.perf_counter()
    part = partition_file(prompts, router_dir, featurizer=config.featurizer, seed=config.seed, progress=shown)
    partition_s = time.perf_counter() - started
    dep = load_deployment(zoo.deployment)
    assign = AssignConfig(
        target=zoo.target,
        router=router_dir,
        sample=config.sample,
        max_new_tokens=config.max_new_tokens,
        batch_size=config.batch_size,
        seed=config.seed,
    )
    started = time.perf_counter()
    result = measure_assignment(assign, dep, progress=shown)
    measure_s = time.perf_counter() - started
    dep.set_router(router_dir)
    dep.set_task_drafts(zoo.target, result.chosen)
    record = {
        "key": key,
        "config": asdict(config),
        "prompts": str(prompts),
        "router": {
            "featurizer": part.partition.featurizer,
            "k": part.partition.k,
            "sizes": dict(zip(part.partition.names, part.partition.sizes(), strict=True)),
            "heldout_accuracy": part.router.manifest.heldout_accuracy,
        },
        "measured": {
            task: {
                draft: {
                    "prompts": m.measure.prompts,
                    "drafted": m.measure.drafted,
                    "accepted": m.measure.accepted,
                    "steps": m.measure.steps,
                    "acceptance": m.measure.acceptance,
                    "accepted_per_step": m.measure.mean_accepted,
                    "output_tokens": m.output_tokens,
                    "tokens_per_s": round(m.tokens_per_second, 2),
                    "tokens_per_cpu_s": round(m.output_tokens / m.cpu_seconds, 2) if m.cpu_seconds else None,
                }
                for draft, m in by_draft.items()
            }
            for task, by_draft in result.measured.items()
        },
        "task_drafts": result.chosen,
        "skipped_prompts": result.skipped,
        "seconds": {"partition": round(partition_s, 1), "measure": round(measure_s, 1)},
    }
    tmp = record_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=2) + "\n")
    tmp.replace(record_path)
    log.info("real zoo routed: %d sub-tasks, drafts %s", part.partition.k, result.chosen)
    return RoutedDeployment(zoo.deployment, router_dir, dict(result.chosen), record, False)


def _read_cached(record_path: Path, key: str, router_dir: Path) -> dict[str, Any] | None:
    from models.tasks import RouterArtifactError, load_router

    if not record_path.is_file() or not router_dir.is_dir():
        return None
    try:
        record = json.loads(record_path.read_text())
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    try:
        load_router(router_dir)  # what the routing worker will load
    except RouterArtifactError as exc:
        log.warning("cached router %s unusable (%s); training it again", router_dir, exc)
        return None
    return record
