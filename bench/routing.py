"""Does the router generalize? Routing accuracy on prompts it never saw, robustness, cross-source.

A router trained on one corpus's sub-tasks is judged on a labelled set written apart
from it (``bench/task_eval/prompts.jsonl``: the same task kinds, other topics and
phrasings). Each sub-task (cluster) stands for the group most of its training prompts
come from; a prompt is routed right when its sub-task stands for its own group. A prompt
the router flags as out of distribution goes to the fallback (the target's default
draft): counted as a miss for in-distribution prompts, as a hit for the set's ``ood``
prompts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OOD_GROUP = "ood"
FALLBACK_COLUMN = "fallback"
EVAL_SET = Path(__file__).with_name("task_eval") / "prompts.jsonl"
# Choices (the slow path's margin) are made on this set, never on EVAL_SET (bench/task_eval/dev_bank.py).
DEV_SET = Path(__file__).with_name("task_eval") / "dev.jsonl"
# Held out for a final evaluation only: written after the router's design (bench/task_eval/test_set.py).
TEST_SET = Path(__file__).with_name("task_eval") / "test.jsonl"
# Hand-written after the three sets above (bench/task_eval/final_bank.py); evaluated once with router
# format 4, then a design set for formats 5 and 6 (docs/tasks.md, rounds 3 and 4).
FINAL_SET = Path(__file__).with_name("task_eval") / "final.jsonl"
# Hand-written after the final set, blind to the router, evaluated once with router format 5, then a
# design set for format 6 (bench/task_eval/blind_bank.py).
BLIND_SET = Path(__file__).with_name("task_eval") / "blind.jsonl"
# Hand-written after the blind set, evaluated once with router format 6, then a design set for
# format 7 (bench/task_eval/holdout_bank.py).
HOLDOUT_SET = Path(__file__).with_name("task_eval") / "holdout.jsonl"
# Hand-written after the holdout set, for one evaluation of router format 7
# (bench/task_eval/fresh_bank.py).
FRESH_SET = Path(__file__).with_name("task_eval") / "fresh.jsonl"


@dataclass
class RoutingEval:
    """Routing of a labelled set: accuracy per group and the confusion matrix."""

    name: str
    prompts: int
    accuracy: float  # in-distribution prompts routed to a sub-task that stands for their group
    per_group: dict[str, float]
    confusion: dict[str, dict[str, int]]  # true group -> routed group (or "fallback") -> prompts
    flagged: float  # share of in-distribution prompts flagged low-confidence
    ood_flagged: float | None  # share of the set's out-of-distribution prompts flagged (None: none)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def markdown(self) -> str:
        """The confusion matrix as a Markdown table (rows: true group, columns: where routed)."""
        columns = sorted({c for row in self.confusion.values() for c in row} - {FALLBACK_COLUMN})
        columns.append(FALLBACK_COLUMN)
        lines = [
            "| group \\ routed to | " + " | ".join(columns) + " | accuracy |",
            "| --- | " + " | ".join("---:" for _ in columns) + " | ---: |",
        ]
        for group, row in self.confusion.items():
            acc = self.per_group.get(group)
            cells = " | ".join(str(row.get(c, 0)) for c in columns)
            lines.append(f"| {group} | {cells} | {'-' if acc is None else f'{acc:.1%}'} |")
        return "\n".join(lines)


def group_of_labels(labels: Sequence[str], groups: Sequence[str]) -> dict[str, str]:
    """Each label's majority group among the prompts that carry it."""
    by_label: dict[str, Counter[str]] = {}
    for label, group in zip(labels, groups, strict=True):
        by_label.setdefault(label, Counter())[group] += 1
    return {label: counts.most_common(1)[0][0] for label, counts in by_label.items()}


