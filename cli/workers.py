"""Worker commands: `specq up`, `specq run`, `specq worker route|decode`, `specq bench pipeline`.

Thin over :mod:`workers.stack` (broker + worker processes), the ``producer`` API and
:mod:`bench.pipeline`. Imports happen inside the commands so ``specq --help`` stays fast;
none of these paths imports torch in this process except the benchmark.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import err, fail, out

worker_app = typer.Typer(help="Run one Celery worker in the foreground (what `specq up` starts for you).")

_COLORS = ("cyan", "magenta", "green", "yellow", "blue", "bright_red")
_EXTRA = {"allow_extra_args": True, "ignore_unknown_options": True}


def _sigterm_as_interrupt() -> None:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    # A process started in the background of a non-interactive shell inherits SIGINT ignored;
    # `specq up` must still stop cleanly on Ctrl-C / SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _stop(stack: Any, timeout: float) -> None:
    """Warm shutdown; a second Ctrl-C stops the workers at once."""
    try:
        stack.stop(timeout=timeout)
    except KeyboardInterrupt:
        err.print("[yellow]stopping now; unfinished batches are re-enqueued by the next `specq up`[/]")
        stack.stop(timeout=10, force=True)


# ---------------------------------------------------------------------------------------------
# specq up
# ---------------------------------------------------------------------------------------------


def up_cmd(
    target: list[str] | None = typer.Option(
        None,
        "--target",
        "-t",
        help="Serve only this target (repeatable; default: every target in specq.toml).",
    ),
    router: bool = typer.Option(True, "--router/--no-router", help="Start the routing worker."),
    resume: bool | None = typer.Option(
        None,
        "--resume/--no-resume",
        help="Re-enqueue unfinished prompts of running jobs (default: when the broker holds none of ours).",
    ),
    loglevel: str = typer.Option("INFO", "--loglevel", "-l", help="Celery worker log level."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Worker output to <data_dir>/logs only."),
    stop_timeout: float = typer.Option(
        600.0, "--stop-timeout", help="Seconds a worker may finish its batch on Ctrl-C."
    ),
    metrics_port: int = typer.Option(
        9100, "--metrics-port", min=0, max=65000, help="Worker i serves metrics on this port + i (0: off)."
    ),
) -> None:
    """Broker + router + decode workers in the foreground; Ctrl-C stops them cleanly."""
    from specq.deployment import DeploymentError
    from specq.redact import redact
    from workers.stack import Stack, StackError

    colors: dict[str, str] = {}

    def echo(name: str, line: str) -> None:
        color = colors.setdefault(name, _COLORS[len(colors) % len(_COLORS)])
        out.print(f"[{color}]{name:>18} |[/] {escape(line)}", highlight=False, soft_wrap=True)

    try:
        stack = Stack(
            targets=target or None,
            router=router,
            loglevel=loglevel,
            echo=None if quiet else echo,
            metrics_port=metrics_port,
        )
    except (DeploymentError, StackError) as exc:
        raise fail(str(exc), 2) from None
    _sigterm_as_interrupt()
    try:
        with err.status("starting broker and workers (decode workers load their models first)"):
            info = stack.start(resume=resume)
        err.print(
            f"[green]specq is up[/]: broker {escape(redact(info.broker_url))}, "
            f"database {escape(redact(info.database_url))}"
        )
        for role, node in info.workers.items():
            metrics = f", metrics {info.metrics[role]}" if role in info.metrics else ""
            err.print(f"  {role}: {node}{metrics}")
        if info.resumed_prompts:
            err.print(f"  re-enqueued {info.resumed_prompts} unfinished prompts of {info.resumed_jobs} jobs")
        err.print("Submit with `specq submit FILE --target T`; Ctrl-C stops.")
        while True:
            time.sleep(1.0)
            for notice in stack.check():
                err.print(f"[yellow]{escape(notice)}[/]", highlight=False)
    except KeyboardInterrupt:
        err.print("[yellow]stopping: workers finish their current batch (Ctrl-C again to stop at once)[/]")
        _stop(stack, stop_timeout)
    except StackError as exc:
        stack.stop(timeout=30)
        raise fail(str(exc)) from None
    err.print("stopped")


# ---------------------------------------------------------------------------------------------
# specq run
# ---------------------------------------------------------------------------------------------


def _wait(job_id: str, stack: Any) -> Any:
    """Progress bar until the job is finished; returns its last report."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    import producer
    from specq.progress import format_seconds

    rep = producer.status(job_id, errors_shown=0)
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[eta]}"),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        bar = progress.add_task(job_id, total=rep.total, rate="", eta="")
        while True:
            rep = producer.status(job_id, errors_shown=0)
            rate = f"{rep.tokens_per_s:.0f} tok/s" if rep.tokens_per_s else ""
            # The plan's ETA before the first result, blended into the measured rate (producer/plan.py).
            eta = f"ETA {format_seconds(rep.eta_s)}" if rep.eta_s is not None else ""
            progress.update(
                bar, completed=rep.finished, rate=rate, eta=eta, description=f"{job_id} {rep.status}"
            )
            if rep.done:
                return rep
            if rep.remaining == 0:
                from workers.finalize import finalize

                finalize(job_id)  # counters are complete: make sure the terminal state is written
            if stack is not None:
                for notice in stack.check():
                    progress.console.print(f"[yellow]{escape(notice)}[/]", highlight=False)
            time.sleep(0.5)


