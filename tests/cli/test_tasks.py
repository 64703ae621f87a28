"""`specq partition`, `specq classify` and `specq bench assignment` through typer's CliRunner."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.tasks import register, register_bench


@pytest.fixture()
def app() -> typer.Typer:
    a = typer.Typer()
    register(a)
    bench = typer.Typer()
    register_bench(bench)
    a.add_typer(bench, name="bench")
    return a


def _input_file(path: Path) -> Path:
    """Every input shape `specq submit` reads, plus a bad line and a blank one."""
    rng = random.Random(0)
    lines: list[str] = []
    for i in range(12):
        lines.append(
            json.dumps(
                {"custom_id": f"tr-{i}", "prompt": f"Translate German to English: Der Hund {i} schläft ."}
            )
        )
        lines.append(
            json.dumps(
                {
                    "messages": [
                        {"role": "user", "content": f"What is {rng.randint(2, 99)} plus {i}? Show the sum."}
                    ]
                }
            )
        )
    lines.append(
        json.dumps(
            {
                "custom_id": "oa-1",
                "method": "POST",
                "url": "/v1/chat/completions",
                "body": {
                    "messages": [{"role": "user", "content": "Translate German to English: Guten Morgen ."}]
                },
            }
        )
    )
    lines.append(
        json.dumps({"question_id": 7, "category": "math", "turns": ["What is 5 plus 6? Show the sum."]})
    )
    lines.append("{not json")
    lines.append("")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_partition_then_classify(app: typer.Typer, tmp_path: Path) -> None:
    data = _input_file(tmp_path / "in.jsonl")
    out = tmp_path / "router"
    runner = CliRunner()
    res = runner.invoke(app, ["partition", str(data), "--out", str(out), "--featurizer", "tfidf", "--k", "2"])
    assert res.exit_code == 0, res.output
    for name in (
        "manifest.json",
        "classifier.skops",
        "labels.jsonl",
        "report.md",
        "report.json",
        "clusters.png",
    ):
        assert (out / name).is_file(), name
    rows = [json.loads(x) for x in (out / "labels.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rows] == list(range(1, 28))  # the blank last line has no row
    bad = rows[-1]
    assert bad["label"] is None and "malformed JSON" in bad["error"]
    by_id = {r["custom_id"]: r["label"] for r in rows}
    assert by_id["tr-0"] == by_id["oa-1"] != by_id["math-7"]  # OpenAI and Spec-Bench lines are read
    assert by_id["line-2"] == by_id["math-7"]  # lines without custom_id are named as submit names them

    res = runner.invoke(app, ["classify", "--router", str(out), str(data)])
    assert res.exit_code == 0, res.output
    printed = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [(p["line"], p["custom_id"]) for p in printed] == [(r["line"], r["custom_id"]) for r in rows]
    assert [p["label"] for p in printed] == [r["label"] for r in rows]


def test_classify_refuses_a_broken_router(app: typer.Typer, tmp_path: Path) -> None:
    data = _input_file(tmp_path / "in.jsonl")
    (tmp_path / "router").mkdir()
    res = CliRunner().invoke(app, ["classify", "--router", str(tmp_path / "router"), str(data)])
    assert res.exit_code == 1 and "manifest.json is missing" in res.output


def test_bench_assignment_reports_switches(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    res = CliRunner().invoke(
        app,
        [
            "bench",
            "assignment",
            "--seeds",
            "1",
            "--batches",
            "40",
            "--change-at",
            "10",
            "--explore-rate",
            "0.2",
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    numbers = json.loads(out.read_text())
    assert set(numbers["scenarios"]) == {
        "new aligned draft registered",
        "prompt-lookup acceptance rises",
        "no difference (control)",
    }
    assert numbers["scenarios"]["no difference (control)"]["wrong_switches"] == 0
    assert numbers["example_event"]["evidence"]["comparisons"]


VERBS_DE = ["schläft", "läuft", "bellt"]
THEMES = ["rain", "trains", "the sea", "winter"]


def test_bench_tasks_reports_generalization_robustness_and_throughput(
    app: typer.Typer, tmp_path: Path
) -> None:
    from models.tasks import FALLBACK_LABEL
    from workers.route import DEFAULT_TASK

    # The router's fallback is the routing worker's default task: the target's default draft.
    assert FALLBACK_LABEL == DEFAULT_TASK
    rng = random.Random(1)
    spec = tmp_path / "spec.jsonl"
    lines = []
    for i in range(15):
        a, b = rng.randint(2, 50), rng.randint(2, 50)
        lines.append(
            {
                "question_id": 3 * i,
                "category": "translation",
                "turns": [f"Translate German to English: Der Hund {rng.choice(VERBS_DE)} im Garten {i} ."],
            }
        )
        lines.append(
            {
                "question_id": 3 * i + 1,
                "category": "math_reasoning",
                "turns": [f"Ana has {a} apples and buys {b} more. How many apples does she have?"],
            }
        )
        lines.append(
            {
                "question_id": 3 * i + 2,
                "category": "writing",
                "turns": [f"Write a short poem about {rng.choice(THEMES)} number {i}."],
            }
        )
    spec.write_text("".join(json.dumps(x) + "\n" for x in lines))
    labelled = tmp_path / "eval.jsonl"
    rows = [
        {"group": "translation", "prompt": "English please: Die Katze schläft auf dem Sofa ."},
        {"group": "math_reasoning", "prompt": "Ben has 7 pens and loses 2. How many pens are left?"},
        {"group": "mt_bench", "prompt": "Write a short story about a lighthouse keeper."},
        {"group": "ood", "prompt": "qwrtz plkmn vbxcz"},
    ]
    labelled.write_text("".join(json.dumps(x) + "\n" for x in rows))
    out = tmp_path / "bench.json"
    res = CliRunner().invoke(
        app,
        [
            "bench",
            "tasks",
            str(spec),
            "--featurizers",
            "tfidf",
            "--eval",
            str(labelled),
            "--set",
            f"extra={labelled}",
            "--no-cross-source",
            "--throughput-prompts",
            "1000",
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    numbers = json.loads(out.read_text())
    gen = numbers["featurizers"]["tfidf"]["generalization"]
    assert set(gen["confusion"]) == {"translation", "math_reasoning", "mt_bench", "ood"}
    assert sum(sum(r.values()) for r in gen["confusion"].values()) == len(rows)
    assert 0.0 <= gen["accuracy"] <= 1.0 and gen["ood_flagged"] == 1.0
    assert numbers["featurizers"]["tfidf"]["extra_generalization"]["confusion"] == gen["confusion"]
    assert numbers["group_router"]["per_group"].keys() == {"translation", "math_reasoning", "mt_bench"}
    assert set(numbers["robustness"]["changed"]) and all(
        0 <= v <= 1 for v in numbers["robustness"]["changed"].values()
    )
    assert numbers["throughput"]["median_prompts_per_s"] > 0
    assert numbers["throughput"]["median_prompts_per_cpu_s"] > 0
    assert "| group \\ routed to |" in res.stdout


def test_bench_route_cost_prints_the_tables_and_prices_accuracy(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bench.route_cost as route_cost
    from models.engine.acceptance import Acceptance

    right = Acceptance(prompts=4, steps=10, drafted=40, accepted=30, new_tokens=40)  # 4 tokens per step
    wrong = Acceptance(prompts=4, steps=20, drafted=80, accepted=20, new_tokens=40)  # 2 tokens per step
    seen: list[route_cost.RouteCostConfig] = []

    def fake_run(config: route_cost.RouteCostConfig, status: object = None) -> route_cost.RouteCost:
        seen.append(config)
        return route_cost.RouteCost(
            preset=config.preset,
            target=config.target,
            k=config.k,
            max_new_tokens=config.max_new_tokens,
            tasks=["code", "math"],
            drafts={"general": "/g", "code": "/c", "math": "/m"},
            matrix={
                "code": {"general": wrong, "code": right, "math": wrong},
                "math": {"general": wrong, "code": wrong, "math": right},
            },
            runner_up={"code": {"math": 4}, "math": {"code": 4}},
            right={"code": right, "math": right},
            wrong={"code": wrong, "math": wrong},
            router_accuracy=1.0,
        )

    monkeypatch.setattr(route_cost, "run_route_cost", fake_run)
    out = tmp_path / "cost.json"
    res = CliRunner().invoke(
        app, ["bench", "route-cost", "--k", "3", "--accuracy", "1,0.5", "--json", str(out), "--quiet"]
    )
    assert res.exit_code == 0, res.output
    assert seen[0].k == 3 and seen[0].preset == "tiny"
    assert "router accuracy 50.0%: 2.67 tokens per target step (-33.3%" in " ".join(res.stdout.split())
    assert json.loads(out.read_text())["total"]["wrong"]["accepted_per_step"] == 1.0
    bad = CliRunner().invoke(app, ["bench", "route-cost", "--accuracy", "2"])
    assert bad.exit_code != 0 and "--accuracy" in bad.output


def test_bench_tasks_refuses_a_malformed_or_missing_set(app: typer.Typer, tmp_path: Path) -> None:
    spec = tmp_path / "spec.jsonl"
    spec.write_text("")
    for value, message in (("noequals", "expected NAME=PATH"), ("x=/no/such.jsonl", "no such file")):
        res = CliRunner().invoke(app, ["bench", "tasks", str(spec), "--set", value])
        assert res.exit_code != 0 and message in " ".join(res.output.split()), res.output
