"""`specq demo` (what `make demo` runs): the main job end to end, on a real model when one can be had.

The real zoo's task-routed deployment (:mod:`bench.demo`), or the tiny zoo with the reason
why not. One embedded stack (broker, routing and decode workers, SQLite) decodes the demo
prompts twice: plain decoding first (``--draft none``, the baseline the job summary's
"speedup vs plain decoding" reads), then as routed. Prints the routed job's summary (totals,
acceptance by task and draft), both rates, and whether the two jobs' outputs are identical.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from cli.console import err, fail, out
from cli.progress import QUIET_OPTION, cli_progress


def demo_cmd(
    max_new_tokens: int = typer.Option(32, "--max-new-tokens", min=1, help="New tokens per prompt."),
    preset: str = typer.Option(
        "real", help="Real zoo preset to try first (the tiny zoo if it cannot be built)."
    ),
    sample: int = typer.Option(
        4, min=1, help="First run only: alignment prompts per sub-task on which each draft is measured."
    ),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Plain vs task-routed decoding of the demo prompts through the whole stack, summarized from SQL."""
    from bench.demo import demo_routes, prepare_demo
    from bench.real_routing import RoutingConfig
    from models.tasks import RouterArtifactError
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    routing = RoutingConfig(sample=sample, max_new_tokens=32)
    zoo_root = get_settings().zoo_dir
    assert zoo_root is not None  # the settings default it to <data dir>/zoo
    err.print(f"the {preset} zoo and its task-routed deployment (built on the first run, then cached)")
    with cli_progress(quiet) as shown:
        setup = prepare_demo(zoo_root, preset=preset, routing=routing, progress=shown)
    if setup.fallback_reason is not None:
        err.print(
            f"[yellow]the real model cannot be built, running the tiny zoo instead:[/] "
            f"{escape(setup.fallback_reason)}",
            highlight=False,
        )
    else:
        assert setup.deployment is not None and setup.routing is not None
        # This process and the workers it starts serve the real zoo's deployment.
        os.environ["SPECQ_CONFIG_FILE"] = str(setup.deployment)
        get_settings.cache_clear()
        err.print(f"real model {setup.target}: deployment {setup.deployment}")
        try:
            routes = demo_routes(setup)
        except RouterArtifactError as exc:
            raise fail(str(exc)) from None
        spec = load_deployment(setup.deployment).target(setup.target)
        err.print(
            "demo prompts by the router's sub-task, and its draft: "
            + ", ".join(f"{t} {n} -> {spec.configured_draft(t)}" for t, n in sorted(routes.items())),
            highlight=False,
        )
    err.print(f"demo prompts: {setup.prompts}, at most {max_new_tokens} new tokens each")
    plain, routed = run_demo_jobs(setup.target, setup.prompts, max_new_tokens)
    report(plain, routed)


def run_demo_jobs(target: str, prompts: Path, max_new_tokens: int) -> tuple[str, str]:
    """Start the stack (unless workers serve ``target``), run the plain then the routed job; their ids."""
    from cli.workers import _sigterm_as_interrupt, _stop, _wait
    from producer.submit import SubmitError, submit_job
    from specq.deployment import DeploymentError, load_deployment
    from workers.stack import Stack, StackError, workers_serve

    _sigterm_as_interrupt()
    stack: Stack | None = None
    jobs: list[str] = []
    try:
        if workers_serve(load_deployment(), [target]):
            err.print("using the running specq workers")
        else:
            stack = Stack(targets=[target])
            with err.status("starting broker and workers (decode workers load their models first)"):
                stack.start()
        for name, draft in (("demo-plain", "none"), ("demo", None)):
            result = submit_job(prompts, target, name=name, max_new_tokens=max_new_tokens, draft=draft)
            if not result.enqueued:
                raise fail(result.message or f"job {result.job_id} was not enqueued")
            err.print(f"{result.job_id} ({name}, draft {draft or 'routed'}): {result.total} prompts")
            rep = _wait(result.job_id, stack)
            if rep.status != "completed":
                raise fail(f"job {result.job_id} ended {rep.status}: `specq status {result.job_id}`")
            jobs.append(result.job_id)
    except KeyboardInterrupt:
        if stack is not None:
            _stop(stack, 60.0)
            stack = None
        raise typer.Exit(130) from None
    except (SubmitError, StackError, DeploymentError) as exc:
        raise fail(str(exc)) from None
    finally:
        if stack is not None:
            stack.stop(timeout=60.0)
    return jobs[0], jobs[1]


def report(plain: str, routed: str) -> None:
    """The routed job's summary tables, both jobs' rates, whether their outputs are identical."""
    from cli.workers import summary_tables
    from producer.export import results

    for table in summary_tables(routed):
        out.print(table)
    rates = {job: _summary(job) for job in (plain, routed)}
    outputs = [{r["custom_id"]: r.get("output") for r in results(job)} for job in (plain, routed)]
    same = sum(outputs[0][c] == outputs[1].get(c) for c in outputs[0])
    p, r = rates[plain], rates[routed]
    out.print(
        f"plain decoding ({plain}): {_num(p['decode_tokens_per_s'])} tok/s decoding, "
        f"{_num(p['tokens_per_s'])} tok/s wall; routed ({routed}): {_num(r['decode_tokens_per_s'])} tok/s "
        f"decoding, {_num(r['tokens_per_s'])} tok/s wall; speedup vs plain decoding "
        f"[bold]{_num(r['speedup'], '{:.2f}x')}[/] (decoding tokens/s, one run each)"
    )
    out.print(f"outputs identical to plain decoding: {same} of {len(outputs[0])}")
    if same != len(outputs[0]):
        raise typer.Exit(1)


def _summary(job: str) -> dict[str, Any]:
    from sqlalchemy import text

    from db.session import session_scope

    with session_scope(read_only=True) as s:
        row = s.execute(text("SELECT * FROM v_job_summary WHERE job_id = :j"), {"j": job}).mappings().first()
    return dict(row) if row is not None else {}


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if value is None else fmt.format(value)


def register(app: typer.Typer) -> None:
    """Add `specq demo`."""
    app.command("demo")(demo_cmd)
