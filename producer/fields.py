"""The request surface: every OpenAI request field specq knows and what it does with each.

A field of an OpenAI request body is either mapped to a specq sampling parameter, carried to
the engine under its own name, accepted at its neutral value only (the value that asks for
nothing), or refused with the reason. A field specq does not know is refused too: nothing a
client asks for is dropped without a word. docs/openai.md is the same table for people.
"""

from __future__ import annotations

import hashlib
from typing import Any

# OpenAI name -> the prompt parameter it sets.
MAPPED = {
    "max_tokens": "max_new_tokens",
    "max_completion_tokens": "max_new_tokens",
    "temperature": "temperature",
    "top_p": "top_p",
    "seed": "seed",
    "stop": "stop",
}
# Sampling fields the engine's SamplingParams carries under the same name (vLLM's names for
# the ones OpenAI lacks). A field outside SUPPORTED_ENGINE_FIELDS is refused with the reason
# in NOT_SUPPORTED; tests/producer/test_fields.py checks each supported one is an engine field.
ENGINE_FIELDS = (
    "top_k",
    "min_p",
    "repetition_penalty",
    "frequency_penalty",
    "presence_penalty",
    "logit_bias",
    "logprobs",
)
SUPPORTED_ENGINE_FIELDS: frozenset[str] = frozenset(ENGINE_FIELDS)
# Why an engine field outside SUPPORTED_ENGINE_FIELDS is refused (none is, today).
NOT_SUPPORTED: dict[str, str] = {}
# Values that ask for nothing: accepted (and left out) whatever the engine supports.
NEUTRAL: dict[str, tuple[Any, ...]] = {
    "n": (1,),
    "stream": (False,),
    "echo": (False,),
    "best_of": (1,),
    "top_k": (0, -1),
    "min_p": (0,),
    "repetition_penalty": (1,),
    "frequency_penalty": (0,),
    "presence_penalty": (0,),
    "logit_bias": ({},),
    "logprobs": (False,),
    "parallel_tool_calls": (False,),
    "tools": ([],),
    "tool_choice": ("none",),
    "response_format": ({"type": "text"},),
}
# Fields refused at any other value, with the reason.
REFUSED = {
    "stream": "streaming is not available: specq answers when the request is decoded",
    "best_of": "best_of is not supported; send one line per completion",
    "suffix": "suffix (insertion) is not supported by causal targets",
    "tools": "tool calling is not supported (it needs constrained decoding)",
    "tool_choice": "tool calling is not supported (it needs constrained decoding)",
    "functions": "function calling is not supported (it needs constrained decoding)",
    "function_call": "function calling is not supported (it needs constrained decoding)",
    "parallel_tool_calls": "tool calling is not supported (it needs constrained decoding)",
    "response_format": "structured output (JSON mode, JSON schema) needs constrained decoding",
    "stream_options": "streaming is not available: specq answers when the request is decoded",
    "audio": "audio output is not supported (text targets only)",
    "modalities": "only text output is supported",
    "prediction": "predicted outputs are not supported",
    "reasoning_effort": "reasoning effort applies to OpenAI reasoning models only",
    "verbosity": "verbosity applies to OpenAI reasoning models only",
    "web_search_options": "web search is not available",
    "service_tier": "service tiers do not exist in specq",
    "store": "stored completions do not exist in specq",
    "metadata": "per-request metadata is not stored; use custom_id",
    "user": "end-user ids are not stored; use custom_id",
    "safety_identifier": "safety identifiers are not stored; use custom_id",
    "prompt_cache_key": "prompt caching keys do not exist in specq",
    "prompt_cache_options": "prompt caching options do not exist in specq",
    "prompt_cache_retention": "prompt caching options do not exist in specq",
    "moderation": "moderation is not available",
}
# n: completions per request, each decoded as its own prompt row (see :func:`fan_out`).
MAX_CHOICES = 128
# Fields that carry the request itself rather than how to decode it.
CONTENT = ("messages", "prompt", "model")


def _same(value: Any, neutral: Any) -> bool:
    if isinstance(value, bool) or isinstance(neutral, bool):  # True == 1 in Python; not here
        return value is neutral
    return bool(value == neutral)


def _neutral(name: str, value: Any) -> bool:
    return value is None or any(_same(value, v) for v in NEUTRAL.get(name, ()))


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _request_fields(fields: dict[str, Any], params: dict[str, Any]) -> str | None:
    """Add the engine fields of ``fields`` to ``params``; the first refused field's reason, or None."""
    for name, value in fields.items():
        if _neutral(name, value):
            continue
        if name == "n":
            if not (_is_int(value) and 1 <= value <= MAX_CHOICES):
                return f"n must be an integer 1..{MAX_CHOICES}, got {_brief(value)}"
            params["n"] = value
        elif name == "echo":  # /v1/completions: the prompt comes back before the output
            if not isinstance(value, bool):
                return f"echo must be true or false, got {_brief(value)}"
            params["echo"] = True
        elif name == "top_logprobs":  # how many alternatives chat's logprobs: true returns per token
            problem = check_engine_field(name, value)
            if problem:
                return problem
            params[name] = value
        elif name in ENGINE_FIELDS:
            if name not in SUPPORTED_ENGINE_FIELDS:
                return f"{name} is not supported yet: {NOT_SUPPORTED[name]}; remove it"
            problem = check_engine_field(name, value)
            if problem:
                return problem
            params[name] = value
        elif name in REFUSED:
            return f"{name}={_brief(value)}: {REFUSED[name]}"
        else:
            return f"unknown request field {name!r}; docs/openai.md lists the fields specq accepts"
    return None


