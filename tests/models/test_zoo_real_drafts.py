"""models.zoo.real_drafts on a miniature real zoo: a random 3-layer Llama with the tiny zoo's tokenizer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from models.zoo.real import RealZooPaths
from models.zoo.real_drafts import RealDraftsConfig, build_real_drafts

CATEGORIES = ("translation", "qa")


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def mini_zoo(tiny_zoo, tmp_path: Path) -> RealZooPaths:  # type: ignore[no-untyped-def]
    """The layout `build_real_zoo` writes, around a model small enough to distil in seconds."""
    from transformers import AutoTokenizer

    from models.drafts.derive import truncate_layers
    from models.zoo.real import deployment_toml
    from tests.factories import tiny_llama

    root = tmp_path / "real-mini"
    tok = AutoTokenizer.from_pretrained(tiny_zoo.tokenizer)
    target = tiny_llama(4, len(tok), layers=3, eos=tok.eos_token_id, double=False)
    target.save_pretrained(root / "mini")
    tok.save_pretrained(root / "mini")
    truncate_layers(root / "mini", root / "mini-l1", 1)
    words = ["cat", "dog", "sun", "tree", "sea", "stone", "bird", "rain"]
    for c, category in enumerate(CATEGORIES):
        lines = [
            {"custom_id": f"{category}-{i}", "messages": [{"role": "user", "content": f"{w} {category} {i}"}]}
            for i, w in enumerate(words[c:] + words[:c])
        ]
        for name, part in ((f"{category}.jsonl", lines[:2]), (f"{category}.align.jsonl", lines[2:])):
            (root / "prompts").mkdir(exist_ok=True)
            text = "".join(json.dumps({**line, "task": category}) + "\n" for line in part)
            (root / "prompts" / name).write_text(text)
    (root / "prompts" / "demo.jsonl").write_text((root / "prompts" / "qa.jsonl").read_text())
    (root / "specq.toml").write_text(
        deployment_toml("mini", root / "mini", {"mini-l1": root / "mini-l1"}, "prompt-lookup")
    )
    manifest = {
        "preset": "real-mini",
        "key": "0123456789ab",
        "target": "mini",
        "models": {"mini": "mini", "mini-l1": "mini-l1"},
        "tasks": list(CATEGORIES),
    }
    (root / "manifest.json").write_text(json.dumps(manifest))
    return RealZooPaths.from_manifest(root / "manifest.json")


CONFIG = RealDraftsConfig(
    max_new_tokens=8,
    synthetic_per_prompt=1,
    synthetic_unseeded=2,
    synthetic_max_tokens=6,
    gen_batch_size=4,
    top_k=8,
    head_tokens=64,
    lr=1e-3,
    batch_size=4,
    epochs=2,
    tasks=("qa",),
    task_epochs=1,
    sorted_exits=(1, 2),
    sorted_epochs=1,
)


def test_drafts_are_distilled_registered_and_served_losslessly(mini_zoo: RealZooPaths) -> None:
    from models.drafts.sorted import SortedProposer, load_sorted_draft
    from models.drafts.vocab import head_token_ids, load_vocab_subset
    from models.engine.speculative import SamplingParams, SpecDecoder
    from models.loading import load_draft, load_model_and_tokenizer
    from specq.deployment import load_deployment
    from tests.factories import greedy_reference

    drafts = build_real_drafts(mini_zoo, CONFIG)
    assert not drafts.cached
    assert (drafts.general, drafts.per_task, drafts.sorted) == (
        "mini-l1-aligned",
        {"qa": "mini-l1-qa"},
        "mini-sorted",
    )
    record = drafts.record
    # 6 alignment prompts per category, one synthetic user turn seeded by each, 2 unseeded ones.
    assert (record["sequences"]["count"], record["sequences"]["real_prompts"]) == (26, 12)
    assert record["sequences"]["per_task"] == {"translation": 12, "qa": 12}
    assert record["drafts"]["mini-l1-qa"]["tasks"] == ["qa"]
    dep = load_deployment(mini_zoo.deployment)
    assert dep.pairings("mini") == [
        "mini-l1",
        "prompt-lookup",
        "mini-l1-aligned",
        "mini-l1-qa",
        "mini-sorted",
    ]
    assert dep.draft("mini-sorted").kind == "sorted"

    subset = load_vocab_subset(drafts.paths["mini-l1-aligned"])
    assert subset is not None and len(subset) == 64
    for name in ("mini-l1-qa", "mini-sorted"):
        assert load_vocab_subset(drafts.paths[name]) == subset  # one head for every draft

    target, tok = load_model_and_tokenizer(mini_zoo.models["mini"], device="cpu", dtype=torch.float32)
    base = load_model_and_tokenizer(mini_zoo.models["mini-l1"], device="cpu").model.state_dict()
    aligned = load_draft(drafts.paths["mini-l1-aligned"], device="cpu").model
    assert head_token_ids(aligned) is not None
    weights = aligned.state_dict()
    assert torch.equal(weights["model.embed_tokens.weight"], base["model.embed_tokens.weight"])
    assert not torch.equal(
        weights["model.layers.0.mlp.up_proj.weight"], base["model.layers.0.mlp.up_proj.weight"]
    )
    sorted_draft = load_sorted_draft(drafts.paths["mini-sorted"])
    assert sorted_draft.exits == (1, 2) and head_token_ids(sorted_draft.lm) is not None

    prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in ("qa stone 9", "sea tree cat")]
    expected = [greedy_reference(target, p, 12) for p in prompts]
    params = SamplingParams(max_new_tokens=12)
    for draft in (aligned, SortedProposer(sorted_draft, [0.5, 0.0], vocab_size=len(tok))):
        outs = SpecDecoder(target, draft, k=3).generate(prompts, params)
        assert [o.token_ids for o in outs] == expected

    again = build_real_drafts(mini_zoo, CONFIG)  # same key: read back, registered once
    assert again.cached and again.record == record
    assert load_deployment(mini_zoo.deployment).pairings("mini") == dep.pairings("mini")


def test_an_unknown_category_is_refused(mini_zoo: RealZooPaths) -> None:
    with pytest.raises(ValueError, match=r"no such category in the real zoo: \['poetry'\]"):
        build_real_drafts(mini_zoo, RealDraftsConfig(tasks=("poetry",)))
