"""Per-task draft alignment: train a draft to agree with its target on one sub-task's prompts.

The sub-task recipe of Ge et al. (2025), over Hugging Face causal LMs:

1. *responses*: the target answers the task's prompts, batched through the speculative
   engine with no draft (`SpecDecoder(target, None)`), greedy unless a temperature is set;
2. *agreement*: the draft trains on (prompt, target response) sequences, on the response
   positions only (the ones it will draft at serving time):
   - ``kd`` (default): forward KL to the target's next-token distribution, kept as its
     top-`top_k` probabilities (renormalised) so a whole task fits in memory;
   - ``ce``: cross entropy on the target's own tokens;
   - ``lora``: the ``kd`` loss through LoRA adapters (``peft``), merged into the weights
     before saving so the result loads like any model;
3. the aligned draft is saved as a hub directory (safetensors + tokenizer);
4. greedy acceptance of the base and the aligned draft against the target is measured on
   held-out prompts of the task with the same engine.

Acceptance vocabulary, as the engine reports it: per verification step the draft proposes
k tokens; *acceptance rate* = accepted / drafted; *mean accepted* = accepted tokens per
step (0..k; the target's own extra token each step is not counted).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import torch
import torch.nn.functional as F
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from models.engine.proposer import Proposer
from models.engine.speculative import SamplingParams, SpecDecoder
from models.loading import check_same_tokenizer, load_model_and_tokenizer
from models.zoo.progress import Stages
from models.zoo.train import lr_at

logger = logging.getLogger(__name__)

Method = Literal["kd", "ce", "lora"]
METHODS: tuple[str, ...] = ("kd", "ce", "lora")
REPORT = "alignment.json"  # written next to the aligned weights


@dataclass(frozen=True)
class AlignConfig:
    """How to align a draft. Defaults suit the zoo's models on a CPU."""

    method: Method = (
        "kd"  # kd = forward KL on the target's distributions, ce = its tokens, lora = kd via LoRA
    )
    max_new_tokens: int = 64  # length of the target's response to each alignment prompt
    temperature: float = 0.0  # target sampling for the responses; 0 = greedy
    samples_per_prompt: int = 1  # responses per prompt (more than one only makes sense with temperature > 0)
    epochs: int = 6  # passes over the (prompt, response) sequences
    batch_size: int = 16  # sequences per optimizer step
    lr: float = 1e-3  # peak AdamW learning rate (warm-up, cosine decay); lora uses 3x
    top_k: int = 32  # kd/lora: target probabilities kept per position
    lora_rank: int = 16  # lora: adapter rank on every attention and MLP projection
    gen_batch_size: int = 32  # prompts per batch when generating and measuring acceptance
    eval_k: int = 4  # draft tokens per step when measuring acceptance
    eval_max_new_tokens: int = 64  # new tokens per held-out prompt when measuring acceptance
    heldout_fraction: float = 0.2  # share of the prompts held out for measurement when none are given
    seed: int = 0  # split, sampling, batch order, LoRA init

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"AlignConfig.method must be one of {METHODS}, got {self.method!r}")
        if self.samples_per_prompt > 1 and self.temperature == 0:
            raise ValueError(
                "samples_per_prompt > 1 needs temperature > 0: greedy responses are all the same"
            )
        if not 0 < self.heldout_fraction < 1:
            raise ValueError(f"AlignConfig.heldout_fraction must be in (0, 1), got {self.heldout_fraction}")


@dataclass(frozen=True)
class PromptRecord:
    """One line of a prompts JSONL file: a plain prompt or chat messages."""

    custom_id: str
    prompt: str | None = None
    messages: list[dict[str, str]] | None = None
    task: str | None = None


@dataclass(frozen=True)
class Acceptance:
    """Greedy acceptance of a draft against a target over a set of prompts."""

    prompts: int
    steps: int  # verification steps
    drafted: int  # draft tokens proposed
    accepted: int  # of those, accepted
    new_tokens: int  # tokens generated

    @property
    def rate(self) -> float:
        """Accepted / drafted."""
        return self.accepted / self.drafted if self.drafted else 0.0

    @property
    def mean_accepted(self) -> float:
        """Accepted draft tokens per verification step."""
        return self.accepted / self.steps if self.steps else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate": self.rate, "mean_accepted": self.mean_accepted}


