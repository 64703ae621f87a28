"""The profile: measured steps of architectures and the machine they ran on, as JSON lines."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.costmodel.arch import ArchSpec
from models.costmodel.roofline import RooflineConstants

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Measurement:
    """One profiled step: median seconds over repeats and, where measurable, activation bytes."""

    arch_id: str
    config: dict[str, Any]  # the model's config; the structure is re-derived from it on load
    batch: int
    new_tokens: int
    context: int
    seconds: float  # median of `samples`
    samples: tuple[float, ...]
    activation_bytes: int | None  # measured transient peak above weights + KV; None = not measured
    activation_method: str | None  # "cuda_max_memory_allocated" | "torch_profiler_cpu_allocator"
    # "thread_cpu": CPU time of the calling thread (CPU, one torch thread), immune to waiting for
    # a core on a shared machine; "wall": perf_counter around the step (synchronised on CUDA).
    timer: str = "wall"
    wall_seconds: float | None = None  # median wall time, kept for reference when timer != wall
    # Seconds of a fixed reference workload timed around this step's group (same clock): how
    # fast the shared machine was at that moment. None when not profiled with a reference.
    reference_seconds: float | None = None

    @functools.cached_property
    def arch(self) -> ArchSpec:
        return ArchSpec.from_config(self.config)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["samples"] = list(self.samples)
        return {"kind": "step", **d, "arch": self.arch.to_dict()}  # arch: for readers; ignored on load

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Measurement:
        return cls(
            arch_id=str(d["arch_id"]),
            config=dict(d["config"]),
            batch=int(d["batch"]),
            new_tokens=int(d["new_tokens"]),
            context=int(d["context"]),
            seconds=float(d["seconds"]),
            samples=tuple(float(x) for x in d["samples"]),
            activation_bytes=d.get("activation_bytes"),
            activation_method=d.get("activation_method"),
            timer=str(d.get("timer", "wall")),
            wall_seconds=d.get("wall_seconds"),
            reference_seconds=d.get("reference_seconds"),
        )


@dataclass(frozen=True)
class ProfileHeader:
    """Where and how a profile was measured (first line of the profile file)."""

    device: str
    threads: int
    dtype: str
    torch_version: str
    transformers_version: str
    attn_implementation: str
    roofline: RooflineConstants
    plan: dict[str, Any]
    created_at: str


@dataclass
class Profile:
    header: ProfileHeader
    measurements: list[Measurement] = field(default_factory=list)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with tmp.open("w") as f:
            f.write(json.dumps({"kind": "header", **asdict(self.header)}) + "\n")
            for m in self.measurements:
                f.write(json.dumps(m.to_json()) + "\n")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Profile:
        lines = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
        if not lines or lines[0].get("kind") != "header":
            raise ValueError(
                f"{path}: not a cost-model profile (first line must be the header); "
                "create one with `specq cost profile`"
            )
        head = dict(lines[0])
        head.pop("kind")
        head["roofline"] = RooflineConstants(**head["roofline"])
        return cls(
            ProfileHeader(**head), [Measurement.from_json(d) for d in lines[1:] if d.get("kind") == "step"]
        )
