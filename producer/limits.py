"""Limits on one request: sampling values, stop lists, prompt size against the target's context.

Every bound comes from the settings (``SPECQ_MAX_PROMPT_BYTES``, ``SPECQ_MAX_STOP_SEQUENCES``,
... in :mod:`specq.settings`). Submit checks them on every line; the decode worker calls
:func:`refuse_unfit_prompt` before it tokenizes, so a prompt that slipped past submit (a
target whose files were not on the submitting machine) cannot make the tokenizer allocate
gigabytes: the prompt's UTF-8 size alone proves it cannot fit.

The size bound: a token stands for at most ``max_token_bytes`` bytes of text (the longest
entry of the vocabulary, in UTF-8), so a prompt of ``B`` bytes has at least
``B / max_token_bytes`` tokens. Exact for byte-level BPE and byte-fallback tokenizers, the
kind every model served here uses; a normalizer that deletes characters could in principle
beat it. Prompts under the bound are tokenized and their exact count checked as before.
"""

from __future__ import annotations

import contextlib
import math
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from producer.storable import show, text_problem
from specq.chat import message_text
from specq.settings import Settings, get_settings


@dataclass(frozen=True)
class RequestLimits:
    """The per-request bounds of :mod:`specq.settings`, read once per submission."""

    max_prompt_bytes: int
    max_stop_sequences: int
    max_stop_bytes: int
    max_temperature: float
    max_seed: int
    max_json_depth: int

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> RequestLimits:
        s = settings or get_settings()
        return cls(
            max_prompt_bytes=s.max_prompt_bytes,
            max_stop_sequences=s.max_stop_sequences,
            max_stop_bytes=s.max_stop_bytes,
            max_temperature=s.max_temperature,
            max_seed=s.max_seed,
            max_json_depth=s.max_json_depth,
        )


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def check_sampling(params: dict[str, Any], limits: RequestLimits) -> str | None:
    """The first problem with the sampling values in ``params`` (any subset of them), or None."""
    if "max_new_tokens" in params:
        v = params["max_new_tokens"]
        if not _is_int(v) or v < 0:
            return f"max_new_tokens must be a positive integer, got {show(v)}"
        if v == 0 and not params.get("echo"):
            return (
                "max_new_tokens must be a positive integer, got 0 (0 generates nothing: it is "
                "allowed only with echo: true, which scores the prompt)"
            )
    if "temperature" in params:
        v = params["temperature"]
        if not _is_number(v) or not math.isfinite(v) or not 0 <= v <= limits.max_temperature:
            return f"temperature must be a finite number in [0, {limits.max_temperature:g}], got {show(v)}"
    if "top_p" in params:
        v = params["top_p"]
        if not _is_number(v) or not math.isfinite(v) or not 0 < v <= 1:
            return f"top_p must be a number in (0, 1], got {show(v)}"
    if "seed" in params:
        v = params["seed"]
        if v is not None and (not _is_int(v) or not 0 <= v <= limits.max_seed):
            return f"seed must be an integer in [0, {limits.max_seed}], got {show(v)}"
    if "stop" in params:
        return _stop_problem(params["stop"], limits)
    return None


def _stop_problem(v: Any, limits: RequestLimits) -> str | None:
    if v is None:
        return None
    stops = [v] if isinstance(v, str) else v
    if not isinstance(stops, list) or not all(isinstance(s, str) and s for s in stops):
        return f"stop must be a non-empty string or a list of non-empty strings, got {show(v)}"
    if len(stops) > limits.max_stop_sequences:
        return f"stop has {len(stops)} entries; at most {limits.max_stop_sequences} are allowed"
    for i, s in enumerate(stops):
        if len(s) > limits.max_stop_bytes or len(s.encode("utf-8", "surrogatepass")) > limits.max_stop_bytes:
            return f"stop[{i}] is longer than {limits.max_stop_bytes} bytes"
        problem = text_problem(s, f"stop[{i}]")
        if problem:
            return problem
    return None


def _target(name: str) -> str:
    return f"target {name!r}" if name else "the target"


