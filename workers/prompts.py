"""A prompt's way into and out of the engine: params, tokens, sampling settings, the result row.

Shared by the decode task (``workers/decode.py``, which claims batches) and the decode loop
(``workers/decode_loop.py``, which runs them): plain functions over a tokenizer, no database
session, no broker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db import queries
from db.schema import Job, Prompt
from producer.limits import context_problem, refuse_unfit_prompt
from specq.deployment import NO_DRAFT

if TYPE_CHECKING:  # the routing worker imports this module too and must not load torch
    from models.engine.speculative import RowStats

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkItem:
    """A prompt to decode, detached from the session."""

    prompt_id: int
    task: str | None
    text: str | None
    messages: list[Any] | None
    params: dict[str, Any]  # job params with the line's overrides applied
    draft: str | None = None  # the draft the router chose for this prompt (None: the batch's)
    token_ids: list[int] | None = None  # a token-id prompt (text and messages None)


@dataclass(frozen=True)
class ClaimedBatch:
    """A batch this worker marked running, with the prompts still to decode."""

    batch_id: str
    job_id: str
    target: str
    draft: str
    items: list[WorkItem]
    interactive: bool = False  # its job takes the interactive lane: its rows join ahead of bulk rows


def draft_of(batch: ClaimedBatch, item: WorkItem) -> str:
    """The draft that decodes ``item``: its own route, else its batch's pairing."""
    return item.draft or batch.draft


@dataclass(frozen=True)
class Row:
    """One tokenized prompt, ready for the engine."""

    item: WorkItem
    prompt_ids: list[int]
    params: Any  # models.engine.sampling.SamplingParams


def merged_params(job: Job, prompt: Prompt) -> dict[str, Any]:
    """Sampling settings of a prompt: the job's defaults, then the line's overrides."""
    params = {k: v for k, v in (job.params or {}).items() if k != "draft"}
    params.update({k: v for k, v in (prompt.params or {}).items() if v is not None})
    return params


def _stop_strings(params: dict[str, Any]) -> list[str]:
    stop = params.get("stop")
    if stop is None:
        return []
    return [stop] if isinstance(stop, str) else [s for s in stop if isinstance(s, str) and s]


# ---------------------------------------------------------------------------------------------
# Engine side (torch): tokenize, generate, detokenize
# ---------------------------------------------------------------------------------------------


def tokenize(tokenizer: Any, item: WorkItem) -> list[int]:
    """Token ids of a prompt. Chats are rendered by the same function submit counted them with:
    the tokenizer's chat template (which writes its own special tokens), else a plain transcript.
    A token-id prompt is decoded as given (no special tokens added), if the tokenizer knows its ids."""
    if item.token_ids is not None:
        vocab = len(tokenizer)
        if item.token_ids and max(item.token_ids) >= vocab:
            raise ValueError(
                f"prompt has token id {max(item.token_ids)}, outside the target's vocabulary "
                f"(ids 0..{vocab - 1})"
            )
        return list(item.token_ids)
    if item.messages is None:
        return [int(t) for t in tokenizer(item.text or "")["input_ids"]]
    from specq.chat import render_chat

    templated = bool(getattr(tokenizer, "chat_template", None))
    text = render_chat(item.messages, tokenizer if templated else None)
    return [int(t) for t in tokenizer(text, add_special_tokens=not templated)["input_ids"]]


def _sampling_params(tokenizer: Any, params: dict[str, Any], prompt_tokens: int, context: int | None) -> Any:
    from models.engine.sampling import SamplingParams
    from producer.fields import engine_kwargs

    max_new = int(params.get("max_new_tokens", 64))
    if context is not None:
        problem = context_problem(prompt_tokens, max_new, context, "")
        if problem:  # refused as submit refuses it, never silently shortened
            raise ValueError(problem)
    seed = params.get("seed")
    return SamplingParams(
        max_new_tokens=max_new,
        temperature=float(params.get("temperature", 0.0)),
        top_p=float(params.get("top_p", 1.0)),
        seed=int(seed) if seed is not None else None,
        # The engine ends a row where its text first contains a stop string (decoders detokenize).
        stop=tuple(_stop_strings(params)),
        **engine_kwargs(params),
    )


def _cut_at_stop(text: str, stops: list[str]) -> tuple[str, bool]:
    cuts = [i for i in (text.find(s) for s in stops) if i >= 0]
    return (text[: min(cuts)], True) if cuts else (text, False)


def prepare_rows(
    tokenizer: Any, context: int | None, items: list[WorkItem]
) -> tuple[list[Row], list[tuple[int, str]]]:
    """Tokenize ``items`` and build their sampling settings; a prompt that cannot be decoded
    (too long for the context, no tokens) becomes ``(prompt_id, error)``."""
    rows: list[Row] = []
    failures: list[tuple[int, str]] = []
    for item in items:
        try:
            # Refuse a prompt whose size alone proves it cannot fit before the tokenizer sees it.
            refuse_unfit_prompt(tokenizer, item.text, item.messages, context)
            ids = tokenize(tokenizer, item)
            if not ids:
                raise ValueError("prompt encodes to no tokens")
            rows.append(Row(item, ids, _sampling_params(tokenizer, item.params, len(ids), context)))
        except ValueError as exc:
            failures.append((item.prompt_id, str(exc)))
    return rows, failures


