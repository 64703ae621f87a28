"""What a wrong route costs: a task's prompts decoded with its own aligned draft, and with the
aligned draft of the task the router would send them to if it erred.

On a local zoo (``tiny`` by default; docs/zoo.md) the general draft is aligned to the target
once per task (:func:`bench.align.bench_align`, the recipe of docs/alignment.md; kept and
reused between runs). A router is trained on the zoo's alignment prompts with their task
labels, as ``specq partition`` trains one on its clusters. Every held-out prompt is then
decoded greedily (speculative decoding, fixed ``k``) with every draft. Per prompt:

- *right*: the draft aligned on its own task;
- *wrong*: the draft aligned on the task the router would send it to if it erred: the
  task with the highest decision value other than its own (its runner-up);
- *fallback*: the general draft, what a prompt flagged low-confidence gets.

Acceptance is accepted / drafted tokens; accepted per step is the mean number of draft
tokens accepted per verification step (each step is one target forward and yields accepted
+ 1 tokens, so tokens per step is the speed-up over plain decoding in target forwards).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.engine.acceptance import Acceptance

FALLBACK = "general"


@dataclass(frozen=True)
class RouteCostConfig:
    """What to measure; every field has a flag of the same name."""

    preset: str = "tiny"  # the zoo preset (tiny: minutes on a CPU; bench: the 26-minute zoo)
    target: str = "target-l"
    k: int = 4  # draft tokens per step, fixed (no adaptive k: acceptance stays comparable)
    max_new_tokens: int = 64
    batch_size: int = 32
    realign: bool = False  # align the task drafts again even when a previous run's are there
    seed: int = 0


@dataclass
class RouteCost:
    """The measurements: every draft on every task, and per task right route vs wrong route."""

    preset: str
    target: str
    k: int
    max_new_tokens: int
    tasks: list[str]
    drafts: dict[str, str]  # draft label -> directory
    matrix: dict[str, dict[str, Acceptance]]  # task -> draft label -> its held-out prompts decoded
    runner_up: dict[str, dict[str, int]]  # task -> the task its prompts would be misrouted to -> prompts
    right: dict[str, Acceptance]  # task -> its prompts with their own task's draft
    wrong: dict[str, Acceptance]  # task -> its prompts with the draft they would be misrouted to
    router_accuracy: float  # the zoo router on the held-out prompts (best class = true task)
    aligned_seconds: dict[str, float] = field(default_factory=dict)  # task -> alignment time (0: reused)

    def totals(self) -> tuple[Acceptance, Acceptance, Acceptance]:
        """(right, wrong, fallback) summed over every task's prompts."""
        fallback = [self.matrix[t][FALLBACK] for t in self.tasks]
        return (
            _sum(self.right.values()),
            _sum(self.wrong.values()),
            _sum(fallback),
        )

    def to_json(self) -> dict[str, Any]:
        def acc(a: Acceptance) -> dict[str, Any]:
            return {**a.__dict__, "acceptance": round(a.rate, 4), "accepted_per_step": _per_step(a)}

        right, wrong, fallback = self.totals()
        return {
            "preset": self.preset,
            "target": self.target,
            "k": self.k,
            "max_new_tokens": self.max_new_tokens,
            "tasks": self.tasks,
            "drafts": self.drafts,
            "router_accuracy": self.router_accuracy,
            "runner_up": self.runner_up,
            "matrix": {t: {d: acc(a) for d, a in row.items()} for t, row in self.matrix.items()},
            "right": {t: acc(a) for t, a in self.right.items()},
            "wrong": {t: acc(a) for t, a in self.wrong.items()},
            "total": {"right": acc(right), "wrong": acc(wrong), "fallback": acc(fallback)},
            "aligned_seconds": self.aligned_seconds,
        }


def _sum(parts: Sequence[Acceptance] | Any) -> Acceptance:
    parts = list(parts)
    return Acceptance(
        prompts=sum(p.prompts for p in parts),
        steps=sum(p.steps for p in parts),
        drafted=sum(p.drafted for p in parts),
        accepted=sum(p.accepted for p in parts),
        new_tokens=sum(p.new_tokens for p in parts),
    )


def _per_step(a: Acceptance) -> float:
    """Mean draft tokens accepted per verification step."""
    return round(a.accepted / a.steps, 4) if a.steps else 0.0


def tokens_per_step(a: Acceptance) -> float:
    """New tokens per verification step (one target forward each): the speed-up in target forwards."""
    return a.new_tokens / a.steps if a.steps else 0.0


def expected_tokens_per_step(accuracy: float, right: Acceptance, wrong: Acceptance) -> float:
    """Tokens per target forward when a share ``accuracy`` of prompts is routed right and the rest
    wrong (steps are summed over prompts, so the mix is a weighted mean of steps per token)."""
    if not 0.0 <= accuracy <= 1.0:
        raise ValueError(f"accuracy must be in [0, 1], got {accuracy}")
    r, w = tokens_per_step(right), tokens_per_step(wrong)
    if r == 0 or w == 0:
        return 0.0
    # Per token, a right route costs 1/r target forwards and a wrong one 1/w.
    return 1.0 / (accuracy / r + (1.0 - accuracy) / w)


