"""Task commands: partition, classify, assign; benchmarks `specq bench tasks`, `assignment`, `route-cost`.

Each command parses, calls one function (:mod:`models.tasks`, :mod:`bench.assign`,
:mod:`bench.tasks`, :mod:`bench.assignment`, :mod:`bench.route_cost`) and prints. Heavy
imports (scikit-learn, sentence-transformers, torch) happen inside the commands so
``specq --help`` stays fast.
``classify`` writes its JSON lines alone on stdout; progress and tables go to stderr.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import err, fail, out
from cli.progress import QUIET_OPTION, cli_progress


def _read_prompts(path: Path) -> list[Any]:
    from bench.prompts import read_prompts

    try:
        return read_prompts(path)
    except ValueError as exc:
        raise fail(str(exc)) from exc


def _router_dir(router: Path | None) -> Path:
    if router is not None:
        return router
    from specq.deployment import DeploymentError, load_deployment

    try:
        path = load_deployment().router_path
    except DeploymentError as exc:
        raise fail(str(exc)) from exc
    if path is None:
        raise fail("no --router given and the deployment file names no [router] path")
    return path


# ---------------------------------------------------------------------------------------------
# specq partition
# ---------------------------------------------------------------------------------------------


def partition_cmd(
    file: Path = typer.Argument(..., help="Prompts: JSONL (prompt/messages, OpenAI batch, Spec-Bench), CSV."),
    out_dir: Path = typer.Option(
        ..., "--out", "-o", help="Router directory to write (the deployment's [router] path routes with it)."
    ),
    k: int | None = typer.Option(
        None, "--k", min=1, help="Number of sub-tasks; default: chosen by silhouette."
    ),
    featurizer: str = typer.Option(
        "auto", "--featurizer", help="minilm | tfidf | auto (MiniLM when installed, else TF-IDF)."
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of k-means and the classifier: same seed, same labels."),
    device: str | None = typer.Option(
        None, "--device", help="Device of the embedding model (cpu, cuda, auto; default SPECQ_DEVICE)."
    ),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Split prompts into sub-tasks and train the router that classifies new prompts into them."""
    from bench.partition import partition_file
    from specq.settings import get_settings

    started = time.perf_counter()
    with cli_progress(quiet) as shown:
        try:
            done = partition_file(
                file,
                out_dir,
                k=k,
                featurizer=featurizer,
                seed=seed,
                device=device or get_settings().device,
                progress=shown,
            )
        except (ValueError, ModuleNotFoundError, FileNotFoundError) as exc:
            raise fail(str(exc)) from exc
    if done.unreadable:
        err.print(
            f"[yellow]{done.unreadable} unreadable line(s) skipped[/] "
            "(recorded in labels.jsonl with their reason)"
        )
    part, router, report = done.partition, done.router, done.report
    table = Table(title=f"{part.k} sub-tasks of {done.prompts} prompts ({part.featurizer})")
    table.add_column("label")
    table.add_column("prompts", justify="right")
    table.add_column("distinctive terms")
    for name, size, terms in zip(part.names, part.sizes(), part.top_terms, strict=True):
        table.add_row(escape(name), str(size), escape(", ".join(terms)))
    err.print(table)
    if part.k_scores:
        err.print("K by silhouette: " + ", ".join(f"{kk}: {s:.3f}" for kk, s in part.k_scores.items()))
    acc = router.manifest.heldout_accuracy
    if acc is not None:
        err.print(f"classifier accuracy on {router.manifest.heldout_prompts} held-out prompts: {acc:.1%}")
    err.print(f"wrote {out_dir} (report: {report}) in {time.perf_counter() - started:.1f}s")


# ---------------------------------------------------------------------------------------------
# specq classify
# ---------------------------------------------------------------------------------------------


