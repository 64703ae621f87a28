"""Per-op cost of one forward step and the features the regressors read.

`step_ops` lists FLOPs, bytes and kernel launches of a step of ``batch`` rows, each feeding
``new_tokens`` tokens over ``context`` cached tokens (prefill: ``context=0``; decode:
``new_tokens=1``; speculative verify: ``new_tokens=k+1``); `cost_terms`, `log_features` and
`activation_terms` turn a step into regressor inputs.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from models.costmodel.arch import ACTIVATION_OPS, ArchSpec, dtype_bytes

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


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
    act_ops = ACTIVATION_OPS.get(spec.activation, 1) + spec.gated_mlp  # gated: times the up projection
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
ANALYTIC_ACTIVATION_COEF = np.array([0.0, 1.0, 3.0, 1.0, 1.0, 1.0, 4.0, 1.0])


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
