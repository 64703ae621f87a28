"""The sorted draft: shared parameters, SoFT, early exit, losslessness, thresholds."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM

from models.drafts.sorted import (
    DISABLED,
    SortedDraft,
    SortedPreset,
    SortedProposer,
    StepCosts,
    calibrate_thresholds,
    candidate_thresholds,
    fixed_exit_thresholds,
    get_shared_sorted_draft,
    load_sorted_draft,
    make_sorted_proposer,
    measure_decoding,
    new_sorted_draft,
    simulate,
    soft_loss,
    trace_exits,
    train_sorted_draft,
)
from models.engine.sampling import RowSampler, SamplingParams
from models.engine.speculative import SpecDecoder
from tests.factories import tiny_llama

VOCAB = 48
PRESET = SortedPreset(
    hidden_size=32,
    exits=(1, 2, 4),
    num_heads=4,
    num_kv_heads=2,
    intermediate_size=64,
    seq_len=32,
    batch_size=16,
    steps=60,
    lr=1e-2,
)


def _pattern_batch(gen: torch.Generator, rows: int, length: int) -> torch.Tensor:
    """Counting sequences with a per-row stride: deeper exits learn them better than shallow ones."""
    start = torch.randint(0, VOCAB, (rows, 1), generator=gen)
    stride = torch.randint(1, 4, (rows, 1), generator=gen)
    return (start + stride * torch.arange(length)) % VOCAB


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    """Tiny models on a shared 2-core machine: one intra-op thread avoids oversubscription stalls."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def sorted_model() -> SortedDraft:
    """A small sorted draft trained for a few seconds with SoFT, in float64."""
    model = new_sorted_draft(VOCAB, PRESET)
    gen = torch.Generator().manual_seed(0)
    opt = torch.optim.AdamW(model.parameters(), lr=PRESET.lr)
    for _ in range(PRESET.steps):
        ids = _pattern_batch(gen, PRESET.batch_size, PRESET.seq_len)
        loss = soft_loss(model(ids), ids).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.double().eval()


@pytest.fixture(scope="module")
def other_target() -> LlamaForCausalLM:
    return tiny_llama(7, VOCAB, kv_heads=4, max_positions=2048)


def _prompts() -> list[list[int]]:
    gen = torch.Generator().manual_seed(3)
    return [_pattern_batch(gen, 1, n)[0].tolist() for n in (5, 9, 2, 7)]


def _chosen_exit(model: SortedDraft, context: list[int], thresholds: list[float]) -> tuple[int, torch.Tensor]:
    """The exit the early-exit rule picks for the next token, from a full forward (the reference)."""
    exit_logits = [lg[0, -1] for lg in model(torch.tensor([context]))]
    for i, lg in enumerate(exit_logits):
        if i == len(exit_logits) - 1 or lg.softmax(-1).max() >= thresholds[i]:
            return i, lg
    raise AssertionError("unreachable: the last exit always answers")


def test_exits_share_one_state_dict(sorted_model: SortedDraft, tmp_path: Path) -> None:
    """One set of weights: exactly a Llama state dict, the deepest exit is that Llama model."""
    plain = LlamaForCausalLM(sorted_model.config)
    assert set(sorted_model.lm.state_dict()) == set(plain.state_dict())
    assert set(sorted_model.state_dict()) == {f"lm.{k}" for k in plain.state_dict()}
    ids = torch.tensor([_prompts()[1]])
    exits = sorted_model(ids)
    assert len(exits) == 3
    torch.testing.assert_close(exits[-1], sorted_model.lm(ids).logits)
    # Saved once, loaded as a sorted draft or as an ordinary causal LM (its deepest exit).
    sorted_model.save(tmp_path / "sd")
    loaded = load_sorted_draft(tmp_path / "sd", dtype=torch.float64)
    assert loaded.exits == (1, 2, 4)
    for a, b in zip(loaded(ids), exits, strict=True):
        torch.testing.assert_close(a, b)
    hf = AutoModelForCausalLM.from_pretrained(tmp_path / "sd", use_safetensors=True, dtype=torch.float64)
    torch.testing.assert_close(hf(ids).logits, exits[-1])


