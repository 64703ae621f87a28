"""Sorted fine-tuning (SoFT): every exit trained at once, the loss the mean of the exits' losses."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from models.drafts.sorted.model import PRESETS, SortedDraft, new_sorted_draft
from models.training import lr_at
from specq.progress import Progress, as_progress

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SoftLoss:
    """The SoFT objective of one batch: its value and each exit's share."""

    loss: torch.Tensor  # scalar, mean of per_exit (differentiable)
    per_exit: list[torch.Tensor] = field(default_factory=list)  # one scalar per exit, shallowest first


def soft_loss(exit_logits: Sequence[torch.Tensor], labels: torch.Tensor) -> SoftLoss:
    """Sorted fine-tuning loss: the mean over exits of next-token cross entropy.

    exit_logits: E x (B, T, V) from `SortedDraft.forward`; labels (B, T) are the input
    ids, -100 where padded. Position t predicts labels[t + 1].
    """
    target = labels[:, 1:].reshape(-1)
    per_exit = [
        F.cross_entropy(lg[:, :-1].reshape(-1, lg.shape[-1]).float(), target, ignore_index=-100)
        for lg in exit_logits
    ]
    return SoftLoss(torch.stack(per_exit).mean(), per_exit)


def _blocks(ids: list[int], seq_len: int) -> torch.Tensor:
    n = len(ids) // seq_len
    if n == 0:
        raise ValueError(
            f"training text has {len(ids)} tokens, fewer than one block of {seq_len}; give more text"
        )
    return torch.tensor(ids[: n * seq_len], dtype=torch.long).view(n, seq_len)


def _tokenize_corpus(texts: Sequence[str], tokenizer: Any) -> list[int]:
    sep = tokenizer.eos_token_id
    ids: list[int] = []
    for enc in tokenizer(list(texts), add_special_tokens=False)["input_ids"]:
        ids.extend(enc)
        if sep is not None:
            ids.append(int(sep))
    return ids


def _optimize(
    model: SortedDraft,
    blocks: torch.Tensor,  # (N, T) token blocks
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    loss_fn: Any,  # (model, batch ids) -> SoftLoss
    progress: Progress | bool,
    label: str,
) -> list[float]:
    """AdamW over random blocks; returns each exit's mean loss over the last tenth of the steps."""
    rng = random.Random(seed)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01, betas=(0.9, 0.95))
    tail: list[list[float]] = []
    tokens_per_step = batch_size * int(blocks.shape[1])
    with as_progress(progress).stage(f"train sorted draft ({label})", steps) as bar:
        for step in range(steps):
            for group in opt.param_groups:
                group["lr"] = lr_at(step, steps, lr)
            idx = [rng.randrange(blocks.shape[0]) for _ in range(batch_size)]
            out = loss_fn(model, blocks[idx])
            opt.zero_grad(set_to_none=True)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            if step >= steps - max(1, steps // 10):
                tail.append([x.item() for x in out.per_exit])
            if step % 50 == 0 or step == steps - 1:
                logger.info(
                    "%s step %d/%d loss %.3f exits %s",
                    label,
                    step + 1,
                    steps,
                    out.loss.item(),
                    [round(x.item(), 3) for x in out.per_exit],
                )
            bar.update(step + 1, loss=out.loss.item(), tokens=(step + 1) * tokens_per_step)
    model.eval()
    return [sum(col) / len(col) for col in zip(*tail, strict=True)]


def train_sorted_draft(
    texts: list[str],
    tokenizer_dir: Path,
    out_dir: Path,
    preset: str,
    progress: Progress | bool,
    *,
    exits: Sequence[int] | None = None,
    steps: int | None = None,
) -> Path:
    """Train a sorted draft from scratch with SoFT on ``texts``; save it with its tokenizer.

    ``exits=(d,)`` trains an ordinary ``d``-layer draft of the same width the same way
    (one exit: plain cross entropy): the fixed-depth baselines of docs/sorted.md.
    """
    from transformers import AutoTokenizer

    if preset not in PRESETS:
        raise ValueError(f"unknown sorted-draft preset {preset!r}; choose one of {sorted(PRESETS)}")
    cfg = PRESETS[preset]
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    blocks = _blocks(_tokenize_corpus(texts, tokenizer), cfg.seq_len)
    model = new_sorted_draft(
        len(tokenizer),
        cfg,
        exits,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    logger.info(
        "training a %s draft with exits %s on %d blocks of %d tokens", preset, model.exits, *blocks.shape
    )

    def ce(m: SortedDraft, ids: torch.Tensor) -> SoftLoss:
        return soft_loss(m(ids), ids)

    n_steps = cfg.steps if steps is None else steps
    final = _optimize(model, blocks, n_steps, cfg.batch_size, cfg.lr, cfg.seed, ce, progress, "SoFT")
    logger.info("sorted draft trained: final exit losses %s", [round(x, 3) for x in final])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir
