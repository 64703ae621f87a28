"""Alignment runs behind `specq align` and `specq bench align`.

`align_for_task` resolves the models from the deployment, keeps a task's prompts (labelled,
or routed by the router) and aligns a draft (ordinary or sorted); `register_aligned` adds
it to the deployment file and assigns it to (target, task) in the database. `bench_align`
aligns the zoo's general draft per task; `cross_matrix` adds a draft aligned on all tasks
together and measures every draft on every task.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.errors import OptionError
from specq.progress import Progress

if TYPE_CHECKING:
    from models.align import AlignConfig, AlignResult, PromptRecord
    from models.zoo import ZooPaths
    from specq.deployment import Deployment

logger = logging.getLogger(__name__)

# status(message) -> a context manager shown while a long step runs (the CLI passes a spinner).
Status = Callable[[str], AbstractContextManager[Any]]


def _no_status(message: str) -> AbstractContextManager[Any]:
    return contextlib.nullcontext()


def resolve_model(dep: Deployment, name: str, kind: str) -> tuple[str, str | None]:
    """(loadable path, deployment name or None) of a --target / --base-draft value."""
    from models.zoo.resolve import resolve_model_path

    table = dep.targets if kind == "target" else dep.drafts
    option = f"--{'target' if kind == 'target' else 'base-draft'}"
    if name in table:
        spec_path = table[name].path
        if spec_path is None:
            why = "a prompt-lookup draft cannot be aligned"
            raise OptionError(f"{kind} {name!r} in {dep.source} has no model path ({why})")
        resolved = resolve_model_path(dep, spec_path)
        assert resolved is not None  # build=True always resolves
        return resolved, name
    if Path(name).is_dir():
        return name, None
    known = ", ".join(sorted(table)) or "(none)"
    raise OptionError(f"{name!r} is neither a {kind} of {dep.source} ({known}) nor a model directory", option)


def of_task(
    records: list[PromptRecord],
    task: str,
    router_dir: Path | None,
    source: Path | None,
    allow_none: bool = False,
    note: Callable[[str], None] = logger.info,
) -> list[PromptRecord]:
    """The records of `task`: labelled ones as labelled, unlabelled ones as the router classifies them."""
    from models.tasks import load_router
    from specq.chat import prompt_text

    unlabelled = [i for i, r in enumerate(records) if r.task is None]
    if not unlabelled or router_dir is None or not Path(router_dir).is_dir():
        return records
    labels = load_router(router_dir).classify(
        [prompt_text(records[i].prompt, records[i].messages) for i in unlabelled]
    )
    drop = {i for i, label in zip(unlabelled, labels, strict=True) if label != task}
    kept = [r for i, r in enumerate(records) if i not in drop]
    note(
        f"{source}: the router at {router_dir} classified {len(unlabelled)} unlabelled prompt(s); "
        f"{len(unlabelled) - len(drop)} are task {task!r}"
    )
    if not kept and not allow_none:
        raise ValueError(f"{source}: no prompt is task {task!r} (labelled or routed by {router_dir})")
    return kept


def align_for_task(
    dep: Deployment,
    target: str,
    base_draft: str,
    prompts: Path,
    out: Path,
    config: AlignConfig,
    *,
    task: str | None,
    router: Path | None,
    eval_prompts: Path | None,
    sorted_draft: bool,
    register: bool,
    note: Callable[[str], None] = logger.info,
    progress: Progress | bool = True,
) -> tuple[AlignResult, str | None]:
    """Align ``base_draft`` with ``target`` on ``task``'s prompts: (the result, the target's deployment name).

    ``target`` and ``base_draft`` are deployment names or model directories. With ``task``,
    unlabelled prompts are kept when the router (``router``, else the deployment's) classifies
    them as ``task``. ``register`` only checks here that the target is a deployment name.
    """
    from models.align import align_draft, align_sorted, read_prompts
    from specq.settings import get_settings

    settings = get_settings()
    target_path, target_name = resolve_model(dep, target, "target")
    draft_path, _ = resolve_model(dep, base_draft, "draft")
    if register and target_name is None:
        raise OptionError(f"--register needs a target named in {dep.source}, not a directory", "--target")
    records = read_prompts(prompts, task)
    eval_records = None if eval_prompts is None else read_prompts(eval_prompts, task)
    if task is not None:
        router_dir = router or dep.router_path
        records = of_task(records, task, router_dir, prompts, note=note)
        if eval_records is not None:
            eval_records = of_task(eval_records, task, router_dir, eval_prompts, allow_none=True, note=note)
            if not eval_records:
                note(
                    f"[yellow]{eval_prompts} has no prompt of task {task!r}: holding out a share of "
                    f"{prompts} for the measurement instead[/]"
                )
                eval_records = None
    result = (align_sorted if sorted_draft else align_draft)(
        target_path,
        draft_path,
        records,
        out,
        task=task,
        eval_prompts=eval_records,
        config=config,
        device=settings.device,
        trust_remote_code=settings.trust_remote_code,
        progress=progress,
    )
    return result, target_name


def draft_name(task: str, target: str) -> str:
    """The default name of the draft aligned for (target, task)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"aligned-{task}-{target}")


