"""The speculative engine is lossless: exact greedy equality and the right sampling distribution."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator

import pytest
import torch
from scipy.stats import chisquare
from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedModel
from transformers.generation.logits_process import TemperatureLogitsWarper, TopPLogitsWarper

from models.drafts.lookup import PromptLookupProposer
from models.drafts.vocab import restrict_head
from models.engine.speculative import (
    SamplingParams,
    SpecDecoder,
    accept_greedy,
    accept_sampled,
    correction_distribution,
)
from tests.factories import greedy_reference, perturbed, tiny_llama
from tests.factories import make_prompts as random_prompts

VOCAB = 61


@pytest.fixture(autouse=True, scope="module")
def _one_thread() -> Iterator[None]:
    # Tiny models gain nothing from intra-op threads, and on a busy machine their spin-waits cost 10-30x.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def llama(seed: int, vocab: int = VOCAB, layers: int = 2) -> PreTrainedModel:
    return tiny_llama(seed, vocab, layers=layers)


def gpt2(seed: int, vocab: int = VOCAB) -> PreTrainedModel:
    torch.manual_seed(seed)
    config = GPT2Config(
        vocab_size=vocab,
        n_embd=32,
        n_layer=2,
        n_head=4,
        n_positions=256,
        bos_token_id=None,
        eos_token_id=None,
    )
    model = GPT2LMHeadModel(config).double().eval()
    model.generation_config.eos_token_id = None
    model.generation_config.bos_token_id = None
    return model


def make_prompts(n: int, seed: int = 0, max_len: int = 12) -> list[list[int]]:
    return random_prompts(n, VOCAB, seed, max_len)


@pytest.fixture(scope="module")
def target() -> PreTrainedModel:
    return llama(0)


@pytest.fixture(scope="module")
def prompts16() -> list[list[int]]:
    return make_prompts(16)


@pytest.fixture(scope="module")
def expected16(target: PreTrainedModel, prompts16: list[list[int]]) -> list[list[int]]:
    return [greedy_reference(target, p, 24) for p in prompts16]


@pytest.mark.parametrize("draft_kind", ["same", "random", "perturbed", "none", "lookup"])
@pytest.mark.parametrize("k", [1, 4])
def test_greedy_equals_target_generate(
    target: PreTrainedModel,
    prompts16: list[list[int]],
    expected16: list[list[int]],
    draft_kind: str,
    k: int,
) -> None:
    draft = {
        "same": target,
        "random": llama(1),
        "perturbed": perturbed(target, 0.3),
        "none": None,
        "lookup": PromptLookupProposer(),
    }[draft_kind]
    outs = SpecDecoder(target, draft, k=k).generate(prompts16, SamplingParams(max_new_tokens=24))
    assert [o.token_ids for o in outs] == expected16
    assert all(o.finish_reason == "length" for o in outs)
    accepted = sum(o.stats.accepted_tokens for o in outs)
    drafted = sum(o.stats.drafted_tokens for o in outs)
    if draft_kind == "same":
        assert accepted == drafted > 0
    elif draft_kind == "random":
        assert accepted < 0.2 * drafted
    elif draft_kind == "perturbed":
        assert 0.2 * drafted < accepted < drafted
    elif draft_kind == "none":
        assert drafted == 0


@pytest.mark.parametrize("size", [1, 2, 3, 7, 16])
def test_ragged_batches_of_every_size(
    target: PreTrainedModel, prompts16: list[list[int]], expected16: list[list[int]], size: int
) -> None:
    draft = perturbed(target, 0.3)
    rows = list(range(16 - size, 16))
    outs = SpecDecoder(target, draft, k=3).generate(
        [prompts16[i] for i in rows], SamplingParams(max_new_tokens=24)
    )
    assert [o.token_ids for o in outs] == [expected16[i] for i in rows]


def test_gpt2_architecture() -> None:
    target, prompts = gpt2(0), make_prompts(6, seed=3)
    expected = [greedy_reference(target, p, 20) for p in prompts]
    for draft in (target, gpt2(1), perturbed(target, 0.3), None, PromptLookupProposer()):
        outs = SpecDecoder(target, draft, k=3).generate(prompts, SamplingParams(max_new_tokens=20))
        assert [o.token_ids for o in outs] == expected


def _other_architecture(name: str, seed: int, window: int = 4) -> PreTrainedModel:
    import transformers

    small = {"vocab_size": VOCAB, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4}
    configs = {
        "qwen2": lambda: transformers.Qwen2Config(**small, intermediate_size=64, num_key_value_heads=2),
        "mistral": lambda: transformers.MistralConfig(
            **small, intermediate_size=64, num_key_value_heads=2, sliding_window=None
        ),
        "gpt_neox": lambda: transformers.GPTNeoXConfig(**small, intermediate_size=64),
        "opt": lambda: transformers.OPTConfig(**small, ffn_dim=64, word_embed_proj_dim=32),
        "gemma": lambda: transformers.GemmaConfig(
            **small, intermediate_size=64, num_key_value_heads=2, head_dim=8
        ),
        "phi3": lambda: transformers.Phi3Config(
            **small, intermediate_size=64, num_key_value_heads=2, pad_token_id=None
        ),
        # ALiBi: its eager attention makes fully masked pad queries NaN, so it is prefilled right-padded.
        "bloom": lambda: transformers.BloomConfig(vocab_size=VOCAB, hidden_size=32, n_layer=2, n_head=4),
        "falcon": lambda: transformers.FalconConfig(**small, alibi=False),
        "falcon_alibi": lambda: transformers.FalconConfig(**small, alibi=True),
        "falcon_new": lambda: transformers.FalconConfig(
            **small, new_decoder_architecture=True, num_kv_heads=2
        ),
        # Sliding-window attention: exact inside the window, refused beyond (see the test below).
        "mistral_window": lambda: transformers.MistralConfig(
            **small, intermediate_size=64, num_key_value_heads=2, sliding_window=window
        ),
        "gemma3": lambda: transformers.Gemma3TextConfig(
            **small,
            intermediate_size=64,
            num_key_value_heads=2,
            head_dim=8,
            sliding_window=window,
            layer_types=["sliding_attention", "full_attention"],
        ),
    }
    config = configs[name]()
    config.eos_token_id = config.bos_token_id = None
    torch.manual_seed(seed)
    model = transformers.AutoModelForCausalLM.from_config(config).double().eval()
    model.generation_config.eos_token_id = None
    return model


@pytest.mark.parametrize(
    "arch",
    ["qwen2", "mistral", "gpt_neox", "opt", "gemma", "phi3", "bloom", "falcon", "falcon_alibi", "falcon_new"],
)
def test_other_decoder_only_architectures(arch: str) -> None:
    target, prompts = _other_architecture(arch, 0), make_prompts(6, seed=9)
    expected = [greedy_reference(target, p, 12) for p in prompts]
    assert len({len(p) for p in prompts}) > 2  # padded rows, not just one length
    for draft in (_other_architecture(arch, 1), PromptLookupProposer(), None):
        outs = SpecDecoder(target, draft, k=3).generate(prompts, SamplingParams(max_new_tokens=12))
        assert [o.token_ids for o in outs] == expected
        # Continuous batching: rows join a running batch (caches merged) as others finish.
        session = SpecDecoder(target, draft, k=3).session(max_rows=2)
        for i, p in enumerate(prompts):
            session.add(i, p, SamplingParams(max_new_tokens=12 - i))
        outs_by_id = dict(session.run())
        assert [outs_by_id[i].token_ids for i in range(len(prompts))] == [
            e[: 12 - i] for i, e in enumerate(expected)
        ]


@pytest.mark.parametrize("arch", ["mistral_window", "gemma3"])
def test_sliding_window_models_are_exact_inside_the_window_and_refuse_the_rest(arch: str) -> None:
    from models.engine.speculative import UnsupportedModelError

    # A window too small to serve anything is refused at construction, by name.
    with pytest.raises(UnsupportedModelError, match="sliding_window=4.*counts cache columns"):
        SpecDecoder(_other_architecture(arch, 0, window=4), None)
    # A window of 64: rows whose columns (holes included) stay inside it decode exactly.
    target, prompts = _other_architecture(arch, 0, window=64), make_prompts(6, seed=9)
    expected = [greedy_reference(target, p, 8) for p in prompts]
    for draft in (_other_architecture(arch, 1, window=64), PromptLookupProposer(), None):
        dec = SpecDecoder(target, draft, k=3)
        session = dec.session(max_rows=3)
        for i, p in enumerate(prompts):
            session.add(i, p, SamplingParams(max_new_tokens=8))
        outs = dict(session.run())
        assert [outs[i].token_ids for i in range(len(prompts))] == expected
        # A request that could leave the window is refused by name, not decoded inexactly.
        with pytest.raises(ValueError, match="sliding-attention window of 64"):
            dec.session().add("long", prompts[0], SamplingParams(max_new_tokens=63))


def test_eos_inside_batch_and_rows_finishing_at_different_steps(target: PreTrainedModel) -> None:
    prompts = make_prompts(10, seed=5)
    free = SpecDecoder(target, None).generate(prompts, SamplingParams(max_new_tokens=30))
    # Pick as eos a token that some rows produce early and others never: rows stop at different steps.
    counts: dict[int, int] = {}
    for o in free:
        for t in set(o.token_ids):
            counts[t] = counts.get(t, 0) + 1
    eos = max((t for t, c in counts.items() if c < len(prompts)), key=lambda t: counts[t])
    model = copy.deepcopy(target)
    model.generation_config.eos_token_id = eos
    expected = [greedy_reference(model, p, 30) for p in prompts]
    assert len({len(e) for e in expected}) > 2  # rows really finish at different steps
    for draft in (perturbed(model, 0.3), model, PromptLookupProposer()):
        outs = SpecDecoder(model, draft, k=4).generate(prompts, SamplingParams(max_new_tokens=30))
        assert [o.token_ids for o in outs] == expected
        for o in outs:
            assert o.finish_reason == ("stop" if o.token_ids[-1] == eos else "length")
            assert (o.finish_reason == "stop") == (eos in o.token_ids)


def test_stop_token_ids_per_request(target: PreTrainedModel, prompts16: list[list[int]]) -> None:
    free = SpecDecoder(target, None).generate(prompts16[:4], SamplingParams(max_new_tokens=20))
    stop = free[0].token_ids[5]
    params = [SamplingParams(max_new_tokens=20, stop_token_ids=[stop])] + [
        SamplingParams(max_new_tokens=20)
    ] * 3
    outs = SpecDecoder(target, perturbed(target, 0.3), k=4).generate(prompts16[:4], params)
    first = free[0].token_ids.index(stop)
    assert outs[0].token_ids == free[0].token_ids[: first + 1] and outs[0].finish_reason == "stop"
    assert [o.token_ids for o in outs[1:]] == [o.token_ids for o in free[1:]]


def test_edge_cases(target: PreTrainedModel, expected16: list[list[int]], prompts16: list[list[int]]) -> None:
    draft = perturbed(target, 0.3)
    # max_new_tokens=1: the prefill alone answers.
    outs = SpecDecoder(target, draft, k=4).generate(prompts16, SamplingParams(max_new_tokens=1))
    assert [o.token_ids for o in outs] == [e[:1] for e in expected16]
    assert all(o.stats.steps == 0 for o in outs)
    # One-token prompt, alone and among longer ones; budgets not a multiple of k+1.
    one = [[5]]
    expected_one = greedy_reference(target, [5], 11)
    assert (
        SpecDecoder(target, draft, k=1).generate(one, SamplingParams(max_new_tokens=11))[0].token_ids
        == expected_one
    )
    mixed = SpecDecoder(target, draft, k=4).generate(one + prompts16[:3], SamplingParams(max_new_tokens=11))
    assert [o.token_ids for o in mixed] == [expected_one] + [e[:11] for e in expected16[:3]]
    # Per-request budgets: rows leave at different steps.
    params = [SamplingParams(max_new_tokens=m) for m in (1, 2, 5, 9, 24)]
    outs = SpecDecoder(target, draft, k=3).generate(prompts16[:5], params)
    assert [o.token_ids for o in outs] == [
        e[:m] for e, m in zip(expected16[:5], (1, 2, 5, 9, 24), strict=True)
    ]


def test_stats_are_consistent(target: PreTrainedModel, prompts16: list[list[int]]) -> None:
    k = 4
    outs = SpecDecoder(target, perturbed(target, 0.3), k=k).generate(
        prompts16, SamplingParams(max_new_tokens=24)
    )
    for o in outs:
        s = o.stats
        assert len(s.accepted_per_position) == k
        assert sum(s.accepted_per_position) == s.accepted_tokens
        # Position j is accepted only if position j-1 was: counts never increase along the draft.
        assert all(a >= b for a, b in itertools.pairwise(s.accepted_per_position))
        assert s.drafted_tokens <= k * s.steps
        # Each step yields accepted + 1 tokens, the prefill one more; the last step may be cut by the budget.
        assert len(o.token_ids) <= 1 + s.steps + s.accepted_tokens
        assert s.draft_seconds > 0 and s.verify_seconds > 0


def test_adaptive_k_is_lossless(
    target: PreTrainedModel, prompts16: list[list[int]], expected16: list[list[int]]
) -> None:
    dec = SpecDecoder(target, perturbed(target, 0.3), k="auto")
    for _ in range(2):  # the policy keeps its state across batches
        outs = dec.generate(prompts16, SamplingParams(max_new_tokens=24))
        assert [o.token_ids for o in outs] == expected16
    assert dec.policy is not None and dec.policy.steps > 0


def test_mixed_greedy_and_sampled_rows(
    target: PreTrainedModel, prompts16: list[list[int]], expected16: list[list[int]]
) -> None:
    params = [
        SamplingParams(max_new_tokens=24, temperature=0.0 if i % 2 == 0 else 1.0, seed=i) for i in range(8)
    ]
    outs = SpecDecoder(target, perturbed(target, 0.3), k=3).generate(prompts16[:8], params)
    assert [o.token_ids for o in outs[::2]] == expected16[:8:2]


def test_seeded_sampling_is_reproducible_and_batch_invariant(
    target: PreTrainedModel, prompts16: list[list[int]]
) -> None:
    dec = SpecDecoder(target, perturbed(target, 0.3), k=3)
    params = [SamplingParams(max_new_tokens=16, temperature=0.9, top_p=0.9, seed=100 + i) for i in range(6)]
    first = [o.token_ids for o in dec.generate(prompts16[:6], params)]
    again = [o.token_ids for o in dec.generate(prompts16[:6], params)]
    alone = dec.generate([prompts16[4]], [params[4]])[0].token_ids
    reordered = dec.generate(prompts16[:6][::-1], params[::-1])
    assert first == again
    assert alone == first[4]
    assert [o.token_ids for o in reordered][::-1] == first
    other_seed = dec.generate([prompts16[4]], [SamplingParams(max_new_tokens=16, temperature=0.9, seed=1)])
    assert other_seed[0].token_ids != first[4]


def test_unseeded_sampling_follows_the_global_seed(
    target: PreTrainedModel, prompts16: list[list[int]]
) -> None:
    dec = SpecDecoder(target, perturbed(target, 0.3), k=3)
    params = SamplingParams(max_new_tokens=12, temperature=1.0)
    torch.manual_seed(11)
    a = [o.token_ids for o in dec.generate(prompts16[:4], params)]
    torch.manual_seed(11)
    b = [o.token_ids for o in dec.generate(prompts16[:4], params)]
    assert a == b


VOCAB_SMALL = 6


def _exact_triple_distribution(
    model: PreTrainedModel, prompt: list[int], temperature: float, top_p: float
) -> torch.Tensor:
    """P(t1, t2, t3) of the target's own sampling, from HF's warpers, flattened: (V**3,)."""
    warpers = [TemperatureLogitsWarper(temperature), TopPLogitsWarper(top_p)]

    def dist(prefixes: list[list[int]]) -> torch.Tensor:
        ids = torch.tensor([prompt + p for p in prefixes])
        with torch.no_grad():
            scores = model(ids).logits[:, -1]
        for w in warpers:
            scores = w(ids, scores)
        return scores.softmax(-1)  # (len(prefixes), V)

    v = VOCAB_SMALL
    first = dist([[]])[0]
    second = dist([[a] for a in range(v)])
    third = dist([[a, b] for a in range(v) for b in range(v)]).view(v, v, v)
    return (first[:, None, None] * second[:, :, None] * third).flatten()


@pytest.mark.parametrize(
    ("temperature", "top_p", "proposer"),
    [(1.0, 1.0, "model"), (0.7, 0.8, "model"), (1.0, 1.0, "lookup"), (1.0, 1.0, "subset")],
)
def test_sampling_follows_the_target_distribution(temperature: float, top_p: float, proposer: str) -> None:
    """Chi-square on the joint law of the first three tokens: t2 is verified, t3 a bonus or correction."""
    target, draft = llama(20, vocab=VOCAB_SMALL, layers=1), llama(21, vocab=VOCAB_SMALL, layers=1)
    with torch.no_grad():  # sharpen both so that target and draft clearly disagree
        target.lm_head.weight.mul_(6.0)
        draft.lm_head.weight.mul_(6.0)
    prompt = [1, 4, 2, 1, 4]  # prompt lookup proposes continuations of this pattern
    expected = _exact_triple_distribution(target, prompt, temperature, top_p)
    n = 8000
    torch.manual_seed(1234)
    if proposer == "subset":  # a frequency-ranked head: the draft never proposes tokens 1 and 4
        draft = restrict_head(draft, [0, 2, 3, 5])
    dec = SpecDecoder(target, PromptLookupProposer(max_ngram=2) if proposer == "lookup" else draft, k=2)
    outs = dec.generate([prompt] * n, SamplingParams(max_new_tokens=3, temperature=temperature, top_p=top_p))
    drafted = sum(o.stats.drafted_tokens for o in outs)
    assert 0 < sum(o.stats.accepted_tokens for o in outs) < drafted
    v = VOCAB_SMALL
    codes = torch.tensor([(o.token_ids[0] * v + o.token_ids[1]) * v + o.token_ids[2] for o in outs])
    observed = torch.bincount(codes, minlength=v**3).double()
    assert observed[expected == 0].sum() == 0  # nothing outside the nucleus
    assert _chi2_pvalue(observed, expected) > 1e-3
    if proposer == "model":  # the test has power: the samples are far from the draft's own law
        assert _chi2_pvalue(observed, _exact_triple_distribution(draft, prompt, temperature, top_p)) < 1e-6


def _chi2_pvalue(observed: torch.Tensor, probs: torch.Tensor) -> float:
    """Pearson chi-square p-value; cells expecting fewer than 5 are pooled into one."""
    n = observed.sum()
    expected = probs * n
    big = expected >= 5
    obs = torch.cat([observed[big], observed[~big].sum().reshape(1)])
    exp = torch.cat([expected[big], expected[~big].sum().reshape(1)])
    keep = exp > 0
    obs, exp = obs[keep], exp[keep]
    return float(chisquare(obs.numpy(), exp.numpy() * (obs.sum() / exp.sum()).item()).pvalue)


def test_accept_functions_on_hand_made_tensors() -> None:
    argmax = torch.tensor([[3, 1, 4, 1], [3, 9, 9, 9], [0, 1, 2, 3]])
    draft = torch.tensor([[3, 1, 4], [2, 9, 9], [0, 1, 2]])
    n, nxt = accept_greedy(argmax, draft)
    assert n.tolist() == [3, 0, 3] and nxt.tolist() == [1, 3, 3]
    # Sampling: p(d) / q(d) = 0.5 at position 0; u below accepts, above rejects.
    p = torch.tensor([[[0.25, 0.75], [0.5, 0.5]]])  # (1, 2, 2): k = 1
    q = torch.tensor([[[0.5, 0.5]]])
    d = torch.tensor([[0]])
    assert accept_sampled(p, d, q, torch.tensor([[0.49]])).tolist() == [1]
    assert accept_sampled(p, d, q, torch.tensor([[0.51]])).tolist() == [0]
    # Residual at the rejection: max(0, p - q) = [0, 0.25] normalised; bonus: p at position k.
    residual = correction_distribution(p, d, q, torch.tensor([0]))
    assert torch.allclose(residual, torch.tensor([[0.0, 1.0]]))
    assert torch.allclose(correction_distribution(p, d, q, torch.tensor([1])), torch.tensor([[0.5, 0.5]]))
    # One-hot q (a deterministic proposer): the rejected token is removed from p.
    assert torch.allclose(correction_distribution(p, d, None, torch.tensor([0])), torch.tensor([[0.0, 1.0]]))


def test_bad_inputs_are_rejected_with_clear_errors(target: PreTrainedModel) -> None:
    dec = SpecDecoder(target, None)
    with pytest.raises(ValueError, match="prompt 1 is empty"):
        dec.generate([[1], []])
    with pytest.raises(ValueError, match="outside the target's vocabulary"):
        dec.generate([[VOCAB + 5]])
    with pytest.raises(ValueError, match="one per prompt"):
        dec.generate([[1], [2]], [SamplingParams()] * 3)
    with pytest.raises(ValueError, match="temperature"):
        SamplingParams(temperature=-1.0)
    with pytest.raises(ValueError, match="k must be"):
        SpecDecoder(target, target, k=-1)
    with pytest.raises(TypeError, match="draft must be"):
        SpecDecoder(target, "not a model")  # type: ignore[arg-type]


# ------------------------------------------------------------------ the OpenAI sampling surface


def _exact_triple_law(model: PreTrainedModel, prompt: list[int], params: SamplingParams) -> torch.Tensor:
    """P(t1, t2, t3) under every warping of `params`, computed one sequence at a time with HF's
    processors (repetition penalty, temperature, top-k, top-p, min-p) and OpenAI's formulas
    (frequency and presence penalties over the output, logit_bias): (V**3,)."""
    from transformers.generation.logits_process import (
        MinPLogitsWarper,
        RepetitionPenaltyLogitsProcessor,
        TopKLogitsWarper,
    )

    v = VOCAB_SMALL

    def dist(prefix: list[int]) -> torch.Tensor:
        ids = torch.tensor([prompt + prefix])
        with torch.no_grad():
            scores = model(ids).logits[:, -1].clone()
        if params.repetition_penalty != 1.0:
            scores = RepetitionPenaltyLogitsProcessor(params.repetition_penalty)(ids, scores)
        counts = torch.bincount(torch.tensor(prefix, dtype=torch.long), minlength=v).double()
        scores = scores - params.frequency_penalty * counts - params.presence_penalty * (counts > 0).double()
        for t, b in params.logit_bias:
            scores[0, t] += b
        warpers: list[object] = [TemperatureLogitsWarper(params.temperature)]
        if params.top_k:
            warpers.append(TopKLogitsWarper(params.top_k))
        if params.top_p < 1.0:
            warpers.append(TopPLogitsWarper(params.top_p))
        if params.min_p:
            warpers.append(MinPLogitsWarper(params.min_p))
        for w in warpers:
            scores = w(ids, scores)  # type: ignore[operator]
        return scores.softmax(-1)[0]

    law = torch.zeros((v, v, v), dtype=torch.float64)
    first = dist([])
    for a in range(v):
        if first[a] == 0:
            continue
        second = dist([a])
        for b in range(v):
            if second[b] == 0:
                continue
            law[a, b] = first[a] * second[b] * dist([a, b])
    return law.flatten()


@pytest.mark.parametrize(
    ("params", "proposer"),
    [
        (SamplingParams(max_new_tokens=3, temperature=1.0, top_k=3), "model"),
        (SamplingParams(max_new_tokens=3, temperature=0.8, min_p=0.15), "model"),
        (
            SamplingParams(
                max_new_tokens=3,
                temperature=1.0,
                repetition_penalty=1.8,
                frequency_penalty=0.7,
                presence_penalty=0.4,
                logit_bias={2: 1.5, 5: -2.0},
            ),
            "model",
        ),
        (
            SamplingParams(max_new_tokens=3, temperature=1.0, repetition_penalty=1.8, presence_penalty=1.0),
            "lookup",
        ),
    ],
    ids=["top_k", "min_p", "penalties_bias", "penalties_lookup"],
)
def test_warped_sampling_follows_the_warped_target_distribution(
    params: SamplingParams, proposer: str
) -> None:
    """Chi-square as above, for top-k, min-p, penalties and logit_bias: the accept/reject rule runs on
    the warped target distribution, position by position as if the drafts before it were accepted."""
    target, draft = llama(20, vocab=VOCAB_SMALL, layers=1), llama(21, vocab=VOCAB_SMALL, layers=1)
    with torch.no_grad():
        target.lm_head.weight.mul_(6.0)
        draft.lm_head.weight.mul_(6.0)
    prompt = [1, 4, 2, 1, 4]
    expected = _exact_triple_law(target, prompt, params)
    n = 8000
    torch.manual_seed(4321)
    dec = SpecDecoder(target, draft if proposer == "model" else PromptLookupProposer(max_ngram=2), k=2)
    outs = dec.generate([prompt] * n, params)
    assert 0 < sum(o.stats.accepted_tokens for o in outs) < sum(o.stats.drafted_tokens for o in outs)
    v = VOCAB_SMALL
    codes = torch.tensor([(o.token_ids[0] * v + o.token_ids[1]) * v + o.token_ids[2] for o in outs])
    observed = torch.bincount(codes, minlength=v**3).double()
    assert observed[expected == 0].sum() == 0  # nothing the warping removes
    assert _chi2_pvalue(observed, expected) > 1e-3
    # Power: the unwarped law is clearly rejected by the same samples.
    plain = SamplingParams(max_new_tokens=3, temperature=params.temperature)
    assert _chi2_pvalue(observed, _exact_triple_law(target, prompt, plain)) < 1e-6


def test_greedy_with_repetition_penalty_and_logit_bias_equals_hf_generate(
    target: PreTrainedModel, prompts16: list[list[int]]
) -> None:
    params = SamplingParams(max_new_tokens=16, repetition_penalty=1.4, logit_bias={7: 2.5, 11: -50.0})
    expected = []
    for p in prompts16[:8]:
        ids = torch.tensor([p])
        out = target.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            do_sample=False,
            max_new_tokens=16,
            pad_token_id=0,
            repetition_penalty=1.4,
            sequence_bias={(7,): 2.5, (11,): -50.0},
        )
        expected.append(out[0, len(p) :].tolist())
    assert any(7 in e for e in expected)  # the bias shows
    free = [
        o.token_ids
        for o in SpecDecoder(target, None).generate(prompts16[:8], SamplingParams(max_new_tokens=16))
    ]
    assert free != expected  # and the warping changes the output
    for draft in (perturbed(target, 0.3), PromptLookupProposer()):
        session = SpecDecoder(target, draft, k=3).session(max_rows=3)
        for i, p in enumerate(prompts16[:8]):
            session.add(i, p, params)
        outs = dict(session.run())
        assert [outs[i].token_ids for i in range(8)] == expected


def test_logprobs_are_the_targets_own(target: PreTrainedModel, prompts16: list[list[int]]) -> None:
    params = [SamplingParams(max_new_tokens=10, logprobs=3), SamplingParams(max_new_tokens=10, logprobs=0)]
    params += [
        SamplingParams(max_new_tokens=10, temperature=1.0, seed=3, logprobs=2),
        SamplingParams(max_new_tokens=10),
    ]
    outs = SpecDecoder(target, perturbed(target, 0.3), k=3).generate(prompts16[:4], params)
    assert outs[3].logprobs is None
    for prompt, p, o in zip(prompts16[:3], params[:3], outs[:3], strict=True):
        assert o.logprobs is not None and len(o.logprobs) == len(o.token_ids)
        for j, record in enumerate(o.logprobs):
            with torch.no_grad():
                logits = target(torch.tensor([prompt + o.token_ids[:j]])).logits[0, -1]
            lp = logits.log_softmax(-1)
            assert record.token == o.token_ids[j]
            assert record.logprob == pytest.approx(float(lp[record.token]), abs=1e-9)
            top = lp.topk(p.logprobs or 0)
            assert [t for t, _ in record.top] == top.indices.tolist()
            assert [x for _, x in record.top] == pytest.approx(top.values.tolist(), abs=1e-9)


def test_prompt_logprobs_are_the_targets_own(target: PreTrainedModel, prompts16: list[list[int]]) -> None:
    """What OpenAI completions' echo + logprobs (and lm-eval's loglikelihood) read: every prompt token's
    log-probability given the tokens before it, for ragged prompts in one batch."""
    rows = [p for p in prompts16 if len(p) > 2][:4] + [[9]]
    params = [SamplingParams(max_new_tokens=1, prompt_logprobs=2)] * (len(rows) - 1) + [SamplingParams()]
    for model in (target, _other_architecture("bloom", 0)):  # left- and right-padded prefill
        outs = SpecDecoder(model, PromptLookupProposer(), k=2).generate(rows, params)
        assert outs[-1].prompt_logprobs is None
        for prompt, o in zip(rows[:-1], outs[:-1], strict=True):
            assert o.prompt_logprobs is not None and len(o.prompt_logprobs) == len(prompt)
            assert o.prompt_logprobs[0] is None
            with torch.no_grad():
                lp = model(torch.tensor([prompt])).logits[0].log_softmax(-1)  # (L, V)
            for t in range(1, len(prompt)):
                record = o.prompt_logprobs[t]
                assert record is not None and record.token == prompt[t]
                assert record.logprob == pytest.approx(float(lp[t - 1, prompt[t]]), abs=1e-9)
                assert [tok for tok, _ in record.top] == lp[t - 1].topk(2).indices.tolist()


def test_max_new_tokens_zero_only_scores_the_prompt(
    target: PreTrainedModel, prompts16: list[list[int]], expected16: list[list[int]]
) -> None:
    """max_new_tokens=0 (echo with max_tokens 0): no tokens, the same prompt logprobs as a decoded
    row's, and the rows decoding beside it are unchanged."""
    rows = prompts16[:3]
    score = SamplingParams(max_new_tokens=0, prompt_logprobs=1, logprobs=0)
    decode = SamplingParams(max_new_tokens=24, prompt_logprobs=1)
    outs = SpecDecoder(target, PromptLookupProposer(), k=2).generate(rows + rows, [score] * 3 + [decode] * 3)
    for scored, decoded, want in zip(outs[:3], outs[3:], expected16[:3], strict=True):
        assert (scored.token_ids, scored.finish_reason, scored.logprobs) == ([], "length", [])
        assert scored.stats.steps == 0 and scored.stats.drafted_tokens == 0
        assert scored.prompt_logprobs == decoded.prompt_logprobs
        assert decoded.token_ids == want
    with pytest.raises(ValueError, match="max_new_tokens must be >= 0"):
        SamplingParams(max_new_tokens=-1)
