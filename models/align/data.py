"""Data preparation: prompt files read and encoded, a held-out split, the target's responses and
its top-k distributions at every response position.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from models.align.config import AlignConfig
from models.engine.speculative import SamplingParams, SpecDecoder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PromptRecord:
    """One line of a prompts JSONL file: a plain prompt or chat messages."""

    custom_id: str
    prompt: str | None = None
    messages: list[dict[str, str]] | None = None
    task: str | None = None


def read_prompts(path: Path, task: str | None = None) -> list[PromptRecord]:
    """Read a prompts JSONL file; with `task`, keep the lines labelled with it (and unlabelled ones)."""
    records = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(
                    f"{path}:{lineno}: invalid JSON ({err.msg}); fix or remove the line"
                ) from err
            if not isinstance(row, dict) or ("prompt" not in row and "messages" not in row):
                raise ValueError(f"{path}:{lineno}: expected an object with a 'prompt' or 'messages' field")
            if task is not None and row.get("task") not in (None, task):
                continue
            records.append(
                PromptRecord(
                    custom_id=str(row.get("custom_id", f"line-{lineno}")),
                    prompt=row.get("prompt"),
                    messages=row.get("messages"),
                    task=row.get("task"),
                )
            )
    if not records:
        raise ValueError(f"{path}: no prompts" + (f" labelled task {task!r}" if task else ""))
    return records


def encode_prompts(
    tokenizer: PreTrainedTokenizerBase, records: Sequence[PromptRecord], max_len: int
) -> list[list[int]]:
    """Token ids of each prompt (chat messages through the chat template), cut to the last `max_len`."""
    out = []
    for r in records:
        ids: list[int]
        if r.messages is not None:
            rendered = tokenizer.apply_chat_template(r.messages, add_generation_prompt=True, tokenize=False)
            ids = tokenizer(str(rendered), add_special_tokens=False)["input_ids"]
        else:
            ids = tokenizer(r.prompt or "", add_special_tokens=False)["input_ids"]
        if not ids:
            raise ValueError(f"prompt {r.custom_id!r} is empty after tokenization")
        # Keep the end of a long prompt: the response continues from it.
        out.append(list(ids[-max_len:]))
    return out


# --------------------------------------------------------------------------------------------- acceptance


def split_prompts(
    prompts: Path | Sequence[PromptRecord],
    eval_prompts: Path | Sequence[PromptRecord] | None,
    task: str | None,
    config: AlignConfig,
) -> tuple[list[PromptRecord], list[PromptRecord]]:
    """(training, held-out) prompt records; without `eval_prompts` a seeded share is held out."""
    records = read_prompts(prompts, task) if isinstance(prompts, Path | str) else list(prompts)
    if eval_prompts is not None:
        evals = (
            read_prompts(eval_prompts, task) if isinstance(eval_prompts, Path | str) else list(eval_prompts)
        )
        return records, evals
    shuffled = records[:]
    random.Random(config.seed).shuffle(shuffled)
    n_eval = max(1, round(len(shuffled) * config.heldout_fraction))
    if len(shuffled) - n_eval < 1:
        raise ValueError(f"{len(records)} prompt(s) are too few to hold some out; pass eval_prompts")
    return shuffled[n_eval:], shuffled[:n_eval]


def length_sorted_chunks(prompts: Sequence[list[int]], size: int) -> list[list[int]]:
    """Indices of `prompts` in chunks of similar length (less padding per batch)."""
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    return [order[i : i + size] for i in range(0, len(order), size)]


# --------------------------------------------------------------------------------------------- data


@dataclass
class ResponseSequence:
    """One (prompt, target response) pair as the draft trains on it."""

    ids: list[int]  # prompt + response
    start: int  # index of the first response token
    teacher_p: torch.Tensor | None = None  # (R, top_k) target probabilities at the response positions
    teacher_i: torch.Tensor | None = None  # (R, top_k) their token ids


def target_responses(
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    config: AlignConfig,
    on_done: Callable[[int], None] | None = None,
) -> list[ResponseSequence]:
    """The target's responses to `prompts` (samples_per_prompt each), batched through the engine.

    ``on_done(n)`` is called after each generated chunk with the number of prompts it answered.
    """
    decoder = SpecDecoder(target, None)
    seqs = []
    for s in range(config.samples_per_prompt):
        for chunk in length_sorted_chunks(prompts, config.gen_batch_size):
            params = [
                SamplingParams(
                    max_new_tokens=config.max_new_tokens,
                    temperature=config.temperature,
                    seed=config.seed * 1_000_003 + s * len(prompts) + i,
                )
                for i in chunk
            ]
            for i, out in zip(chunk, decoder.generate([prompts[i] for i in chunk], params), strict=True):
                if out.token_ids:
                    seqs.append(ResponseSequence(prompts[i] + out.token_ids, len(prompts[i])))
            if on_done is not None:
                on_done(len(chunk))
    return seqs


def pad_sequences(
    seqs: Sequence[ResponseSequence], pad_id: int, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids (B, T) and a mask (B, T) of the positions whose next token is a response token."""
    width = max(len(s.ids) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    predicts = torch.zeros((len(seqs), width), dtype=torch.bool)
    for row, s in enumerate(seqs):
        ids[row, : len(s.ids)] = torch.tensor(s.ids)
        predicts[row, s.start - 1 : len(s.ids) - 1] = True  # position t predicts token t+1
    return ids.to(device), predicts.to(device)


@torch.inference_mode()
def attach_teacher(
    target: PreTrainedModel, seqs: list[ResponseSequence], top_k: int, batch_size: int
) -> None:
    """Store the target's top-k next-token distribution at every response position of each sequence."""
    pad = int(target.config.pad_token_id or 0)
    for i in range(0, len(seqs), batch_size):
        batch = seqs[i : i + batch_size]
        ids, predicts = pad_sequences(batch, pad, target.device)
        attention = torch.zeros_like(ids)
        for row, s in enumerate(batch):
            attention[row, : len(s.ids)] = 1
        logits = target(input_ids=ids, attention_mask=attention).logits.float()  # (B, T, V)
        top = logits[predicts].log_softmax(-1).topk(top_k, dim=-1)  # (N, top_k), rows in (B, T) order
        probs = top.values.exp()
        probs = probs / probs.sum(-1, keepdim=True)  # renormalise the kept mass
        offset = 0
        for s in batch:
            n = len(s.ids) - s.start
            s.teacher_p = probs[offset : offset + n].cpu()
            s.teacher_i = top.indices[offset : offset + n].cpu()
            offset += n


# --------------------------------------------------------------------------------------------- training
