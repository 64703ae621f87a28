"""What `specq demo` (`make demo`) runs on: the real model when it can be built, else the tiny zoo.

The real zoo (:mod:`models.zoo.real`: SmolLM2-135M-Instruct from the package index) with its
task-routed deployment (:mod:`bench.real_routing`) and its demo prompts, one held-out chat
prompt per Spec-Bench category. When the real zoo cannot be built (no package index, the
``gguf`` extra missing, an import that fails its check) the demo runs the tiny zoo on the
configured deployment instead, and says why in one line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.real_routing import RoutedDeployment, RoutingConfig, route_real_zoo
from specq.progress import Progress

TINY_TARGET = "target-s"


@dataclass(frozen=True)
class DemoSetup:
    """The deployment, target and prompts the demo runs, and why it is not the real model."""

    kind: str  # "real" or "tiny"
    target: str
    prompts: Path
    deployment: Path | None  # the deployment file to serve; None: the configured one
    fallback_reason: str | None = None  # why the real model is not used (one line)
    routing: RoutedDeployment | None = None


def real_build_error(exc: BaseException) -> str:
    """The reason a real zoo build failed, as one line."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def prepare_demo(
    zoo_root: Path,
    *,
    preset: str = "real",
    routing: RoutingConfig | None = None,
    progress: Progress | None = None,
) -> DemoSetup:
    """Build (or find cached) the real zoo and route it; on a build error, the tiny zoo instead."""
    from models.convert import CheckpointError
    from models.zoo import build_zoo
    from models.zoo.real import PackageIndexError, build_real_zoo

    try:
        zoo = build_real_zoo(preset, root=zoo_root)
    except (PackageIndexError, CheckpointError) as exc:
        tiny = build_zoo("tiny", root=zoo_root, progress=progress if progress is not None else False)
        return DemoSetup("tiny", TINY_TARGET, tiny.demo_prompts, None, real_build_error(exc))
    routed = route_real_zoo(zoo, routing, progress=progress)
    return DemoSetup("real", zoo.target, zoo.demo_prompts, zoo.deployment, routing=routed)


def demo_routes(setup: DemoSetup) -> Counter[str]:
    """Sub-task -> demo prompts the routing worker will give it: the deployment's router run on
    the demo prompts (RouterArtifactError when the worker could not load it either)."""
    from bench.prompts import read_prompts, readable
    from models.tasks import load_router

    if setup.routing is None:
        return Counter()
    texts = [r.text or "" for r in readable(read_prompts(setup.prompts))]
    return Counter(str(label) for label in load_router(setup.routing.router).classify(texts))
