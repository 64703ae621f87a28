"""Build (or load from cache) a zoo preset: corpora, tokenizer, targets, drafts, prompt files.

Layout of a built zoo, ``<root>/<preset>-<key>/``::

    manifest.json          what was built, from what, losses, step costs, build times
    tokenizer/             tokenizer.json + tokenizer_config.json + chat_template.jinja
    target-s/ target-l/    Llama targets (save_pretrained, safetensors, tokenizer files)
    draft/                 the general draft, trained on the task mix
    sorted-draft/          the S2D sorted draft (when models.drafts.sorted provides it)
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
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.zoo.corpora import Pair, build_corpora
from models.zoo.presets import PRESETS, ModelSpec, ZooPreset
from models.zoo.progress import Stages
from models.zoo.tokenizer import chat_text
from specq.progress import Progress, as_progress

logger = logging.getLogger(__name__)

# Bump when anything that changes a built zoo changes (corpora, tokenizer, training, layout).
ZOO_CODE_VERSION = "2"
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
    sorted_draft: Path | None  # the S2D sorted draft; None in a manifest written without one
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


def sorted_draft_trainer() -> tuple[Callable[..., Path], str]:
    """models.drafts.sorted.train_sorted_draft and its version (imported here: it pulls in torch)."""
    from models.drafts.sorted import SORTED_DRAFT_VERSION, train_sorted_draft

    return train_sorted_draft, str(SORTED_DRAFT_VERSION)


def cache_key(preset: ZooPreset) -> str:
    """Hash of everything the targets and the general draft depend on.

    The sorted draft is cached apart, by models.drafts.sorted.SORTED_DRAFT_VERSION, so a new
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
    """The settings' zoo dir (``SPECQ_ZOO_DIR``, default ``<data dir>/zoo``)."""
    from specq.settings import get_settings

    return Path(get_settings().zoo_dir or get_settings().data_dir / "zoo")


def build_zoo(
    preset: str = "tiny", root: Path | str | None = None, progress: Progress | bool = False
) -> ZooPaths:
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


@dataclass(frozen=True)
class TrainJob:
    """One model to train and save; JSON-serialisable so a worker process can run it."""

    name: str
    spec: ModelSpec
    train_pairs: Path  # corpus/train.jsonl; the texts are rebuilt from it exactly as the build made them
    chat_share: float
    text_seed: int
    tokenizer_dir: Path
    context: int
    seq_len: int
    seed: int
    out_dir: Path
    threads: int | None

    @property
    def cost(self) -> int:
        """Rough training cost: parameters of the blocks x tokens seen."""
        s = self.spec
        block_params = s.num_layers * s.hidden_size * (4 * s.hidden_size + 3 * s.intermediate_size)
        return block_params * s.steps * s.batch_size

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str) -> TrainJob:
        d = json.loads(text)
        paths = {k: Path(d[k]) for k in ("train_pairs", "tokenizer_dir", "out_dir")}
        return cls(**{**d, **paths, "spec": ModelSpec(**d["spec"])})


def run_train_job(
    job: TrainJob, on_step: Callable[[int, float], None] | None, texts: list[str] | None = None
) -> float:
    """Train and save one model; returns its final training loss."""
    import torch
    from transformers import AutoTokenizer

    from models.zoo.train import train_model

    if job.threads is not None:
        torch.set_num_threads(job.threads)
    if texts is None:
        texts = training_texts(read_train_pairs(job.train_pairs), job.chat_share, job.text_seed)
    tokenizer = AutoTokenizer.from_pretrained(job.tokenizer_dir)
    _, loss = train_model(
        job.spec, texts, tokenizer, job.context, job.seq_len, job.seed, job.out_dir, on_step=on_step
    )
    return loss


class _SideTraining:
    """One job trained by `python -m models.zoo.side_train` while this process trains the others.

    A plain subprocess rather than multiprocessing: spawn re-runs the caller's main module,
    which deadlocks on the zoo lock when a script calls build_zoo without a __main__ guard.
    """

    def __init__(self, job: TrainJob, on_step: Callable[[int, float], None]) -> None:
        import models

        self.job, self.on_step = job, on_step
        job_file = job.out_dir.parent / f".job-{job.name}.json"
        job_file.write_text(job.to_json())
        self.log = job.out_dir.parent / f".worker-{job.name}.log"
        env = dict(os.environ)
        package_root = str(Path(models.__file__).resolve().parents[1])  # importable without an install
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self.started = time.perf_counter()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "models.zoo.side_train", str(job_file)],
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
            )
        self.loss: float | None = None
        self.seconds = 0.0
        self.pump = threading.Thread(target=self._pump, daemon=True)
        self.pump.start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            msg = json.loads(line)
            if "step" in msg:
                self.on_step(int(msg["step"]), float(msg["loss"]))
            elif "done" in msg:
                self.loss = float(msg["done"])

    def stop(self) -> None:
        """End the worker if it still runs (this process is failing)."""
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()

    def wait(self) -> float:
        self.process.wait()
        self.pump.join()
        self.seconds = time.perf_counter() - self.started
        if self.process.returncode != 0 or self.loss is None:
            tail = self.log.read_text(errors="replace")[-3000:]
            raise RuntimeError(
                f"training {self.job.name} in a worker process failed (exit code {self.process.returncode}); "
                f"its log {self.log} ends with:\n{tail}"
            )
        return self.loss