def classify_cmd(
    file: Path = typer.Argument(..., help="Prompts in any format `specq submit` reads."),
    router: Path | None = typer.Option(
        None, "--router", "-r", help="Router directory (default: the deployment's [router] path)."
    ),
    chunk: int = typer.Option(10_000, "--chunk", min=1, help="Prompts classified per call."),
) -> None:
    """Print each input line's sub-task as one JSON line (line, custom_id, label): a routing dry run."""
    from models.tasks import LabelRow, RouterArtifactError, load_router

    directory = _router_dir(router)
    try:
        model = load_router(directory)
    except RouterArtifactError as exc:
        raise fail(str(exc)) from exc
    rows = _read_prompts(file)
    good = [r for r in rows if r.text is not None]
    labels: dict[int, str] = {}
    for i in range(0, len(good), chunk):
        part = good[i : i + chunk]
        labels.update(zip((r.line for r in part), model.classify([r.text or "" for r in part]), strict=True))
    for r in rows:
        sys.stdout.write(LabelRow(r.line, r.custom_id, labels.get(r.line), r.error).to_json() + "\n")
    counts = Counter(labels.values())
    err.print(
        f"{len(good)} prompts classified ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))}); "
        f"{len(rows) - len(good)} unreadable"
    )


# ---------------------------------------------------------------------------------------------
# specq assign
# ---------------------------------------------------------------------------------------------


