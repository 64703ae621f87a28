"""Routing evaluation helpers (bench/routing.py) on small, exact inputs."""

from __future__ import annotations

import numpy as np
import pytest

from bench.routing import SlowPath, group_of_labels, mix_rate, slow_path_eval
from models.tasks import Route


def _route(label: str, margin: float, low: bool = False) -> Route:
    return Route("default" if low else label, label, 1.0, margin, 1.0, low)


def test_group_of_labels_takes_the_majority() -> None:
    assert group_of_labels(["a", "a", "a", "b"], ["x", "x", "y", "z"]) == {"a": "x", "b": "z"}


def test_slow_path_replaces_unsure_fast_routes_by_the_nearest_centroid() -> None:
    train = np.array([[0.0, 0.0], [0.2, 0.0], [5.0, 5.0], [5.2, 5.0]])
    labels = ["a", "a", "b", "b"]
    groups_of = {"a": "x", "b": "y"}
    new = np.array([[0.1, 0.1], [5.1, 4.9], [9.0, 9.0]])
    truth = ["x", "y", "ood"]
    # The fast path is wrong and unsure on the first prompt, right and sure on the second.
    routes = [_route("b", 0.05), _route("b", 2.0), _route("a", 0.01, low=True)]
    sp = slow_path_eval(train, labels, new, groups_of, routes, truth, margins=(0.1, 3.0))
    assert sp.centroid_accuracy == 1.0 and sp.centroid_per_group == {"x": 1.0, "y": 1.0}
    assert sp.hybrid == {"0.1": (0.5, 1.0), "3": (1.0, 1.0)}


def test_the_slow_path_margin_is_the_most_accurate_and_the_mix_pays_its_cost() -> None:
    sp = SlowPath(0.8, {}, {"0.1": (0.05, 0.95), "0.2": (0.10, 0.95), "0.3": (0.20, 0.94)})
    assert sp.best_margin() == "0.1"  # as accurate as 0.2, with fewer prompts on the slow path
    # 10,000 fast prompts per CPU second (100 us each); 5% also take 40 ms: 2.1 ms a prompt.
    assert mix_rate(10_000, 0.05, 0.040) == pytest.approx(1 / (100e-6 + 0.05 * 0.040))
    assert mix_rate(10_000, 0.0, 0.040) == pytest.approx(10_000)
