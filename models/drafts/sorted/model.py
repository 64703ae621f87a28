"""The sorted draft: a Llama decoder with exits at several depths sharing one final norm and LM head.

The deepest exit is exactly the saved ``LlamaForCausalLM``, so any Hugging Face code loads the
directory as a plain draft too; ``config.json`` records the exits under ``sorted_exits``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from transformers import LlamaConfig, LlamaForCausalLM

from models.drafts.vocab import load_vocab_subset, restrict_head

logger = logging.getLogger(__name__)


# Bumped whenever training or the saved format changes; the zoo's cache key includes it.
SORTED_DRAFT_VERSION = "2"


@dataclass(frozen=True)
class SortedPreset:
    """Architecture and SoFT schedule of a sorted draft."""

    hidden_size: int  # model width C
    exits: tuple[int, ...]  # depths with an exit, increasing; the last one is the number of layers
    num_heads: int  # attention heads
    num_kv_heads: int  # key/value heads (GQA when fewer than num_heads)
    intermediate_size: int  # MLP width
    seq_len: int  # training block length in tokens
    batch_size: int  # blocks per optimizer step
    steps: int  # optimizer steps
    lr: float  # peak AdamW learning rate (cosine decay after a short warm-up)
    max_position_embeddings: int = 2048  # RoPE range the draft is configured for
    seed: int = 0  # init and batch-order seed


PRESETS: dict[str, SortedPreset] = {
    # Seconds: the tiny zoo's draft shape and token budget, with two more layers as deeper exits.
    "tiny": SortedPreset(
        hidden_size=32,
        exits=(1, 2, 3),
        num_heads=2,
        num_kv_heads=1,
        intermediate_size=96,
        seq_len=128,
        batch_size=16,
        steps=160,
        lr=6e-3,
    ),
    # Minutes on two CPU cores (0.8M training tokens, 40% of the zoo draft's). Width and MLP match
    # the bench zoo's 2-layer general draft: exit 2 has that draft's shape, deeper exits add layers.
    "bench": SortedPreset(
        hidden_size=128,
        exits=(2, 4, 6),
        num_heads=4,
        num_kv_heads=2,
        intermediate_size=384,
        seq_len=256,
        batch_size=8,
        steps=400,
        lr=3e-3,
    ),
}


# attend_to(layer, k, v) -> (keys, values, mask): stores this call's k, v (B, kvh, T, hd) and returns
# all keys/values (B, kvh, S, hd) and a (B, 1, T, S) bool mask (True = may attend).
KVStore = Callable[[int, torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor, torch.Tensor]]


class SortedDraft(torch.nn.Module):
    """A Llama decoder with exits at several depths sharing the final norm and LM head."""

    def __init__(self, lm: LlamaForCausalLM, exits: Sequence[int]) -> None:
        super().__init__()
        exits = tuple(int(e) for e in exits)
        n_layers = lm.config.num_hidden_layers
        if not exits or list(exits) != sorted(set(exits)) or exits[0] < 1 or exits[-1] != n_layers:
            raise ValueError(
                f"sorted draft exits must be increasing depths in 1..{n_layers} ending at {n_layers}, "
                f"got {exits}"
            )
        self.lm = lm
        self.exits = exits
        lm.config.sorted_exits = list(exits)
        attn = lm.model.layers[0].self_attn
        self.head_dim: int = attn.head_dim
        self.num_kv_heads = int(lm.config.num_key_value_heads or lm.config.num_attention_heads)
        self.scaling: float = attn.scaling

    @property
    def config(self) -> LlamaConfig:
        return self.lm.config

    @property
    def num_layers(self) -> int:
        return int(self.lm.config.num_hidden_layers)

    @property
    def hidden_size(self) -> int:
        return int(self.lm.config.hidden_size)

    @property
    def device(self) -> torch.device:
        return self.lm.lm_head.weight.device

    @property
    def dtype(self) -> torch.dtype:
        return self.lm.lm_head.weight.dtype

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        return self.lm.model.embed_tokens(ids)

    def rope(self, x: torch.Tensor, positions: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.lm.model.rotary_emb(x, positions)

    def head(self, h: torch.Tensor) -> torch.Tensor:
        """Exit logits from a hidden state at any depth: the shared final norm and LM head."""
        return self.lm.lm_head(self.lm.model.norm(h))

    def layer(
        self,
        idx: int,
        x: torch.Tensor,  # (B, T, C) input of layer idx (0-based)
        rope: tuple[torch.Tensor, torch.Tensor],  # cos, sin (B, T, head_dim)
        attend_to: KVStore | None = None,
    ) -> torch.Tensor:
        """One decoder layer, written out so early exit can own its KV cache.

        Without ``attend_to`` the layer attends causally within ``x`` (training, full
        forwards). With it, this call's keys/values go to the store, which returns the
        keys, values and mask to attend to (see `EarlyExitCache`).
        """
        block = self.lm.model.layers[idx]
        attn = block.self_attn
        bsz, t, _ = x.shape
        h = block.input_layernorm(x)
        cos, sin = rope[0].unsqueeze(1), rope[1].unsqueeze(1)
        q = attn.q_proj(h).view(bsz, t, -1, self.head_dim).transpose(1, 2)  # (B, H, T, hd)
        k = attn.k_proj(h).view(bsz, t, -1, self.head_dim).transpose(1, 2)  # (B, kvh, T, hd)
        v = attn.v_proj(h).view(bsz, t, -1, self.head_dim).transpose(1, 2)
        q = q * cos + _rotate_half(q) * sin
        k = k * cos + _rotate_half(k) * sin
        if attend_to is None:
            o = F.scaled_dot_product_attention(q, k, v, is_causal=t > 1, scale=self.scaling, enable_gqa=True)
        else:
            keys, values, mask = attend_to(idx, k, v)
            o = F.scaled_dot_product_attention(
                q, keys, values, attn_mask=mask, scale=self.scaling, enable_gqa=True
            )
        x = x + attn.o_proj(o.transpose(1, 2).reshape(bsz, t, -1))
        return x + block.mlp(block.post_attention_layernorm(x))

    def project_kv(
        self, idx: int, x: torch.Tensor, rope: tuple[torch.Tensor, torch.Tensor]
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Keys and values layer idx would make from input x (B, T, C): 2 x (B, kvh, T, hd)."""
        block = self.lm.model.layers[idx]
        attn = block.self_attn
        bsz, t, _ = x.shape
        h = block.input_layernorm(x)
        cos, sin = rope[0].unsqueeze(1), rope[1].unsqueeze(1)
        k = attn.k_proj(h).view(bsz, t, -1, self.head_dim).transpose(1, 2)
        v = attn.v_proj(h).view(bsz, t, -1, self.head_dim).transpose(1, 2)
        return k * cos + _rotate_half(k) * sin, v

    def forward(self, input_ids: torch.Tensor) -> list[torch.Tensor]:
        """Full causal forward; returns each exit's logits, shallowest first: E x (B, T, V).

        Rows may be right-padded: causal attention never lets a real token see padding.
        """
        x = self.embed(input_ids)
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).expand(input_ids.shape[0], -1)
        rope = self.rope(x, positions)
        out: list[torch.Tensor] = []
        for idx in range(self.num_layers):
            x = self.layer(idx, x, rope)
            if idx + 1 in self.exits:
                out.append(self.head(x))
        return out

    def save(self, out_dir: Path) -> Path:
        """Write config.json (with ``sorted_exits``) and model.safetensors."""
        self.lm.config.sorted_exits = list(self.exits)
        self.lm.config.specq_sorted_draft_version = SORTED_DRAFT_VERSION
        self.lm.save_pretrained(out_dir, safe_serialization=True)
        return out_dir