def assign_cmd(
    target: str = typer.Option(..., "--target", "-t", help="Target model name from specq.toml."),
    router: Path | None = typer.Option(
        None, "--router", "-r", help="Router directory (default: the deployment's [router] path)."
    ),
    drafts: str | None = typer.Option(
        None, "--drafts", help="Comma-separated drafts to compare (default: every draft serving the target)."
    ),
    file: Path | None = typer.Argument(
        None, help="Prompts to measure on (default: the prompts the router was trained on)."
    ),
    sample: int = typer.Option(16, "--sample", min=1, help="Prompts per sub-task."),
    max_new_tokens: int = typer.Option(64, "--max-new-tokens", min=1),
    batch_size: int = typer.Option(8, "--batch-size", min=1),
    seed: int = typer.Option(0, "--seed", help="Seed of the prompt sample."),
    plain: bool = typer.Option(
        True,
        "--plain/--no-plain",
        help="Measure plain decoding too; a sub-task whose best draft is slower gets 'none'.",
    ),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Measure every candidate draft on each sub-task's prompts; store the best in `assignments`."""
    from bench.assign import AssignConfig, assign_drafts

    config = AssignConfig(
        target=target,
        router=_router_dir(router),
        drafts=tuple(d.strip() for d in drafts.split(",") if d.strip()) if drafts else (),
        file=file,
        sample=sample,
        max_new_tokens=max_new_tokens,
        batch_size=batch_size,
        seed=seed,
        plain=plain,
    )
    with cli_progress(quiet) as shown:
        try:
            result = assign_drafts(config, progress=shown)
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if result.skipped:
        err.print(
            f"[yellow]{result.skipped} prompt(s) skipped:[/] too long for {target}'s context "
            f"with {max_new_tokens} new tokens"
        )
    table = Table(title=f"drafts for {target} ({sample} prompts per sub-task, {max_new_tokens} new tokens)")
    for col in ("task", "draft", "prompts", "acceptance", "accepted/step", "tokens/s", ""):
        table.add_column(col, justify="left" if col in ("task", "draft", "") else "right")
    for task, by_draft in result.measured.items():
        for draft, m in by_draft.items():
            table.add_row(
                escape(task),
                escape(draft),
                str(m.measure.prompts),
                f"{m.measure.acceptance:.1%}" if m.measure.acceptance is not None else "-",
                f"{m.measure.mean_accepted:.2f}" if m.measure.mean_accepted is not None else "-",
                f"{m.tokens_per_second:.1f}",
                "[green]assigned[/]" if result.chosen.get(task) == draft else "",
            )
    err.print(table)


# ---------------------------------------------------------------------------------------------
# Benchmarks
# ---------------------------------------------------------------------------------------------


def bench_tasks_cmd(
    data: Path = typer.Argument(..., help="Spec-Bench question.jsonl (question_id, category, turns)."),
    featurizers: str = typer.Option("minilm,tfidf", "--featurizers", help="Comma-separated featurizers."),
    seed: int = typer.Option(0, "--seed"),
    throughput_prompts: int = typer.Option(48_000, "--throughput-prompts", min=1000),
    out_json: Path | None = typer.Option(None, "--json", help="Also write the numbers here."),
    ablation: bool = typer.Option(False, "--ablation", help="Also score feature variants (views, length)."),
    seeds: int = typer.Option(1, "--seeds", min=1, help="Also re-cluster with this many k-means seeds."),
    eval_set: Path | None = typer.Option(
        None, "--eval", help="Labelled prompts written apart from Spec-Bench (default: bench/task_eval)."
    ),
    dev_set: Path | None = typer.Option(
        None,
        "--dev",
        help="Labelled prompts for choices such as the slow path's margin (default: bench/task_eval).",
    ),
    more_sets: list[str] = typer.Option(
        [],
        "--set",
        help="NAME=PATH: another labelled set to route (repeatable; default: bench/task_eval's test, "
        "final, blind, holdout and fresh sets).",
    ),
    no_eval: bool = typer.Option(
        False, "--no-eval", help="Skip the generalization benchmark (every labelled set)."
    ),
    cross_source: bool = typer.Option(
        True, "--cross-source/--no-cross-source", help="Route the zoo's prompts."
    ),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Partition Spec-Bench; route prompts written apart from it; robustness; routing throughput."""
    from bench.routing import DEV_SET, EVAL_SET
    from bench.tasks import TasksBenchConfig, run_tasks_bench

    named: list[tuple[str, Path]] = []
    for item in more_sets:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise fail(f"--set {item!r}: expected NAME=PATH")
        if not Path(path).is_file():
            raise fail(f"--set {item!r}: no such file: {path}")
        named.append((name, Path(path)))

    config = TasksBenchConfig(
        data=data,
        featurizers=tuple(f.strip() for f in featurizers.split(",") if f.strip()),
        seed=seed,
        throughput_prompts=throughput_prompts,
        ablation=ablation,
        seeds=seeds,
        eval_set=None if no_eval else (eval_set or EVAL_SET),
        dev_set=None if no_eval else (dev_set or DEV_SET),
        cross_source=cross_source,
        more_sets=() if no_eval else (tuple(named) or TasksBenchConfig.more_sets),
    )
    with cli_progress(quiet) as shown:
        try:
            result = run_tasks_bench(config, status=shown.say)
        except (ValueError, ModuleNotFoundError, FileNotFoundError) as exc:
            raise fail(str(exc)) from exc
    table = Table(title=f"Spec-Bench partitioning ({result.prompts} prompts, {len(result.groups)} groups)")
    for col in ("featurizer", "K", "NMI", "ARI", "purity", "NMI @K=6", "held-out acc.", "seconds"):
        table.add_column(col, justify="right" if col != "featurizer" else "left")
    for f in result.featurizers:
        table.add_row(
            f.name,
            str(f.k),
            f"{f.agreement.nmi:.3f}",
            f"{f.agreement.ari:.3f}",
            f"{f.agreement.purity:.3f}",
            f"{f.agreement_k6.nmi:.3f}",
            f"{f.heldout_accuracy:.1%}" if f.heldout_accuracy is not None else "-",
            f"{f.partition_seconds:.0f}",
        )
    out.print(table)
    for f in result.featurizers:
        if f.kmeans_seeds:
            runs = f.kmeans_seeds
            err.print(
                f"{f.name}: k-means seeds {runs[0]['seed']}..{runs[-1]['seed']}: K "
                f"{sorted({r['k'] for r in runs})}, NMI {min(r['nmi'] for r in runs):.3f}"
                f"..{max(r['nmi'] for r in runs):.3f}"
            )
    if result.ablation:
        abl = Table(title="feature ablation (NMI against the six groups)")
        for col in ("features", "K (auto)", "NMI (auto K)", "NMI (K=6)"):
            abl.add_column(col, justify="left" if col == "features" else "right")
        for variant, r in result.ablation.items():
            abl.add_row(variant, str(r["k"]), f"{r['nmi']:.3f}", f"{r['nmi_k6']:.3f}")
        out.print(abl)
    evals = [
        e
        for f in result.featurizers
        for e in (f.generalization, f.dev_generalization, *f.more.values())
        if e is not None
    ]
    if result.group_router is not None:
        evals.append(result.group_router)
    for ev in evals:
        out.print(
            f"[bold]{escape(ev.name)}[/]: {ev.accuracy:.1%} of in-distribution prompts routed to their group "
            f"({ev.flagged:.1%} flagged low-confidence)"
            + (
                f"; {ev.ood_flagged:.1%} of out-of-distribution prompts flagged"
                if ev.ood_flagged is not None
                else ""
            )
        )
        out.print(ev.markdown(), markup=False, highlight=False)
    for f in result.featurizers:
        for which, sp in (("eval", f.slow_path), ("dev", f.dev_slow_path), *f.more_slow_paths.items()):
            if sp is None:
                continue
            out.print(
                f"slow path ({f.name} nearest centroid, {which} set): {sp.centroid_accuracy:.1%} alone; "
                f"{(sp.seconds_per_prompt or 0) * 1e3:.1f} ms of CPU per prompt; after fast: "
                + ", ".join(
                    f"margin < {m}: {share:.1%} of prompts slow, {acc:.1%} right"
                    for m, (share, acc) in sp.hybrid.items()
                )
            )
        if f.slow_path_choice is not None:
            ch = f.slow_path_choice
            mix = f", {ch.mix_per_cpu_s:,.0f} prompts per CPU second" if ch.mix_per_cpu_s else ""
            out.print(
                f"slow path chosen on the dev set: margin < {ch.margin} ({ch.dev[0]:.1%} slow, "
                f"{ch.dev[1]:.1%} right on dev); on the evaluation set {ch.eval[0]:.1%} slow, "
                f"{ch.eval[1]:.1%} right{mix}"
            )
    if result.robustness is not None:
        rob = Table(title=f"label changes under boilerplate ({result.robustness.prompts} prompts)")
        rob.add_column("perturbation")
        rob.add_column("labels changed", justify="right")
        for name, share in result.robustness.changed.items():
            rob.add_row(escape(name), f"{share:.1%}")
        out.print(rob)
    for cs in result.cross_source:
        cross = Table(title=escape(cs.name))
        columns = sorted({c for row in cs.routed.values() for c in row})
        cross.add_column("source task")
        for c in columns:
            cross.add_column(escape(c), justify="right")
        for task, row in cs.routed.items():
            cross.add_row(escape(task), *(str(row.get(c, 0)) for c in columns))
        out.print(cross)
    if result.throughput is not None:
        t = result.throughput
        out.print(
            f"routing throughput: {t.median:,.0f} prompts/s wall clock, {t.cpu_median:,.0f} prompts per "
            f"CPU second (medians of {len(t.rates)} runs over {t.prompts:,} prompts, one process {t.pinned})"
        )
    if out_json is not None:
        out_json.write_text(json.dumps(result.to_json(), indent=2) + "\n")


def bench_assignment_cmd(
    seeds: int = typer.Option(10, "--seeds", min=1, help="Repetitions of each scenario."),
    batches: int = typer.Option(160, "--batches", min=20),
    change_at: int = typer.Option(40, "--change-at", min=1, help="Batch at which the better draft appears."),
    explore_rate: float = typer.Option(0.05, "--explore-rate"),
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    out_json: Path | None = typer.Option(None, "--json", help="Also write the numbers here."),
) -> None:
    """Online re-assignment on a real (temporary SQLite) database with synthetic acceptance."""
    from bench.assignment import AssignmentBenchConfig, run_assignment_bench

    config = AssignmentBenchConfig(
        seeds=seeds, batches=batches, change_at=change_at, explore_rate=explore_rate, batch_size=batch_size
    )
    with err.status("simulating..."):
        result = run_assignment_bench(config)
    table = Table(
        title=f"online re-assignment ({seeds} seeds, {batches} batches of {batch_size}, "
        f"explore {explore_rate:.0%})"
    )
    for col in (
        "scenario",
        "switched",
        "batches to switch (median / max)",
        "switches per run",
        "wrong switches",
    ):
        table.add_column(col, justify="left" if col == "scenario" else "right")
    for s in result.scenarios:
        median = s.median_delay()
        table.add_row(
            s.name,
            f"{s.switched_runs}/{seeds}" if s.best else "-",
            f"{median:.0f} / {max(s.batches_to_switch)}" if median is not None else "-",
            f"{sum(s.switches_per_run) / len(s.switches_per_run):.2f}",
            str(s.wrong_switches),
        )
    out.print(table)
    out.print(
        f"a cold candidate is explored within {result.exploration_bound_99} batches with probability 0.99 "
        f"(explore rate {explore_rate})"
    )
    if result.example_event is not None:
        out.print("example assignment_events row:")
        out.print_json(data=result.example_event)
    if out_json is not None:
        out_json.write_text(json.dumps(result.to_json(), indent=2, default=str) + "\n")


def bench_route_cost_cmd(
    preset: str = typer.Option("tiny", "--preset", help="Zoo preset whose tasks and drafts are used."),
    target: str = typer.Option("target-l", "--target", help="Zoo target the drafts are aligned to."),
    k: int = typer.Option(4, "--k", min=1, help="Draft tokens per step (fixed)."),
    max_new_tokens: int = typer.Option(64, "--max-new-tokens", min=1),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    realign: bool = typer.Option(False, "--realign", help="Align the task drafts again, not reuse them."),
    accuracies: str = typer.Option(
        "1.0,0.95,0.93,0.9,0.8", "--accuracy", help="Router accuracies to price (comma-separated)."
    ),
    out_json: Path | None = typer.Option(None, "--json", help="Also write the numbers here."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """What a wrong route costs: each task's prompts with its own aligned draft vs a wrong task's."""
    from bench.route_cost import (
        FALLBACK,
        RouteCostConfig,
        expected_tokens_per_step,
        run_route_cost,
        tokens_per_step,
    )

    try:
        levels = [float(a) for a in accuracies.split(",") if a.strip()]
    except ValueError as exc:
        raise fail(f"--accuracy: comma-separated numbers in [0, 1] expected, got {accuracies!r}") from exc
    if not levels or any(not 0.0 <= a <= 1.0 for a in levels):
        raise fail(f"--accuracy: comma-separated numbers in [0, 1] expected, got {accuracies!r}")
    config = RouteCostConfig(
        preset=preset,
        target=target,
        k=k,
        max_new_tokens=max_new_tokens,
        batch_size=batch_size,
        realign=realign,
    )
    with cli_progress(quiet) as shown:
        try:
            result = run_route_cost(config, status=shown.say)
        except (ValueError, FileNotFoundError) as exc:
            raise fail(str(exc)) from exc

    def cell(a: Any) -> str:
        return f"{a.rate:.3f} / {a.accepted / a.steps if a.steps else 0:.2f}"

    drafts = [FALLBACK, *result.tasks]
    matrix = Table(
        title=f"acceptance / accepted per step, {preset} zoo, {target}, k={k}, "
        f"{max_new_tokens} new tokens (rows: prompts' task; columns: draft)"
    )
    matrix.add_column("task")
    for d in drafts:
        matrix.add_column("general draft" if d == FALLBACK else f"aligned on {escape(d)}", justify="right")
    for t in result.tasks:
        matrix.add_row(escape(t), *(cell(result.matrix[t][d]) for d in drafts))
    out.print(matrix)
    cost = Table(
        title="right route (own task's draft) vs wrong route (the draft of the task it would be misrouted to)"
    )
    for col in (
        "task",
        "prompts",
        "misrouted to",
        "right",
        "wrong",
        "general",
        "tokens/step right -> wrong",
    ):
        cost.add_column(col, justify="left" if col in ("task", "misrouted to") else "right")
    for t in result.tasks:
        r, w = result.right[t], result.wrong[t]
        cost.add_row(
            escape(t),
            str(r.prompts),
            escape(", ".join(f"{u} {n}" for u, n in result.runner_up[t].items())),
            cell(r),
            cell(w),
            cell(result.matrix[t][FALLBACK]),
            f"{tokens_per_step(r):.2f} -> {tokens_per_step(w):.2f}",
        )
    right, wrong, fallback = result.totals()
    cost.add_row(
        "all",
        str(right.prompts),
        "",
        cell(right),
        cell(wrong),
        cell(fallback),
        f"{tokens_per_step(right):.2f} -> {tokens_per_step(wrong):.2f}",
    )
    out.print(cost)
    out.print(f"zoo router accuracy on the held-out prompts: {result.router_accuracy:.1%}")
    best = tokens_per_step(right)
    for a in levels:
        value = expected_tokens_per_step(a, right, wrong)
        out.print(
            f"router accuracy {a:.1%}: {value:.2f} tokens per target step "
            f"({value / best - 1:+.1%} against every prompt routed right)"
        )
    if out_json is not None:
        out_json.write_text(json.dumps(result.to_json(), indent=2) + "\n")


def register(app: typer.Typer) -> None:
    """Add the task commands to the ``specq`` app."""
    app.command("partition")(partition_cmd)
    app.command("classify")(classify_cmd)
    app.command("assign")(assign_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add ``specq bench tasks``, ``specq bench assignment`` and ``specq bench route-cost``."""
    bench_app.command("tasks")(bench_tasks_cmd)
    bench_app.command("assignment")(bench_assignment_cmd)
    bench_app.command("route-cost")(bench_route_cost_cmd)
