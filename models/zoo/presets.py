"""The zoo presets: corpus sizes, tokenizer, and the architecture + schedule of every model."""

from __future__ import annotations

from dataclasses import dataclass

from models.zoo.corpora import TASKS, CorpusSizes


@dataclass(frozen=True)
class ModelSpec:
    """Architecture and training schedule of one zoo model."""

    hidden_size: int  # model width C
    num_layers: int  # decoder layers
    num_heads: int  # attention heads (head dim = C / heads)
    num_kv_heads: int  # key/value heads (GQA when fewer than num_heads)
    intermediate_size: int  # SwiGLU MLP width
    steps: int  # optimizer steps
    batch_size: int  # packed blocks per step
    lr: float  # peak AdamW learning rate; linear warm-up, cosine decay to lr/10


@dataclass(frozen=True)
class ZooPreset:
    """Everything that determines a zoo build (its hash is the cache key, with the code versions)."""

    name: str
    seed: int  # corpora, initialisation and batch order
    vocab_size: int  # BPE entries, special tokens included
    context: int  # max_position_embeddings of every model
    seq_len: int  # training block length in tokens
    corpus: CorpusSizes  # pairs per task and pool
    chat_share: float  # share of training pairs rendered through the chat template
    demo_prompts: int  # lines of the mixed demo prompt file (drawn from the held-out pools)
    # torch threads while building; None = torch's default (OMP_NUM_THREADS, else all cores). Small
    # models gain nothing from a second thread, and on a busy machine its spin-waits cost several-fold.
    threads: int | None
    # Train the costliest model in a second process while this one trains the others (use with threads=1).
    parallel: bool
    target_s: ModelSpec
    target_l: ModelSpec
    draft: ModelSpec
    tasks: tuple[str, ...] = TASKS


PRESETS: dict[str, ZooPreset] = {
    # Tens of seconds on two busy cores: the test suite and `make demo` build it.
    "tiny": ZooPreset(
        name="tiny",
        seed=0,
        vocab_size=512,
        context=512,
        seq_len=128,
        corpus=CorpusSizes(train=240, align=48, heldout=32),
        chat_share=0.03,
        demo_prompts=64,
        threads=1,
        parallel=True,
        target_s=ModelSpec(64, 2, 4, 2, 172, steps=200, batch_size=8, lr=4e-3),
        target_l=ModelSpec(96, 2, 4, 2, 256, steps=200, batch_size=8, lr=4e-3),
        draft=ModelSpec(32, 1, 2, 1, 96, steps=200, batch_size=8, lr=6e-3),
    ),
    # ~26 minutes on two quiet cores. target-l is 16 layers deep so that one of its decoding
    # steps costs >= 8x a draft step on a CPU at batch 1 (measured into the manifest, see
    # docs/zoo.md): at this size a step's cost is mostly per-layer overhead, so depth sets the
    # ratio (10 layers measured 5.9x).
    "bench": ZooPreset(
        name="bench",
        seed=0,
        vocab_size=4096,
        context=1024,
        seq_len=256,
        corpus=CorpusSizes(train=3000, align=256, heldout=200),
        chat_share=0.03,
        demo_prompts=160,
        threads=1,
        parallel=True,
        target_s=ModelSpec(192, 4, 3, 3, 512, steps=960, batch_size=4, lr=2e-3),
        target_l=ModelSpec(256, 16, 4, 4, 688, steps=1400, batch_size=4, lr=1.5e-3),
        draft=ModelSpec(128, 2, 4, 2, 384, steps=800, batch_size=4, lr=3e-3),
    ),
}
