"""Proposers: prompt lookup finds continuations; a draft model's cache stays exact through rollbacks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch
from transformers import PreTrainedModel

from models.drafts.lookup import PromptLookupProposer
from models.drafts.model import DraftModelProposer
from models.engine.proposer import JoinableProposer, Proposer
from models.engine.sampling import RowSampler, SamplingParams
from tests.factories import tiny_llama

VOCAB = 53


@pytest.fixture(autouse=True, scope="module")
def _one_thread() -> Iterator[None]:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def llama(seed: int, vocab: int = VOCAB) -> PreTrainedModel:
    return tiny_llama(seed, vocab)


def greedy(n: int) -> RowSampler:
    return RowSampler.from_params([SamplingParams()] * n, "cpu")


def sampling(n: int) -> RowSampler:
    return RowSampler.from_params([SamplingParams(temperature=1.0, seed=i) for i in range(n)], "cpu")


def test_both_proposers_satisfy_the_protocol() -> None:
    assert isinstance(PromptLookupProposer(), Proposer)
    assert isinstance(DraftModelProposer(llama(0)), Proposer)


def test_prompt_lookup_continues_the_latest_match_per_row() -> None:
    lookup = PromptLookupProposer(max_ngram=2, min_ngram=1)
    lookup.prefill([[1, 2, 3, 4, 9, 1, 2], [5, 6, 7, 5, 6], [8, 9]])
    lookup.update(torch.zeros(3, dtype=torch.long), torch.tensor([3, 7, 10]))  # the target's first tokens
    proposal = lookup.propose(3, greedy(3))
    assert proposal.q is None
    # Row 0 ends "2 3": earlier "2 3" at index 1 -> continue with 4 9 1.
    # Row 1 ends "6 7": earlier "6 7" at index 1 -> 5 6 7 (clipped at the context's end: 5 6 7).
    # Row 2 ends "9 10": no match at all -> repeat the last token.
    assert proposal.tokens.tolist() == [[4, 9, 1], [5, 6, 7], [10, 10, 10]]


def test_prompt_lookup_learns_from_accepted_tokens_and_drops_rows() -> None:
    lookup = PromptLookupProposer(max_ngram=3, min_ngram=2)
    lookup.prefill([[1, 2, 3, 1, 2], [4, 5, 6]])
    lookup.update(torch.zeros(2, dtype=torch.long), torch.tensor([3, 4]))
    assert lookup.propose(2, greedy(2)).tokens.tolist() == [[1, 2], [4, 4]]
    # Row 0 accepts one proposed token, row 1 none; then each gets its correction.
    lookup.update(torch.tensor([1, 0]), torch.tensor([2, 7]))
    assert lookup.length.tolist() == [8, 5]
    assert lookup.history[0, :8].tolist() == [1, 2, 3, 1, 2, 3, 1, 2]
    assert lookup.history[1, :5].tolist() == [4, 5, 6, 4, 7]
    lookup.keep_rows(torch.tensor([0]))
    assert lookup.propose(3, greedy(1)).tokens.tolist() == [[3, 1, 2]]  # "3 1 2" also at index 2


def test_prompt_lookup_grows_its_history_without_bound() -> None:
    lookup = PromptLookupProposer()
    lookup.prefill([[7]])
    lookup.update(torch.zeros(1, dtype=torch.long), torch.tensor([8]))
    for step in range(200):
        proposal = lookup.propose(4, greedy(1))
        assert proposal.tokens.shape == (1, 4)
        lookup.update(torch.tensor([step % 5]), torch.tensor([step % 50]))
    assert int(lookup.length[0]) == 2 + sum(step % 5 + 1 for step in range(200))


def fresh_first_distribution(model: PreTrainedModel, contexts: list[list[int]]) -> torch.Tensor:
    """q of the first draft token computed from scratch: (B, V)."""
    proposer = DraftModelProposer(model)
    proposer.prefill([c[:-1] for c in contexts])
    proposer.update(torch.zeros(len(contexts), dtype=torch.long), torch.tensor([c[-1] for c in contexts]))
    q = proposer.propose(1, sampling(len(contexts))).q
    assert q is not None
    return q[:, 0]


def test_draft_cache_after_rollbacks_equals_a_fresh_prefill() -> None:
    """Random acceptance patterns, rows leaving: the draft's next distribution is still exact."""
    model = llama(1)
    g = torch.Generator().manual_seed(0)
    contexts = [torch.randint(0, VOCAB, (n,), generator=g).tolist() for n in (3, 9, 1, 6)]
    proposer = DraftModelProposer(model)
    proposer.prefill(contexts)
    first = torch.randint(0, VOCAB, (4,), generator=g)
    proposer.update(torch.zeros(4, dtype=torch.long), first)
    contexts = [c + [int(t)] for c, t in zip(contexts, first, strict=True)]
    rows = list(range(4))
    for step, k in enumerate([3, 1, 4, 2, 4, 3]):
        proposal = proposer.propose(k, sampling(len(rows)) if step % 2 else greedy(len(rows)))
        n = torch.randint(0, k + 1, (len(rows),), generator=g)
        if step == 2:
            n[0] = k  # make sure the all-accepted path (the last draft token is never fed) is taken
        nxt = torch.randint(0, VOCAB, (len(rows),), generator=g)
        proposer.update(n, nxt)
        for i in range(len(rows)):
            contexts[i] += proposal.tokens[i, : int(n[i])].tolist() + [int(nxt[i])]
        if step == 3:  # row 1 finishes
            keep = torch.tensor([0, 2, 3])
            proposer.keep_rows(keep)
            contexts = [contexts[i] for i in keep.tolist()]
            rows = [rows[i] for i in keep.tolist()]
        q = proposer.propose(1, sampling(len(rows))).q
        assert q is not None
        assert torch.allclose(q[:, 0], fresh_first_distribution(model, contexts), atol=1e-10)
        proposer.update(torch.zeros(len(rows), dtype=torch.long), torch.tensor([c[-1] for c in contexts]))
        # That probe fed one extra token; mirror it so contexts stay in sync.
        contexts = [c + [c[-1]] for c in contexts]


