"""Build (or load from cache) a zoo preset: corpora, tokenizer, targets, drafts, prompt files.

Layout of a built zoo, ``<root>/<preset>-<key>/``::

    manifest.json          what was built, from what, losses, step costs, build times
    tokenizer/             tokenizer.json + tokenizer_config.json + chat_template.jinja
    target-s/ target-l/    Llama targets (save_pretrained, safetensors, tokenizer files)
    draft/                 the general draft, trained on the task mix
    sorted-draft/          the S2D sorted draft (when models.sorted_draft provides it)
    prompts/<task>.jsonl   held-out prompts: {"custom_id", "prompt", "task"} per line
    prompts/<task>.align.jsonl   the task's alignment prompts (disjoint from the held-out ones)
    prompts/demo.jsonl     a mixed sample of held-out prompts for the demo
    corpus/train.jsonl     the training pairs: {"task", "prompt", "response"} per line

``<root>/<preset>`` is a symlink to the latest build of that preset. The key hashes the
preset, the zoo's code version, the sorted draft's version and the Python version (the
code corpus is that Python's standard library), so a second build is a lookup.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import importlib
import json
import logging
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.zoo.corpora import Pair, build_corpora
from models.zoo.presets import PRESETS, ZooPreset
from models.zoo.progress import Stages
from models.zoo.tokenizer import chat_text

logger = logging.getLogger(__name__)

# Bump when anything that changes a built zoo changes (corpora, tokenizer, training, layout).
ZOO_CODE_VERSION = "1"
MANIFEST = "manifest.json"
# ZooPaths field -> model name (also its directory name)
MODEL_DIRS = {
    "target_s": "target-s",
    "target_l": "target-l",
    "draft": "draft",
    "sorted_draft": "sorted-draft",
}


@dataclass(frozen=True)
class ZooPaths:
    """Where the pieces of a built zoo are (absolute paths)."""

    preset: str
    root: Path  # the build directory, <zoo dir>/<preset>-<key>
    tokenizer: Path  # directory loadable with AutoTokenizer.from_pretrained
    target_s: Path  # the smaller target
    target_l: Path  # the larger target
    draft: Path  # the general draft (the vanilla speculative-decoding baseline)
    sorted_draft: Path | None  # the S2D sorted draft, None when models.sorted_draft is unavailable
    prompts: dict[str, Path]  # task -> held-out prompts JSONL
    align_prompts: dict[str, Path]  # task -> alignment prompts JSONL
    demo_prompts: Path  # mixed held-out sample for the demo
    train_pairs: Path  # corpus/train.jsonl
    tasks: list[str]
    manifest: Path

    def path(self, name: str) -> Path:
        """The directory of a model by name: "target-s", "target-l", "draft", "sorted-draft", "tokenizer"."""
        found = {"tokenizer": self.tokenizer, **self.models()}.get(name)
        if found is None:
            raise KeyError(
                f"the {self.preset} zoo at {self.root} has no model {name!r}; it has: "
                + ", ".join(["tokenizer", *self.models()])
            )
        return found

    def models(self) -> dict[str, Path]:
        """Model name ("target-s", "target-l", "draft", "sorted-draft") -> directory."""
        named = {MODEL_DIRS[f]: getattr(self, f) for f in MODEL_DIRS}
        return {name: path for name, path in named.items() if path is not None}

    @classmethod
    def from_manifest(cls, manifest_path: Path) -> ZooPaths:
        m = json.loads(manifest_path.read_text())
        root = manifest_path.parent.resolve()
        sorted_dir = m["models"].get("sorted-draft")
        return cls(
            preset=m["preset"],
            root=root,
            tokenizer=root / "tokenizer",
            target_s=root / "target-s",
            target_l=root / "target-l",
            draft=root / "draft",
            sorted_draft=root / sorted_dir if sorted_dir else None,
            prompts={t: root / "prompts" / f"{t}.jsonl" for t in m["tasks"]},
            align_prompts={t: root / "prompts" / f"{t}.align.jsonl" for t in m["tasks"]},
            demo_prompts=root / "prompts" / "demo.jsonl",
            train_pairs=root / "corpus" / "train.jsonl",
            tasks=list(m["tasks"]),
            manifest=manifest_path.resolve(),
        )


def sorted_draft_trainer() -> tuple[Callable[..., Path] | None, str]:
    """models.sorted_draft.train_sorted_draft and its version, or (None, "none") when it is not there."""
    try:
        module = importlib.import_module("models.sorted_draft")
        return module.train_sorted_draft, str(getattr(module, "SORTED_DRAFT_VERSION", "none"))
    except (ImportError, AttributeError) as err:
        logger.warning(
            "no sorted draft in this zoo: models.sorted_draft.train_sorted_draft is missing (%s)", err
        )
        return None, "none"


def cache_key(preset: ZooPreset) -> str:
    """Hash of everything the targets and the general draft depend on.

    The sorted draft is cached apart, by models.sorted_draft.SORTED_DRAFT_VERSION, so a new
    sorted draft retrains only itself.
    """
    blob = json.dumps(
        {
            "preset": dataclasses.asdict(preset),
            "zoo_code": ZOO_CODE_VERSION,
            "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def default_root() -> Path:
    """The settings' zoo_dir, else ./.specq/zoo."""
    try:
        from specq.settings import get_settings
    except ImportError:
        return Path(".specq") / "zoo"
    zoo_dir = get_settings().zoo_dir
    return Path(zoo_dir) if zoo_dir is not None else Path(".specq") / "zoo"