def test_two_targets_share_one_copy_of_the_weights(sorted_model: SortedDraft, tmp_path: Path) -> None:
    """Per-target proposers (own cache and thresholds) over one process-wide copy of the draft."""
    sorted_model.save(tmp_path / "sd")
    for_s = make_sorted_proposer(tmp_path / "sd", [0.6, 0.5, 0.0], dtype=torch.float64)
    for_l = make_sorted_proposer(str(tmp_path / "sd"), [0.9, 0.8, 0.0], dtype=torch.float64)
    assert for_s.model is for_l.model is get_shared_sorted_draft(tmp_path / "sd", dtype=torch.float64)
    assert for_s.thresholds != for_l.thresholds
    prompts = _prompts()
    for_s.prefill(prompts)
    for_l.prefill(prompts[:2])
    assert for_s.cache is not None and for_l.cache is not None and for_s.cache is not for_l.cache


def test_soft_loss_is_mean_of_exit_losses(sorted_model: SortedDraft) -> None:
    """Each exit's loss equals an independent Llama truncated to that depth; SoFT is their mean."""
    ids = _pattern_batch(torch.Generator().manual_seed(5), 3, 12)
    out = soft_loss(sorted_model(ids), ids)
    for depth, exit_loss in zip(sorted_model.exits, out.per_exit, strict=True):
        config = LlamaConfig(**{**sorted_model.config.to_dict(), "num_hidden_layers": depth})
        shallow = LlamaForCausalLM(config).double()
        shallow.load_state_dict(sorted_model.lm.state_dict(), strict=False)  # deeper layers dropped
        shallow.tie_weights()
        reference = shallow(ids, labels=ids).loss
        torch.testing.assert_close(exit_loss, reference)
    torch.testing.assert_close(out.loss, torch.stack(out.per_exit).mean())
    assert len({round(x.item(), 6) for x in out.per_exit}) == 3  # the exits really differ


@pytest.mark.parametrize(
    "thresholds", [[0.5, 0.5, 0.0], [0.9, 0.7, 0.0], [DISABLED, 0.6, 0.0], [0.0, 0.0, 0.0]]
)
def test_early_exit_token_is_its_exit_prediction(sorted_model: SortedDraft, thresholds: list[float]) -> None:
    """Every draft token is the argmax of the exit the rule picks, with that exit's exact logits."""
    prompts = _prompts()
    proposer = SortedProposer(sorted_model, thresholds)
    proposer.prefill(prompts)
    contexts = [list(p) for p in prompts]
    sampler = RowSampler.from_params([SamplingParams()] * len(prompts), "cpu")
    used = set()
    for step in range(3):
        # Tokens the proposer drafts, checked one by one against full forwards of their contexts.
        tokens = proposer.propose(3, sampler).tokens.tolist()
        for row, ctx in enumerate(contexts):
            ctx = list(ctx)
            for tok in tokens[row]:
                exit_index, logits = _chosen_exit(sorted_model, ctx, thresholds)
                used.add(exit_index)
                assert tok == int(logits.argmax())
                ctx.append(tok)
        accepted = torch.tensor([step % 4, 3, 0, 1])
        nxt = torch.tensor([1, 2, 3, 4])
        proposer.update(accepted, nxt)
        for row in range(len(prompts)):
            contexts[row] += tokens[row][: int(accepted[row])] + [int(nxt[row])]
    if thresholds == [0.5, 0.5, 0.0]:
        assert len(used) >= 2, "the test thresholds should make several exits answer"