def test_plain_steps_queue_tokens_for_the_draft() -> None:
    """update() without a proposal (k = 0 steps) queues tokens; the next propose feeds them all."""
    model = llama(2)
    proposer = DraftModelProposer(model)
    proposer.prefill([[1, 2], [3]])
    for t in ([4, 5], [6, 7], [8, 9]):
        proposer.update(torch.zeros(2, dtype=torch.long), torch.tensor(t))
    q = proposer.propose(2, sampling(2)).q
    assert q is not None
    assert torch.allclose(
        q[:, 0], fresh_first_distribution(model, [[1, 2, 4, 6, 8], [3, 5, 7, 9]]), atol=1e-10
    )


def test_greedy_draft_proposes_its_own_greedy_continuation() -> None:
    model = llama(3)
    proposer = DraftModelProposer(model)
    proposer.prefill([[5, 6, 7]])
    proposer.update(torch.zeros(1, dtype=torch.long), torch.tensor([8]))
    proposal = proposer.propose(5, greedy(1))
    assert proposal.q is None
    expected = model.generate(torch.tensor([[5, 6, 7, 8]]), do_sample=False, max_new_tokens=5, pad_token_id=0)
    assert proposal.tokens[0].tolist() == expected[0, 4:].tolist()


def test_draft_with_a_smaller_vocabulary_proposes_within_the_target_vocabulary() -> None:
    draft = llama(4, vocab=VOCAB - 3)
    proposer = DraftModelProposer(draft, vocab_size=VOCAB)
    proposer.prefill([[1, 2, 3]])
    proposer.update(torch.zeros(1, dtype=torch.long), torch.tensor([4]))
    q = proposer.propose(2, sampling(1)).q
    assert q is not None and q.shape == (1, 2, VOCAB)
    assert torch.all(q[..., VOCAB - 3 :] == 0)
    assert torch.allclose(q.sum(-1), torch.ones(1, 2, dtype=q.dtype))


