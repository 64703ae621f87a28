"""Batched, lossless speculative decoding over Hugging Face causal LMs.

One step, for every active row of the batch at once:

1. *propose*: the draft proposes k tokens d_1..d_k with distributions q_1..q_k
   (`models.engine.proposer`);
2. *verify*: one target forward over [last token, d_1..d_k] gives p_1..p_{k+1};
3. *accept*: d_j is accepted with probability min(1, p_j(d_j) / q_j(d_j)) (greedy:
   iff it is the target's argmax); a row's *accepted* tokens are the prefix before its
   first rejection, so every row accepts its own count n;
4. the row then gets one more token: at a rejection the *correction*, sampled from the
   residual norm(max(0, p_{n+1} - q_{n+1})); when all k were accepted the *bonus*,
   sampled from p_{k+1};
5. *rollback*: rejected tokens leave both KV caches (`models.engine.ragged.rollback_cache`);
   rows that hit max_new_tokens or a stop token leave the batch.

With temperature 0 the output equals the target's own greedy decoding; with sampling
it follows the target's (temperature/top-p warped) distribution, whatever the draft.
`draft=None` runs plain decoding through the same loop (k = 0: no proposal, the
"bonus" is the ordinary next token).

The hot path is tensor operations over the batch; the host syncs once per step, for
the few numbers the loop must branch on (accepted counts, finished rows).

The step loop lives in `models.engine.session` (continuous batching: `decoder.session()`
takes prompts while it runs); the verification functions in `models.engine.verify`.
A decoder holds several drafts by name (`drafts=` or `add_draft`); each row of a batch
names its draft, each draft proposes for its own rows with its own k, and one target
forward verifies every row. `generate` is the one-call entry point on top of a session.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import torch
from transformers import PreTrainedModel

from models.drafts.model import DraftModelProposer
from models.engine.adaptive import AdaptiveConfig, AdaptiveK
from models.engine.proposer import Proposer
from models.engine.ragged import UnsupportedModelError, rollback_cache, window_of
from models.engine.sampling import SamplingParams
from models.engine.session import DecodeSession, FinishReason, Output, RowStats, TokenLogprob
from models.engine.stops import Detokenize
from models.engine.verify import accept_greedy, accept_sampled, correction_distribution, verify

__all__ = [
    "DecodeSession",
    "DraftSpec",
    "FinishReason",
    "Output",
    "RowStats",
    "SamplingParams",
    "SpecDecoder",
    "TokenLogprob",
    "UnsupportedModelError",
    "accept_greedy",
    "accept_sampled",
    "correction_distribution",
    "rollback_cache",
    "verify",
]

logger = logging.getLogger(__name__)

Draft = PreTrainedModel | Proposer | None  # a Hugging Face causal LM, a Proposer, or None (plain decoding)


@dataclass
class DraftSpec:
    """One named draft of a decoder, as the engine runs it."""

    proposer: Proposer | None  # None: plain decoding (k = 0)
    k: int  # fixed draft length; with `adaptive`, the longest the policy may choose
    adaptive: AdaptiveConfig | None = None  # None: always k; else one AdaptiveK per (task, draft)
    window: int | None = None  # the draft model's sliding-attention window, None for full attention


class SpecDecoder:
    """Speculative decoding of a target model with drafts (models, Proposers) or none."""

    def __init__(
        self,
        target: PreTrainedModel,
        draft: Draft = None,
        k: int | Literal["auto"] = 4,
        *,
        policy: AdaptiveK | None = None,
        drafts: Mapping[str, Draft | tuple[Draft, int | Literal["auto"]]] | None = None,
        detokenize: Detokenize | None = None,
    ) -> None:
        """draft, k: the default draft (rows that name none) and its length per step, "auto" for the
        adaptive policy (`policy`, or a default one). drafts: more drafts by name, each a draft or a
        (draft, k) pair (k defaults to `k`). detokenize: token ids -> text, needed for stop strings."""
        self.target = target
        self.device = target.device
        self.vocab_size = int(target.config.get_text_config(decoder=True).vocab_size)
        self.eos_token_ids = _eos_token_ids(target)
        self.detokenize = detokenize
        # Refuse, here and by name, a model the ragged batch cannot decode exactly.
        self.window = window_of(target)  # sliding-attention window: requests must stay inside it
        self.drafts: dict[str | None, DraftSpec] = {}
        self.policies: dict[tuple[str | None, str | None], AdaptiveK] = {}
        self._session: weakref.ReferenceType[DecodeSession] | None = None
        self.add_draft(None, draft, k)
        if policy is not None and self.drafts[None].adaptive is not None:
            self.drafts[None] = DraftSpec(self.drafts[None].proposer, policy.config.max_k, policy.config)
            self.policies[(None, None)] = policy
        for name, value in (drafts or {}).items():
            model, draft_k = value if isinstance(value, tuple) else (value, k)
            self.add_draft(name, model, draft_k)

    @property
    def proposer(self) -> Proposer | None:
        """The default draft's proposer."""
        return self.drafts[None].proposer

    @property
    def k(self) -> int:
        """The default draft's k (its longest, when adaptive)."""
        return self.drafts[None].k

    @property
    def policy(self) -> AdaptiveK | None:
        """The default draft's adaptive policy for rows without a task (None when k is fixed)."""
        return self.policy_for(None, None)

    @property
    def max_k(self) -> int:
        """The longest draft any row of this decoder may get in one step."""
        return max(spec.k for spec in self.drafts.values())

    def add_draft(self, name: str | None, draft: Draft, k: int | Literal["auto"] = 4) -> None:
        """Register (or replace) draft `name`; rows name it in `DecodeSession.add(..., draft=name)`."""
        if self._session is not None and (live := self._session()) is not None and live.has_work():
            raise RuntimeError(
                "add_draft while a session of this decoder is running; add drafts between sessions"
            )
        proposer = self._proposer(draft)
        adaptive: AdaptiveConfig | None
        if k == "auto":
            adaptive = AdaptiveConfig()
            k_max = adaptive.max_k
        elif isinstance(k, int) and not isinstance(k, bool) and k >= 0:
            adaptive, k_max = None, k
        else:
            raise ValueError(f'k must be an int >= 0 or "auto", got {k!r}')
        if proposer is None:
            adaptive, k_max = None, 0
        window = window_of(proposer.lm.model) if isinstance(proposer, DraftModelProposer) else None
        self.drafts[name] = DraftSpec(proposer, k_max, adaptive, window)
        for key in [key for key in self.policies if key[1] == name]:
            del self.policies[key]

    def policy_for(self, task: str | None, draft: str | None) -> AdaptiveK | None:
        """The adaptive policy of (task, draft), created on first use; None for a fixed-k draft."""
        spec = self.drafts[draft]
        if spec.adaptive is None:
            return None
        key = (task, draft)
        if key not in self.policies:
            self.policies[key] = AdaptiveK(spec.adaptive)
        return self.policies[key]

    def session(
        self,
        token_budget: int | None = None,
        max_rows: int | None = None,
        detokenize: Detokenize | None = None,
        priority_rows: int = 0,
    ) -> DecodeSession:
        """A continuous-batching session (see `models.engine.session`). One running session per decoder:
        the drafts' proposers hold the rows of one batch."""
        if self._session is not None and (live := self._session()) is not None and live.has_work():
            raise RuntimeError(
                "this decoder already has a running session; drain it (session.run()) before starting another"
            )
        session = DecodeSession(
            self,
            token_budget=token_budget,
            max_rows=max_rows,
            detokenize=detokenize,
            priority_rows=priority_rows,
        )
        self._session = weakref.ref(session)
        return session

    def generate(
        self, prompts: list[list[int]], params: SamplingParams | Sequence[SamplingParams] | None = None
    ) -> list[Output]:
        """Decode every prompt (token ids, ragged) in one batch; params: one for all, or one per prompt."""
        if not prompts:
            return []
        if params is None:
            params = SamplingParams()
        per_row = [params] * len(prompts) if isinstance(params, SamplingParams) else list(params)
        if len(per_row) != len(prompts):
            raise ValueError(
                f"got {len(per_row)} SamplingParams for {len(prompts)} prompts; pass one or one per prompt"
            )
        for i, p in enumerate(prompts):
            if not p:
                raise ValueError(f"prompt {i} is empty; every prompt needs at least one token")
            if min(p) < 0 or max(p) >= self.vocab_size:
                raise ValueError(
                    f"prompt {i} has token ids outside the target's vocabulary [0, {self.vocab_size})"
                )
        session = self.session()
        for i, (prompt, row_params) in enumerate(zip(prompts, per_row, strict=True)):
            session.add(i, prompt, row_params)
        results: list[Output | None] = [None] * len(prompts)
        for row, out in session.run():
            assert isinstance(row, int)
            results[row] = out
        return [r for r in results if r is not None]

    def _proposer(self, draft: Draft) -> Proposer | None:
        if draft is None:
            return None
        if isinstance(draft, Proposer):
            return draft
        if isinstance(draft, torch.nn.Module):  # a Hugging Face causal LM (or a PEFT wrapper of one)
            draft_device = next(draft.parameters()).device
            if draft_device != self.device:
                raise ValueError(
                    f"draft model is on {draft_device} but the target is on {self.device}; move one"
                )
            return DraftModelProposer(draft, vocab_size=self.vocab_size)
        raise TypeError(f"draft must be a PreTrainedModel, a Proposer or None, got {type(draft).__name__}")


def _eos_token_ids(model: PreTrainedModel) -> list[int]:
    """The target's eos ids, from its generation config, else its model config."""
    eos = getattr(model.generation_config, "eos_token_id", None) if model.generation_config else None
    if eos is None:
        eos = getattr(model.config, "eos_token_id", None)
    if eos is None:
        return []
    return [int(e) for e in (eos if isinstance(eos, list | tuple) else [eos])]