def test_next_logits_are_exact_and_lazy_fill_is_exact(sorted_model: SortedDraft) -> None:
    """After mixed-depth tokens, a deep token's logits equal a full forward (skipped KV filled exactly)."""
    prompts = _prompts()
    proposer = SortedProposer(sorted_model, [0.3, 0.3, 0.0])
    proposer.prefill(prompts)
    sampler = RowSampler.from_params([SamplingParams()] * len(prompts), "cpu")
    tokens = proposer.propose(4, sampler).tokens
    # Switch to the deepest exit: every skipped layer of the earlier tokens must now be filled.
    proposer.thresholds = fixed_exit_thresholds(3, 2)
    logits, exit_of = proposer.next_logits()
    assert exit_of.tolist() == [2] * len(prompts)
    for row, prompt in enumerate(prompts):
        ref = sorted_model(torch.tensor([prompt + tokens[row].tolist()]))[-1][0, -1]
        torch.testing.assert_close(logits[row], ref)


def test_sampled_q_is_the_exit_distribution(sorted_model: SortedDraft) -> None:
    """With sampling, q is the warped distribution of the exit that answered, nothing else."""
    prompts = _prompts()
    thresholds = [0.5, 0.4, 0.0]
    params = [SamplingParams(temperature=0.8, top_p=0.9, seed=i) for i in range(len(prompts))]
    sampler = RowSampler.from_params(params, "cpu")
    proposer = SortedProposer(sorted_model, thresholds)
    proposer.prefill(prompts)
    proposal = proposer.propose(3, sampler)
    assert proposal.q is not None and proposal.q.shape == (len(prompts), 3, VOCAB)
    for row, prompt in enumerate(prompts):
        ctx = list(prompt)
        for j, tok in enumerate(proposal.tokens[row].tolist()):
            _, logits = _chosen_exit(sorted_model, ctx, thresholds)
            expected = sampler.select(torch.tensor([row])).probs(logits[None, None, :])[0, 0]
            torch.testing.assert_close(proposal.q[row, j], expected)
            assert proposal.q[row, j, tok] > 0
            ctx.append(tok)


@pytest.mark.parametrize("thresholds", [[0.5, 0.5, 0.0], [0.0, 0.0, 0.0], [DISABLED, DISABLED, 0.0]])
@pytest.mark.parametrize("own_target", [True, False])
@pytest.mark.parametrize("kv_fill", ["lazy", "copy"])
def test_greedy_lossless(
    sorted_model: SortedDraft,
    other_target: LlamaForCausalLM,
    thresholds: list[float],
    own_target: bool,
    kv_fill: str,
) -> None:
    """Greedy speculative output equals the target's greedy output, rows finishing at different times."""
    target = sorted_model.lm if own_target else other_target
    prompts = _prompts()
    params = [SamplingParams(max_new_tokens=n) for n in (12, 20, 7, 16)]
    plain = SpecDecoder(target, None).generate(prompts, params)
    proposer = SortedProposer(sorted_model, thresholds, kv_fill=kv_fill)  # type: ignore[arg-type]
    spec = SpecDecoder(target, proposer, k=3).generate(prompts, params)
    assert [o.token_ids for o in spec] == [o.token_ids for o in plain]
    assert sum(o.stats.drafted_tokens for o in spec) > 0


def test_copy_through_is_approximate_where_lazy_fill_is_exact(sorted_model: SortedDraft) -> None:
    """After shallow exits, a deep token sees projected (copy) or exactly computed (lazy) skipped layers."""
    prompts = _prompts()
    sampler = RowSampler.from_params([SamplingParams()] * len(prompts), "cpu")
    deep: dict[str, torch.Tensor] = {}
    for kv_fill in ("lazy", "copy"):
        proposer = SortedProposer(sorted_model, [0.0, 0.0, 0.0], kv_fill=kv_fill)  # type: ignore[arg-type]
        proposer.prefill(prompts)
        tokens = proposer.propose(4, sampler).tokens  # every token from exit 1: the same in both modes
        proposer.thresholds = fixed_exit_thresholds(3, 2)
        deep[kv_fill] = proposer.next_logits()[0]
    full = torch.stack(
        [sorted_model(torch.tensor([p + tokens[i].tolist()]))[-1][0, -1] for i, p in enumerate(prompts)]
    )
    torch.testing.assert_close(deep["lazy"], full)
    assert not torch.allclose(deep["copy"], full, atol=1e-4)


