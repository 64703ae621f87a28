"""Continuous batching, stop strings and mixed-draft batches: still lossless, still reproducible."""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterator

import pytest
import torch
from transformers import PreTrainedModel

from models.drafts.lookup import PromptLookupProposer
from models.drafts.sorted import SortedPreset, new_sorted_draft
from models.drafts.sorted import SortedProposer as SortedDraftProposer
from models.engine.speculative import Output, SamplingParams, SpecDecoder
from tests.factories import greedy_reference, perturbed, tiny_llama
from tests.factories import make_prompts as random_prompts

VOCAB = 61


@pytest.fixture(autouse=True, scope="module")
def _one_thread() -> Iterator[None]:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def llama(seed: int, layers: int = 2) -> PreTrainedModel:
    return tiny_llama(seed, VOCAB, layers=layers, max_positions=512)


def make_prompts(n: int, seed: int = 0, max_len: int = 12) -> list[list[int]]:
    return random_prompts(n, VOCAB, seed, max_len)


@pytest.fixture(scope="module")
def target() -> PreTrainedModel:
    return llama(0)


@pytest.fixture(scope="module")
def prompts() -> list[list[int]]:
    return make_prompts(12, seed=1)


@pytest.fixture(scope="module")
def budgets() -> list[int]:
    return [3, 17, 1, 9, 24, 5, 12, 2, 20, 7, 15, 4]


@pytest.fixture(scope="module")
def expected(target: PreTrainedModel, prompts: list[list[int]], budgets: list[int]) -> list[list[int]]:
    return [greedy_reference(target, p, m) for p, m in zip(prompts, budgets, strict=True)]


def drain(session: object) -> dict[Hashable, Output]:
    return dict(session.run())  # type: ignore[attr-defined]


@pytest.mark.parametrize("draft_kind", ["model", "lookup", "none"])
def test_rows_join_as_others_finish_and_stay_greedy_exact(
    target: PreTrainedModel,
    prompts: list[list[int]],
    budgets: list[int],
    expected: list[list[int]],
    draft_kind: str,
) -> None:
    draft = {"model": perturbed(target, 0.3), "lookup": PromptLookupProposer(), "none": None}[draft_kind]
    session = SpecDecoder(target, draft, k=3).session(max_rows=4)
    for i, (p, m) in enumerate(zip(prompts, budgets, strict=True)):
        session.add(i, p, SamplingParams(max_new_tokens=m))
    order: list[Hashable] = []
    outs: dict[Hashable, Output] = {}
    while session.has_work():
        assert session.num_running <= 4
        for rid, out in session.step():
            order.append(rid)
            outs[rid] = out
    assert [outs[i].token_ids for i in range(12)] == expected
    # Rows came back as they finished, not in submission order: short budgets first.
    assert order != list(range(12))
    assert order.index(2) < order.index(4)  # budget 1 before budget 24


def test_prompts_added_while_running(
    target: PreTrainedModel, prompts: list[list[int]], budgets: list[int], expected: list[list[int]]
) -> None:
    dec = SpecDecoder(target, perturbed(target, 0.3), k=4)
    session = dec.session()
    for i in range(4):
        session.add(i, prompts[i], SamplingParams(max_new_tokens=budgets[i]))
    outs: dict[Hashable, Output] = {}
    for step in range(40):
        if step in (1, 3, 6):  # three waves join rows already part-way through
            for i in range({1: 4, 3: 7, 6: 10}[step], {1: 7, 3: 10, 6: 12}[step]):
                session.add(i, prompts[i], SamplingParams(max_new_tokens=budgets[i]))
        outs.update(session.step())
    outs.update(drain(session))
    assert [outs[i].token_ids for i in range(12)] == expected
    for o in outs.values():
        assert o.stats.verify_seconds > 0
        assert sum(o.stats.accepted_per_position) == o.stats.accepted_tokens <= o.stats.drafted_tokens
        assert len(o.token_ids) <= 1 + o.stats.steps + o.stats.accepted_tokens


def test_generate_is_one_session_with_the_same_outputs(
    target: PreTrainedModel, prompts: list[list[int]], budgets: list[int], expected: list[list[int]]
) -> None:
    outs = SpecDecoder(target, perturbed(target, 0.3), k=2).generate(
        prompts, [SamplingParams(max_new_tokens=m) for m in budgets]
    )
    assert [o.token_ids for o in outs] == expected