def misroute_tasks(router: Any, texts: Sequence[str], truth: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the router's task, the task it would send the text to if it erred) of each text: the
    highest decision value among the tasks other than the text's own (its runner-up when the
    router is right, its choice when it is wrong)."""
    import numpy as np

    clf = router.pipeline.steps[1][1]
    classes = [str(c) for c in clf.classes_]
    if len(classes) < 2:
        raise ValueError("a wrong route needs a router with at least two tasks")
    x, _, _ = router._vectorize(router.inputs(list(texts)))
    d = np.asarray(clf.decision_function(x), dtype=np.float64)  # (N, K); binary: (N,)
    if d.ndim == 1:
        d = np.stack([-d, d], axis=1)
    best = [classes[j] for j in d.argmax(axis=1)]
    own = np.asarray([[c == t for c in classes] for t in truth])  # (N, K)
    wrong = [classes[j] for j in np.where(own, -np.inf, d).argmax(axis=1)]
    return best, wrong


def _decode(
    target: Any, draft: Any, prompts: Sequence[list[int]], k: int, max_new: int, batch: int
) -> list[Any]:
    """Greedy speculative decoding; the engine's outputs in the order of ``prompts``."""
    from models.align.data import length_sorted_chunks
    from models.engine.speculative import SamplingParams, SpecDecoder

    decoder = SpecDecoder(target, draft, k=k)
    params = SamplingParams(max_new_tokens=max_new, temperature=0.0)
    outputs: list[Any] = [None] * len(prompts)
    for chunk in length_sorted_chunks(prompts, batch):
        for i, out in zip(chunk, decoder.generate([prompts[i] for i in chunk], params), strict=True):
            outputs[i] = out
    return outputs


def run_route_cost(config: RouteCostConfig, *, status: Callable[[str], None] = lambda m: None) -> RouteCost:
    """Align (or reuse) one draft per zoo task, train the zoo router, decode every held-out prompt
    with every draft, and compare each prompt's own task's draft with its runner-up's."""
    import time

    import torch

    from bench.align import bench_align
    from models.align import AlignConfig, encode_prompts, read_prompts
    from models.align.config import REPORT
    from models.loading import load_model_and_tokenizer
    from models.tasks import train_router
    from models.zoo import build_zoo
    from specq.settings import get_settings

    settings = get_settings()
    status(f"{config.preset} zoo")
    paths = build_zoo(config.preset, root=settings.zoo_dir, progress=True)
    tasks = list(paths.tasks)
    align_config = AlignConfig(
        eval_k=config.k, eval_max_new_tokens=config.max_new_tokens, gen_batch_size=config.batch_size
    )
    base = paths.root / f"aligned-{config.target}-{align_config.method}"
    todo = [t for t in tasks if config.realign or not (base / t / REPORT).is_file()]
    seconds = {t: 0.0 for t in tasks}
    if todo:
        status(f"aligning the general draft to {config.target} on {', '.join(todo)}")
        started = time.perf_counter()
        done = bench_align(config.preset, config.target, todo, align_config, base, note=status)
        for result in done.results:
            seconds[str(result.task)] = result.seconds.get("total", time.perf_counter() - started)

    status("training the zoo router on the alignment prompts")
    train = [(r.prompt or "", t) for t in tasks for r in read_prompts(paths.align_prompts[t], t)]
    router = train_router(
        [p for p, _ in train], [t for _, t in train], seed=config.seed, featurizer="zoo tasks"
    )
    held = {t: read_prompts(paths.prompts[t], t) for t in tasks}
    best: dict[str, list[str]] = {}
    second: dict[str, list[str]] = {}
    for t in tasks:
        texts = [r.prompt or "" for r in held[t]]
        best[t], second[t] = misroute_tasks(router, texts, [t] * len(texts))
    hits = sum(b == t for t in tasks for b in best[t])
    router_accuracy = hits / max(sum(len(held[t]) for t in tasks), 1)

    target, tokenizer = load_model_and_tokenizer(paths.path(config.target), device=settings.device)
    context = int(target.config.max_position_embeddings) - config.max_new_tokens
    ids = {t: encode_prompts(tokenizer, held[t], context) for t in tasks}
    drafts = {FALLBACK: Path(paths.draft), **{t: base / t for t in tasks}}
    outputs: dict[str, dict[str, list[Any]]] = {t: {} for t in tasks}
    for name, path in drafts.items():
        status(f"decoding every task's held-out prompts with the {name} draft")
        draft, _ = load_model_and_tokenizer(path, device=target.device, dtype=torch.float32)
        for t in tasks:
            outputs[t][name] = _decode(
                target, draft, ids[t], config.k, config.max_new_tokens, config.batch_size
            )
        del draft

    matrix = {t: {name: Acceptance.of(outs) for name, outs in outputs[t].items()} for t in tasks}
    right = {t: matrix[t][t] for t in tasks}
    wrong = {t: Acceptance.of([outputs[t][second[t][i]][i] for i in range(len(ids[t]))]) for t in tasks}
    runner_up = {t: {u: second[t].count(u) for u in sorted(set(second[t]))} for t in tasks}
    return RouteCost(
        preset=config.preset,
        target=config.target,
        k=config.k,
        max_new_tokens=config.max_new_tokens,
        tasks=tasks,
        drafts={name: str(path) for name, path in drafts.items()},
        matrix=matrix,
        runner_up=runner_up,
        right=right,
        wrong=wrong,
        router_accuracy=router_accuracy,
        aligned_seconds=seconds,
    )
