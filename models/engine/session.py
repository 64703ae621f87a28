"""Continuous batching: a decoding session that takes new prompts while it runs.

    session = decoder.session(token_budget=None)          # SpecDecoder.session(...) -> DecodeSession
    session.add(request_id, prompt_ids, params, draft=None, task=None, priority=False)
    finished = session.step()        # [(request_id, Output)] of the rows that finished in this step
    session.has_work(); session.num_running; session.num_waiting
    for request_id, out in session.run(): ...             # drain until empty

`step()` first *admits* waiting prompts (FIFO, priority ones first) while the batch has room:
their prefill runs on its own and gives each its first token, then they join the running batch
(target KV cache, each draft's proposer state, sampler, stop state, statistics: all
per row). Then it runs one speculative step over every running row:

1. *propose* (`_propose`): every draft proposes for its own rows, batched per draft,
   with the row's own k (fixed per draft, or chosen by the adaptive policy of the row's
   (task, draft));
2. *verify* (`models.engine.verify`): one target forward over [pending, drafts] of all
   rows; rows with shorter drafts have holes past their own k;
3. *accept* (`_Rows.record`): each row keeps its accepted drafts plus the correction or
   bonus token, stops at eos, a stop token, a stop string or its budget;
4. *rollback* (`models.engine.ragged.rollback_cache`) of rejected tokens in the target
   cache; each proposer rolls back its own in `update`.

Finished rows leave at once and come back from `step()`; a waiting prompt takes their
place at the next `step()`. Room: at most `max_rows` rows, and the sum of
len(prompt) + max_new_tokens over running rows at most `token_budget` (the KV cache a
row may need). A request that alone exceeds the budget is refused by `add`. A priority request
(`add(..., priority=True)`: an interactive one) waits ahead of the others and may take
`priority_rows` rows beyond `max_rows`, so it joins a full batch at the next step. A request with
`max_new_tokens=0` only scores its prompt (`prompt_logprobs`): it is answered at admission,
with no tokens, and never joins the batch.

Greedy rows produce the target's own greedy decoding whatever shares the batch; a
seeded sampled row draws only from its own stream, the same number of draws per step
whatever its neighbours, so its output does not depend on them or on when it joined.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import torch

from models.engine.proposer import JoinableProposer, Proposer
from models.engine.ragged import RaggedLM, rollback_cache
from models.engine.sampling import RowSampler, SamplingParams, shared_generator
from models.engine.stops import Detokenize, StopStrings
from models.engine.verify import verify

if TYPE_CHECKING:
    from models.engine.speculative import SpecDecoder

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
    draft_seconds: float = 0.0  # wall time in the row's proposer while this row was in the batch
    verify_seconds: float = 0.0  # wall time in the target (prefill included) while this row was in the batch

    @property
    def acceptance_rate(self) -> float:
        return self.accepted_tokens / self.drafted_tokens if self.drafted_tokens else 0.0


@dataclass
class TokenLogprob:
    """The target's log-probability of one emitted token and its most likely alternatives.

    From the target model's own distribution: log-softmax of its logits, before penalties,
    logit_bias, temperature and truncation (what the model thinks, not the sampling rule)."""

    token: int
    logprob: float
    top: list[tuple[int, float]]  # (token, logprob), most likely first; SamplingParams.logprobs of them


@dataclass
class Output:
    """The result for one prompt."""

    token_ids: list[int]  # the new tokens only; a stop token or the token completing a stop string included
    finish_reason: FinishReason
    stats: RowStats
    text: str | None = None  # the detokenized output, cut before a stop string; None without a detokenizer
    # One per token of token_ids when SamplingParams.logprobs is set.
    logprobs: list[TokenLogprob] | None = None
    # One per prompt token when SamplingParams.prompt_logprobs is set; None for the first (nothing before it).
    prompt_logprobs: list[TokenLogprob | None] | None = None


@dataclass
class _Request:
    id: Hashable
    prompt: list[int]
    params: SamplingParams
    draft: str | None
    task: str | None
    priority: bool = False


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
class _Host:
    """The numbers of one step the loop branches on, read in the step's one host sync."""

    finished: list[bool]
    stopped: list[bool]  # by a stop token
    n: list[int]  # accepted drafts per row
    count: list[int]  # tokens appended per row


