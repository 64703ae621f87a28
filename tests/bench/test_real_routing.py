"""The task-routed real deployment, on the tiny zoo's models standing in for SmolLM2 (seconds, no network)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.real_routing import ROUTING_FILE, RoutingConfig, align_prompt_file, route_real_zoo
from models.zoo.real import RealZooPaths, deployment_toml, spec_bench_prompts
from specq.deployment import load_deployment

CATEGORIES = ("translation", "math_reasoning", "summarization")


def fake_real_zoo(root: Path, tiny_zoo: Any) -> RealZooPaths:
    """A real zoo's layout (Spec-Bench prompt files, a deployment) over the tiny zoo's models."""
    heldout, align = spec_bench_prompts(5)
    prompts = root / "prompts"
    prompts.mkdir(parents=True)
    for cat in CATEGORIES:
        for name, lines in ((f"{cat}.jsonl", heldout[cat]), (f"{cat}.align.jsonl", align[cat])):
            (prompts / name).write_text("".join(json.dumps(x) + "\n" for x in lines))
    (prompts / "demo.jsonl").write_text("".join(json.dumps(heldout[c][0]) + "\n" for c in CATEGORIES))
    models = tiny_zoo.models()
    drafts = {"general": models["draft"]}
    (root / "specq.toml").write_text(deployment_toml("target-s", models["target-s"], drafts, "prompt-lookup"))
    return RealZooPaths(
        preset="real",
        root=root.resolve(),
        target="target-s",
        models={"target-s": models["target-s"], **drafts},
        prompts={c: prompts / f"{c}.jsonl" for c in CATEGORIES},
        align_prompts={c: prompts / f"{c}.align.jsonl" for c in CATEGORIES},
        demo_prompts=prompts / "demo.jsonl",
        deployment=(root / "specq.toml").resolve(),
        manifest=root / "manifest.json",
    )


@pytest.mark.timeout(300)
def test_routing_the_real_zoo_trains_a_router_and_writes_measured_task_drafts(
    tmp_path: Path, tiny_zoo: Any, specq_env: Path
) -> None:
    from models.tasks import load_router

    zoo = fake_real_zoo(tmp_path / "real", tiny_zoo)
    config = RoutingConfig(sample=2, max_new_tokens=4, featurizer="tfidf")
    routed = route_real_zoo(zoo, config)
    assert not routed.cached

    # The router learned from the alignment prompts only, without their categories.
    align = align_prompt_file(zoo)
    lines = [json.loads(x) for x in align.read_text().splitlines()]
    assert len(lines) == sum(len(zoo.align_prompts[c].read_text().splitlines()) for c in CATEGORIES)
    assert all(set(x) == {"custom_id", "messages"} for x in lines)
    heldout_ids = {
        json.loads(x)["custom_id"] for c in CATEGORIES for x in zoo.prompts[c].read_text().splitlines()
    }
    assert heldout_ids.isdisjoint(x["custom_id"] for x in lines)
    heldout = zoo.root / "prompts" / "heldout.jsonl"
    assert {json.loads(x)["custom_id"] for x in heldout.read_text().splitlines()} == heldout_ids
    router = load_router(routed.router)
    assert router.manifest.source_file == str(align.resolve())

    # Every sub-task was measured with every draft serving the target; the chosen one is the best
    # by accepted tokens per step, and the deployment file now routes with both.
    record = json.loads((zoo.root / ROUTING_FILE).read_text())
    assert set(record["measured"]) == set(routed.task_drafts) and routed.task_drafts
    # Plain decoding ("none") was measured on the same prompts: it is the task's draft exactly when
    # it decoded more tokens per CPU second than the best draft.
    for task, by_draft in record["measured"].items():
        assert set(by_draft) == {"general", "prompt-lookup", "none"}
        drafts = {d: m for d, m in by_draft.items() if d != "none"}
        best = max(drafts, key=lambda d: drafts[d]["accepted_per_step"] or 0.0)
        plain_faster = by_draft["none"]["tokens_per_cpu_s"] > drafts[best]["tokens_per_cpu_s"]
        chosen = routed.task_drafts[task]
        if plain_faster:
            assert chosen == "none"
        else:
            assert drafts[chosen]["accepted_per_step"] == drafts[best]["accepted_per_step"]
        assert all(m["prompts"] >= 1 and m["output_tokens"] > 0 for m in by_draft.values())
    dep = load_deployment(zoo.deployment)
    assert dep.router_path == routed.router
    assert dep.target("target-s").task_drafts == routed.task_drafts
    assert 'path = "router"' in zoo.deployment.read_text()  # relative: the zoo directory can move

    # Held-out prompts of the deployment are routed into the router's sub-tasks; a sub-task whose
    # sampled prompts are all too long for the target's context (the tiny target: Spec-Bench's
    # articles) has no measurement and keeps the default draft.
    demo = [json.loads(x) for x in zoo.demo_prompts.read_text().splitlines()]
    labels = router.classify([x["messages"][0]["content"] for x in demo])
    assert set(labels) <= set(router.manifest.labels) | {"default"}
    unmeasured = set(router.manifest.labels) - set(routed.task_drafts)
    assert not unmeasured or record["skipped_prompts"] > 0
    assert {dep.target("target-s").configured_draft(t) for t in unmeasured} <= {"prompt-lookup"}

    # Same prompts, drafts and settings: cached; a router the workers could not load (here: its
    # classifier changed after training) is trained again; another draft registered: measured again.
    assert route_real_zoo(zoo, config).cached
    from models.tasks import CLASSIFIER_FILE

    (routed.router / CLASSIFIER_FILE).write_bytes(b"tampered")
    assert not route_real_zoo(zoo, config).cached
    load_router(routed.router)
    from specq.deployment import DraftSpec

    dep.add_draft(DraftSpec("lookup-2", "prompt-lookup", ("target-s",), k=2))
    again = route_real_zoo(zoo, config)
    assert not again.cached
    assert all("lookup-2" in by_draft for by_draft in again.record["measured"].values())
