"""Early-exit drafting: `SortedProposer`, a `models.engine.proposer.Proposer`, and its thresholds."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import torch

from models.drafts.sorted.cache import EarlyExitCache
from models.drafts.sorted.model import SortedDraft, get_shared_sorted_draft
from models.drafts.vocab import head_token_ids, to_target_vocab
from models.engine.proposer import Proposal
from models.engine.sampling import RowSampler

logger = logging.getLogger(__name__)


# A threshold above any probability: the exit never answers (used to pin a fixed exit).
DISABLED = 2.0


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
        self.token_ids = head_token_ids(model.lm)  # (S,) when the head scores a subset (models.drafts.vocab)
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
                logits = to_target_vocab(logits, self.vocab_size, self.token_ids)[:, None, :]  # (B, 1, V)
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