def summary_tables(job_id: str) -> list[Table]:
    """The job's totals and its acceptance by task and draft, read back from the SQL views."""
    from sqlalchemy import text

    from db.session import session_scope

    with session_scope(read_only=True) as s:
        job = (
            s.execute(text("SELECT * FROM v_job_summary WHERE job_id = :j"), {"j": job_id}).mappings().first()
        )
        acc = (
            s.execute(
                text("SELECT * FROM v_acceptance WHERE job_id = :j ORDER BY task, draft"), {"j": job_id}
            )
            .mappings()
            .all()
        )

    def num(v: Any, fmt: str = "{:.1f}") -> str:
        return "-" if v is None else fmt.format(v)

    totals = Table(title=f"job {job_id}", show_header=False)
    totals.add_column("what")
    totals.add_column("value", justify="right")
    if job is not None:
        for label, value in (
            ("status", str(job["status"])),
            ("prompts", f"{job['total']} ({job['completed']} completed, {job['failed']} failed)"),
            ("invalid input lines", str(job["invalid"])),
            ("output tokens", str(job["output_tokens"])),
            ("wall seconds", num(job["wall_seconds"])),
            ("tokens/s (wall)", num(job["tokens_per_s"])),
            ("acceptance", num(job["acceptance_rate"], "{:.1%}")),
            ("speedup vs plain decoding", num(job["speedup"], "{:.2f}x")),
        ):
            totals.add_row(label, value)
    by_draft = Table(title="acceptance by task and draft")
    for col in ("task", "draft", "prompts", "tokens", "drafted", "accepted", "rate", "acc/step"):
        by_draft.add_column(col, justify="left" if col in ("task", "draft") else "right")
    for row in acc:
        by_draft.add_row(
            escape(str(row["task"])),
            escape(str(row["draft"])),
            str(row["prompts"]),
            str(row["output_tokens"]),
            str(row["drafted"]),
            str(row["accepted"]),
            num(row["acceptance_rate"], "{:.1%}"),
            num(row["mean_accepted_per_step"], "{:.2f}"),
        )
    return [totals, by_draft]


