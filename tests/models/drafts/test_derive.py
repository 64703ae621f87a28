"""models.drafts.derive: a layer-truncated draft of a target."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import torch

from models.drafts.derive import truncate_layers
from models.engine.speculative import SamplingParams, SpecDecoder
from models.loading import check_same_tokenizer, load_model_and_tokenizer


@pytest.fixture(scope="module")
def derived(tiny_zoo, tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("derived") / "draft"
    return truncate_layers(tiny_zoo.target_l, out, 1)


def test_truncated_draft_is_the_targets_first_layers(tiny_zoo, derived) -> None:  # type: ignore[no-untyped-def]
    target, target_tok = load_model_and_tokenizer(tiny_zoo.target_l, device="cpu", dtype=torch.float32)
    draft, draft_tok = load_model_and_tokenizer(derived.out_dir, device="cpu", dtype=torch.float32)
    check_same_tokenizer(target_tok, draft_tok)
    assert draft.config.num_hidden_layers == 1 and derived.target_layers == target.config.num_hidden_layers
    t_state, d_state = target.state_dict(), draft.state_dict()
    assert set(d_state) == {k for k in t_state if ".layers." not in k or ".layers.0." in k}
    for key, value in d_state.items():
        assert torch.equal(value, t_state[key]), key
    info = json.loads((derived.out_dir / "specq_derived.json").read_text())
    assert info == {
        "derived_from": str(Path(tiny_zoo.target_l).resolve()),
        "kind": "truncated",
        "layers": 1,
        "of": 2,
    }


def test_truncated_draft_decodes_losslessly(tiny_zoo, derived) -> None:  # type: ignore[no-untyped-def]
    target, tok = load_model_and_tokenizer(tiny_zoo.target_l, device="cpu", dtype=torch.float32)
    draft, _ = load_model_and_tokenizer(derived.out_dir, device="cpu", dtype=torch.float32)
    texts = [json.loads(line)["prompt"] for line in tiny_zoo.demo_prompts.read_text().splitlines()[:6]]
    prompts = [tok(t)["input_ids"] for t in texts]
    free = SpecDecoder(target, None).generate(prompts, SamplingParams(max_new_tokens=20))
    # An end-of-turn token some rows produce and others do not: rows stop at different steps.
    counts = Counter(t for o in free for t in set(o.token_ids))
    target.generation_config.eos_token_id = max(
        (t for t, c in counts.items() if c < len(prompts)), key=lambda t: counts[t]
    )
    outs = SpecDecoder(target, draft, k=4).generate(prompts, SamplingParams(max_new_tokens=20))
    eos = target.generation_config.eos_token_id
    for prompt, out in zip(prompts, outs, strict=True):
        ids = torch.tensor([prompt])
        ref = target.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=20)
        new = ref[0, len(prompt) :].tolist()
        new = new[: new.index(eos) + 1] if eos in new else new
        assert out.token_ids == new
    assert any(o.finish_reason == "stop" for o in outs) and any(o.finish_reason == "length" for o in outs)
    assert sum(o.stats.accepted_tokens for o in outs) > 0  # the draft is exercised, not bypassed


def test_truncation_depth_is_checked(tiny_zoo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="keeps 1..1 of its 2 layers, not 2"):
        truncate_layers(tiny_zoo.target_l, tmp_path / "d", 2)
