"""Sorted-draft measurement behind `specq calibrate` and `specq bench sorted`.

`calibrate` picks one target's exit thresholds from measured acceptance and speed;
`bench_sorted` measures, per target, plain decoding, the sorted draft, its copy-KV variant,
each exit alone and ordinary drafts (given, or trained like the sorted draft, one per exit
depth). Models come from the deployment file; prompts from a file in any submit format or
the zoo's held-out prompts.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.errors import OptionError

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from models.drafts.sorted import CalibrationResult, DecodeMeasurement, SortedDraft
    from specq.deployment import Deployment

logger = logging.getLogger(__name__)

# status(message) -> a context manager shown while a long step runs (the CLI passes a spinner).
Status = Callable[[str], AbstractContextManager[Any]]


def _no_status(message: str) -> AbstractContextManager[Any]:
    return contextlib.nullcontext()


@dataclass
class LoadedPair:
    """A target and a sorted draft from the deployment, on one device."""

    target_name: str
    target: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    draft: SortedDraft
    draft_path: str


def load_pair(dep: Deployment, draft_name: str, target_name: str) -> LoadedPair:
    """Load ``target_name`` and the process-wide copy of the sorted draft ``draft_name``."""
    from transformers import AutoTokenizer

    from models.drafts.sorted import get_shared_sorted_draft
    from models.loading import check_same_tokenizer, load_model_and_tokenizer
    from models.zoo.resolve import resolve_model_path
    from specq.settings import get_settings

    spec = dep.draft(draft_name)
    target_spec = dep.target(target_name)
    if spec.kind != "sorted":
        raise OptionError(
            f'draft {draft_name!r} is a {spec.kind!r} draft in {dep.source}; calibrate needs kind = "sorted"',
            "--draft",
        )
    if target_name not in spec.targets:
        raise OptionError(
            f"draft {draft_name!r} does not serve {target_name!r} (its targets: {', '.join(spec.targets)}); "
            f"add it to [drafts.{draft_name}] targets in {dep.source}",
            "--target",
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
    return LoadedPair(target_name, target, tokenizer, draft, draft_path)


def prompt_ids(
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
        raise OptionError(f"no usable prompts in {prompts_file or 'the zoo'}", "--prompts")
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
        raise OptionError(str(exc), "--prompts") from exc
    return texts


def parse_thresholds(text: str, exits: tuple[int, ...]) -> list[float]:
    """Comma-separated thresholds, checked against the draft's exits."""
    from models.drafts.sorted import check_thresholds

    try:
        return check_thresholds([float(x) for x in text.split(",")], exits)
    except ValueError as exc:
        raise OptionError(str(exc), "--thresholds") from exc


def draft_k(dep: Deployment, draft: str, k: int | None) -> int:
    """``k`` if given, else the draft's k in the deployment (4 when it is "auto")."""
    if k is not None:
        return k
    spec_k = dep.draft(draft).k
    return spec_k if isinstance(spec_k, int) else 4


def format_thresholds(thresholds: Sequence[float]) -> str:
    """Thresholds as text, "off" for a disabled exit."""
    from models.drafts.sorted import DISABLED

    return "[" + ", ".join("off" if t >= DISABLED else f"{t:g}" for t in thresholds) + "]"


def calibrate(
    dep: Deployment,
    draft: str,
    target: str,
    prompts: Path | None,
    *,
    num_prompts: int,
    max_new_tokens: int,
    k: int | None,
    batch_size: int,
    temperature: float,
    validate: int,
    repeats: int,
    status: Status = _no_status,
) -> CalibrationResult:
    """The sorted draft ``draft``'s best thresholds for ``target`` on ``num_prompts`` prompts."""
    from models.drafts.sorted import calibrate_thresholds
    from models.engine.sampling import SamplingParams

    pair = load_pair(dep, draft, target)
    ids = prompt_ids(prompts, dep, pair.tokenizer, num_prompts)
    k_used = draft_k(dep, draft, k)
    params = SamplingParams(max_new_tokens=max_new_tokens, temperature=temperature)
    with status(f"calibrating {draft} for {target} on {len(ids)} prompts (k={k_used})"):
        return calibrate_thresholds(
            pair.draft,
            pair.target,
            ids,
            params,
            k=k_used,
            batch_size=batch_size,
            validate_top=validate,
            repeats=repeats,
        )


@dataclass
class TargetRuns:
    """The measured configurations of one target; the first run is plain decoding."""

    target: str
    thresholds: list[float]  # the sorted draft's, for this target
    source: str  # where they came from, in words
    runs: list[tuple[str, DecodeMeasurement]]  # (label, best run)

    def to_dict(self) -> dict[str, Any]:
        plain = self.runs[0][1]
        return {
            "thresholds": self.thresholds,
            "threshold_source": self.source,
            "runs": [{**r.to_dict(), "speedup": plain.seconds / r.seconds} for _, r in self.runs],
        }