def test_sampling_lossless_chi_square(sorted_model: SortedDraft, other_target: LlamaForCausalLM) -> None:
    """Sampled outputs follow the target's distribution: chi-square on the second and third tokens."""
    torch.manual_seed(11)
    prompt = _prompts()[0]
    n = 3000
    params = SamplingParams(max_new_tokens=3, temperature=1.0)
    outs = SpecDecoder(other_target, SortedProposer(sorted_model, [0.3, 0.3, 0.0]), k=2).generate(
        [prompt] * n, params
    )
    seqs = torch.tensor([o.token_ids for o in outs])  # (n, 3)
    # Exact marginal of token 2 given the observed token 1 values, then of token 3 given 1..2.
    for pos in (1, 2):
        with torch.no_grad():
            contexts = torch.cat([torch.tensor(prompt).expand(n, -1), seqs[:, :pos]], dim=1)
            p = other_target(contexts).logits[:, -1].softmax(-1)  # (n, V)
        expected = p.sum(0)  # expected counts of each token at this position
        observed = torch.bincount(seqs[:, pos], minlength=VOCAB).double()
        keep = expected >= 5
        stat = float((((observed - expected) ** 2) / expected)[keep].sum())
        dof = int(keep.sum()) - 1
        # 99.9% quantile of chi-square via the Wilson-Hilferty approximation.
        z = 3.09
        bound = dof * (1 - 2 / (9 * dof) + z * math.sqrt(2 / (9 * dof))) ** 3
        assert stat < bound, f"position {pos}: chi2 {stat:.1f} >= {bound:.1f} (dof {dof})"


def test_thresholds_move_acceptance_and_work(sorted_model: SortedDraft) -> None:
    """Higher thresholds: tokens exit deeper, acceptance rises, the draft does more layer work."""
    target = sorted_model.lm  # the deepest exit is the target: it is always accepted
    prompts = _prompts()
    params = SamplingParams(max_new_tokens=24)
    results = {}
    for name, thresholds in (("shallow", [0.0, 0.0, 0.0]), ("deep", fixed_exit_thresholds(3, 2))):
        proposer = SortedProposer(sorted_model, thresholds)
        outs = SpecDecoder(target, proposer, k=3).generate(prompts, params)
        drafted = sum(o.stats.drafted_tokens for o in outs)
        accepted = sum(o.stats.accepted_tokens for o in outs)
        stats = proposer.exit_stats()
        results[name] = (accepted / drafted, stats.layer_positions / sum(stats.tokens_per_exit))
    assert results["deep"][0] == 1.0
    assert results["shallow"][0] < results["deep"][0]
    assert results["shallow"][1] < results["deep"][1]

    # On fixed contexts, raising every threshold never makes a token exit shallower, and does move some.
    depths = []
    for level in (0.2, 0.5, 0.8, 0.95):
        proposer = SortedProposer(sorted_model, [level, level, 0.0])
        proposer.prefill(prompts)
        depths.append(proposer.next_logits()[1])
    for shallower, deeper in zip(depths, depths[1:], strict=False):
        assert bool((deeper >= shallower).all())
    assert bool((depths[-1] > depths[0]).any())


def test_bad_thresholds_are_refused(sorted_model: SortedDraft) -> None:
    with pytest.raises(ValueError, match="one per exit"):
        SortedProposer(sorted_model, [0.5, 0.0])
    with pytest.raises(ValueError, match=">= 0"):
        SortedProposer(sorted_model, [-0.1, 0.5, 0.0])
    with pytest.raises(RuntimeError, match="prefill"):
        SortedProposer(sorted_model).propose(2, RowSampler.from_params([SamplingParams()], "cpu"))
    with pytest.raises(ValueError, match="exits"):
        SortedDraft(sorted_model.lm, (1, 3))


