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

The package, one module per job: `model` (SortedDraft, presets, loading, the process-wide
shared copy), `cache` (EarlyExitCache), `proposer` (SortedProposer and its thresholds),
`soft` (SoFT training from scratch), `calibration` (measured runs, exit traces, replay,
per-target thresholds). Aligning a sorted draft with one target is `models.align.sorted`.
This module only re-exports the public names.
"""

from __future__ import annotations

from models.drafts.sorted.cache import EarlyExitCache
from models.drafts.sorted.calibration import (
    CalibrationResult,
    DecodeMeasurement,
    ExitTrace,
    Simulation,
    StepCosts,
    calibrate_thresholds,
    candidate_thresholds,
    measure_decoding,
    measure_step_costs,
    simulate,
    trace_exits,
)
from models.drafts.sorted.model import (
    PRESETS,
    SORTED_DRAFT_VERSION,
    SortedDraft,
    SortedPreset,
    get_shared_sorted_draft,
    load_sorted_draft,
    new_sorted_draft,
    parameter_bytes,
)
from models.drafts.sorted.proposer import (
    DISABLED,
    ExitStats,
    SortedProposer,
    check_thresholds,
    default_thresholds,
    fixed_exit_thresholds,
    make_sorted_proposer,
)
from models.drafts.sorted.soft import SoftLoss, soft_loss, train_sorted_draft

__all__ = [
    "CalibrationResult",
    "DISABLED",
    "DecodeMeasurement",
    "EarlyExitCache",
    "ExitStats",
    "ExitTrace",
    "PRESETS",
    "SORTED_DRAFT_VERSION",
    "Simulation",
    "SoftLoss",
    "SortedDraft",
    "SortedPreset",
    "SortedProposer",
    "StepCosts",
    "calibrate_thresholds",
    "candidate_thresholds",
    "check_thresholds",
    "default_thresholds",
    "fixed_exit_thresholds",
    "get_shared_sorted_draft",
    "load_sorted_draft",
    "make_sorted_proposer",
    "measure_decoding",
    "measure_step_costs",
    "new_sorted_draft",
    "parameter_bytes",
    "simulate",
    "soft_loss",
    "trace_exits",
    "train_sorted_draft",
]
