"""models.drafts.vocab: frequency-ranked draft heads (FR-Spec), draft logits in the target vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from transformers import AutoTokenizer

from models.drafts.model import DraftModelProposer
from models.drafts.vocab import (
    VOCAB_FILE,
    SubsetHead,
    frequency_ranked_ids,
    head_token_ids,
    load_vocab_subset,
    restrict_head,
    restricted_head,
    save_vocab_subset,
    to_target_vocab,
)
from models.engine.sampling import RowSampler, SamplingParams
from models.engine.speculative import SpecDecoder
from models.loading import load_draft
from tests.factories import greedy_reference, make_prompts, perturbed, tiny_llama

VOCAB = 64


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_to_target_vocab_scatters_a_subset_and_pads_a_narrow_head() -> None:
    logits = torch.tensor([[1.0, 2.0, 3.0]])
    out = to_target_vocab(logits, 6, torch.tensor([4, 0, 2]))
    assert out.tolist() == [[2.0, -torch.inf, 3.0, -torch.inf, 1.0, -torch.inf]]
    assert to_target_vocab(logits, 5).tolist() == [[1.0, 2.0, 3.0, -torch.inf, -torch.inf]]
    assert to_target_vocab(logits, 2).tolist() == [[1.0, 2.0]]


def test_restricted_head_scores_exactly_its_rows_of_the_full_head() -> None:
    model = tiny_llama(0, VOCAB)
    ids = torch.tensor([[3, 9, 1, 40, 7]])
    with torch.no_grad():
        full = model(ids).logits  # (1, 5, V)
    subset = [5, 63, 0, 17]
    embedding = model.get_input_embeddings().weight.clone()
    head, tied = model.get_output_embeddings(), model.config.tie_word_embeddings
    with restricted_head(model, subset) as cols:
        assert cols.tolist() == subset
        with torch.no_grad():
            part = model(ids).logits  # (1, 5, 4)
    torch.testing.assert_close(part, full[..., subset])
    # Put back as it was: the same full head module, the embedding unchanged.
    assert head_token_ids(model) is None and model.get_output_embeddings() is head
    assert model.config.tie_word_embeddings == tied
    assert torch.equal(model.model.embed_tokens.weight, embedding)
    restrict_head(model, subset)
    assert isinstance(model.get_output_embeddings(), SubsetHead)
    with pytest.raises(ValueError, match="already restricted"):
        restrict_head(model, subset)
    with pytest.raises(ValueError, match="distinct token ids"):
        restrict_head(tiny_llama(0, VOCAB), [1, 1])
    with pytest.raises(ValueError, match=r"ids must lie in 0\.\.63"):
        restrict_head(tiny_llama(0, VOCAB), [1, 64])


def test_frequency_ranking_puts_forced_then_frequent_then_low_ids() -> None:
    streams = [[5, 5, 9, 9, 9, 2], [5, 70, 2]]  # 70 is outside a 10-token vocabulary: ignored
    assert frequency_ranked_ids(streams, 4, vocab_size=10) == [5, 9, 2, 0]  # ties: lower id first
    assert frequency_ranked_ids(streams, 4, vocab_size=10, always=[7]) == [7, 5, 9, 2]
    assert frequency_ranked_ids(streams, 10, vocab_size=10)[3:] == [0, 1, 3, 4, 6, 7, 8]
    with pytest.raises(ValueError, match=r"1\.\.10 tokens"):
        frequency_ranked_ids(streams, 11, vocab_size=10)


def test_a_subset_draft_proposes_only_its_tokens_and_greedy_stays_lossless() -> None:
    target = tiny_llama(1, VOCAB)
    draft = perturbed(target, 0.3)
    prompts = make_prompts(6, VOCAB, seed=3)
    free = [greedy_reference(target, p, 16) for p in prompts]
    # The 24 tokens the target produces most, so that drafts get accepted, then low ids.
    subset = frequency_ranked_ids(free, 24, VOCAB)
    restrict_head(draft, subset)
    proposer = DraftModelProposer(draft, vocab_size=VOCAB)
    proposer.prefill(prompts)
    proposer.update(torch.zeros(6, dtype=torch.long), torch.tensor([p[-1] for p in prompts]))
    proposal = proposer.propose(
        4, RowSampler.from_params([SamplingParams(temperature=0.0)] * 6, "cpu", vocab_size=VOCAB)
    )
    assert set(proposal.tokens.flatten().tolist()) <= set(subset)

    outs = SpecDecoder(target, draft, k=3).generate(prompts, SamplingParams(max_new_tokens=16))
    assert [o.token_ids for o in outs] == free
    assert sum(o.stats.accepted_tokens for o in outs) > 0  # the draft is exercised, not bypassed


def test_a_subset_drafts_sampled_q_is_a_distribution_over_the_subset() -> None:
    target = tiny_llama(1, VOCAB)
    draft = restrict_head(perturbed(target, 0.3), [2, 30, 11, 50, 4])
    proposer = DraftModelProposer(draft, vocab_size=VOCAB)
    proposer.prefill([[1, 2, 3], [4, 5]])
    proposer.update(torch.zeros(2, dtype=torch.long), torch.tensor([6, 7]))
    params = [SamplingParams(temperature=1.0, seed=1)] * 2
    proposal = proposer.propose(3, RowSampler.from_params(params, "cpu", vocab_size=VOCAB))
    assert proposal.q is not None and proposal.q.shape == (2, 3, VOCAB)
    torch.testing.assert_close(proposal.q.sum(-1), torch.ones(2, 3, dtype=proposal.q.dtype))
    outside = torch.ones(VOCAB, dtype=torch.bool)
    outside[[2, 30, 11, 50, 4]] = False
    assert proposal.q[..., outside].abs().max() == 0
    assert set(proposal.tokens.flatten().tolist()) <= {2, 30, 11, 50, 4}


def test_load_draft_applies_the_subset_a_directory_records(tiny_zoo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tok = AutoTokenizer.from_pretrained(tiny_zoo.tokenizer)
    model = tiny_llama(2, len(tok), double=False)
    model.save_pretrained(tmp_path / "d")
    tok.save_pretrained(tmp_path / "d")
    assert head_token_ids(load_draft(tmp_path / "d", device="cpu").model) is None
    assert load_vocab_subset(tmp_path / "d") is None
    save_vocab_subset(tmp_path / "d", [4, 0, 9], "a test")
    loaded = load_draft(tmp_path / "d", device="cpu").model
    ids = head_token_ids(loaded)
    assert ids is not None and ids.tolist() == [4, 0, 9]
    (tmp_path / "d" / VOCAB_FILE).write_text('{"token_ids": "all"}')
    with pytest.raises(ValueError, match=r"specq_vocab\.json: expected"):
        load_draft(tmp_path / "d", device="cpu")
