"""`specq zoo measure`: one cached decoding step of each zoo model, timed at batch 1 and 8."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.zoo.train import StepCost

MODELS = ("draft", "target-s", "target-l")  # the general draft first: ratios are against it
BATCHES = (1, 8)


def measure_zoo_steps(
    preset: str, threads: int, repeats: int, context: int
) -> dict[tuple[str, int], StepCost]:
    """(model, batch) -> step cost, on ``threads`` torch threads with ``context`` tokens cached."""
    import torch
    from transformers import AutoModelForCausalLM

    from models.zoo import build_zoo
    from models.zoo.train import measure_step
    from specq.settings import get_settings

    torch.set_num_threads(threads)
    paths = build_zoo(preset, root=get_settings().zoo_dir, progress=True)
    costs = {}
    for name in MODELS:
        model = AutoModelForCausalLM.from_pretrained(paths.path(name), dtype=torch.float32).eval()
        for batch in BATCHES:
            costs[name, batch] = measure_step(model, batch=batch, context=context, repeats=repeats)
    return costs
