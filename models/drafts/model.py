"""A draft model proposer: a smaller causal LM with the target's tokenizer on its own KV cache.

The protocol it implements and the vocabulary (drafted, accepted, correction, bonus) are in
`models/engine/proposer.py`.
"""

from __future__ import annotations

import torch
from transformers import PreTrainedModel

from models.drafts.vocab import head_token_ids, to_target_vocab
from models.engine.proposer import Proposal
from models.engine.ragged import RaggedLM, rollback_cache
from models.engine.sampling import RowSampler


class DraftModelProposer:
    """A smaller Hugging Face causal LM with the target's tokenizer, decoding on its own KV cache.

    The draft's cache holds every token of the context except the ones in `pending`,
    which are fed at the start of the next `propose`: the step's correction or bonus
    token, plus the last draft token when all k were accepted (it was sampled but never
    fed). That first forward is (B, 2) with a hole where a row has nothing extra.
    """

    def __init__(self, model: PreTrainedModel, vocab_size: int | None = None) -> None:
        self.lm = RaggedLM(model)
        self.vocab_size = vocab_size or int(model.config.get_text_config(decoder=True).vocab_size)
        self.token_ids = head_token_ids(model)  # (S,) when the head scores a subset (models.drafts.vocab)
        device = self.lm.device
        self.pending = torch.zeros((0, 0), dtype=torch.long, device=device)  # (B, P) tokens not yet fed
        self.pending_valid = torch.zeros((0, 0), dtype=torch.bool, device=device)  # (B, P) False = hole
        self.last_tokens: torch.Tensor | None = None  # (B, k) the last proposal, until `update`

    def prefill(self, prompts: list[list[int]]) -> None:
        self.lm.prefill(prompts)
        batch = len(prompts)
        self.pending = torch.zeros((batch, 0), dtype=torch.long, device=self.lm.device)
        self.pending_valid = torch.zeros((batch, 0), dtype=torch.bool, device=self.lm.device)
        self.last_tokens = None

    def propose(self, k: int, sampler: RowSampler) -> Proposal:
        if self.pending.shape[1] == 0:
            raise RuntimeError(
                "DraftModelProposer.propose called before update(): the draft has no new token"
            )
        logits = self.lm.forward(self.pending, self.pending_valid, last_only=True)  # (B, 1, V_draft)
        tokens: list[torch.Tensor] = []
        qs: list[torch.Tensor] = []
        for j in range(k):
            logits = to_target_vocab(logits, self.vocab_size, self.token_ids)
            # Drafted so far: part of the history the penalties look at.
            prefix = torch.cat(tokens, dim=1) if tokens and sampler.any_history else None
            if sampler.all_greedy:
                # (B, 1); a greedy draft's q is one-hot: leave it implicit
                token = sampler.process(logits, prefix).argmax(-1)
            else:
                q = sampler.probs(logits, prefix)  # (B, 1, V), warped as the target's will be
                token = sampler.sample(q)
                qs.append(q)
            tokens.append(token)
            if j + 1 < k:  # the last draft token is fed next step, and only if it is accepted
                logits = self.lm.forward(token, last_only=True)
        batch = self.pending.shape[0]
        self.pending = self.pending[:, :0]
        self.pending_valid = self.pending_valid[:, :0]
        self.last_tokens = torch.cat(tokens, dim=1) if tokens else self.pending.new_zeros((batch, 0))
        return Proposal(self.last_tokens, torch.cat(qs, dim=1) if qs else None)

    def update(self, num_accepted: torch.Tensor, next_tokens: torch.Tensor) -> None:
        nxt = next_tokens[:, None]
        if self.last_tokens is None:  # plain step: nothing to roll back, queue the new token
            self.pending = torch.cat([self.pending, nxt], dim=1)
            self.pending_valid = torch.cat(
                [self.pending_valid, torch.ones_like(nxt, dtype=torch.bool)], dim=1
            )
            return
        k = self.last_tokens.shape[1]
        n_max = int(num_accepted.max())  # host sync: the crop length must be a Python int
        if k > 1:
            # Columns fed during propose after `pending`: draft tokens 1..k-1; keep those accepted.
            keep = torch.arange(1, k, device=nxt.device)[None, :] <= num_accepted[:, None]  # (B, k-1)
            rollback_cache(self.lm, keep, min(n_max, k - 1))
        if n_max == k:
            all_in = num_accepted == k  # (B,) these rows still need their last draft token fed
            self.pending = torch.cat([self.last_tokens[:, -1:], nxt], dim=1)
            self.pending_valid = torch.cat([all_in[:, None], torch.ones_like(all_in)[:, None]], dim=1)
        else:
            self.pending = nxt
            self.pending_valid = torch.ones_like(nxt, dtype=torch.bool)
        self.last_tokens = None

    def add_rows(self, prompts: list[list[int]], next_tokens: torch.Tensor) -> None:
        if self.last_tokens is not None:
            raise RuntimeError("DraftModelProposer.add_rows called between propose() and update()")
        joining = DraftModelProposer(self.lm.model, self.vocab_size)
        joining.prefill(prompts)
        joining.update(torch.zeros_like(next_tokens), next_tokens)
        self.lm.append_rows(joining.lm)
        # Pending tokens are right-aligned: a row with fewer gets a hole on the left.
        width = max(self.pending.shape[1], joining.pending.shape[1])
        self.pending = torch.cat([_left(self.pending, width, 0), _left(joining.pending, width, 0)])
        self.pending_valid = torch.cat(
            [_left(self.pending_valid, width, False), _left(joining.pending_valid, width, False)]
        )

    def keep_rows(self, rows: torch.Tensor) -> None:
        self.lm.select_rows(rows)
        self.pending = self.pending[rows]
        self.pending_valid = self.pending_valid[rows]
        if self.last_tokens is not None:
            self.last_tokens = self.last_tokens[rows]


def _left(t: torch.Tensor, width: int, fill: int | bool) -> torch.Tensor:
    """(B, P) padded on the left with `fill` to (B, width)."""
    if t.shape[1] == width:
        return t
    return torch.cat([t.new_full((t.shape[0], width - t.shape[1]), fill), t], dim=1)