def run_cmd(
    file: Path | None = typer.Argument(
        None,
        help="JSONL (prompt/messages, OpenAI batch), CSV or Parquet; default: the zoo's demo sample.",
    ),
    target: str = typer.Option(..., "--target", "-t", help="Target model name from specq.toml."),
    max_new_tokens: int = typer.Option(128, "--max-new-tokens", help="Default per line; lines may override."),
    temperature: float = typer.Option(0.0, "--temperature", help="0 = greedy."),
    top_p: float = typer.Option(1.0, "--top-p"),
    seed: int | None = typer.Option(None, "--seed"),
    stop: list[str] | None = typer.Option(None, "--stop", help="Stop string (repeatable)."),
    name: str | None = typer.Option(None, "--name"),
    draft: str | None = typer.Option(None, "--draft", help="Pin one draft ('none' = plain decoding)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Export file (default <data_dir>/exports/<job>.jsonl)."
    ),
    fmt: str = typer.Option("specq", "--format", help="Export format: specq or openai."),
) -> None:
    """One-shot: start the stack (unless one serves the target), submit, wait, export, stop, summarize."""
    from producer.export import export
    from producer.submit import SubmitError, submit_job
    from specq.deployment import DeploymentError, load_deployment
    from specq.settings import get_settings
    from workers.stack import Stack, StackError, workers_serve

    if fmt not in ("specq", "openai"):
        raise fail(f"--format must be specq or openai, not {fmt!r}", 2)
    try:
        deployment = load_deployment()
        deployment.target(target)
    except DeploymentError as exc:
        raise fail(str(exc), 2) from None
    if file is None:
        from models.zoo import build_zoo

        with err.status(f"building the {deployment.zoo_preset} zoo (first run only)"):
            file = build_zoo(deployment.zoo_preset, root=get_settings().zoo_dir).demo_prompts
        err.print(f"no FILE given: running the zoo's demo sample {file}")
    if not file.exists():
        raise fail(f"input file {file} does not exist", 2)

    _sigterm_as_interrupt()
    stack: Stack | None = None
    job_id: str | None = None
    try:
        if workers_serve(load_deployment(), [target]):
            err.print("using the running specq workers")
        else:
            stack = Stack(targets=[target])
            with err.status("starting broker and workers (decode workers load their models first)"):
                stack.start()
        result = submit_job(
            file,
            target,
            name=name,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            top_p=top_p,
            seed=seed,
            stop=stop,
            draft=draft,
        )
        job_id = result.job_id
        err.print(
            f"{job_id}: {result.total} prompts, {result.invalid} invalid lines "
            f"({result.seconds:.2f}s to submit)"
        )
        if result.status == "failed":
            raise fail(result.message or f"job {job_id} failed")
        if not result.enqueued:
            raise fail(result.message or f"job {job_id} was not enqueued")
        rep = _wait(job_id, stack)
        dest = output or get_settings().data_dir / "exports" / f"{job_id}.jsonl"
        summary = export(job_id, dest, format=fmt)  # type: ignore[arg-type]
        err.print(f"exported {summary.lines} lines to {dest}")
    except KeyboardInterrupt:
        if stack is not None:
            err.print("[yellow]interrupted; stopping workers (Ctrl-C again to stop at once)[/]")
            _stop(stack, 60.0)
            stack = None
        if job_id:
            err.print(f"{job_id} stays in progress: `specq up` (or `specq resume {job_id}`) finishes it")
        raise typer.Exit(130) from None
    except (SubmitError, StackError, DeploymentError) as exc:
        raise fail(str(exc)) from None
    finally:
        if stack is not None:
            stack.stop(timeout=60.0)
    for table in summary_tables(job_id):
        out.print(table)
    if rep.status != "completed":
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------
# specq worker route|decode
# ---------------------------------------------------------------------------------------------


def _worker_main(spec: Any, ctx: typer.Context, loglevel: str) -> None:
    from workers.app import celery_app
    from workers.stack import celery_worker_args

    args = celery_worker_args(spec, loglevel=loglevel, extra=list(ctx.args))
    err.print("celery -A workers.app " + " ".join(args))
    celery_app.worker_main(argv=args)


@worker_app.command("route", context_settings=_EXTRA)
def worker_route(
    ctx: typer.Context,
    concurrency: int = typer.Option(1, "--concurrency", "-c", help="Routing threads."),
    loglevel: str = typer.Option("INFO", "--loglevel", "-l"),
) -> None:
    """The routing worker (queue specq.route). Extra arguments go to `celery worker`."""
    from workers.stack import route_worker

    _worker_main(route_worker(concurrency), ctx, loglevel)


