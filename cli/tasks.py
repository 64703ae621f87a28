"""Task commands: partition, classify, assign; benchmarks `specq bench tasks` and `specq bench assignment`.

Thin over :mod:`models.tasks` (partitioning, the router) and :mod:`workers.assignment`
(draft assignment). Heavy imports (scikit-learn, sentence-transformers, torch) happen inside
the commands so ``specq --help`` stays fast. ``classify`` writes its JSON lines alone on
stdout; progress and tables go to stderr.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import err, out

# Spec-Bench categories outside these five are the MT-bench conversation group.
SPEC_BENCH_GROUPS = ("translation", "summarization", "qa", "math_reasoning", "rag")


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(message)}")
    return typer.Exit(code)


@dataclass(frozen=True)
class InputPrompt:
    """One input line as the task commands see it: readable (text) or not (error)."""

    line: int
    custom_id: str | None
    text: str | None
    messages: list[Any] | None
    error: str | None = None


def read_prompts(path: Path) -> list[InputPrompt]:
    """Every line of a `specq submit` input, validated as submit validates it, in input order."""
    from producer.readers import InputFileError, read_input
    from producer.validate import SamplingDefaults, validate_lines
    from specq.chat import prompt_text

    try:
        report = validate_lines(read_input(path), target="(task partitioning)", defaults=SamplingDefaults())
    except InputFileError as exc:
        raise _fail(str(exc)) from exc
    rows = [
        InputPrompt(p.position, p.custom_id, prompt_text(p.text, p.messages), p.messages)
        for p in report.prompts
    ]
    rows += [InputPrompt(e.position, e.custom_id, None, None, e.reason) for e in report.errors]
    return sorted(rows, key=lambda r: r.line)


def _good(rows: list[InputPrompt]) -> list[InputPrompt]:
    return [r for r in rows if r.text is not None]


def _router_dir(router: Path | None) -> Path:
    if router is not None:
        return router
    from specq.deployment import DeploymentError, load_deployment

    try:
        path = load_deployment().router_path
    except DeploymentError as exc:
        raise _fail(str(exc)) from exc
    if path is None:
        raise _fail("no --router given and the deployment file names no [router] path")
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
) -> None:
    """Split prompts into sub-tasks and train the router that classifies new prompts into them."""
    from models import tasks
    from specq.settings import get_settings

    device = device or get_settings().device

    rows = read_prompts(file)
    good = _good(rows)
    if not good:
        raise _fail(f"{file}: no readable prompt (of {len(rows)} lines); see `specq classify` for reasons")
    bad = len(rows) - len(good)
    if bad:
        err.print(f"[yellow]{bad} unreadable line(s) skipped[/] (recorded in labels.jsonl with their reason)")
    texts = [r.text or "" for r in good]
    started = time.perf_counter()
    with err.status(f"partitioning {len(texts)} prompts ({featurizer} features)..."):
        try:
            part = tasks.partition(texts, k=k, featurizer=featurizer, seed=seed, device=device)
        except (ValueError, ModuleNotFoundError, FileNotFoundError) as exc:
            raise _fail(str(exc)) from exc
    with err.status("training the router..."):
        router = tasks.train_router(
            texts,
            part.labels,
            boilerplate=part.boilerplate,
            seed=seed,
            featurizer=part.featurizer,
            source_file=str(file.resolve()),
        )
        tasks.save_router(router, out_dir)
    label_of = dict(zip((r.line for r in good), part.labels, strict=True))
    tasks.write_labels(
        out_dir / tasks.LABELS_FILE,
        (tasks.LabelRow(r.line, r.custom_id, label_of.get(r.line), r.error) for r in rows),
    )
    report = tasks.write_report(
        part, router, out_dir, texts=texts, custom_ids=[r.custom_id for r in good], source=file.name
    )
    table = Table(title=f"{part.k} sub-tasks of {len(texts)} prompts ({part.featurizer})")
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
        raise _fail(str(exc)) from exc
    rows = read_prompts(file)
    good = _good(rows)
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


def _prompts_by_task(
    file: Path | None, router_dir: Path, sample: int, seed: int
) -> dict[str, list[InputPrompt]]:
    """A seeded sample of each sub-task's prompts: FILE classified by the router, else the
    router's own training prompts with their cluster labels."""
    from models.tasks import LABELS_FILE, RouterArtifactError, load_router, read_labels

    try:
        model = load_router(router_dir)
    except RouterArtifactError as exc:
        raise _fail(str(exc)) from exc
    if file is not None:
        good = _good(read_prompts(file))
        labels = model.classify([r.text or "" for r in good])
    else:
        source = model.manifest.source_file
        if not source or not Path(source).is_file():
            raise _fail(
                f"{router_dir} was trained on {source!r}, which is not readable here; "
                "pass the prompts to measure on as FILE"
            )
        by_line = {r.line: r.label for r in read_labels(router_dir / LABELS_FILE)}
        good = [r for r in _good(read_prompts(Path(source))) if by_line.get(r.line)]
        labels = [str(by_line[r.line]) for r in good]
    groups: dict[str, list[InputPrompt]] = defaultdict(list)
    for r, label in zip(good, labels, strict=True):
        groups[label].append(r)
    rng = random.Random(seed)
    return {t: rng.sample(rs, min(sample, len(rs))) for t, rs in sorted(groups.items())}


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
) -> None:
    """Measure every candidate draft on each sub-task's prompts; store the best in `assignments`."""
    from db.session import init_db, session_scope
    from specq.deployment import DeploymentError, load_deployment

    try:
        deployment = load_deployment()
        serving = deployment.pairings(target)
    except DeploymentError as exc:
        raise _fail(str(exc)) from exc
    names = [d.strip() for d in drafts.split(",") if d.strip()] if drafts else serving
    unknown = [d for d in names if d not in serving]
    if unknown or not names:
        raise _fail(
            f"draft(s) {', '.join(unknown) or '(none given)'} do not serve {target} in {deployment.source}; "
            f"it is paired with: {', '.join(serving) or 'no draft'} "
            "(register one with specq align --register)"
        )
    by_task = _prompts_by_task(file, _router_dir(router), sample, seed)
    if not by_task:
        raise _fail("no prompts to measure on")

    from workers.assignment import measure_drafts, store_offline_assignments
    from workers.decode import WorkItem, tokenize
    from workers.runtime import Runtime

    runtime = Runtime(deployment)
    with err.status(f"loading {target}..."):
        loaded = runtime.target(target)
    room = (loaded.context_length or 10**9) - max_new_tokens
    token_ids: dict[str, list[list[int]]] = {}
    skipped = 0
    for task, rows in by_task.items():
        ids = [
            tokenize(loaded.tokenizer, WorkItem(r.line, task, None if r.messages else r.text, r.messages, {}))
            for r in rows
        ]
        kept = [t for t in ids if 0 < len(t) <= room]
        skipped += len(ids) - len(kept)
        if kept:
            token_ids[task] = kept
    if skipped:
        err.print(
            f"[yellow]{skipped} prompt(s) skipped:[/] too long for {target}'s context "
            f"with {max_new_tokens} new tokens"
        )
    total = len(token_ids) * len(names)
    with err.status("measuring...") as status:
        done = [0]

        def progress(task: str, draft: str) -> None:
            done[0] += 1
            status.update(f"measuring {draft} on {task} ({done[0]}/{total})")

        measured = measure_drafts(
            runtime,
            target,
            names,
            token_ids,
            max_new_tokens=max_new_tokens,
            batch_size=batch_size,
            progress=progress,
        )
    init_db()
    with session_scope() as session:
        chosen = store_offline_assignments(session, target, measured)
    table = Table(title=f"drafts for {target} ({sample} prompts per sub-task, {max_new_tokens} new tokens)")
    for col in ("task", "draft", "prompts", "acceptance", "accepted/step", "tokens/s", ""):
        table.add_column(col, justify="left" if col in ("task", "draft", "") else "right")
    for task, by_draft in measured.items():
        for draft, m in by_draft.items():
            table.add_row(
                escape(task),
                escape(draft),
                str(m.measure.prompts),
                f"{m.measure.acceptance:.1%}" if m.measure.acceptance is not None else "-",
                f"{m.measure.mean_accepted:.2f}" if m.measure.mean_accepted is not None else "-",
                f"{m.tokens_per_second:.1f}",
                "[green]assigned[/]" if chosen.get(task) == draft else "",
            )
    err.print(table)


