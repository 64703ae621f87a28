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
the few numbers the loop must branch on (largest accepted count, whether a row
finished, the largest remaining budget).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import torch
from transformers import PreTrainedModel

from models.drafts.model import DraftModelProposer
from models.engine.adaptive import AdaptiveK
from models.engine.proposer import Proposer
from models.engine.ragged import RaggedLM, rollback_cache
from models.engine.sampling import RowSampler, SamplingParams

__all__ = [
    "Output",
    "RowStats",
    "SamplingParams",
    "SpecDecoder",
    "accept_greedy",
    "accept_sampled",
    "correction_distribution",
    "rollback_cache",
    "verify",
]

logger = logging.getLogger(__name__)

FinishReason = Literal["length", "stop"]


@dataclass
class RowStats:
    """What speculation did for one prompt."""

    steps: int = 0  # target verification passes after the prompt's prefill (which gives the first token)
    drafted_tokens: int = 0  # draft tokens proposed for this row
    accepted_tokens: int = 0  # of those, accepted by the target
    accepted_per_position: list[int] = field(
        default_factory=list
    )  # [j]: steps where draft token j+1 was accepted
    draft_seconds: float = 0.0  # wall time in the proposer while this row was in the batch
    verify_seconds: float = 0.0  # wall time in the target (prefill included) while this row was in the batch

    @property
    def acceptance_rate(self) -> float:
        return self.accepted_tokens / self.drafted_tokens if self.drafted_tokens else 0.0


@dataclass
class Output:
    """The result for one prompt."""

    token_ids: list[int]  # the new tokens only; a stop token that ended the row is included
    finish_reason: FinishReason
    stats: RowStats