def openai_params(body: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """(prompt params, None) of an OpenAI request body, or ({}, the first refused field's reason)."""
    given = [k for k in ("max_tokens", "max_completion_tokens") if body.get(k) is not None]
    if len(given) == 2 and body["max_tokens"] != body["max_completion_tokens"]:
        return {}, "max_tokens and max_completion_tokens disagree; give one of them"
    if body.get("top_logprobs") is not None and body.get("logprobs") is not True:
        return {}, "top_logprobs needs logprobs: true (chat); /v1/completions takes logprobs: N"
    params = {MAPPED[k]: v for k, v in body.items() if k in MAPPED and v is not None}
    rest = {k: v for k, v in body.items() if k not in MAPPED and k not in CONTENT}
    error = _request_fields(rest, params)
    return ({}, error) if error else (params, None)


def specq_params(obj: dict[str, Any], keys: tuple[str, ...]) -> tuple[dict[str, Any], str | None]:
    """Params of a specq line: ``keys`` as given, plus the request fields above under their names.

    Other keys of a specq line are the user's own data (a category, a reference answer) and
    stay out of the request.
    """
    params = {k: obj[k] for k in keys if k in obj}
    request_keys = ("n", "top_logprobs", "echo")
    rest = {k: v for k, v in obj.items() if k in ENGINE_FIELDS or k in REFUSED or k in request_keys}
    error = _request_fields(rest, params)
    return ({}, error) if error else (params, None)


# OpenAI's and vLLM's ranges for the engine fields.
MAX_TOP_LOGPROBS = 20
MAX_LOGIT_BIAS = 100.0


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def check_engine_field(name: str, value: Any) -> str | None:
    """The problem with one engine field's value, or None."""
    if name == "top_k" and not (_is_int(value) and value >= 0):
        return f"top_k must be an integer >= 1 (0 or -1: no limit), got {_brief(value)}"
    if name == "min_p" and not (_is_number(value) and 0 <= value <= 1):
        return f"min_p must be a number in [0, 1], got {_brief(value)}"
    if name == "repetition_penalty" and not (_is_number(value) and value > 0):
        return f"repetition_penalty must be a number > 0, got {_brief(value)}"
    if name in ("frequency_penalty", "presence_penalty") and not (_is_number(value) and -2 <= value <= 2):
        return f"{name} must be a number in [-2, 2], got {_brief(value)}"
    if name == "logit_bias":
        ok = isinstance(value, dict) and all(
            str(k).isdigit() and _is_number(v) and -MAX_LOGIT_BIAS <= v <= MAX_LOGIT_BIAS
            for k, v in value.items()
        )
        if not ok:
            return f"logit_bias maps token ids to numbers in [-100, 100], got {_brief(value)}"
    if name == "logprobs" and not (
        isinstance(value, bool) or (_is_int(value) and 0 <= value <= MAX_TOP_LOGPROBS)
    ):
        return f"logprobs must be true/false (chat) or an integer 0..{MAX_TOP_LOGPROBS}, got {_brief(value)}"
    if name == "top_logprobs" and not (_is_int(value) and 0 <= value <= MAX_TOP_LOGPROBS):
        return f"top_logprobs must be an integer 0..{MAX_TOP_LOGPROBS}, got {_brief(value)}"
    return None


def engine_kwargs(params: dict[str, Any]) -> dict[str, Any]:
    """The engine fields of a prompt's params as SamplingParams keywords.

    JSON object keys are strings, so logit_bias keys become token ids. The engine's
    ``logprobs`` is how many alternatives to return per token: chat's ``logprobs: true,
    top_logprobs: N`` and /v1/completions' ``logprobs: N`` both become ``logprobs=N``; with
    ``echo`` the prompt's tokens get the same (``prompt_logprobs=N``).
    """
    kwargs = {
        k: params[k] for k in ENGINE_FIELDS if k in SUPPORTED_ENGINE_FIELDS and params.get(k) is not None
    }
    if "logit_bias" in kwargs:
        kwargs["logit_bias"] = {int(k): float(v) for k, v in kwargs["logit_bias"].items()}
    if kwargs.get("logprobs") is True:
        kwargs["logprobs"] = int(params.get("top_logprobs") or 0)
    if params.get("echo") and kwargs.get("logprobs") is not None:
        kwargs["prompt_logprobs"] = kwargs["logprobs"]  # echo + logprobs N scores the prompt's tokens too
    return kwargs


def choice_seed(seed: int, choice: int) -> int:
    """The seed of choice ``choice`` of a request seeded ``seed``: choice 0 keeps it, so ``n=1``
    decodes as before; the others get distinct streams that no small seed of another line repeats."""
    if choice == 0:
        return seed
    digest = hashlib.sha256(f"{seed}:{choice}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1  # 0 .. 2^63-1, what torch.Generator takes


def fan_out(custom_id: str, params: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(custom_id, params) of each choice of a request: one row per completion asked with ``n``.

    Choice ``i > 0`` is ``<custom_id>#<i>`` with ``choice`` and ``n`` in its params and a seed
    derived from the request's (:func:`choice_seed`); ``n=1`` is the request unchanged.
    """
    n = params.pop("n", 1)
    if n == 1:
        return [(custom_id, params)]
    rows = []
    for choice in range(n):
        p = {**params, "n": n, "choice": choice}
        if params.get("seed") is not None:
            p["seed"] = choice_seed(params["seed"], choice)
        rows.append((custom_id if choice == 0 else f"{custom_id}#{choice}", p))
    return rows
