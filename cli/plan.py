"""``specq plan FILE --target T``: the predicted cost of a job before submitting it."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import err, out


def _seconds(s: float) -> str:
    return f"{s:.1f}s" if s < 90 else f"{s / 60:.1f}m" if s < 5400 else f"{s / 3600:.1f}h"


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def plan_cmd(
    file: Path = typer.Argument(..., help="Input file (JSONL, OpenAI batch, CSV, Parquet), as for submit."),
    target: str = typer.Option(..., "--target", "-t", help="Target model of the deployment file."),
    draft: str | None = typer.Option(None, "--draft", help="Plan as if every prompt used this draft."),
    max_new_tokens: int = typer.Option(128, "--max-new-tokens", help="Default token budget per line."),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON on stdout."),
) -> None:
    """Predict tokens, batch size, memory, wall time and speed-up per pairing; submits nothing."""
    from producer.plan import PlanError, plan_file

    try:
        plan = plan_file(file, target, draft=draft, max_new_tokens=max_new_tokens)
    except PlanError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        rows = [
            {
                "task": p.task,
                "draft": p.draft,
                "prompts": p.prompts,
                "prompt_tokens": p.prompt_tokens,
                "output_tokens": p.output_tokens,
                "batch_size": p.batch_size,
                "batches": p.batches,
                "k": p.speculation.k,
                "acceptance": p.speculation.acceptance,
                "tokens_per_step": p.speculation.tokens_per_step,
                "acceptance_source": p.speculation.source,
                "seconds": p.seconds,
                "plain_seconds": p.plain_seconds,
                "speedup": p.speedup,
                "memory_bytes": p.memory_bytes,
            }
            for p in plan.pairings
        ]
        out.print_json(
            json.dumps(
                {
                    "target": plan.target,
                    "prompts": plan.prompts,
                    "invalid": plan.invalid,
                    "seconds": plan.seconds,
                    "plain_seconds": plan.plain_seconds,
                    "memory_per_worker_bytes": plan.memory_per_worker_bytes,
                    "calibration": {
                        "factor": plan.calibration.factor,
                        "overhead_s": plan.calibration.overhead_s,
                        "jobs": plan.calibration.jobs,
                    },
                    "cost_model": plan.cost_model,
                    "output_fraction": plan.output_fraction,
                    "pairings": rows,
                }
            )
        )
        return
    t = Table(title=f"plan: {escape(str(file))} on {escape(target)} ({plan.prompts} prompts)")
    for col in ("task", "draft", "prompts", "prompt tok", "output tok", "batch", "k", "acceptance",
                "tok/step", "time", "speed-up", "memory"):  # fmt: skip
        t.add_column(col, justify="left" if col in ("task", "draft", "acceptance") else "right")
    sources: dict[str, None] = {}
    for p in plan.pairings:
        s = p.speculation
        acc = "-" if s.acceptance is None else f"{s.acceptance:.2f}"
        sources[f"{p.task}/{p.draft}: {s.source}"] = None
        t.add_row(
            escape(p.task),
            escape(p.draft),
            str(p.prompts),
            str(p.prompt_tokens),
            str(p.output_tokens),
            f"{p.batch_size} x {p.batches}",
            str(s.k),
            f"{acc} {s.source.split(' (')[0]}",
            f"{s.tokens_per_step:.2f}",
            _seconds(p.seconds),
            f"{p.speedup:.2f}x",
            _mib(p.memory_bytes),
        )
    out.print(t)
    out.print("acceptance: " + "; ".join(sources), highlight=False)
    cal = plan.calibration
    out.print(
        f"total: {_seconds(plan.seconds)} predicted wall time "
        f"({_seconds(plan.plain_seconds)} without drafts) "
        f"on {plan.workers} decode worker; {_mib(plan.memory_per_worker_bytes)} per worker",
        highlight=False,
    )
    out.print(
        f"cost model: {plan.cost_model}; "
        + (
            f"calibrated by the last {cal.jobs} finished job(s) of {target} (x{cal.factor:.2f} on decode "
            f"time, {cal.overhead_s:.1f}s per job outside decoding)"
            if cal.jobs
            else "uncalibrated (no finished job of this target yet)"
        )
        + f"; output tokens = max_new_tokens x {plan.output_fraction:.2f} ({plan.output_source})",
        highlight=False,
    )
    if plan.invalid:
        err.print(f"{plan.invalid} invalid input lines are not planned (`specq submit` would record them)")


def register(app: typer.Typer) -> None:
    """Add ``specq plan`` to the ``specq`` app."""
    app.command("plan")(plan_cmd)
