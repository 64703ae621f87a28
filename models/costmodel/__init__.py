"""Predict the time and memory of a causal-LM forward step from the network's structure.

The idea is DNNAbacus (Bai et al., 2022): derive a structural representation of a network
and learn its cost from measurements, so that networks never measured are predicted
zero-shot. Here the networks are decoder-only Hugging Face causal LMs and the
representation comes from the config alone:

* :class:`ArchSpec` - layers, hidden, heads, kv heads, head dim, intermediate, vocab, tied
  embeddings and the family's structural traits (gated MLP, norm kind, biases, ...).
* :func:`step_ops` - per-op FLOPs, bytes and kernel launches of one forward *step*: a batch
  of ``batch`` rows, each feeding ``new_tokens`` tokens on top of ``context`` cached tokens
  (prefill: ``context=0``; decode: ``new_tokens=1``; speculative verify: ``new_tokens=k+1``).

What is analytic and what is measured:

* weight and KV-cache bytes are analytic and exact (the parameter count equals the built
  model's numel; the KV cache holds 2 x layers x kv heads x head dim values per token).
* activation bytes, the transient peak above weights + KV during a step, are measured: on
  CUDA with ``torch.cuda.max_memory_allocated``; on CPU by replaying the allocation events of
  PyTorch's CPU allocator recorded by ``torch.profiler`` (``profile_memory=True``).
  Allocations outside PyTorch's allocator (oneDNN scratch, the Python heap) are not seen.
  A non-negative linear model over analytic activation terms is fitted to them.
* step time is measured (median of repeats, fixed thread count) on random small
  architectures of several families over a grid of shapes; a regressor over the step's
  cost terms predicts it for unseen architectures. On CPU with one torch thread the timer
  is the calling thread's CPU time, so waiting for a core on a shared machine is not counted.

Without a fitted artifact :class:`CostModel` falls back to a roofline: per op, the larger of
FLOPs / peak FLOP/s and bytes / bandwidth, plus a per-kernel overhead, with the three
constants measured once per device by a micro-benchmark and cached.

Nothing here imports torch, transformers or scikit-learn at module import time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import logging
import math
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

# A model config as callers hold it: an ArchSpec, a transformers PretrainedConfig (anything
# with ``to_dict()``), a config dict, or a path to a model directory / config.json / hub id.
ConfigLike = Any

ARTIFACT_FILE = "costmodel.skops"
MANIFEST_FILE = "manifest.json"
PROFILE_FILE = "profile.jsonl"
MANIFEST_VERSION = 1

# Families the profiler builds; any other model_type is read with llama-like defaults.
FAMILIES: tuple[str, ...] = ("llama", "mistral", "qwen2", "qwen3", "gemma", "gpt2", "gpt_neox")

_DEFAULT_ACTIVATION = {"gpt2": "gelu_new", "gpt_neox": "gelu", "gemma": "gelu_pytorch_tanh"}
# Top-level torch ops of activations HF writes out in Python (one op for the fused ones).
_ACTIVATION_OPS = {"gelu_new": 8, "gelu_fast": 6, "quick_gelu": 2}

_DTYPE_BYTES = {
    "float64": 8,
    "double": 8,
    "float32": 4,
    "float": 4,
    "float16": 2,
    "half": 2,
    "bfloat16": 2,
    "float8_e4m3fn": 1,
    "float8_e5m2": 1,
    "int8": 1,
    "uint8": 1,
}


def dtype_bytes(dtype: str | Any) -> int:
    """Bytes per element of a dtype given as ``torch.float16``, ``"bfloat16"`` or ``"torch.float32"``."""
    name = str(dtype).removeprefix("torch.")
    if name not in _DTYPE_BYTES:
        raise ValueError(f"unknown dtype {dtype!r}; use one of {sorted(_DTYPE_BYTES)}")
    return _DTYPE_BYTES[name]


# --------------------------------------------------------------------------------------
# Structural representation
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchSpec:
    """The structure of a decoder-only causal LM, as far as its cost is concerned."""

    family: str  # config.model_type
    n_layers: int
    hidden: int
    n_heads: int
    n_kv_heads: int  # < n_heads for grouped-query attention
    head_dim: int  # may differ from hidden / n_heads (Qwen3, Gemma)
    intermediate: int  # MLP width
    vocab: int
    tied_embeddings: bool  # lm_head shares the input embedding matrix
    gated_mlp: bool  # gate/up/down (SwiGLU, GeGLU) vs. up/down
    layer_norm: bool  # LayerNorm with bias; False = RMSNorm
    qkv_bias: bool
    o_bias: bool
    mlp_bias: bool
    qk_norm: bool  # per-head RMSNorm on q and k (Qwen3)
    fused_qkv: bool  # one q/k/v projection (GPT-2, GPT-NeoX): fewer kernel launches
    learned_positions: int  # rows of a learned position table (GPT-2); 0 = rotary
    activation: str = "silu"  # MLP activation (hidden_act); some are several ops in Python
    conv1d: bool = False  # GPT-2's Conv1D projections: view + addmm + view instead of one linear

    @classmethod
    def from_config(cls, config: ConfigLike) -> ArchSpec:
        """Read the structure from a config (see ``ConfigLike``); unknown families get llama defaults."""
        if isinstance(config, ArchSpec):
            return config
        d = _config_dict(config)
        family = str(d.get("model_type") or "llama")

        def pick(*names: str, default: Any = None) -> Any:
            for name in names:
                if d.get(name) is not None:
                    return d[name]
            if default is None:
                raise ValueError(
                    f"model config of family {family!r} has none of {names}; "
                    "pass a decoder-only causal-LM config (config.json of a Hugging Face model)"
                )
            return default

        hidden = int(pick("hidden_size", "n_embd", "d_model"))
        n_heads = int(pick("num_attention_heads", "n_head"))
        n_layers = int(pick("num_hidden_layers", "n_layer"))
        vocab = int(pick("vocab_size"))
        if family == "gpt2":
            intermediate = int(d.get("n_inner") or 4 * hidden)
            n_kv = n_heads
        else:
            intermediate = int(pick("intermediate_size", "n_inner", default=4 * hidden))
            n_kv = n_heads if family == "gpt_neox" else int(d.get("num_key_value_heads") or n_heads)
        head_dim = int(d.get("head_dim") or hidden // n_heads)
        tied_default = family in ("gpt2", "gemma")
        tied = bool(d.get("tie_word_embeddings", tied_default))
        plain = family in ("gpt2", "gpt_neox")
        attention_bias = bool(d.get("attention_bias", plain))
        if family not in FAMILIES:
            logger.warning(
                "model_type %r is not one the cost model knows (%s): reading it as llama-like "
                "(gated MLP, RMSNorm); its parameter count and cost may be off",
                family,
                ", ".join(FAMILIES),
            )
        return cls(
            family=family,
            n_layers=n_layers,
            hidden=hidden,
            n_heads=n_heads,
            n_kv_heads=n_kv,
            head_dim=head_dim,
            intermediate=intermediate,
            vocab=vocab,
            tied_embeddings=tied,
            gated_mlp=not plain,
            layer_norm=plain,
            qkv_bias=True if family in ("qwen2", "gpt2") else attention_bias,
            o_bias=True if family == "gpt2" else (attention_bias and family != "qwen2"),
            mlp_bias=True if plain else bool(d.get("mlp_bias", False)),
            qk_norm=family == "qwen3",
            fused_qkv=plain,
            learned_positions=int(d.get("n_positions") or 0) if family == "gpt2" else 0,
            activation=str(
                d.get("activation_function")
                or d.get("hidden_activation")
                or d.get("hidden_act")
                or _DEFAULT_ACTIVATION.get(family, "silu")
            ),
            conv1d=family == "gpt2",
        )

    @property
    def q_width(self) -> int:
        return self.n_heads * self.head_dim

    @property
    def kv_width(self) -> int:
        return self.n_kv_heads * self.head_dim

    def param_count(self) -> int:
        """Exact parameter count (tied weights counted once), as ``sum(p.numel())`` of the built model."""
        h, q, kv, i = self.hidden, self.q_width, self.kv_width, self.intermediate
        norm = 2 * h if self.layer_norm else h
        attn = h * (q + 2 * kv) + q * h
        attn += (q + 2 * kv) * self.qkv_bias + h * self.o_bias
        attn += 2 * self.head_dim * self.qk_norm
        n_mats = 3 if self.gated_mlp else 2
        mlp = n_mats * h * i + ((n_mats - 1) * i + h) * self.mlp_bias
        layer = attn + mlp + 2 * norm
        embed = self.vocab * h + self.learned_positions * h
        head = 0 if self.tied_embeddings else self.vocab * h
        return self.n_layers * layer + embed + norm + head

    def weight_bytes(self, dtype: str | Any = "float32") -> int:
        return self.param_count() * dtype_bytes(dtype)

    def kv_bytes_per_token(self, dtype: str | Any = "float32") -> int:
        """KV-cache bytes per token of one row: keys and values of every layer."""
        return 2 * self.n_layers * self.kv_width * dtype_bytes(dtype)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ArchSpec:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__})


def _config_dict(config: ConfigLike) -> dict[str, Any]:
    if isinstance(config, Mapping):
        return dict(config)
    if hasattr(config, "to_dict"):
        return dict(config.to_dict())
    if isinstance(config, str | os.PathLike):
        path = Path(config)
        if path.is_dir() and (path / "config.json").is_file():
            path = path / "config.json"
        if path.is_file():
            return dict(json.loads(path.read_text()))
        if isinstance(config, str) and not path.exists():
            from transformers import AutoConfig

            from specq.settings import get_settings

            trust = get_settings().trust_remote_code
            return dict(AutoConfig.from_pretrained(config, trust_remote_code=trust).to_dict())
        raise FileNotFoundError(f"no config.json at {config}: pass a model directory or its config.json")
    raise TypeError(
        f"cannot read a model config from {type(config).__name__}; pass a PretrainedConfig or dict"
    )


# --------------------------------------------------------------------------------------
# Per-op cost of one forward step
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpCost:
    """One op of a forward step, summed over layers. ``group`` buckets it for the regressor."""

    name: str
    group: str  # gemm | attention | elementwise | kv | embedding
    flops: float
    weight_bytes: float  # parameters read
    act_bytes: float  # activations / cache read + written
    kernels: int  # launches, a proxy for per-op framework overhead


def step_ops(
    spec: ArchSpec, batch: int, new_tokens: int, context: int, dtype: str | Any = "float32"
) -> list[OpCost]:
    """Per-op FLOPs, bytes and kernel launches of one forward step of ``batch`` rows.

    Each row feeds ``new_tokens`` tokens attending to ``context`` cached tokens plus themselves.
    Kernel counts are the top-level torch ops of Hugging Face's modules, checked against
    ``torch.profiler`` (per layer: llama 55, qwen3 71, gpt2 39, gpt_neox 42 on a decode step).
    """
    if batch < 1 or new_tokens < 1 or context < 0:
        raise ValueError(
            f"need batch >= 1, new_tokens >= 1, context >= 0; got {batch}, {new_tokens}, {context}"
        )
    db = dtype_bytes(dtype)
    b, t, s, lay = batch, new_tokens, context + new_tokens, spec.n_layers
    m = b * t  # token rows through every projection
    h, q, kv, i, v = spec.hidden, spec.q_width, spec.kv_width, spec.intermediate, spec.vocab
    proj_ops = 3 if spec.conv1d else 1

    def linear(name: str, d_in: int, d_out: int, n: int = lay, count: int = 1) -> OpCost:
        return OpCost(
            name, "gemm", 2.0 * m * d_in * d_out * n * count, d_in * d_out * db * n * count,
            m * (d_in + d_out) * db * n * count, proj_ops * n * count,
        )  # fmt: skip

    def elementwise(name: str, width: int, flops: float, passes: float, ops: int, n: int = lay) -> OpCost:
        return OpCost(name, "elementwise", flops * m * width * n, 0.0, passes * m * width * db * n, ops * n)

    # HF's RMSNorm: upcast, pow, mean, add, rsqrt, mul, weight mul, cast back.
    norm_ops = 1 if spec.layer_norm else 8
    act_ops = _ACTIVATION_OPS.get(spec.activation, 1) + spec.gated_mlp  # gated: times the up projection
    ops = [
        OpCost("embed", "embedding", 0.0, 0.0, 2.0 * m * h * db, 1),
        elementwise("norms", h, 5.0, 2.0, 2 * norm_ops),
        linear("qkv_proj", h, q + 2 * kv) if spec.fused_qkv else linear("q_proj", h, q),
        # Split into heads: view + transpose of q, k and v (plus the split of a fused projection).
        elementwise("split_heads", q + 2 * kv, 0.0, 2.0, 6 + spec.fused_qkv),
        # DynamicCache appends with torch.cat: the whole cache of the layer is copied.
        OpCost("kv_append", "kv", 0.0, 0.0, 2.0 * 2.0 * b * s * kv * db * lay, 2 * lay),
        # QK^T and AV, plus softmax; K and V of all s positions are read once per layer.
        OpCost(
            "attention",
            "attention",
            (4.0 * b * spec.n_heads * t * s * spec.head_dim + 5.0 * b * spec.n_heads * t * s) * lay,
            0.0,
            (2.0 * b * s * kv + 2.0 * m * q) * db * lay,
            4 * lay,
        ),  # fmt: skip
        elementwise("merge_heads", q, 0.0, 2.0, 2),
        linear("o_proj", q, h),
        elementwise("residual", h, 1.0, 3.0, 2),
        linear("mlp_in", h, i, count=2 if spec.gated_mlp else 1),
        elementwise("mlp_act", i, 8.0, 2.0 * act_ops, act_ops),
        linear("mlp_out", i, h),
        elementwise("final_norm", h, 5.0, 2.0, norm_ops, n=1),
        linear("lm_head", h, v, n=1),
    ]
    if not spec.fused_qkv:
        ops.append(linear("kv_proj", h, kv, count=2))
    if new_tokens > 1 and context > 0:  # several new tokens over a cache: HF builds a causal mask
        ops.append(OpCost("causal_mask", "elementwise", 0.0, 0.0, b * t * s, 20))
    if _repeats_kv(spec, new_tokens, context):
        ops.append(OpCost("repeat_kv", "kv", 0.0, 0.0, 2.0 * 2.0 * b * s * q * db * lay, 2 * lay))
    if spec.learned_positions:
        ops.append(OpCost("pos_embed", "embedding", 0.0, 0.0, 3.0 * m * h * db, 3))
    else:  # rotary: cos/sin per forward, then rotate_half on q and k in every layer
        ops.append(elementwise("rope", q + kv, 6.0, 3.0, 14))
        ops.append(
            OpCost(
                "rope_tables", "elementwise", 4.0 * m * spec.head_dim, 0.0, 4.0 * m * spec.head_dim * db, 8
            )
        )
    if spec.qk_norm:
        ops.append(elementwise("qk_norm", q + kv, 5.0, 2.0, 2 * norm_ops))
    return ops


def _repeats_kv(spec: ArchSpec, new_tokens: int, context: int) -> bool:
    """Whether HF copies grouped K/V heads out to all query heads in this step.

    Its SDPA path repeats them whenever it passes a mask (several new tokens over a cache);
    without a mask SDPA handles the groups natively. With one K/V head the expand + reshape
    stays a view, so nothing is copied.
    """
    return 1 < spec.n_kv_heads < spec.n_heads and new_tokens > 1 and context > 0


# Order of the additive terms of the linear time model (and their meaning).
TERM_NAMES: tuple[str, ...] = (
    "one",  # fixed per-step cost (Python, mask building)
    "kernels",  # launches
    "gemm_flops",
    "attn_flops",
    "elem_flops",
    "weight_bytes",
    "kv_bytes",
    "act_bytes",
)
# Log-scale features of the gradient-boosted models: shape-dependent ones first (monotone +1,
# so predictions can only grow with batch, new tokens and context), then architecture ones.
SHAPE_FEATURES: tuple[str, ...] = (
    "log_batch",
    "log_new_tokens",
    "log_context1",
    "log_tokens",
    "log_gemm_flops",
    "log_attn_flops",
    "log_elem_flops",
    "log_kv_bytes",
    "log_act_bytes",
)
ARCH_FEATURES: tuple[str, ...] = (
    "log_kernels",
    "log_weight_bytes",
    "log_hidden",
    "log_layers",
    "log_heads",
    "log_kv_heads",
    "log_head_dim",
    "ffn_ratio",
    "log_vocab",
    "gated_mlp",
    "layer_norm",
    "fused_qkv",
    "qk_norm",
    "tied",
)


def cost_terms(
    spec: ArchSpec, batch: int, new_tokens: int, context: int, dtype: str | Any = "float32"
) -> np.ndarray:
    """The step's additive cost terms, in the order of ``TERM_NAMES``."""
    ops = step_ops(spec, batch, new_tokens, context, dtype)
    terms = dict.fromkeys(TERM_NAMES, 0.0)
    terms["one"] = 1.0
    for op in ops:
        terms["kernels"] += op.kernels
        terms["weight_bytes"] += op.weight_bytes
        if op.group == "gemm":
            terms["gemm_flops"] += op.flops
        elif op.group == "attention":
            terms["attn_flops"] += op.flops
        else:
            terms["elem_flops"] += op.flops
        if op.group in ("kv", "attention"):
            terms["kv_bytes"] += op.act_bytes
        else:
            terms["act_bytes"] += op.act_bytes
    return np.array([terms[n] for n in TERM_NAMES], dtype=np.float64)


