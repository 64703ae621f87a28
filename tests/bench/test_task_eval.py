"""The routing evaluation set: deterministic, shipped as generated, apart from Spec-Bench."""

from __future__ import annotations

import importlib
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from bench import routing
from bench.task_eval.generate import OOD, OUT, PER_GROUP, generate

# All 480 Spec-Bench questions where this machine has them (the project's benchmark data);
# otherwise the 200 specq ships (models/zoo/data/spec_bench.jsonl): never nothing to check against.
FULL_SPEC_BENCH = Path("/work/shared/data/spec_bench_questions.jsonl")


def spec_bench_turns() -> set[str]:
    """Every turn of every Spec-Bench question available here, stripped."""
    from models.zoo.real import SPEC_BENCH

    path = FULL_SPEC_BENCH if FULL_SPEC_BENCH.is_file() else SPEC_BENCH
    turns = {
        t.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for t in json.loads(line)["turns"]
    }
    assert len(turns) >= 200, path  # a truncated file must not pass as "no overlap"
    return turns


def test_evaluation_set_is_the_generators_output() -> None:
    rows = generate()
    assert rows == generate()  # seeded: the same set every time
    shipped = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
    assert shipped == rows
    counts = Counter(r["group"] for r in rows)
    groups = ("translation", "summarization", "qa", "math_reasoning", "rag", "mt_bench")
    assert counts == {**{g: PER_GROUP for g in groups}, "ood": OOD}
    assert len({r["custom_id"] for r in rows}) == len(rows)


def test_evaluation_set_shares_no_prompt_with_spec_bench() -> None:
    assert not spec_bench_turns() & {r["prompt"].strip() for r in generate()}


def test_dev_set_is_the_generators_output_with_templates_of_its_own() -> None:
    from bench.task_eval.dev_bank import DEV_BANK, DEV_OUT, DEV_SEED
    from bench.task_eval.generate import EVAL_BANK

    rows = generate(DEV_SEED, DEV_BANK)
    shipped = [json.loads(line) for line in DEV_OUT.read_text(encoding="utf-8").splitlines()]
    assert shipped == rows
    assert Counter(r["group"] for r in rows) == Counter(r["group"] for r in generate())
    # Choices made on the dev set cannot fit the evaluation set's phrasings: none is shared.
    for field in (
        "translate_asks",
        "summary_before",
        "summary_after",
        "rag_questions",
        "rag_asks",
        "qa",
        "math",
        "mt",
    ):
        assert not set(getattr(DEV_BANK, field)) & set(getattr(EVAL_BANK, field)), field
    assert not set(DEV_BANK.passage_sentences) & set(EVAL_BANK.passage_sentences)
    assert not {r["prompt"] for r in rows} & {r["prompt"] for r in generate()}


def _test_rows() -> list[dict[str, str]]:
    from bench.task_eval.test_set import generate_test

    return generate_test(PER_GROUP, OOD)


def test_test_set_is_the_generators_output() -> None:
    from bench.routing import TEST_SET
    from bench.task_eval.test_set import TEST_OUT

    rows = _test_rows()
    assert rows == _test_rows()  # seeded: the same set every time
    assert TEST_OUT == TEST_SET
    shipped = [json.loads(line) for line in TEST_SET.read_text(encoding="utf-8").splitlines()]
    assert shipped == rows
    assert Counter(r["group"] for r in rows) == Counter(r["group"] for r in generate())
    assert len({r["custom_id"] for r in rows}) == len(rows)
    assert len({r["prompt"] for r in rows}) == len(rows)  # no prompt counted twice