def test_seeded_sampling_does_not_depend_on_neighbours_or_join_time(
    target: PreTrainedModel, prompts: list[list[int]]
) -> None:
    dec = SpecDecoder(target, perturbed(target, 0.3), k=3)
    mine = SamplingParams(max_new_tokens=20, temperature=0.9, top_p=0.95, seed=42)
    alone = dec.generate([prompts[5]], [mine])[0].token_ids
    # Now among other rows (greedy and sampled, other seeds), joining at step 0, 2 and 5 of a session.
    for join_at, max_rows in ((0, None), (2, None), (5, 3)):
        session = dec.session(max_rows=max_rows)
        for i in range(4):
            params = SamplingParams(max_new_tokens=6 + 3 * i, temperature=0.0 if i % 2 else 1.0, seed=i)
            session.add(("other", i), prompts[i], params)
        outs: dict[Hashable, Output] = {}
        for _ in range(join_at):
            outs.update(session.step())
        session.add("mine", prompts[5], mine)
        outs.update(drain(session))
        assert outs["mine"].token_ids == alone, (join_at, max_rows)
    other_seed = dec.generate([prompts[5]], [SamplingParams(max_new_tokens=20, temperature=0.9, seed=7)])
    assert other_seed[0].token_ids != alone


def test_token_budget_bounds_admission(target: PreTrainedModel, prompts: list[list[int]]) -> None:
    dec = SpecDecoder(target, None)
    session = dec.session(token_budget=40)
    params = SamplingParams(max_new_tokens=10)
    for i, p in enumerate(prompts):
        session.add(i, p, params)
    most = 0
    outs: dict[Hashable, Output] = {}
    while session.has_work():
        outs.update(session.step())
        in_flight = sum(len(r.prompt) + r.params.max_new_tokens for r in session.rows.requests)
        assert in_flight <= 40
        most = max(most, session.num_running)
    assert len(outs) == len(prompts) and 1 < most < len(prompts)
    with pytest.raises(ValueError, match="more than the session's token_budget 40"):
        session.add("big", [1] * 35, params)
    with pytest.raises(ValueError, match="unknown draft 'nope'"):
        session.add("x", [1], params, draft="nope")
    session.add("dup", [1], params)
    with pytest.raises(ValueError, match="already in this session"):
        session.add("dup", [2], params)


def test_one_running_session_per_decoder(target: PreTrainedModel) -> None:
    dec = SpecDecoder(target, None)
    first = dec.session()
    first.add(0, [1, 2], SamplingParams(max_new_tokens=3))
    with pytest.raises(RuntimeError, match="already has a running session"):
        dec.session()
    drain(first)
    dec.session()  # the first one is done: a new one may start


# ------------------------------------------------------------------------------------ stop strings

PIECES = [chr(ord("a") + t % 26) * (1 + t % 3) for t in range(VOCAB)]  # 1-3 letters per token


def detok(ids: list[int]) -> str:
    return "".join(PIECES[t] for t in ids)


def test_stop_strings_end_the_row_where_the_text_first_contains_them(
    target: PreTrainedModel, prompts: list[list[int]]
) -> None:
    free = [greedy_reference(target, p, 30) for p in prompts[:6]]
    # A stop string straddling two tokens: the last letter of token j and the first of token j+1.
    stops, cuts = [], []
    for f in free:
        j = 6
        stop = PIECES[f[j]][-1] + PIECES[f[j + 1]][0]
        m = next(m for m in range(1, 31) if stop in detok(f[:m]))  # first token whose text holds it
        stops.append(stop)
        cuts.append(m)
    # The same target as draft accepts every token, so a stop string falls inside one step's run.
    for draft in (copy.deepcopy(target), perturbed(target, 0.3), None):
        dec = SpecDecoder(target, draft, k=4, detokenize=detok)
        session = dec.session(max_rows=3)
        for i, p in enumerate(prompts[:6]):
            session.add(i, p, SamplingParams(max_new_tokens=30, stop=[stops[i], "zzzzzzzzz"]))
        outs = drain(session)
        for i in range(6):
            o = outs[i]
            assert o.token_ids == free[i][: cuts[i]]  # nothing decoded after the stop is returned
            assert o.finish_reason == "stop"
            text = detok(free[i][: cuts[i]])
            assert o.text == text[: text.index(stops[i])]
    # Without a detokenizer a stop string is refused by name, not ignored.
    with pytest.raises(ValueError, match="no detokenizer"):
        SpecDecoder(target, None).session().add(0, [1], SamplingParams(stop=["x"]))
    with pytest.raises(ValueError, match="non-empty strings"):
        SamplingParams(stop=[""])


# ----------------------------------------------------------------------------- mixed-draft batches


