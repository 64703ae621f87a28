"""`specq calibrate` and `specq bench sorted`: per-target thresholds of a sorted draft (S2D).

Torch and the models are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from models.sorted_draft import CalibrationResult, DecodeMeasurement, SortedDraft
    from specq.deployment import Deployment

console = Console()


def register(app: typer.Typer) -> None:
    """Add `specq calibrate` to the main app."""
    app.command("calibrate")(calibrate_cmd)


def register_bench(bench_app: typer.Typer) -> None:
    """Add `specq bench sorted`."""
    bench_app.command("sorted")(bench_sorted_cmd)


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

    from models.loading import check_same_tokenizer, load_model_and_tokenizer
    from models.sorted_draft import get_shared_sorted_draft
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
    target_path = dep.resolve_path(target_spec.path)
    assert spec.path is not None and target_path is not None  # sorted drafts have a path (validated)
    draft_path = dep.resolve_path(spec.path)
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
    """Token ids of up to ``limit`` prompts: from a submit-style input file, else the zoo's prompts."""
    texts: list[str] = []
    if prompts_file is not None:
        from producer.readers import InputFileError, read_input
        from producer.tokens import render_chat

        try:
            for line in read_input(prompts_file):
                if line.error is not None:
                    continue
                if line.prompt is not None:
                    texts.append(str(line.prompt))
                elif line.messages is not None:
                    texts.append(render_chat(line.messages, tokenizer))
                if len(texts) >= limit:
                    break
        except InputFileError as exc:
            raise typer.BadParameter(str(exc), param_hint="--prompts") from exc
    else:
        from models.zoo import build_zoo
        from specq.settings import get_settings

        zoo = build_zoo(dep.zoo_preset, root=get_settings().zoo_dir, progress=False)
        by_task = [list(v) for v in zoo.prompts.values()]
        # Round-robin over tasks so a small limit still covers every task.
        for i in range(max((len(v) for v in by_task), default=0)):
            texts.extend(v[i] for v in by_task if i < len(v))
        texts = texts[:limit]
    if not texts:
        raise typer.BadParameter(f"no usable prompts in {prompts_file}", param_hint="--prompts")
    ids = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]
    return [p for p in ids if p]


def _draft_k(dep: Deployment, draft: str, k: int | None) -> int:
    if k is not None:
        return k
    spec_k = dep.draft(draft).k
    return spec_k if isinstance(spec_k, int) else 4