def register_aligned(dep: Deployment, target: str, task: str, name: str, result: AlignResult) -> Path:
    """Add [drafts.<name>] to the deployment file and assign it to (target, task); returns the file."""
    from db.queries import set_assignment
    from db.schema import AssignmentSource
    from db.session import init_db, session_scope
    from models.drafts.sorted import fixed_exit_thresholds
    from specq.deployment import DraftSpec
    from specq.settings import get_settings

    path = str(result.out_dir.resolve())
    if result.exits:
        # Until `specq calibrate` runs: the deepest exit alone, the setting the report measured.
        n_exits = len(result.exits)
        thresholds = {target: fixed_exit_thresholds(n_exits, n_exits - 1)}
        spec = DraftSpec(name=name, kind="sorted", targets=(target,), path=path, thresholds=thresholds)
    else:
        spec = DraftSpec(name=name, kind="model", targets=(target,), path=path)
    dest = dep.path or get_settings().config_file
    dep.add_draft(spec, path=dest)
    init_db()
    with session_scope() as session:
        set_assignment(
            session,
            target,
            task,
            name,
            acceptance=result.after.rate,
            mean_accepted=result.after.mean_accepted,
            samples=result.after.drafted,
            source=AssignmentSource.ALIGN,
            reason=(
                f"specq align ({result.method}): greedy acceptance {result.before.rate:.3f} -> "
                f"{result.after.rate:.3f} on {result.eval_prompts} held-out prompts"
            ),
            evidence=result.to_dict(),
        )
    return dest


@dataclass
class AlignBench:
    """What `bench_align` did: the zoo, the recipe, one result per task."""

    paths: ZooPaths
    target_dir: Path
    tasks: list[str]
    base: Path  # aligned drafts are under base/<task>
    config: AlignConfig
    results: list[AlignResult]


def bench_align(
    preset: str,
    target: str,
    tasks: Sequence[str] | None,
    config: AlignConfig,
    out: Path | None,
    note: Callable[[str], None] = logger.info,
) -> AlignBench:
    """Align the zoo's general draft with ``target`` on each task (default all); measure each."""
    from models.align import align_draft
    from models.zoo import build_zoo
    from specq.settings import get_settings

    settings = get_settings()
    paths = build_zoo(preset, root=settings.zoo_dir, progress=True)
    target_dir = paths.path(target)
    chosen = list(tasks or paths.tasks)
    unknown = [t for t in chosen if t not in paths.tasks]
    if unknown:
        raise ValueError(f"unknown task(s) {unknown}; the {preset} zoo has {paths.tasks}")
    base = out or paths.root / f"aligned-{target}-{config.method}"
    results = []
    for task in chosen:
        note(f"[bold]{task}[/]: aligning the general draft to {target}")
        results.append(
            align_draft(
                target_dir,
                paths.draft,
                paths.align_prompts[task],
                base / task,
                task=task,
                eval_prompts=paths.prompts[task],
                config=config,
                device=settings.device,
                progress=True,
            )
        )
    return AlignBench(paths, target_dir, chosen, base, config, results)


@dataclass
class CrossMatrix:
    """Greedy acceptance of every draft (rows) on every task's held-out prompts (columns)."""

    tasks: list[str]
    rates: dict[str, list[float]]  # draft label -> acceptance per task, in `tasks` order
    together: AlignResult  # the draft aligned on all tasks together


def cross_matrix(
    bench: AlignBench, note: Callable[[str], None] = logger.info, status: Status = _no_status
) -> CrossMatrix:
    """Align one draft on all of ``bench``'s tasks together; every draft's acceptance on every task."""
    import torch

    from models.align import align_draft, encode_prompts, measure_acceptance, read_prompts
    from models.loading import load_model_and_tokenizer
    from specq.settings import get_settings

    device = get_settings().device
    paths, tasks, config = bench.paths, bench.tasks, bench.config
    mixed = [r for t in tasks for r in read_prompts(paths.align_prompts[t], t)]
    held_out = {t: read_prompts(paths.prompts[t], t) for t in tasks}
    note(f"[bold]all tasks[/]: aligning one draft on the {len(mixed)} prompts of {', '.join(tasks)}")
    together = align_draft(
        bench.target_dir,
        paths.draft,
        mixed,
        bench.base / "all-tasks",
        eval_prompts=[r for t in tasks for r in held_out[t]],
        config=config,
        device=device,
        progress=True,
    )
    target, tokenizer = load_model_and_tokenizer(bench.target_dir, device=device)
    context = int(target.config.max_position_embeddings) - config.eval_max_new_tokens
    ids = {t: encode_prompts(tokenizer, held_out[t], context) for t in tasks}
    drafts = {"general": Path(paths.draft), **{f"aligned on {t}": bench.base / t for t in tasks}}
    drafts["aligned on all tasks"] = together.out_dir
    rates: dict[str, list[float]] = {}
    with status("measuring every draft on every task"):
        for name, path in drafts.items():
            draft, _ = load_model_and_tokenizer(path, device=target.device, dtype=torch.float32)
            rates[name] = [
                measure_acceptance(
                    target, draft, ids[t], config.eval_k, config.eval_max_new_tokens, config.gen_batch_size
                ).rate
                for t in tasks
            ]
    return CrossMatrix(list(tasks), rates, together)