class _Rows:
    """Per-row state of the rows in a batch (B rows); host lists and device tensors side by side."""

    def __init__(
        self, requests: list[_Request], stops: list[list[int]], width: int, device: torch.device
    ) -> None:
        size = len(requests)
        self.requests = requests
        self.n_out_host = [0] * size
        stop_width = max(1, max((len(s) for s in stops), default=1))
        stop = torch.full((size, stop_width), -1, dtype=torch.long)
        for i, s in enumerate(stops):
            stop[i, : len(s)] = torch.tensor(s, dtype=torch.long)
        self.pending = torch.zeros(size, dtype=torch.long, device=device)  # (B,) newest token, not yet fed
        self.out = torch.zeros((size, width), dtype=torch.long, device=device)  # (B, W); past n_out: scratch
        self.n_out = torch.zeros(size, dtype=torch.long, device=device)  # (B,)
        self.max_new = torch.tensor(
            [r.params.max_new_tokens for r in requests], dtype=torch.long, device=device
        )
        self.stop = stop.to(device)  # (B, S) stop token ids, -1 padded
        # (B, K) steps where the row's draft token j+1 was accepted
        self.per_position = torch.zeros((size, 1), dtype=torch.long, device=device)
        # Statistics on the host: each row joined at its own time, so every row keeps its own totals.
        self.steps = torch.zeros(size, dtype=torch.long)
        self.drafted = torch.zeros(size, dtype=torch.long)
        self.draft_s = torch.zeros(size, dtype=torch.float64)
        self.verify_s = torch.zeros(size, dtype=torch.float64)
        # Stop strings: the row's generated tokens on the host and how far they were checked.
        self.tokens_host: list[list[int] | None] = [None] * size
        self.checked = [0] * size
        self.cut_at: list[int | None] = [None] * size  # tokens kept when a stop string ended the row
        self.logprobs: list[list[TokenLogprob] | None] = [
            [] if r.params.logprobs is not None else None for r in requests
        ]
        self.prompt_logprobs: list[list[TokenLogprob | None] | None] = [None] * size
        # The last step's tokens (B, k+1), of which the first `last_count` (B,) are real.
        self.last_new = self.pending[:, None]
        self.last_count = self.n_out

    def __len__(self) -> int:
        return len(self.requests)

    _DEVICE = ("pending", "out", "n_out", "max_new", "stop", "per_position")
    _STATS = ("steps", "drafted", "draft_s", "verify_s")
    _LISTS = ("requests", "n_out_host", "tokens_host", "checked", "cut_at", "logprobs", "prompt_logprobs")

    def select(self, keep: list[int]) -> None:
        idx = torch.tensor(keep, dtype=torch.long)
        dev_idx = idx.to(self.pending.device)
        for name in self._DEVICE:
            setattr(self, name, getattr(self, name)[dev_idx])
        for name in self._STATS:
            setattr(self, name, getattr(self, name)[idx])
        for name in self._LISTS:
            values = getattr(self, name)
            setattr(self, name, [values[i] for i in keep])

    def extend(self, other: _Rows) -> None:
        for name in ("out", "stop", "per_position"):
            mine, theirs = getattr(self, name), getattr(other, name)
            width = max(mine.shape[1], theirs.shape[1])
            fill = -1 if name == "stop" else 0
            setattr(self, name, torch.cat([_right_pad(mine, width, fill), _right_pad(theirs, width, fill)]))
        for name in ("pending", "n_out", "max_new", *self._STATS):
            setattr(self, name, torch.cat([getattr(self, name), getattr(other, name)]))
        for name in self._LISTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def record(self, draft: torch.Tensor, n: torch.Tensor, nxt: torch.Tensor, cols: torch.Tensor) -> _Host:
        """Append each row's accepted drafts and next token, detect finished rows, count acceptance.

        draft (B, k), n (B,), nxt (B,), cols = arange(k + 1). One host sync.
        """
        k = draft.shape[1]
        if k:
            new = torch.cat([draft, nxt[:, None]], dim=1).scatter(1, n[:, None], nxt[:, None])  # (B, k+1)
        else:
            new = nxt[:, None]
        is_stop = (new[:, :, None] == self.stop[:, None, :]).any(-1)  # (B, k+1)
        if k:
            is_stop &= cols <= n[:, None]  # only the first n+1 are this step's tokens
        first_stop = torch.where(is_stop, cols, k + 1).amin(1)  # (B,), k+1 = none
        count = torch.minimum(torch.minimum(n, first_stop) + 1, self.max_new - self.n_out)
        stopped = first_stop < count
        if max(self.n_out_host) + k + 1 > self.out.shape[1]:  # a longer draft than at admission
            self.out = _right_pad(self.out, max(self.n_out_host) + k + 1, 0)
        # Write all k+1 slots: those past `count` are scratch that the next step overwrites.
        rows = torch.arange(len(self), device=new.device)[:, None]
        self.out[rows, self.n_out[:, None] + cols] = new
        self.n_out += count
        self.last_new, self.last_count = new, count
        finished = stopped | (self.n_out >= self.max_new)
        if k:
            if self.per_position.shape[1] < k:
                self.per_position = _right_pad(self.per_position, k, 0)
            self.per_position[:, :k] += cols[:k] < n[:, None]
        wants_text = [i for i, t in enumerate(self.tokens_host) if t is not None]
        parts = [finished.long(), stopped.long(), n, count]
        if wants_text:
            parts.append(new[wants_text].flatten())
        flat = torch.cat(parts).tolist()
        size = len(self)
        host = _Host(
            [bool(v) for v in flat[:size]],
            [bool(v) for v in flat[size : 2 * size]],
            flat[2 * size : 3 * size],
            flat[3 * size : 4 * size],
        )
        for i, c in enumerate(host.count):
            self.n_out_host[i] += c
        for j, i in enumerate(wants_text):
            tokens = self.tokens_host[i]
            assert tokens is not None
            start = 4 * size + j * (k + 1)
            tokens.extend(flat[start : start + host.count[i]])
        return host

    def record_logprobs(self, logits: torch.Tensor, host: _Host) -> None:
        """Emitted tokens' target logprobs and top alternatives, for rows that asked. logits (B, k+1, V)."""
        wanted = [i for i, lp in enumerate(self.logprobs) if lp is not None]
        if not wanted:
            return
        idx = torch.tensor(wanted, device=logits.device)
        picked = logits[idx]
        if picked.dtype in (torch.float16, torch.bfloat16):
            picked = picked.float()
        lp = picked.log_softmax(-1)  # (R, k+1, V)
        chosen = lp.gather(-1, self.last_new[idx][..., None]).squeeze(-1).tolist()  # (R, k+1)
        n_top = max(self.requests[i].params.logprobs or 0 for i in wanted)
        top_lp, top_ids = lp.topk(n_top, dim=-1) if n_top else (lp[..., :0], lp[..., :0].long())
        top_lp_h, top_ids_h, new_h = top_lp.tolist(), top_ids.tolist(), self.last_new[idx].tolist()
        for j, i in enumerate(wanted):
            record = self.logprobs[i]
            assert record is not None
            n = self.requests[i].params.logprobs or 0
            for t in range(host.count[i]):
                top = list(zip(top_ids_h[j][t][:n], top_lp_h[j][t][:n], strict=True))
                record.append(TokenLogprob(new_h[j][t], chosen[j][t], top))