# ---------------------------------------------------------------------------------------------
# Benchmarks
# ---------------------------------------------------------------------------------------------


def _spec_bench_groups(path: Path) -> tuple[list[str], list[str]]:
    """(first-turn prompts, group) of a Spec-Bench question file; MT-bench categories are one group."""
    texts, groups = [], []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                texts.append(str(row["turns"][0]))
                cat = str(row["category"])
            except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
                raise _fail(f"{path}:{n}: not a Spec-Bench question line ({exc})") from exc
            groups.append(cat if cat in SPEC_BENCH_GROUPS else "mt_bench")
    return texts, groups


def _one_core() -> str:
    """Pin this process to one CPU so a throughput number means one core."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def bench_tasks_cmd(
    data: Path = typer.Argument(..., help="Spec-Bench question.jsonl (question_id, category, turns)."),
    featurizers: str = typer.Option("minilm,tfidf", "--featurizers", help="Comma-separated featurizers."),
    seed: int = typer.Option(0, "--seed"),
    throughput_prompts: int = typer.Option(48_000, "--throughput-prompts", min=1000),
    out_json: Path | None = typer.Option(None, "--json", help="Also write the numbers here."),
    ablation: bool = typer.Option(False, "--ablation", help="Also score feature variants (views, length)."),
    seeds: int = typer.Option(1, "--seeds", min=1, help="Also re-cluster with this many k-means seeds."),
) -> None:
    """Partition Spec-Bench: agreement with its six groups, classifier accuracy, routing throughput."""
    from models import tasks

    texts, groups = _spec_bench_groups(data)
    results: dict[str, Any] = {"prompts": len(texts), "groups": dict(Counter(groups)), "featurizers": {}}
    table = Table(title=f"Spec-Bench partitioning ({len(texts)} prompts, 6 groups)")
    for col in ("featurizer", "K", "NMI", "ARI", "purity", "NMI @K=6", "held-out acc.", "seconds"):
        table.add_column(col, justify="right" if col != "featurizer" else "left")
    router = None
    ablations: dict[str, dict[str, Any]] = {}
    for name in [f.strip() for f in featurizers.split(",") if f.strip()]:
        started = time.perf_counter()
        featurizer = tasks.get_featurizer(name, seed=seed)
        cleaned, boilerplate = tasks.clean_texts(texts)
        views = tasks.view_embeddings(cleaned, featurizer)
        x = tasks.combine_features(cleaned, views)
        part = tasks.cluster_prompts(cleaned, x, boilerplate=boilerplate, featurizer=name, seed=seed)
        seconds = time.perf_counter() - started
        fixed = tasks.cluster_prompts(cleaned, x, boilerplate=boilerplate, featurizer=name, k=6, seed=seed)
        scores = part.k_scores
        agreement = tasks.cluster_agreement(part.labels, groups)
        at6 = tasks.cluster_agreement(fixed.labels, groups)
        trained = tasks.train_router(texts, part.labels, boilerplate=boilerplate, seed=seed, featurizer=name)
        router = router or trained
        acc = trained.manifest.heldout_accuracy
        results["featurizers"][name] = {
            "k": part.k,
            "k_scores": {str(kk): round(s, 4) for kk, s in scores.items()},
            "agreement": agreement.__dict__,
            "agreement_k6": at6.__dict__,
            "heldout_accuracy": acc,
            "heldout_prompts": trained.manifest.heldout_prompts,
            "cluster_names": part.names,
            "cluster_groups": {
                n: dict(Counter(g for g, lab in zip(groups, part.labels, strict=True) if lab == n))
                for n in part.names
            },
            "partition_seconds": round(seconds, 1),
        }
        table.add_row(
            name,
            str(part.k),
            f"{agreement.nmi:.3f}",
            f"{agreement.ari:.3f}",
            f"{agreement.purity:.3f}",
            f"{at6.nmi:.3f}",
            f"{acc:.1%}" if acc is not None else "-",
            f"{seconds:.0f}",
        )
        if seeds > 1:
            runs = []
            for s_ in range(seed, seed + seeds):
                again = tasks.cluster_prompts(cleaned, x, boilerplate=boilerplate, featurizer=name, seed=s_)
                runs.append(
                    {"seed": s_, "k": again.k, **tasks.cluster_agreement(again.labels, groups).__dict__}
                )
            results["featurizers"][name]["kmeans_seeds"] = runs
            err.print(
                f"{name}: k-means seeds {seed}..{seed + seeds - 1}: K "
                f"{sorted({r['k'] for r in runs})}, NMI {min(r['nmi'] for r in runs):.3f}"
                f"..{max(r['nmi'] for r in runs):.3f}"
            )
        if ablation:
            variants = {
                "whole text": (views[2:], 0.0),
                "whole text + length": (views[2:], tasks.LENGTH_WEIGHT),
                "first + last + whole": (views, 0.0),
                "first + last + whole + length": (views, tasks.LENGTH_WEIGHT),
            }
            for variant, (vs, weight) in variants.items():
                xv = tasks.combine_features(cleaned, vs, weight)
                auto = tasks.cluster_prompts(cleaned, xv, boilerplate=boilerplate, featurizer=name, seed=seed)
                six = tasks.cluster_prompts(
                    cleaned, xv, boilerplate=boilerplate, featurizer=name, k=6, seed=seed
                )
                ablations[f"{name}: {variant}"] = {
                    "k": auto.k,
                    "nmi": tasks.cluster_agreement(auto.labels, groups).nmi,
                    "nmi_k6": tasks.cluster_agreement(six.labels, groups).nmi,
                }
    out.print(table)
    if ablations:
        abl = Table(title="feature ablation (NMI against the six groups)")
        for col in ("features", "K (auto)", "NMI (auto K)", "NMI (K=6)"):
            abl.add_column(col, justify="left" if col == "features" else "right")
        for variant, r in ablations.items():
            abl.add_row(variant, str(r["k"]), f"{r['nmi']:.3f}", f"{r['nmi_k6']:.3f}")
        out.print(abl)
        results["ablation"] = ablations
    if router is not None:
        pinned = _one_core()
        batch = (texts * (throughput_prompts // len(texts) + 1))[:throughput_prompts]
        router.classify(batch[:1000])  # warm caches
        rates = []
        for _ in range(5):
            t0 = time.perf_counter()
            router.classify(batch)
            rates.append(len(batch) / (time.perf_counter() - t0))
        results["throughput"] = {
            "prompts": len(batch),
            "median_prompts_per_s": round(statistics.median(rates)),
        }
        out.print(
            f"routing throughput: {statistics.median(rates):,.0f} prompts/s (median of 5 runs over "
            f"{len(batch):,} prompts, one process {pinned})"
        )
    if out_json is not None:
        out_json.write_text(json.dumps(results, indent=2) + "\n")


def bench_assignment_cmd(
    seeds: int = typer.Option(10, "--seeds", min=1, help="Repetitions of each scenario."),
    batches: int = typer.Option(160, "--batches", min=20),
    change_at: int = typer.Option(40, "--change-at", min=1, help="Batch at which the better draft appears."),
    explore_rate: float = typer.Option(0.05, "--explore-rate"),
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    out_json: Path | None = typer.Option(None, "--json", help="Also write the numbers here."),
) -> None:
    """Online re-assignment on a real (temporary SQLite) database with synthetic acceptance."""
    from db import queries
    from db.session import init_db, make_engine, session_scope
    from models.tasks.assignment import PolicyConfig
    from specq.deployment import Deployment, DraftSpec, TargetSpec
    from workers.assignment import batches_to_switch, expected_exploration_bound, simulate_online

    target, task = "t", "qa"

    def deployment(with_aligned: bool) -> Deployment:
        drafts = {
            "general": DraftSpec("general", "model", (target,), path="zoo:draft"),
            "prompt-lookup": DraftSpec("prompt-lookup", "prompt-lookup", (target,)),
        }
        if with_aligned:
            drafts["aligned"] = DraftSpec("aligned", "model", (target,), path="zoo:aligned")
        return Deployment(targets={target: TargetSpec(target, "zoo:target", "general")}, drafts=drafts)

    before, after = deployment(False), deployment(True)
    scenarios: dict[str, tuple[Any, Any, str | None]] = {
        # A task-aligned draft is registered at `change_at` (specq align --register).
        "new aligned draft registered": (
            lambda b: before if b < change_at else after,
            lambda b, d: {"general": 0.55, "prompt-lookup": 0.30, "aligned": 0.75}[d],
            "aligned",
        ),
        # The prompts of the task change at `change_at`: prompt lookup starts to pay off.
        "prompt-lookup acceptance rises": (
            lambda b: before,
            lambda b, d: {"general": 0.55, "prompt-lookup": 0.30 if b < change_at else 0.85}[d],
            "prompt-lookup",
        ),
        # Control: equal drafts; any switch is a false alarm.
        "no difference (control)": (
            lambda b: after,
            lambda b, d: 0.6,
            None,
        ),
    }
    config = PolicyConfig(explore_rate=explore_rate)
    results: dict[str, Any] = {
        "config": config.__dict__,
        "batches": batches,
        "change_at": change_at,
        "batch_size": batch_size,
        "scenarios": {},
    }
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
    example_event: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for name, (dep_at, acceptance, best) in scenarios.items():
            delays: list[int] = []
            switches: list[int] = []
            wrong = 0
            for seed in range(seeds):
                engine = make_engine(f"sqlite:///{tmp}/sim-{len(results['scenarios'])}-{seed}.db")
                init_db(engine)
                with session_scope(engine) as s:
                    history = simulate_online(
                        s,
                        target=target,
                        task=task,
                        deployment_at=dep_at,
                        acceptance=acceptance,
                        batches=batches,
                        batch_size=batch_size,
                        seed=seed,
                        config=config,
                    )
                    events = queries.assignment_events(s, target)
                    online = [e for e in events if e.reason and e.old_draft is not None]
                    switches.append(len(online))
                    if best is not None:
                        wrong += sum(1 for e in online if e.new_draft != best)
                        delay = batches_to_switch(history, change_at, best)
                        if delay is not None:
                            delays.append(delay)
                        if example_event is None and online:
                            e = online[0]
                            example_event = {
                                "old_draft": e.old_draft,
                                "new_draft": e.new_draft,
                                "reason": e.reason,
                                "evidence": e.evidence,
                            }
                    else:
                        wrong += len(online)
                engine.dispose()
            results["scenarios"][name] = {
                "switched_runs": len(delays) if best else None,
                "batches_to_switch": delays,
                "switches_per_run": switches,
                "wrong_switches": wrong,
            }
            table.add_row(
                name,
                f"{len(delays)}/{seeds}" if best else "-",
                f"{statistics.median(delays):.0f} / {max(delays)}" if delays else "-",
                f"{statistics.mean(switches):.2f}",
                str(wrong),
            )
    out.print(table)
    bound = expected_exploration_bound(explore_rate)
    out.print(
        f"a cold candidate is explored within {bound} batches with probability 0.99 "
        f"(explore rate {explore_rate})"
    )
    results["exploration_bound_99"] = bound
    if example_event is not None:
        out.print("example assignment_events row:")
        out.print_json(data=example_event)
        results["example_event"] = example_event
    if out_json is not None:
        out_json.write_text(json.dumps(results, indent=2, default=str) + "\n")


def register(app: typer.Typer) -> None:
    """Add the task commands to the ``specq`` app."""
    app.command("partition")(partition_cmd)
    app.command("classify")(classify_cmd)
    app.command("assign")(assign_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add ``specq bench tasks`` and ``specq bench assignment``."""
    bench_app.command("tasks")(bench_tasks_cmd)
    bench_app.command("assignment")(bench_assignment_cmd)