def test_simulation_replays_greedy_decoding_exactly(sorted_model: SortedDraft) -> None:
    """Calibration's replay predicts the engine's acceptance exactly (skipped layers are filled exactly)."""
    target = sorted_model.lm
    prompts = _prompts()
    params = SamplingParams(max_new_tokens=20)
    outputs = [o.token_ids for o in SpecDecoder(target, None).generate(prompts, params)]
    trace = trace_exits(sorted_model, target, prompts, outputs, params)
    costs = StepCosts(1, 3, [1.0, 2.0, 3.0], 0.1, 1.0, 1.0)
    for thresholds in ([0.5, 0.5, 0.0], [0.0, 0.0, 0.0], [DISABLED, 0.7, 0.0]):
        sim = simulate(trace, thresholds, costs)
        # One prompt per batch: the engine's k then depends on that row alone, as in the replay.
        real = measure_decoding(
            target, SortedProposer(sorted_model, thresholds), prompts, params, k=3, batch_size=1
        )
        assert sim.acceptance_rate == pytest.approx(real.acceptance.rate)
        assert sim.mean_accepted == pytest.approx(real.acceptance.mean_accepted)
        assert real.tokens_per_exit is not None
        assert sim.exit_share == pytest.approx([n / sum(real.tokens_per_exit) for n in real.tokens_per_exit])


def test_sampled_trace_accepts_the_deepest_exit_surely(sorted_model: SortedDraft) -> None:
    """With sampling, acceptance is sum(min(p, q)): 1 where the exit is the target, below 1 elsewhere."""
    target = sorted_model.lm
    prompts = _prompts()
    params = SamplingParams(max_new_tokens=10, temperature=0.7, seed=0)
    outputs = [o.token_ids for o in SpecDecoder(target, None).generate(prompts, params)]
    trace = trace_exits(sorted_model, target, prompts, outputs, params)
    assert not trace.greedy and trace.accept.shape == (sum(len(o) for o in outputs), 3)
    torch.testing.assert_close(trace.accept[:, -1], torch.ones(trace.accept.shape[0]))
    assert float(trace.accept[:, 0].mean()) < 1.0
    sim = simulate(trace, [0.5, 0.5, 0.0], StepCosts(1, 3, [1.0, 2.0, 3.0], 0.1, 1.0, 1.0))
    assert 0.0 < sim.acceptance_rate <= 1.0 and 0.0 < sim.mean_accepted <= 3.0


def test_simulated_cost_follows_exit_depth(sorted_model: SortedDraft) -> None:
    """With a cost per exit depth, shallower settings are predicted cheaper per drafted token."""
    target = sorted_model.lm
    prompts = _prompts()
    params = SamplingParams(max_new_tokens=16)
    outputs = [o.token_ids for o in SpecDecoder(target, None).generate(prompts, params)]
    trace = trace_exits(sorted_model, target, prompts, outputs, params)
    costs = StepCosts(1, 3, [1.0, 2.0, 4.0], 0.1, 1.0, 1.0)
    per_token = [simulate(trace, fixed_exit_thresholds(3, i), costs).draft_token_seconds for i in range(3)]
    assert per_token == pytest.approx([1.0, 2.0, 4.0])
    mixed = simulate(trace, [0.5, 0.5, 0.0], costs)
    assert 1.0 <= mixed.draft_token_seconds <= 4.0 + 2 * 0.1
    # A larger batch is more likely to contain a row that goes deep: never cheaper per token.
    wide = simulate(trace, [0.5, 0.5, 0.0], StepCosts(8, 3, [1.0, 2.0, 4.0], 0.1, 1.0, 1.0))
    assert wide.draft_token_seconds >= mixed.draft_token_seconds


def test_candidates_are_distinct_and_end_at_zero() -> None:
    cands = candidate_thresholds(3, levels=(0.9, 0.5))
    assert len(cands) == len({tuple(c) for c in cands})
    assert all(c[-1] == 0.0 and len(c) == 3 for c in cands)
    assert [DISABLED, DISABLED, 0.0] in cands and [0.0, 0.0, 0.0] in cands
    assert [0.0, 0.9, 0.0] not in cands  # the same as [0, 0, 0]: exit 1 always answers


