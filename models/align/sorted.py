"""Sorted alignment: SoFT on one target's responses, every exit of a sorted (S2D) draft measured."""

from __future__ import annotations

import contextlib
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoTokenizer, PreTrainedModel

from models.align.config import REPORT, AlignConfig, AlignResult
from models.align.data import (
    PromptRecord,
    ResponseSequence,
    attach_teacher,
    encode_prompts,
    pad_sequences,
    split_prompts,
    target_responses,
)
from models.align.draft import distill_loss, measure_acceptance, response_head_ids
from models.drafts.sorted.model import SortedDraft, load_sorted_draft
from models.drafts.sorted.proposer import SortedProposer, fixed_exit_thresholds
from models.drafts.sorted.soft import SoftLoss
from models.drafts.vocab import restrict_head, restricted_head, save_vocab_subset
from models.engine.acceptance import Acceptance
from models.loading import check_same_tokenizer, load_model_and_tokenizer
from models.training import lr_at
from models.zoo.progress import Stages
from specq.progress import Progress

logger = logging.getLogger(__name__)


def align_sorted(
    target_path: Path | str,
    base_draft_path: Path | str,
    prompts: Path | Sequence[PromptRecord],
    out_dir: Path,
    *,
    task: str | None = None,
    eval_prompts: Path | Sequence[PromptRecord] | None = None,
    config: AlignConfig | None = None,
    device: str | torch.device = "auto",
    trust_remote_code: bool = False,
    progress: Progress | bool = False,
) -> AlignResult:
    """`align_draft` for a sorted (S2D) draft: SoFT on the target's responses, every exit measured.

    The data and losses are `align_draft`'s (`align_sorted_draft` averages them over the
    exits). Acceptance is measured for each exit alone, before and
    after; ``before``/``after`` of the result are the deepest exit's, and the report
    (``alignment.json``) holds every exit's under ``"exits"``. The thresholds that mix the
    exits are per target: run `specq calibrate` on the aligned draft.
    """
    config = config or AlignConfig()
    if config.method not in ("kd", "ce"):
        raise ValueError(f"a sorted draft aligns with method kd or ce, not {config.method!r}")
    t_start = time.perf_counter()
    torch.manual_seed(config.seed)
    train_records, eval_records = split_prompts(prompts, eval_prompts, task, config)
    target, target_tok = load_model_and_tokenizer(
        target_path, device=device, trust_remote_code=trust_remote_code
    )
    check_same_tokenizer(target_tok, AutoTokenizer.from_pretrained(base_draft_path))
    base = load_sorted_draft(base_draft_path, device=target.device, dtype=torch.float32)
    context = min(int(target.config.max_position_embeddings), int(base.config.max_position_embeddings))
    train_ids = encode_prompts(target_tok, train_records, context - config.max_new_tokens)
    eval_ids = encode_prompts(target_tok, eval_records, context - config.eval_max_new_tokens)
    vocab = int(target.config.get_text_config(decoder=True).vocab_size)
    seconds: dict[str, float] = {}

    def each_exit(model: Any) -> list[Acceptance]:
        n = len(model.exits)
        return [
            measure_acceptance(
                target,
                SortedProposer(model, fixed_exit_thresholds(n, i), vocab_size=vocab),
                eval_ids,
                config.eval_k,
                config.eval_max_new_tokens,
                config.gen_batch_size,
            )
            for i in range(n)
        ]

    with Stages(progress) as stages:
        t0 = time.perf_counter()
        with stages.stage(f"acceptance of each exit of the base draft ({len(eval_ids)} held-out prompts)"):
            before = each_exit(base)
        seconds["eval_before"] = time.perf_counter() - t0
        with stages.stage(f"SoFT alignment ({config.method}) on {len(train_ids)} prompts"):
            aligned = align_sorted_draft(Path(base_draft_path), target, train_ids, Path(out_dir), config)
        seconds.update(aligned.seconds)
        t0 = time.perf_counter()
        with stages.stage("acceptance of each exit of the aligned draft"):
            after = each_exit(aligned.model)
        seconds["eval_after"] = time.perf_counter() - t0
    seconds["total"] = time.perf_counter() - t_start
    result = AlignResult(
        out_dir=aligned.out_dir,
        task=task,
        method=f"soft-{config.method}",
        train_prompts=len(train_ids),
        eval_prompts=len(eval_ids),
        eval_k=config.eval_k,
        before=before[-1],
        after=after[-1],
        final_loss=aligned.final_loss,
        exits=tuple(base.exits),
        seconds={k: round(v, 2) for k, v in seconds.items()},
    )
    exits = {
        str(e): {"before": b.to_dict(), "after": a.to_dict(), "exit_loss": loss}
        for e, b, a, loss in zip(base.exits, before, after, aligned.exit_losses, strict=True)
    }
    (aligned.out_dir / REPORT).write_text(
        json.dumps({**result.to_dict(), "exits": exits, "config": asdict(config)}, indent=2) + "\n",
        encoding="utf-8",
    )
    for e, b, a in zip(base.exits, before, after, strict=True):
        logger.info("sorted draft exit %d for %s: acceptance %.3f -> %.3f", e, task, b.rate, a.rate)
    return result