def build_zoo(preset: str = "tiny", root: Path | str | None = None, progress: bool = False) -> ZooPaths:
    """Build the `preset` zoo under `root` (default: settings' zoo_dir), or return the cached build."""
    if preset not in PRESETS:
        raise ValueError(f"unknown zoo preset {preset!r}; choose one of {sorted(PRESETS)}")
    cfg = PRESETS[preset]
    base = Path(root) if root is not None else default_root()
    base.mkdir(parents=True, exist_ok=True)
    key = cache_key(cfg)
    final = base / f"{preset}-{key}"
    with _locked(base / f".{preset}-{key}.lock"), _torch_threads(cfg.threads):
        # Under the lock: two processes asking for the same zoo build it once.
        if not (final / MANIFEST).is_file():
            partial = base / f".{preset}-{key}.partial"
            if partial.exists():
                shutil.rmtree(partial)  # left by a build that died; we hold the lock
            _build(cfg, key, partial, progress)
            partial.rename(final)
            logger.info("zoo %s built in %s", preset, final)
        else:
            logger.info("zoo %s found in cache: %s", preset, final)
        _ensure_sorted_draft(cfg, final, progress)
        _point_latest(base / preset, final.name)
    return ZooPaths.from_manifest(final / MANIFEST)


@contextlib.contextmanager
def _torch_threads(threads: int | None) -> Iterator[None]:
    if threads is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _point_latest(link: Path, target_name: str) -> None:
    """Atomically make <root>/<preset> a symlink to the named build."""
    if link.exists() and not link.is_symlink():
        logger.warning("not linking %s: a real file or directory is in the way", link)
        return
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target_name)
    tmp.replace(link)


def training_texts(pairs: list[Pair], chat_share: float, seed: int) -> list[str]:
    """The training pairs as texts, a `chat_share` of them in chat form, in a seeded order."""
    rng = random.Random(f"{seed}:texts")
    texts = [chat_text(p.prompt, p.response) if rng.random() < chat_share else p.text for p in pairs]
    rng.shuffle(texts)
    return texts