def _right_pad(t: torch.Tensor, width: int, fill: int) -> torch.Tensor:
    if t.shape[1] >= width:
        return t
    return torch.cat([t, t.new_full((t.shape[0], width - t.shape[1]), fill)], dim=1)


@dataclass
class _Group:
    """The running rows of one draft: indices into the batch, in batch order."""

    name: str | None
    proposer: Proposer
    rows: list[int]  # host
    idx: torch.Tensor  # (R,) on the device
    whole: bool  # the group is the whole batch (skip the gathers)
    sampler: RowSampler


class DecodeSession:
    """A running batch that takes new prompts between steps. See the module docstring."""

    def __init__(
        self,
        decoder: SpecDecoder,
        token_budget: int | None = None,
        max_rows: int | None = None,
        detokenize: Detokenize | None = None,
        priority_rows: int = 0,
    ) -> None:
        if token_budget is not None and token_budget < 2:
            raise ValueError(
                f"token_budget must be >= 2 (one prompt token, one new token), got {token_budget}"
            )
        if max_rows is not None and max_rows < 1:
            raise ValueError(f"max_rows must be >= 1, got {max_rows}")
        if priority_rows < 0:
            raise ValueError(f"priority_rows must be >= 0, got {priority_rows}")
        self.decoder = decoder
        self.token_budget = token_budget
        self.max_rows = max_rows
        self.priority_rows = priority_rows  # rows beyond max_rows that only priority requests take
        self.detokenize = detokenize
        self.device = decoder.device
        self.clock = _Clock(self.device)
        self.waiting: deque[_Request] = deque()
        self.target = RaggedLM(decoder.target)
        self.rows = _Rows([], [], 1, self.device)
        self.shared = shared_generator(self.device)  # the stream of every unseeded row of this session
        self.sampler = RowSampler.from_params(
            [], self.device, shared=self.shared, vocab_size=decoder.vocab_size
        )
        self.stop_strings: dict[Hashable, StopStrings] = {}
        self._members: dict[str | None, int] = {}  # draft name -> rows its proposer holds
        self._groups: list[_Group] = []
        self._cols: dict[int, torch.Tensor] = {}
        self._ids: set[Hashable] = set()

    @property
    def num_running(self) -> int:
        return len(self.rows)

    @property
    def num_waiting(self) -> int:
        return len(self.waiting)

    def has_work(self) -> bool:
        return bool(self.waiting) or len(self.rows) > 0

    def add(
        self,
        request_id: Hashable,
        prompt_ids: list[int],
        params: SamplingParams | None = None,
        draft: str | None = None,
        task: str | None = None,
        priority: bool = False,
    ) -> None:
        """Queue a prompt (token ids). `draft`: a draft name of the decoder (None: its default draft);
        `task`: the row's sub-task, which keys the adaptive policy with the draft; `priority`: the
        prompt waits ahead of every non-priority one and may take the session's `priority_rows`."""
        params = params or SamplingParams()
        where = f"request {request_id!r}"
        if request_id in self._ids:
            raise ValueError(f"{where} is already in this session; request ids must be unique")
        if not prompt_ids:
            raise ValueError(f"{where}: the prompt is empty; every prompt needs at least one token")
        vocab = self.decoder.vocab_size
        if min(prompt_ids) < 0 or max(prompt_ids) >= vocab:
            raise ValueError(
                f"{where}: the prompt has token ids outside the target's vocabulary [0, {vocab})"
            )
        if any(t >= vocab for t, _ in params.logit_bias):
            raise ValueError(
                f"{where}: logit_bias names token ids outside the target's vocabulary [0, {vocab})"
            )
        if draft not in self.decoder.drafts:
            names = ", ".join(repr(n) for n in self.decoder.drafts)
            raise ValueError(f"{where}: unknown draft {draft!r}; this decoder has {names}")
        self._check_window(where, len(prompt_ids), params.max_new_tokens, draft)
        need = len(prompt_ids) + params.max_new_tokens
        if self.token_budget is not None and need > self.token_budget:
            raise ValueError(
                f"{where} needs {need} tokens (prompt {len(prompt_ids)} + max_new_tokens "
                f"{params.max_new_tokens}), more than the session's token_budget {self.token_budget}"
            )
        if params.stop:
            detokenize = self.detokenize or self.decoder.detokenize
            if detokenize is None:
                raise ValueError(
                    f"{where} has stop strings but the decoder has no detokenizer; pass detokenize= "
                    "(e.g. tokenizer.decode) to SpecDecoder or to session()"
                )
            self.stop_strings[request_id] = StopStrings(params.stop, detokenize)
        self._ids.add(request_id)
        request = _Request(request_id, list(prompt_ids), params, draft, task, priority)
        if priority:  # behind earlier priority prompts, ahead of every other waiting one
            self.waiting.insert(sum(1 for r in self.waiting if r.priority), request)
        else:
            self.waiting.append(request)

    def _check_window(self, where: str, prompt_len: int, max_new: int, draft: str | None) -> None:
        """A sliding-window model is exact only while a row's cache columns (its tokens plus the holes
        of rejected drafts, at most max_k + 1 columns per step) stay inside the window."""
        windows = [w for w in (self.decoder.window, self.decoder.drafts[draft].window) if w is not None]
        if not windows:
            return
        max_k = self.decoder.max_k
        columns = prompt_len + max_new * (1 if max_k == 0 else max_k + 2)
        if columns >= min(windows):
            raise ValueError(
                f"{where} may need {columns} cache columns (prompt {prompt_len} + max_new_tokens {max_new} "
                f"x {1 if max_k == 0 else max_k + 2} columns per token at k={max_k}), not inside the "
                f"sliding-attention window of {min(windows)}: decoding it would not be exact; shorten it "
                "or use plain decoding (k=0)"
            )

    def run(self) -> Iterator[tuple[Hashable, Output]]:
        """Step until every added prompt has finished, yielding each as it finishes."""
        while self.has_work():
            yield from self.step()

    def step(self) -> list[tuple[Hashable, Output]]:
        """Admit waiting prompts, then one speculative step of every running row; returns finished rows."""
        with torch.inference_mode():
            finished = self._admit()
            if len(self.rows):
                finished += self._speculate()
        return finished

    # ---------------------------------------------------------------------------------- the step

    def _speculate(self) -> list[tuple[Hashable, Output]]:
        rows, clock = self.rows, self.clock
        k_counts, chosen = self._choose_k()  # host, per row; per (task, draft) key
        k = max(k_counts)
        uneven = any(c != k for c in k_counts)
        k_row = torch.tensor(k_counts, device=self.device) if uneven else None
        draft, q, group_seconds = self._propose(k_counts, k)
        t1 = clock.start()
        valid = self._col(k)[None, :] <= k_row[:, None] if k_row is not None else None  # holes past own k
        logits = self.target.forward(torch.cat([rows.pending[:, None], draft], dim=1), valid)  # (B, k+1, V)
        n, nxt = verify(logits, draft, q, self.sampler, k_row, k_counts if uneven else None)
        host = rows.record(draft, n, nxt, self._col(k))  # the step's one host sync
        rows.record_logprobs(logits, host)
        self.sampler.observe(rows.last_new, rows.last_count)
        if k:
            # Rows keep the fed token plus their accepted drafts; the rest become holes or are cropped.
            rollback_cache(self.target, self._col(k)[None, :] <= n[:, None], max(host.n) + 1)
        t2 = clock.start()
        update_seconds = self._update_proposers(n, nxt)
        rows.pending = nxt
        verify_s = clock.seconds(t1, t2)
        draft_s = torch.zeros(len(rows), dtype=torch.float64)
        for g, propose_s in zip(self._groups, group_seconds, strict=True):
            draft_s[g.rows] = propose_s + update_seconds[g.name]
        rows.steps += 1
        rows.drafted += torch.tensor(k_counts) if uneven else k
        rows.draft_s += draft_s
        rows.verify_s += verify_s
        self._observe(chosen, k_counts, host, draft_s, verify_s)
        logger.debug("step: B=%d k=%s verify=%.4fs", len(rows), k_counts, verify_s)
        return self._finish(host)

    def _choose_k(self) -> tuple[list[int], dict[tuple[str | None, str | None], int]]:
        """Each row's draft length: its draft's k or its (task, draft) policy's choice; greedy rows
        never draft past their budget (sampled rows keep k, so their random draws per step do not
        depend on how far their neighbours are)."""
        size = len(self.rows)
        chosen: dict[tuple[str | None, str | None], int] = {}
        k_counts = []
        for i, r in enumerate(self.rows.requests):
            key = (r.task, r.draft)
            if key not in chosen:
                spec = self.decoder.drafts[r.draft]
                policy = self.decoder.policy_for(r.task, r.draft)
                chosen[key] = policy.choose(size) if policy is not None else spec.k
            k_i = chosen[key]
            if r.params.greedy:
                k_i = min(k_i, r.params.max_new_tokens - self.rows.n_out_host[i] - 1)
            k_counts.append(k_i)
        return k_counts, chosen

    def _propose(self, k_counts: list[int], k: int) -> tuple[torch.Tensor, torch.Tensor | None, list[float]]:
        """Each draft proposes for its rows: drafts (B, k), q (B, k, V) or None (one-hot), s per group."""
        size = len(self.rows)
        draft = self.rows.pending.new_zeros((size, k))
        seconds = [0.0] * len(self._groups)
        if k == 0:
            return draft, None, seconds
        proposals = []
        for j, g in enumerate(self._groups):
            k_g = max(k_counts[i] for i in g.rows)
            if k_g == 0:
                continue
            if self.sampler.any_history and not g.whole:  # the rows' histories grew since the last step
                g.sampler = self.sampler.select(g.idx, g.rows)
            t0 = self.clock.start()
            proposal = g.proposer.propose(k_g, g.sampler)
            seconds[j] = self.clock.seconds(t0, self.clock.start())
            if g.whole and k_g == k:
                draft = proposal.tokens
            else:
                draft[g.idx, :k_g] = proposal.tokens
            proposals.append((g, k_g, proposal.q))
        sampled = [(g, k_g, q) for g, k_g, q in proposals if q is not None]
        if not sampled:
            return draft, None, seconds
        if len(sampled) == 1 and sampled[0][0].whole and sampled[0][1] == k:
            return draft, sampled[0][2], seconds
        # Rows of deterministic drafts (and padding past a row's k) are one-hot on their tokens.
        q = torch.zeros((size, k, self.decoder.vocab_size), dtype=sampled[0][2].dtype, device=self.device)
        q.scatter_(2, draft[:, :, None], 1.0)
        for g, k_g, q_g in sampled:
            q[g.idx, :k_g] = q_g.to(q.dtype)
        return draft, q, seconds

    def _update_proposers(self, n: torch.Tensor, nxt: torch.Tensor) -> dict[str | None, float]:
        seconds: dict[str | None, float] = {}
        for g in self._groups:
            t0 = self.clock.start()
            if g.whole:
                g.proposer.update(n, nxt)
            else:
                g.proposer.update(n[g.idx], nxt[g.idx])
            seconds[g.name] = self.clock.seconds(t0, self.clock.start())
        return seconds

    def _observe(
        self,
        chosen: dict[tuple[str | None, str | None], int],
        k_counts: list[int],
        host: _Host,
        draft_s: torch.Tensor,
        verify_s: float,
    ) -> None:
        """Feed each adaptive policy the step as its rows saw it."""
        for (task, name), _ in chosen.items():
            policy = self.decoder.policy_for(task, name)
            if policy is None:
                continue
            mine = [i for i, r in enumerate(self.rows.requests) if r.task == task and r.draft == name]
            k = max(k_counts[i] for i in mine)
            accepted = sum(host.n[i] for i in mine)
            rejections = sum(1 for i in mine if host.n[i] < k_counts[i])
            policy.observe(k, len(self.rows), accepted, rejections, float(draft_s[mine[0]]), verify_s)

    def _col(self, k: int) -> torch.Tensor:
        if k not in self._cols:
            self._cols[k] = torch.arange(k + 1, device=self.device)
        return self._cols[k]

    # --------------------------------------------------------------------- admission and retirement

    def _room(self, request: _Request) -> float:
        """Rows the session may run once ``request`` joins: ``max_rows``, plus ``priority_rows`` for a
        priority request (it joins a full batch at the next step instead of waiting for a row to end)."""
        if self.max_rows is None:
            return float("inf")
        return self.max_rows + (self.priority_rows if request.priority else 0)

    def _admit(self) -> list[tuple[Hashable, Output]]:
        """Prefill waiting prompts that fit; they get their first token and join the batch."""
        if not self.waiting or len(self.rows) >= self._room(self.waiting[0]):
            return []
        used = sum(len(r.prompt) + r.params.max_new_tokens for r in self.rows.requests)
        take: list[_Request] = []
        while self.waiting and len(self.rows) + len(take) < self._room(self.waiting[0]):
            head = self.waiting[0]
            need = len(head.prompt) + head.params.max_new_tokens
            if self.token_budget is not None and used + need > self.token_budget:
                break  # first come, first served: later prompts wait too
            take.append(self.waiting.popleft())
            used += need
        # Rows with max_new_tokens 0 only score their prompt: no prefill, no first token, no joining.
        scored = self._score_only([r for r in take if r.params.max_new_tokens == 0])
        take = [r for r in take if r.params.max_new_tokens > 0]
        if not take:
            return scored
        t0 = self.clock.start()
        eos = set(self.decoder.eos_token_ids)
        stops = [sorted(eos | set(r.params.stop_token_ids)) for r in take]
        width = max(r.params.max_new_tokens for r in take) + self.decoder.max_k + 1
        new = _Rows(take, stops, width, self.device)
        for i, r in enumerate(take):
            if r.id in self.stop_strings:
                new.tokens_host[i] = []
        lm = RaggedLM(self.decoder.target)
        logits = lm.prefill([r.prompt for r in take])  # (N, 1, V): every row's first token
        sampler = RowSampler.from_params(
            [r.params for r in take],
            self.device,
            shared=self.shared,
            vocab_size=self.decoder.vocab_size,
            prompts=[r.prompt for r in take],
        )
        n, nxt = verify(logits, new.pending.new_zeros((len(take), 0)), None, sampler)
        host = new.record(new.pending.new_zeros((len(take), 0)), n, nxt, self._col(0))
        new.record_logprobs(logits, host)
        echo = [i for i, r in enumerate(take) if r.params.prompt_logprobs is not None]
        if echo:
            for i, record in zip(echo, self._prompt_logprobs([take[i] for i in echo]), strict=True):
                new.prompt_logprobs[i] = record
        sampler.observe(new.last_new, new.last_count)
        new.pending = nxt
        new.verify_s += self.clock.seconds(t0, self.clock.start())
        finished, keep = self._split(new, host)
        if keep:
            if len(keep) < len(take):
                idx = torch.tensor(keep, device=self.device)
                new.select(keep)
                lm.select_rows(idx)
                sampler = sampler.select(idx)
            first = len(self.rows)
            self.rows.extend(new)
            self.target.append_rows(lm)
            self.sampler = self.sampler.concat(sampler) if first else sampler
            self._join_proposers(first)
        return scored + finished

    def _score_only(self, requests: list[_Request]) -> list[tuple[Hashable, Output]]:
        """Outputs of rows that asked for no new tokens: their prompt logprobs (when asked), nothing else."""
        if not requests:
            return []
        t0 = self.clock.start()
        echo = [r for r in requests if r.params.prompt_logprobs is not None]
        records = dict(zip((r.id for r in echo), self._prompt_logprobs(echo), strict=True)) if echo else {}
        seconds = self.clock.seconds(t0, self.clock.start()) / len(requests)
        results = []
        for r in requests:
            stats = RowStats(
                verify_seconds=seconds, accepted_per_position=[0] * self.decoder.drafts[r.draft].k
            )
            logprobs: list[TokenLogprob] | None = [] if r.params.logprobs is not None else None
            out = Output([], "length", stats, self._text(r.id, []), logprobs, records.get(r.id))
            results.append((r.id, out))
            self._ids.discard(r.id)
            self.stop_strings.pop(r.id, None)
        return results

    def _join_proposers(self, first: int) -> None:
        """Rows first.. joined the batch: give each its draft's proposer state."""
        rows = self.rows
        by_draft: dict[str | None, list[int]] = {}
        for i in range(first, len(rows)):
            by_draft.setdefault(rows.requests[i].draft, []).append(i)
        for name, joining in by_draft.items():
            proposer = self.decoder.drafts[name].proposer
            if proposer is None:
                continue
            t0 = self.clock.start()
            members = self._members.get(name, 0)
            if members and isinstance(proposer, JoinableProposer):
                proposer.add_rows([rows.requests[i].prompt for i in joining], rows.pending[joining])
            else:
                # Start (or restart) the proposer on every row of this draft: context minus its newest token.
                mine = [i for i, r in enumerate(rows.requests) if r.draft == name]
                outs = rows.out[mine].tolist()
                n_out = [rows.n_out_host[i] for i in mine]
                contexts = [
                    rows.requests[i].prompt + o[: m - 1] for i, o, m in zip(mine, outs, n_out, strict=True)
                ]
                proposer.prefill(contexts)
                pending = rows.pending[mine]
                proposer.update(torch.zeros_like(pending), pending)
            self._members[name] = members + len(joining)
            rows.draft_s[joining] += self.clock.seconds(t0, self.clock.start())
        self._regroup()

    def _finish(self, host: _Host) -> list[tuple[Hashable, Output]]:
        """Hand back rows that finished in this step and drop them from every piece of state."""
        if not self.stop_strings and not any(host.finished):
            return []
        finished, keep = self._split(self.rows, host)
        if not finished:
            return []
        idx = torch.tensor(keep, dtype=torch.long, device=self.device)
        staying = set(keep)
        for g in self._groups:
            kept = [j for j, i in enumerate(g.rows) if i in staying]
            self._members[g.name] = len(kept)
            if kept and len(kept) < len(g.rows):
                g.proposer.keep_rows(torch.tensor(kept, dtype=torch.long, device=self.device))
        self.rows.select(keep)
        self.target.select_rows(idx)
        self.sampler = self.sampler.select(idx)
        self._regroup()
        return finished

    def _split(self, rows: _Rows, host: _Host) -> tuple[list[tuple[Hashable, Output]], list[int]]:
        """Rows done after this step (budget, stop token, stop string) as outputs, and the rows to keep."""
        done = list(host.finished)
        for i, r in enumerate(rows.requests):
            tokens = rows.tokens_host[i]
            if tokens is None or not host.count[i]:
                continue
            cut = self.stop_strings[r.id].first_stop(tokens, rows.checked[i])
            rows.checked[i] = len(tokens)
            if cut is not None:
                rows.cut_at[i], done[i] = cut, True
        finished_rows = [i for i, d in enumerate(done) if d]
        if not finished_rows:
            return [], list(range(len(rows)))
        idx = torch.tensor(finished_rows, dtype=torch.long, device=self.device)
        outs = rows.out[idx].tolist()
        per_position = rows.per_position[idx].tolist()
        results = []
        for j, i in enumerate(finished_rows):
            r = rows.requests[i]
            cut = rows.cut_at[i]
            tokens = outs[j][: rows.n_out_host[i] if cut is None else cut]
            reason: FinishReason = "stop" if cut is not None or host.stopped[i] else "length"
            width = self.decoder.drafts[r.draft].k
            accepted = per_position[j][:width] + [0] * max(0, width - len(per_position[j]))
            stats = RowStats(
                int(rows.steps[i]),
                int(rows.drafted[i]),
                sum(accepted),
                accepted,
                float(rows.draft_s[i]),
                float(rows.verify_s[i]),
            )
            logprobs = rows.logprobs[i]
            if logprobs is not None:
                logprobs = logprobs[: len(tokens)]
            text = self._text(r.id, tokens)
            results.append((r.id, Output(tokens, reason, stats, text, logprobs, rows.prompt_logprobs[i])))
            self._ids.discard(r.id)
            self.stop_strings.pop(r.id, None)
        return results, [i for i, d in enumerate(done) if not d]

    def _prompt_logprobs(self, requests: list[_Request]) -> list[list[TokenLogprob | None]]:
        """Each prompt token's target logprob given the tokens before it, and the top alternatives.

        A separate full-logits forward over these prompts, in chunks that keep (rows x length x
        vocabulary) logits small; the padding layout is the one `RaggedLM` uses for this model."""
        vocab = self.decoder.vocab_size
        records: list[list[TokenLogprob | None]] = []
        width = max(len(r.prompt) for r in requests)
        chunk = max(1, (1 << 26) // max(1, width * vocab))
        for start in range(0, len(requests), chunk):
            part = requests[start : start + chunk]
            lm = RaggedLM(self.decoder.target)
            logits = lm.prefill([r.prompt for r in part], last_only=False)  # (R, L, V)
            if logits.dtype in (torch.float16, torch.bfloat16):
                logits = logits.float()
            lp = logits.log_softmax(-1)
            cols = lp.shape[1]
            for j, r in enumerate(part):
                n = len(r.prompt)
                first = cols - n if lm.padding == "left" else 0  # the prompt's first column
                row = lp[j, first : first + n - 1]  # (n-1, V): distributions of tokens 1..n-1
                nxt = torch.tensor(r.prompt[1:], dtype=torch.long, device=row.device)
                chosen = row.gather(-1, nxt[:, None]).squeeze(-1).tolist()
                top_n = r.params.prompt_logprobs or 0
                top = row.topk(top_n, dim=-1) if top_n else None
                top_ids = top.indices.tolist() if top is not None else [[] for _ in chosen]
                top_lp = top.values.tolist() if top is not None else [[] for _ in chosen]
                record: list[TokenLogprob | None] = [None]
                for t, (tok, value) in enumerate(zip(r.prompt[1:], chosen, strict=True)):
                    record.append(TokenLogprob(tok, value, list(zip(top_ids[t], top_lp[t], strict=True))))
                records.append(record)
        return records

    def _text(self, request_id: Hashable, tokens: list[int]) -> str | None:
        detokenize = self.detokenize or self.decoder.detokenize
        if detokenize is None:
            return None
        text = detokenize(tokens)
        stops = self.stop_strings.get(request_id)
        return stops.cut(text) if stops is not None else text

    def _regroup(self) -> None:
        """Recompute which batch rows each draft's proposer serves (after rows joined or left)."""
        by_draft: dict[str | None, list[int]] = {}
        for i, r in enumerate(self.rows.requests):
            by_draft.setdefault(r.draft, []).append(i)
        groups = []
        size = len(self.rows)
        for name, rows in by_draft.items():
            proposer = self.decoder.drafts[name].proposer
            if proposer is None:
                continue
            idx = torch.tensor(rows, dtype=torch.long, device=self.device)
            whole = len(rows) == size
            sampler = self.sampler if whole else self.sampler.select(idx, rows)
            groups.append(_Group(name, proposer, rows, idx, whole, sampler))
        self._groups = groups