def test_three_drafts_in_one_ragged_batch_are_lossless(
    target: PreTrainedModel, prompts: list[list[int]], budgets: list[int], expected: list[list[int]]
) -> None:
    torch.manual_seed(3)
    preset = SortedPreset(
        hidden_size=32,
        exits=(1, 2),
        num_heads=4,
        num_kv_heads=2,
        intermediate_size=64,
        seq_len=16,
        batch_size=1,
        steps=0,
        lr=0.0,
    )
    sorted_draft = new_sorted_draft(VOCAB, preset).double().eval()
    dec = SpecDecoder(
        target,
        None,  # rows that name no draft decode plainly, in the same batch
        drafts={
            "model": (perturbed(target, 0.3), 4),
            "lookup": (PromptLookupProposer(), 2),
            "sorted": (SortedDraftProposer(sorted_draft), 3),
            "auto": (perturbed(target, 0.2, seed=9), "auto"),
        },
    )
    names = ["model", "lookup", "sorted", None, "auto"]
    for max_rows in (None, 5):
        session = dec.session(max_rows=max_rows)
        for i, (p, m) in enumerate(zip(prompts, budgets, strict=True)):
            session.add(i, p, SamplingParams(max_new_tokens=m), draft=names[i % 5], task=f"t{i % 2}")
        outs = drain(session)
        assert [outs[i].token_ids for i in range(12)] == expected
        for i, o in outs.items():
            assert isinstance(i, int)
            k = {"model": 4, "lookup": 2, "sorted": 3, None: 0, "auto": 8}[names[i % 5]]
            assert len(o.stats.accepted_per_position) == k
            if names[i % 5] is None:
                assert o.stats.drafted_tokens == 0
    # The adaptive draft learned per (task, draft).
    assert {key for key in dec.policies} == {("t0", "auto"), ("t1", "auto")}


def test_mixed_drafts_keep_seeded_sampling_per_row(target: PreTrainedModel, prompts: list[list[int]]) -> None:
    dec = SpecDecoder(
        target, None, drafts={"model": (perturbed(target, 0.3), 3), "lookup": (PromptLookupProposer(), 2)}
    )
    mine = SamplingParams(max_new_tokens=16, temperature=1.0, seed=5)
    session = dec.session()
    session.add("mine", prompts[0], mine, draft="model")
    alone = drain(session)["mine"].token_ids
    session = dec.session()
    for i in range(1, 6):
        session.add(i, prompts[i], SamplingParams(max_new_tokens=10, temperature=1.0, seed=i), draft="lookup")
    session.step()
    session.add("mine", prompts[0], mine, draft="model")
    assert drain(session)["mine"].token_ids == alone


def test_priority_rows_join_a_full_batch_at_the_next_step_and_stay_exact(
    target: PreTrainedModel, prompts: list[list[int]]
) -> None:
    session = SpecDecoder(target, perturbed(target, 0.3), k=3).session(max_rows=2, priority_rows=1)
    for i in range(4):  # two run, two wait
        session.add(("bulk", i), prompts[i], SamplingParams(max_new_tokens=20))
    outs: dict[Hashable, Output] = dict(session.step())
    assert (session.num_running, session.num_waiting) == (2, 2)
    session.add("first", prompts[5], SamplingParams(max_new_tokens=4), priority=True)
    session.add("second", prompts[6], SamplingParams(max_new_tokens=4), priority=True)
    order: list[Hashable] = []
    for rid, out in session.step():  # "first" joins the full batch now, in the reserved row
        order.append(rid)
        outs[rid] = out
    assert session.num_running == 3 and [r.id for r in session.waiting][0] == "second"
    while session.has_work():
        bulk_running = sum(1 for r in session.rows.requests if not r.priority)
        assert bulk_running <= 2 and session.num_running <= 3
        for rid, out in session.step():
            order.append(rid)
            outs[rid] = out
    # Both priority prompts finished before either waiting bulk prompt was even admitted.
    assert order.index("second") < order.index(("bulk", 2))
    assert order.index("first") < order.index(("bulk", 0))
    for rid, prompt, m in (("first", prompts[5], 4), ("second", prompts[6], 4)):
        assert outs[rid].token_ids == greedy_reference(target, prompt, m)
    assert [outs[("bulk", i)].token_ids for i in range(4)] == [
        greedy_reference(target, prompts[i], 20) for i in range(4)
    ]
    with pytest.raises(ValueError, match="priority_rows must be >= 0"):
        SpecDecoder(target, None).session(priority_rows=-1)
