"""Draft alignment: train an ordinary draft on the target's responses (kd, ce or LoRA), save it,
and measure its greedy acceptance before and after.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from transformers import PreTrainedModel

from models.align.config import REPORT, AlignConfig, AlignResult
from models.align.data import (
    PromptRecord,
    ResponseSequence,
    attach_teacher,
    encode_prompts,
    length_sorted_chunks,
    pad_sequences,
    split_prompts,
    target_responses,
)
from models.drafts.vocab import frequency_ranked_ids, restrict_head, restricted_head, save_vocab_subset
from models.engine.acceptance import Acceptance
from models.engine.proposer import Proposer
from models.engine.speculative import SamplingParams, SpecDecoder
from models.loading import check_same_tokenizer, load_model_and_tokenizer
from models.zoo.progress import Stages
from models.zoo.train import lr_at
from specq.progress import Progress

logger = logging.getLogger(__name__)


def measure_acceptance(
    target: PreTrainedModel,
    draft: PreTrainedModel | Proposer,
    prompts: Sequence[list[int]],
    k: int = 4,
    max_new_tokens: int = 64,
    batch_size: int = 32,
) -> Acceptance:
    """Greedy speculative decoding of `prompts`; sums the engine's per-row statistics."""
    decoder = SpecDecoder(target, draft, k=k)
    params = SamplingParams(max_new_tokens=max_new_tokens, temperature=0.0)
    outs = [
        out
        for chunk in length_sorted_chunks(prompts, batch_size)
        for out in decoder.generate([prompts[i] for i in chunk], params)
    ]
    return Acceptance.of(outs)


def distill_loss(
    logq: torch.Tensor,  # (N, V_head) draft log-probabilities at the trained positions, (B, T) order
    batch: Sequence[ResponseSequence],
    method: str,
    head_ids: torch.Tensor | None = None,  # (V_head,) target ids of a restricted head's columns
) -> torch.Tensor:
    """The alignment loss of one batch: forward KL to the target's top-k ("kd") or CE on its tokens ("ce").

    With a restricted head, target tokens outside it cannot be drafted: their teacher mass is
    dropped (the rest renormalised), and CE ignores them.
    """
    device = logq.device
    to_col = None if head_ids is None else head_columns(head_ids.to(device))
    if method == "ce":
        labels = torch.cat([torch.tensor(s.ids[s.first :]) for s in batch]).to(device)  # (N,)
        if to_col is not None:
            labels = _lookup(to_col, labels)
            if not bool((labels >= 0).any()):
                return logq.sum() * 0.0  # nothing in this batch can be drafted: no gradient
        return F.nll_loss(logq, labels, ignore_index=-1)
    p = torch.cat([s.teacher_p for s in batch if s.teacher_p is not None]).to(device)  # (N, top_k)
    idx = torch.cat([s.teacher_i for s in batch if s.teacher_i is not None]).to(device, torch.long)
    if to_col is not None:
        idx = _lookup(to_col, idx)
        p = p * (idx >= 0)
        mass = p.sum(-1, keepdim=True)
        keep = mass[:, 0] > 0  # rows whose whole top-k lies outside the head teach nothing
        if not bool(keep.any()):
            return logq.sum() * 0.0
        p, idx, logq, mass = p[keep], idx[keep].clamp(min=0), logq[keep], mass[keep]
        p = p / mass
    # Forward KL(p || q) up to the constant entropy of p: the soft cross entropy.
    return -(p * logq.gather(1, idx)).sum(-1).mean()


def head_columns(head_ids: torch.Tensor) -> torch.Tensor:
    """token id -> column of a restricted head (-1: not in it), as a lookup table (max id + 1,)."""
    to_col = torch.full((int(head_ids.max()) + 1,), -1, dtype=torch.long, device=head_ids.device)
    to_col[head_ids] = torch.arange(head_ids.numel(), device=head_ids.device)
    return to_col