def test_calibration_picks_a_measured_setting(sorted_model: SortedDraft) -> None:
    target = sorted_model.lm
    prompts = _prompts()
    result = calibrate_thresholds(
        sorted_model, target, prompts, SamplingParams(max_new_tokens=12), k=3, validate_top=2
    )
    tried = [t for t, _ in result.validated]
    assert result.thresholds in tried
    assert fixed_exit_thresholds(3, 2) in tried
    best = min(result.validated, key=lambda tr: tr[1].seconds)
    assert result.thresholds == best[0]
    assert result.simulations[0].predicted_speedup >= result.simulations[-1].predicted_speedup
    assert result.plain.acceptance.new_tokens == sum(12 for _ in prompts)


def _tiny_tokenizer(path: Path, texts: list[str]) -> Path:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>"]))
    PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>").save_pretrained(path)
    return path


TEXTS = [f"def f{i}(x):\n    return x + {i}\n" * 4 for i in range(40)]


def test_train_sorted_draft_saves_a_loadable_draft(tmp_path: Path) -> None:
    """The zoo's entry point: trains (a few steps here), saves weights, config and tokenizer."""
    from transformers import AutoTokenizer

    tok_dir = _tiny_tokenizer(tmp_path / "tok", TEXTS)
    out = train_sorted_draft(TEXTS, tok_dir, tmp_path / "sd", "tiny", False, steps=3)
    assert (out / "model.safetensors").is_file() and (out / "tokenizer.json").is_file()
    loaded = load_sorted_draft(out)
    tok = AutoTokenizer.from_pretrained(out)
    assert loaded.exits == (1, 2, 3)
    assert loaded.config.eos_token_id == tok.eos_token_id is not None
    assert loaded.config.vocab_size == len(tok)


@pytest.mark.parametrize("method", ["kd", "ce"])
def test_align_moves_every_exit_toward_the_target(tmp_path: Path, method: str) -> None:
    """SoFT alignment on the target's responses makes every exit agree more with the target there."""
    from transformers import AutoTokenizer

    from models.align import AlignConfig, align_sorted_draft

    tok_dir = _tiny_tokenizer(tmp_path / "tok", TEXTS)
    draft_dir = train_sorted_draft(TEXTS, tok_dir, tmp_path / "sd", "tiny", False, steps=3)
    tok = AutoTokenizer.from_pretrained(draft_dir)
    torch.manual_seed(1)
    target = LlamaForCausalLM(
        LlamaConfig(
            vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=1,
            num_attention_heads=2, num_key_value_heads=2, eos_token_id=None, tie_word_embeddings=False,
        )
    ).eval()  # fmt: skip
    with torch.no_grad():
        target.lm_head.weight.mul_(30.0)  # a confident target, like a trained one
    prompts = [tok(t, add_special_tokens=False)["input_ids"][:12] for t in TEXTS[:16]]
    responses = SpecDecoder(target, None).generate(prompts, SamplingParams(max_new_tokens=12))
    seqs = torch.tensor([p + o.token_ids for p, o in zip(prompts, responses, strict=True)])
    answers = seqs[:, 12:]  # the target's greedy tokens, predicted from positions 11..22

    def agreement(path: Path) -> list[float]:
        with torch.no_grad():
            return [
                float((lg[:, 11:-1].argmax(-1) == answers).float().mean())
                for lg in load_sorted_draft(path)(seqs)
            ]

    before = agreement(draft_dir)
    config = AlignConfig(method=method, max_new_tokens=12, epochs=8, batch_size=4, lr=1e-2, top_k=8)
    aligned = align_sorted_draft(draft_dir, target, prompts, tmp_path / "aligned", config)
    after = agreement(aligned.out_dir)
    assert len(aligned.exit_losses) == 3 and aligned.seconds["train"] > 0
    assert all(a > b + 0.2 for a, b in zip(after, before, strict=True)), (before, after)
    with pytest.raises(ValueError, match="kd or ce"):
        align_sorted_draft(draft_dir, target, prompts, tmp_path / "x", AlignConfig(method="lora"))