def context_problem(prompt_tokens: int, max_new_tokens: int, context: int, target: str) -> str | None:
    """Why ``prompt_tokens + max_new_tokens`` does not fit ``context``, or None."""
    if prompt_tokens + max_new_tokens <= context:
        return None
    return (
        f"prompt has {prompt_tokens} tokens and max_new_tokens is {max_new_tokens}: "
        f"{prompt_tokens + max_new_tokens} exceeds the context of {_target(target)} ({context} tokens); "
        "shorten the prompt or lower max_new_tokens"
    )


def size_problem(
    n_bytes: int,
    *,
    max_prompt_bytes: int,
    context: int | None,
    max_token_bytes: int | None,
    max_new_tokens: int = 0,
    target: str = "",
) -> str | None:
    """Why a prompt of ``n_bytes`` UTF-8 bytes is refused without tokenizing it, or None.

    Over ``max_prompt_bytes``; or, with the target's ``context`` and ``max_token_bytes``
    known, more bytes than ``context - max_new_tokens`` tokens can hold.
    """
    if n_bytes > max_prompt_bytes:
        return (
            f"prompt is {n_bytes} bytes, over the limit of {max_prompt_bytes} bytes "
            "(SPECQ_MAX_PROMPT_BYTES); shorten it"
        )
    if context is None or not max_token_bytes:
        return None
    room = context - max_new_tokens
    if room < 1:
        return (
            f"max_new_tokens is {max_new_tokens}, which leaves no room for the prompt in the context "
            f"of {_target(target)} ({context} tokens); lower max_new_tokens"
        )
    if n_bytes > room * max_token_bytes:
        return (
            f"prompt is {n_bytes} bytes: at least {-(-n_bytes // max_token_bytes)} tokens, which with "
            f"max_new_tokens {max_new_tokens} cannot fit the context of {_target(target)} "
            f"({context} tokens); shorten it"
        )
    return None


# Tokenizer -> its longest token in bytes; weak keys, so a reloaded tokenizer is measured anew.
_max_token_bytes: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def max_token_bytes(tokenizer: Any) -> int:
    """UTF-8 bytes of the longest vocabulary entry (added tokens included) of ``tokenizer``.

    Works for a ``tokenizers.Tokenizer`` and a transformers tokenizer (both have
    ``get_vocab``). Byte-level vocabularies spell one byte with one character of up to two
    UTF-8 bytes, so this over-counts, which only loosens the bound.
    """
    try:
        return _max_token_bytes[tokenizer]
    except (KeyError, TypeError):
        pass
    vocab = tokenizer.get_vocab()
    longest = max((len(t.encode("utf-8", "surrogatepass")) for t in vocab), default=1)
    with contextlib.suppress(TypeError):  # not weak-referenceable: measured again next time
        _max_token_bytes[tokenizer] = longest
    return longest


def refuse_unfit_prompt(
    tokenizer: Any, prompt: str | None, messages: Sequence[Any] | None, context: int | None, target: str = ""
) -> None:
    """Raise ``ValueError`` (the reason) when a prompt surely cannot fit, before tokenizing it.

    The decode worker's bound on tokenization memory, at the cost of one UTF-8 encode. A chat
    is measured by its messages' text (what every chat template renders, and more), so the
    bound holds for the rendered prompt too. With the target's context known, the bound is
    the context (room for one new token at least); without it, the settings' ``max_prompt_bytes``.
    """
    if messages is None:
        n_bytes = len((prompt or "").encode("utf-8", "surrogatepass"))
    else:
        texts = (message_text(m.get("content")) for m in messages if isinstance(m, dict))
        n_bytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)
    if context is None:
        limit = get_settings().max_prompt_bytes
        problem = size_problem(n_bytes, max_prompt_bytes=limit, context=None, max_token_bytes=None)
    else:
        problem = size_problem(
            n_bytes,
            max_prompt_bytes=n_bytes,  # submit applied the byte limit to what the user wrote
            context=context,
            max_token_bytes=max_token_bytes(tokenizer),
            max_new_tokens=1,
            target=target,
        )
    if problem:
        raise ValueError(problem)