def log_features(spec: ArchSpec, batch: int, new_tokens: int, context: int, terms: np.ndarray) -> np.ndarray:
    """Features of the boosted models, in the order of ``SHAPE_FEATURES + ARCH_FEATURES``."""
    t = dict(zip(TERM_NAMES, terms, strict=True))
    shape = [
        math.log(batch),
        math.log(new_tokens),
        math.log1p(context),
        math.log(batch * new_tokens),
        math.log1p(t["gemm_flops"]),
        math.log1p(t["attn_flops"]),
        math.log1p(t["elem_flops"]),
        math.log1p(t["kv_bytes"]),
        math.log1p(t["act_bytes"]),
    ]
    arch = [
        math.log(t["kernels"]),
        math.log1p(t["weight_bytes"]),
        math.log(spec.hidden),
        math.log(spec.n_layers),
        math.log(spec.n_heads),
        math.log(spec.n_kv_heads),
        math.log(spec.head_dim),
        spec.intermediate / spec.hidden,
        math.log(spec.vocab),
        float(spec.gated_mlp),
        float(spec.layer_norm),
        float(spec.fused_qkv),
        float(spec.qk_norm),
        float(spec.tied_embeddings),
    ]
    return np.array(shape + arch, dtype=np.float64)


# Activation terms (bytes) of one step; the activation model is a non-negative combination.
ACTIVATION_TERMS: tuple[str, ...] = (
    "one", "logits", "mlp", "attn_scores", "kv_layer_copy", "kv_repeat", "hidden", "qkv",
)  # fmt: skip
# Used before any measurement: logits + the gated MLP's live intermediates + a score matrix +
# one layer's old and new cache during torch.cat + a few hidden-state copies.
_ANALYTIC_ACTIVATION_COEF = np.array([0.0, 1.0, 3.0, 1.0, 1.0, 1.0, 4.0, 1.0])


