"""Cost model: structure from configs, analytic memory, speculation length, fitting, persistence, CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from models.costmodel import (
    FAMILIES,
    ArchSpec,
    CostModel,
    Measurement,
    Profile,
    ProfileHeader,
    ProfilePlan,
    RooflineConstants,
    choose_speculation_length,
    estimate_job_seconds,
    expected_speedup,
    expected_tokens_per_step,
    fit_cost_model,
    max_batch_size,
    sample_config,
    speculation_cost_ratio,
    step_ops,
    verify_cost_ratios,
)

ROOFLINE = RooflineConstants(
    flops_per_s=4e10, bytes_per_s=5e9, seconds_per_kernel=2e-5, device="cpu:test", threads=1
)

# One small config per family, with the traits that change the parameter count switched on.
FAMILY_CONFIGS: dict[str, dict[str, object]] = {
    "llama": {
        "hidden_size": 64,
        "intermediate_size": 160,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "vocab_size": 300,
        "attention_bias": True,
        "mlp_bias": True,
    },
    "mistral": {
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 8,
        "num_key_value_heads": 4,
        "vocab_size": 300,
        "tie_word_embeddings": True,
    },
    "qwen2": {
        "hidden_size": 64,
        "intermediate_size": 96,
        "num_hidden_layers": 3,
        "num_attention_heads": 4,
        "num_key_value_heads": 1,
        "vocab_size": 256,
    },
    "qwen3": {
        "hidden_size": 64,
        "intermediate_size": 96,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "head_dim": 32,
        "vocab_size": 256,
    },
    "gemma": {
        "hidden_size": 64,
        "intermediate_size": 96,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 1,
        "head_dim": 32,
        "vocab_size": 256,
    },
    "gpt2": {"n_embd": 64, "n_layer": 2, "n_head": 4, "vocab_size": 256, "n_positions": 128},
    "gpt_neox": {
        "hidden_size": 64,
        "intermediate_size": 192,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "vocab_size": 256,
        "max_position_embeddings": 128,
    },
}
SPECIAL_TOKENS = {"pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2}


def _hf_config(family: str):  # type: ignore[no-untyped-def]
    from transformers import AutoConfig

    return AutoConfig.for_model(family, **FAMILY_CONFIGS[family], **SPECIAL_TOKENS)


@pytest.mark.parametrize("family", FAMILIES)
def test_param_count_equals_numel_of_built_model(family: str) -> None:
    from transformers import AutoModelForCausalLM

    config = _hf_config(family)
    model = AutoModelForCausalLM.from_config(config)
    spec = ArchSpec.from_config(config)
    assert spec.param_count() == sum(p.numel() for p in model.parameters())
    # A plain dict (config.json) gives the same structure as the config object.
    assert ArchSpec.from_config(config.to_dict()) == spec


def test_config_json_path_is_read(tmp_path: Path) -> None:
    config = _hf_config("qwen3")
    config.save_pretrained(tmp_path)
    spec = ArchSpec.from_config(tmp_path)
    assert (spec.family, spec.head_dim, spec.n_kv_heads, spec.qk_norm) == ("qwen3", 32, 2, True)
    with pytest.raises(FileNotFoundError, match="config.json"):
        ArchSpec.from_config(tmp_path / "missing")


def test_kv_bytes_equal_the_cache_hf_builds() -> None:
    import torch
    from transformers import AutoModelForCausalLM, DynamicCache

    config = _hf_config("llama")  # grouped-query attention: kv heads < heads
    model = AutoModelForCausalLM.from_config(config).eval()
    cache = DynamicCache(config=config)
    batch, context = 3, 11
    with torch.inference_mode():
        model(torch.randint(3, 300, (batch, context)), cache=cache, use_cache=True)
    real = sum(t.numel() * t.element_size() for layer in cache.layers for t in (layer.keys, layer.values))
    spec = ArchSpec.from_config(config)
    assert batch * context * spec.kv_bytes_per_token("float32") == real


def test_memory_weights_and_kv_are_the_analytic_truth() -> None:
    spec = ArchSpec.from_config(_hf_config("gemma"))
    cm = CostModel(None, None, ROOFLINE)
    mem = cm.memory(spec, batch=4, context=100, dtype="torch.bfloat16", new_tokens=3)
    assert mem.weights_bytes == spec.param_count() * 2
    # 2 (k and v) x layers x kv heads x head dim x tokens x 2 bytes
    assert mem.kv_cache_bytes == 2 * 2 * 1 * 32 * (4 * 103) * 2
    assert mem.activation_bytes > 0 and mem.activation_source == "analytic"
    assert cm.memory_bytes(spec, 4, 100, "bfloat16", 3) == mem.total_bytes
    with pytest.raises(ValueError, match="unknown dtype"):
        cm.memory(spec, 1, 1, dtype="float12")


def test_step_ops_scale_with_shape() -> None:
    spec = ArchSpec.from_config(_hf_config("llama"))
    gemm = {op.name: op.flops for op in step_ops(spec, 2, 3, 10)}
    # 2 x tokens x in x out, summed over layers
    assert gemm["lm_head"] == 2 * (2 * 3) * 64 * 300
    assert gemm["o_proj"] == 2 * (2 * 3) * 64 * 64 * 2
    attn = {op.name: op.flops for op in step_ops(spec, 1, 1, 100)}["attention"]
    assert attn > {op.name: op.flops for op in step_ops(spec, 1, 1, 10)}["attention"]
    with pytest.raises(ValueError, match="new_tokens"):
        step_ops(spec, 1, 0, 10)


def test_speculation_length_follows_expected_speedup() -> None:
    assert expected_tokens_per_step(0.5, 2) == pytest.approx(1.75)
    assert expected_tokens_per_step(1.0, 4) == 5.0
    assert choose_speculation_length(0.9, 0.05, 8) >= 3  # good, cheap draft: speculate deep
    assert choose_speculation_length(0.1, 0.2, 8) == 0  # poor draft: plain decoding is faster
    assert choose_speculation_length(0.0, 0.0, 8) == 0
    assert choose_speculation_length(1.0, 0.01, 6) == 6
    # Verifying extra tokens that cost as much as a whole step removes the gain.
    assert choose_speculation_length(0.8, 0.05, 8, verify_cost=[1.0 + j for j in range(9)]) == 0
    k = choose_speculation_length(0.8, 0.1, 8)
    assert expected_speedup(0.8, 0.1, k) >= max(expected_speedup(0.8, 0.1, j) for j in range(1, 9))
    with pytest.raises(ValueError, match="verify_cost"):
        choose_speculation_length(0.8, 0.1, 4, verify_cost=[1.0, 1.1])


def _synthetic_profile(n_archs: int, families: tuple[str, ...], seed: int = 0) -> Profile:
    """Measurements from a known cost law instead of a device: a roofline, 3% noise per step,
    and a machine that runs each architecture 0-60% slower (seen by the reference probe)."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    truth = RooflineConstants(3e10, 4e9, 3e-5, "cpu:synthetic", 1)
    measurements = []
    for i in range(n_archs):
        family = families[i % len(families)]
        config = sample_config(rng, family, 3_000_000)
        spec = ArchSpec.from_config(config)
        slowdown = 1.0 + 0.6 * rng.random()
        for batch in (1, 2, 4, 8, 16):
            for context, new in ((0, 32), (0, 128), (64, 1), (256, 1), (256, 4), (1024, 2)):
                ops = step_ops(spec, batch, new, context)
                seconds = truth.step_seconds(ops) * slowdown * float(np.exp(noise.normal(0, 0.03)))
                act = int(spec.vocab * batch * new * 4 * 1.1 + 3 * spec.intermediate * batch * new * 4)
                measurements.append(
                    Measurement(f"{family}-{i}", config, batch, new, context, seconds, (seconds,), act,
                                "synthetic", reference_seconds=0.01 * slowdown)
                )  # fmt: skip
    header = ProfileHeader(
        "cpu:synthetic", 1, "float32", "-", "-", "sdpa", ROOFLINE, {}, "2026-01-01T00:00:00"
    )
    return Profile(header, measurements)


