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

The package, one module per job: `arch` (ArchSpec), `features` (per-op costs, regressor
features), `roofline` (the fallback), `regressor`, `profile` (the measurements file),
`measure` (timing and memory of one model's steps), `profiling` (`specq cost profile`),
`fit` (fitting and zero-shot evaluation), `artifact` (`CostModel`), `planning` (batch size,
speculation length, job time). This module only re-exports their public names.
"""

from __future__ import annotations

from models.costmodel.arch import FAMILIES, ArchSpec, ConfigLike, dtype_bytes
from models.costmodel.artifact import (
    ARTIFACT_FILE,
    MANIFEST_FILE,
    MANIFEST_VERSION,
    PROFILE_FILE,
    CostModel,
    default_dir,
    get_cost_model,
)
from models.costmodel.features import (
    ACTIVATION_TERMS,
    ARCH_FEATURES,
    SHAPE_FEATURES,
    TERM_NAMES,
    MemoryEstimate,
    OpCost,
    activation_terms,
    cost_terms,
    log_features,
    step_ops,
)
from models.costmodel.fit import ErrorStats, Evaluation, evaluate, fit_cost_model
from models.costmodel.measure import measure_steps
from models.costmodel.planning import (
    batch_seconds,
    choose_speculation_length,
    estimate_job_seconds,
    expected_speedup,
    expected_tokens_per_step,
    max_batch_size,
    session_seconds,
    speculation_cost_ratio,
    verify_cost_ratios,
)
from models.costmodel.profile import Measurement, Profile, ProfileHeader
from models.costmodel.profiling import (
    QUICK_PLAN,
    ProfilePlan,
    build_model,
    profile_architectures,
    sample_config,
    speed_normalized,
)
from models.costmodel.regressor import TIME_KINDS, TimeRegressor
from models.costmodel.roofline import RooflineConstants, measure_roofline

__all__ = [
    "ACTIVATION_TERMS",
    "ARCH_FEATURES",
    "ARTIFACT_FILE",
    "ArchSpec",
    "ConfigLike",
    "CostModel",
    "ErrorStats",
    "Evaluation",
    "FAMILIES",
    "MANIFEST_FILE",
    "MANIFEST_VERSION",
    "Measurement",
    "MemoryEstimate",
    "OpCost",
    "PROFILE_FILE",
    "Profile",
    "ProfileHeader",
    "ProfilePlan",
    "QUICK_PLAN",
    "RooflineConstants",
    "SHAPE_FEATURES",
    "TERM_NAMES",
    "TIME_KINDS",
    "TimeRegressor",
    "activation_terms",
    "batch_seconds",
    "build_model",
    "choose_speculation_length",
    "cost_terms",
    "default_dir",
    "dtype_bytes",
    "estimate_job_seconds",
    "evaluate",
    "expected_speedup",
    "expected_tokens_per_step",
    "fit_cost_model",
    "get_cost_model",
    "log_features",
    "max_batch_size",
    "measure_roofline",
    "measure_steps",
    "profile_architectures",
    "sample_config",
    "session_seconds",
    "speculation_cost_ratio",
    "speed_normalized",
    "step_ops",
    "verify_cost_ratios",
]