@dataclass
class AlignResult:
    """What an alignment run did and measured."""

    out_dir: Path
    task: str | None
    method: str
    train_prompts: int
    eval_prompts: int
    eval_k: int  # draft tokens per step in the acceptance measurements
    before: Acceptance  # base draft on the held-out prompts
    after: Acceptance  # aligned draft on the same prompts
    final_loss: float
    seconds: dict[str, float] = field(default_factory=dict)  # generate / train / eval / total
    exits: tuple[int, ...] = ()  # a sorted draft's exit depths (before/after are the deepest's); () otherwise

    @property
    def relative_gain(self) -> float:
        """Relative change of the acceptance rate (0.25 = +25%)."""
        return self.after.rate / self.before.rate - 1.0 if self.before.rate else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "task": self.task,
            "method": self.method,
            "train_prompts": self.train_prompts,
            "eval_prompts": self.eval_prompts,
            "eval_k": self.eval_k,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "relative_gain": self.relative_gain,
            "final_loss": self.final_loss,
            "seconds": self.seconds,
        }


# --------------------------------------------------------------------------------------------- prompts


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
    steps = drafted = accepted = new = 0
    for chunk in _length_sorted_chunks(prompts, batch_size):
        for out in decoder.generate([prompts[i] for i in chunk], params):
            steps += out.stats.steps
            drafted += out.stats.drafted_tokens
            accepted += out.stats.accepted_tokens
            new += len(out.token_ids)
    return Acceptance(len(prompts), steps, drafted, accepted, new)


def _length_sorted_chunks(prompts: Sequence[list[int]], size: int) -> list[list[int]]:
    """Indices of `prompts` in chunks of similar length (less padding per batch)."""
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    return [order[i : i + size] for i in range(0, len(order), size)]


# --------------------------------------------------------------------------------------------- data


@dataclass
class _Sequence:
    """One (prompt, target response) pair as the draft trains on it."""

    ids: list[int]  # prompt + response
    start: int  # index of the first response token
    teacher_p: torch.Tensor | None = None  # (R, top_k) target probabilities at the response positions
    teacher_i: torch.Tensor | None = None  # (R, top_k) their token ids


def target_responses(
    target: PreTrainedModel, prompts: Sequence[list[int]], config: AlignConfig
) -> list[_Sequence]:
    """The target's responses to `prompts` (samples_per_prompt each), batched through the engine."""
    decoder = SpecDecoder(target, None)
    seqs = []
    for s in range(config.samples_per_prompt):
        for chunk in _length_sorted_chunks(prompts, config.gen_batch_size):
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
                    seqs.append(_Sequence(prompts[i] + out.token_ids, len(prompts[i])))
    return seqs


