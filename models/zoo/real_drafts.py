"""Aligned drafts of the real zoo: distilled truncated drafts and a sorted draft over the target's layers.

Opt-in (`specq zoo drafts --preset real`, tens of minutes on two CPU cores): it runs on a
built real zoo (`models.zoo.real`) and adds, under ``<zoo>/drafts/``::

    sequences.safetensors         the target's greedy responses to every alignment prompt, with its
                                  top-k next-token distributions at every position (prompt included)
    smollm2-l4-aligned/           the 4-layer truncated draft distilled on all categories
    smollm2-l4-<task>/            the aligned draft distilled further on one category's sequences
    smollm2-sorted/               the target's first 6 layers, exits at 2/4/6 (S2D), SoFT-distilled
    drafts.json                   config, cache key, losses and times of this build

Every draft scores a frequency-ranked subset of the vocabulary (`models.drafts.vocab`, FR-Spec):
the tokens most frequent in the target's responses, recorded in ``specq_vocab.json``. Embedding
and head stay the target's; the layers (and the final norm) learn. The drafts are registered in
the zoo's ``specq.toml`` (kind ``model`` / ``sorted``, k = "auto"), so `specq zoo route` measures
them per sub-task and the decode workers serve them like any draft.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.zoo.build import _locked
from models.zoo.real import RealZooPaths
from specq.progress import Progress

logger = logging.getLogger(__name__)

REAL_DRAFTS_VERSION = "1"
DRAFTS_DIR = "drafts"
RECORD = "drafts.json"
SEQUENCES = "sequences.safetensors"


@dataclass(frozen=True)
class RealDraftsConfig:
    """What the aligned drafts are built from (its hash, with REAL_DRAFTS_VERSION, is the cache key)."""

    max_new_tokens: int = 128  # length of the target's greedy response to each alignment prompt
    synthetic_per_prompt: int = 4  # user turns the target writes from each alignment prompt's first words
    seed_words: int = 4  # how many first words seed a synthetic user turn
    synthetic_unseeded: int = 192  # user turns the target writes from nothing (no category)
    synthetic_max_tokens: int = 96  # longest synthetic user turn
    gen_batch_size: int = 32  # prompts per batch while the target answers them
    top_k: int = 32  # target probabilities kept per position
    head_tokens: int = 8192  # the drafts' frequency-ranked head (of 49,152 tokens)
    lr: float = 2e-3  # peak AdamW learning rate (warm-up, cosine decay)
    batch_size: int = 8  # sequences per optimizer step
    epochs: int = 3  # the general draft: passes over every category's sequences
    tasks: tuple[str, ...] = ("translation", "summarization", "qa")  # categories with their own draft
    task_epochs: int = 2  # a per-task draft: passes over its category's sequences, from the general one
    sorted_exits: tuple[int, ...] = (2, 4, 6)  # depths of the sorted draft's exits (target layers)
    sorted_epochs: int = 2  # the sorted draft: passes over every category's sequences
    seed: int = 0


@dataclass(frozen=True)
class RealDrafts:
    """The aligned drafts of one real zoo, as registered in its deployment."""

    root: Path  # <zoo>/drafts
    general: str  # name of the draft aligned on every category
    per_task: dict[str, str]  # category -> its draft's name
    sorted: str  # name of the sorted draft
    paths: dict[str, Path]  # draft name -> directory
    record: dict[str, Any]  # what drafts.json holds
    cached: bool


def drafts_key(zoo: RealZooPaths, config: RealDraftsConfig) -> str:
    manifest = json.loads(zoo.manifest.read_text())
    blob = json.dumps(
        {"zoo": manifest["key"], "config": dataclasses.asdict(config), "code": REAL_DRAFTS_VERSION},
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def build_real_drafts(
    zoo: RealZooPaths, config: RealDraftsConfig | None = None, progress: Progress | bool = False
) -> RealDrafts:
    """Build the aligned drafts of ``zoo`` (or read them back) and register them in its deployment."""
    config = config or RealDraftsConfig()
    unknown = [t for t in config.tasks if t not in zoo.tasks]
    if unknown:
        raise ValueError(f"no such category in the real zoo: {unknown}; it has {', '.join(zoo.tasks)}")
    root = zoo.root / DRAFTS_DIR
    root.mkdir(exist_ok=True)
    key = drafts_key(zoo, config)
    names = _names(zoo, config)
    with _locked(root / ".lock"):
        record_path = root / RECORD
        record = json.loads(record_path.read_text()) if record_path.is_file() else None
        cached = record is not None and record.get("key") == key
        if not cached:
            for name in names["all"]:
                shutil.rmtree(root / name, ignore_errors=True)
            text = json.dumps(_build(zoo, config, key, root, names, progress), indent=2) + "\n"
            record = json.loads(text)  # as a later call reads it back (tuples are lists)
            tmp = root / f".{RECORD}.tmp"
            tmp.write_text(text)
            tmp.replace(record_path)  # written last: a build that died has no record
        assert record is not None
        _register(zoo, names, root)
    return RealDrafts(
        root=root,
        general=names["general"][0],
        per_task=dict(zip(config.tasks, names["tasks"], strict=True)),
        sorted=names["sorted"][0],
        paths={name: root / name for name in names["all"]},
        record=record,
        cached=cached,
    )


def _base_draft(zoo: RealZooPaths) -> str:
    """The zoo's truncated draft (the first derived model), which the aligned drafts start from."""
    return next(name for name in zoo.models if name != zoo.target)


