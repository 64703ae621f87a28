"""`specq calibrate` and `specq bench sorted`: per-target thresholds of a sorted draft (S2D).

Torch and the models are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import out as console

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from models.drafts.sorted import CalibrationResult, DecodeMeasurement, SortedDraft
    from specq.deployment import Deployment



def register(app: typer.Typer) -> None:
    """Add `specq calibrate` to the main app."""
    app.command("calibrate")(calibrate_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench sorted`."""
    bench_app.command("sorted")(bench_sorted_cmd)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Configuration and model-loading mistakes end the command with their message, not a traceback."""
    from models.loading import ModelNotFoundError, TokenizerMismatchError
    from specq.deployment import DeploymentError

    try:
        yield
    except (DeploymentError, ModelNotFoundError, TokenizerMismatchError) as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc


@dataclass
class _Loaded:
    """A target and a sorted draft from the deployment, on one device."""

    target_name: str
    target: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    draft: SortedDraft
    draft_path: str


def _load_pair(dep: Deployment, draft_name: str, target_name: str) -> _Loaded:
    from transformers import AutoTokenizer

    from models.drafts.sorted import get_shared_sorted_draft
    from models.loading import check_same_tokenizer, load_model_and_tokenizer
    from models.zoo.resolve import resolve_model_path
    from specq.settings import get_settings

    spec = dep.draft(draft_name)
    target_spec = dep.target(target_name)
    if spec.kind != "sorted":
        raise typer.BadParameter(
            f'draft {draft_name!r} is a {spec.kind!r} draft in {dep.source}; calibrate needs kind = "sorted"',
            param_hint="--draft",
        )
    if target_name not in spec.targets:
        raise typer.BadParameter(
            f"draft {draft_name!r} does not serve {target_name!r} (its targets: {', '.join(spec.targets)}); "
            f"add it to [drafts.{draft_name}] targets in {dep.source}",
            param_hint="--target",
        )
    settings = get_settings()
    target_path = resolve_model_path(dep, target_spec.path)
    assert spec.path is not None and target_path is not None  # sorted drafts have a path (validated)
    draft_path = resolve_model_path(dep, spec.path)
    assert draft_path is not None
    target, tokenizer = load_model_and_tokenizer(
        target_path, device=settings.device, trust_remote_code=settings.trust_remote_code
    )
    check_same_tokenizer(tokenizer, AutoTokenizer.from_pretrained(draft_path))
    draft = get_shared_sorted_draft(draft_path, device=target.device, dtype=target.dtype)
    return _Loaded(target_name, target, tokenizer, draft, draft_path)


def _read_prompts(
    prompts_file: Path | None, dep: Deployment, tokenizer: PreTrainedTokenizerBase, limit: int
) -> list[list[int]]:
    """Token ids of up to ``limit`` prompts: from an input file, else the zoo's held-out prompts."""
    if prompts_file is not None:
        texts = _prompt_texts(prompts_file, tokenizer, limit)
    else:
        from models.zoo import build_zoo
        from specq.settings import get_settings

        zoo = build_zoo(dep.zoo_preset, root=get_settings().zoo_dir, progress=False)
        by_task = [_prompt_texts(path, tokenizer, limit) for path in zoo.prompts.values()]
        # Round-robin over tasks so a small limit still covers every task.
        texts = [v[i] for i in range(limit) for v in by_task if i < len(v)][:limit]
    if not texts:
        raise typer.BadParameter(f"no usable prompts in {prompts_file or 'the zoo'}", param_hint="--prompts")
    ids = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]
    return [p for p in ids if p]


def _prompt_texts(path: Path, tokenizer: PreTrainedTokenizerBase, limit: int) -> list[str]:
    """Prompt texts of an input file in any submit format (bad lines skipped), chats rendered."""
    from producer.readers import InputFileError, read_input
    from specq.chat import render_chat

    texts: list[str] = []
    try:
        for line in read_input(path):
            if line.error is None and line.prompt is not None:
                texts.append(str(line.prompt))
            elif line.error is None and line.messages is not None:
                texts.append(render_chat(line.messages, tokenizer))
            if len(texts) >= limit:
                break
    except InputFileError as exc:
        raise typer.BadParameter(str(exc), param_hint="--prompts") from exc
    return texts


def _parse_thresholds(text: str, exits: tuple[int, ...]) -> list[float]:
    """Comma-separated thresholds, checked against the draft's exits."""
    from models.drafts.sorted import check_thresholds

    try:
        return check_thresholds([float(x) for x in text.split(",")], exits)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--thresholds") from exc


