"""`specq bench engine`: SpecDecoder against Hugging Face generate (bench/engine.py).

Torch and transformers are imported inside the command so `specq --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from cli.console import out as console
from cli.progress import QUIET_OPTION, cli_progress


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench engine` to the bench sub-app."""
    bench_app.command("engine")(engine_cmd)


def engine_cmd(
    target: str | None = typer.Option(None, help="Target model directory (save_pretrained) or hub name."),
    draft: str | None = typer.Option(None, help="Draft model with the target's tokenizer."),
    prompts: Path | None = typer.Option(None, help="JSONL prompts: Spec-Bench 'turns', or 'prompt'/'text'."),
    zoo: str | None = typer.Option(None, help="Use the local zoo preset's target_l and draft: tiny, bench."),
    num_prompts: int = typer.Option(32, min=1, help="Prompts to decode (at least the largest batch size)."),
    max_new_tokens: int = typer.Option(128, min=1),
    max_prompt_tokens: int = typer.Option(128, min=1, help="Prompts are cut to their last N tokens."),
    k: int = typer.Option(4, min=1, help="Draft tokens per step for the fixed-k runs."),
    batch_sizes: str = typer.Option("1,8,32", help="Comma-separated SpecDecoder batch sizes."),
    device: str = typer.Option("auto", help="auto, cpu, cuda, cuda:N."),
    threads: int | None = typer.Option(None, min=1, help="torch intra-op threads (default: torch's)."),
    repeats: int = typer.Option(1, min=1, help="Runs per method, interleaved; the fastest counts."),
    clock: str = typer.Option("wall", help="wall, or process (CPU time: immune to other load; CPU only)."),
    hidden_size: int = typer.Option(256, help="Config-built target (no --target/--zoo): hidden size."),
    num_layers: int = typer.Option(8, help="Config-built target: layers."),
    draft_layers: int = typer.Option(1, help="Config-built draft: the target's first N layers."),
    tail_scale: float = typer.Option(0.01, help="Config-built target: damping of layers past the draft's."),
    markdown: Path | None = typer.Option(None, help="Also write the results as Markdown to this file."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Measure tokens/s of HF generate, HF assisted generation and SpecDecoder on the same prompts."""
    from bench.engine import EngineBenchConfig, run_engine_bench

    try:
        sizes = tuple(int(s) for s in batch_sizes.split(","))
    except ValueError as err:
        message = f"--batch-sizes must be comma-separated integers, got {batch_sizes!r}"
        raise typer.BadParameter(message) from err
    if clock not in ("wall", "process"):
        raise typer.BadParameter(f"--clock must be wall or process, got {clock!r}")
    if (target is None) != (draft is None):
        raise typer.BadParameter("give both --target and --draft, or neither (config-built models or --zoo)")
    config = EngineBenchConfig(
        prompts=prompts,
        target=target,
        draft=draft,
        zoo=zoo,
        num_prompts=num_prompts,
        max_new_tokens=max_new_tokens,
        max_prompt_tokens=max_prompt_tokens,
        k=k,
        batch_sizes=sizes,
        device=device,
        threads=threads,
        repeats=repeats,
        clock=clock,
        hidden_size=hidden_size,
        num_layers=num_layers,
        draft_layers=draft_layers,
        tail_scale=tail_scale,
    )
    with cli_progress(quiet) as shown:
        report = run_engine_bench(config, progress=shown.say)

    console.print(f"[bold]{report.setup}[/]\ndevice: {report.device}")
    table = Table("method", "batch", "tokens/s", "x HF generate", "acceptance", "tokens/step", "identical")
    base = report.get("hf_generate")
    for r in report.results:
        speed = r.tokens_per_second / base.tokens_per_second if base and base.tokens_per_second else 0.0
        table.add_row(
            r.name,
            str(r.batch_size),
            f"{r.tokens_per_second:.1f}",
            f"{speed:.2f}x",
            "-" if r.acceptance is None else f"{r.acceptance:.2f}",
            "-" if r.tokens_per_step is None else f"{r.tokens_per_step:.2f}",
            f"{r.identical}/{r.rows}",
            style=None if r.identical == r.rows else "red",
        )
    console.print(table)
    goals = Table("goal", "measured", "target", "met")
    for label, ratio, threshold, met in report.goals():
        measured = "-" if ratio is None else f"{ratio:.2f}x"
        goals.add_row(label, measured, f">= {threshold:.2f}x", "[green]yes[/]" if met else "[red]no[/]")
    console.print(goals)
    if markdown is not None:
        markdown.write_text(report.markdown() + "\n", encoding="utf-8")
        console.print(f"Markdown written to {markdown}")