def activation_terms(
    spec: ArchSpec, batch: int, new_tokens: int, context: int, dtype: str | Any = "float32"
) -> np.ndarray:
    """Byte sizes of the tensors that make up a step's transient activation peak."""
    db = dtype_bytes(dtype)
    m, s = batch * new_tokens, context + new_tokens
    return np.array(
        [
            1.0,
            m * spec.vocab * db,
            m * spec.intermediate * db,
            batch * spec.n_heads * new_tokens * s * db,
            2.0 * batch * spec.n_kv_heads * s * spec.head_dim * db,
            2.0 * batch * spec.n_heads * s * spec.head_dim * db
            if _repeats_kv(spec, new_tokens, context)
            else 0.0,
            m * spec.hidden * db,
            m * (spec.q_width + 2 * spec.kv_width) * db,
        ],
        dtype=np.float64,
    )


@dataclass(frozen=True)
class MemoryEstimate:
    """Peak memory of one step: weights and KV cache are analytic, activations fitted or analytic."""

    weights_bytes: int
    kv_cache_bytes: int  # the cache after the step: batch x (context + new_tokens) tokens
    activation_bytes: int  # transient peak above weights + KV during the step
    activation_source: str  # "fitted" (from measurements) | "analytic"

    @property
    def total_bytes(self) -> int:
        return self.weights_bytes + self.kv_cache_bytes + self.activation_bytes


# --------------------------------------------------------------------------------------
# Roofline fallback
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RooflineConstants:
    """Device constants for the roofline: measured by :func:`measure_roofline`."""

    flops_per_s: float  # fp32 GEMM throughput
    bytes_per_s: float  # elementwise memory bandwidth
    seconds_per_kernel: float  # one small nn.Linear call: dispatch + Python module overhead
    device: str
    threads: int
    measured: bool = True  # False = built-in guesses, used only when calibration was declined

    def step_seconds(self, ops: Iterable[OpCost]) -> float:
        total = 0.0
        for op in ops:
            total += max(op.flops / self.flops_per_s, (op.weight_bytes + op.act_bytes) / self.bytes_per_s)
            total += op.kernels * self.seconds_per_kernel
        return total


# Order-of-magnitude guesses for one CPU core; only used with calibrate=False and no cache.
_GUESSED_ROOFLINE = RooflineConstants(3e10, 5e9, 1e-5, "cpu", 1, measured=False)


def measure_roofline(device: str = "cpu", threads: int | None = None) -> RooflineConstants:
    """Micro-benchmark GEMM FLOP/s, memory bandwidth and per-op overhead (about a second)."""
    import torch

    dev = torch.device(device)
    if threads is not None and dev.type == "cpu":
        torch.set_num_threads(threads)

    # Same clock as measure_steps: the thread's CPU time when one CPU thread does all the work.
    clock = time.thread_time if dev.type == "cpu" and torch.get_num_threads() == 1 else time.perf_counter

    def timed(fn: Callable[[], object], repeats: int) -> float:
        fn()
        _sync(dev)
        samples = []
        for _ in range(repeats):
            t0 = clock()
            fn()
            _sync(dev)
            samples.append(clock() - t0)
        return statistics.median(samples)

    n = 1024 if dev.type == "cpu" else 4096
    a, w = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
    flops = 2.0 * n**3 / timed(lambda: a @ w, 5)
    big = torch.randn(8 * 1024 * 1024, device=dev)  # 32 MiB: beyond caches
    other = torch.randn_like(big)
    bandwidth = 3.0 * big.numel() * 4 / timed(lambda: big + other, 5)
    lin, x = torch.nn.Linear(16, 16).to(dev), torch.randn(1, 16, device=dev)
    calls = 200
    with torch.inference_mode():
        per_call = timed(lambda: [lin(x) for _ in range(calls)], 3) / calls
    constants = RooflineConstants(flops, bandwidth, per_call, _device_name(dev), torch.get_num_threads())
    logger.info(
        "roofline on %s: %.1f GFLOP/s, %.1f GB/s, %.1f us per kernel",
        constants.device,
        flops / 1e9,
        bandwidth / 1e9,
        per_call * 1e6,
    )
    return constants


def _sync(dev: torch.device) -> None:
    if dev.type == "cuda":
        import torch

        torch.cuda.synchronize(dev)


def _device_name(dev: torch.device) -> str:
    if dev.type == "cuda":
        import torch

        return f"cuda:{torch.cuda.get_device_name(dev)}"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:  # not Linux: platform's answer is the best there is
        pass
    return f"cpu:{cpu}"


# --------------------------------------------------------------------------------------
# Regressors
# --------------------------------------------------------------------------------------

TIME_KINDS: tuple[str, ...] = ("linear", "hybrid", "gbm")