def evaluate_routing(
    router: Any, label_group: dict[str, str], texts: Sequence[str], groups: Sequence[str], name: str
) -> RoutingEval:
    """Route ``texts`` and score them against ``groups`` through ``label_group``."""
    routes = router.route(list(texts))
    confusion: dict[str, dict[str, int]] = {}
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    flagged_in = ood_total = ood_flagged = 0
    for route, group in zip(routes, groups, strict=True):
        column = FALLBACK_COLUMN if route.low_confidence else label_group.get(route.label, route.label)
        confusion.setdefault(group, {}).setdefault(column, 0)
        confusion[group][column] += 1
        if group == OOD_GROUP:
            ood_total += 1
            ood_flagged += route.low_confidence
            continue
        totals[group] += 1
        hits[group] += column == group
        flagged_in += route.low_confidence
    inside = sum(totals.values())
    return RoutingEval(
        name=name,
        prompts=len(routes),
        accuracy=sum(hits.values()) / inside if inside else 0.0,
        per_group={g: hits[g] / totals[g] for g in sorted(totals)},
        confusion={g: confusion[g] for g in sorted(confusion, key=lambda g: (g == OOD_GROUP, g))},
        flagged=flagged_in / inside if inside else 0.0,
        ood_flagged=ood_flagged / ood_total if ood_total else None,
    )


# Boilerplate users add that says nothing about the task. The first system prompt and the
# suffix are phrasings the router strips by rule; the second system prompt is one it does
# not know (no "You are ..."), to show what an unknown wrapper does.
PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "system prompt 'You are a helpful assistant.'": lambda t: "You are a helpful assistant.\n" + t,
    "system prompt 'Follow the instructions carefully.'": lambda t: (
        "Follow the instructions carefully.\n\n" + t
    ),
    "suffix 'Answer concisely.'": lambda t: t + " Answer concisely.",
    "ChatML wrapper": lambda t: f"<|im_start|>user\n{t}<|im_end|>\n<|im_start|>assistant\n",
    "'User: ... Assistant:' wrapper": lambda t: f"User: {t}\nAssistant:",
    "Llama [INST] wrapper": lambda t: f"<s>[INST] {t} [/INST]",
    "upper case": str.upper,
    "lower case": str.lower,
    "extra whitespace": lambda t: "  " + re.sub(" ", "   ", t).replace("\n", "\n\n\n") + " \n",
}


@dataclass
class Robustness:
    """Share of prompts whose routed label changes under each perturbation."""

    prompts: int
    changed: dict[str, float] = field(default_factory=dict)


def robustness(router: Any, texts: Sequence[str]) -> Robustness:
    """Route every text as is and under each perturbation; count label changes."""
    base = router.classify(list(texts))
    result = Robustness(len(texts))
    for name, perturb in PERTURBATIONS.items():
        moved = router.classify([perturb(t) for t in texts])
        result.changed[name] = sum(a != b for a, b in zip(base, moved, strict=True)) / max(len(texts), 1)
    return result


@dataclass
class CrossSource:
    """Where one corpus's prompts go under a router trained on another: per source task, routed shares."""

    name: str
    routed: dict[str, dict[str, int]]  # source task -> routed group (or "fallback") -> prompts


def cross_route(
    router: Any, label_group: dict[str, str], texts: Sequence[str], tasks: Sequence[str], name: str
) -> CrossSource:
    """Route ``texts`` (labelled with their own corpus's ``tasks``) and tabulate where they go."""
    routed: dict[str, dict[str, int]] = {}
    for route, task in zip(router.route(list(texts)), tasks, strict=True):
        column = FALLBACK_COLUMN if route.low_confidence else label_group.get(route.label, route.label)
        routed.setdefault(task, {}).setdefault(column, 0)
        routed[task][column] += 1
    return CrossSource(name, {t: routed[t] for t in sorted(routed)})


