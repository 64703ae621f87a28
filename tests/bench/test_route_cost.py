"""The wrong-route cost's arithmetic and its choice of the wrong task (bench/route_cost.py)."""

from __future__ import annotations

import pytest

from bench.route_cost import RouteCost, expected_tokens_per_step, misroute_tasks, tokens_per_step
from models.engine.acceptance import Acceptance
from models.tasks import train_router


def acc(steps: int, accepted: int, new_tokens: int, k: int = 4) -> Acceptance:
    return Acceptance(prompts=2, steps=steps, drafted=k * steps, accepted=accepted, new_tokens=new_tokens)


def test_expected_tokens_per_step_weights_the_target_forwards_per_token() -> None:
    right, wrong = acc(10, 30, 40), acc(20, 20, 40)  # 4 and 2 tokens per target forward
    assert tokens_per_step(right) == 4.0 and tokens_per_step(wrong) == 2.0
    assert expected_tokens_per_step(1.0, right, wrong) == 4.0
    assert expected_tokens_per_step(0.0, right, wrong) == 2.0
    # Half the tokens at 1/4 forward each, half at 1/2: 3/8 forward per token.
    assert expected_tokens_per_step(0.5, right, wrong) == pytest.approx(8 / 3)
    with pytest.raises(ValueError, match="accuracy"):
        expected_tokens_per_step(1.5, right, wrong)


def test_the_wrong_task_is_the_best_scoring_task_other_than_the_true_one() -> None:
    texts = [f"Translate German to English: Der Hund {i} schläft im Garten ." for i in range(8)]
    texts += [f"Ana has {i} apples and buys {i + 3} more. How many apples does she have?" for i in range(8)]
    texts += [f"Write a short poem about the sea and a lighthouse number {i}." for i in range(8)]
    labels = ["translation"] * 8 + ["math"] * 8 + ["writing"] * 8
    router = train_router(texts, labels, seed=0)
    fresh = [
        "Translate German to English: Die Katze schläft .",
        "Ben has 4 pens and loses 1. How many are left?",
    ]
    best, wrong = misroute_tasks(router, fresh, ["translation", "math"])
    assert best == ["translation", "math"]
    assert wrong[0] != "translation" and wrong[1] != "math"
    # When the router errs, the wrong task is its own choice.
    best, wrong = misroute_tasks(router, fresh[:1], ["math"])
    assert wrong == best == ["translation"]


def test_totals_sum_right_wrong_and_fallback_over_tasks() -> None:
    a, b = acc(10, 30, 40), acc(20, 20, 40)
    cost = RouteCost(
        preset="tiny",
        target="t",
        k=4,
        max_new_tokens=20,
        tasks=["x", "y"],
        drafts={"general": "/g", "x": "/x", "y": "/y"},
        matrix={"x": {"general": b, "x": a, "y": b}, "y": {"general": b, "x": b, "y": a}},
        runner_up={"x": {"y": 2}, "y": {"x": 2}},
        right={"x": a, "y": a},
        wrong={"x": b, "y": b},
        router_accuracy=1.0,
    )
    right, wrong, fallback = cost.totals()
    assert right.steps == 20 and wrong.steps == 40 and fallback.new_tokens == 80
    numbers = cost.to_json()
    assert numbers["total"]["right"]["accepted_per_step"] == 3.0
    assert numbers["wrong"]["x"]["acceptance"] == 0.25