def _pad(seqs: Sequence[_Sequence], pad_id: int, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids (B, T) and a mask (B, T) of the positions whose next token is a response token."""
    width = max(len(s.ids) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    predicts = torch.zeros((len(seqs), width), dtype=torch.bool)
    for row, s in enumerate(seqs):
        ids[row, : len(s.ids)] = torch.tensor(s.ids)
        predicts[row, s.start - 1 : len(s.ids) - 1] = True  # position t predicts token t+1
    return ids.to(device), predicts.to(device)


@torch.inference_mode()
def attach_teacher(target: PreTrainedModel, seqs: list[_Sequence], top_k: int, batch_size: int) -> None:
    """Store the target's top-k next-token distribution at every response position of each sequence."""
    pad = int(target.config.pad_token_id or 0)
    for i in range(0, len(seqs), batch_size):
        batch = seqs[i : i + batch_size]
        ids, predicts = _pad(batch, pad, target.device)
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


def train_draft(
    draft: PreTrainedModel,
    seqs: list[_Sequence],
    config: AlignConfig,
    pad_id: int,
    on_step: Any = None,
) -> float:
    """Fit `draft` to the sequences with the configured loss; returns the mean loss of the last epoch."""
    device = draft.device
    rng = random.Random(config.seed)
    steps_per_epoch = -(-len(seqs) // config.batch_size)
    total = steps_per_epoch * config.epochs
    params = [p for p in draft.parameters() if p.requires_grad]
    peak = config.lr * (3 if config.method == "lora" else 1)
    opt = torch.optim.AdamW(params, lr=peak, weight_decay=0.0)
    draft.train()
    step, last_epoch = 0, []
    for epoch in range(config.epochs):
        order = list(range(len(seqs)))
        rng.shuffle(order)
        for b in range(0, len(order), config.batch_size):
            batch = [seqs[i] for i in order[b : b + config.batch_size]]
            ids, predicts = _pad(batch, pad_id, device)
            attention = torch.zeros_like(ids)
            for row, s in enumerate(batch):
                attention[row, : len(s.ids)] = 1
            logits = draft(input_ids=ids, attention_mask=attention).logits  # (B, T, V)
            logq = logits[predicts].float().log_softmax(-1)  # (N, V), rows in (B, T) order
            if config.method == "ce":
                labels = torch.cat([torch.tensor(s.ids[s.start :]) for s in batch]).to(device)  # (N,)
                loss = F.nll_loss(logq, labels)
            else:
                p = torch.cat([s.teacher_p for s in batch if s.teacher_p is not None]).to(
                    device
                )  # (N, top_k)
                idx = torch.cat([s.teacher_i for s in batch if s.teacher_i is not None]).to(device)
                # Forward KL(p || q) up to the constant entropy of p: the soft cross entropy.
                loss = -(p * logq.gather(1, idx)).sum(-1).mean()
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


def _split(
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
    progress: bool = False,
) -> AlignResult:
    """Align the base draft with the target on `prompts` (of `task`); save it to `out_dir`; measure it.

    Without `eval_prompts`, `config.heldout_fraction` of `prompts` is held out for the
    acceptance measurement (never trained on).
    """
    config = config or AlignConfig()
    t_start = time.perf_counter()
    torch.manual_seed(config.seed)
    train_records, eval_records = _split(prompts, eval_prompts, task, config)

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
        with stages.stage(f"target responses to {len(train_ids)} prompts"):
            seqs = target_responses(target, train_ids, config)
            if config.method != "ce":
                attach_teacher(target, seqs, config.top_k, config.gen_batch_size)
        seconds["generate"] = time.perf_counter() - t0
        if not seqs:
            raise ValueError("the target produced no response tokens for any alignment prompt")

        t0 = time.perf_counter()
        model: Any = _with_lora(draft, config) if config.method == "lora" else draft
        total = -(-len(seqs) // config.batch_size) * config.epochs
        loss = train_draft(model, seqs, config, pad_id, stages.add(f"align draft ({config.method})", total))
        if config.method == "lora":
            draft = model.merge_and_unload()
        seconds["train"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        with stages.stage("acceptance of the aligned draft"):
            after = measure_acceptance(
                target, draft, eval_ids, config.eval_k, config.eval_max_new_tokens, config.gen_batch_size
            )
        seconds["eval_after"] = time.perf_counter() - t0

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    draft.save_pretrained(out_dir)
    draft_tok.save_pretrained(out_dir)
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
    progress: bool = False,
) -> AlignResult:
    """`align_draft` for a sorted (S2D) draft: SoFT on the target's responses, every exit measured.

    The data and losses are `align_draft`'s (`models.drafts.sorted.align_sorted_draft`
    averages them over the exits). Acceptance is measured for each exit alone, before and
    after; ``before``/``after`` of the result are the deepest exit's, and the report
    (``alignment.json``) holds every exit's under ``"exits"``. The thresholds that mix the
    exits are per target: run `specq calibrate` on the aligned draft.
    """
    from transformers import AutoTokenizer

    from models.drafts.sorted import (
        SortedProposer,
        align_sorted_draft,
        fixed_exit_thresholds,
        load_sorted_draft,
    )

    config = config or AlignConfig()
    if config.method not in ("kd", "ce"):
        raise ValueError(f"a sorted draft aligns with method kd or ce, not {config.method!r}")
    t_start = time.perf_counter()
    torch.manual_seed(config.seed)
    train_records, eval_records = _split(prompts, eval_prompts, task, config)
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
