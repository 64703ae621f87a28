"""What one labelled routing set is generated from: its templates and word lists."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bank:
    """The templates and word lists one set is generated from (the evaluation set's, or the dev set's)."""

    languages: dict[str, tuple[list[str], list[str], list[str], list[str]]]  # name -> subj, verb, obj, tail
    language_cycle: list[str]  # translation prompt i is in language_cycle[i % len]
    translate_asks: list[str]
    topics: list[tuple[str, str, str, str]]
    places: list[str]
    people: list[str]
    years: list[int]
    passage_sentences: list[str]
    summary_before: list[str]
    summary_after: list[str]
    rag_questions: list[str]
    rag_asks: list[str]
    qa: list[str]
    qa_fill: Mapping[str, Sequence[object]]
    math: list[str]
    math_names: list[str]
    math_suffix: list[str]
    mt: list[str]
    mt_fill: dict[str, list[str]]
    mt_inventions: list[str]  # {invention} of the MT-bench templates, drawn after {place}
    chat: tuple[list[str], list[str], list[str]]  # openers, replies, follow-ups
    ood: Callable[[random.Random, int], str]
