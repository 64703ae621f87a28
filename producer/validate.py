"""Validation of input lines: every bad line gets its line number and a reason; good lines go on.

Checks, per line: the reader's structural errors (malformed JSON, invalid UTF-8, unknown
shape), field types, empty or whitespace-only prompts, chat message structure, sampling
overrides (types and ranges), duplicate custom_id, and - when the target's tokenizer is on
this machine - prompt length against the target's context.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from db.queries import InputErrorRow, PromptRow
from producer.readers import InputLine
from producer.tokens import TargetTokenizer
from specq.chat import message_text

log = logging.getLogger(__name__)

CHAT_ROLES = ("system", "user", "assistant", "developer", "tool")
MAX_CUSTOM_ID = 200


@dataclass(frozen=True)
class SamplingDefaults:
    """Job-level sampling parameters; each input line may override any of them."""

    max_new_tokens: int = 128
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    seed: int | None = None
    stop: list[str] | None = None

    def as_params(self) -> dict[str, Any]:
        return {
            "max_new_tokens": self.max_new_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "seed": self.seed,
            "stop": self.stop,
        }


@dataclass
class ValidationReport:
    prompts: list[PromptRow] = field(default_factory=list)
    errors: list[InputErrorRow] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)
    length_checked: bool = False  # False when no tokenizer (or no context length) was available

    @property
    def input_format(self) -> str:
        """The most common line format ("jsonl", "openai", "spec-bench", "csv", "parquet")."""
        return self.formats.most_common(1)[0][0] if self.formats else "jsonl"

    @property
    def lines(self) -> int:
        return len(self.prompts) + len(self.errors)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def check_params(params: dict[str, Any]) -> str | None:
    """The first problem with the sampling overrides, or None."""
    if "max_new_tokens" in params:
        v = params["max_new_tokens"]
        if not _is_int(v) or v < 1:
            return f"max_new_tokens must be a positive integer, got {v!r}"
    if "temperature" in params:
        v = params["temperature"]
        if not _is_number(v) or v < 0:
            return f"temperature must be a number >= 0, got {v!r}"
    if "top_p" in params:
        v = params["top_p"]
        if not _is_number(v) or not 0 < v <= 1:
            return f"top_p must be a number in (0, 1], got {v!r}"
    if "seed" in params:
        v = params["seed"]
        if v is not None and not _is_int(v):
            return f"seed must be an integer, got {v!r}"
    if "stop" in params:
        v = params["stop"]
        if v is not None and not (
            (isinstance(v, str) and v) or (isinstance(v, list) and all(isinstance(s, str) and s for s in v))
        ):
            return f"stop must be a non-empty string or a list of non-empty strings, got {v!r}"
    return None


def check_messages(messages: Any) -> str | None:
    """The first problem with a chat ``messages`` value, or None."""
    if not isinstance(messages, list) or not messages:
        return (
            f"messages must be a non-empty list of {{role, content}} objects, got {type(messages).__name__}"
        )
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            return f"messages[{i}] must be an object, got {type(m).__name__}"
        role = m.get("role")
        if role not in CHAT_ROLES:
            return f"messages[{i}].role must be one of {', '.join(CHAT_ROLES)}, got {role!r}"
        content = m.get("content")
        if not isinstance(content, str | list):
            kind = type(content).__name__
            return f"messages[{i}].content must be a string or a list of text parts, got {kind}"
    if not any(message_text(m.get("content")).strip() for m in messages):
        return "messages are empty: every content is blank"
    return None


def _check_line(line: InputLine) -> str | None:
    if line.error:
        return line.error
    cid = line.custom_id
    if cid is not None and not (isinstance(cid, str) and cid.strip()) and not _is_int(cid):
        return f"custom_id must be a non-empty string, got {cid!r}"
    if cid is not None and len(str(cid)) > MAX_CUSTOM_ID:
        return f"custom_id is longer than {MAX_CUSTOM_ID} characters"
    if line.messages is not None:
        problem = check_messages(line.messages)
        if problem:
            return problem
    else:
        if not isinstance(line.prompt, str):
            return f"prompt must be a string, got {type(line.prompt).__name__}"
        if not line.prompt.strip():
            return "prompt is empty or whitespace only"
    return check_params(line.params)


def validate_lines(
    lines: Iterable[InputLine],
    *,
    target: str,
    defaults: SamplingDefaults,
    tokenizer: TargetTokenizer | None = None,
) -> ValidationReport:
    """Split ``lines`` into prompts to insert and input errors (both keep their line numbers)."""
    report = ValidationReport()
    good: list[InputLine] = []
    for line in lines:
        problem = _check_line(line)
        if problem:
            report.errors.append(_error(line, problem))
        else:
            good.append(line)
        report.formats[line.format] += 1

    good = _assign_custom_ids(good, report)
    counts: list[int | None] = [None] * len(good)
    if tokenizer is not None and tokenizer.context_length is not None:
        report.length_checked = True
        texts = [ln.prompt if ln.messages is None else tokenizer.render(ln.messages) for ln in good]
        # Tokenize only prompts that might not fit: most prompts are far below the context, and
        # tokenizing 100k of them would be most of submit's time (the decode worker counts them).
        suspects = [
            i
            for i, (ln, t) in enumerate(zip(good, texts, strict=True))
            if not tokenizer.surely_fits(t, ln.params.get("max_new_tokens", defaults.max_new_tokens))
        ]
        for i, count in zip(suspects, tokenizer.count([texts[i] for i in suspects]), strict=True):
            counts[i] = count
    for line, n in zip(good, counts, strict=True):
        max_new = line.params.get("max_new_tokens", defaults.max_new_tokens)
        ctx = tokenizer.context_length if tokenizer is not None else None
        if n is not None and ctx is not None and n + max_new > ctx:
            report.errors.append(
                _error(
                    line,
                    f"prompt has {n} tokens and max_new_tokens is {max_new}: {n + max_new} exceeds the "
                    f"context of target {target!r} ({ctx} tokens); "
                    "shorten the prompt or lower max_new_tokens",
                )
            )
            continue
        if isinstance(line.params.get("stop"), str):
            line.params["stop"] = [line.params["stop"]]
        report.prompts.append(
            PromptRow(
                position=line.position,
                custom_id=str(line.custom_id),
                text=line.prompt if line.messages is None else None,
                messages=line.messages,
                params=line.params or None,
                prompt_tokens=n,
            )
        )
    report.errors.sort(key=lambda e: e.position)
    return report


def _error(line: InputLine, reason: str) -> InputErrorRow:
    cid = line.custom_id
    return InputErrorRow(
        position=line.position,
        reason=reason,
        custom_id=str(cid)[:MAX_CUSTOM_ID]
        if isinstance(cid, str | int) and not isinstance(cid, bool)
        else None,
        raw=line.raw,
    )


def _assign_custom_ids(good: list[InputLine], report: ValidationReport) -> list[InputLine]:
    """Reject repeated custom_ids (first use wins) and name the lines that gave none.

    Generated ids are ``line-<n>``, skipping any id a line gave explicitly, so generated and
    given ids never collide.
    """
    first_use: dict[str, int] = {}
    kept: list[InputLine] = []
    for line in good:
        if line.custom_id is None:
            kept.append(line)
            continue
        cid = str(line.custom_id)
        if cid in first_use:
            report.errors.append(
                _error(line, f"duplicate custom_id {cid!r} (first used on line {first_use[cid]})")
            )
            continue
        first_use[cid] = line.position
        line.custom_id = cid
        kept.append(line)
    for line in kept:
        if line.custom_id is None:
            cid = f"line-{line.position}"
            suffix = 1
            while cid in first_use:
                suffix += 1
                cid = f"line-{line.position}-{suffix}"
            first_use[cid] = line.position
            line.custom_id = cid
    return kept
