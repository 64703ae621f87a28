"""`specq zoo build`, `specq align` and `specq bench align`: the local zoo and per-task draft alignment.

Torch and the models are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import out as console

if TYPE_CHECKING:
    from models.align import AlignConfig, AlignResult, PromptRecord
    from models.zoo import ZooPaths
    from specq.deployment import Deployment

zoo_app = typer.Typer(help="The local model zoo: small Llama models trained here, saved like hub models.")


def register(app: typer.Typer) -> None:
    """Add `specq zoo ...` and `specq align` to the main app."""
    app.add_typer(zoo_app, name="zoo")
    app.command("align")(align_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench align`."""
    bench_app.command("align")(bench_align_cmd)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Mistakes in files, names and configuration end the command with their message, not a traceback."""
    from models.loading import ModelNotFoundError, TokenizerMismatchError
    from specq.deployment import DeploymentError

    try:
        yield
    except (
        DeploymentError,
        ModelNotFoundError,
        TokenizerMismatchError,
        FileNotFoundError,
        ValueError,
    ) as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc


# --------------------------------------------------------------------------------------------- zoo


@zoo_app.command("build")
def build_cmd(
    preset: str = typer.Option(
        "tiny", help="tiny (about a minute, tests and demo) or bench (tens of minutes)."
    ),
    root: Path | None = typer.Option(None, help="Zoo directory; default SPECQ_ZOO_DIR (<data dir>/zoo)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress bars."),
) -> None:
    """Build a zoo preset (or find it in the cache) and show where its models and prompt files are."""
    from models.zoo import PRESETS, build_zoo

    if preset not in PRESETS:
        raise typer.BadParameter(
            f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}", param_hint="--preset"
        )
    with _user_errors():
        paths = build_zoo(preset, root=root, progress=progress)
    manifest = json.loads(paths.manifest.read_text())
    table = Table(title=f"zoo {preset}: {paths.root}")
    for col in ("model", "directory", "final loss", "build s", "step ms b=1 (min / median)"):
        table.add_column(col)
    for name, path in paths.models().items():
        step = manifest.get("step_ms", {}).get(f"{name}@b1")
        table.add_row(
            name,
            path.name,
            str(manifest["final_loss"].get(name, "")),
            str(manifest["build_seconds"].get(name, "")),
            f"{step['min']:.2f} / {step['median']:.2f}" if step else "",
        )
    console.print(table)
    prompts_dir = paths.demo_prompts.parent
    console.print(f"held-out prompts: {prompts_dir}/<task>.jsonl, tasks: {', '.join(paths.tasks)}")
    console.print(f"demo prompts: {paths.demo_prompts}")


@zoo_app.command("measure")
def measure_cmd(
    preset: str = typer.Option("bench", help="Zoo preset whose models are timed."),
    threads: int = typer.Option(1, min=1, help="torch threads, fixed for comparable timings."),
    repeats: int = typer.Option(100, min=5, help="Timed decoding steps per model and batch size."),
    context: int = typer.Option(128, min=1, help="Tokens already in the KV cache."),
) -> None:
    """Time one cached decoding step of every zoo model; ratios are against the general draft."""
    import torch
    from transformers import AutoModelForCausalLM

    from models.zoo import build_zoo
    from models.zoo.train import measure_step
    from specq.settings import get_settings

    torch.set_num_threads(threads)
    with _user_errors():
        paths = build_zoo(preset, root=get_settings().zoo_dir, progress=True)
    names = ["draft", "target-s", "target-l"]
    costs = {}
    for name in names:
        model = AutoModelForCausalLM.from_pretrained(paths.path(name), dtype=torch.float32).eval()
        for batch in (1, 8):
            costs[name, batch] = measure_step(model, batch=batch, context=context, repeats=repeats)
    table = Table(
        title=f"{preset} zoo: one decoding step on {threads} CPU thread(s), {context} tokens cached"
    )
    for col in (
        "model",
        "b=1 min ms",
        "b=1 median ms",
        "x draft (min)",
        "b=8 min ms",
        "b=8 median ms",
        "x draft",
    ):
        table.add_column(col, justify="right")
    for name in names:
        one, eight = costs[name, 1], costs[name, 8]
        table.add_row(
            name,
            f"{one.min_ms:.2f}",
            f"{one.median_ms:.2f}",
            f"{one.min_ms / costs['draft', 1].min_ms:.1f}",
            f"{eight.min_ms:.2f}",
            f"{eight.median_ms:.2f}",
            f"{eight.min_ms / costs['draft', 8].min_ms:.1f}",
        )
    console.print(table)


# --------------------------------------------------------------------------------------------- align


def _resolve_model(dep: Deployment, name: str, kind: str) -> tuple[str, str | None]:
    """(loadable path, deployment name or None) of a --target / --base-draft value."""
    from models.zoo.resolve import resolve_model_path
    table = dep.targets if kind == "target" else dep.drafts
    if name in table:
        spec_path = table[name].path
        if spec_path is None:
            raise typer.BadParameter(
                f"{kind} {name!r} in {dep.source} has no model path (a prompt-lookup draft cannot be aligned)"
            )
        resolved = resolve_model_path(dep, spec_path)
        assert resolved is not None  # build=True always resolves
        return resolved, name
    if Path(name).is_dir():
        return name, None
    known = ", ".join(sorted(table)) or "(none)"
    raise typer.BadParameter(
        f"{name!r} is neither a {kind} of {dep.source} ({known}) nor a model directory",
        param_hint=f"--{'target' if kind == 'target' else 'base-draft'}",
    )


def align_cmd(
    target: str = typer.Option(..., help="Target: a name from specq.toml or a model directory."),
    base_draft: str = typer.Option(
        ..., help="Draft to start from: a name from specq.toml or a model directory."
    ),
    prompts: Path = typer.Option(..., exists=True, dir_okay=False, help="JSONL of the task's prompts."),
    out: Path = typer.Option(..., help="Directory for the aligned draft (save_pretrained layout)."),
    task: str | None = typer.Option(
        None,
        help="Task label: keep the prompts labelled with it; unlabelled ones are kept when the router "
        "classifies them as this task.",
    ),
    router: Path | None = typer.Option(
        None,
        help="Router directory (`specq partition --out`) that classifies prompts without a 'task' field "
        "(default: the deployment's [router] path when it exists; without a router they are all kept).",
    ),
    eval_prompts: Path | None = typer.Option(
        None,
        exists=True,
        dir_okay=False,
        help="Held-out prompts for the acceptance measurement (default: 20%).",
    ),
    method: str = typer.Option(
        "kd", help="kd (forward KL, default), ce (target tokens) or lora (kd via LoRA)."
    ),
    epochs: int = typer.Option(6, min=1, help="Passes over the target's responses."),
    max_new_tokens: int = typer.Option(64, min=1, help="Length of the target's responses."),
    temperature: float = typer.Option(0.0, min=0.0, help="Target sampling temperature for its responses."),
    seed: int = typer.Option(0, help="Seed of the split, sampling and training order."),
    register: bool = typer.Option(
        False,
        "--register",
        help="Add the draft to specq.toml and assign it to (target, task) in the database.",
    ),
    name: str | None = typer.Option(
        None, help="Draft name when registering (default aligned-<task>-<target>)."
    ),
    sorted_draft: bool = typer.Option(
        False,
        "--sorted",
        help="The base draft is a sorted (S2D) draft: align every exit (SoFT, kd or ce) and measure each.",
    ),
) -> None:
    """Align a draft with a target on a task's prompts; report acceptance before/after; maybe register."""
    from models.align import METHODS, AlignConfig, align_draft, align_sorted, read_prompts
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    if sorted_draft and method == "lora":
        raise typer.BadParameter(
            "a sorted draft aligns with kd or ce (SoFT), not lora", param_hint="--method"
        )
    if register and task is None:
        raise typer.BadParameter(
            "registering assigns the draft to (target, task); pass --task", param_hint="--task"
        )
    settings = get_settings()
    with _user_errors():
        dep = load_deployment()
        target_path, target_name = _resolve_model(dep, target, "target")
        draft_path, _ = _resolve_model(dep, base_draft, "draft")
        if register and target_name is None:
            raise typer.BadParameter(
                f"--register needs a target named in {dep.source}, not a directory", param_hint="--target"
            )
        config = AlignConfig(
            method=method,  # type: ignore[arg-type]  # checked against METHODS above
            epochs=epochs,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            seed=seed,
        )
        records = read_prompts(prompts, task)
        eval_records = None if eval_prompts is None else read_prompts(eval_prompts, task)
        if task is not None:
            router_dir = router or dep.router_path
            records = _of_task(records, task, router_dir, prompts)
            if eval_records is not None:
                eval_records = _of_task(eval_records, task, router_dir, eval_prompts, allow_none=True)
                if not eval_records:
                    console.print(
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
            progress=True,
        )
    kind = " (deepest exit alone; every exit in alignment.json)" if sorted_draft else ""
    _print_results([result], title=f"alignment of {base_draft} to {target}{kind}")
    if register:
        assert target_name is not None and task is not None
        draft_name = name or _draft_name(task, target_name)
        with _user_errors():
            _register(dep, target_name, task, draft_name, result)
        if sorted_draft:
            console.print(
                f"its exits answer by the deepest alone for now: run "
                f"`specq calibrate --draft {draft_name} --target {target_name}` to pick its thresholds"
            )


