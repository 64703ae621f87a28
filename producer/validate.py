"""Validation of input lines: every bad line gets its line number and a reason; good lines go on.

Checks, per line: the reader's structural errors (malformed JSON, invalid UTF-8, unknown
shape), field types, empty or whitespace-only prompts, token-id prompts (integers, within the
vocabulary when the tokenizer is here), chat message structure, sampling
overrides (types and ranges), values no database can store (NUL, lone surrogates, NaN),
the request limits of the settings (:mod:`producer.limits`), duplicate custom_id, and -
when the target's tokenizer is on this machine - prompt length against the target's context.
A line the checks themselves fail on is an error too ("could not be validated"), so every
line ends up a prompt or an error whatever it holds.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from db.queries import InputErrorRow, PromptRow
from producer.fields import fan_out
from producer.limits import RequestLimits, check_sampling, context_problem, size_problem
from producer.readers import InputLine
from producer.storable import json_problem, printable, show, text_problem
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


def check_params(params: dict[str, Any], limits: RequestLimits | None = None) -> str | None:
    """The first problem with the sampling overrides (types, ranges, the settings' limits), or None."""
    return check_sampling(params, limits or RequestLimits.from_settings())


def check_messages(messages: Any, limits: RequestLimits | None = None) -> str | None:
    """The first problem with a chat ``messages`` value, or None."""
    limits = limits or RequestLimits.from_settings()
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
        for j, part in enumerate(content if isinstance(content, list) else []):
            if not (isinstance(part, dict) and part.get("type", "text") == "text"):
                got = show(part.get("type")) if isinstance(part, dict) else type(part).__name__
                return f"messages[{i}].content[{j}] must be a text part {{type: text, text}}, got {got}"
            if not isinstance(part.get("text"), str):
                got = type(part.get("text")).__name__
                return f"messages[{i}].content[{j}].text must be a string, got {got}"
        problem = json_problem(m, f"messages[{i}]", max_depth=limits.max_json_depth)
        if problem:
            return problem
    if not any(message_text(m.get("content")).strip() for m in messages):
        return "messages are empty: every content is blank"
    return None


def check_token_ids(ids: list[Any], limits: RequestLimits) -> str | None:
    """The first problem with a token-id prompt, or None. The ids are checked against the target's
    vocabulary where its tokenizer is known (here with one, else by the decode worker)."""
    if not ids:
        return "prompt is an empty list of token ids"
    bad = next((i for i, t in enumerate(ids) if not (_is_int(t) and t >= 0)), None)
    if bad is not None:
        return f"prompt[{bad}] must be a token id (an integer >= 0), got {show(ids[bad])}"
    # A token stands for at least one byte of text: the byte limit bounds the id count too.
    if len(ids) > limits.max_prompt_bytes:
        return (
            f"prompt has {len(ids)} token ids, over the limit of {limits.max_prompt_bytes} "
            "(SPECQ_MAX_PROMPT_BYTES); shorten it"
        )
    return None


def _check_line(line: InputLine, limits: RequestLimits) -> str | None:
    if line.error:
        return line.error
    cid = line.custom_id
    if cid is not None and not (isinstance(cid, str) and cid.strip()) and not _is_int(cid):
        return f"custom_id must be a non-empty string, got {show(cid)}"
    if _is_int(cid) and cid.bit_length() > 4 * MAX_CUSTOM_ID:  # str() of it would be too long anyway
        return f"custom_id is longer than {MAX_CUSTOM_ID} characters"
    if cid is not None and len(str(cid)) > MAX_CUSTOM_ID:
        return f"custom_id is longer than {MAX_CUSTOM_ID} characters"
    if isinstance(cid, str) and (problem := text_problem(cid, "custom_id")):
        return problem
    if line.messages is not None:
        if line.params.get("echo"):
            return (
                "echo applies to /v1/completions prompts only: a chat completion does not return its messages"
            )
        problem = check_messages(line.messages, limits)
        if problem:
            return problem
        size = sum(len(message_text(m.get("content")).encode("utf-8")) for m in line.messages)
    elif isinstance(line.prompt, list):
        problem = check_token_ids(line.prompt, limits)
        if problem:
            return problem
        return check_params(line.params, limits)
    else:
        if not isinstance(line.prompt, str):
            return f"prompt must be a string or a list of token ids, got {type(line.prompt).__name__}"
        if not line.prompt.strip():
            return "prompt is empty or whitespace only"
        if problem := text_problem(line.prompt, "prompt"):
            return problem
        size = len(line.prompt.encode("utf-8"))
    problem = size_problem(size, max_prompt_bytes=limits.max_prompt_bytes, context=None, max_token_bytes=None)
    return problem or check_params(line.params, limits)


def _check_line_safely(line: InputLine, limits: RequestLimits) -> str | None:
    """:func:`_check_line`, and a line the checks fail on is refused by name, not a crash."""
    try:
        return _check_line(line, limits)
    except Exception as exc:  # noqa: BLE001 - a bug must cost one line, and is logged as one
        log.exception("validating line %d failed", line.position)
        return f"could not be validated ({type(exc).__name__}); please report this line"


def _check_model(line: InputLine, target: str) -> str | None:
    """An OpenAI line's ``model`` must be the job's target: a job decodes with one target."""
    if line.model is None or line.model == target:
        return None
    return f"model {line.model!r} is not this job's target {target!r}; a batch decodes with one target"


def validate_lines(
    lines: Iterable[InputLine],
    *,
    target: str,
    defaults: SamplingDefaults,
    tokenizer: TargetTokenizer | None = None,
    limits: RequestLimits | None = None,
) -> ValidationReport:
    """Split ``lines`` into prompts to insert and input errors (both keep their line numbers)."""
    limits = limits or RequestLimits.from_settings()
    report = ValidationReport()
    good: list[InputLine] = []
    for line in lines:
        problem = _check_line_safely(line, limits) or _check_model(line, target)
        if problem:
            report.errors.append(_error(line, problem))
        else:
            good.append(line)
        report.formats[line.format] += 1

    good = _assign_custom_ids(good, report)
    counts: list[int | None] = [None] * len(good)
    refused: dict[int, str] = {}  # index in good -> reason
    if tokenizer is not None and tokenizer.context_length is not None:
        report.length_checked = True
        context = tokenizer.context_length
        longest = tokenizer.max_token_bytes
        texts: list[str] = []
        for i, ln in enumerate(good):
            # Token ids: counted exactly below, checked against the vocabulary here.
            if isinstance(ln.prompt, list):
                vocab = tokenizer.vocab_size
                if max(ln.prompt) >= vocab:
                    refused[i] = (
                        f"prompt has token id {max(ln.prompt)}, outside the vocabulary of target "
                        f"{target!r} (ids 0..{vocab - 1})"
                    )
                texts.append("")
                continue
            try:
                texts.append(ln.prompt if ln.messages is None else tokenizer.render(ln.messages))
            except Exception as exc:  # noqa: BLE001 - a template that raises (roles out of order, ...)
                refused[i] = f"the chat template of target {target!r} refused these messages: {show(exc)}"
                texts.append("")
        # Tokenize only prompts that might not fit: most prompts are far below the context, and
        # tokenizing 100k of them would be most of submit's time (the decode worker counts them).
        # A prompt whose bytes alone prove it cannot fit is refused without tokenizing it.
        suspects = []
        for i, (ln, t) in enumerate(zip(good, texts, strict=True)):
            max_new = ln.params.get("max_new_tokens", defaults.max_new_tokens)
            if i in refused or isinstance(ln.prompt, list) or tokenizer.surely_fits(t, max_new):
                continue
            n_bytes = len(t.encode("utf-8"))
            problem = size_problem(
                n_bytes,
                max_prompt_bytes=n_bytes,
                context=context,
                max_token_bytes=longest,
                max_new_tokens=max_new,
                target=target,
            )
            if problem:
                refused[i] = problem
            else:
                suspects.append(i)
        for i, count in zip(suspects, tokenizer.count([texts[i] for i in suspects]), strict=True):
            counts[i] = count
    taken = {str(line.custom_id) for line in good}  # n > 1 adds "<custom_id>#<i>" rows: no clash
    for i, (line, n) in enumerate(zip(good, counts, strict=True)):
        token_ids = line.prompt if isinstance(line.prompt, list) else None
        if token_ids is not None:
            n = len(token_ids)
        max_new = line.params.get("max_new_tokens", defaults.max_new_tokens)
        ctx = tokenizer.context_length if tokenizer is not None else None
        problem = refused.get(i)
        if problem is None and n is not None and ctx is not None:
            problem = context_problem(n, max_new, ctx, target)
        if problem:
            report.errors.append(_error(line, problem))
            continue
        if isinstance(line.params.get("stop"), str):
            line.params["stop"] = [line.params["stop"]]
        choices = fan_out(str(line.custom_id), line.params)
        clash = next((cid for cid, _ in choices[1:] if cid in taken), None)
        if clash is not None:
            report.errors.append(
                _error(line, f"custom_id {clash!r} of choice {clash.rpartition('#')[2]} is taken")
            )
            continue
        taken.update(cid for cid, _ in choices[1:])
        report.prompts.extend(
            PromptRow(
                position=line.position,
                custom_id=cid,
                text=line.prompt if isinstance(line.prompt, str) else None,
                messages=line.messages,
                token_ids=token_ids,
                params=params or None,
                prompt_tokens=n,
            )
            for cid, params in choices
        )
    report.errors.sort(key=lambda e: e.position)
    return report


def _error(line: InputLine, reason: str) -> InputErrorRow:
    # Everything here is stored whatever the line held: escape what no database can store.
    cid = line.custom_id
    if isinstance(cid, str) or (_is_int(cid) and cid.bit_length() <= 4 * MAX_CUSTOM_ID):
        custom_id: str | None = printable(str(cid)[:MAX_CUSTOM_ID])[:MAX_CUSTOM_ID]
    else:
        custom_id = None
    return InputErrorRow(
        position=line.position,
        reason=printable(reason),
        custom_id=custom_id,
        raw=printable(line.raw) if line.raw is not None else None,
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