def _rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def new_sorted_draft(
    vocab_size: int,
    preset: SortedPreset,
    exits: Sequence[int] | None = None,
    *,
    bos_token_id: int | None = None,
    eos_token_id: int | None = None,
    pad_token_id: int | None = None,
) -> SortedDraft:
    """A randomly initialised sorted draft.

    ``exits`` overrides the preset's and the model gets ``exits[-1]`` layers: ``(4,)`` is
    an ordinary 4-layer draft of the same width, the fixed-depth baseline.
    """
    exits = tuple(exits) if exits is not None else preset.exits
    if not exits:
        raise ValueError("a sorted draft needs at least one exit depth")
    torch.manual_seed(preset.seed)
    config = LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=preset.hidden_size,
        intermediate_size=preset.intermediate_size,
        num_hidden_layers=exits[-1],
        num_attention_heads=preset.num_heads,
        num_key_value_heads=preset.num_kv_heads,
        max_position_embeddings=preset.max_position_embeddings,
        tie_word_embeddings=True,
        bos_token_id=bos_token_id,
        eos_token_id=eos_token_id,
        pad_token_id=pad_token_id,
    )
    return SortedDraft(LlamaForCausalLM(config), exits)


def load_sorted_draft(
    path: str | Path,
    device: str | torch.device = "cpu",
    dtype: torch.dtype | None = None,
    head_subset: bool = True,
) -> SortedDraft:
    """Load a sorted draft directory (safetensors only); exits come from ``config.json``.

    ``head_subset``: apply the frequency-ranked head the directory records (``specq_vocab.json``),
    as served; False loads the full head (to train the draft further).
    """
    path = Path(path)
    if not (path / "config.json").is_file():
        raise FileNotFoundError(
            f"no sorted draft at {path}: config.json missing (build it with `specq zoo build`)"
        )
    lm = LlamaForCausalLM.from_pretrained(path, use_safetensors=True, dtype=dtype)
    exits = getattr(lm.config, "sorted_exits", None)
    if not exits:
        raise ValueError(
            f"{path}/config.json has no `sorted_exits`: not a sorted draft; "
            'use it as an ordinary draft (kind = "model")'
        )
    subset = load_vocab_subset(path) if head_subset else None
    if subset is not None:  # a frequency-ranked head (models.drafts.vocab): every exit scores the subset
        restrict_head(lm, subset)
    model = SortedDraft(lm, exits).to(device)
    model.eval()
    return model


def parameter_bytes(model: torch.nn.Module) -> int:
    """Bytes of a model's weights, tied tensors counted once."""
    seen: set[int] = set()
    total = 0
    for t in [*model.parameters(), *model.buffers()]:
        if t.data_ptr() not in seen:
            seen.add(t.data_ptr())
            total += t.numel() * t.element_size()
    return total


_SHARED: dict[tuple[str, str, str], SortedDraft] = {}
_SHARED_LOCK = threading.Lock()


def get_shared_sorted_draft(
    path: str | Path, device: str | torch.device = "cpu", dtype: torch.dtype | None = None
) -> SortedDraft:
    """The process-wide copy of a sorted draft: one set of weights for every target it serves.

    Decode workers serving several targets call this instead of `load_sorted_draft`;
    each target gets its own `SortedProposer` (own cache, own thresholds) over it.
    """
    key = (str(Path(path).resolve()), str(torch.device(device)), str(dtype))
    with _SHARED_LOCK:
        model = _SHARED.get(key)
        if model is None:
            model = load_sorted_draft(path, device=device, dtype=dtype)
            _SHARED[key] = model
            logger.info("loaded sorted draft %s on %s (shared by every target in this process)", path, device)
        return model