@pytest.fixture(scope="module")
def fitted() -> CostModel:
    return fit_cost_model(_synthetic_profile(12, ("llama", "gpt2", "qwen3")))


def test_fit_reports_zero_shot_errors(fitted: CostModel) -> None:
    ev = fitted.manifest["evaluation"]
    assert set(ev["leave_family_out"]["time_linear"]) == {"llama", "gpt2", "qwen3"}
    assert fitted.manifest["time_kind"] == ev["chosen_kind"]
    # The synthetic law is nearly additive: a working regressor predicts unseen families well.
    best = ev["chosen_kind"]
    assert np.mean([e["mape"] for e in ev["leave_family_out"][f"time_{best}"].values()]) < 0.3
    assert ev["held_out_configs"]["activation"]["mape"] < 0.1


def test_speed_normalization_removes_machine_slowdowns() -> None:
    profile = _synthetic_profile(12, ("llama", "gpt2", "qwen3"))
    raw = fit_cost_model(profile, kind="linear", normalize_speed=False).manifest
    normalized = fit_cost_model(profile, kind="linear", normalize_speed=True).manifest
    assert normalized["speed_normalized"] and not raw["speed_normalized"]
    err = {name: m["evaluation"]["held_out_configs"]["time_linear"]["mape"] for name, m in
           (("raw", raw), ("normalized", normalized))}  # fmt: skip
    assert err["normalized"] < 0.1 < err["raw"]