def test_align_with_a_frequency_ranked_head_saves_and_serves_it(tmp_path: Path) -> None:
    """head_tokens: every exit trains and serves over the subset; the saved weights keep the full head."""
    from transformers import AutoTokenizer

    from models.align import AlignConfig, align_sorted_draft
    from models.drafts.vocab import head_token_ids, load_vocab_subset

    tok_dir = _tiny_tokenizer(tmp_path / "tok", TEXTS)
    draft_dir = train_sorted_draft(TEXTS, tok_dir, tmp_path / "sd", "tiny", False, steps=3)
    tok = AutoTokenizer.from_pretrained(draft_dir)
    target = tiny_llama(3, len(tok), layers=1, double=False)
    prompts = [tok(t, add_special_tokens=False)["input_ids"][:12] for t in TEXTS[:8]]
    config = AlignConfig(
        max_new_tokens=8, epochs=2, batch_size=4, top_k=8, train_on_prompt=True,
        train_embeddings=False, head_tokens=40,
    )  # fmt: skip
    aligned = align_sorted_draft(draft_dir, target, prompts, tmp_path / "aligned", config)
    subset = load_vocab_subset(aligned.out_dir)
    assert subset is not None and len(subset) == 40
    served = load_sorted_draft(aligned.out_dir)
    cols = head_token_ids(served.lm)
    assert cols is not None and cols.tolist() == subset
    assert all(lg.shape[-1] == 40 for lg in served(torch.tensor([prompts[0]])))
    full = load_sorted_draft(aligned.out_dir, head_subset=False)
    assert head_token_ids(full.lm) is None
    assert torch.equal(full.lm.lm_head.weight, load_sorted_draft(draft_dir).lm.lm_head.weight)  # frozen

    proposer = SortedProposer(served, [0.5, 0.5, 0.0], vocab_size=len(tok))
    params = SamplingParams(max_new_tokens=10)
    spec = SpecDecoder(target, proposer, k=3).generate(prompts[:4], params)
    plain = SpecDecoder(target, None).generate(prompts[:4], params)
    assert [o.token_ids for o in spec] == [o.token_ids for o in plain]


def test_zoo_sorted_draft_is_lossless_for_both_targets(tiny_zoo) -> None:  # type: ignore[no-untyped-def]
    """The zoo's sorted draft: one copy of the weights, two targets, exact greedy output for each."""
    import json

    from models.loading import check_same_tokenizer, load_model_and_tokenizer

    assert tiny_zoo.sorted_draft is not None
    lines = (
        tiny_zoo.prompts["code"].read_text().splitlines()[:3]
        + tiny_zoo.prompts["math"].read_text().splitlines()[:3]
    )
    texts = [json.loads(line)["prompt"] for line in lines]
    proposers = []
    for target_dir, thresholds in (
        (tiny_zoo.target_s, [0.3, 0.3, 0.0]),
        (tiny_zoo.target_l, [0.6, 0.5, 0.0]),
    ):
        target, tok = load_model_and_tokenizer(target_dir, device="cpu")
        check_same_tokenizer(tok, load_model_and_tokenizer(tiny_zoo.sorted_draft, device="cpu").tokenizer)
        prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in texts]
        proposer = make_sorted_proposer(
            tiny_zoo.sorted_draft, thresholds, vocab_size=target.config.vocab_size
        )
        params = SamplingParams(max_new_tokens=16)
        plain = SpecDecoder(target, None).generate(prompts, params)
        spec = SpecDecoder(target, proposer, k=3).generate(prompts, params)
        assert [o.token_ids for o in spec] == [o.token_ids for o in plain]
        proposers.append(proposer)
    assert proposers[0].model is proposers[1].model


def test_drafts_never_import_alignment() -> None:
    """Alignment builds on the sorted draft (models/align/sorted.py), never the other way round."""
    import ast

    root = Path(__file__).resolve().parents[3] / "models" / "drafts"
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            offenders += [f"{path}: {n}" for n in names if n.split(".")[:2] == ["models", "align"]]
    assert root.is_dir() and not offenders, offenders
