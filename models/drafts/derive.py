"""Drafts derived from a target, for model families without a small sibling.

A *layer-truncated* draft is the target's first N decoder layers with the target's own
embedding, final norm and LM head: no training, the target's tokenizer, and its hidden
states after N layers read out by the head the target uses after all of them. Its step
cost is not N/L of the target's: the embedding lookup and, above all, the LM head over
the whole vocabulary are paid in full (with 49k tokens and a 576-wide model the head is
~28M multiply-adds per token, as much as five SmolLM2 layers), which `measure_step`
shows and the real zoo's manifest records.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

logger = logging.getLogger(__name__)

_LAYER_KEY = re.compile(r"(?:^|\.)layers\.(\d+)\.")
# Per-layer lists some configs carry (Gemma 3: sliding/full attention per layer).
_PER_LAYER_CONFIG = ("layer_types",)


@dataclass(frozen=True)
class DerivedDraft:
    """A draft written by `truncate_layers`."""

    out_dir: Path
    target: Path
    num_layers: int  # decoder layers kept
    target_layers: int
    parameters: int


def truncate_layers(target_dir: str | Path, out_dir: str | Path, num_layers: int) -> DerivedDraft:
    """Write the first `num_layers` decoder layers of the target in `target_dir` as a draft model.

    Embedding, final norm and LM head are the target's; the tokenizer files are copied, so the
    draft passes `models.loading.check_same_tokenizer` against its target.
    """
    target = Path(target_dir)
    out = Path(out_dir)
    config = AutoConfig.from_pretrained(target, trust_remote_code=False)
    text_config = config.get_text_config(decoder=True)
    total = int(text_config.num_hidden_layers)
    if not 1 <= num_layers < total:
        raise ValueError(
            f"a truncated draft of {target} keeps 1..{total - 1} of its {total} layers, not {num_layers}"
        )
    source = AutoModelForCausalLM.from_pretrained(
        target, dtype=torch.float32, use_safetensors=True, trust_remote_code=False
    )
    text_config.num_hidden_layers = num_layers
    for name in _PER_LAYER_CONFIG:
        per_layer = getattr(text_config, name, None)
        if isinstance(per_layer, list):
            setattr(text_config, name, per_layer[:num_layers])
    draft = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    kept = {
        key: value
        for key, value in source.state_dict().items()
        if (m := _LAYER_KEY.search(key)) is None or int(m.group(1)) < num_layers
    }
    draft.load_state_dict(kept, strict=True)
    draft.generation_config = source.generation_config
    out.mkdir(parents=True, exist_ok=True)
    draft.save_pretrained(out)
    AutoTokenizer.from_pretrained(target).save_pretrained(out)
    info = {"derived_from": str(target.resolve()), "kind": "truncated", "layers": num_layers, "of": total}
    (out / "specq_derived.json").write_text(json.dumps(info, indent=2) + "\n")
    parameters = sum(p.numel() for p in draft.parameters())
    logger.info("wrote the %d-of-%d-layer draft of %s to %s", num_layers, total, target, out)
    return DerivedDraft(out.resolve(), target.resolve(), num_layers, total, parameters)


def sorted_from_layers(target_dir: str | Path, out_dir: str | Path, exits: tuple[int, ...]) -> DerivedDraft:
    """Write the target's first ``exits[-1]`` layers as a sorted (S2D) draft with exits at ``exits``.

    The nested sub-models of one network, in S2D's setting: every exit reads its hidden state
    through the target's own final norm and LM head (`models.drafts.sorted.SortedDraft`). Only
    Llama-architecture targets: the sorted draft's layers are written out for Llama.
    """
    from transformers import LlamaForCausalLM

    from models.drafts.sorted.model import SortedDraft

    config = AutoConfig.from_pretrained(target_dir, trust_remote_code=False)
    if config.model_type != "llama":
        raise ValueError(
            f"a sorted draft is a Llama decoder; {target_dir} is {config.model_type!r}: "
            "derive a truncated draft (truncate_layers) instead"
        )
    if not exits or list(exits) != sorted(set(exits)) or exits[0] < 1:
        raise ValueError(f"sorted draft exits must be increasing depths >= 1, got {exits}")
    derived = truncate_layers(target_dir, out_dir, exits[-1])
    lm = LlamaForCausalLM.from_pretrained(derived.out_dir, dtype=torch.float32, use_safetensors=True)
    SortedDraft(lm, exits).save(derived.out_dir)
    info = {
        "derived_from": str(derived.target),
        "kind": "sorted",
        "layers": exits[-1],
        "exits": list(exits),
        "of": derived.target_layers,
    }
    (derived.out_dir / "specq_derived.json").write_text(json.dumps(info, indent=2) + "\n")
    logger.info("wrote the sorted draft of %s (exits %s) to %s", target_dir, list(exits), derived.out_dir)
    return derived