@dataclass
class SortedBench:
    """What `bench_sorted` measured."""

    draft: str
    k: int
    batch_size: int
    targets: list[TargetRuns] = field(default_factory=list)
    memory_bytes: dict[str, int] = field(default_factory=dict)  # weights per configuration label

    def to_dict(self) -> dict[str, Any]:
        """The report `specq bench sorted --out` writes."""
        return {
            "draft": self.draft,
            "k": self.k,
            "batch_size": self.batch_size,
            "targets": {t.target: t.to_dict() for t in self.targets},
            "memory_bytes": self.memory_bytes,
        }


def bench_sorted(
    dep: Deployment,
    draft: str,
    targets: Sequence[str],
    baselines: Sequence[tuple[str, str]],
    *,
    train_baselines: bool,
    prompts: Path | None,
    num_prompts: int,
    calib_prompts: int,
    fixed_thresholds: str | None,
    max_new_tokens: int,
    k: int | None,
    batch_size: int,
    repeats: int,
    status: Status = _no_status,
    note: Callable[[str], None] = logger.info,
    on_target: Callable[[TargetRuns], None] | None = None,
) -> SortedBench:
    """Sorted draft vs its fixed exits vs ordinary drafts, per target (every target it serves by default).

    ``baselines`` are (label, path) ordinary drafts (``zoo:<name>`` paths work). Thresholds are
    ``fixed_thresholds`` if given, else calibrated on ``calib_prompts`` further prompts, else the
    deployment's. Each configuration's best time over ``repeats`` rounds is kept; ``on_target``
    sees each target's runs as soon as they are measured; ``note`` hears what else is done.
    """
    import torch

    from models.drafts.sorted import (
        calibrate_thresholds,
        default_thresholds,
        measure_decoding,
        parameter_bytes,
    )
    from models.engine.sampling import SamplingParams
    from models.zoo.resolve import resolve_model_path

    names = list(targets) or list(dep.draft(draft).targets)
    resolved: list[tuple[str, str]] = []
    for label, path in baselines:
        local = resolve_model_path(dep, path)
        assert local is not None  # build=True resolves zoo paths
        resolved.append((label, local))
    if train_baselines:
        resolved += ordinary_baselines(dep, draft, note)
    k_used = draft_k(dep, draft, k)
    params = SamplingParams(max_new_tokens=max_new_tokens)
    bench = SortedBench(draft, k_used, batch_size)
    for name in names:
        pair = load_pair(dep, draft, name)
        ids = prompt_ids(prompts, dep, pair.tokenizer, num_prompts + calib_prompts)
        measured, calib = ids[:num_prompts], ids[num_prompts:]
        if fixed_thresholds is not None:
            thresholds = parse_thresholds(fixed_thresholds, pair.draft.exits)
            source = "given on the command line"
        elif calib:
            with status(f"calibrating on {len(calib)} held-out prompts for {name}"):
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
            thresholds = dep.draft(draft).thresholds.get(name) or default_thresholds(len(pair.draft.exits))
            source = "from the deployment file"
        configs = _configurations(pair, thresholds, resolved)
        # Rounds over all configurations, best time kept: load on a shared machine hits all alike.
        best: dict[str, DecodeMeasurement] = {}
        for r in range(repeats):
            for label, proposer in configs:
                with status(f"{name}: {label} (round {r + 1}/{repeats})"):
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
        result = TargetRuns(name, thresholds, source, list(best.items()))
        bench.targets.append(result)
        if on_target is not None:
            on_target(result)
        bench.memory_bytes[f"sorted ({len(pair.draft.exits)} exits)"] = parameter_bytes(pair.draft)
        bench.memory_bytes.update(
            {label: parameter_bytes(m) for label, m in configs if isinstance(m, torch.nn.Module)}
        )
    return bench


def _configurations(
    pair: LoadedPair, thresholds: list[float], baselines: list[tuple[str, str]]
) -> list[tuple[str, Any]]:
    """(label, draft) pairs to measure: plain, the sorted draft, each exit alone, the baselines."""
    from models.drafts.sorted import SortedProposer, fixed_exit_thresholds
    from models.loading import check_same_tokenizer, load_model_and_tokenizer

    n_exits = len(pair.draft.exits)
    shown = format_thresholds(thresholds)
    configs: list[tuple[str, Any]] = [
        ("plain", None),
        (f"sorted {shown}", SortedProposer(pair.draft, thresholds)),
        # The same thresholds with CALM-style copied KV for skipped layers instead of exact lazy fill.
        (f"sorted {shown} copy-KV", SortedProposer(pair.draft, thresholds, kv_fill="copy")),
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


def ordinary_baselines(
    dep: Deployment, draft: str, note: Callable[[str], None] = logger.info
) -> list[tuple[str, str]]:
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
        raise OptionError(
            "--train-baselines trains on the zoo's corpus: the sorted draft must be a zoo:<name> model",
            "--train-baselines",
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
            note(f"training an ordinary {depth}-layer draft -> {path}")
            train_sorted_draft(texts, zoo.tokenizer, path, dep.zoo_preset, True, exits=(depth,))
        out.append((f"ordinary-{depth}", str(path)))
    return out
