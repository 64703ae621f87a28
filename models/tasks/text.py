"""Prompt text cleaning: normalization, corpus boilerplate, and the instruction views of a prompt.

A prompt's *task* is stated in its instruction, at its start ("Summarize: ...") or its end (the
question after a retrieved passage); :func:`instruction_views` cuts those out. Boilerplate
(a system prompt shared by most prompts, a template prefix shared by all) carries no task
signal and is found once per corpus, recorded in the router's manifest, and stripped online.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

# A line present in at least this share of the prompts is boilerplate (a shared system prompt,
# a template line). High on purpose: an instruction shared by most, not all, prompts is a task.
BOILERPLATE_SHARE = 0.9
BOILERPLATE_MIN_PROMPTS = 20
# Characters of a segment the embedding sees; the whole-text view is truncated by the model itself.
SEGMENT_CHARS = 300

_WS = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Segment boundaries: line breaks, and sentence ends or colons followed by space.
_SEGMENT = re.compile(r"(?<=[.!?:])\s+|\n+")


def normalize_text(text: str) -> str:
    """NFKC, runs of spaces collapsed, blank lines collapsed, stripped (line breaks kept)."""
    text = unicodedata.normalize("NFKC", text)
    text = _WS.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@dataclass(frozen=True)
class Boilerplate:
    """Text common to most prompts of a corpus (a shared system prompt, a template line).

    It carries no task signal, and in a long prompt it would take the place of the
    instruction in the head view, so it is removed before featurizing and routing.
    """

    lines: tuple[str, ...] = ()
    prefix: str = ""  # a leading text shared by every prompt once those lines are gone (whole words)

    def strip(self, text: str) -> str:
        if self.lines:
            drop = set(self.lines)
            text = "\n".join(line for line in text.split("\n") if " ".join(line.split()) not in drop)
            text = text.strip()
        if self.prefix and text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        return text.strip()


def find_boilerplate(
    texts: Sequence[str], share: float = BOILERPLATE_SHARE, min_prompts: int = BOILERPLATE_MIN_PROMPTS
) -> Boilerplate:
    """Lines found in at least ``share`` of the (normalized) prompts, and a prefix common to all.

    Corpora smaller than ``min_prompts`` get none: there, "common" is not evidence of boilerplate.
    """
    if len(texts) < min_prompts:
        return Boilerplate()
    df: Counter[str] = Counter()
    for text in texts:
        df.update({line.strip() for line in text.split("\n") if line.strip()})
    lines = tuple(sorted(line for line, n in df.items() if n >= share * len(texts)))
    without_lines = Boilerplate(lines=lines)
    prefix = _common_word_prefix([without_lines.strip(t) for t in texts])
    return Boilerplate(lines=lines, prefix=prefix)


def _common_word_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)  # the common prefix of all = that of the extremes
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    prefix = first[:n]
    if n < len(first) and not prefix.endswith((" ", "\n")):
        cut = max(prefix.rfind(" "), prefix.rfind("\n"))
        prefix = prefix[: cut + 1] if cut >= 0 else ""
    # A prefix that is a whole prompt would empty it; a tiny one is not worth stripping.
    return prefix if len(prefix.strip()) >= 8 and all(len(t) > len(prefix) for t in texts) else ""


def clean_texts(
    texts: Sequence[str], boilerplate: Boilerplate | None = None
) -> tuple[list[str], Boilerplate]:
    """Normalize every text, find (or apply the given) boilerplate, strip it."""
    normalized = [normalize_text(t) for t in texts]
    if boilerplate is None:
        boilerplate = find_boilerplate(normalized)
        if boilerplate.lines or boilerplate.prefix:
            log.info(
                "stripping boilerplate common to the prompts: %d line(s), prefix %r",
                len(boilerplate.lines),
                boilerplate.prefix[:60],
            )
    cleaned = [boilerplate.strip(t) or t for t in normalized]
    return cleaned, boilerplate


def segments(text: str) -> list[str]:
    """Sentences and lines of a cleaned text (at least one, possibly empty)."""
    parts = [p.strip() for p in _SEGMENT.split(text) if p and p.strip()]
    return parts or [text]


def instruction_views(text: str) -> tuple[str, str, str]:
    """(first segment, last segment, whole text): where the instruction and the content are."""
    parts = segments(text)
    return parts[0][:SEGMENT_CHARS], parts[-1][:SEGMENT_CHARS], text
