"""Prompt files as the task commands and benchmarks read them.

Any input `specq submit` reads, validated the way submit validates it, every line kept in
input order (unreadable ones with their reason), and Spec-Bench's question file with its
six task groups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Spec-Bench categories outside these five are the MT-bench conversation group.
SPEC_BENCH_GROUPS = ("translation", "summarization", "qa", "math_reasoning", "rag")
MT_BENCH_GROUP = "mt_bench"


@dataclass(frozen=True)
class InputPrompt:
    """One input line as the task commands see it: readable (text) or not (error)."""

    line: int
    custom_id: str | None
    text: str | None
    messages: list[Any] | None
    error: str | None = None


def read_prompts(path: Path) -> list[InputPrompt]:
    """Every line of a `specq submit` input, validated as submit validates it, in input order.

    Raises ``producer.readers.InputFileError`` (a ValueError) for a file that cannot be read.
    """
    from producer.readers import read_input
    from producer.validate import SamplingDefaults, validate_lines
    from specq.chat import prompt_text

    report = validate_lines(read_input(path), target="(task partitioning)", defaults=SamplingDefaults())
    rows = [
        InputPrompt(p.position, p.custom_id, prompt_text(p.text, p.messages), p.messages)
        for p in report.prompts
    ]
    rows += [InputPrompt(e.position, e.custom_id, None, None, e.reason) for e in report.errors]
    return sorted(rows, key=lambda r: r.line)


def readable(rows: list[InputPrompt]) -> list[InputPrompt]:
    """The rows that hold a prompt."""
    return [r for r in rows if r.text is not None]


def spec_bench_groups(path: Path) -> tuple[list[str], list[str]]:
    """(first-turn prompts, group) of a Spec-Bench question file; MT-bench categories are one group."""
    texts, groups = [], []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                texts.append(str(row["turns"][0]))
                cat = str(row["category"])
            except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a Spec-Bench question line ({exc})") from exc
            groups.append(cat if cat in SPEC_BENCH_GROUPS else MT_BENCH_GROUP)
    return texts, groups


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    """(prompts, groups) of a labelled file: one JSON object a line with ``prompt`` and ``group``."""
    texts, groups = [], []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                texts.append(str(row["prompt"]))
                groups.append(str(row["group"]))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(
                    f"{path}:{n}: not a labelled prompt line with prompt and group ({exc})"
                ) from exc
    return texts, groups