@worker_app.command("decode", context_settings=_EXTRA)
def worker_decode(
    ctx: typer.Context,
    target: str = typer.Option(..., "--target", "-t", help="The target this worker serves."),
    draft: list[str] | None = typer.Option(
        None,
        "--draft",
        "-d",
        help="Serve only these drafts (repeatable; default: every pairing of the target).",
    ),
    loglevel: str = typer.Option("INFO", "--loglevel", "-l"),
) -> None:
    """A decode worker: the target's pairing queues, solo pool, concurrency 1.

    Extra arguments go to `celery worker`.
    """
    from specq.deployment import DeploymentError, load_deployment
    from workers.stack import StackError, decode_worker

    try:
        spec = decode_worker(load_deployment(), target, draft)
    except (DeploymentError, StackError) as exc:
        raise fail(str(exc), 2) from None
    _worker_main(spec, ctx, loglevel)


# ---------------------------------------------------------------------------------------------
# specq bench pipeline
# ---------------------------------------------------------------------------------------------


def bench_pipeline_cmd(
    n: int = typer.Option(2000, "--n", "-n", help="Prompts."),
    target: str = typer.Option("target-s", "--target", "-t"),
    draft: str | None = typer.Option(
        None, "--draft", help="Pairing to measure (default: the target's default)."
    ),
    max_new_tokens: int = typer.Option(64, "--max-new-tokens"),
    data: Path | None = typer.Option(
        None,
        "--data",
        help="JSONL prompts (prompt/messages/Spec-Bench turns); default: generated mixed prompts.",
    ),
    repeats: int = typer.Option(
        1, "--repeats", "-r", help="Engine/pipeline pairs, interleaved; the median counts."
    ),
    batch_size: int | None = typer.Option(
        None, "--batch-size", help="Prompts per decode batch on both paths (default: SPECQ_MAX_BATCH_SIZE)."
    ),
) -> None:
    """N prompts through the whole pipeline vs straight through the engine; prints the throughput ratio."""
    from bench.pipeline import PipelineBenchConfig, run_pipeline_bench

    config = PipelineBenchConfig(n, target, draft, max_new_tokens, data, repeats, batch_size)
    result = run_pipeline_bench(config, status=lambda msg: err.print(f"[dim]{escape(msg)}[/]"))
    table = Table(
        title=f"pipeline vs engine: {result.n} prompts, {result.pairing}, max {max_new_tokens} new tokens"
    )
    for col in (
        "run",
        "engine s",
        "engine tok/s",
        "pipeline s",
        "pipeline tok/s",
        "ratio",
        "decode share",
        "overhead ms/batch",
    ):
        table.add_column(col, justify="right")
    for i, r in enumerate(result.runs, 1):
        table.add_row(
            str(i),
            f"{r.engine_seconds:.2f}",
            f"{r.engine_tps:.0f}",
            f"{r.pipeline_seconds:.2f}",
            f"{r.pipeline_tps:.0f}",
            f"{r.ratio:.3f}",
            f"{r.decode_share:.3f}",
            f"{r.overhead_ms_per_batch:.0f}",
        )
    out.print(table)
    m = result.median
    out.print(
        f"ratio pipeline/engine = [bold]{m.ratio:.3f}[/] (median of {len(result.runs)}; goal >= 0.9); "
        f"{m.batches} batches, {m.pipeline_tokens} tokens; stack start {result.start_seconds:.1f}s, not timed"
    )


def register(app: typer.Typer) -> None:
    """Add `up`, `run` and `worker` to the ``specq`` app."""
    app.command("up")(up_cmd)
    app.command("run")(run_cmd)
    app.add_typer(worker_app, name="worker")


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench pipeline`."""
    bench_app.command("pipeline")(bench_pipeline_cmd)
