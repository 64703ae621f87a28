"""`specq calibrate` and `specq bench sorted`: per-target thresholds of a sorted draft (S2D).

Torch and the models are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from bench.sorted import TargetRuns, format_thresholds
from cli.console import out as console
from cli.console import user_errors
from cli.progress import QUIET_OPTION, cli_progress

if TYPE_CHECKING:
    from models.drafts.sorted import CalibrationResult, DecodeMeasurement


def register(app: typer.Typer) -> None:
    """Add `specq calibrate` to the main app."""
    app.command("calibrate")(calibrate_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench sorted`."""
    bench_app.command("sorted")(bench_sorted_cmd)


def calibrate_cmd(
    draft: str = typer.Option(..., "--draft", help="Sorted draft name in the deployment file."),
    target: str = typer.Option(..., "--target", help="Target to calibrate for."),
    prompts: Path | None = typer.Option(
        None, "--prompts", help="Prompts (submit formats: JSONL, CSV, Parquet). Default: the zoo's prompts."
    ),
    num_prompts: int = typer.Option(16, min=1, help="Prompts used for calibration."),
    max_new_tokens: int = typer.Option(48, min=2, help="Tokens generated per prompt."),
    k: int | None = typer.Option(None, min=1, help="Draft length (default: the draft's k, 4 when auto)."),
    batch_size: int = typer.Option(8, min=1, help="Prompts per decode batch (as the workers run them)."),
    temperature: float = typer.Option(0.0, min=0.0, help="Sampling temperature to calibrate for."),
    validate: int = typer.Option(
        3, min=0, help="Run the N best predicted settings for real; 0 = trust the replay."
    ),
    repeats: int = typer.Option(1, min=1, help="Timed repeats of each real run (best is kept)."),
    threads: int | None = typer.Option(None, min=1, help="torch intra-op threads (default: torch's)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the choice; do not write the deployment."),
    config: Path | None = typer.Option(None, "--config", help="Deployment file (default SPECQ_CONFIG_FILE)."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Choose a sorted draft's exit thresholds for one target from measured acceptance and speed."""
    import torch

    from bench.sorted import calibrate
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    if threads:
        torch.set_num_threads(threads)
    with user_errors(), cli_progress(quiet) as shown:
        dep = load_deployment(config)
        result = calibrate(
            dep,
            draft,
            target,
            prompts,
            num_prompts=num_prompts,
            max_new_tokens=max_new_tokens,
            k=k,
            batch_size=batch_size,
            temperature=temperature,
            validate=validate,
            repeats=repeats,
            status=shown.status,
        )
    _print_calibration(result, draft, target)
    if dry_run:
        console.print(f"[yellow]dry run[/]: thresholds for {target} not written")
        return
    dest = dep.path or get_settings().config_file
    with user_errors():
        dep.set_thresholds(draft, target, result.thresholds, path=dest)
    console.print(
        f"[green]thresholds[/] {draft} -> {target} = {escape(str(result.thresholds))} written to {dest}"
    )


def _print_calibration(result: CalibrationResult, draft: str, target: str) -> None:
    costs = result.costs
    console.print(
        f"step costs (batch {costs.batch_size}, k={costs.k}): draft per token by exit "
        + ", ".join(f"{s * 1e3:.2f} ms" for s in costs.exit_token_seconds)
        + f"; exit check {costs.head_seconds * 1e3:.2f} ms; verify {costs.verify_seconds * 1e3:.2f} ms;"
        f" plain step {costs.plain_seconds * 1e3:.2f} ms"
    )
    table = Table(title=f"{draft} for {target}: best predicted settings")
    for col in ("thresholds", "exit share", "acceptance", "accepted/step", "pred. speedup"):
        table.add_column(col, justify="right")
    for sim in result.simulations[:8]:
        table.add_row(
            escape(format_thresholds(sim.thresholds)),
            " / ".join(f"{s:.2f}" for s in sim.exit_share),
            f"{sim.acceptance_rate:.3f}",
            f"{sim.mean_accepted:.2f}",
            f"{sim.predicted_speedup:.2f}x",
        )
    console.print(table)
    if result.validated:
        real = Table(title=f"measured (plain: {result.plain.tokens_per_s:.1f} tok/s)")
        for col in ("thresholds", "acceptance", "accepted/step", "tok/s", "speedup", "chosen"):
            real.add_column(col, justify="right")
        for thresholds, run in result.validated:
            real.add_row(
                escape(format_thresholds(thresholds)),
                f"{run.acceptance.rate:.3f}",
                f"{run.acceptance.mean_accepted:.2f}",
                f"{run.tokens_per_s:.1f}",
                f"{result.measured_speedup(run):.2f}x",
                "*" if thresholds == result.thresholds else "",
            )
        console.print(real)


def bench_sorted_cmd(
    draft: str = typer.Option("sorted", "--draft", help="Sorted draft name in the deployment file."),
    targets: list[str] = typer.Option(
        [], "--target", help="Target(s) to measure (repeat); default: every target the draft serves."
    ),
    baseline: list[str] = typer.Option(
        [], "--baseline", help="Ordinary draft to compare, NAME=PATH (repeat; zoo:<name> paths work)."
    ),
    train_baselines: bool = typer.Option(
        False,
        "--train-baselines",
        help="Also compare ordinary drafts of each exit's depth, trained like the sorted draft (cached).",
    ),
    prompts: Path | None = typer.Option(None, "--prompts", help="Prompts file; default: the zoo's prompts."),
    num_prompts: int = typer.Option(16, min=1, help="Prompts measured per target."),
    calib_prompts: int = typer.Option(
        8, min=0, help="Further prompts (after the measured ones) to calibrate on; 0 = use the deployment's."
    ),
    fixed_thresholds: str | None = typer.Option(
        None,
        "--thresholds",
        help="Measure these thresholds (comma-separated, shallow to deep) for every target; no calibration.",
    ),
    max_new_tokens: int = typer.Option(48, min=2),
    k: int | None = typer.Option(None, min=1, help="Draft length (default: the draft's k, 4 when auto)."),
    batch_size: int = typer.Option(8, min=1),
    repeats: int = typer.Option(
        3, min=1, help="Timed rounds over all configurations (each one's best time is kept)."
    ),
    threads: int | None = typer.Option(None, min=1, help="torch intra-op threads (default: torch's)."),
    out: Path | None = typer.Option(None, "--out", help="Also write the measurements as JSON here."),
    markdown_out: Path | None = typer.Option(
        None, "--markdown", help="Also write the tables as Markdown here."
    ),
    config: Path | None = typer.Option(None, "--config", help="Deployment file (default SPECQ_CONFIG_FILE)."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Sorted draft vs its fixed exits vs ordinary drafts, per target: acceptance and speedup."""
    import torch

    from bench.sorted import bench_sorted
    from specq.deployment import load_deployment

    if threads:
        torch.set_num_threads(threads)
    baselines: list[tuple[str, str]] = []
    for item in baseline:
        label, _, path = item.partition("=")
        if not label or not path:
            raise typer.BadParameter(f"--baseline takes NAME=PATH, got {item!r}", param_hint="--baseline")
        baselines.append((label, path))
    markdown: list[str] = []

    def show(runs: TargetRuns) -> None:
        _print_runs(runs.target, runs.source, runs.runs)
        markdown.append(_markdown(runs.target, runs.source, runs.runs))

    with user_errors(), cli_progress(quiet) as shown:
        result = bench_sorted(
            load_deployment(config),
            draft,
            targets,
            baselines,
            train_baselines=train_baselines,
            prompts=prompts,
            num_prompts=num_prompts,
            calib_prompts=calib_prompts,
            fixed_thresholds=fixed_thresholds,
            max_new_tokens=max_new_tokens,
            k=k,
            batch_size=batch_size,
            repeats=repeats,
            status=shown.status,
            note=console.print,
            on_target=show,
        )
    mem_lines = [f"{label}: {n / 2**20:.2f} MiB" for label, n in result.memory_bytes.items()]
    console.print("weights: " + "; ".join(mem_lines))
    markdown.append("Weights: " + "; ".join(mem_lines) + "\n")
    if out is not None:
        out.write_text(json.dumps(result.to_dict(), indent=2), encoding="utf-8")
        console.print(f"wrote {out}")
    if markdown_out is not None:
        markdown_out.write_text("\n".join(markdown), encoding="utf-8")
        console.print(f"wrote {markdown_out}")


_COLUMNS = ("draft", "accepted/step", "acceptance", "tok/s", "speedup", "exit share %", "layer work")


def _rows(runs: list[tuple[str, DecodeMeasurement]]) -> list[list[str]]:
    """Table cells per run; speedup is over the first run (plain decoding)."""
    plain = runs[0][1]
    # Layer work relative to the deepest exit alone (the last fixed-exit run): what early exit saves.
    fixed = [r.layer_positions for label, r in runs if label.startswith("exit ") and r.layer_positions]
    deepest = fixed[-1] if fixed else 0
    rows = []
    for label, r in runs:
        share = ""
        if r.tokens_per_exit:
            total = sum(r.tokens_per_exit) or 1
            share = "/".join(f"{100 * n / total:.0f}" for n in r.tokens_per_exit)
        rows.append(
            [
                label,
                f"{r.acceptance.mean_accepted:.2f}" if r.acceptance.drafted else "-",
                f"{r.acceptance.rate:.3f}" if r.acceptance.drafted else "-",
                f"{r.tokens_per_s:.1f}",
                f"{plain.seconds / r.seconds:.2f}x",
                share,
                f"{r.layer_positions / deepest:.2f}" if (r.layer_positions and deepest) else "",
            ]
        )
    return rows


def _print_runs(target: str, source: str, runs: list[tuple[str, DecodeMeasurement]]) -> None:
    table = Table(title=escape(f"{target} (thresholds {source})"))
    for col in _COLUMNS:
        table.add_column(col, justify="right")
    for row in _rows(runs):
        table.add_row(*(escape(c) for c in row))
    console.print(table)


def _markdown(target: str, source: str, runs: list[tuple[str, DecodeMeasurement]]) -> str:
    lines = [f"**{target}** (sorted thresholds {source})", "", "| " + " | ".join(_COLUMNS) + " |"]
    lines.append("|" + "---|" * len(_COLUMNS))
    lines += ["| " + " | ".join(row) + " |" for row in _rows(runs)]
    return "\n".join(lines) + "\n"
