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


def synthetic_prompts(
    target: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    seeds: Sequence[str],
    samples_per_seed: int,
    max_tokens: int,
    *,
    temperature: float = 1.0,
    seed: int = 0,
    batch_size: int = 32,
    task: str | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[PromptRecord]:
    """User turns the target writes itself: each seed text continued by sampling, as chat prompt records.

    More alignment data than the prompts at hand (self-distillation): every seed (the first words
    of a real prompt, or "" for none) is put in a user turn of the chat template and the target
    samples the rest of the turn until its end-of-turn token or ``max_tokens``. The target's
    answers to these prompts are then distilled like the answers to real ones.
    """
    sentinel = "\x00"
    rendered = str(tokenizer.apply_chat_template([{"role": "user", "content": sentinel}], tokenize=False))
    if sentinel not in rendered:
        raise ValueError("the tokenizer's chat template does not put the user's text in the prompt")
    head = rendered[: rendered.index(sentinel)]
    decoder = SpecDecoder(target, None)
    starts = [(text, j) for text in seeds for j in range(samples_per_seed)]
    records: list[PromptRecord] = []
    for i in range(0, len(starts), batch_size):
        chunk = starts[i : i + batch_size]
        ids = [tokenizer(head + text, add_special_tokens=False)["input_ids"] for text, _ in chunk]
        params = [
            SamplingParams(max_new_tokens=max_tokens, temperature=temperature, seed=seed * 1_000_003 + i + n)
            for n in range(len(chunk))
        ]
        for (text, _), out in zip(chunk, decoder.generate(ids, params), strict=True):
            content = (text + str(tokenizer.decode(out.token_ids, skip_special_tokens=True))).strip()
            if content:
                n = len(records)
                records.append(
                    PromptRecord(f"synthetic-{n}", messages=[{"role": "user", "content": content}], task=task)
                )
        if on_done is not None:
            on_done(len(chunk))
    return records


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
    from_prompt: bool = False  # the draft also learns the prompt's tokens (teacher-forced on its text)
    task: str | None = None  # the prompt's task label, if it had one
    teacher_p: torch.Tensor | None = None  # (R, top_k) target probabilities at the trained positions
    teacher_i: torch.Tensor | None = None  # (R, top_k) their token ids

    @property
    def first(self) -> int:
        """Index of the first token the draft learns to predict (R = len(ids) - first positions)."""
        return 1 if self.from_prompt else self.start


def target_responses(
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    config: AlignConfig,
    on_done: Callable[[int], None] | None = None,
    tasks: Sequence[str | None] | None = None,
) -> list[ResponseSequence]:
    """The target's responses to `prompts` (samples_per_prompt each), batched through the engine.

    ``on_done(n)`` is called after each generated chunk with the number of prompts it answered;
    ``tasks`` (one per prompt) labels the sequences.
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
                    seqs.append(
                        ResponseSequence(
                            prompts[i] + out.token_ids,
                            len(prompts[i]),
                            from_prompt=config.train_on_prompt and len(prompts[i]) > 1,
                            task=tasks[i] if tasks is not None else None,
                        )
                    )
            if on_done is not None:
                on_done(len(chunk))
    return seqs


def pad_sequences(
    seqs: Sequence[ResponseSequence], pad_id: int, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids (B, T) and a mask (B, T) of the positions whose next token is trained on."""
    width = max(len(s.ids) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    predicts = torch.zeros((len(seqs), width), dtype=torch.bool)
    for row, s in enumerate(seqs):
        ids[row, : len(s.ids)] = torch.tensor(s.ids)
        predicts[row, s.first - 1 : len(s.ids) - 1] = True  # position t predicts token t+1
    return ids.to(device), predicts.to(device)


# Logit entries one teacher forward may hold (1 GiB of float32): long sequences go a few at a time.
TEACHER_LOGITS_BUDGET = 1 << 28


@torch.inference_mode()
def attach_teacher(
    target: PreTrainedModel,
    seqs: list[ResponseSequence],
    top_k: int,
    batch_size: int,
    on_done: Callable[[int], None] | None = None,
) -> None:
    """Store the target's top-k next-token distribution at every trained position of each sequence.

    Sequences go through the target in length order, at most `batch_size` per forward and no more
    than ``TEACHER_LOGITS_BUDGET`` logits at once; ``on_done(n)`` after each forward of n sequences.
    """
    pad = int(target.config.pad_token_id or 0)
    vocab = int(target.config.get_text_config(decoder=True).vocab_size)
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i].ids))
    i = 0
    while i < len(order):
        rows = max(1, min(batch_size, TEACHER_LOGITS_BUDGET // (len(seqs[order[i]].ids) * vocab)))
        # Sorted by length, so the last sequence of the chunk is its longest: shrink until it fits.
        while (
            rows > 1
            and rows * len(seqs[order[min(i + rows, len(order)) - 1]].ids) * vocab > TEACHER_LOGITS_BUDGET
        ):
            rows -= 1
        batch = [seqs[j] for j in order[i : i + rows]]
        i += rows
        ids, predicts = pad_sequences(batch, pad, target.device)
        attention = torch.zeros_like(ids)
        for row, s in enumerate(batch):
            attention[row, : len(s.ids)] = 1
        logits = target(input_ids=ids, attention_mask=attention).logits  # (B, T, V)
        top = logits[predicts].float().log_softmax(-1).topk(top_k, dim=-1)  # (N, top_k), rows in (B, T) order
        del logits
        probs = top.values.exp()
        probs = probs / probs.sum(-1, keepdim=True)  # renormalise the kept mass
        offset = 0
        for s in batch:
            n = len(s.ids) - s.first
            s.teacher_p = probs[offset : offset + n].cpu()
            s.teacher_i = top.indices[offset : offset + n].to("cpu", torch.int32)
            offset += n
        if on_done is not None:
            on_done(len(batch))


def save_sequences(path: Path, seqs: Sequence[ResponseSequence]) -> Path:
    """Write sequences with their teacher distributions as one safetensors file.

    Tensors are concatenated over sequences (``ids`` (sum T,), ``teacher_p`` / ``teacher_i``
    (sum R, top_k)); the per-sequence fields and lengths go in the file's JSON metadata.
    """
    from safetensors.torch import save_file

    teachers = [
        (s.teacher_p, s.teacher_i) for s in seqs if s.teacher_p is not None and s.teacher_i is not None
    ]
    tensors = {"ids": torch.tensor([t for s in seqs for t in s.ids], dtype=torch.int64)}
    if teachers:
        tensors["teacher_p"] = torch.cat([p for p, _ in teachers]).float()
        tensors["teacher_i"] = torch.cat([i for _, i in teachers]).to(torch.int32)
    meta = {
        "lengths": [len(s.ids) for s in seqs],
        "start": [s.start for s in seqs],
        "from_prompt": [s.from_prompt for s in seqs],
        "task": [s.task for s in seqs],
        # Teacher rows per sequence; -1: none attached.
        "teacher_rows": [
            -1 if s.teacher_p is None or s.teacher_i is None else int(s.teacher_p.shape[0]) for s in seqs
        ],
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    save_file(
        {k: v.contiguous() for k, v in tensors.items()}, str(tmp), metadata={"sequences": json.dumps(meta)}
    )
    tmp.replace(path)
    return path


def load_sequences(path: Path) -> list[ResponseSequence]:
    """Sequences written by `save_sequences` (safetensors: tensors and JSON, nothing executable)."""
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        meta = json.loads((f.metadata() or {})["sequences"])
        ids = f.get_tensor("ids").tolist()
        names = set(f.keys())
        teacher_p = f.get_tensor("teacher_p") if "teacher_p" in names else None
        teacher_i = f.get_tensor("teacher_i") if "teacher_i" in names else None
    out: list[ResponseSequence] = []
    pos = row = 0
    for n, start, from_prompt, task, rows in zip(
        meta["lengths"], meta["start"], meta["from_prompt"], meta["task"], meta["teacher_rows"], strict=True
    ):
        p = i = None
        if rows >= 0 and teacher_p is not None and teacher_i is not None:
            p, i = teacher_p[row : row + rows].clone(), teacher_i[row : row + rows].clone()
            row += rows
        out.append(ResponseSequence(ids[pos : pos + n], start, from_prompt, task, p, i))
        pos += n
    return out
