"""Pretraining the zoo's Llama models from scratch: packing, the loop, and a step-cost probe."""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerBase

from models.training import lr_at
from models.zoo.presets import ModelSpec
from models.zoo.progress import StepCallback

logger = logging.getLogger(__name__)


def llama_config(spec: ModelSpec, tokenizer: PreTrainedTokenizerBase, context: int) -> LlamaConfig:
    """A Llama config for `spec` over `tokenizer`, with a `context`-token window."""
    return LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=spec.hidden_size,
        intermediate_size=spec.intermediate_size,
        num_hidden_layers=spec.num_layers,
        num_attention_heads=spec.num_heads,
        num_key_value_heads=spec.num_kv_heads,
        max_position_embeddings=context,
        tie_word_embeddings=True,  # halves the parameters of these small-vocabulary models
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=None,
    )


def pack(texts: Sequence[str], tokenizer: PreTrainedTokenizerBase, seq_len: int) -> torch.Tensor:
    """Tokenize `texts`, join them with EOS after each, and cut into (N, seq_len) blocks (tail dropped)."""
    eos = tokenizer.eos_token_id
    stream: list[int] = []
    for ids in tokenizer(list(texts), add_special_tokens=False)["input_ids"]:
        stream.extend(ids)
        stream.append(eos)
    n = len(stream) // seq_len
    if n == 0:
        raise ValueError(f"corpus has {len(stream)} tokens, fewer than one block of {seq_len}; add texts")
    return torch.tensor(stream[: n * seq_len], dtype=torch.long).view(n, seq_len)


def train_lm(
    model: LlamaForCausalLM,
    blocks: torch.Tensor,
    spec: ModelSpec,
    seed: int,
    on_step: StepCallback | None = None,
) -> float:
    """Train `model` on packed `blocks` (N, T) for spec.steps; returns the mean loss of the last 10% steps."""
    gen = torch.Generator().manual_seed(seed)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
        lr=spec.lr,
        betas=(0.9, 0.95),
    )
    model.train()
    order = torch.randperm(len(blocks), generator=gen)
    cursor, tail = 0, []
    for step in range(spec.steps):
        if cursor + spec.batch_size > len(order):  # a new epoch in a new order
            order, cursor = torch.randperm(len(blocks), generator=gen), 0
        batch = blocks[order[cursor : cursor + spec.batch_size]]  # (B, T)
        cursor += spec.batch_size
        for group in opt.param_groups:
            group["lr"] = lr_at(step, spec.steps, spec.lr)
        loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        value = loss.detach().item()
        if step >= spec.steps - max(1, spec.steps // 10):
            tail.append(value)
        if on_step is not None:
            on_step(step, value)
    model.eval()
    return statistics.fmean(tail)


def train_model(
    spec: ModelSpec,
    texts: Sequence[str],
    tokenizer: PreTrainedTokenizerBase,
    context: int,
    seq_len: int,
    seed: int,
    out_dir: Path,
    on_step: StepCallback | None = None,
) -> tuple[LlamaForCausalLM, float]:
    """Build, train and save one zoo model as a hub directory (safetensors + tokenizer).

    Returns the trained model (in eval mode) and its final training loss.
    """
    torch.manual_seed(seed)
    model = LlamaForCausalLM(llama_config(spec, tokenizer, context))
    blocks = pack(texts, tokenizer, seq_len)
    logger.info(
        "training %s: %.2fM parameters, %d steps x %d blocks of %d tokens (%d blocks in the corpus)",
        out_dir.name,
        sum(p.numel() for p in model.parameters()) / 1e6,
        spec.steps,
        spec.batch_size,
        seq_len,
        len(blocks),
    )
    loss = train_lm(model, blocks, spec, seed, on_step)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    logger.info("%s: final training loss %.3f", out_dir.name, loss)
    return model, loss


@dataclass(frozen=True)
class StepCost:
    """Wall time of one cached decoding step, in milliseconds."""

    min_ms: float  # the least interfered-with repeat: closest to the machine's own speed
    median_ms: float  # typical, contention included


def measure_step(model: LlamaForCausalLM, batch: int = 1, context: int = 128, repeats: int = 100) -> StepCost:
    """Time one cached decoding step of `model`: `batch` rows, one new token each after `context` tokens."""
    gen = torch.Generator().manual_seed(0)
    ids = torch.randint(0, model.config.vocab_size, (batch, context), generator=gen)
    times = []
    with torch.inference_mode():
        out = model(input_ids=ids, use_cache=True)
        cache, token = out.cache, ids[:, -1:]
        for _ in range(repeats):
            t0 = time.perf_counter()
            out = model(input_ids=token, cache=cache, use_cache=True)
            times.append(time.perf_counter() - t0)
            cache = out.cache
    return StepCost(1e3 * min(times), 1e3 * statistics.median(times))
