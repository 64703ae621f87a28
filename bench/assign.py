"""Offline draft assignment (`specq assign`): measure every candidate draft per sub-task, store the best.

For each sub-task, a seeded sample of its prompts (a file classified by the router, or the
router's own training prompts with their cluster labels) is decoded by every candidate
draft through the decode workers' runtime; the draft with the most accepted tokens per
step goes into ``assignments`` (``workers.assignment.store_offline_assignments``). Plain decoding
is measured on the same prompts too (unless ``plain=False``), and a task whose best draft decodes
slower than plain decoding gets ``none`` (``workers.assignment.choose_offline``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.prompts import InputPrompt, read_prompts, readable
from specq.progress import Progress, as_progress


@dataclass(frozen=True)
class AssignConfig:
    """What `specq assign` measures; every field has a flag of the same name."""

    target: str
    router: Path
    drafts: tuple[str, ...] = ()  # empty: every draft serving the target
    plain: bool = True  # measure plain decoding too; a task no draft speeds up gets "none"
    file: Path | None = None  # None: the prompts the router was trained on
    sample: int = 16  # prompts per sub-task
    max_new_tokens: int = 64
    batch_size: int = 8
    seed: int = 0


@dataclass
class AssignResult:
    """Every (task, draft) measurement, the draft stored per task, prompts skipped as too long."""

    target: str
    measured: dict[str, dict[str, Any]]  # task -> draft -> workers.assignment.DraftMeasurement
    chosen: dict[str, str]  # task -> assigned draft
    skipped: int


def prompts_by_task(
    file: Path | None, router_dir: Path, sample: int, seed: int
) -> dict[str, list[InputPrompt]]:
    """A seeded sample of each sub-task's prompts: FILE classified by the router, else the
    router's own training prompts with their cluster labels."""
    from models.tasks import LABELS_FILE, load_router, read_labels

    model = load_router(router_dir)
    if file is not None:
        good = readable(read_prompts(file))
        labels = model.classify([r.text or "" for r in good])
    else:
        source = model.manifest.source_file
        if not source or not Path(source).is_file():
            raise ValueError(
                f"{router_dir} was trained on {source!r}, which is not readable here; "
                "pass the prompts to measure on as FILE"
            )
        by_line = {r.line: r.label for r in read_labels(router_dir / LABELS_FILE)}
        good = [r for r in readable(read_prompts(Path(source))) if by_line.get(r.line)]
        labels = [str(by_line[r.line]) for r in good]
    groups: dict[str, list[InputPrompt]] = defaultdict(list)
    for r, label in zip(good, labels, strict=True):
        groups[label].append(r)
    rng = random.Random(seed)
    return {t: rng.sample(rs, min(sample, len(rs))) for t, rs in sorted(groups.items())}


def measure_assignment(
    config: AssignConfig,
    deployment: Any,
    *,
    status: Callable[[str], None] = lambda message: None,
    progress: Progress | None = None,
) -> AssignResult:
    """Measure the candidate drafts of ``deployment`` (a :class:`specq.deployment.Deployment`) on
    each sub-task's prompts; ``chosen`` is the best draft per task, stored nowhere.

    Raises ValueError (DeploymentError, RouterArtifactError) for a bad deployment, router or input.
    """
    from specq.deployment import NO_DRAFT

    serving = deployment.pairings(config.target)
    names = list(config.drafts) or serving
    unknown = [d for d in names if d not in serving]
    if unknown or not names:
        raise ValueError(
            f"draft(s) {', '.join(unknown) or '(none given)'} do not serve {config.target} in "
            f"{deployment.source}; it is paired with: {', '.join(serving) or 'no draft'} "
            "(register one with specq align --register)"
        )
    by_task = prompts_by_task(config.file, config.router, config.sample, config.seed)
    if not by_task:
        raise ValueError("no prompts to measure on")

    from workers.assignment import choose_offline, measure_drafts
    from workers.prompts import WorkItem, tokenize
    from workers.runtime import Runtime

    runtime = Runtime(deployment)
    shown = as_progress(progress)
    status(f"loading {config.target}...")
    with shown.status(f"loading {config.target}"):
        loaded = runtime.target(config.target)
    room = (loaded.context_length or 10**9) - config.max_new_tokens
    token_ids: dict[str, list[list[int]]] = {}
    skipped = 0
    for task, rows in by_task.items():
        ids = [
            tokenize(loaded.tokenizer, WorkItem(r.line, task, None if r.messages else r.text, r.messages, {}))
            for r in rows
        ]
        kept = [t for t in ids if 0 < len(t) <= room]
        skipped += len(ids) - len(kept)
        if kept:
            token_ids[task] = kept
    total = len(token_ids) * (len(names) + config.plain)
    done = [0]
    with shown.stage("measure drafts per sub-task", total, unit="(task, draft)") as stage:

        def measuring(task: str, draft: str) -> None:  # called before each measurement
            done[0] += 1
            status(f"measuring {draft} on {task} ({done[0]}/{total})")
            stage.update(done[0] - 1, now=f"{draft} on {task}")

        measured = measure_drafts(
            runtime,
            config.target,
            [*names, NO_DRAFT] if config.plain else names,
            token_ids,
            max_new_tokens=config.max_new_tokens,
            batch_size=config.batch_size,
            progress=measuring,
        )
        stage.update(total)
    chosen = {}
    for task, by_draft in measured.items():
        choice = choose_offline(by_draft)
        if choice is not None:
            chosen[task] = choice[0]
    return AssignResult(config.target, measured, chosen, skipped)


def assign_drafts(
    config: AssignConfig,
    *,
    status: Callable[[str], None] = lambda message: None,
    progress: Progress | None = None,
) -> AssignResult:
    """Measure the candidate drafts on each sub-task's prompts and store the best per task.

    ``status`` hears each step by name; ``progress`` gets loading the target as a stage and
    the measurements as one stage of (task, draft) steps with a rate and an ETA.

    Raises ValueError (DeploymentError, RouterArtifactError) for a bad deployment, router or input.
    """
    from db.session import init_db, session_scope
    from specq.deployment import load_deployment
    from workers.assignment import store_offline_assignments

    result = measure_assignment(config, load_deployment(), status=status, progress=progress)
    init_db()
    with session_scope() as session:
        chosen = store_offline_assignments(session, config.target, result.measured)
    return AssignResult(config.target, result.measured, dict(chosen), result.skipped)
