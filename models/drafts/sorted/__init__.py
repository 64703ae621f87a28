"""Sorted draft (S2D, Kavehzadeh et al. 2024): one nested draft, several exits, several targets.

A sorted draft is an ordinary Llama decoder whose first layers form smaller
sub-models: *exit* ``e`` (a depth, e.g. 2, 4, 6 of 6) reads the hidden state after
layer ``e`` through the model's one final norm and one LM head. There is one state
dict; the deepest exit is exactly the saved ``LlamaForCausalLM``, so any Hugging Face
code can load the directory as a plain draft too. ``config.json`` records the exits
under ``sorted_exits``.

Sorted fine-tuning (SoFT) trains every exit at once: the loss is the mean of the
exits' losses (cross entropy on text; or, to align with one target, distillation on
the target's responses as in `models.align`).

Early-exit drafting (`SortedProposer`): for each draft token the shallowest exit
answers first; a row stops at the first exit whose top probability reaches that
exit's threshold (the last exit always answers). Deeper layers continue from the
hidden state where the row stopped, so nothing is recomputed.

KV of skipped layers (the exactness choice). A token that exits at layer 2 has no
layer-3..6 keys and values, but a later token that goes deeper attends to them. We
fill them *lazily and exactly*: each position keeps its hidden state at the depth it
reached, and before any position runs layer ``l``, every earlier position that has
not reached ``l`` yet is run through it first, all such positions in one chunk per
layer. So every exit's distribution is exactly what a full forward of the sorted
model gives at that exit, calibration can replay decoding from full forwards, and
``q`` is the true distribution the token was drawn from: the exit is chosen from its
own confidence before sampling, so the choice never depends on the sampled token.
What early exit saves: deep layers run only for positions that some later token
needs at depth, several positions per call instead of one; drafts rejected before a
deep token came never pay for deep layers. The alternative, CALM-style copy-through
(project the exit's hidden state into the skipped layers' K/V), costs less per token
but feeds later tokens states no exit was trained on, and makes a token's
distribution depend on the exit history; verification would keep the output exact
(it uses the ``q`` actually sampled from), only acceptance is at stake. It is
available as ``SortedProposer(kv_fill="copy")`` for comparison; docs/sorted.md
measures both.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import torch
import torch.nn.functional as F
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedModel

from models.engine.proposer import Proposal, Proposer
from models.engine.ragged import RaggedLM, rollback_cache
from models.engine.sampling import RowSampler, SamplingParams
from models.engine.speculative import SpecDecoder

if TYPE_CHECKING:
    from models.align import AlignConfig

logger = logging.getLogger(__name__)

# Bumped whenever training or the saved format changes; the zoo's cache key includes it.
SORTED_DRAFT_VERSION = "2"

# A threshold above any probability: the exit never answers (used to pin a fixed exit).
DISABLED = 2.0


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------


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
    path: str | Path, device: str | torch.device = "cpu", dtype: torch.dtype | None = None
) -> SortedDraft:
    """Load a sorted draft directory (safetensors only); exits come from ``config.json``."""
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


# ---------------------------------------------------------------------------------------------
# Sorted fine-tuning (SoFT)
# ---------------------------------------------------------------------------------------------


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


def _lr_at(step: int, steps: int, peak: float) -> float:
    warmup = max(1, steps // 20)
    if step < warmup:
        return peak * (step + 1) / warmup
    frac = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))


def _optimize(
    model: SortedDraft,
    blocks: torch.Tensor,  # (N, T) token blocks
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    loss_fn: Any,  # (model, batch ids) -> SoftLoss
    progress: bool,
    label: str,
) -> list[float]:
    """AdamW over random blocks; returns each exit's mean loss over the last tenth of the steps."""
    rng = random.Random(seed)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01, betas=(0.9, 0.95))
    tail: list[list[float]] = []
    bar = None
    if progress:
        from rich.progress import Progress

        bar = Progress(transient=True)
        bar.start()
        task = bar.add_task(label, total=steps)
    try:
        for step in range(steps):
            for group in opt.param_groups:
                group["lr"] = _lr_at(step, steps, lr)
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
            if bar is not None:
                bar.advance(task)
    finally:
        if bar is not None:
            bar.stop()
    model.eval()
    return [sum(col) / len(col) for col in zip(*tail, strict=True)]