def _draft_k(dep: Deployment, draft: str, k: int | None) -> int:
    if k is not None:
        return k
    spec_k = dep.draft(draft).k
    return spec_k if isinstance(spec_k, int) else 4


def _fmt(thresholds: list[float]) -> str:
    """Thresholds as text, "off" for a disabled exit."""
    from models.drafts.sorted import DISABLED

    return "[" + ", ".join("off" if t >= DISABLED else f"{t:g}" for t in thresholds) + "]"


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
) -> None:
    """Choose a sorted draft's exit thresholds for one target from measured acceptance and speed."""
    import torch

    from models.drafts.sorted import calibrate_thresholds
    from models.engine.sampling import SamplingParams
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    if threads:
        torch.set_num_threads(threads)
    with _user_errors():
        dep = load_deployment(config)
        pair = _load_pair(dep, draft, target)
    ids = _read_prompts(prompts, dep, pair.tokenizer, num_prompts)
    k_used = _draft_k(dep, draft, k)
    params = SamplingParams(max_new_tokens=max_new_tokens, temperature=temperature)
    with console.status(f"calibrating {draft} for {target} on {len(ids)} prompts (k={k_used})"):
        result = calibrate_thresholds(
            pair.draft,
            pair.target,
            ids,
            params,
            k=k_used,
            batch_size=batch_size,
            validate_top=validate,
            repeats=repeats,
        )
    _print_calibration(result, draft, target)
    if dry_run:
        console.print(f"[yellow]dry run[/]: thresholds for {target} not written")
        return
    dest = dep.path or get_settings().config_file
    with _user_errors():
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
            escape(_fmt(sim.thresholds)),
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
                escape(_fmt(thresholds)),
                f"{run.acceptance_rate:.3f}",
                f"{run.mean_accepted:.2f}",
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
) -> None:
    """Sorted draft vs its fixed exits vs ordinary drafts, per target: acceptance and speedup."""
    import torch

    from models.drafts.sorted import (
        calibrate_thresholds,
        default_thresholds,
        measure_decoding,
        parameter_bytes,
    )
    from models.engine.sampling import SamplingParams
    from models.zoo.resolve import resolve_model_path
    from specq.deployment import load_deployment

    if threads:
        torch.set_num_threads(threads)
    with _user_errors():
        dep = load_deployment(config)
        names = targets or list(dep.draft(draft).targets)
        baselines: list[tuple[str, str]] = []
        for item in baseline:
            label, _, path = item.partition("=")
            if not label or not path:
                raise typer.BadParameter(f"--baseline takes NAME=PATH, got {item!r}", param_hint="--baseline")
            resolved = resolve_model_path(dep, path)
            assert resolved is not None  # build=True resolves zoo paths
            baselines.append((label, resolved))
        if train_baselines:
            baselines += _ordinary_baselines(dep, draft)
        k_used = _draft_k(dep, draft, k)
        params = SamplingParams(max_new_tokens=max_new_tokens)
        report: dict[str, Any] = {"draft": draft, "k": k_used, "batch_size": batch_size, "targets": {}}
        markdown: list[str] = []
        memory: dict[str, int] = {}
        for name in names:
            pair = _load_pair(dep, draft, name)
            ids = _read_prompts(prompts, dep, pair.tokenizer, num_prompts + calib_prompts)
            measured, calib = ids[:num_prompts], ids[num_prompts:]
            if fixed_thresholds is not None:
                thresholds = _parse_thresholds(fixed_thresholds, pair.draft.exits)
                source = "given on the command line"
            elif calib:
                with console.status(f"calibrating on {len(calib)} held-out prompts for {name}"):
                    thresholds = calibrate_thresholds(
                        pair.draft,
                        pair.target,
                        calib,
                        params,
                        k=k_used,
                        batch_size=batch_size,
                        repeats=repeats,
                    ).thresholds
                source = f"calibrated on {len(calib)} other held-out prompts"
            else:
                thresholds = dep.draft(draft).thresholds.get(name) or default_thresholds(
                    len(pair.draft.exits)
                )
                source = "from the deployment file"
            configs = _configurations(pair, thresholds, baselines)
            # Rounds over all configurations, best time kept: load on a shared machine hits all alike.
            best: dict[str, DecodeMeasurement] = {}
            for r in range(repeats):
                for label, proposer in configs:
                    with console.status(f"{name}: {label} (round {r + 1}/{repeats})"):
                        run = measure_decoding(
                            pair.target,
                            proposer,
                            measured,
                            params,
                            k=k_used,
                            batch_size=batch_size,
                            label=label,
                        )
                    if label not in best or run.seconds < best[label].seconds:
                        best[label] = run
            runs = list(best.items())
            _print_runs(name, source, runs)
            markdown.append(_markdown(name, source, runs))
            report["targets"][name] = {
                "thresholds": thresholds,
                "threshold_source": source,
                "runs": [{**asdict(r), "speedup": runs[0][1].seconds / r.seconds} for _, r in runs],
            }
            memory[f"sorted ({len(pair.draft.exits)} exits)"] = parameter_bytes(pair.draft)
            memory.update(
                {label: parameter_bytes(m) for label, m in configs if isinstance(m, torch.nn.Module)}
            )
    report["memory_bytes"] = memory
    mem_lines = [f"{label}: {n / 2**20:.2f} MiB" for label, n in memory.items()]
    console.print("weights: " + "; ".join(mem_lines))
    markdown.append("Weights: " + "; ".join(mem_lines) + "\n")
    if out is not None:
        out.write_text(json.dumps(report, indent=2), encoding="utf-8")
        console.print(f"wrote {out}")
    if markdown_out is not None:
        markdown_out.write_text("\n".join(markdown), encoding="utf-8")
        console.print(f"wrote {markdown_out}")