def write_prompts(path: Path, pairs: list[Pair], prefix: str) -> None:
    """One {"custom_id", "prompt", "task"} line per pair."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, p in enumerate(pairs):
            line = {"custom_id": f"{prefix}-{i:04d}", "prompt": p.prompt, "task": p.task}
            fh.write(json.dumps(line) + "\n")


def read_train_pairs(path: Path) -> list[Pair]:
    """The pairs of corpus/train.jsonl, in file order."""
    with path.open(encoding="utf-8") as fh:
        return [Pair(**json.loads(line)) for line in fh if line.strip()]


def _build(cfg: ZooPreset, key: str, out: Path, progress: bool) -> None:
    """Corpora, prompt files, tokenizer, targets and general draft into `out`, then the manifest."""
    import torch

    from models.zoo.tokenizer import train_tokenizer
    from models.zoo.train import measure_step, train_model

    timings: dict[str, float] = {}
    with Stages(progress) as stages:
        t0 = time.perf_counter()
        with stages.stage("corpora"):
            corpora = build_corpora(cfg.seed, cfg.corpus, cfg.tasks)
            for task, c in corpora.items():
                write_prompts(out / "prompts" / f"{task}.jsonl", c.heldout, task)
                write_prompts(out / "prompts" / f"{task}.align.jsonl", c.align, f"{task}-align")
            demo_rng = random.Random(f"{cfg.seed}:demo")
            per_task = max(1, cfg.demo_prompts // len(corpora))
            demo = [
                p for c in corpora.values() for p in demo_rng.sample(c.heldout, min(per_task, len(c.heldout)))
            ]
            demo_rng.shuffle(demo)
            write_prompts(out / "prompts" / "demo.jsonl", demo, "demo")
            (out / "corpus").mkdir(parents=True)
            with (out / "corpus" / "train.jsonl").open("w", encoding="utf-8") as fh:
                for c in corpora.values():
                    for p in c.train:
                        fh.write(json.dumps(dataclasses.asdict(p)) + "\n")
            texts = training_texts([p for c in corpora.values() for p in c.train], cfg.chat_share, cfg.seed)
        timings["corpora"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        with stages.stage("tokenizer"):
            tokenizer = train_tokenizer(texts, cfg.vocab_size, out / "tokenizer")
        timings["tokenizer"] = time.perf_counter() - t0

        losses: dict[str, float] = {}
        trained = {}
        specs = {"target-s": cfg.target_s, "target-l": cfg.target_l, "draft": cfg.draft}
        for i, (name, spec) in enumerate(specs.items(), start=1):
            t0 = time.perf_counter()
            with stages.stage(f"train {name}", total=spec.steps) as on_step:
                trained[name], losses[name] = train_model(
                    spec,
                    texts,
                    tokenizer,
                    cfg.context,
                    cfg.seq_len,
                    seed=cfg.seed * 1000 + i,
                    out_dir=out / name,
                    on_step=on_step,
                )
            timings[name] = time.perf_counter() - t0

    models = {name: name for name in specs}
    step_ms: dict[str, dict[str, float]] = {}
    for name, model in trained.items():
        for batch in (1, 8):
            cost = measure_step(model, batch=batch)
            step_ms[f"{name}@b{batch}"] = {"min": round(cost.min_ms, 3), "median": round(cost.median_ms, 3)}
    manifest: dict[str, Any] = {
        "preset": cfg.name,
        "key": key,
        "zoo_code_version": ZOO_CODE_VERSION,
        "sorted_draft_version": None,  # set by _ensure_sorted_draft
        "python": sys.version.split()[0],
        "torch": torch.__version__,
        "tasks": list(cfg.tasks),
        "config": dataclasses.asdict(cfg),
        "models": models,
        "final_loss": {k: round(v, 4) for k, v in losses.items()},
        "build_seconds": {k: round(v, 1) for k, v in timings.items()},
        "step_ms": step_ms,
        "torch_threads": torch.get_num_threads(),
        "pools": {
            t: {"train": len(c.train), "align": len(c.align), "heldout": len(c.heldout)}
            for t, c in corpora.items()
        },
    }
    _write_manifest(out, manifest)


def _write_manifest(zoo_dir: Path, manifest: dict[str, Any]) -> None:
    tmp = zoo_dir / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2) + "\n")
    tmp.replace(zoo_dir / MANIFEST)  # readers never see a half-written manifest


def _ensure_sorted_draft(cfg: ZooPreset, zoo_dir: Path, progress: bool) -> None:
    """(Re)train the sorted draft when models.sorted_draft's version differs from the built one."""
    manifest = json.loads((zoo_dir / MANIFEST).read_text())
    trainer, version = sorted_draft_trainer()
    if manifest.get("sorted_draft_version") == version:
        return
    models = dict(manifest["models"])
    models.pop("sorted-draft", None)
    if trainer is not None:
        t0 = time.perf_counter()
        logger.info("training the sorted draft (preset %s, version %s)", cfg.name, version)
        texts = training_texts(read_train_pairs(zoo_dir / "corpus" / "train.jsonl"), cfg.chat_share, cfg.seed)
        partial = zoo_dir / ".sorted-draft.partial"
        if partial.exists():
            shutil.rmtree(partial)
        trainer(texts, zoo_dir / "tokenizer", partial, cfg.name, progress)
        if (zoo_dir / "sorted-draft").exists():
            shutil.rmtree(zoo_dir / "sorted-draft")
        partial.rename(zoo_dir / "sorted-draft")
        models["sorted-draft"] = "sorted-draft"
        manifest["build_seconds"]["sorted-draft"] = round(time.perf_counter() - t0, 1)
    manifest["models"] = models
    manifest["sorted_draft_version"] = version
    _write_manifest(zoo_dir, manifest)
