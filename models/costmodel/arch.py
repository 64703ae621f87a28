"""The structural representation of a decoder-only causal LM: its config read as an `ArchSpec`.

Weight and KV-cache bytes follow from it exactly (the parameter count equals the built model's
numel).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


# A model config as callers hold it: an ArchSpec, a transformers PretrainedConfig (anything
# with ``to_dict()``), a config dict, or a path to a model directory / config.json / hub id.
ConfigLike = Any


# Families the profiler builds; any other model_type is read with llama-like defaults.
FAMILIES: tuple[str, ...] = ("llama", "mistral", "qwen2", "qwen3", "gemma", "gpt2", "gpt_neox")

_DEFAULT_ACTIVATION = {"gpt2": "gelu_new", "gpt_neox": "gelu", "gemma": "gelu_pytorch_tanh"}
# Top-level torch ops of activations HF writes out in Python (one op for the fused ones).
ACTIVATION_OPS = {"gelu_new": 8, "gelu_fast": 6, "quick_gelu": 2}

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
