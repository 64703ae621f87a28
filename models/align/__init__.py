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

The package, one module per job: `config` (AlignConfig, AlignResult), `data` (prompt files,
held-out split, the target's responses and top-k distributions), `draft` (align_draft,
measure_acceptance), `sorted` (align_sorted: SoFT for a sorted draft). The acceptance record
is `models.engine.acceptance.Acceptance`. This module only re-exports the public names.
"""

from __future__ import annotations

from models.align.config import METHODS, REPORT, AlignConfig, AlignResult, Method
from models.align.data import (
    PromptRecord,
    ResponseSequence,
    attach_teacher,
    encode_prompts,
    length_sorted_chunks,
    pad_sequences,
    read_prompts,
    split_prompts,
    target_responses,
)
from models.align.draft import align_draft, measure_acceptance, train_draft
from models.align.sorted import SortedAlignment, align_sorted, align_sorted_draft

__all__ = [
    "AlignConfig",
    "AlignResult",
    "METHODS",
    "Method",
    "PromptRecord",
    "REPORT",
    "ResponseSequence",
    "SortedAlignment",
    "align_draft",
    "align_sorted",
    "align_sorted_draft",
    "attach_teacher",
    "encode_prompts",
    "length_sorted_chunks",
    "measure_acceptance",
    "pad_sequences",
    "read_prompts",
    "split_prompts",
    "target_responses",
    "train_draft",
]