@dataclass
class TimeRegressor:
    """Step-time regressor over the cost terms of a step.

    * ``linear``: non-negative combination of the additive terms (``TERM_NAMES``), fitted for
      relative error; monotone and extrapolates linearly to bigger networks.
    * ``hybrid``: ``linear`` times ``exp(g)``, g a boosted correction monotone in the shape
      features; outside the profiled range g is flat, so the linear trend carries on.
    * ``gbm``: boosted trees on log features predicting log seconds; flat outside the range.
    """

    kind: str
    linear: Any = None  # sklearn Pipeline(MaxAbsScaler, LinearRegression(positive=True))
    boosted: Any = None  # sklearn HistGradientBoostingRegressor

    @classmethod
    def fit(cls, kind: str, terms: np.ndarray, feats: np.ndarray, seconds: np.ndarray) -> TimeRegressor:
        if kind not in TIME_KINDS:
            raise ValueError(f"unknown time regressor {kind!r}; use one of {TIME_KINDS}")
        reg = cls(kind)
        with _one_thread():
            if kind in ("linear", "hybrid"):
                reg.linear = _fit_relative_linear(terms, seconds)
            if kind in ("hybrid", "gbm"):
                target = np.log(seconds)
                if kind == "hybrid":
                    target = target - np.log(reg._linear_predict(terms))
                reg.boosted = _boosted_regressor().fit(feats, target)
        return reg

    def _linear_predict(self, terms: np.ndarray) -> np.ndarray:
        return np.maximum(self.linear.predict(terms), 1e-7)

    def predict(self, terms: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """Seconds per step for rows of ``cost_terms`` and ``log_features``."""
        with _one_thread():
            if self.kind == "linear":
                return self._linear_predict(terms)
            correction = self.boosted.predict(feats)
            if self.kind == "hybrid":
                return self._linear_predict(terms) * np.exp(correction)
            return np.exp(correction)


@contextlib.contextmanager
def _one_thread() -> Iterator[None]:
    """Run sklearn on one OpenMP/BLAS thread: the data are small, and on a shared machine
    spin-waiting OpenMP workers make a one-row boosted-tree prediction take ~0.5 s."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


def _fit_relative_linear(x: np.ndarray, y: np.ndarray) -> Any:
    """Non-negative least squares on relative error: minimises sum(((x @ w) - y) / y)^2."""
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    # MaxAbsScaler keeps signs (no centring), so positive weights stay meaningful.
    pipe = make_pipeline(MaxAbsScaler(), LinearRegression(positive=True, fit_intercept=False))
    return pipe.fit(x, y, linearregression__sample_weight=1.0 / np.square(y))


def _boosted_regressor() -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor

    monotone = [1] * len(SHAPE_FEATURES) + [0] * len(ARCH_FEATURES)
    return HistGradientBoostingRegressor(
        max_iter=150,
        learning_rate=0.1,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        monotonic_cst=monotone,
        early_stopping=False,
        random_state=0,
    )


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measurement:
    """One profiled step: median seconds over repeats and, where measurable, activation bytes."""

    arch_id: str
    config: dict[str, Any]  # the model's config; the structure is re-derived from it on load
    batch: int
    new_tokens: int
    context: int
    seconds: float  # median of `samples`
    samples: tuple[float, ...]
    activation_bytes: int | None  # measured transient peak above weights + KV; None = not measured
    activation_method: str | None  # "cuda_max_memory_allocated" | "torch_profiler_cpu_allocator"
    # "thread_cpu": CPU time of the calling thread (CPU, one torch thread), immune to waiting for
    # a core on a shared machine; "wall": perf_counter around the step (synchronised on CUDA).
    timer: str = "wall"
    wall_seconds: float | None = None  # median wall time, kept for reference when timer != wall
    # Seconds of a fixed reference workload timed around this step's group (same clock): how
    # fast the shared machine was at that moment. None when not profiled with a reference.
    reference_seconds: float | None = None

    @functools.cached_property
    def arch(self) -> ArchSpec:
        return ArchSpec.from_config(self.config)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["samples"] = list(self.samples)
        return {"kind": "step", **d, "arch": self.arch.to_dict()}  # arch: for readers; ignored on load

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Measurement:
        return cls(
            arch_id=str(d["arch_id"]),
            config=dict(d["config"]),
            batch=int(d["batch"]),
            new_tokens=int(d["new_tokens"]),
            context=int(d["context"]),
            seconds=float(d["seconds"]),
            samples=tuple(float(x) for x in d["samples"]),
            activation_bytes=d.get("activation_bytes"),
            activation_method=d.get("activation_method"),
            timer=str(d.get("timer", "wall")),
            wall_seconds=d.get("wall_seconds"),
            reference_seconds=d.get("reference_seconds"),
        )


@dataclass(frozen=True)
class ProfileHeader:
    """Where and how a profile was measured (first line of the profile file)."""

    device: str
    threads: int
    dtype: str
    torch_version: str
    transformers_version: str
    attn_implementation: str
    roofline: RooflineConstants
    plan: dict[str, Any]
    created_at: str


@dataclass
class Profile:
    header: ProfileHeader
    measurements: list[Measurement] = field(default_factory=list)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with tmp.open("w") as f:
            f.write(json.dumps({"kind": "header", **asdict(self.header)}) + "\n")
            for m in self.measurements:
                f.write(json.dumps(m.to_json()) + "\n")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Profile:
        lines = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
        if not lines or lines[0].get("kind") != "header":
            raise ValueError(
                f"{path}: not a cost-model profile (first line must be the header); "
                "create one with `specq cost profile`"
            )
        head = dict(lines[0])
        head.pop("kind")
        head["roofline"] = RooflineConstants(**head["roofline"])
        return cls(
            ProfileHeader(**head), [Measurement.from_json(d) for d in lines[1:] if d.get("kind") == "step"]
        )


@dataclass(frozen=True)
class ProfilePlan:
    """What `specq cost profile` measures."""

    n_archs: int = 42  # spread round-robin over `families`
    shapes_per_arch: int = 14
    repeats: int = 5  # timed runs per shape (plus one warm-up); the median is kept
    max_params: int = 12_000_000
    max_step_flops: float = 3e9  # skip shapes whose step would take too long on a CPU
    families: tuple[str, ...] = FAMILIES
    threads: int = 1  # fixed so timings are comparable on a shared machine
    device: str = "cpu"
    dtype: str = "float32"
    measure_memory: bool = True
    seed: int = 0


QUICK_PLAN = ProfilePlan(n_archs=7, shapes_per_arch=8, repeats=3, max_params=4_000_000, max_step_flops=1.5e9)

_VOCABS = (512, 1024, 2048, 4096, 8192, 16384, 32000)


def sample_config(rng: random.Random, family: str, max_params: int) -> dict[str, Any]:
    """A random small config of ``family`` (kwargs for ``AutoConfig.for_model``) under ``max_params``."""
    for _ in range(1000):
        heads = rng.choice((2, 4, 8, 12, 16))
        head_dim = rng.choice((16, 32, 64))
        # Qwen3 and Gemma decouple head_dim from hidden / heads.
        hidden = 64 * rng.randint(1, 12) if family in ("qwen3", "gemma") else heads * head_dim
        kv = rng.choice([d for d in range(1, heads + 1) if heads % d == 0])
        layers = rng.randint(1, 8)
        ratio = rng.uniform(2.0, 4.0) if family not in ("gpt2", "gpt_neox") else rng.choice((2.0, 3.0, 4.0))
        inter = max(16, int(round(hidden * ratio / 16)) * 16)
        vocab = rng.choice(_VOCABS)
        tied = rng.random() < 0.5
        special: dict[str, Any] = {"pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2}
        kwargs: dict[str, Any]
        if family == "gpt2":
            kwargs = {
                "n_embd": hidden,
                "n_layer": layers,
                "n_head": heads,
                "n_inner": inter,
                "vocab_size": vocab,
                "n_positions": 2048,
                "tie_word_embeddings": True,
            }
        elif family == "gpt_neox":
            kwargs = {
                "hidden_size": hidden,
                "num_hidden_layers": layers,
                "num_attention_heads": heads,
                "intermediate_size": inter,
                "vocab_size": vocab,
                "max_position_embeddings": 2048,
                "tie_word_embeddings": tied,
            }
        else:
            kwargs = {
                "hidden_size": hidden,
                "num_hidden_layers": layers,
                "num_attention_heads": heads,
                "num_key_value_heads": kv,
                "head_dim": head_dim,
                "intermediate_size": inter,
                "vocab_size": vocab,
                "max_position_embeddings": 4096,
                "tie_word_embeddings": True if family == "gemma" else tied,
            }
        config: dict[str, Any] = {"model_type": family, **kwargs, **special}
        if ArchSpec.from_config(config).param_count() <= max_params:
            return config
    raise ValueError(f"could not sample a {family} config under {max_params} parameters; raise max_params")


def build_model(config_kwargs: Mapping[str, Any], device: str = "cpu", dtype: str = "float32") -> Any:
    """A randomly initialised HF causal LM from ``sample_config`` kwargs (weights do not matter for cost)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    kwargs = dict(config_kwargs)
    config = AutoConfig.for_model(kwargs.pop("model_type"), **kwargs)
    model = AutoModelForCausalLM.from_config(config, dtype=getattr(torch, dtype))
    return model.to(device).eval()


def _sample_shapes(rng: random.Random, spec: ArchSpec, plan: ProfilePlan) -> list[tuple[int, int, list[int]]]:
    """(batch, context, [new_tokens...]) groups: decode/verify steps over a cache, and prefills."""
    params = spec.param_count()
    groups: list[tuple[int, int, list[int]]] = []
    n_shapes, tries = 0, 0
    while n_shapes < plan.shapes_per_arch and tries < 200:
        tries += 1
        if rng.random() < 0.3:  # prefill: all tokens new, no cache
            batch, context = rng.choice((1, 2, 4, 8)), 0
            news = [rng.choice((16, 32, 64, 128, 256))]
        else:  # decode (1 token) and speculative verify (k + 1 tokens) over a cache
            batch = rng.choice((1, 2, 4, 8, 16, 32))
            context = rng.choice((16, 64, 128, 256, 512, 1024))
            news = sorted(rng.sample((1, 2, 3, 5, 8), 2))
        news = [
            t
            for t in news
            if 2.0 * params * batch * t <= plan.max_step_flops
            and batch * (context + t) * spec.vocab * 4 <= 2**29
        ]
        if not news or any(g[0] == batch and g[1] == context for g in groups):
            continue
        groups.append((batch, context, news))
        n_shapes += len(news)
    return groups


def profile_architectures(
    plan: ProfilePlan,
    progress: Callable[[int, int, str], None] | None = None,
    checkpoint: Path | None = None,
) -> Profile:
    """Build random architectures, time their steps (median of repeats) and measure activations.

    ``progress(done, total, label)`` is called after each architecture; with ``checkpoint`` the
    profile so far is written there after each one, so an interrupted run keeps its data.
    """
    import torch
    import transformers

    rng = random.Random(plan.seed)
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(plan.threads)
    try:
        roofline = measure_roofline(plan.device, plan.threads)
        header = ProfileHeader(
            device=roofline.device,
            threads=plan.threads,
            dtype=plan.dtype,
            torch_version=torch.__version__,
            transformers_version=transformers.__version__,
            attn_implementation="unknown",
            roofline=roofline,
            plan={k: list(v) if isinstance(v, tuple) else v for k, v in asdict(plan).items()},
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        profile = Profile(header)
        families = [plan.families[i % len(plan.families)] for i in range(plan.n_archs)]
        archs = [
            (f"{f}-{plan.seed}-{i}", sample_config(rng, f, plan.max_params)) for i, f in enumerate(families)
        ]
        rng.shuffle(archs)  # spread slow periods of a shared machine over families
        reference = build_model(_REFERENCE_CONFIG, plan.device, plan.dtype)
        for done, (arch_id, kwargs) in enumerate(archs, start=1):
            started = time.perf_counter()
            model = build_model(kwargs, plan.device, plan.dtype)
            attn = str(getattr(model.config, "_attn_implementation", "unknown"))
            profile.header = dataclasses.replace(profile.header, attn_implementation=attn)
            spec = ArchSpec.from_config(model.config)
            n_before = len(profile.measurements)
            for batch, context, news in _sample_shapes(rng, spec, plan):
                before = _reference_seconds(reference)
                steps = measure_steps(
                    model, batch, context, news, repeats=plan.repeats, measure_memory=plan.measure_memory,
                    seed=plan.seed, arch_id=arch_id,
                )  # fmt: skip
                ref = (before + _reference_seconds(reference)) / 2
                profile.measurements += [dataclasses.replace(m, reference_seconds=ref) for m in steps]
            del model
            logger.info(
                "profiled %s (%d/%d, %.1fM params): %d steps in %.0f s", arch_id, done, len(archs),
                spec.param_count() / 1e6, len(profile.measurements) - n_before, time.perf_counter() - started,
            )  # fmt: skip
            if checkpoint is not None:
                profile.save(checkpoint)
            if progress is not None:
                progress(done, len(archs), arch_id)
        return profile
    finally:
        torch.set_num_threads(previous_threads)


# A fixed small model timed around every shape group: its slowdown is the machine's at that moment.
_REFERENCE_CONFIG: dict[str, Any] = {
    "model_type": "llama", "hidden_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
    "num_key_value_heads": 2, "intermediate_size": 352, "vocab_size": 2048, "max_position_embeddings": 512,
    "pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2,
}  # fmt: skip


def _reference_seconds(model: Any) -> float:
    """Median seconds of a decode and a verify step of the reference model (same clock as profiling)."""
    return sum(m.seconds for m in measure_steps(model, 4, 64, [1, 4], repeats=3, measure_memory=False))


def speed_normalized(measurements: Sequence[Measurement]) -> list[Measurement]:
    """Rescale each step to the profile's median machine speed, using its reference timing.

    ``seconds * median(reference) / reference``: on a shared machine whole stretches of a run
    are slower; without this, that slowdown lands on whichever architectures were measured then.
    Returns the input unchanged unless every measurement has a reference timing.
    """
    refs = [m.reference_seconds for m in measurements]
    if not refs or any(r is None or r <= 0 for r in refs):
        return list(measurements)
    typical = statistics.median(r for r in refs if r is not None)
    out = []
    for m in measurements:
        scale = typical / float(m.reference_seconds or typical)
        out.append(
            dataclasses.replace(m, seconds=m.seconds * scale, samples=tuple(x * scale for x in m.samples))
        )
    return out


def measure_steps(
    model: Any,
    batch: int,
    context: int,
    new_tokens: Sequence[int],
    *,
    repeats: int = 5,
    measure_memory: bool = True,
    seed: int = 0,
    arch_id: str | None = None,
) -> list[Measurement]:
    """Time steps of a loaded HF causal LM over a ``context``-token cache (median of ``repeats``).

    One prefill builds the cache; each step is rolled back (``cache.crop``) so every repeat
    sees the same context. On CPU with one torch thread every op runs on the calling thread,
    so its CPU time is the step's time without the waits for a core; otherwise wall time.
    Activations are measured in a separate pass when ``measure_memory``.
    """
    import torch

    param = next(model.parameters())
    dev, dtype = param.device, str(param.dtype).removeprefix("torch.")
    spec = ArchSpec.from_config(model.config)
    news = sorted(set(new_tokens))
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, spec.vocab, (batch, context + max(news)), generator=gen).to(dev)
    thread_cpu = dev.type == "cpu" and torch.get_num_threads() == 1
    clock = time.thread_time if thread_cpu else time.perf_counter
    times: dict[int, list[float]] = {}
    walls: dict[int, list[float]] = {}
    with torch.inference_mode():
        cache = _prefill(model, ids[:, :context]) if context else None
        for t in news:
            step_ids = ids[:, context : context + t]
            times[t], walls[t] = [], []
            for r in range(repeats + 1):  # the first run warms up allocator and kernels
                _sync(dev)
                w0, t0 = time.perf_counter(), clock()
                out = model(step_ids, past_key_values=cache, use_cache=True)
                _sync(dev)
                elapsed, wall = clock() - t0, time.perf_counter() - w0
                del out
                if cache is not None:
                    cache.crop(-t)
                if r:
                    times[t].append(elapsed)
                    walls[t].append(wall)
        del cache
        if measure_memory:
            activations = _measure_activations(model, spec, dev, ids, context, news, dtype)
        else:
            activations = dict.fromkeys(news, (None, None))
    name = arch_id or str(getattr(model.config, "name_or_path", "") or spec.family)
    config = json.loads(model.config.to_json_string(use_diff=False))  # as config.json stores it
    return [
        Measurement(
            name,
            config,
            batch,
            t,
            context,
            statistics.median(times[t]),
            tuple(times[t]),
            *activations[t],
            timer="thread_cpu" if thread_cpu else "wall",
            wall_seconds=statistics.median(walls[t]),
        )  # fmt: skip
        for t in news
    ]


def _prefill(model: Any, ids: torch.Tensor) -> Any:
    from transformers import DynamicCache

    cache = DynamicCache(config=model.config)
    model(ids, past_key_values=cache, use_cache=True)
    return cache


def _measure_activations(
    model: Any,
    spec: ArchSpec,
    dev: torch.device,
    ids: torch.Tensor,
    context: int,
    news: list[int],
    dtype: str,
) -> dict[int, tuple[int | None, str | None]]:
    """Transient peak bytes above weights + KV for each step (KV growth of the step excluded)."""
    import torch

    out: dict[int, tuple[int | None, str | None]] = {}
    batch = ids.shape[0]
    if dev.type == "cuda":
        cache = _prefill(model, ids[:, :context]) if context else None
        for t in news:
            torch.cuda.synchronize(dev)
            base = torch.cuda.memory_allocated(dev)
            torch.cuda.reset_peak_memory_stats(dev)
            res = model(ids[:, context : context + t], past_key_values=cache, use_cache=True)
            torch.cuda.synchronize(dev)
            peak = torch.cuda.max_memory_allocated(dev) - base
            del res
            if cache is not None:
                cache.crop(-t)
            growth = batch * t * spec.kv_bytes_per_token(dtype)
            out[t] = (max(0, peak - growth), "cuda_max_memory_allocated")
        return out
    windows = _profiled_steps(model, ids, context, news)
    if windows is None:
        return dict.fromkeys(news, (None, None))
    for t, peak in windows.items():
        growth = batch * t * spec.kv_bytes_per_token(dtype)
        out[t] = (max(0, peak - growth), "torch_profiler_cpu_allocator")
    return out


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Hide what C++ writes to fd 2 (kineto prints two lines per trace start/stop, and warns that
    blocks allocated before the trace have no size - expected here) during the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _profiled_steps(model: Any, ids: torch.Tensor, context: int, news: list[int]) -> dict[int, int] | None:
    """Peak of PyTorch CPU-allocator bytes during each step, above the level when the step began.

    The prefill runs inside the trace so the cache's own frees are recorded too; frees of
    blocks allocated before the trace would be invisible and inflate the peak.
    """
    from torch.profiler import ProfilerActivity, profile, record_function

    prof = profile(activities=[ProfilerActivity.CPU], profile_memory=True)
    with _native_stderr_silenced():
        prof.start()
    try:
        cache = _prefill(model, ids[:, :context]) if context else None
        for t in news:
            with record_function(f"specq_step_{t}"):
                res = model(ids[:, context : context + t], past_key_values=cache, use_cache=True)
                del res
            if cache is not None:
                cache.crop(-t)
        del cache
    finally:
        with _native_stderr_silenced():
            prof.stop()
    try:
        events = list(prof.profiler.kineto_results.events())  # type: ignore[union-attr]
    except AttributeError:  # private API moved: say so rather than record a wrong number
        logger.warning("this torch build does not expose profiler memory events; activations not measured")
        return None
    mem = sorted((e.start_ns(), e.nbytes()) for e in events if e.name() == "[memory]")
    marks = {e.name(): (e.start_ns(), e.end_ns()) for e in events if e.name().startswith("specq_step_")}
    peaks: dict[int, int] = {}
    for t in news:
        start, end = marks[f"specq_step_{t}"]
        level = sum(n for ts, n in mem if ts < start)
        running, peak = level, level
        for ts, n in mem:
            if start <= ts <= end:
                running += n
                peak = max(peak, running)
        peaks[t] = peak - level
    return peaks


# --------------------------------------------------------------------------------------
# Fitting and zero-shot evaluation
# --------------------------------------------------------------------------------------


def _design(measurements: Sequence[Measurement], dtype: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    terms = np.array([cost_terms(m.arch, m.batch, m.new_tokens, m.context, dtype) for m in measurements])
    feats = np.array(
        [
            log_features(m.arch, m.batch, m.new_tokens, m.context, t)
            for m, t in zip(measurements, terms, strict=True)
        ]
    )
    seconds = np.array([m.seconds for m in measurements])
    return terms, feats, seconds


def _activation_design(measurements: Sequence[Measurement], dtype: str) -> tuple[np.ndarray, np.ndarray]:
    rows = [m for m in measurements if m.activation_bytes]
    x = np.array([activation_terms(m.arch, m.batch, m.new_tokens, m.context, dtype) for m in rows])
    y = np.array([float(m.activation_bytes or 0) for m in rows])
    return x.reshape(len(rows), len(ACTIVATION_TERMS)), y


def _fit_activation(measurements: Sequence[Measurement], dtype: str) -> Any | None:
    x, y = _activation_design(measurements, dtype)
    if len(y) < 2 * len(ACTIVATION_TERMS):
        return None
    with _one_thread():
        return _fit_relative_linear(x, y)


def _ape(pred: np.ndarray, true: np.ndarray) -> np.ndarray:
    return np.abs(pred - true) / true


@dataclass(frozen=True)
class ErrorStats:
    """Absolute percentage errors of predictions on held-out data."""

    n: int
    mape: float  # mean |pred - true| / true
    median_ape: float
    p90_ape: float
    p90_ratio: float  # 90th percentile of true / pred: > 1 means under-prediction happens

    @classmethod
    def of(cls, pred: np.ndarray, true: np.ndarray) -> ErrorStats:
        ape = _ape(pred, true)
        ratio = true / np.maximum(pred, 1e-12)
        return cls(
            len(ape), float(ape.mean()), float(np.median(ape)), float(np.quantile(ape, 0.9)),
            float(np.quantile(ratio, 0.9)),
        )  # fmt: skip


@dataclass
class Evaluation:
    """Zero-shot errors: each family predicted by a model fitted without it, and held-out configs."""

    # metric -> family -> errors. Metrics: time_<kind> for each TIME_KINDS, time_roofline,
    # activation (measured activation bytes), memory_total (weights + KV + activation).
    leave_family_out: dict[str, dict[str, ErrorStats]]
    # metric -> errors over 5 folds grouped by architecture (every family seen, configs unseen).
    held_out_configs: dict[str, ErrorStats]
    chosen_kind: str  # the time regressor with the lowest mean leave-family-out MAPE

    def to_json(self) -> dict[str, Any]:
        return {
            "leave_family_out": {
                k: {f: asdict(e) for f, e in v.items()} for k, v in self.leave_family_out.items()
            },
            "held_out_configs": {k: asdict(e) for k, e in self.held_out_configs.items()},
            "chosen_kind": self.chosen_kind,
        }


def _predict_split(
    train: Sequence[Measurement], test: Sequence[Measurement], dtype: str, roofline: RooflineConstants
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Predictions on ``test`` of every metric, from regressors fitted on ``train``."""
    tr_terms, tr_feats, tr_y = _design(train, dtype)
    te_terms, te_feats, te_y = _design(test, dtype)
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind in TIME_KINDS:
        reg = TimeRegressor.fit(kind, tr_terms, tr_feats, tr_y)
        out[f"time_{kind}"] = (reg.predict(te_terms, te_feats), te_y)
    out["time_roofline"] = (
        np.array(
            [roofline.step_seconds(step_ops(m.arch, m.batch, m.new_tokens, m.context, dtype)) for m in test]
        ),
        te_y,
    )
    act = _fit_activation(train, dtype)
    te_rows = [m for m in test if m.activation_bytes]
    if act is not None and te_rows:
        x, y = _activation_design(te_rows, dtype)
        pred_act = np.maximum(act.predict(x), 0.0)
        out["activation"] = (pred_act, y)
        fixed = np.array(
            [
                m.arch.weight_bytes(dtype)
                + m.batch * (m.context + m.new_tokens) * m.arch.kv_bytes_per_token(dtype)
                for m in te_rows
            ],
            dtype=np.float64,
        )
        out["memory_total"] = (fixed + pred_act, fixed + y)
    return out


def evaluate(
    measurements: Sequence[Measurement], dtype: str, roofline: RooflineConstants, folds: int = 5
) -> Evaluation:
    """Leave-one-family-out and held-out-config (grouped k-fold) errors of every predictor."""
    families = sorted({m.arch.family for m in measurements})
    lofo: dict[str, dict[str, ErrorStats]] = {}
    if len(families) > 1:
        for fam in families:
            train = [m for m in measurements if m.arch.family != fam]
            test = [m for m in measurements if m.arch.family == fam]
            for metric, (pred, true) in _predict_split(train, test, dtype, roofline).items():
                lofo.setdefault(metric, {})[fam] = ErrorStats.of(pred, true)
    arch_ids = sorted({m.arch_id for m in measurements})
    random.Random(0).shuffle(arch_ids)
    fold_of = {a: i % folds for i, a in enumerate(arch_ids)}
    pooled: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for k in range(min(folds, len(arch_ids))):
        train = [m for m in measurements if fold_of[m.arch_id] != k]
        test = [m for m in measurements if fold_of[m.arch_id] == k]
        for metric, (pred, true) in _predict_split(train, test, dtype, roofline).items():
            pooled.setdefault(metric, ([], []))
            pooled[metric][0].append(pred)
            pooled[metric][1].append(true)
    held = {k: ErrorStats.of(np.concatenate(p), np.concatenate(t)) for k, (p, t) in pooled.items()}
    scores = {
        kind: float(np.mean([e.mape for e in lofo[f"time_{kind}"].values()]))
        if lofo
        else held[f"time_{kind}"].mape
        for kind in TIME_KINDS
    }
    return Evaluation(lofo, held, min(scores, key=lambda k: scores[k]))


def fit_cost_model(
    profile: Profile, kind: str | None = None, run_evaluation: bool = True, normalize_speed: bool = False
) -> CostModel:
    """Fit time and activation regressors on a profile; ``kind=None`` picks the best zero-shot one.

    With ``normalize_speed`` (and reference timings in the profile) step times are first
    rescaled to the run's median machine speed (:func:`speed_normalized`). Off by default:
    on our profile the steps slowed about a quarter as much as the probe, so a full rescale
    added more noise than it removed (docs/costmodel.md).
    """
    ms = speed_normalized(profile.measurements) if normalize_speed else list(profile.measurements)
    refs = [float(m.reference_seconds or 0.0) for m in profile.measurements]
    normalized = normalize_speed and all(refs)
    n_archs = len({m.arch_id for m in ms})
    if n_archs < 3:
        raise ValueError(
            f"the profile has {n_archs} architectures; need at least 3 "
            "(run `specq cost profile` without --quick for a real fit)"
        )
    dtype, roofline = profile.header.dtype, profile.header.roofline
    evaluation = evaluate(ms, dtype, roofline) if run_evaluation else None
    chosen = kind or (evaluation.chosen_kind if evaluation else "hybrid")
    terms, feats, seconds = _design(ms, dtype)
    header = {k: v for k, v in asdict(profile.header).items() if k != "roofline"}
    manifest = {
        "version": MANIFEST_VERSION,
        "time_kind": chosen,
        "term_names": list(TERM_NAMES),
        "feature_names": list(SHAPE_FEATURES + ARCH_FEATURES),
        "activation_terms": list(ACTIVATION_TERMS),
        "speed_normalized": normalized,
        # The machine speed predictions are for: the reference probe's median seconds in the profile.
        "reference_median_seconds": statistics.median(refs) if normalized else None,
        # max_batch_size scales predicted activations by this: 90% of held-out steps fit under it.
        "activation_safety_factor": (
            max(1.0, evaluation.held_out_configs["activation"].p90_ratio)
            if evaluation and "activation" in evaluation.held_out_configs
            else 1.0
        ),
        "profile": {**header, "measurements": len(ms), "architectures": n_archs,
                    "families": sorted({m.arch.family for m in ms}),
                    "timer": sorted({m.timer for m in ms})},
        "roofline": asdict(roofline),
        "evaluation": evaluation.to_json() if evaluation else None,
        "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    return CostModel(
        TimeRegressor.fit(chosen, terms, feats, seconds), _fit_activation(ms, dtype), roofline, manifest
    )


# --------------------------------------------------------------------------------------
# The cost model callers use
# --------------------------------------------------------------------------------------


def default_dir() -> Path:
    """``<settings.data_dir>/costmodel``: profile, fitted artifact and roofline cache."""
    from specq.settings import get_settings

    return Path(get_settings().data_dir) / "costmodel"


class CostModel:
    """Predicts step seconds and step memory of causal LMs on the device it was profiled on."""

    def __init__(
        self,
        time_model: TimeRegressor | None,
        activation_model: Any | None,
        roofline: RooflineConstants,
        manifest: dict[str, Any] | None = None,
    ) -> None:
        self.time_model = time_model
        self.activation_model = activation_model
        self.roofline = roofline
        self.manifest = manifest or {}
        self.dtype: str = str(self.manifest.get("profile", {}).get("dtype", "float32"))

    @property
    def source(self) -> str:
        """``fitted`` (regressor from measurements) or ``roofline`` (analytic fallback)."""
        return "fitted" if self.time_model is not None else "roofline"

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, calibrate: bool = True) -> CostModel:
        """Load the fitted artifact in ``path`` (default ``<data_dir>/costmodel``), else the roofline.

        The roofline's constants come from a cached micro-benchmark; with ``calibrate=False``
        and no cache (callers that must not import torch) built-in guesses are used instead.
        """
        root = Path(path) if path is not None else default_dir()
        if (root / MANIFEST_FILE).is_file() and (root / ARTIFACT_FILE).is_file():
            manifest = json.loads((root / MANIFEST_FILE).read_text())
            if manifest.get("version") != MANIFEST_VERSION:
                raise ValueError(
                    f"{root / MANIFEST_FILE}: manifest version {manifest.get('version')}, this specq "
                    f"reads {MANIFEST_VERSION}; refit with `specq cost fit`"
                )
            current = {"term_names": list(TERM_NAMES), "feature_names": list(SHAPE_FEATURES + ARCH_FEATURES),
                       "activation_terms": list(ACTIVATION_TERMS)}  # fmt: skip
            stale = [k for k, v in current.items() if manifest.get(k) != v]
            if stale:
                raise ValueError(
                    f"{root}: fitted with other feature definitions ({', '.join(stale)}) than this specq "
                    "computes; refit with `specq cost fit` (the profile is still valid)"
                )
            estimators = _skops_load(root / ARTIFACT_FILE)
            time_model = TimeRegressor(
                manifest["time_kind"], estimators.get("linear"), estimators.get("boosted")
            )
            logger.info(
                "cost model: fitted %s regressor from %s (profiled on %s, %s thread(s))",
                time_model.kind,
                root,
                manifest["profile"]["device"],
                manifest["profile"]["threads"],
            )
            return cls(
                time_model, estimators.get("activation"), RooflineConstants(**manifest["roofline"]), manifest
            )
        roofline = _cached_roofline(root, calibrate)
        logger.warning(
            "cost model: no fitted artifact in %s; using the analytic roofline (%s constants). "
            "Run `specq cost profile` then `specq cost fit` for measured predictions.",
            root,
            "measured" if roofline.measured else "guessed",
        )
        return cls(None, None, roofline, {})

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write ``costmodel.skops`` and ``manifest.json`` into ``path`` (default: see :meth:`load`)."""
        import skops.io

        if self.time_model is None:
            raise ValueError("nothing to save: this cost model is the roofline fallback; fit one first")
        root = Path(path) if path is not None else default_dir()
        root.mkdir(parents=True, exist_ok=True)
        estimators = {
            "linear": self.time_model.linear,
            "boosted": self.time_model.boosted,
            "activation": self.activation_model,
        }
        skops.io.dump({k: v for k, v in estimators.items() if v is not None}, root / ARTIFACT_FILE)
        (root / MANIFEST_FILE).write_text(json.dumps(self.manifest, indent=2) + "\n")
        return root

    def step_seconds(
        self, config: ConfigLike, batch: int, new_tokens: int, context: int, *, dtype: str | None = None
    ) -> float:
        """Predicted seconds of one step: ``batch`` rows x ``new_tokens`` over ``context`` cached tokens."""
        return self.step_seconds_many(config, [(batch, new_tokens, context)], dtype=dtype)[0]

    def step_seconds_many(
        self, config: ConfigLike, shapes: Sequence[tuple[int, int, int]], *, dtype: str | None = None
    ) -> list[float]:
        """:meth:`step_seconds` for several ``(batch, new_tokens, context)`` shapes in one prediction."""
        spec = ArchSpec.from_config(config)
        dtype = dtype or self.dtype
        if self.time_model is None:
            return [self.roofline.step_seconds(step_ops(spec, b, t, c, dtype)) for b, t, c in shapes]
        terms = np.array([cost_terms(spec, b, t, c, dtype) for b, t, c in shapes])
        feats = np.array([log_features(spec, b, t, c, x) for (b, t, c), x in zip(shapes, terms, strict=True)])
        return [float(x) for x in self.time_model.predict(terms, feats)]

    def memory(
        self, config: ConfigLike, batch: int, context: int, dtype: str | Any = "float32", new_tokens: int = 1
    ) -> MemoryEstimate:
        """Peak memory of a step of ``new_tokens`` per row over ``context`` cached tokens, by component."""
        spec = ArchSpec.from_config(config)
        return MemoryEstimate(
            weights_bytes=spec.weight_bytes(dtype),
            kv_cache_bytes=batch * (context + new_tokens) * spec.kv_bytes_per_token(dtype),
            activation_bytes=self.activation_bytes(spec, batch, new_tokens, context, dtype),
            activation_source="fitted" if self.activation_model is not None else "analytic",
        )

    def memory_bytes(
        self, config: ConfigLike, batch: int, context: int, dtype: str | Any = "float32", new_tokens: int = 1
    ) -> int:
        """Total predicted peak bytes (weights + KV cache + activations) of a step; see :meth:`memory`."""
        return self.memory(config, batch, context, dtype, new_tokens).total_bytes

    def activation_bytes(
        self, spec: ArchSpec, batch: int, new_tokens: int, context: int, dtype: str | Any
    ) -> int:
        """Predicted transient activation peak of a step (fitted model, else analytic terms)."""
        x = activation_terms(spec, batch, new_tokens, context, dtype)
        if self.activation_model is None:
            return int(x @ _ANALYTIC_ACTIVATION_COEF)
        return int(max(0.0, float(self.activation_model.predict(x[None, :])[0])))


def _cached_roofline(root: Path, calibrate: bool) -> RooflineConstants:
    cache = root / "roofline.json"
    if cache.is_file():
        return RooflineConstants(**json.loads(cache.read_text()))
    if not calibrate:
        return _GUESSED_ROOFLINE
    constants = measure_roofline(_resolve_device())
    root.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(asdict(constants), indent=2) + "\n")
    return constants


def _resolve_device() -> str:
    import torch

    from specq.settings import get_settings

    device = get_settings().device
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


def _skops_load(path: Path) -> dict[str, Any]:
    import skops.io

    untrusted = skops.io.get_untrusted_types(file=path)
    unexpected = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
    if unexpected:
        raise ValueError(
            f"{path} holds types a cost model never contains: {unexpected}; "
            "refusing to load it. Refit with `specq cost fit`."
        )
    loaded = skops.io.load(path, trusted=untrusted)
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a dict of estimators, found {type(loaded).__name__}")
    return loaded


@functools.lru_cache(maxsize=2)
def get_cost_model(calibrate: bool = True) -> CostModel:
    """The process-wide default cost model (loaded once; ``get_cost_model.cache_clear()`` reloads)."""
    return CostModel.load(calibrate=calibrate)


# --------------------------------------------------------------------------------------
# Policies built on the cost model
# --------------------------------------------------------------------------------------


def max_batch_size(
    target_config: ConfigLike,
    draft_config: ConfigLike | None,
    context: int,
    k: int,
    memory_budget_bytes: int,
    cap: int,
    *,
    prompt_tokens: int | None = None,
    dtype: str | Any = "float32",
    include_weights: bool = False,
    cost_model: CostModel | None = None,
) -> int:
    """Largest batch (<= ``cap``) whose KV caches and peak activations fit ``memory_budget_bytes``.

    ``context`` is the longest sequence a row reaches (prompt + new tokens); ``prompt_tokens``
    (default ``context``, the conservative case) sizes the prefill's activations. Weights are
    outside the budget unless ``include_weights`` (``settings.worker_memory_mib`` is a budget
    for KV cache and activations). Predicted activations are scaled by the fitted model's
    ``activation_safety_factor`` (held-out 90th percentile of measured / predicted).
    Returns at least 1, logging a warning when even one row does not fit, so a worker still
    makes progress.
    """
    if cap < 1 or context < 1 or k < 0:
        raise ValueError(f"need cap >= 1, context >= 1, k >= 0; got cap={cap}, context={context}, k={k}")
    cm = cost_model or get_cost_model(calibrate=False)  # memory only: no roofline micro-benchmark
    target = ArchSpec.from_config(target_config)
    draft = ArchSpec.from_config(draft_config) if draft_config is not None else None
    prefill = min(prompt_tokens or context, context)

    safety = float(cm.manifest.get("activation_safety_factor", 1.0))

    def needed(batch: int) -> int:
        # Activations are transient and the draft and target run one after the other: take the max.
        acts = [
            cm.activation_bytes(target, batch, prefill, 0, dtype),
            cm.activation_bytes(target, batch, k + 1, context, dtype),
        ]
        kv = batch * (context + k + 1) * target.kv_bytes_per_token(dtype)
        weights = target.weight_bytes(dtype)
        if draft is not None:
            acts += [
                cm.activation_bytes(draft, batch, prefill, 0, dtype),
                cm.activation_bytes(draft, batch, 1, context + k, dtype),
            ]
            kv += batch * (context + k) * draft.kv_bytes_per_token(dtype)
            weights += draft.weight_bytes(dtype)
        return kv + int(safety * max(acts)) + (weights if include_weights else 0)

    if needed(1) > memory_budget_bytes:
        logger.warning(
            "one row of %s (context %d, k %d) needs %.1f MiB, over the %.1f MiB budget; using batch 1. "
            "Raise SPECQ_WORKER_MEMORY_MIB or lower max_new_tokens.",
            target.family,
            context,
            k,
            needed(1) / 2**20,
            memory_budget_bytes / 2**20,
        )
        return 1
    lo, hi = 1, cap  # needed() grows with batch: binary search for the last batch that fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needed(mid) <= memory_budget_bytes:
            lo = mid
        else:
            hi = mid - 1
    return lo


def speculation_cost_ratio(
    target_config: ConfigLike,
    draft_config: ConfigLike,
    batch: int,
    context: int,
    *,
    cost_model: CostModel | None = None,
) -> float:
    """Predicted seconds of one draft decode step over one target decode step (``c`` in Leviathan et al.)."""
    cm = cost_model or get_cost_model()
    return cm.step_seconds(draft_config, batch, 1, context) / cm.step_seconds(
        target_config, batch, 1, context
    )


def verify_cost_ratios(
    target_config: ConfigLike, batch: int, context: int, k_max: int, *, cost_model: CostModel | None = None
) -> list[float]:
    """Target step seconds for ``j + 1`` tokens over one token, for ``j = 0..k_max`` (entry 0 is 1.0)."""
    cm = cost_model or get_cost_model()
    seconds = cm.step_seconds_many(target_config, [(batch, j + 1, context) for j in range(k_max + 1)])
    return [x / seconds[0] for x in seconds]


def expected_tokens_per_step(acceptance_rate: float, k: int) -> float:
    """E[tokens per step] = (1 - a^(k+1)) / (1 - a): accepted drafts plus the target's own token."""
    a = min(max(acceptance_rate, 0.0), 1.0)
    return float(k + 1) if a >= 1.0 else (1.0 - a ** (k + 1)) / (1.0 - a)


def expected_speedup(acceptance_rate: float, cost_ratio: float, k: int, verify_ratio: float = 1.0) -> float:
    """Speed-up over plain decoding: E[tokens per step] / (k * c + verify cost of k + 1 tokens)."""
    return expected_tokens_per_step(acceptance_rate, k) / (k * cost_ratio + verify_ratio)


def choose_k(
    acceptance_rate: float, cost_ratio: float, k_max: int, verify_cost: Sequence[float] | None = None
) -> int:
    """Speculation length in ``0..k_max`` with the best expected speed-up; 0 when speculation does not pay.

    ``acceptance_rate`` is the per-token acceptance probability ``a``, ``cost_ratio`` the draft
    step over the target step ``c``; ``verify_cost[j]`` the target's cost of ``j + 1`` tokens
    relative to one (see :func:`verify_cost_ratios`; default 1.0, i.e. free extra tokens).
    """
    if k_max < 0 or cost_ratio < 0:
        raise ValueError(f"need k_max >= 0 and cost_ratio >= 0; got {k_max}, {cost_ratio}")
    if verify_cost is not None and len(verify_cost) < k_max + 1:
        raise ValueError(f"verify_cost has {len(verify_cost)} entries; need k_max + 1 = {k_max + 1}")
    best_k, best = 0, 1.0  # k = 0 is plain decoding: one token per target step
    for k in range(1, k_max + 1):
        verify = verify_cost[k] / verify_cost[0] if verify_cost is not None else 1.0
        gain = expected_speedup(acceptance_rate, cost_ratio, k, verify)
        if gain > best:
            best_k, best = k, gain
    return best_k


def estimate_job_seconds(
    remaining_prompts: int,
    mean_new_tokens: float,
    *,
    measured_seconds_per_token: float | None = None,
    target_config: ConfigLike | None = None,
    draft_config: ConfigLike | None = None,
    mean_prompt_tokens: float = 128.0,
    batch: int = 8,
    acceptance_rate: float | None = None,
    k: int | None = None,
    workers: int = 1,
    cost_model: CostModel | None = None,
) -> float:
    """Seconds left for a job: remaining prompts x new tokens x per-token cost.

    With ``measured_seconds_per_token`` (wall seconds per output token so far, all workers
    together) that rate is used. Otherwise the cost is predicted for ``target_config``
    (and ``draft_config`` with ``acceptance_rate``; ``k`` defaults to :func:`choose_k`):
    per batch one prefill and ceil(new tokens / E[tokens per step]) steps, spread over ``workers``.
    """
    if remaining_prompts <= 0:
        return 0.0
    if measured_seconds_per_token is not None:
        return remaining_prompts * mean_new_tokens * measured_seconds_per_token
    if target_config is None:
        raise ValueError("estimate_job_seconds needs measured_seconds_per_token or target_config")
    cm = cost_model or get_cost_model()
    batch = max(1, min(batch, remaining_prompts))
    prompt = max(1, int(round(mean_prompt_tokens)))
    mid_context = prompt + int(mean_new_tokens / 2)  # average cache length over the generation
    prefill = cm.step_seconds(target_config, batch, prompt, 0)
    step = cm.step_seconds(target_config, batch, 1, mid_context)
    tokens_per_step = 1.0
    if draft_config is not None and acceptance_rate is not None:
        draft_step = cm.step_seconds(draft_config, batch, 1, mid_context)
        if k is None:
            verify = verify_cost_ratios(target_config, batch, mid_context, 8, cost_model=cm)
            k = choose_k(acceptance_rate, draft_step / step, 8, verify)
        if k > 0:
            prefill += cm.step_seconds(draft_config, batch, prompt, 0)
            step = cm.step_seconds(target_config, batch, k + 1, mid_context) + k * draft_step
            tokens_per_step = expected_tokens_per_step(acceptance_rate, k)
    batches = math.ceil(remaining_prompts / batch)
    per_batch = prefill + math.ceil(mean_new_tokens / tokens_per_step) * step
    return batches * per_batch / max(1, workers)
