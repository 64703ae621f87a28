"""`specq cost ...`: profile, fit and query the cost model (models/costmodel/).

Torch, transformers and scikit-learn are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from bench.errors import OptionError
from cli.console import out as console
from cli.progress import QUIET_OPTION, cli_progress

if TYPE_CHECKING:
    from models.costmodel import Evaluation

cost_app = typer.Typer(
    help="Predict step time and memory of causal LMs from their structure (DNNAbacus-style).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add `specq cost` to the main app."""
    app.add_typer(cost_app, name="cost")


@cost_app.command("profile")
def profile_cmd(
    quick: bool = typer.Option(False, "--quick", help="7 small architectures, 3 repeats: about a minute."),
    out: Path | None = typer.Option(None, help="Profile file; default <data_dir>/costmodel/profile.jsonl."),
    archs: int | None = typer.Option(None, min=1, help="Number of random architectures (default by plan)."),
    threads: int = typer.Option(1, min=1, help="torch threads, fixed for comparable timings."),
    device: str = typer.Option("cpu", help="Torch device to profile: cpu or cuda[:N]."),
    seed: int = typer.Option(0, help="Seed of the random architectures and shapes."),
    memory: bool = typer.Option(True, "--memory/--no-memory", help="Also measure activation memory."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Time random small architectures on this device and write the measurements."""
    from models.costmodel import PROFILE_FILE, QUICK_PLAN, ProfilePlan, default_dir, profile_architectures

    plan = QUICK_PLAN if quick else ProfilePlan()
    plan = dataclasses.replace(
        plan, n_archs=archs or plan.n_archs, threads=threads, device=device, seed=seed, measure_memory=memory
    )
    path = out or default_dir() / PROFILE_FILE
    with cli_progress(quiet) as shown, shown.stage("profiling", plan.n_archs, unit="architectures") as bar:

        def advance(done: int, total: int, label: str) -> None:
            bar.update(done, last=label)

        profile = profile_architectures(plan, progress=advance, checkpoint=path)
    n_mem = sum(m.activation_bytes is not None for m in profile.measurements)
    console.print(
        f"[green]{len(profile.measurements)} steps[/] of {plan.n_archs} architectures on "
        f"{profile.header.device} ({plan.threads} thread(s)), activations measured for {n_mem}: {path}"
    )


@cost_app.command("fit")
def fit_cmd(
    data: Path | None = typer.Option(None, help="Profile file; default <data_dir>/costmodel/profile.jsonl."),
    out: Path | None = typer.Option(None, help="Artifact directory; default <data_dir>/costmodel."),
    kind: str | None = typer.Option(
        None, help="Time regressor: linear, hybrid, gbm (default: best zero-shot)."
    ),
    evaluate: bool = typer.Option(True, "--evaluate/--no-evaluate", help="Measure zero-shot errors first."),
    normalize: bool = typer.Option(
        False,
        "--normalize/--raw",
        help="Rescale timings to the run's median machine speed (reference probe).",
    ),
) -> None:
    """Fit the time and activation regressors on a profile, report zero-shot errors, save the artifact."""
    from models.costmodel import PROFILE_FILE, TIME_KINDS, Profile, default_dir, fit_cost_model

    if kind is not None and kind not in TIME_KINDS:
        raise typer.BadParameter(f"--kind must be one of {', '.join(TIME_KINDS)}; got {kind!r}")
    path = data or default_dir() / PROFILE_FILE
    if not path.is_file():
        raise typer.BadParameter(f"no profile at {path}; run `specq cost profile` first (or pass --data)")
    profile = Profile.load(path)
    model = fit_cost_model(profile, kind=kind, run_evaluation=evaluate, normalize_speed=normalize)
    saved = model.save(out)
    if model.manifest.get("evaluation"):
        from models.costmodel import Evaluation

        _print_evaluation(Evaluation.from_json(model.manifest["evaluation"]))
    speed = "speed-normalized" if model.manifest["speed_normalized"] else "raw"
    console.print(
        f"[green]fitted[/] {model.manifest['time_kind']} time regressor on {len(profile.measurements)} "
        f"steps ({speed} timings): {saved}"
    )


def _print_evaluation(ev: Evaluation) -> None:
    families = sorted({f for per in ev.leave_family_out.values() for f in per})
    table = Table(title="Zero-shot MAPE (leave-one-family-out; configs = 5-fold held-out architectures)")
    table.add_column("metric")
    for fam in families:
        table.add_column(fam, justify="right")
    table.add_column("configs", justify="right")
    for metric, held in ev.held_out_configs.items():
        per_family = ev.leave_family_out.get(metric, {})
        cells = [f"{per_family[f].mape:.1%}" if f in per_family else "-" for f in families]
        table.add_row(metric, *cells, f"{held.mape:.1%}")
    console.print(table)
    console.print(
        f"best zero-shot time regressor: [bold]{ev.chosen_kind}[/] (lowest mean leave-family-out MAPE)"
    )


@cost_app.command("predict")
def predict_cmd(
    model_path: str = typer.Argument(..., help="Model directory (config.json), hub id, or zoo:<name>."),
    batch: int = typer.Option(1, min=1, help="Rows in the batch."),
    context: int = typer.Option(128, min=0, help="Tokens already in the KV cache."),
    new_tokens: int = typer.Option(1, min=1, help="Tokens fed per row in the step (k + 1 when verifying)."),
    dtype: str = typer.Option("float32", help="Weight / activation dtype."),
    measure: bool = typer.Option(False, "--measure", help="Also load the model and measure the step."),
    repeats: int = typer.Option(5, min=1, help="Timed repeats with --measure (the median is reported)."),
    threads: int = typer.Option(1, min=1, help="torch threads with --measure (match the profile)."),
    cost_dir: Path | None = typer.Option(None, help="Artifact directory; default <data_dir>/costmodel."),
) -> None:
    """Print the predicted step time and memory of a model (and the measured ones with --measure)."""
    from bench.cost import measure_step, predict_step, resolve_model_path

    try:
        path = resolve_model_path(model_path)
    except OptionError as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.option) from exc
    predicted = predict_step(path, batch, context, new_tokens, dtype, cost_dir)
    spec, seconds, mem = predicted.spec, predicted.seconds, predicted.memory
    table = Table(title=f"{model_path}: batch {batch}, {new_tokens} new token(s) over {context} cached")
    table.add_column("quantity")
    table.add_column(f"predicted ({predicted.source})", justify="right")
    rows: dict[str, list[str]] = {
        "step time (ms)": [f"{seconds * 1e3:.2f}"],
        "tokens / s": [f"{batch * new_tokens / seconds:.0f}"],
        "weights (MiB, analytic)": [_mib(mem.weights_bytes)],
        "KV cache (MiB, analytic)": [_mib(mem.kv_cache_bytes)],
        f"activations (MiB, {mem.activation_source})": [_mib(mem.activation_bytes)],
        "total (MiB)": [_mib(mem.total_bytes)],
    }
    if measure:
        measured = measure_step(path, batch, context, new_tokens, dtype, repeats, threads, note=console.print)
        timer = "thread CPU time" if measured.timer == "thread_cpu" else "wall time"
        table.add_column(f"measured ({timer})", justify="right")
        act = measured.activation_bytes
        rows["step time (ms)"].append(f"{measured.seconds * 1e3:.2f}")
        rows["tokens / s"].append(f"{batch * new_tokens / measured.seconds:.0f}")
        rows["weights (MiB, analytic)"].append("")
        rows["KV cache (MiB, analytic)"].append("")
        rows[f"activations (MiB, {mem.activation_source})"].append(_mib(act) if act is not None else "n/a")
        total = mem.weights_bytes + mem.kv_cache_bytes + act if act is not None else None
        rows["total (MiB)"].append(_mib(total) if total is not None else "n/a")
    for name, values in rows.items():
        table.add_row(name, *values)
    console.print(table)
    console.print(
        f"{spec.family}: {spec.param_count():,} parameters, {spec.n_layers} layers, hidden {spec.hidden}"
    )


def _mib(n: int) -> str:
    return f"{n / 2**20:.2f}"