def zoo_prompts(seed: int = 0, per_task: int = 60) -> tuple[list[str], list[str], list[str], list[str]]:
    """(training prompts, their tasks, held-out prompts, their tasks) of the local zoo's generated
    corpora (code, prose, math, SQL), built from the standard library without training a model."""
    from models.zoo.corpora import CorpusSizes, build_corpora

    corpora = build_corpora(seed, CorpusSizes(train=per_task, align=0, heldout=per_task))
    train_texts, train_tasks, held_texts, held_tasks = [], [], [], []
    for task, corpus in corpora.items():
        for pair in corpus.train:
            train_texts.append(pair.prompt)
            train_tasks.append(task)
        for pair in corpus.heldout:
            held_texts.append(pair.prompt)
            held_tasks.append(task)
    return train_texts, train_tasks, held_texts, held_tasks


@dataclass
class SlowPath:
    """Nearest-centroid routing in the partition's embedding space, alone and behind the fast path."""

    centroid_accuracy: float  # every in-distribution prompt routed to its nearest cluster centroid
    centroid_per_group: dict[str, float]
    # margin threshold -> (share of prompts sent to the slow path, accuracy of fast + slow)
    hybrid: dict[str, tuple[float, float]]
    seconds_per_prompt: float | None = None  # CPU seconds to embed one prompt: the slow path's cost

    def best_margin(self) -> str:
        """The threshold with the best fast + slow accuracy (ties: the one sending fewer prompts)."""
        return max(self.hybrid, key=lambda m: (self.hybrid[m][1], -self.hybrid[m][0]))


def mix_rate(fast_per_cpu_s: float, slow_share: float, slow_seconds: float) -> float:
    """Prompts per CPU second when every prompt takes the fast path and ``slow_share`` of them
    the slow path as well (``slow_seconds`` CPU seconds each)."""
    return 1.0 / (1.0 / fast_per_cpu_s + slow_share * slow_seconds)


@dataclass
class SlowPathChoice:
    """The slow path's margin chosen on the dev set, and what it does on the evaluation set."""

    margin: str
    dev: tuple[float, float]  # (share sent to the slow path, accuracy of fast + slow)
    eval: tuple[float, float]
    seconds_per_prompt: float  # CPU seconds of the slow path per prompt it handles
    mix_per_cpu_s: float | None = None  # prompts per CPU second of the mix on the evaluation set


def slow_path_eval(
    train_features: Any,
    train_labels: Sequence[str],
    eval_features: Any,
    label_group: dict[str, str],
    routes: Sequence[Any],
    groups: Sequence[str],
    margins: Sequence[float] = (0.05, 0.1, 0.2, 0.3, 0.5, 1.0),
) -> SlowPath:
    """Route the in-distribution prompts by nearest centroid, and by the fast path with the
    centroid taking over when the fast path's margin is under each threshold."""
    import numpy as np

    names = sorted(set(train_labels))
    labels = np.asarray(train_labels)
    centroids = np.stack([train_features[labels == n].mean(axis=0) for n in names])  # (K, F)
    dist = ((eval_features[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)  # (N, K)
    nearest = [label_group[names[j]] for j in dist.argmin(axis=1).tolist()]
    inside = [i for i, g in enumerate(groups) if g != OOD_GROUP]
    right_slow = {i: nearest[i] == groups[i] for i in inside}
    right_fast = {
        i: (not routes[i].low_confidence) and label_group.get(routes[i].label) == groups[i] for i in inside
    }
    per_group = {
        g: sum(right_slow[i] for i in inside if groups[i] == g) / sum(1 for i in inside if groups[i] == g)
        for g in sorted({groups[i] for i in inside})
    }
    hybrid = {}
    for m in margins:
        slow = {i for i in inside if routes[i].margin < m}
        right = sum(right_slow[i] if i in slow else right_fast[i] for i in inside)
        hybrid[f"{m:g}"] = (len(slow) / len(inside), right / len(inside))
    return SlowPath(sum(right_slow.values()) / len(inside), per_group, hybrid)
