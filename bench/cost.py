"""Cost-model queries behind `specq cost predict`: one model's predicted step, and its measured one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.errors import OptionError

if TYPE_CHECKING:
    from models.costmodel import ArchSpec, Measurement, MemoryEstimate

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StepPrediction:
    """The cost model's prediction for one step of one model."""

    spec: ArchSpec
    source: str  # "fitted" or "roofline"
    seconds: float
    memory: MemoryEstimate


def resolve_model_path(model_path: str) -> str:
    """A model directory, config or hub id as given; ``zoo:<name>`` resolved in the deployment."""
    if not model_path.startswith("zoo:"):
        return model_path
    from models.zoo.resolve import resolve_model_path as resolve_in
    from specq.deployment import load_deployment

    resolved = resolve_in(load_deployment(), model_path)
    if resolved is None:
        raise OptionError(f"could not resolve {model_path} to a local model directory")
    return resolved


def predict_step(
    path: str, batch: int, context: int, new_tokens: int, dtype: str, cost_dir: Path | None
) -> StepPrediction:
    """Predicted time and memory of a step of ``batch`` rows x ``new_tokens`` over ``context`` cached."""
    from models.costmodel import ArchSpec, CostModel

    cm = CostModel.load(cost_dir)
    spec = ArchSpec.from_config(path)
    return StepPrediction(
        spec,
        cm.source,
        cm.step_seconds(spec, batch, new_tokens, context, dtype=dtype),
        cm.memory(spec, batch, context, dtype, new_tokens),
    )


def measure_step(
    path: str,
    batch: int,
    context: int,
    new_tokens: int,
    dtype: str,
    repeats: int,
    threads: int,
    note: Callable[[str], None] = logger.info,
) -> Measurement:
    """Load the model at ``path`` (random weights when it has none) and measure the same step."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    from models.costmodel import measure_steps
    from models.devices import resolve_device
    from specq.settings import get_settings

    torch.set_num_threads(threads)
    settings = get_settings()
    device = resolve_device(settings.device)
    local = Path(path)
    model_dir = local.parent if local.is_file() else local
    if local.exists() and not any(model_dir.glob("*.safetensors")):
        # Cost does not depend on weight values: a config alone is enough to measure.
        note(f"no weights in {model_dir}: measuring a randomly initialised model of its config")
        config = AutoConfig.from_pretrained(model_dir, trust_remote_code=settings.trust_remote_code)
        model = AutoModelForCausalLM.from_config(config, dtype=getattr(torch, dtype))
    else:
        model = AutoModelForCausalLM.from_pretrained(
            path,
            dtype=getattr(torch, dtype),
            use_safetensors=True,
            trust_remote_code=settings.trust_remote_code,
        )
    model.to(device).eval()  # type: ignore[arg-type]  # transformers wraps .to()
    return measure_steps(model, batch, context, [new_tokens], repeats=repeats)[0]
