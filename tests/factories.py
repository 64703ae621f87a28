"""The suite's one tiny Llama: a config-built random model, exact in float64 for lossless checks."""

from __future__ import annotations

import copy

import torch
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedModel


def tiny_llama(
    seed: int,
    vocab: int,
    *,
    layers: int = 2,
    hidden: int = 32,
    heads: int = 4,
    kv_heads: int = 2,
    max_positions: int = 256,
    bos: int | None = None,
    eos: int | None = None,
    double: bool = True,
) -> LlamaForCausalLM:
    """A random Llama (``intermediate = 2 x hidden``) seeded by ``seed``, in eval mode.

    ``double``: float64, so speculative and plain decoding can be compared token for token
    without float32 ties flipping an argmax; False for models saved to disk as a user's are.
    """
    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=vocab,
        hidden_size=hidden,
        intermediate_size=2 * hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=max_positions,
        bos_token_id=bos,
        eos_token_id=eos,
        pad_token_id=None,
    )
    model = LlamaForCausalLM(config)
    return (model.double() if double else model).eval()


def perturbed(model: PreTrainedModel, scale: float, seed: int = 7) -> PreTrainedModel:
    """A copy of ``model`` with Gaussian noise on every weight: a draft that agrees only partly."""
    torch.manual_seed(seed)
    copy_ = copy.deepcopy(model)
    with torch.no_grad():
        for p in copy_.parameters():
            p.add_(torch.randn_like(p) * scale * p.std().clamp(min=1e-3))
    return copy_


def make_prompts(n: int, vocab: int, seed: int = 0, max_len: int = 12) -> list[list[int]]:
    """``n`` random prompts of 1..max_len tokens."""
    g = torch.Generator().manual_seed(seed)
    lengths = torch.randint(1, max_len + 1, (n,), generator=g).tolist()
    return [torch.randint(0, vocab, (length,), generator=g).tolist() for length in lengths]


def greedy_reference(model: PreTrainedModel, prompt: list[int], max_new: int) -> list[int]:
    """The model's own greedy decoding of one prompt (``generate``), cut after eos."""
    ids = torch.tensor([prompt])
    out = model.generate(
        ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=max_new, pad_token_id=0
    )
    new = out[0, len(prompt) :].tolist()
    eos = model.generation_config.eos_token_id
    if eos is not None and eos in new:  # generate pads after eos with pad_token_id
        new = new[: new.index(eos) + 1]
    return new