def accept_greedy(target_argmax: torch.Tensor, draft: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Greedy verification. target_argmax (B, k+1), draft (B, k) -> (accepted count (B,), next token (B,))."""
    k = draft.shape[1]
    matches = (draft == target_argmax[:, :k]).long()  # (B, k)
    n = matches.cumprod(1).sum(1)  # length of the agreeing prefix
    return n, target_argmax.gather(1, n[:, None]).squeeze(1)


def accept_sampled(
    p: torch.Tensor, draft: torch.Tensor, q: torch.Tensor | None, u: torch.Tensor
) -> torch.Tensor:
    """Accepted counts (B,) of speculative sampling.

    p (B, k+1, V) target distributions, draft (B, k), q (B, k, V) draft distributions or
    None for one-hot, u (B, k) uniforms. Token j is accepted iff u_j < p_j(d_j) / q_j(d_j).
    """
    k = draft.shape[1]
    p_d = p[:, :k].gather(-1, draft[..., None]).squeeze(-1)  # (B, k)
    q_d = torch.ones_like(p_d) if q is None else q.gather(-1, draft[..., None]).squeeze(-1).to(p.dtype)
    accepted = (u * q_d < p_d).long()  # never divides; q_d > 0 since d_j was drawn from q_j
    return accepted.cumprod(1).sum(1)


def correction_distribution(
    p: torch.Tensor, draft: torch.Tensor, q: torch.Tensor | None, n: torch.Tensor
) -> torch.Tensor:
    """Distribution (B, V) of the token after the n accepted ones: residual at a rejection, p at the bonus."""
    batch, width, vocab = p.shape
    k = width - 1
    p_n = p.gather(1, n[:, None, None].expand(batch, 1, vocab)).squeeze(1)  # (B, V)
    if k == 0:
        return p_n
    j = n.clamp(max=k - 1)  # position of the rejected draft token (unused for bonus rows)
    if q is None:
        q_n = torch.zeros_like(p_n).scatter_(1, draft.gather(1, j[:, None]), 1.0)
    else:
        q_n = q.gather(1, j[:, None, None].expand(batch, 1, vocab)).squeeze(1).to(p.dtype)
    q_n = q_n * (n < k).to(p.dtype)[:, None]  # bonus rows: nothing to subtract
    residual = (p_n - q_n).clamp_(min=0.0)
    total = residual.sum(-1, keepdim=True)
    # total == 0 only when p_n == q_n, where a rejection has probability 0: fall back to p.
    return torch.where(total > 0, residual / total.clamp(min=torch.finfo(p.dtype).tiny), p_n)


def verify(
    logits: torch.Tensor, draft: torch.Tensor, q: torch.Tensor | None, sampler: RowSampler
) -> tuple[torch.Tensor, torch.Tensor]:
    """Verify drafts against target logits (B, k+1, V). Returns (accepted count (B,), next token (B,))."""
    if sampler.all_greedy:
        return accept_greedy(logits.argmax(-1), draft)
    p = sampler.probs(logits)  # (B, k+1, V); greedy rows are one-hot, so the same formulas are exact for them
    k = draft.shape[1]
    if k:
        n = accept_sampled(p, draft, q, sampler.uniform(k, dtype=p.dtype))
    else:
        n = torch.zeros(p.shape[0], dtype=torch.long, device=p.device)
    nxt = sampler.sample(correction_distribution(p, draft, q, n)[:, None])[:, 0]
    return n, nxt


class _Clock:
    """Wall time of a section; on CUDA recorded with events and read after the step's sync."""

    def __init__(self, device: torch.device) -> None:
        self.cuda = device.type == "cuda"

    def start(self) -> object:
        if self.cuda:
            event = torch.cuda.Event(enable_timing=True)
            event.record()
            return event
        return time.perf_counter()

    def seconds(self, start: object, end: object) -> float:
        if self.cuda:
            assert isinstance(start, torch.cuda.Event) and isinstance(end, torch.cuda.Event)
            end.synchronize()  # the step already synced for its results; this waits only for its tail
            return start.elapsed_time(end) / 1000.0
        assert isinstance(start, float) and isinstance(end, float)
        return end - start


@dataclass
class _Batch:
    """State of the rows still decoding (B active rows); `ids` index the caller's prompts."""

    ids: torch.Tensor  # (B,) long, on the host
    pending: torch.Tensor  # (B,) the newest token, not yet fed to the target
    out: torch.Tensor  # (B, W) generated tokens; columns past n_out are scratch
    n_out: torch.Tensor  # (B,) tokens generated so far
    max_new: torch.Tensor  # (B,)
    stop: torch.Tensor  # (B, S) stop token ids, -1 padded
    stopped: torch.Tensor  # (B,) bool: ended by a stop token
    per_position: torch.Tensor  # (B, K) accepted count per draft position
    rows: torch.Tensor  # (B, 1) arange, to index one column per row
    # Every active row has been in every step so far, so these totals are each row's own.
    steps: int = 0
    drafted: int = 0  # per row
    draft_s: float = 0.0
    verify_s: float = 0.0

    def select(self, rows: torch.Tensor) -> None:
        for name in ("pending", "out", "n_out", "max_new", "stop", "stopped", "per_position"):
            setattr(self, name, getattr(self, name)[rows])
        self.ids = self.ids[rows.cpu()]
        self.rows = self.rows[: len(rows)]


class SpecDecoder:
    """Speculative decoding of a target model with a draft model, a Proposer, or no draft."""

    def __init__(
        self,
        target: PreTrainedModel,
        draft: PreTrainedModel | Proposer | None = None,
        k: int | Literal["auto"] = 4,
        *,
        policy: AdaptiveK | None = None,
    ) -> None:
        """k: draft length per step, or "auto" for the adaptive policy (`policy`, or a default one)."""
        self.target = target
        self.device = target.device
        self.vocab_size = int(target.config.get_text_config(decoder=True).vocab_size)
        self.proposer: Proposer | None
        if draft is None:
            self.proposer = None
        elif isinstance(draft, Proposer):
            self.proposer = draft
        elif isinstance(draft, torch.nn.Module):  # a Hugging Face causal LM (or a PEFT wrapper of one)
            draft_device = next(draft.parameters()).device
            if draft_device != self.device:
                raise ValueError(
                    f"draft model is on {draft_device} but the target is on {self.device}; move one"
                )
            self.proposer = DraftModelProposer(draft, vocab_size=self.vocab_size)
        else:
            raise TypeError(
                f"draft must be a PreTrainedModel, a Proposer or None, got {type(draft).__name__}"
            )
        if k == "auto":
            self.policy: AdaptiveK | None = policy or AdaptiveK()
            self.k = self.policy.config.max_k
        elif isinstance(k, int) and k >= 0:
            self.policy, self.k = None, k
        else:
            raise ValueError(f'k must be an int >= 0 or "auto", got {k!r}')
        if self.proposer is None:
            self.policy, self.k = None, 0
        self.eos_token_ids = _eos_token_ids(target)
        self._cols = [torch.arange(j + 1, device=self.device) for j in range(self.k + 1)]  # [k]: 0..k

    def generate(
        self, prompts: list[list[int]], params: SamplingParams | Sequence[SamplingParams] | None = None
    ) -> list[Output]:
        """Decode every prompt (token ids, ragged); params: one for all, or one per prompt."""
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
        with torch.inference_mode():
            return self._generate(prompts, per_row)

    def _generate(self, prompts: list[list[int]], params: list[SamplingParams]) -> list[Output]:
        dev, k_max = self.device, self.k
        clock = _Clock(dev)
        sampler = RowSampler.from_params(params, dev)
        batch = self._new_batch(params)
        results: list[Output | None] = [None] * len(prompts)
        target = RaggedLM(self.target)

        # Prefill: the target's last-position logits give every row its first token.
        t0 = clock.start()
        logits = target.prefill(prompts)
        n, nxt = verify(logits, batch.pending.new_zeros((len(prompts), 0)), None, sampler)
        finished, host = self._record(batch, nxt.new_zeros((len(prompts), 0)), n, nxt)
        batch.pending = nxt
        batch.verify_s += clock.seconds(t0, clock.start())
        if host["any_finished"]:
            sampler = self._retire(batch, finished, results, target, sampler, proposer_started=False)
        if self.proposer is not None and len(batch.ids):
            # The draft starts after the first token, on the rows that go on (max_new_tokens=1: no draft).
            t0 = clock.start()
            self.proposer.prefill([prompts[i] for i in batch.ids.tolist()])
            self.proposer.update(torch.zeros_like(batch.pending), batch.pending)
            batch.draft_s += clock.seconds(t0, clock.start())

        while len(batch.ids):
            k = self.policy.choose(len(batch.ids)) if self.policy else k_max
            if sampler.all_greedy:
                # Drafting past every row's budget is wasted. Sampled rows keep k: their random draws
                # per step, hence their seeded output, must not depend on the other rows of the batch.
                k = min(k, host["max_remaining"] - 1)
            t0 = clock.start()
            if k > 0 and self.proposer is not None:
                proposal = self.proposer.propose(k, sampler)
                draft, q = proposal.tokens, proposal.q
            else:
                k, draft, q = 0, batch.pending.new_zeros((len(batch.ids), 0)), None
            t1 = clock.start()
            logits = target.forward(torch.cat([batch.pending[:, None], draft], dim=1))  # (B, k+1, V)
            n, nxt = verify(logits, draft, q, sampler)
            finished, host = self._record(batch, draft, n, nxt)  # the step's one host sync
            if k:
                # Rows keep the fed token plus their accepted drafts; the rest become holes or are cropped.
                rollback_cache(target, self._cols[k] <= n[:, None], host["n_max"] + 1)
            t2 = clock.start()
            if self.proposer is not None:
                self.proposer.update(n, nxt)
            batch.pending = nxt
            t3 = clock.start()
            draft_s = clock.seconds(t0, t1) + clock.seconds(t2, t3)
            verify_s = clock.seconds(t1, t2)
            batch.steps, batch.drafted = batch.steps + 1, batch.drafted + k
            batch.draft_s += draft_s
            batch.verify_s += verify_s
            if self.policy is not None:
                self.policy.observe(k, len(batch.ids), host["n_sum"], host["rejections"], draft_s, verify_s)
            if host["any_finished"]:
                sampler = self._retire(batch, finished, results, target, sampler)

        assert all(r is not None for r in results)
        return [r for r in results if r is not None]

    def _new_batch(self, params: list[SamplingParams]) -> _Batch:
        dev, size = self.device, len(params)
        stops = [sorted(set(self.eos_token_ids) | set(p.stop_token_ids)) for p in params]
        width = max(1, max(len(s) for s in stops))
        stop = torch.full((size, width), -1, dtype=torch.long)
        for i, s in enumerate(stops):
            stop[i, : len(s)] = torch.tensor(s, dtype=torch.long)
        max_new = torch.tensor([p.max_new_tokens for p in params], dtype=torch.long)
        return _Batch(
            ids=torch.arange(size),
            pending=torch.zeros(size, dtype=torch.long, device=dev),
            out=torch.zeros((size, int(max_new.max()) + self.k + 1), dtype=torch.long, device=dev),
            n_out=torch.zeros(size, dtype=torch.long, device=dev),
            max_new=max_new.to(dev),
            stop=stop.to(dev),
            stopped=torch.zeros(size, dtype=torch.bool, device=dev),
            per_position=torch.zeros((size, max(self.k, 1)), dtype=torch.long, device=dev),
            rows=torch.arange(size, device=dev)[:, None],
        )

    def _record(
        self, batch: _Batch, draft: torch.Tensor, n: torch.Tensor, nxt: torch.Tensor
    ) -> tuple[torch.Tensor, dict[str, int]]:
        """Append each row's accepted drafts and next token, detect finished rows, count acceptance.

        Returns the finished mask and the few numbers the loop branches on, in one host sync.
        """
        k = draft.shape[1]
        cols = self._cols[k]  # (k+1,)
        if k:
            new = torch.cat([draft, nxt[:, None]], dim=1).scatter(1, n[:, None], nxt[:, None])  # (B, k+1)
        else:
            new = nxt[:, None]
        is_stop = (new[:, :, None] == batch.stop[:, None, :]).any(-1)  # (B, k+1)
        if k:
            is_stop &= cols <= n[:, None]  # only the first n+1 are this step's tokens
        first_stop = torch.where(is_stop, cols, k + 1).amin(1)  # (B,), k+1 = none
        count = torch.minimum(torch.minimum(n, first_stop) + 1, batch.max_new - batch.n_out)
        stopped = first_stop < count
        # Write all k+1 slots: those past `count` are scratch that the next step overwrites.
        batch.out[batch.rows, batch.n_out[:, None] + cols] = new
        batch.n_out += count
        batch.stopped = stopped
        finished = stopped | (batch.n_out >= batch.max_new)
        numbers = [finished.any(), (batch.max_new - batch.n_out).max()]
        if k:
            batch.per_position[:, :k] += cols[:k] < n[:, None]
            numbers += [n.max(), n.sum(), (n < k).sum()]
        values = [int(v) for v in torch.stack(numbers).tolist()]
        host = {
            "any_finished": values[0],
            "max_remaining": values[1],
            "n_max": 0,
            "n_sum": 0,
            "rejections": 0,
        }
        if k:
            host.update(n_max=values[2], n_sum=values[3], rejections=values[4])
        return finished, host

    def _retire(
        self,
        batch: _Batch,
        finished: torch.Tensor,
        results: list[Output | None],
        target: RaggedLM,
        sampler: RowSampler,
        proposer_started: bool = True,
    ) -> RowSampler:
        """Move finished rows to `results` and drop them from every piece of batch state."""
        done = finished.nonzero().squeeze(1)
        fields = ("out", "n_out", "per_position", "stopped")  # one transfer per field, not per row
        for row_id, out, n_out, per_position, stopped in zip(
            batch.ids[done.cpu()].tolist(), *(getattr(batch, f)[done].tolist() for f in fields), strict=True
        ):
            per_position = per_position[: self.k]
            stats = RowStats(
                batch.steps, batch.drafted, sum(per_position), per_position, batch.draft_s, batch.verify_s
            )
            results[row_id] = Output(out[:n_out], "stop" if stopped else "length", stats)
        keep = (~finished).nonzero().squeeze(1)
        if len(keep):
            batch.select(keep)
            target.select_rows(keep)
            if self.proposer is not None and proposer_started:
                self.proposer.keep_rows(keep)
            return sampler.select(keep)
        batch.select(keep)
        return sampler


def _eos_token_ids(model: PreTrainedModel) -> list[int]:
    """The target's eos ids, from its generation config, else its model config."""
    eos = getattr(model.generation_config, "eos_token_id", None) if model.generation_config else None
    if eos is None:
        eos = getattr(model.config, "eos_token_id", None)
    if eos is None:
        return []
    return [int(e) for e in (eos if isinstance(eos, list | tuple) else [eos])]
