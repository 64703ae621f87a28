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


@pytest.fixture(scope="module")
def four_layer_target(tiny_zoo, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A random 4-layer Llama saved with the tiny zoo's tokenizer: a target deep enough for nested exits."""
    from transformers import AutoTokenizer

    from tests.factories import tiny_llama

    tok = AutoTokenizer.from_pretrained(tiny_zoo.tokenizer)
    out = tmp_path_factory.mktemp("target4") / "target"
    model = tiny_llama(5, len(tok), layers=4, eos=tok.eos_token_id, double=False)
    with torch.no_grad():
        model.lm_head.weight.mul_(8.0)  # sharper exits: top probabilities of 0.015-0.03 over 512 tokens
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def test_sorted_draft_from_layers_nests_the_targets_first_layers(four_layer_target, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.drafts.derive import sorted_from_layers
    from models.drafts.sorted import load_sorted_draft

    derived = sorted_from_layers(four_layer_target, tmp_path / "sorted", (1, 2, 3))
    draft = load_sorted_draft(derived.out_dir)
    assert draft.exits == (1, 2, 3) and draft.num_layers == 3
    info = json.loads((derived.out_dir / "specq_derived.json").read_text())
    assert (info["kind"], info["exits"], info["of"]) == ("sorted", [1, 2, 3], 4)
    ids = torch.tensor([[5, 9, 2, 7, 7, 1]])
    exits = draft(ids)
    for depth, logits in zip((1, 2, 3), exits, strict=True):
        # Each exit is the truncated model of its depth, read by the target's own norm and head.
        truncated = truncate_layers(four_layer_target, tmp_path / f"l{depth}", depth).out_dir
        reference, _ = load_model_and_tokenizer(truncated, device="cpu", dtype=torch.float32)
        with torch.no_grad():
            torch.testing.assert_close(logits, reference(ids).logits, rtol=1e-4, atol=1e-4)


def test_sorted_draft_from_layers_decodes_losslessly(four_layer_target, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.drafts.derive import sorted_from_layers
    from models.drafts.sorted import SortedProposer, load_sorted_draft
    from tests.factories import greedy_reference

    derived = sorted_from_layers(four_layer_target, tmp_path / "sorted", (1, 3))
    target, _ = load_model_and_tokenizer(four_layer_target, device="cpu", dtype=torch.float32)
    prompts = [[3, 8, 1, 9], [12, 4], [7, 7, 7, 2, 5, 6], [20]]
    expected = [greedy_reference(target, p, 16) for p in prompts]
    proposer = SortedProposer(load_sorted_draft(derived.out_dir), [0.02, 0.0])  # both exits answer
    for batch in (1, len(prompts)):
        outs = []
        for i in range(0, len(prompts), batch):
            outs += SpecDecoder(target, proposer, k=3).generate(
                prompts[i : i + batch], SamplingParams(max_new_tokens=16)
            )
        assert [o.token_ids for o in outs] == expected
    stats = proposer.exit_stats()
    assert all(n > 0 for n in stats.tokens_per_exit)  # both exits answered some draft tokens
    assert sum(o.stats.accepted_tokens for o in outs) > 0


def test_sorted_draft_needs_a_llama_target(tmp_path: Path) -> None:
    from transformers import GPT2Config

    from models.drafts.derive import sorted_from_layers

    GPT2Config(n_layer=4).save_pretrained(tmp_path / "gpt2")
    with pytest.raises(ValueError, match="is 'gpt2': derive a truncated draft"):
        sorted_from_layers(tmp_path / "gpt2", tmp_path / "out", (1, 2))
