"""`specq bench tasks`: partitioning Spec-Bench, how the router generalizes, routing throughput.

Per featurizer: K, NMI / ARI / purity against the six groups (automatic K and K=6), the
router's held-out accuracy, optional k-means seed spread and feature ablation. Then the
router trained on those clusters routes prompts written apart from Spec-Bench
(:mod:`bench.routing`: accuracy per group, confusion matrix, out-of-distribution flags),
under boilerplate, casing and whitespace changes, and across sources (the local zoo's
generated prompts). Last, the router's throughput on one pinned core (median of repeats).
"""

from __future__ import annotations

import os
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench.prompts import read_labelled, spec_bench_groups
from bench.routing import (
    BLIND_SET,
    DEV_SET,
    EVAL_SET,
    FINAL_SET,
    FRESH_SET,
    HOLDOUT_SET,
    OOD_GROUP,
    TEST_SET,
    CrossSource,
    Robustness,
    RoutingEval,
    SlowPath,
    SlowPathChoice,
    cross_route,
    evaluate_routing,
    group_of_labels,
    mix_rate,
    robustness,
    slow_path_eval,
    zoo_prompts,
)


@dataclass(frozen=True)
class TasksBenchConfig:
    """What to measure; every field has a flag of the same name."""

    data: Path  # Spec-Bench question.jsonl
    featurizers: tuple[str, ...] = ("minilm", "tfidf")
    seed: int = 0
    throughput_prompts: int = 48_000
    throughput_repeats: int = 5
    ablation: bool = False
    seeds: int = 1  # also re-cluster with this many k-means seeds
    eval_set: Path | None = EVAL_SET  # labelled prompts written apart from Spec-Bench; None: skip
    dev_set: Path | None = DEV_SET  # labelled prompts for choices (the slow path's margin); None: skip
    # More labelled sets routed the same way, by name (bench/task_eval: which were used for design).
    more_sets: tuple[tuple[str, Path], ...] = (
        ("test", TEST_SET),
        ("final", FINAL_SET),
        ("blind", BLIND_SET),
        ("holdout", HOLDOUT_SET),
        ("fresh", FRESH_SET),
    )
    cross_source: bool = True  # route the zoo's generated prompts, and Spec-Bench with a zoo router


@dataclass
class FeaturizerResult:
    name: str
    k: int
    k_scores: dict[int, float]
    agreement: Any  # models.tasks.Agreement
    agreement_k6: Any
    heldout_accuracy: float | None
    heldout_prompts: int
    cluster_names: list[str]
    cluster_groups: dict[str, dict[str, int]]
    partition_seconds: float
    kmeans_seeds: list[dict[str, Any]] = field(default_factory=list)
    generalization: RoutingEval | None = None  # the router on the evaluation set
    dev_generalization: RoutingEval | None = None  # the router on the dev set
    slow_path: SlowPath | None = None  # nearest centroid in this featurizer's space (MiniLM only)
    dev_slow_path: SlowPath | None = None
    slow_path_choice: SlowPathChoice | None = None  # margin chosen on dev, applied to the evaluation set
    more: dict[str, RoutingEval] = field(default_factory=dict)  # the router on each of more_sets
    more_slow_paths: dict[str, SlowPath] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {
            "k": self.k,
            "k_scores": {str(k): round(s, 4) for k, s in self.k_scores.items()},
            "agreement": self.agreement.__dict__,
            "agreement_k6": self.agreement_k6.__dict__,
            "heldout_accuracy": self.heldout_accuracy,
            "heldout_prompts": self.heldout_prompts,
            "cluster_names": self.cluster_names,
            "cluster_groups": self.cluster_groups,
            "partition_seconds": round(self.partition_seconds, 1),
        }
        if self.kmeans_seeds:
            out["kmeans_seeds"] = self.kmeans_seeds
        if self.generalization is not None:
            out["generalization"] = self.generalization.to_json()
        if self.dev_generalization is not None:
            out["dev_generalization"] = self.dev_generalization.to_json()
        if self.slow_path is not None:
            out["slow_path"] = self.slow_path.__dict__
        if self.dev_slow_path is not None:
            out["dev_slow_path"] = self.dev_slow_path.__dict__
        if self.slow_path_choice is not None:
            out["slow_path_choice"] = self.slow_path_choice.__dict__
        for name, ev in self.more.items():
            out[f"{name}_generalization"] = ev.to_json()
        for name, sp in self.more_slow_paths.items():
            out[f"{name}_slow_path"] = sp.__dict__
        return out


@dataclass
class Throughput:
    prompts: int
    rates: list[float]  # prompts per wall-clock second, per repeat
    pinned: str
    cpu_rates: list[float] = field(default_factory=list)  # prompts per CPU second of this process

    @property
    def median(self) -> float:
        return statistics.median(self.rates)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_rates)