def test_fitted_model_round_trips_through_skops(fitted: CostModel, tmp_path: Path) -> None:
    fitted.save(tmp_path)
    assert json.loads((tmp_path / "manifest.json").read_text())["time_kind"] == fitted.manifest["time_kind"]
    loaded = CostModel.load(tmp_path)
    assert loaded.source == "fitted"
    spec = ArchSpec.from_config(_hf_config("mistral"))
    for args in ((1, 1, 128), (8, 4, 512), (2, 64, 0)):
        assert loaded.step_seconds(spec, *args) == fitted.step_seconds(spec, *args)
    assert loaded.memory_bytes(spec, 8, 512) == fitted.memory_bytes(spec, 8, 512)
    # An artifact fitted on other feature definitions is refused, not silently mis-read.
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["activation_terms"] = manifest["activation_terms"][:-1]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="refit"):
        CostModel.load(tmp_path)


@pytest.mark.parametrize("kind", ["linear", "hybrid", "gbm"])
def test_predictions_monotone_in_batch_and_context(kind: str) -> None:
    cm = fit_cost_model(_synthetic_profile(6, ("llama", "gpt2")), kind=kind, run_evaluation=False)
    spec = ArchSpec.from_config(_hf_config("qwen2"))
    batches, contexts = (1, 2, 3, 4, 8, 16, 32, 64), (0, 16, 64, 256, 1024, 4096)
    for new in (1, 5):
        grid = np.array([[cm.step_seconds(spec, b, new, c) for c in contexts] for b in batches])
        assert (np.diff(grid, axis=0) >= 0).all() and (np.diff(grid, axis=1) >= 0).all()
        mem = np.array([[cm.memory_bytes(spec, b, c, new_tokens=new) for c in contexts] for b in batches])
        assert (np.diff(mem, axis=0) > 0).all() and (np.diff(mem, axis=1) > 0).all()


def test_load_without_artifact_falls_back_to_roofline(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "roofline.json").write_text(json.dumps(ROOFLINE.__dict__))
    cm = CostModel.load(tmp_path)
    assert cm.source == "roofline" and cm.roofline == ROOFLINE
    assert "no fitted artifact" in caplog.text
    spec = ArchSpec.from_config(_hf_config("llama"))
    assert cm.step_seconds(spec, 4, 1, 64) == pytest.approx(ROOFLINE.step_seconds(step_ops(spec, 4, 1, 64)))
    guessed = CostModel.load(tmp_path / "empty", calibrate=False)
    assert not guessed.roofline.measured


def test_load_refuses_unexpected_types(fitted: CostModel, tmp_path: Path) -> None:
    import skops.io

    fitted.save(tmp_path)
    skops.io.dump({"linear": Path("x")}, tmp_path / "costmodel.skops")
    with pytest.raises(ValueError, match="refusing to load"):
        CostModel.load(tmp_path)


def test_max_batch_size_fits_the_budget() -> None:
    cm = CostModel(None, None, ROOFLINE)
    target = ArchSpec.from_config(_hf_config("llama"))
    draft = ArchSpec.from_config(_hf_config("qwen2"))
    budget = 64 * 2**20

    def kv_and_acts(b: int) -> int:
        # What a batch holds at its peak: both caches plus the larger activation of any step.
        acts = [
            cm.activation_bytes(s, b, t, c, "float32")
            for s in (target, draft)
            for t, c in ((300, 0), (5, 300))
        ]
        return b * 305 * target.kv_bytes_per_token() + b * 304 * draft.kv_bytes_per_token() + max(acts)

    b = max_batch_size(target, draft, 300, 4, budget, cap=1024, cost_model=cm)
    assert kv_and_acts(b) <= budget < kv_and_acts(b + 1)
    assert max_batch_size(target, draft, 300, 4, budget, cap=3, cost_model=cm) == min(3, b)
    # With short prompts the caches dominate: dropping the draft's cache leaves room for more rows.
    short = max_batch_size(target, draft, 300, 4, budget, cap=1024, prompt_tokens=16, cost_model=cm)
    assert short > b
    assert max_batch_size(target, None, 300, 4, budget, cap=1024, prompt_tokens=16, cost_model=cm) > short
    assert max_batch_size(target, draft, 300, 4, 1, cap=64, cost_model=cm) == 1  # never below one row
    with_weights = max_batch_size(target, draft, 300, 4, budget, 1024, include_weights=True, cost_model=cm)
    assert with_weights < b