@dataclass(frozen=True)
class SortedAlignment:
    """What `align_sorted_draft` did: the aligned model, where it went, its losses, its time."""

    model: SortedDraft  # in eval mode, on the target's device; the same weights as saved in out_dir
    out_dir: Path
    final_loss: float  # mean over exits, mean of the last epoch's batches
    exit_losses: list[float]  # per exit, shallow to deep, last epoch
    seconds: dict[str, float]  # "generate" (target responses + teacher), "train"


def align_sorted_draft(
    draft_dir: Path,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    out_dir: Path,
    config: AlignConfig | None = None,
    *,
    seqs: list[ResponseSequence] | None = None,
) -> SortedAlignment:
    """Align a sorted draft with ``target`` on one sub-task's prompts (SoFT); save it to ``out_dir``.

    The data is exactly `align_draft`'s: the target answers ``prompts`` (token ids) and
    the draft trains on the response positions (and the prompt's, with
    ``config.train_on_prompt``), against the target's top-k distributions ("kd") or its
    tokens ("ce"); ``seqs`` passes that data in ready-made instead (``prompts`` is then
    unused). The SoFT twist: the loss is the mean of every exit's loss, so each exit, not
    only the deepest, moves toward this target. With ``config.head_tokens`` every exit
    trains and is saved with the frequency-ranked head of the responses (``specq_vocab.json``).
    Measure acceptance with `SortedProposer` as for any draft (`align_sorted` does both,
    before and after).
    """
    config = config or AlignConfig()
    if config.method not in ("kd", "ce"):
        raise ValueError(f"a sorted draft aligns with method kd or ce, not {config.method!r}")
    draft_dir, out_dir = Path(draft_dir), Path(out_dir)
    tokenizer = AutoTokenizer.from_pretrained(draft_dir)
    model = load_sorted_draft(draft_dir, device=target.device, dtype=torch.float32, head_subset=False)
    target.eval()
    t0 = time.perf_counter()
    if seqs is None:
        seqs = target_responses(target, list(prompts), config)
        if config.method == "kd" and seqs:
            attach_teacher(target, seqs, config.top_k, config.gen_batch_size)
    if not seqs:
        raise ValueError("the target produced no response tokens for any alignment prompt")
    seconds = {"generate": time.perf_counter() - t0}
    t0 = time.perf_counter()
    head_ids = None if config.head_tokens is None else response_head_ids(seqs, config.head_tokens, model.lm)
    exit_losses = train_sorted(model, seqs, config, head_ids)
    seconds["train"] = time.perf_counter() - t0
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(out_dir)
    tokenizer.save_pretrained(out_dir)
    if head_ids is not None:
        source = f"the {len(head_ids)} most frequent tokens of the target's responses"
        save_vocab_subset(out_dir, head_ids, source)
        restrict_head(model.lm, head_ids)  # the returned model is the draft as served
    return SortedAlignment(model, out_dir, sum(exit_losses) / len(exit_losses), exit_losses, seconds)


def train_sorted(
    model: SortedDraft,
    seqs: list[ResponseSequence],
    config: AlignConfig,
    head_ids: Sequence[int] | None = None,
    on_step: Callable[[int, float], None] | None = None,
) -> list[float]:
    """SoFT on the sequences: every exit's `distill_loss`, averaged; returns each exit's last-epoch loss.

    ``on_step(step, loss)`` after every optimizer step (a progress stage).

    ``head_ids``: train as served with that frequency-ranked head (the head itself stays as it is).
    """
    if not config.train_embeddings:
        for p in [
            *model.lm.get_input_embeddings().parameters(),
            *model.lm.get_output_embeddings().parameters(),
        ]:
            p.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    rng = random.Random(config.seed)
    opt = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.0)
    per_epoch = -(-len(seqs) // config.batch_size)
    batches = [
        [seqs[i] for i in order[start : start + config.batch_size]]
        for order in (rng.sample(range(len(seqs)), len(seqs)) for _ in range(config.epochs))
        for start in range(0, len(seqs), config.batch_size)
    ]  # epochs x shuffled batches
    model.train()
    last_epoch: list[list[float]] = []
    with contextlib.ExitStack() as stack:
        cols = None if head_ids is None else stack.enter_context(restricted_head(model.lm, head_ids))
        for step, batch in enumerate(batches):
            ids, predicts = pad_sequences(batch, 0, model.device)
            # Right padding: causal attention keeps it out of real positions.
            per_exit = [
                distill_loss(logits[predicts].float().log_softmax(-1), batch, config.method, cols)
                for logits in model(ids)
            ]  # each exit's logits (B, T, V_head) -> its loss
            out = SoftLoss(torch.stack(per_exit).mean(), per_exit)
            for group in opt.param_groups:
                group["lr"] = lr_at(step, len(batches), config.lr)
            opt.zero_grad(set_to_none=True)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            if step >= len(batches) - per_epoch:
                last_epoch.append([x.item() for x in out.per_exit])
            if on_step is not None:
                on_step(step, out.loss.detach().item())
    model.eval()
    exit_losses = [sum(col) / len(col) for col in zip(*last_epoch, strict=True)]
    logger.info(
        "sorted draft aligned on %d sequences: last-epoch exit losses %s",
        len(seqs),
        [round(x, 4) for x in exit_losses],
    )
    return exit_losses