@dataclass
class TasksBenchResult:
    prompts: int
    groups: dict[str, int]
    featurizers: list[FeaturizerResult]
    ablation: dict[str, dict[str, Any]]
    throughput: Throughput | None
    group_router: RoutingEval | None = None  # a router trained on Spec-Bench's true groups
    robustness: Robustness | None = None
    cross_source: list[CrossSource] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "prompts": self.prompts,
            "groups": self.groups,
            "featurizers": {f.name: f.to_json() for f in self.featurizers},
        }
        if self.ablation:
            out["ablation"] = self.ablation
        if self.group_router is not None:
            out["group_router"] = self.group_router.to_json()
        if self.robustness is not None:
            out["robustness"] = self.robustness.__dict__
        if self.cross_source:
            out["cross_source"] = [c.__dict__ for c in self.cross_source]
        if self.throughput is not None:
            out["throughput"] = {
                "prompts": self.throughput.prompts,
                "median_prompts_per_s": round(self.throughput.median),
                "runs_prompts_per_s": [round(r) for r in self.throughput.rates],
                "median_prompts_per_cpu_s": round(self.throughput.cpu_median),
                "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
            }
        return out


def pin_one_core() -> str:
    """Pin this process to one CPU so a throughput number means one core."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def routing_throughput(router: Any, texts: list[str], prompts: int, repeats: int) -> Throughput:
    """``router.classify`` over ``prompts`` prompts (``texts`` repeated), pinned to one core."""
    pinned = pin_one_core()
    batch = (texts * (prompts // len(texts) + 1))[:prompts]
    router.classify(batch[:1000])  # warm caches
    rates, cpu_rates = [], []
    for _ in range(repeats):
        # Wall time counts the time other processes hold the core; CPU time does not.
        t0, c0 = time.perf_counter(), time.process_time()
        router.classify(batch)
        rates.append(len(batch) / (time.perf_counter() - t0))
        cpu_rates.append(len(batch) / max(time.process_time() - c0, 1e-9))
    return Throughput(len(batch), rates, pinned, cpu_rates)


def _slow_path_features(
    featurizer: Any, boilerplate: Any, train_cleaned: list[str], texts: list[str]
) -> tuple[np.ndarray, float]:
    """(the partition's features of ``texts``: MiniLM views and log length centred on the training
    prompts' mean, the CPU seconds this took per prompt: the slow path's cost)."""
    from models import tasks

    started = time.process_time()  # CPU time of every thread: comparable with the fast path's
    cleaned, _ = tasks.clean_texts(texts, boilerplate=boilerplate)
    views = tasks.view_embeddings(cleaned, featurizer)
    train_log_len = np.log10([max(len(t), 1) for t in train_cleaned]).mean()
    log_len = np.log10([max(len(t), 1) for t in cleaned]) - train_log_len
    x = np.hstack([v / np.sqrt(len(views)) for v in views] + [tasks.LENGTH_WEIGHT * log_len[:, None]])
    return x, (time.process_time() - started) / max(len(texts), 1)


def run_tasks_bench(
    config: TasksBenchConfig, *, status: Callable[[str], None] = lambda message: None
) -> TasksBenchResult:
    """Partition Spec-Bench with each featurizer, score it against the groups, time the router."""
    from models import tasks

    texts, groups = spec_bench_groups(config.data)
    eval_texts, eval_groups = read_labelled(config.eval_set) if config.eval_set is not None else ([], [])
    dev = read_labelled(config.dev_set) if config.dev_set is not None else ([], [])
    more = {name: read_labelled(path) for name, path in config.more_sets}
    results: list[FeaturizerResult] = []
    ablations: dict[str, dict[str, Any]] = {}
    router = None
    router_groups: dict[str, str] = {}
    seed = config.seed
    for name in config.featurizers:
        status(f"{name}: featurizing {len(texts)} prompts")
        started = time.perf_counter()
        featurizer = tasks.get_featurizer(name, seed=seed)
        cleaned, boilerplate = tasks.clean_texts(texts)
        views = tasks.view_embeddings(cleaned, featurizer)
        x = tasks.combine_features(cleaned, views)
        part = tasks.cluster_prompts(cleaned, x, boilerplate=boilerplate, featurizer=name, seed=seed)
        seconds = time.perf_counter() - started
        fixed = tasks.cluster_prompts(cleaned, x, boilerplate=boilerplate, featurizer=name, k=6, seed=seed)
        trained = tasks.train_router(texts, part.labels, boilerplate=boilerplate, seed=seed, featurizer=name)
        if router is None:
            router, router_groups = trained, group_of_labels(part.labels, groups)
        result = FeaturizerResult(
            name=name,
            k=part.k,
            k_scores=part.k_scores,
            agreement=tasks.cluster_agreement(part.labels, groups),
            agreement_k6=tasks.cluster_agreement(fixed.labels, groups),
            heldout_accuracy=trained.manifest.heldout_accuracy,
            heldout_prompts=trained.manifest.heldout_prompts,
            cluster_names=part.names,
            cluster_groups={
                n: dict(Counter(g for g, lab in zip(groups, part.labels, strict=True) if lab == n))
                for n in part.names
            },
            partition_seconds=seconds,
        )
        label_group = group_of_labels(part.labels, groups)
        labelled = {"eval": (eval_texts, eval_groups), "dev": dev, **more}
        for which, (set_texts, set_groups) in labelled.items():
            if not set_texts:
                continue
            routed = evaluate_routing(
                trained, label_group, set_texts, set_groups, f"router on {name} clusters ({which} set)"
            )
            slow = None
            if name != "tfidf":  # TF-IDF + SVD is refitted per call: no shared space for new prompts
                status(f"{name}: embedding {len(set_texts)} {which} prompts (slow path)")
                set_x, slow_seconds = _slow_path_features(featurizer, boilerplate, cleaned, set_texts)
                slow = slow_path_eval(
                    x, part.labels, set_x, label_group, trained.route(set_texts), set_groups
                )
                slow.seconds_per_prompt = slow_seconds
            if which == "eval":
                result.generalization, result.slow_path = routed, slow
            elif which == "dev":
                result.dev_generalization, result.dev_slow_path = routed, slow
            else:
                result.more[which] = routed
                if slow is not None:
                    result.more_slow_paths[which] = slow
        if result.slow_path is not None and result.dev_slow_path is not None:
            margin = result.dev_slow_path.best_margin()
            result.slow_path_choice = SlowPathChoice(
                margin,
                result.dev_slow_path.hybrid[margin],
                result.slow_path.hybrid[margin],
                result.slow_path.seconds_per_prompt or 0.0,
            )
        if config.seeds > 1:
            for s_ in range(seed, seed + config.seeds):
                again = tasks.cluster_prompts(cleaned, x, boilerplate=boilerplate, featurizer=name, seed=s_)
                result.kmeans_seeds.append(
                    {"seed": s_, "k": again.k, **tasks.cluster_agreement(again.labels, groups).__dict__}
                )
        results.append(result)
        if config.ablation:
            variants = {
                "whole text": (views[2:], 0.0),
                "whole text + length": (views[2:], tasks.LENGTH_WEIGHT),
                "first + last + whole": (views, 0.0),
                "first + last + whole + length": (views, tasks.LENGTH_WEIGHT),
            }
            for variant, (vs, weight) in variants.items():
                xv = tasks.combine_features(cleaned, vs, weight)
                auto = tasks.cluster_prompts(cleaned, xv, boilerplate=boilerplate, featurizer=name, seed=seed)
                six = tasks.cluster_prompts(
                    cleaned, xv, boilerplate=boilerplate, featurizer=name, k=6, seed=seed
                )
                ablations[f"{name}: {variant}"] = {
                    "k": auto.k,
                    "nmi": tasks.cluster_agreement(auto.labels, groups).nmi,
                    "nmi_k6": tasks.cluster_agreement(six.labels, groups).nmi,
                }
    group_router: RoutingEval | None = None
    robust: Robustness | None = None
    cross: list[CrossSource] = []
    if eval_texts:
        status("router on the true groups; robustness")
        by_group = tasks.train_router(texts, groups, seed=seed, featurizer="groups")
        identity = {g: g for g in set(groups)}
        group_router = evaluate_routing(
            by_group, identity, eval_texts, eval_groups, "router on the true groups"
        )
        if router is not None:
            inside = [t for t, g in zip(eval_texts, eval_groups, strict=True) if g != OOD_GROUP]
            robust = robustness(router, texts + inside)
    if config.cross_source and router is not None:
        status("cross-source routing")
        zoo_train, zoo_train_tasks, zoo_held, zoo_held_tasks = zoo_prompts(seed)
        cross.append(
            cross_route(
                router, router_groups, zoo_held, zoo_held_tasks, "zoo held-out prompts, Spec-Bench router"
            )
        )
        zoo_router = tasks.train_router(zoo_train, zoo_train_tasks, seed=seed, featurizer="zoo tasks")
        identity = {t: t for t in set(zoo_train_tasks)}
        cross.append(cross_route(zoo_router, identity, texts, groups, "Spec-Bench prompts, zoo router"))
    throughput = None
    if router is not None:
        status("routing throughput")
        throughput = routing_throughput(router, texts, config.throughput_prompts, config.throughput_repeats)
        for f in results:
            if f.slow_path_choice is not None:
                c = f.slow_path_choice
                c.mix_per_cpu_s = mix_rate(throughput.cpu_median, c.eval[0], c.seconds_per_prompt)
    return TasksBenchResult(
        len(texts), dict(Counter(groups)), results, ablations, throughput, group_router, robust, cross
    )