def test_test_set_shares_nothing_with_the_sets_the_router_was_designed_on() -> None:
    import dataclasses
    import re
    from collections.abc import Iterator

    from bench.task_eval import test_bank
    from bench.task_eval.dev_bank import DEV_BANK, DEV_OUT
    from bench.task_eval.generate import EVAL_BANK

    prompts = {r["prompt"].strip() for r in _test_rows()}
    for path in (OUT, DEV_OUT):
        other = {json.loads(line)["prompt"].strip() for line in path.read_text(encoding="utf-8").splitlines()}
        assert not prompts & other, path.name
    assert not prompts & spec_bench_turns()

    def strings(x: object) -> Iterator[str]:
        if isinstance(x, str):
            yield x
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            for f in dataclasses.fields(x):
                yield from strings(getattr(x, f.name))
        elif isinstance(x, dict):
            for k, v in x.items():
                yield from strings(k)
                yield from strings(v)
        elif isinstance(x, list | tuple):
            for v in x:
                yield from strings(v)

    def five_grams(texts: Iterator[str]) -> set[tuple[str, ...]]:
        grams = set()
        for text in texts:
            words = re.findall(r"[a-z0-9']+|\{\}", re.sub(r"\{[^}]*\}", "{}", text).lower())
            grams |= {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
        return grams

    # Written apart: no run of five words (placeholders counted as one) in common with either bank.
    ours = five_grams(s for name, value in vars(test_bank).items() if name.isupper() for s in strings(value))
    theirs = five_grams(s for bank in (EVAL_BANK, DEV_BANK) for s in strings(bank))
    assert len(ours) > 1000
    assert not ours & theirs


def test_every_test_set_document_states_the_facts_its_questions_ask() -> None:
    import random

    from bench.task_eval.test_set import GENRES, _document

    for genre in GENRES:
        for seed in range(20):
            rng = random.Random(seed)
            document, facts = _document(rng, genre, rng.randint(0, 12))
            for key in (
                "founder",
                "founder_job",
                "year",
                "town",
                "issue",
                "count",
                "director",
                "since",
                "plan",
                "budget",
            ):
                assert facts[key] in document, (genre.__name__, seed, key)


# The hand-written sets in the order they were written; each is checked against every set before it.
HAND_WRITTEN = ("final", "blind", "holdout", "fresh")


def _bank(name: str) -> ModuleType:
    return importlib.import_module(f"bench.task_eval.{name}_bank")


def _rows(name: str) -> list[dict[str, str]]:
    return getattr(_bank(name), f"{name}_rows")()


def _shipped_prompts(path: Path) -> set[str]:
    return {json.loads(line)["prompt"].strip() for line in path.read_text(encoding="utf-8").splitlines()}


def _sets_before(name: str) -> dict[str, tuple[set[str], int]]:
    """Every prompt of the sets written before ``name``, by file name, with the fewest distinct
    prompts each must hold (a truncated file must not pass as "no overlap")."""
    from bench.task_eval.dev_bank import DEV_OUT
    from bench.task_eval.test_set import TEST_OUT

    sets = {path.name: (_shipped_prompts(path), 500) for path in (OUT, DEV_OUT, TEST_OUT)}
    for earlier in HAND_WRITTEN[: HAND_WRITTEN.index(name)]:
        path = getattr(routing, f"{earlier.upper()}_SET")
        sets[path.name] = (_shipped_prompts(path), 330)
    return sets


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_hand_written_set_is_what_its_bank_writes(name: str, tmp_path: Path) -> None:
    bank = _bank(name)
    out = getattr(bank, f"{name.upper()}_OUT")
    assert out == getattr(routing, f"{name.upper()}_SET")  # the set specq bench tasks routes
    rows = getattr(bank, f"write_{name}")(tmp_path / out.name)
    assert (tmp_path / out.name).read_bytes() == out.read_bytes()
    groups = ("translation", "summarization", "qa", "math_reasoning", "rag", "mt_bench")
    assert Counter(r["group"] for r in rows) == {**{g: 50 for g in groups}, "ood": 30}
    assert len({r["custom_id"] for r in rows}) == len(rows) == 330
    assert all(r["custom_id"].startswith(r["group"] + "-") for r in rows)
    assert len({r["prompt"].strip() for r in rows}) == len(rows)  # no prompt counted twice


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_hand_written_set_shares_no_prompt_with_the_sets_before_it(name: str) -> None:
    prompts = {r["prompt"].strip() for r in _rows(name)}
    sets = _sets_before(name)
    assert len(sets) == 3 + HAND_WRITTEN.index(name)
    for file, (other, fewest) in sets.items():
        assert len(other) >= fewest, file
        assert not prompts & other, file


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_hand_written_set_shares_no_prompt_with_spec_bench(name: str) -> None:
    assert not spec_bench_turns() & {r["prompt"].strip() for r in _rows(name)}


@pytest.mark.parametrize("name", ["holdout", "fresh"])  # the sets written with this check
def test_hand_written_set_shares_no_run_of_eight_words_with_the_sets_before_it_or_spec_bench(
    name: str,
) -> None:
    def eight_grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    theirs = {g for other, _ in _sets_before(name).values() for p in other for g in eight_grams(p)}
    theirs |= {g for t in spec_bench_turns() for g in eight_grams(t)}
    shared = {r["custom_id"]: eight_grams(r["prompt"]) & theirs for r in _rows(name)}
    assert not {k: v for k, v in shared.items() if v}  # written apart, not paraphrased from them


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_hand_written_set_long_prompts_carry_one_passage_of_800_to_3000_characters(name: str) -> None:
    bank = _bank(name)
    passages, summaries, questions = bank.PASSAGES, bank.SUMMARIZATION, bank.RAG
    long_prompts = summaries + questions
    assert all(len(p) >= 800 for p in long_prompts)
    if name in ("holdout", "fresh"):
        assert len(passages) == 50
    for passage_name, passage in passages.items():
        assert 800 <= len(passage) <= 3000, (passage_name, len(passage))
        if name == "final":  # a passage serves two prompts at most
            assert sum(passage in p for p in long_prompts) <= 2, passage_name
        else:  # exactly two: one summary request, one question about it
            assert sum(passage in p for p in summaries) == 1, passage_name
            assert sum(passage in p for p in questions) == 1, passage_name
    for p in long_prompts:
        assert sum(passage in p for passage in passages.values()) == 1, p[:80]