def test_cost_ratio_and_job_estimate() -> None:
    cm = CostModel(None, None, ROOFLINE)
    target = dict(
        sample_config(random.Random(3), "llama", 20_000_000),
        num_hidden_layers=8,
        hidden_size=512,
        num_attention_heads=8,
        head_dim=64,
        intermediate_size=1536,
        vocab_size=8192,
    )
    draft = dict(target, num_hidden_layers=1, hidden_size=128, num_attention_heads=2, intermediate_size=384)
    ratio = speculation_cost_ratio(target, draft, 4, 256, cost_model=cm)
    assert 0 < ratio < 0.5
    verify = verify_cost_ratios(target, 4, 256, 4, cost_model=cm)
    assert verify[0] == 1.0 and verify == sorted(verify)
    assert estimate_job_seconds(10, 50, measured_seconds_per_token=0.01) == pytest.approx(5.0)
    assert estimate_job_seconds(0, 50, target_config=target, cost_model=cm) == 0.0
    plain = estimate_job_seconds(100, 64, target_config=target, batch=4, cost_model=cm)
    fast = estimate_job_seconds(
        100, 64, target_config=target, draft_config=draft, acceptance_rate=0.9, batch=4, cost_model=cm
    )
    assert 0 < fast < plain
    assert estimate_job_seconds(100, 64, target_config=target, batch=4, workers=2, cost_model=cm) == plain / 2
    with pytest.raises(ValueError, match="target_config"):
        estimate_job_seconds(5, 10)


def test_profile_measures_real_steps(tmp_path: Path) -> None:
    from models.costmodel import profile_architectures

    plan = ProfilePlan(
        n_archs=2,
        shapes_per_arch=2,
        repeats=1,
        max_params=300_000,
        max_step_flops=5e7,
        families=("llama", "gpt2"),
    )
    profile = profile_architectures(plan)
    assert {m.arch.family for m in profile.measurements} == {"llama", "gpt2"}
    for m in profile.measurements:
        assert m.seconds > 0 and len(m.samples) == 1
        assert m.activation_method == "torch_profiler_cpu_allocator"
        # Every step at least writes its logits, which stay alive in the measured window.
        assert (
            m.activation_bytes is not None and m.activation_bytes >= m.batch * m.new_tokens * m.arch.vocab * 4
        )
    path = tmp_path / "p.jsonl"
    profile.save(path)
    assert Profile.load(path).measurements == profile.measurements


def test_cli_fit_and_predict(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    data, out = tmp_path / "profile.jsonl", tmp_path / "cm"
    _synthetic_profile(6, ("llama", "gpt2")).save(data)
    runner = CliRunner()
    res = runner.invoke(app, ["cost", "fit", "--data", str(data), "--out", str(out), "--kind", "linear"])
    assert res.exit_code == 0, res.output
    assert "fitted linear time regressor" in res.output and "best zero-shot" in res.output
    assert (out / "costmodel.skops").is_file()
    model_dir = tmp_path / "model"
    _hf_config("mistral").save_pretrained(model_dir)
    res = runner.invoke(
        app, ["cost", "predict", str(model_dir), "--batch", "4", "--context", "64", "--cost-dir", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "step time" in res.output and "fitted" in res.output
    # --measure on a bare config: a randomly initialised model of that config is timed.
    res = runner.invoke(
        app,
        [
            "cost",
            "predict",
            str(model_dir),
            "--context",
            "8",
            "--measure",
            "--repeats",
            "1",
            "--cost-dir",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "randomly initialised" in res.output and "measured" in res.output
    res = runner.invoke(app, ["cost", "fit", "--data", str(tmp_path / "none.jsonl")])
    assert res.exit_code != 0 and "specq cost profile" in res.output


def test_session_seconds_models_continuous_batching() -> None:
    from models.costmodel import batch_seconds, session_seconds

    cm = CostModel(None, None, ROOFLINE)
    target = dict(FAMILY_CONFIGS["llama"], model_type="llama")
    one = session_seconds(target, None, 8, 8, 20, 16, 16, cost_model=cm)
    # One full batch whose rows all run to the budget: a prefill and 16 steps, as batch_seconds says.
    assert one == pytest.approx(batch_seconds(target, None, 8, 20, 16, cost_model=cm))
    # Rows refilled as others end: 4x the prompts at a mean of 4 of 16 tokens costs less than 4 batches.
    refilled = session_seconds(target, None, 32, 8, 20, 4, 16, cost_model=cm)
    assert refilled < 4 * session_seconds(target, None, 8, 8, 20, 16, 16, cost_model=cm)
    assert refilled > one  # but never less than the longest row
    assert session_seconds(target, None, 32, 8, 20, 4, 16, tokens_per_step=2.0, cost_model=cm) < refilled
    assert session_seconds(target, None, 0, 8, 20, 4, 16, cost_model=cm) == 0.0