def _names(zoo: RealZooPaths, config: RealDraftsConfig) -> dict[str, list[str]]:
    base = _base_draft(zoo)
    general = f"{base}-aligned"
    tasks = [f"{base}-{t.replace('_', '-')}" for t in config.tasks]
    sorted_name = f"{zoo.target}-sorted"
    return {
        "general": [general],
        "tasks": tasks,
        "sorted": [sorted_name],
        "all": [general, *tasks, sorted_name],
    }


def _build(
    zoo: RealZooPaths,
    config: RealDraftsConfig,
    key: str,
    root: Path,
    names: dict[str, list[str]],
    progress: Progress | bool,
) -> dict[str, Any]:
    import torch

    from models.align import AlignConfig, read_prompts
    from models.align.data import load_sequences, save_sequences
    from models.align.draft import response_head_ids, train_draft
    from models.align.sorted import train_sorted
    from models.drafts.derive import sorted_from_layers
    from models.drafts.sorted.model import load_sorted_draft
    from models.drafts.vocab import save_vocab_subset
    from models.loading import load_model_and_tokenizer
    from models.zoo.progress import Stages

    seconds: dict[str, float] = {}
    losses: dict[str, Any] = {}
    target, tok = load_model_and_tokenizer(zoo.models[zoo.target], device="cpu", dtype=torch.float32)
    pad_id = int(tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id)
    align = AlignConfig(
        max_new_tokens=config.max_new_tokens,
        gen_batch_size=config.gen_batch_size,
        top_k=config.top_k,
        lr=config.lr,
        batch_size=config.batch_size,
        epochs=config.epochs,
        train_on_prompt=True,
        train_embeddings=False,
        head_tokens=config.head_tokens,
        seed=config.seed,
    )
    with Stages(progress) as stages:
        t0 = time.perf_counter()
        seq_file, data_key = root / SEQUENCES, root / ".sequences.json"
        if (
            seq_file.is_file()
            and data_key.is_file()
            and json.loads(data_key.read_text()) == _data_key(config)
        ):
            seqs = load_sequences(seq_file)  # same prompts and settings: the target's answers are the same
        else:
            seqs = _sequences(zoo, config, target, tok, align, stages)
            save_sequences(seq_file, seqs)  # real prompts' sequences first, then the synthetic ones
            data_key.write_text(json.dumps(_data_key(config)))
        seconds["data"] = time.perf_counter() - t0
        del target

        draft, _ = load_model_and_tokenizer(zoo.models[_base_draft(zoo)], device="cpu", dtype=torch.float32)
        head_ids = response_head_ids(seqs, config.head_tokens, draft)

        def save(model: Any, name: str) -> None:
            out = root / name
            model.save_pretrained(out)
            tok.save_pretrained(out)
            save_vocab_subset(
                out, head_ids, f"the {len(head_ids)} most frequent tokens of {zoo.target}'s responses"
            )

        t0 = time.perf_counter()
        (general,) = names["general"]
        steps = -(-len(seqs) // config.batch_size) * config.epochs
        losses[general] = train_draft(draft, seqs, align, pad_id, stages.add(general, steps), head_ids)
        save(draft, general)
        seconds[general] = time.perf_counter() - t0

        for task, name in zip(config.tasks, names["tasks"], strict=True):
            t0 = time.perf_counter()
            own = [s for s in seqs if s.task == task]
            tuned, _ = load_model_and_tokenizer(root / general, device="cpu", dtype=torch.float32)
            task_align = dataclasses.replace(align, epochs=config.task_epochs, lr=config.lr / 2)
            steps = -(-len(own) // config.batch_size) * config.task_epochs
            losses[name] = train_draft(tuned, own, task_align, pad_id, stages.add(name, steps), head_ids)
            save(tuned, name)
            seconds[name] = time.perf_counter() - t0

        t0 = time.perf_counter()
        (sorted_name,) = names["sorted"]
        sorted_dir = sorted_from_layers(
            zoo.models[zoo.target], root / sorted_name, config.sorted_exits
        ).out_dir
        model = load_sorted_draft(sorted_dir, dtype=torch.float32)
        sorted_align = dataclasses.replace(align, epochs=config.sorted_epochs)
        steps = -(-len(seqs) // config.batch_size) * config.sorted_epochs
        step = stages.add(f"{sorted_name} (SoFT, exits {list(config.sorted_exits)})", steps)
        losses[sorted_name] = train_sorted(model, seqs, sorted_align, head_ids, step)
        model.save(sorted_dir)
        save_vocab_subset(
            sorted_dir, head_ids, f"the {len(head_ids)} most frequent tokens of {zoo.target}'s responses"
        )
        seconds[sorted_name] = time.perf_counter() - t0

    return {
        "key": key,
        "version": REAL_DRAFTS_VERSION,
        "config": dataclasses.asdict(config),
        "sequences": {
            "count": len(seqs),
            "real_prompts": sum(len(read_prompts(zoo.align_prompts[t])) for t in zoo.tasks),
            "tokens": sum(len(s.ids) for s in seqs),
            "response_tokens": sum(len(s.ids) - s.start for s in seqs),
            "per_task": {t: sum(s.task == t for s in seqs) for t in zoo.tasks},
        },
        "drafts": {
            names["general"][0]: {"kind": "model", "from": _base_draft(zoo), "tasks": "all"},
            **{
                n: {"kind": "model", "from": names["general"][0], "tasks": [t]}
                for t, n in zip(config.tasks, names["tasks"], strict=True)
            },
            names["sorted"][0]: {
                "kind": "sorted",
                "from": f"{zoo.target} layers 1-{config.sorted_exits[-1]}",
                "exits": list(config.sorted_exits),
                "tasks": "all",
            },
        },
        "final_loss": losses,
        "build_seconds": {k: round(v, 1) for k, v in seconds.items()},
        "torch": torch.__version__,
    }


def _sequences(
    zoo: RealZooPaths, config: RealDraftsConfig, target: Any, tok: Any, align: Any, stages: Any
) -> list[Any]:
    """The distillation data: the target's answers to the real and synthetic alignment prompts, its
    top-k distributions at every position of each (prompt and answer), labelled with the category."""
    from models.align import encode_prompts, read_prompts
    from models.align.data import attach_teacher, synthetic_prompts, target_responses

    real = {task: read_prompts(zoo.align_prompts[task]) for task in zoo.tasks}
    records = [r for task in zoo.tasks for r in real[task]]
    total = len(records) * config.synthetic_per_prompt + config.synthetic_unseeded
    with stages.counted("synthetic user turns", total, unit="prompts") as st:
        for i, task in enumerate(zoo.tasks):
            seeds = [_first_words(r, config.seed_words) for r in real[task]]
            records += synthetic_prompts(
                target, tok, seeds, config.synthetic_per_prompt, config.synthetic_max_tokens,
                seed=config.seed * 1000 + i, task=task, on_done=st.advance,
            )  # fmt: skip
        records += synthetic_prompts(
            target, tok, [""], config.synthetic_unseeded, config.synthetic_max_tokens,
            seed=config.seed * 1000 + len(zoo.tasks), on_done=st.advance,
        )  # fmt: skip
    context = int(target.config.max_position_embeddings) - config.max_new_tokens
    prompts = encode_prompts(tok, records, context)
    with stages.counted("target responses", len(prompts), unit="prompts") as st:
        seqs = target_responses(target, prompts, align, st.advance, [r.task for r in records])
    with stages.counted("target distributions", len(seqs), unit="sequences") as st:
        attach_teacher(target, seqs, config.top_k, config.gen_batch_size, st.advance)
    return seqs


def _first_words(record: Any, n: int) -> str:
    """The first ``n`` words of a prompt record's (last) user message: the seed of a synthetic one."""
    text = record.messages[-1]["content"] if record.messages else record.prompt or ""
    return " ".join(str(text).split()[:n])


def _data_key(config: RealDraftsConfig) -> dict[str, Any]:
    """The settings the cached target responses depend on."""
    return {
        "synthetic": [
            config.synthetic_per_prompt,
            config.seed_words,
            config.synthetic_unseeded,
            config.synthetic_max_tokens,
        ],
        "max_new_tokens": config.max_new_tokens,
        "top_k": config.top_k,
        "seed": config.seed,
        "version": REAL_DRAFTS_VERSION,
    }


def _register(zoo: RealZooPaths, names: dict[str, list[str]], root: Path) -> None:
    """Add the drafts to the zoo's deployment file (kind model / sorted, k auto), once."""
    from specq.deployment import DraftSpec, load_deployment

    dep = load_deployment(zoo.deployment)
    for name in names["all"]:
        kind = "sorted" if name in names["sorted"] else "model"
        spec = DraftSpec(name=name, kind=kind, targets=(zoo.target,), path=str((root / name).resolve()))
        current = dep.drafts.get(name)
        if current is None or (current.kind, current.path, current.targets) != (
            kind,
            spec.path,
            spec.targets,
        ):
            dep.add_draft(spec, path=zoo.deployment)
