"""Verification of draft tokens against the target: pure tensor functions in the paper's notation.

p is the target's (warped) next-token distribution, q the draft's; d_1..d_k the drafted
tokens of a row. A row's *accepted* tokens are the prefix of its draft that verification
keeps; the token after them is the *correction* (sampled from norm(max(0, p - q)) at the
first rejected position) or, when all of the row's drafts were accepted, the *bonus*
(sampled from p after the last one). Greedy rows accept d_j iff it is the target's argmax.

Rows may draft different lengths in one batch (each row's `k_row[i] <= k`, the batch's
widest draft); positions at or past a row's own k are not drafts and are never accepted.
"""

from __future__ import annotations

import torch

from models.engine.sampling import RowSampler


def _own_positions(draft: torch.Tensor, k_row: torch.Tensor | None) -> torch.Tensor | None:
    """(B, k) bool: which draft positions are the row's own (None: all of them)."""
    if k_row is None:
        return None
    return torch.arange(draft.shape[1], device=draft.device)[None, :] < k_row[:, None]


def accept_greedy(
    target_argmax: torch.Tensor, draft: torch.Tensor, k_row: torch.Tensor | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Greedy verification. target_argmax (B, k+1), draft (B, k), k_row (B,) -> (accepted (B,), next (B,))."""
    k = draft.shape[1]
    matches = draft == target_argmax[:, :k]  # (B, k)
    own = _own_positions(draft, k_row)
    if own is not None:
        matches &= own
    n = matches.long().cumprod(1).sum(1)  # length of the agreeing prefix
    return n, target_argmax.gather(1, n[:, None]).squeeze(1)


def accept_sampled(
    p: torch.Tensor,
    draft: torch.Tensor,
    q: torch.Tensor | None,
    u: torch.Tensor,
    k_row: torch.Tensor | None = None,
) -> torch.Tensor:
    """Accepted counts (B,) of speculative sampling.

    p (B, k+1, V) target distributions, draft (B, k), q (B, k, V) draft distributions or
    None for one-hot, u (B, k) uniforms, k_row (B,) each row's own draft length (None: k).
    Token j is accepted iff u_j < p_j(d_j) / q_j(d_j).
    """
    k = draft.shape[1]
    p_d = p[:, :k].gather(-1, draft[..., None]).squeeze(-1)  # (B, k)
    q_d = torch.ones_like(p_d) if q is None else q.gather(-1, draft[..., None]).squeeze(-1).to(p.dtype)
    accepted = u * q_d < p_d  # never divides; q_d > 0 since d_j was drawn from q_j
    own = _own_positions(draft, k_row)
    if own is not None:
        accepted &= own
    return accepted.long().cumprod(1).sum(1)


def correction_distribution(
    p: torch.Tensor,
    draft: torch.Tensor,
    q: torch.Tensor | None,
    n: torch.Tensor,
    k_row: torch.Tensor | None = None,
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
    rejected = n < (k if k_row is None else k_row)  # (B,) False: a bonus row, nothing to subtract
    q_n = q_n * rejected.to(p.dtype)[:, None]
    residual = (p_n - q_n).clamp_(min=0.0)
    total = residual.sum(-1, keepdim=True)
    # total == 0 only when p_n == q_n, where a rejection has probability 0: fall back to p.
    return torch.where(total > 0, residual / total.clamp(min=torch.finfo(p.dtype).tiny), p_n)


def verify(
    logits: torch.Tensor,
    draft: torch.Tensor,
    q: torch.Tensor | None,
    sampler: RowSampler,
    k_row: torch.Tensor | None = None,
    k_counts: list[int] | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Verify drafts against target logits (B, k+1, V). Returns (accepted count (B,), next token (B,)).

    k_row (B,) and its host copy k_counts give each row's own draft length when rows differ
    (None: every row drafted k). A row draws exactly k_row[i] + 1 uniforms from its own
    stream, so a seeded row's output does not depend on its neighbours' draft lengths.
    """
    if sampler.all_greedy:
        return accept_greedy(sampler.process(logits, draft).argmax(-1), draft, k_row)
    # (B, k+1, V), position j warped as if d_1..d_j were accepted; greedy rows are one-hot, so the
    # same formulas are exact for them.
    p = sampler.probs(logits, draft)
    k = draft.shape[1]
    if k:
        n = accept_sampled(p, draft, q, sampler.uniform(k, dtype=p.dtype, counts=k_counts), k_row)
    else:
        n = torch.zeros(p.shape[0], dtype=torch.long, device=p.device)
    nxt = sampler.sample(correction_distribution(p, draft, q, n, k_row)[:, None])[:, 0]
    return n, nxt