def _build(cfg: ZooPreset, key: str, out: Path, progress: Progress | bool) -> None:
    """Corpora, prompt files, tokenizer, targets, general draft and sorted draft into `out`; the manifest."""
    import torch
    from transformers import AutoModelForCausalLM

    from models.zoo.tokenizer import train_tokenizer
    from models.zoo.train import measure_step

    timings: dict[str, float] = {}
    losses: dict[str, float] = {}
    models: dict[str, str] = {}
    t_build = time.perf_counter()
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
            train_tokenizer(texts, cfg.vocab_size, out / "tokenizer")
        timings["tokenizer"] = time.perf_counter() - t0

        specs = {"target-s": cfg.target_s, "target-l": cfg.target_l, "draft": cfg.draft}
        jobs = [
            TrainJob(name, spec, out / "corpus" / "train.jsonl", cfg.chat_share, cfg.seed, out / "tokenizer",
                     cfg.context, cfg.seq_len, cfg.seed * 1000 + i, out / name, cfg.threads)
            for i, (name, spec) in enumerate(specs.items(), start=1)
        ]  # fmt: skip
        side = None
        if cfg.parallel:
            # The costliest model trains in a second process while this one trains the rest: on two
            # cores, two one-thread trainings beat one two-thread training of models this small.
            big = max(jobs, key=lambda j: j.cost)
            jobs.remove(big)
            logger.info("training %s in a worker process", big.name)
            side = _SideTraining(
                big, stages.add(f"train {big.name}", big.spec.steps, big.spec.batch_size * cfg.seq_len)
            )
        try:
            for job in jobs:
                t0 = time.perf_counter()
                on_step = stages.add(f"train {job.name}", job.spec.steps, job.spec.batch_size * cfg.seq_len)
                losses[job.name] = run_train_job(job, on_step, texts)
                timings[job.name] = time.perf_counter() - t0
            trainer, sorted_version = sorted_draft_trainer()
            t0 = time.perf_counter()
            logger.info("training the sorted draft (preset %s, version %s)", cfg.name, sorted_version)
            trainer(texts, out / "tokenizer", out / "sorted-draft", cfg.name, progress)
            models["sorted-draft"] = "sorted-draft"
            timings["sorted-draft"] = time.perf_counter() - t0
            if side is not None:
                losses[side.job.name] = side.wait()
                timings[side.job.name] = side.seconds
        finally:
            if side is not None:
                side.stop()
    timings["total"] = time.perf_counter() - t_build
    models.update({name: name for name in specs})

    # Timed after all training, one model at a time, so the measurements do not compete with training.
    step_ms: dict[str, dict[str, float]] = {}
    with as_progress(progress).stage("time each model's decoding step", len(specs), unit="models") as st:
        for name in specs:
            model = AutoModelForCausalLM.from_pretrained(out / name, dtype=torch.float32).eval()
            for batch in (1, 8):
                cost = measure_step(model, batch=batch)
                step_ms[f"{name}@b{batch}"] = {
                    "min": round(cost.min_ms, 3),
                    "median": round(cost.median_ms, 3),
                }
            st.advance()
    manifest: dict[str, Any] = {
        "preset": cfg.name,
        "key": key,
        "zoo_code_version": ZOO_CODE_VERSION,
        "sorted_draft_version": sorted_version,
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


def _ensure_sorted_draft(cfg: ZooPreset, zoo_dir: Path, progress: Progress | bool) -> None:
    """(Re)train the sorted draft when models.drafts.sorted's version differs from the built one."""
    manifest = json.loads((zoo_dir / MANIFEST).read_text())
    trainer, version = sorted_draft_trainer()
    if manifest.get("sorted_draft_version") == version:
        return
    models = dict(manifest["models"])
    models.pop("sorted-draft", None)
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