def _of_task(
    records: list[PromptRecord],
    task: str,
    router_dir: Path | None,
    source: Path | None,
    allow_none: bool = False,
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
    console.print(
        f"{source}: the router at {router_dir} classified {len(unlabelled)} unlabelled prompt(s); "
        f"{len(unlabelled) - len(drop)} are task {task!r}"
    )
    if not kept and not allow_none:
        raise ValueError(f"{source}: no prompt is task {task!r} (labelled or routed by {router_dir})")
    return kept


def _draft_name(task: str, target: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"aligned-{task}-{target}")


def _register(
    dep: Deployment,
    target: str,
    task: str,
    draft_name: str,
    result: AlignResult,
) -> None:
    """Add [drafts.<name>] to specq.toml and assign it to (target, task) in the assignments table."""
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
        spec = DraftSpec(name=draft_name, kind="sorted", targets=(target,), path=path, thresholds=thresholds)
    else:
        spec = DraftSpec(name=draft_name, kind="model", targets=(target,), path=path)
    dest = dep.path or get_settings().config_file
    dep.add_draft(spec, path=dest)
    init_db()
    with session_scope() as session:
        set_assignment(
            session,
            target,
            task,
            draft_name,
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
    console.print(f"registered draft [bold]{draft_name}[/] for ({target}, {task}) in {dest} and the database")


# --------------------------------------------------------------------------------------------- bench


def bench_align_cmd(
    preset: str = typer.Option("bench", help="Zoo preset whose tasks are aligned."),
    target: str = typer.Option("target-l", help="Zoo target: target-s or target-l."),
    tasks: list[str] | None = typer.Option(None, "--task", help="Tasks to align (repeatable); default all."),
    method: str = typer.Option("kd", help="kd, ce or lora."),
    epochs: int = typer.Option(6, min=1, help="Passes over the target's responses."),
    out: Path | None = typer.Option(
        None, help="Where aligned drafts go; default <zoo>/aligned-<target>-<method>."
    ),
    markdown: Path | None = typer.Option(None, help="Also write the table as markdown to this file."),
    cross: bool = typer.Option(
        False,
        "--cross",
        help="Also align one draft on every task's prompts together (same recipe) and measure every draft "
        "on every task's held-out prompts: does a task's draft help because of its task, or only its target?",
    ),
) -> None:
    """General draft vs per-task aligned drafts: greedy acceptance on each task's held-out prompts."""
    import torch

    from models.align import METHODS, AlignConfig, align_draft
    from models.zoo import build_zoo
    from specq.settings import get_settings

    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    settings = get_settings()
    with _user_errors():
        paths = build_zoo(preset, root=settings.zoo_dir, progress=True)
        target_dir = paths.path(target)
        chosen = tasks or paths.tasks
        unknown = [t for t in chosen if t not in paths.tasks]
        if unknown:
            raise ValueError(f"unknown task(s) {unknown}; the {preset} zoo has {paths.tasks}")
        base = out or paths.root / f"aligned-{target}-{method}"
        config = AlignConfig(method=method, epochs=epochs)  # type: ignore[arg-type]  # checked above
        results = []
        for task in chosen:
            console.print(f"[bold]{task}[/]: aligning the general draft to {target}")
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
    threads = torch.get_num_threads()
    title = f"{preset} zoo, {target}: general draft vs {method}-aligned drafts (torch threads: {threads})"
    _print_results(results, title=title)
    text = _markdown(results, title)
    if cross:
        with _user_errors():
            text += "\n" + _cross_matrix(paths, target_dir, chosen, base, config, settings.device)
    if markdown is not None:
        markdown.write_text(text, encoding="utf-8")
        console.print(f"markdown table written to {markdown}")


def _cross_matrix(
    paths: ZooPaths, target_dir: Path, tasks: list[str], base: Path, config: AlignConfig, device: str
) -> str:
    """Align one draft on all `tasks` together; every draft's acceptance on every task; markdown."""
    import torch

    from models.align import align_draft, encode_prompts, measure_acceptance, read_prompts
    from models.loading import load_model_and_tokenizer

    mixed = [r for t in tasks for r in read_prompts(paths.align_prompts[t], t)]
    held_out = {t: read_prompts(paths.prompts[t], t) for t in tasks}
    console.print(f"[bold]all tasks[/]: aligning one draft on the {len(mixed)} prompts of {', '.join(tasks)}")
    together = align_draft(
        target_dir,
        paths.draft,
        mixed,
        base / "all-tasks",
        eval_prompts=[r for t in tasks for r in held_out[t]],
        config=config,
        device=device,
        progress=True,
    )
    target, tokenizer = load_model_and_tokenizer(target_dir, device=device)
    context = int(target.config.max_position_embeddings) - config.eval_max_new_tokens
    ids = {t: encode_prompts(tokenizer, held_out[t], context) for t in tasks}
    drafts = {"general": Path(paths.draft), **{f"aligned on {t}": base / t for t in tasks}}
    drafts["aligned on all tasks"] = together.out_dir
    rows = []
    with console.status("measuring every draft on every task"):
        for name, path in drafts.items():
            draft, _ = load_model_and_tokenizer(path, device=target.device, dtype=torch.float32)
            rates = [
                measure_acceptance(
                    target, draft, ids[t], config.eval_k, config.eval_max_new_tokens, config.gen_batch_size
                ).rate
                for t in tasks
            ]
            rows.append([name, *(f"{r:.3f}" for r in rates), f"{sum(rates) / len(rates):.3f}"])
    header = ["draft", *(f"on {t}" for t in tasks), "mean"]
    table = Table(title="greedy acceptance of every draft on every task's held-out prompts")
    for col in header:
        table.add_column(col, justify="left" if col == "draft" else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(
        f"the all-tasks draft trained on {together.train_prompts} prompts ({len(tasks)}x a task's) "
        f"in {together.seconds['generate'] + together.seconds['train']:.0f} s"
    )
    lines = ["**greedy acceptance of every draft on every task's held-out prompts**", ""]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_COLUMNS = (
    "task",
    "prompts (align/eval)",
    "acceptance general",
    "acceptance aligned",
    "relative gain",
    "accepted/step general",
    "accepted/step aligned",
    "align s",
)


def _rows(results: list[AlignResult]) -> list[list[str]]:
    rows = [
        [
            r.task or "-",
            f"{r.train_prompts}/{r.eval_prompts}",
            f"{r.before.rate:.3f}",
            f"{r.after.rate:.3f}",
            f"{100 * r.relative_gain:+.1f}%",
            f"{r.before.mean_accepted:.2f}",
            f"{r.after.mean_accepted:.2f}",
            f"{r.seconds['generate'] + r.seconds['train']:.0f}",
        ]
        for r in results
    ]
    if len(results) > 1:
        n = len(results)
        rows.append(
            [
                "mean",
                "",
                f"{sum(r.before.rate for r in results) / n:.3f}",
                f"{sum(r.after.rate for r in results) / n:.3f}",
                f"{100 * sum(r.relative_gain for r in results) / n:+.1f}%",
                f"{sum(r.before.mean_accepted for r in results) / n:.2f}",
                f"{sum(r.after.mean_accepted for r in results) / n:.2f}",
                f"{sum(r.seconds['generate'] + r.seconds['train'] for r in results) / n:.0f}",
            ]
        )
    return rows


def _print_results(results: list[AlignResult], title: str) -> None:
    table = Table(title=title)
    for col in _COLUMNS:
        table.add_column(col, justify="left" if col == "task" else "right")
    for row in _rows(results):
        table.add_row(*row)
    console.print(table)
    k = results[0].eval_k if results else 0
    console.print(f"acceptance = accepted / drafted draft tokens (greedy, k={k}); align s = generate + train")


def _markdown(results: list[AlignResult], title: str) -> str:
    lines = [f"**{title}**", "", "| " + " | ".join(_COLUMNS) + " |", "|" + "---|" * len(_COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in _rows(results)]
    return "\n".join(lines) + "\n"