def test_propose_before_update_is_an_error() -> None:
    proposer = DraftModelProposer(llama(0))
    proposer.prefill([[1, 2]])
    with pytest.raises(RuntimeError, match="before update"):
        proposer.propose(2, greedy(1))


def test_sampler_per_row_streams_and_top_p() -> None:
    params = [SamplingParams(temperature=1.0, seed=3), SamplingParams(temperature=1.0, top_p=0.5, seed=4)]
    a = RowSampler.from_params(params, "cpu").uniform(5)
    b = RowSampler.from_params(params[::-1], "cpu").uniform(5)
    assert torch.equal(a, b.flip(0))  # a row's stream depends on its seed only
    logits = torch.tensor([[[2.0, 1.0, 0.0, -1.0]]]).repeat(2, 1, 1)
    probs = RowSampler.from_params(params, "cpu").probs(logits)
    assert torch.all(probs[0] > 0)
    assert probs[1, 0, 1:].sum() == 0 and probs[1, 0, 0] == 1  # top-p 0.5 keeps only the top token here
    greedy_probs = RowSampler.from_params([SamplingParams()], "cpu").probs(logits[:1])
    assert greedy_probs[0, 0].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_rows_added_to_a_running_draft_cache_stay_exact() -> None:
    """Continuous batching: add_rows between steps (after all-accepted steps, so the running rows
    have two pending tokens and the new ones one) keeps every row's next distribution exact."""
    model = llama(5)
    assert isinstance(DraftModelProposer(model), JoinableProposer)
    assert isinstance(PromptLookupProposer(), JoinableProposer)
    g = torch.Generator().manual_seed(1)
    contexts = [torch.randint(0, VOCAB, (n,), generator=g).tolist() for n in (4, 2)]
    proposer = DraftModelProposer(model)
    proposer.prefill(contexts)
    first = torch.randint(0, VOCAB, (2,), generator=g)
    proposer.update(torch.zeros(2, dtype=torch.long), first)
    contexts = [c + [int(t)] for c, t in zip(contexts, first, strict=True)]
    for step, joining in enumerate([[[7, 8, 9, 10, 11, 12]], [[3], [5, 6]]]):
        proposal = proposer.propose(3, greedy(len(contexts)))
        n = torch.full((len(contexts),), 3, dtype=torch.long)  # all accepted: the last draft is still unfed
        n[0] = step  # and one row with a rejection
        nxt = torch.randint(0, VOCAB, (len(contexts),), generator=g)
        proposer.update(n, nxt)
        for i in range(len(contexts)):
            contexts[i] += proposal.tokens[i, : int(n[i])].tolist() + [int(nxt[i])]
        first = torch.randint(0, VOCAB, (len(joining),), generator=g)
        proposer.add_rows(joining, first)
        contexts += [c + [int(t)] for c, t in zip(joining, first, strict=True)]
        q = proposer.propose(1, sampling(len(contexts))).q
        assert q is not None
        assert torch.allclose(q[:, 0], fresh_first_distribution(model, contexts), atol=1e-10)
        proposer.update(torch.zeros(len(contexts), dtype=torch.long), torch.tensor([c[-1] for c in contexts]))
        contexts = [c + [c[-1]] for c in contexts]
    # A row leaving, then joining the same cache again, and prompt lookup learning its new rows.
    proposer.keep_rows(torch.tensor([1, 3]))
    contexts = [contexts[1], contexts[3]]
    proposer.add_rows([[4, 4, 4]], torch.tensor([2]))
    contexts.append([4, 4, 4, 2])
    q = proposer.propose(1, sampling(3)).q
    assert q is not None
    assert torch.allclose(q[:, 0], fresh_first_distribution(model, contexts), atol=1e-10)
    lookup = PromptLookupProposer(max_ngram=2)
    lookup.prefill([[1, 2, 3, 1]])
    lookup.update(torch.zeros(1, dtype=torch.long), torch.tensor([2]))
    lookup.add_rows([[6, 7, 8, 9, 6]], torch.tensor([7]))
    assert lookup.propose(2, greedy(2)).tokens.tolist() == [[3, 1], [8, 9]]