def train_sorted_draft(
    texts: list[str],
    tokenizer_dir: Path,
    out_dir: Path,
    preset: str,
    progress: bool,
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
) -> SortedAlignment:
    """Align a sorted draft with ``target`` on one sub-task's prompts (SoFT); save it to ``out_dir``.

    The data is exactly `models.align`'s: the target answers ``prompts`` (token ids) and
    the draft trains on the response positions, against the target's top-k
    distributions ("kd") or its tokens ("ce"). The SoFT twist: the loss is the mean of
    every exit's loss, so each exit, not only the deepest, moves toward this target.
    Measure acceptance with `SortedProposer` as for any draft (`models.align.align_sorted`
    does both, before and after).
    """
    from transformers import AutoTokenizer

    from models.align import AlignConfig, attach_teacher, target_responses

    config = config or AlignConfig()
    if config.method not in ("kd", "ce"):
        raise ValueError(f"a sorted draft aligns with method kd or ce, not {config.method!r}")
    draft_dir, out_dir = Path(draft_dir), Path(out_dir)
    tokenizer = AutoTokenizer.from_pretrained(draft_dir)
    model = load_sorted_draft(draft_dir, device=target.device, dtype=torch.float32)
    target.eval()
    t0 = time.perf_counter()
    seqs = target_responses(target, list(prompts), config)
    if not seqs:
        raise ValueError("the target produced no response tokens for any alignment prompt")
    if config.method == "kd":
        attach_teacher(target, seqs, config.top_k, config.gen_batch_size)
    seconds = {"generate": time.perf_counter() - t0}
    t0 = time.perf_counter()

    def loss_fn(m: SortedDraft, batch: list[Any]) -> SoftLoss:
        width = max(len(q.ids) for q in batch)
        ids = torch.zeros((len(batch), width), dtype=torch.long)
        predicts = torch.zeros(
            (len(batch), width), dtype=torch.bool
        )  # positions whose next token is a response
        for row, q in enumerate(batch):
            ids[row, : len(q.ids)] = torch.tensor(q.ids)
            predicts[row, q.start - 1 : len(q.ids) - 1] = True
        ids, predicts = ids.to(m.device), predicts.to(m.device)
        per_exit = []
        for logits in m(ids):  # right padding: causal attention keeps it out of real positions
            logq = logits[predicts].float().log_softmax(-1)  # (N, V) in (B, T) order
            if config.method == "ce":
                labels = torch.cat([torch.tensor(q.ids[q.start :]) for q in batch]).to(m.device)
                per_exit.append(F.nll_loss(logq, labels))
            else:
                p = torch.cat([q.teacher_p for q in batch]).to(m.device)  # (N, top_k)
                idx = torch.cat([q.teacher_i for q in batch]).to(m.device)
                per_exit.append(-(p * logq.gather(1, idx)).sum(-1).mean())  # KL(p || q) + const
        return SoftLoss(torch.stack(per_exit).mean(), per_exit)

    rng = random.Random(config.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.0)
    per_epoch = -(-len(seqs) // config.batch_size)
    batches = [
        [seqs[i] for i in order[start : start + config.batch_size]]
        for order in (rng.sample(range(len(seqs)), len(seqs)) for _ in range(config.epochs))
        for start in range(0, len(seqs), config.batch_size)
    ]  # epochs x shuffled batches
    model.train()
    last_epoch: list[list[float]] = []
    for step, batch in enumerate(batches):
        out = loss_fn(model, batch)
        for group in opt.param_groups:
            group["lr"] = _lr_at(step, len(batches), config.lr)
        opt.zero_grad(set_to_none=True)
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step >= len(batches) - per_epoch:
            last_epoch.append([x.item() for x in out.per_exit])
    model.eval()
    seconds["train"] = time.perf_counter() - t0
    exit_losses = [sum(col) / len(col) for col in zip(*last_epoch, strict=True)]
    logger.info(
        "sorted draft aligned on %d responses: last-epoch exit losses %s",
        len(seqs),
        [round(x, 4) for x in exit_losses],
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(out_dir)
    tokenizer.save_pretrained(out_dir)
    return SortedAlignment(model, out_dir, sum(exit_losses) / len(exit_losses), exit_losses, seconds)


# ---------------------------------------------------------------------------------------------
# Early-exit inference
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    """Where a per-row run of positions lives: padded (R, W) indices and the real slots to write."""

    rows: torch.Tensor  # (R,) batch rows, on the device
    pos: torch.Tensor  # (R, W) positions, padded past each row's count
    pos_in: torch.Tensor  # (R, W) positions to read inputs from (padding re-reads a real one)
    valid: torch.Tensor | None  # (R, W) bool real slots; None = all real
    write_rows: torch.Tensor  # row index of each real slot (or (R, 1) when all real)
    write_pos: torch.Tensor  # position of each real slot (or (R, W) when all real)


class EarlyExitCache:
    """Per-row KV cache of a sorted draft where positions stop at different depths.

    Bookkeeping lives on the host (small long tensors), tensors on the model's device.
    ``filled[l, b]``: how many leading positions of row b have their layer-l output
    (l = 0 is the embedding, so ``filled[0]`` is the row's context length). It never
    increases with l: deeper layers are a prefix of shallower ones. ``hidden[b, p]``
    is position p's hidden state at the deepest layer it has reached. Running layer l
    always first runs every position in ``[filled[l], filled[l-1])`` (the lazy fill
    described in the module docstring), so keys/values exist wherever attention reads.
    """

    def __init__(self, model: SortedDraft, batch: int, capacity: int) -> None:
        self.model = model
        dev, dt = model.device, model.dtype
        shape = (batch, model.num_kv_heads, capacity, model.head_dim)
        self.keys = [torch.zeros(shape, device=dev, dtype=dt) for _ in range(model.num_layers)]
        self.values = [torch.zeros(shape, device=dev, dtype=dt) for _ in range(model.num_layers)]
        self.hidden = torch.zeros((batch, capacity, model.hidden_size), device=dev, dtype=dt)  # (B, cap, C)
        self._rope_table(capacity)
        self.filled = torch.zeros((model.num_layers + 1, batch), dtype=torch.long)  # host
        self.layer_positions = 0  # position x layer computations so far (the compute that early exit saves)
        self.layer_calls = 0  # layer invocations so far (the per-call overhead it saves)

    @property
    def batch(self) -> int:
        return int(self.filled.shape[1])

    @property
    def lengths(self) -> torch.Tensor:
        return self.filled[0]

    def _ensure_capacity(self, needed: int) -> None:
        cap = self.hidden.shape[1]
        if needed <= cap:
            return
        extra = max(needed - cap, cap)  # double: amortised O(1) growth

        def grow(t: torch.Tensor, dim: int) -> torch.Tensor:
            pad_shape = list(t.shape)
            pad_shape[dim] = extra
            return torch.cat([t, t.new_zeros(pad_shape)], dim=dim)

        self.keys = [grow(t, 2) for t in self.keys]
        self.values = [grow(t, 2) for t in self.values]
        self.hidden = grow(self.hidden, 1)
        self._rope_table(cap + extra)

    def _rope_table(self, capacity: int) -> None:
        """cos, sin (cap, head_dim) of every position: computed once, gathered per layer call."""
        positions = torch.arange(capacity, device=self.hidden.device)[None, :]
        cos, sin = self.model.rope(self.hidden[:1, :1], positions)
        self.cos, self.sin = cos[0], sin[0]

    def append(self, tokens: torch.Tensor, counts: torch.Tensor | None = None) -> None:
        """Add tokens (B, T) to the end of every row; only the first ``counts[b]`` (host, (B,)) are real."""
        bsz, t = tokens.shape
        counts = torch.full((bsz,), t, dtype=torch.long) if counts is None else counts.to("cpu", torch.long)
        start = self.filled[0].clone()
        self._ensure_capacity(int((start + counts).max()))
        pos = start[:, None] + torch.arange(t)  # (B, T) host
        valid = torch.arange(t)[None, :] < counts[:, None]
        rows = torch.arange(bsz)[:, None].expand(bsz, t)
        dev = self.hidden.device
        emb = self.model.embed(tokens.to(dev))  # (B, T, C)
        self.hidden[rows[valid].to(dev), pos[valid].to(dev)] = emb[valid.to(dev)]
        self.filled[0] = start + counts

    def truncate(self, lengths: torch.Tensor) -> None:
        """Forget every position at or past lengths[b] (B,) host: rolled-back draft tokens."""
        self.filled = torch.minimum(self.filled, lengths.to("cpu", torch.long)[None, :])

    def select_rows(self, rows: torch.Tensor) -> None:
        dev_rows = rows.to(self.hidden.device)
        self.keys = [t[dev_rows] for t in self.keys]
        self.values = [t[dev_rows] for t in self.values]
        self.hidden = self.hidden[dev_rows]
        self.filled = self.filled[:, rows.to("cpu")]

    def advance(self, rows: torch.Tensor, depth: int) -> None:
        """Bring every position of ``rows`` (host long) through layer ``depth``, filling skipped ones."""
        for layer in range(1, depth + 1):
            need = self.filled[layer - 1, rows] > self.filled[layer, rows]
            if bool(need.any()):
                self._run_layer(layer, rows[need])

    def _chunk(self, rows: torch.Tensor, start: torch.Tensor, end: torch.Tensor) -> _Chunk:
        """Positions [start[r], end[r]) of each row r of ``rows``, padded to one (R, W) block."""
        counts = end - start
        width = int(counts.max())
        dev = self.hidden.device
        rows_d = rows.to(dev)
        pos_d = (start[:, None] + torch.arange(width)).to(dev)  # (R, W)
        if bool((counts != width).any()):  # host check: the common one-token step skips masking
            valid = (counts[:, None] > torch.arange(width)).to(dev)  # (R, W)
            pos_in = torch.minimum(pos_d, (end - 1).to(dev)[:, None])  # padded slots re-read a real position
            return _Chunk(rows_d, pos_d, pos_in, valid, rows_d[:, None].expand_as(pos_d)[valid], pos_d[valid])
        return _Chunk(rows_d, pos_d, pos_d, None, rows_d[:, None], pos_d)

    def _write_kv(self, idx: int, chunk: _Chunk, k: torch.Tensor, v: torch.Tensor) -> None:
        """k, v (R, kvh, W, hd) of a chunk -> cache slots (row, :, pos) of layer idx; padding not written."""
        k_new, v_new = k.transpose(1, 2), v.transpose(1, 2)  # (R, W, kvh, hd)
        if chunk.valid is not None:
            k_new, v_new = k_new[chunk.valid], v_new[chunk.valid]
        self.keys[idx][chunk.write_rows, :, chunk.write_pos] = k_new
        self.values[idx][chunk.write_rows, :, chunk.write_pos] = v_new

    def _run_layer(self, layer: int, rows: torch.Tensor) -> None:
        """Run layer ``layer`` (1-based) on positions [filled[layer], filled[layer-1]) of ``rows``."""
        start, end = self.filled[layer, rows], self.filled[layer - 1, rows]  # (R,) host
        chunk = self._chunk(rows, start, end)
        whole = rows.numel() == self.batch  # rows are sorted and distinct: all of them
        n_keys = int(end.max())
        key_pos = torch.arange(n_keys, device=chunk.pos.device)
        # Causal over the row's own positions; padded queries see a valid prefix, never an empty one.
        mask = (key_pos[None, None, :] <= chunk.pos[:, :, None]) & (
            key_pos[None, None, :] < end.to(chunk.pos.device)[:, None, None]
        )
        x = self.hidden[chunk.rows[:, None], chunk.pos_in]  # (R, W, C)
        idx = layer - 1

        def attend_to(
            _: int, k: torch.Tensor, v: torch.Tensor
        ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
            self._write_kv(idx, chunk, k, v)
            if whole:  # a view, no copy of the cache
                return self.keys[idx][:, :, :n_keys], self.values[idx][:, :, :n_keys], mask[:, None]
            rows_d = chunk.rows
            return self.keys[idx][rows_d, :, :n_keys], self.values[idx][rows_d, :, :n_keys], mask[:, None]

        out = self.model.layer(idx, x, (self.cos[chunk.pos_in], self.sin[chunk.pos_in]), attend_to)
        self.hidden[chunk.write_rows, chunk.write_pos] = out if chunk.valid is None else out[chunk.valid]
        self.filled[layer, rows] = end
        self.layer_positions += int((end - start).sum())
        self.layer_calls += 1

    def copy_through(self, rows: torch.Tensor, depth: int) -> None:
        """CALM-style state propagation: positions of ``rows`` that stopped at ``depth`` get keys/values
        in every deeper layer, projected from their hidden state at ``depth`` (approximate, never redone)."""
        for layer in range(depth + 1, self.model.num_layers + 1):
            need = self.filled[0, rows] > self.filled[layer, rows]
            if not bool(need.any()):
                continue
            sub = rows[need]
            start, end = self.filled[layer, sub], self.filled[0, sub]
            chunk = self._chunk(sub, start, end)
            x = self.hidden[chunk.rows[:, None], chunk.pos_in]  # (R, W, C) at `depth`
            k, v = self.model.project_kv(layer - 1, x, (self.cos[chunk.pos_in], self.sin[chunk.pos_in]))
            self._write_kv(layer - 1, chunk, k, v)
            self.filled[layer, sub] = end

    def last_logits(self, rows: torch.Tensor) -> torch.Tensor:
        """Exit logits (R, V) at each row's last position, from whatever depth it has reached."""
        dev = self.hidden.device
        h = self.hidden[rows.to(dev), (self.filled[0, rows] - 1).to(dev)]  # (R, C)
        return self.model.head(h)


@dataclass
class ExitStats:
    """What early exit did, accumulated over a proposer's lifetime."""

    tokens_per_exit: list[int]  # draft tokens answered by each exit, shallowest first
    layer_positions: int = 0  # position x layer computations (deep fills included)
    layer_calls: int = 0  # layer invocations

    @property
    def exit_share(self) -> list[float]:
        """Share of draft tokens answered by each exit."""
        total = sum(self.tokens_per_exit)
        return [n / total if total else 0.0 for n in self.tokens_per_exit]


def default_thresholds(n_exits: int, value: float = 0.9) -> list[float]:
    """Uncalibrated thresholds: every exit but the last answers at top probability >= value."""
    return [value] * (n_exits - 1) + [0.0]


def fixed_exit_thresholds(n_exits: int, exit_index: int) -> list[float]:
    """Thresholds that make exit ``exit_index`` answer every token (shallower exits disabled)."""
    if not 0 <= exit_index < n_exits:
        raise ValueError(f"exit index {exit_index} out of range for a draft with {n_exits} exits")
    return [DISABLED] * exit_index + [0.0] * (n_exits - exit_index)


def check_thresholds(thresholds: Sequence[float], exits: Sequence[int]) -> list[float]:
    """Validate per-exit thresholds against a draft's exits; returns them as floats."""
    out = [float(t) for t in thresholds]
    if len(out) != len(exits):
        raise ValueError(
            f"{len(out)} thresholds given for a sorted draft with exits {list(exits)}: give one per exit, "
            f"e.g. {default_thresholds(len(exits))}"
        )
    if any(not t >= 0.0 for t in out):
        raise ValueError(f"sorted-draft thresholds must be >= 0 (a value > 1 disables an exit), got {out}")
    return out


class SortedProposer:
    """Early-exit drafting with a sorted draft: a `models.engine.proposer.Proposer`.

    One instance per (target, batch stream): it owns a KV cache and the target's
    thresholds, while the weights (``model``) may be shared by every target of the
    process (`get_shared_sorted_draft`). ``thresholds[i]`` is exit i's confidence bar
    (top probability of its softmax at temperature 1); the last exit always answers.

    ``kv_fill`` says how layers a token skipped get keys/values: "lazy" (default) runs
    them exactly when a later token needs them; "copy" projects the exit's hidden state
    into them at once (CALM-style, approximate). Both are lossless after verification.
    """

    def __init__(
        self,
        model: SortedDraft,
        thresholds: Sequence[float] | None = None,
        vocab_size: int | None = None,
        kv_fill: Literal["lazy", "copy"] = "lazy",
    ) -> None:
        if kv_fill not in ("lazy", "copy"):
            raise ValueError(f'kv_fill must be "lazy" or "copy", got {kv_fill!r}')
        self.model = model
        self.kv_fill = kv_fill
        self.thresholds = check_thresholds(
            default_thresholds(len(model.exits)) if thresholds is None else thresholds, model.exits
        )
        self.vocab_size = vocab_size or int(model.config.vocab_size)
        self.cache: EarlyExitCache | None = None
        self.last_k = 0  # size of the last proposal, until `update`
        self.stats = ExitStats([0] * len(model.exits))

    def prefill(self, prompts: list[list[int]]) -> None:
        """Start a batch: the prompts are only embedded; their layers run when the first token needs them."""
        if not prompts or any(len(p) == 0 for p in prompts):
            raise ValueError("SortedProposer.prefill needs at least one prompt, each with at least one token")
        self._flush_cache_stats()
        width = max(len(p) for p in prompts)
        ids = torch.zeros((len(prompts), width), dtype=torch.long)
        for i, p in enumerate(prompts):
            ids[i, : len(p)] = torch.tensor(p, dtype=torch.long)
        self.cache = EarlyExitCache(self.model, len(prompts), capacity=width + 64)
        lengths = torch.tensor([len(p) for p in prompts])
        with torch.inference_mode():
            self.cache.append(ids, lengths)
            if self.kv_fill == "copy":
                # Copy-through approximates only draft-time tokens: the prompt (but its last
                # position, which drafts the first token) runs at full depth, as in any draft.
                self.cache.filled[0] = lengths - 1
                self.cache.advance(torch.arange(len(prompts)), self.model.num_layers)
                self.cache.filled[0] = lengths
        self.last_k = 0

    def next_logits(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Early-exit logits at every row's last position: (B, V) and the answering exit index (B,) host."""
        cache = self._require_cache()
        rows = torch.arange(cache.batch)
        logits: torch.Tensor | None = None
        exit_of = torch.full((cache.batch,), -1, dtype=torch.long)
        last = len(self.model.exits) - 1
        for i, depth in enumerate(self.model.exits):
            if i < last and self.thresholds[i] > 1.0:
                continue  # a disabled exit costs nothing, not even its LM head
            cache.advance(rows, depth)
            lg = cache.last_logits(rows)  # (R, V)
            if logits is None:
                logits = lg.new_empty((cache.batch, lg.shape[-1]))
            if i == last:
                done = torch.ones(rows.shape[0], dtype=torch.bool)
            else:
                done = (lg.float().softmax(-1).amax(-1) >= self.thresholds[i]).cpu()
            answered = rows[done]
            logits[answered.to(lg.device)] = lg[done.to(lg.device)]
            exit_of[answered] = i
            if self.kv_fill == "copy" and i < last and answered.numel():
                cache.copy_through(answered, depth)
            rows = rows[~done]
            if rows.numel() == 0:
                break
        assert logits is not None  # the last exit always runs
        return logits, exit_of

    def propose(self, k: int, sampler: RowSampler) -> Proposal:
        """k early-exit draft tokens per row, with the distributions they were drawn from."""
        cache = self._require_cache()
        tokens: list[torch.Tensor] = []
        qs: list[torch.Tensor] = []
        with torch.inference_mode():
            for _ in range(k):
                logits, exit_of = self.next_logits()
                logits = self._to_target_vocab(logits)[:, None, :]  # (B, 1, V)
                if sampler.all_greedy:
                    token = logits.argmax(-1)  # (B, 1); one-hot q left implicit
                else:
                    q = sampler.probs(logits)  # the distribution the token is really drawn from
                    token = sampler.sample(q)
                    qs.append(q)
                tokens.append(token)
                self.stats.tokens_per_exit = [
                    n + int((exit_of == i).sum()) for i, n in enumerate(self.stats.tokens_per_exit)
                ]
                # Only embedded here; its layers run when the next token (or a deeper one) needs them.
                cache.append(token)
        self.last_k = k
        return Proposal(torch.cat(tokens, dim=1), torch.cat(qs, dim=1) if qs else None)

    def update(self, num_accepted: torch.Tensor, next_tokens: torch.Tensor) -> None:
        """Keep each row's accepted drafts, forget the rejected ones, queue the target's token."""
        cache = self._require_cache()
        accepted = num_accepted.to("cpu", torch.long)
        # Context before the last proposal, plus its accepted prefix; rejected drafts are forgotten.
        cache.truncate(cache.lengths - self.last_k + accepted)
        with torch.inference_mode():
            cache.append(next_tokens[:, None])
        self.last_k = 0

    def keep_rows(self, rows: torch.Tensor) -> None:
        """Drop finished rows (``rows``: the indices to keep, in order)."""
        self._require_cache().select_rows(rows)

    def _require_cache(self) -> EarlyExitCache:
        if self.cache is None:
            raise RuntimeError("SortedProposer used before prefill(): start a batch first")
        return self.cache

    def _flush_cache_stats(self) -> None:
        if self.cache is not None:
            self.stats.layer_positions += self.cache.layer_positions
            self.stats.layer_calls += self.cache.layer_calls
            self.cache.layer_positions = self.cache.layer_calls = 0

    def reset_stats(self) -> None:
        """Start counting exits and layer work from zero."""
        self._flush_cache_stats()
        self.stats = ExitStats([0] * len(self.model.exits))

    def exit_stats(self) -> ExitStats:
        """Tokens per exit and layer work so far (all batches of this proposer)."""
        self._flush_cache_stats()
        return ExitStats(list(self.stats.tokens_per_exit), self.stats.layer_positions, self.stats.layer_calls)

    def _to_target_vocab(self, logits: torch.Tensor) -> torch.Tensor:
        width = logits.shape[-1]
        if width == self.vocab_size:
            return logits
        if width > self.vocab_size:
            return logits[..., : self.vocab_size]
        pad = logits.new_full((*logits.shape[:-1], self.vocab_size - width), float("-inf"))
        return torch.cat([logits, pad], dim=-1)


def make_sorted_proposer(
    path: str | Path,
    thresholds: Sequence[float] | None = None,
    *,
    device: str | torch.device = "cpu",
    dtype: torch.dtype | None = None,
    vocab_size: int | None = None,
) -> SortedProposer:
    """A proposer for one target over the process-wide weights of the sorted draft at ``path``.

    What a decode worker calls per (target, sorted draft) pairing: every target gets its
    own proposer (cache, thresholds), all of them share one copy of the weights.
    """
    return SortedProposer(get_shared_sorted_draft(path, device, dtype), thresholds, vocab_size)


# ---------------------------------------------------------------------------------------------
# Measurement and per-target threshold calibration
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecodeMeasurement:
    """One decoding run over a prompt set: wall time and speculation counters (summed over rows)."""

    label: str
    seconds: float  # wall time of the whole run (best of the repeats)
    output_tokens: int
    steps: int  # target verification passes, summed over rows
    drafted: int
    accepted: int
    tokens_per_exit: list[int] | None = None  # sorted drafts: draft tokens answered by each exit
    layer_positions: int | None = None  # sorted drafts: position x layer computations (prompts included)

    @property
    def acceptance_rate(self) -> float:
        return self.accepted / self.drafted if self.drafted else 0.0

    @property
    def mean_accepted(self) -> float:
        """Accepted draft tokens per verification step."""
        return self.accepted / self.steps if self.steps else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.output_tokens / self.seconds if self.seconds else 0.0


def measure_decoding(
    target: PreTrainedModel,
    draft: PreTrainedModel | Proposer | None,
    prompts: Sequence[list[int]],
    params: SamplingParams,
    *,
    k: int = 4,
    batch_size: int = 8,
    repeats: int = 1,
    label: str = "",
) -> DecodeMeasurement:
    """Decode ``prompts`` in batches with the engine; wall time is the best of ``repeats`` runs."""
    best = math.inf
    outs: list[Any] = []
    for _ in range(max(1, repeats)):
        if isinstance(draft, SortedProposer):
            draft.reset_stats()
        start = time.perf_counter()
        run = []
        for i in range(0, len(prompts), batch_size):
            dec = SpecDecoder(target, draft, k=k if draft is not None else 0)
            run.extend(dec.generate(list(prompts[i : i + batch_size]), params))
        best = min(best, time.perf_counter() - start)
        outs = run
    # Stats were reset before each repeat: they describe one run.
    exit_stats = draft.exit_stats() if isinstance(draft, SortedProposer) else None
    return DecodeMeasurement(
        label=label,
        seconds=best,
        output_tokens=sum(len(o.token_ids) for o in outs),
        steps=sum(o.stats.steps for o in outs),
        drafted=sum(o.stats.drafted_tokens for o in outs),
        accepted=sum(o.stats.accepted_tokens for o in outs),
        tokens_per_exit=None if exit_stats is None else exit_stats.tokens_per_exit,
        layer_positions=None if exit_stats is None else exit_stats.layer_positions,
    )


@dataclass(frozen=True)
class ExitTrace:
    """Each exit's confidence and acceptance at every generated position of target trajectories.

    Because skipped layers are filled exactly, the draft's exit-i distribution at a
    position equals exit i of one full forward: so a trace computed once answers
    "what would thresholds T accept" for every T without decoding again.
    """

    confidence: torch.Tensor  # (N, E) top probability of each exit (temperature 1)
    accept: (
        torch.Tensor
    )  # (N, E) greedy: 1.0 iff the exit's argmax is the target's token; else sum(min(p, q))
    segments: list[int]  # positions per prompt, in order (the decoding walk restarts per prompt)
    greedy: bool


def trace_exits(
    model: SortedDraft,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    outputs: Sequence[list[int]],
    params: SamplingParams,
    batch_size: int = 8,
) -> ExitTrace:
    """Full forwards of draft and target over prompt + output; per position j, exit i predicting output[j]."""
    conf: list[torch.Tensor] = []
    acc: list[torch.Tensor] = []
    segments = [len(o) for o in outputs]
    dev = model.device
    with torch.inference_mode():
        for start in range(0, len(prompts), batch_size):
            rows = list(range(start, min(start + batch_size, len(prompts))))
            seqs = [list(prompts[r]) + list(outputs[r]) for r in rows]
            width = max(len(s) for s in seqs)
            ids = torch.zeros((len(rows), width), dtype=torch.long)
            for i, s in enumerate(seqs):
                ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
            ids = ids.to(dev)
            exit_logits = model(ids)  # E x (R, W, V); right padding is invisible to real positions
            p_all = None
            if not params.greedy:
                sampler = RowSampler.from_params([params] * len(rows), dev)
                p_all = sampler.probs(target(ids.to(target.device)).logits.to(dev))
            for i, r in enumerate(rows):
                n_out = len(outputs[r])
                if n_out == 0:
                    continue
                cols = torch.arange(len(prompts[r]) - 1, len(prompts[r]) - 1 + n_out, device=dev)
                nxt = torch.tensor(outputs[r], device=dev)
                lg = torch.stack([e[i, cols] for e in exit_logits], dim=1)  # (n, E, V)
                conf.append(lg.float().softmax(-1).amax(-1).cpu())
                if p_all is None:
                    acc.append((lg.argmax(-1) == nxt[:, None]).float().cpu())
                else:
                    row_sampler = RowSampler.from_params([params], dev)
                    q = row_sampler.probs(lg.transpose(0, 1))  # (E, n, V)
                    p = p_all[i, cols][None]  # (1, n, V)
                    acc.append(torch.minimum(p, q).sum(-1).transpose(0, 1).float().cpu())
    return ExitTrace(torch.cat(conf), torch.cat(acc), segments, params.greedy)


@dataclass(frozen=True)
class StepCosts:
    """Measured wall times of one batched engine step's parts, at a fixed batch size and k."""

    batch_size: int
    k: int
    exit_token_seconds: list[float]  # drafting one token per row with exit i alone (fixed exit)
    head_seconds: float  # one extra exit check: final norm + LM head + top probability
    verify_seconds: float  # target forward scoring k + 1 tokens per row
    plain_seconds: float  # target forward of 1 token per row (plain decoding)


@dataclass(frozen=True)
class Simulation:
    """Predicted effect of a threshold setting on a trace."""

    thresholds: list[float]
    acceptance_rate: float  # accepted / drafted
    mean_accepted: float  # accepted draft tokens per step
    exit_share: list[float]  # share of draft tokens answered by each exit
    draft_token_seconds: float  # predicted batch draft time per drafted token
    predicted_speedup: float  # over plain decoding


def _exit_choice(confidence: torch.Tensor, thresholds: Sequence[float]) -> torch.Tensor:
    """(N,) index of the first exit whose confidence reaches its threshold (last exit always)."""
    passes = confidence >= torch.tensor([*thresholds[:-1], 0.0], dtype=confidence.dtype)[None, :]
    passes[:, -1] = True
    return passes.float().argmax(1)  # first True


def simulate(trace: ExitTrace, thresholds: Sequence[float], costs: StepCosts) -> Simulation:
    """Replay decoding on the trace with these thresholds; price it with the measured costs.

    Greedy traces are replayed exactly (steps, accepted counts, drafted positions);
    sampled ones use the expected accepted count from every start position. Batch cost:
    rows run in lockstep, so the layers and check of exit i run for the batch when any
    row needs them: probability 1 - (1 - reach_i)^B with reach_i the share of tokens
    going at least that deep.
    """
    thresholds = list(thresholds)
    k = costs.k
    choice = _exit_choice(trace.confidence, thresholds)  # (N,)
    acc = trace.accept.gather(1, choice[:, None]).squeeze(1)  # (N,)
    steps = accepted = drafted = 0.0
    drafted_choice: list[torch.Tensor] = []
    offset = 0
    for n in trace.segments:
        a = acc[offset : offset + n].tolist()
        if trace.greedy:
            c = 1  # the first token comes from the target's prefill
            while c < n:
                kk = min(k, n - c - 1)
                m = 0
                while m < kk and a[c + m] >= 0.5:
                    m += 1
                drafted_choice.append(choice[offset + c : offset + c + kk])
                steps += 1
                drafted += kk
                accepted += m
                c += m + 1
        else:
            for c in range(1, n - 1):
                kk = min(k, n - c - 1)
                run, expect = 1.0, 0.0
                for j in range(kk):
                    run *= a[c + j]
                    expect += run
                # Weight each start by 1 / (tokens per step) so sums estimate totals, not per-start means.
                weight = 1.0 / (expect + 1.0)
                steps += weight
                drafted += weight * kk
                accepted += weight * expect
                drafted_choice.append(choice[offset + c : offset + c + kk])
        offset += n
    drafted_exits = torch.cat(drafted_choice) if drafted_choice else torch.zeros(0, dtype=torch.long)
    n_exits = trace.confidence.shape[1]
    share = [
        float((drafted_exits == i).float().mean()) if drafted_exits.numel() else 0.0 for i in range(n_exits)
    ]
    token_seconds = _batch_token_seconds(share, thresholds, costs)
    tokens = sum(trace.segments)
    plain_time = tokens * costs.plain_seconds
    # The prefill token costs the same either way; every later step verifies once and drafts.
    spec_time = (
        len(trace.segments) * costs.plain_seconds + steps * costs.verify_seconds + drafted * token_seconds
    )
    return Simulation(
        thresholds=thresholds,
        acceptance_rate=accepted / drafted if drafted else 0.0,
        mean_accepted=accepted / steps if steps else 0.0,
        exit_share=share,
        draft_token_seconds=token_seconds,
        predicted_speedup=plain_time / spec_time if spec_time else 0.0,
    )


def _batch_token_seconds(share: list[float], thresholds: list[float], costs: StepCosts) -> float:
    """Batch draft time per token: the first enabled exit always runs, deeper ones when any row needs them."""
    last = len(share) - 1
    enabled = [i for i in range(len(share)) if i == last or thresholds[i] <= 1.0]
    first = enabled[0]
    seconds = costs.exit_token_seconds[first]
    for prev, cur in zip(enabled, enabled[1:], strict=False):
        reach = sum(share[cur:])
        p_batch = 1.0 - (1.0 - reach) ** costs.batch_size
        step = costs.exit_token_seconds[cur] - costs.exit_token_seconds[prev] + costs.head_seconds
        seconds += p_batch * max(step, 0.0)
    return seconds


def candidate_thresholds(
    n_exits: int, levels: Sequence[float] = (0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)
) -> list[list[float]]:
    """Threshold settings to search: every exit but the last off or at one of ``levels``.

    Settings that behave the same are listed once (after an exit at 0, deeper ones never run).
    """
    options = [DISABLED, *levels, 0.0]
    out: list[list[float]] = []
    seen: set[tuple[float, ...]] = set()

    def rec(prefix: list[float]) -> None:
        if len(prefix) == n_exits - 1:
            key = tuple(prefix + [0.0])
            if key not in seen:
                seen.add(key)
                out.append(list(key))
            return
        if prefix and prefix[-1] == 0.0:
            rec(prefix + [0.0])
            return
        for v in options:
            rec(prefix + [v])

    rec([])
    return out


def _timed(fn: Callable[[], Any], repeats: int) -> float:
    """Median wall time of fn() over repeats calls, after one warm-up."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def measure_step_costs(
    model: SortedDraft,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    k: int,
    repeats: int = 5,
) -> StepCosts:
    """Time the parts of one engine step on a batch of ``prompts`` (their count is the batch size)."""
    batch = [list(p) for p in prompts]
    bsz = len(batch)
    sampler = RowSampler.from_params([SamplingParams()] * bsz, model.device)
    zeros = torch.zeros(bsz, dtype=torch.long, device=model.device)
    exit_seconds = []
    with torch.inference_mode():
        for i in range(len(model.exits)):
            proposer = SortedProposer(model, fixed_exit_thresholds(len(model.exits), i))
            proposer.prefill(batch)
            proposer.update(zeros, torch.tensor([p[-1] for p in batch], device=model.device))

            def draft_k(p: SortedProposer = proposer) -> None:
                proposal = p.propose(k, sampler)
                p.update(zeros, proposal.tokens[:, 0])  # reject all: the context stays the same length

            exit_seconds.append(_timed(draft_k, repeats) / k)
        cache = EarlyExitCache(model, bsz, 8)
        cache.append(torch.zeros((bsz, 1), dtype=torch.long, device=model.device))
        rows = torch.arange(bsz)
        cache.advance(rows, 1)
        head = _timed(lambda: cache.last_logits(rows).float().softmax(-1).amax(-1).tolist(), repeats)

        lm = RaggedLM(target)
        lm.prefill(batch)
        dev = target.device
        draft_tokens = torch.tensor([p[-1] for p in batch], device=dev)[:, None].expand(bsz, k + 1)

        def verify_step(width: int) -> None:
            lm.forward(draft_tokens[:, :width]).argmax(-1).tolist()
            rollback_cache(lm, torch.zeros((bsz, width), dtype=torch.bool, device=dev), 0)

        verify = _timed(lambda: verify_step(k + 1), repeats)
        plain = _timed(lambda: verify_step(1), repeats)
    return StepCosts(bsz, k, exit_seconds, head, verify, plain)


@dataclass(frozen=True)
class CalibrationResult:
    """The thresholds chosen for one target and the evidence behind them."""

    thresholds: list[float]
    simulations: list[Simulation]  # every candidate, best predicted first
    costs: StepCosts
    plain: DecodeMeasurement
    validated: list[tuple[list[float], DecodeMeasurement]]  # real runs of the top candidates

    def measured_speedup(self, run: DecodeMeasurement) -> float:
        return self.plain.seconds / run.seconds if run.seconds else 0.0


def calibrate_thresholds(
    model: SortedDraft,
    target: PreTrainedModel,
    prompts: Sequence[list[int]],
    params: SamplingParams,
    *,
    k: int = 4,
    batch_size: int = 8,
    validate_top: int = 3,
    repeats: int = 1,
) -> CalibrationResult:
    """Choose the exit thresholds that make this sorted draft fastest for ``target``.

    1. Plain decoding of the prompts gives the target's trajectories and the baseline time.
    2. One full forward of draft and target over them gives each exit's confidence and
       acceptance at every position (`trace_exits`), the step parts are timed
       (`measure_step_costs`), and every candidate setting is replayed (`simulate`).
    3. The ``validate_top`` best predicted settings, plus the deepest exit alone, are run
       for real; the fastest measured wins (``validate_top=0`` trusts the prediction).
    """
    if not prompts:
        raise ValueError("calibration needs prompts: pass at least one")
    prompts = [list(p) for p in prompts]
    plain_outs: list[list[int]] = []
    for i in range(0, len(prompts), batch_size):
        outs = SpecDecoder(target, None).generate(prompts[i : i + batch_size], params)
        plain_outs.extend(o.token_ids for o in outs)
    plain = measure_decoding(
        target, None, prompts, params, batch_size=batch_size, repeats=repeats, label="plain"
    )
    trace = trace_exits(model, target, prompts, plain_outs, params, batch_size)
    costs = measure_step_costs(model, target, prompts[:batch_size], k)
    sims = sorted(
        (simulate(trace, t, costs) for t in candidate_thresholds(len(model.exits))),
        key=lambda s: s.predicted_speedup,
        reverse=True,
    )
    logger.info(
        "calibration: best predicted %s (speedup %.2f, acceptance %.2f)",
        sims[0].thresholds,
        sims[0].predicted_speedup,
        sims[0].acceptance_rate,
    )
    validated: list[tuple[list[float], DecodeMeasurement]] = []
    if validate_top > 0:
        tried = [s.thresholds for s in sims[:validate_top]]
        deepest = fixed_exit_thresholds(len(model.exits), len(model.exits) - 1)
        if deepest not in tried:
            tried.append(deepest)
        proposers = [SortedProposer(model, t) for t in tried]
        best: list[DecodeMeasurement | None] = [None] * len(tried)
        # Rounds over the candidates, best time kept: load on a shared machine hits all alike.
        for _ in range(max(1, repeats)):
            for i, (thresholds, proposer) in enumerate(zip(tried, proposers, strict=True)):
                run = measure_decoding(
                    target, proposer, prompts, params, k=k, batch_size=batch_size, label=str(thresholds)
                )
                current = best[i]
                if current is None or run.seconds < current.seconds:
                    best[i] = run
        validated = [(t, run) for t, run in zip(tried, best, strict=True) if run is not None]
        chosen = min(validated, key=lambda tr: tr[1].seconds)[0]
    else:
        chosen = sims[0].thresholds
    return CalibrationResult(chosen, sims, costs, plain, validated)