def _lookup(to_col: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
    inside = ids < to_col.numel()
    return torch.where(inside, to_col[ids.clamp(max=to_col.numel() - 1)], -1)


def train_draft(
    draft: PreTrainedModel,
    seqs: list[ResponseSequence],
    config: AlignConfig,
    pad_id: int,
    on_step: Any = None,
    head_ids: Sequence[int] | None = None,
) -> float:
    """Fit `draft` to the sequences with the configured loss; returns the mean loss of the last epoch.

    ``head_ids``: train the draft as it will be served with a frequency-ranked head
    (`models.drafts.vocab`); the head itself is not trained and the model keeps its full head.
    """
    device = draft.device
    rng = random.Random(config.seed)
    steps_per_epoch = -(-len(seqs) // config.batch_size)
    total = steps_per_epoch * config.epochs
    if not config.train_embeddings:
        for module in (draft.get_input_embeddings(), draft.get_output_embeddings()):
            for p in module.parameters():
                p.requires_grad_(False)
    params = [p for p in draft.parameters() if p.requires_grad]
    peak = config.lr * (3 if config.method == "lora" else 1)
    opt = torch.optim.AdamW(params, lr=peak, weight_decay=0.0)
    draft.train()
    step, last_epoch = 0, []
    with contextlib.ExitStack() as stack:
        cols = None if head_ids is None else stack.enter_context(restricted_head(draft, head_ids))
        for epoch in range(config.epochs):
            order = list(range(len(seqs)))
            rng.shuffle(order)
            for b in range(0, len(order), config.batch_size):
                batch = [seqs[i] for i in order[b : b + config.batch_size]]
                ids, predicts = pad_sequences(batch, pad_id, device)
                attention = torch.zeros_like(ids)
                for row, s in enumerate(batch):
                    attention[row, : len(s.ids)] = 1
                logits = draft(input_ids=ids, attention_mask=attention).logits  # (B, T, V_head)
                logq = logits[predicts].float().log_softmax(-1)  # (N, V_head), rows in (B, T) order
                del logits
                loss = distill_loss(logq, batch, config.method, cols)
                for group in opt.param_groups:
                    group["lr"] = lr_at(step, total, peak)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
                if epoch == config.epochs - 1:
                    last_epoch.append(loss.detach().item())
                if on_step is not None:
                    on_step(step, loss.detach().item())
                step += 1
    draft.eval()
    return sum(last_epoch) / max(1, len(last_epoch))


def response_head_ids(seqs: Sequence[ResponseSequence], size: int, draft: PreTrainedModel) -> list[int]:
    """A frequency-ranked head for ``draft``: the ``size`` most frequent tokens of the target's responses.

    The end-of-sequence tokens always belong to it (a reply must be able to end in a draft).
    """
    eos = draft.generation_config.eos_token_id if draft.generation_config is not None else None
    always = [eos] if isinstance(eos, int) else list(eos or [])
    vocab = int(draft.get_output_embeddings().weight.shape[0])
    return frequency_ranked_ids((s.ids[s.start :] for s in seqs), size, vocab, always)


def _with_lora(draft: PreTrainedModel, config: AlignConfig) -> Any:
    """`draft` with LoRA adapters on every projection (a peft model; merge_and_unload() gives it back)."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(config.seed)
    lora = LoraConfig(
        r=config.lora_rank,
        lora_alpha=2 * config.lora_rank,
        lora_dropout=0.0,
        target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
        task_type="CAUSAL_LM",
    )
    return get_peft_model(draft, lora)


# --------------------------------------------------------------------------------------------- the recipe


def align_draft(
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
    """Align the base draft with the target on `prompts` (of `task`); save it to `out_dir`; measure it.

    Without `eval_prompts`, `config.heldout_fraction` of `prompts` is held out for the
    acceptance measurement (never trained on).
    """
    config = config or AlignConfig()
    t_start = time.perf_counter()
    torch.manual_seed(config.seed)
    train_records, eval_records = split_prompts(prompts, eval_prompts, task, config)

    target, target_tok = load_model_and_tokenizer(
        target_path, device=device, trust_remote_code=trust_remote_code
    )
    # The draft trains in float32 whatever the device: its updates are small.
    draft, draft_tok = load_model_and_tokenizer(
        base_draft_path, device=target.device, dtype=torch.float32, trust_remote_code=trust_remote_code
    )
    check_same_tokenizer(target_tok, draft_tok)
    context = min(int(target.config.max_position_embeddings), int(draft.config.max_position_embeddings))
    train_ids = encode_prompts(target_tok, train_records, context - config.max_new_tokens)
    eval_ids = encode_prompts(target_tok, eval_records, context - config.eval_max_new_tokens)
    pad_id = int(target_tok.pad_token_id if target_tok.pad_token_id is not None else target_tok.eos_token_id)
    seconds: dict[str, float] = {}

    with Stages(progress) as stages:
        t0 = time.perf_counter()
        with stages.stage(f"acceptance of the base draft ({len(eval_ids)} held-out prompts)"):
            before = measure_acceptance(
                target, draft, eval_ids, config.eval_k, config.eval_max_new_tokens, config.gen_batch_size
            )
        seconds["eval_before"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        answered = len(train_ids) * config.samples_per_prompt
        with stages.counted("target responses", answered, unit="prompts") as st:
            seqs = target_responses(target, train_ids, config, on_done=st.advance)
        if config.method != "ce":
            with stages.stage(f"target distributions over {len(seqs)} responses"):
                attach_teacher(target, seqs, config.top_k, config.gen_batch_size)
        seconds["generate"] = time.perf_counter() - t0
        if not seqs:
            raise ValueError("the target produced no response tokens for any alignment prompt")

        t0 = time.perf_counter()
        head_ids = None if config.head_tokens is None else response_head_ids(seqs, config.head_tokens, draft)
        model: Any = _with_lora(draft, config) if config.method == "lora" else draft
        total = -(-len(seqs) // config.batch_size) * config.epochs
        step = stages.add(f"align draft ({config.method})", total)
        loss = train_draft(model, seqs, config, pad_id, step, head_ids)
        if config.method == "lora":
            draft = model.merge_and_unload()
        seconds["train"] = time.perf_counter() - t0

        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        draft.save_pretrained(out_dir)
        draft_tok.save_pretrained(out_dir)
        if head_ids is not None:
            save_vocab_subset(
                out_dir, head_ids, f"the {len(head_ids)} most frequent tokens of the target's responses"
            )
            restrict_head(draft, head_ids)  # measured as it will be served

        t0 = time.perf_counter()
        with stages.stage("acceptance of the aligned draft"):
            after = measure_acceptance(
                target, draft, eval_ids, config.eval_k, config.eval_max_new_tokens, config.gen_batch_size
            )
        seconds["eval_after"] = time.perf_counter() - t0

    seconds["total"] = time.perf_counter() - t_start
    result = AlignResult(
        out_dir=out_dir,
        task=task,
        method=config.method,
        train_prompts=len(train_ids),
        eval_prompts=len(eval_ids),
        eval_k=config.eval_k,
        before=before,
        after=after,
        final_loss=loss,
        seconds={k: round(v, 2) for k, v in seconds.items()},
    )
    (out_dir / REPORT).write_text(
        json.dumps({**result.to_dict(), "config": asdict(config)}, indent=2) + "\n", encoding="utf-8"
    )
    logger.info(
        "aligned draft for %s saved to %s: acceptance %.3f -> %.3f (%+.1f%%), accepted/step %.2f -> %.2f",
        task,
        out_dir,
        before.rate,
        after.rate,
        100 * result.relative_gain,
        before.mean_accepted,
        after.mean_accepted,
    )
    return result