def _configurations(
    pair: _Loaded, thresholds: list[float], baselines: list[tuple[str, str]]
) -> list[tuple[str, Any]]:
    """(label, draft) pairs to measure: plain, the sorted draft, each exit alone, the baselines."""
    from models.drafts.sorted import SortedProposer, fixed_exit_thresholds
    from models.loading import check_same_tokenizer, load_model_and_tokenizer

    n_exits = len(pair.draft.exits)
    configs: list[tuple[str, Any]] = [
        ("plain", None),
        (f"sorted {_fmt(thresholds)}", SortedProposer(pair.draft, thresholds)),
        # The same thresholds with CALM-style copied KV for skipped layers instead of exact lazy fill.
        (f"sorted {_fmt(thresholds)} copy-KV", SortedProposer(pair.draft, thresholds, kv_fill="copy")),
    ]
    configs += [
        (f"exit {depth} alone", SortedProposer(pair.draft, fixed_exit_thresholds(n_exits, i)))
        for i, depth in enumerate(pair.draft.exits)
    ]
    for label, path in baselines:
        model, tok = load_model_and_tokenizer(path, device=pair.target.device, dtype=pair.target.dtype)
        check_same_tokenizer(pair.tokenizer, tok)
        configs.append((f"{label} ({model.config.num_hidden_layers} layers)", model))
    return configs


def _ordinary_baselines(dep: Deployment, draft: str) -> list[tuple[str, str]]:
    """Ordinary drafts, one per exit depth of the zoo's sorted draft, trained the same way (cached).

    Same width, data, steps and schedule as the sorted draft; one exit, so plain cross
    entropy: the fixed-depth drafts S2D is compared with.
    """
    from models.drafts.sorted import SORTED_DRAFT_VERSION, load_sorted_draft, train_sorted_draft
    from models.zoo import build_zoo
    from models.zoo.build import read_train_pairs, training_texts
    from models.zoo.presets import PRESETS
    from models.zoo.resolve import resolve_model_path
    from specq.settings import get_settings

    spec_path = dep.draft(draft).path or ""
    if not spec_path.startswith("zoo:"):
        raise typer.BadParameter(
            "--train-baselines trains on the zoo's corpus: the sorted draft must be a zoo:<name> model",
            param_hint="--train-baselines",
        )
    zoo = build_zoo(dep.zoo_preset, root=get_settings().zoo_dir, progress=False)
    exits = load_sorted_draft(resolve_model_path(dep, spec_path) or "").exits
    root = zoo.root.parent / f"{zoo.root.name}-ordinary-drafts-v{SORTED_DRAFT_VERSION}"
    out: list[tuple[str, str]] = []
    texts: list[str] | None = None
    for depth in exits:
        path = root / f"ordinary-{depth}"
        if not (path / "config.json").is_file():
            if texts is None:  # the zoo's own training texts, as the zoo build makes them
                cfg = PRESETS[dep.zoo_preset]
                texts = training_texts(read_train_pairs(zoo.train_pairs), cfg.chat_share, cfg.seed)
            console.print(f"training an ordinary {depth}-layer draft -> {path}")
            train_sorted_draft(texts, zoo.tokenizer, path, dep.zoo_preset, True, exits=(depth,))
        out.append((f"ordinary-{depth}", str(path)))
    return out


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
                f"{r.mean_accepted:.2f}" if r.drafted else "-",
                f"{r.acceptance_rate:.3f}" if r.drafted else "-",
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