def _fmt(thresholds: list[float]) -> str:
    from models.sorted_draft import DISABLED

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

    from models.sampling import SamplingParams
    from models.sorted_draft import calibrate_thresholds
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    if threads:
        torch.set_num_threads(threads)
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
    dep.set_thresholds(draft, target, result.thresholds, path=dest)
    console.print(f"[green]thresholds[/] {draft} -> {target} = {result.thresholds} written to {dest}")


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
            _fmt(sim.thresholds),
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
                _fmt(thresholds),
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
        [], "--baseline", help="Ordinary draft to compare, NAME=PATH (repeat); e.g. a same-depth draft."
    ),
    prompts: Path | None = typer.Option(None, "--prompts", help="Prompts file; default: the zoo's prompts."),
    num_prompts: int = typer.Option(16, min=1, help="Prompts measured per target."),
    calib_prompts: int = typer.Option(
        8, min=0, help="Further prompts (after the measured ones) to calibrate on; 0 = use the deployment's."
    ),
    max_new_tokens: int = typer.Option(48, min=2),
    k: int | None = typer.Option(None, min=1, help="Draft length (default: the draft's k, 4 when auto)."),
    batch_size: int = typer.Option(8, min=1),
    repeats: int = typer.Option(2, min=1, help="Timed repeats per configuration (best is kept)."),
    threads: int | None = typer.Option(None, min=1, help="torch intra-op threads (default: torch's)."),
    out: Path | None = typer.Option(None, "--out", help="Also write the measurements as JSON here."),
    config: Path | None = typer.Option(None, "--config", help="Deployment file (default SPECQ_CONFIG_FILE)."),
) -> None:
    """Sorted draft vs its fixed exits vs ordinary drafts, per target: acceptance and speedup."""
    import torch

    from models.loading import check_same_tokenizer, load_model_and_tokenizer
    from models.sampling import SamplingParams
    from models.sorted_draft import (
        SortedProposer,
        calibrate_thresholds,
        fixed_exit_thresholds,
        measure_decoding,
        parameter_bytes,
    )
    from specq.deployment import load_deployment

    if threads:
        torch.set_num_threads(threads)
    dep = load_deployment(config)
    names = targets or list(dep.draft(draft).targets)
    k_used = _draft_k(dep, draft, k)
    params = SamplingParams(max_new_tokens=max_new_tokens)
    report: dict[str, Any] = {"draft": draft, "k": k_used, "batch_size": batch_size, "targets": {}}
    for name in names:
        pair = _load_pair(dep, draft, name)
        ids = _read_prompts(prompts, dep, pair.tokenizer, num_prompts + calib_prompts)
        measured, calib = ids[:num_prompts], ids[num_prompts:]
        if calib:
            with console.status(f"calibrating on {len(calib)} held-out prompts for {name}"):
                thresholds = calibrate_thresholds(
                    pair.draft, pair.target, calib, params, k=k_used, batch_size=batch_size, validate_top=3
                ).thresholds
            source = f"calibrated on {len(calib)} held-out prompts"
        else:
            thresholds = dep.draft(draft).thresholds.get(name) or fixed_exit_thresholds(
                len(pair.draft.exits), len(pair.draft.exits) - 1
            )
            source = "from the deployment file"
        n_exits = len(pair.draft.exits)
        configs: list[tuple[str, Any]] = [
            ("plain", None),
            (f"sorted {_fmt(thresholds)}", SortedProposer(pair.draft, thresholds)),
        ]
        configs += [
            (f"exit {depth} alone", SortedProposer(pair.draft, fixed_exit_thresholds(n_exits, i)))
            for i, depth in enumerate(pair.draft.exits)
        ]
        for item in baseline:
            label, _, path = item.partition("=")
            if not path:
                raise typer.BadParameter(f"--baseline takes NAME=PATH, got {item!r}", param_hint="--baseline")
            model, tok = load_model_and_tokenizer(path, device=pair.target.device, dtype=pair.target.dtype)
            check_same_tokenizer(pair.tokenizer, tok)
            configs.append((f"{label} ({model.config.num_hidden_layers} layers)", model))
        runs: list[tuple[str, DecodeMeasurement]] = []
        for label, proposer in configs:
            with console.status(f"{name}: {label}"):
                res = measure_decoding(
                    pair.target,
                    proposer,
                    measured,
                    params,
                    k=k_used,
                    batch_size=batch_size,
                    repeats=repeats,
                    label=label,
                )
            runs.append((label, res))
        _print_runs(name, source, runs)
        report["targets"][name] = {
            "thresholds": thresholds,
            "threshold_source": source,
            "runs": [{**asdict(r), "speedup": runs[0][1].seconds / r.seconds} for _, r in runs],
        }
    sorted_bytes = parameter_bytes(pair.draft)
    report["memory"] = {"sorted_draft_bytes": sorted_bytes, "targets": len(names)}
    console.print(
        f"memory: one sorted draft {sorted_bytes / 2**20:.2f} MiB serves {len(names)} target(s); "
        f"one full-depth draft per target would hold {len(names) * sorted_bytes / 2**20:.2f} MiB"
    )
    if out is not None:
        out.write_text(json.dumps(report, indent=2), encoding="utf-8")
        console.print(f"wrote {out}")


def _print_runs(target: str, source: str, runs: list[tuple[str, DecodeMeasurement]]) -> None:
    plain = runs[0][1]
    table = Table(title=f"{target} (thresholds {source})")
    for col in ("draft", "accepted/step", "acceptance", "tok/s", "speedup", "exit share"):
        table.add_column(col, justify="right")
    for label, r in runs:
        share = ""
        if r.tokens_per_exit:
            total = sum(r.tokens_per_exit) or 1
            share = " / ".join(f"{n / total:.2f}" for n in r.tokens_per_exit)
        table.add_row(
            label,
            f"{r.mean_accepted:.2f}" if r.drafted else "-",
            f"{r.acceptance_rate:.3f}" if r.drafted else "-",
            f"{r.tokens_per_s:.1f}",
            f"{plain.seconds / r.seconds:.2f}x",
            share,
        )
    console.print(table)