def generate_isolating(
    generate: Callable[[list[list[int]], list[Any]], list[Any]], rows: list[Row]
) -> tuple[list[tuple[Row, Any]], list[tuple[Row, str]]]:
    """Generate for ``rows``; when the engine fails, split them to isolate the failing prompt(s).

    Returns ([(row, Output)], [(row, error)]). Halving also gets past a batch too large for
    the device's memory.
    """
    try:
        outs = generate([r.prompt_ids for r in rows], [r.params for r in rows])
        return list(zip(rows, outs, strict=True)), []
    except Exception as exc:  # noqa: BLE001 - any engine error becomes a per-prompt error, never a lost batch
        if len(rows) == 1:
            log.exception("decoding prompt %d failed", rows[0].item.prompt_id)
            return [], [(rows[0], f"decoding failed: {type(exc).__name__}: {exc}")]
        log.warning("batch of %d failed (%s: %s); retrying in halves", len(rows), type(exc).__name__, exc)
        mid = len(rows) // 2
        ok_a, bad_a = generate_isolating(generate, rows[:mid])
        ok_b, bad_b = generate_isolating(generate, rows[mid:])
        return ok_a + ok_b, bad_a + bad_b


def result_row(
    tokenizer: Any, batch: ClaimedBatch, row: Row, out: Any, worker: str | None
) -> queries.ResultRow:
    """The results row of one decoded prompt: text cut at a stop string, speculation statistics."""
    if out.text is not None:  # already cut before a stop string by the engine
        text, cut = out.text, False
    else:
        text = tokenizer.decode(out.token_ids, skip_special_tokens=True)
        text, cut = _cut_at_stop(text, _stop_strings(row.item.params))
    s: RowStats = out.stats
    draft = draft_of(batch, row.item)
    return queries.ResultRow(
        prompt_id=row.item.prompt_id,
        job_id=batch.job_id,
        output_text=text,
        output_tokens=len(out.token_ids),
        finish_reason="stop" if cut else out.finish_reason,
        target=batch.target,
        draft=draft,
        task=row.item.task,
        prompt_tokens=len(row.prompt_ids),
        # Mean draft length per step: fixed k, or the average the adaptive policy chose.
        k=(s.drafted_tokens / s.steps) if draft != NO_DRAFT and s.steps else None,
        steps=s.steps,
        drafted_tokens=s.drafted_tokens,
        accepted_tokens=s.accepted_tokens,
        accepted_per_position=list(s.accepted_per_position),
        draft_seconds=s.draft_seconds,
        verify_seconds=s.verify_seconds,
        worker=worker,
        batch_id=batch.batch_id,
        logprobs=token_logprobs(tokenizer, out),
        **echo_columns(tokenizer, row, out),
    )


class _Pieces:
    """Each token's text, decoded once: what OpenAI's logprobs show for a token."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.seen: dict[int, str] = {}

    def __call__(self, token: int) -> str:
        if token not in self.seen:
            self.seen[token] = self.tokenizer.decode([token])
        return self.seen[token]


def token_logprobs(tokenizer: Any, out: Any) -> list[Any] | None:
    """``results.logprobs`` of an engine output: ``[token, logprob, [[alt, logprob], ...]]`` per
    emitted token, tokens as text (what OpenAI's logprobs show); None when none were asked for."""
    if out.logprobs is None:
        return None
    piece = _Pieces(tokenizer)
    return [[piece(e.token), e.logprob, [[piece(t), lp] for t, lp in e.top]] for e in out.logprobs]


def echo_columns(tokenizer: Any, row: Row, out: Any) -> dict[str, Any]:
    """``results.prompt_text`` and ``results.prompt_logprobs`` of a prompt that asked for echo.

    The text is the prompt as given (a token-id prompt decoded); the logprobs, when asked, have
    one entry per prompt token, the first ``[token, None, None]`` (nothing precedes it)."""
    if not row.item.params.get("echo"):
        return {}
    item = row.item
    text = item.text if item.text is not None else tokenizer.decode(row.prompt_ids)
    if out.prompt_logprobs is None:
        return {"prompt_text": text, "prompt_logprobs": None}
    piece = _Pieces(tokenizer)
    entries: list[Any] = [
        [piece(tok), None, None]
        if e is None
        else [piece(tok), e.logprob, [[piece(t), lp] for t, lp in e.top]]
        for tok, e in zip(row.prompt_ids, out.prompt_logprobs, strict=True)
    ]
    return {"prompt_text": text, "prompt_logprobs": entries}
