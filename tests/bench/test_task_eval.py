"""The routing evaluation set: deterministic, shipped as generated, apart from Spec-Bench."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

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


def test_final_set_is_what_write_final_writes(tmp_path) -> None:
    from bench.routing import FINAL_SET
    from bench.task_eval.final_bank import FINAL_OUT, write_final

    assert FINAL_OUT == FINAL_SET
    rows = write_final(tmp_path / "final.jsonl")
    assert (tmp_path / "final.jsonl").read_bytes() == FINAL_SET.read_bytes()
    groups = ("translation", "summarization", "qa", "math_reasoning", "rag", "mt_bench")
    assert Counter(r["group"] for r in rows) == {**{g: 50 for g in groups}, "ood": 30}
    assert len({r["custom_id"] for r in rows}) == len(rows) == 330
    assert all(r["custom_id"].startswith(r["group"] + "-") for r in rows)
    assert len({r["prompt"].strip() for r in rows}) == len(rows)  # no prompt counted twice


def test_final_set_shares_no_prompt_with_the_other_sets() -> None:
    from bench.task_eval.dev_bank import DEV_OUT
    from bench.task_eval.final_bank import final_rows
    from bench.task_eval.test_set import TEST_OUT

    prompts = {r["prompt"].strip() for r in final_rows()}
    for path in (OUT, DEV_OUT, TEST_OUT):
        other = {json.loads(line)["prompt"].strip() for line in path.read_text(encoding="utf-8").splitlines()}
        assert len(other) > 500, path.name
        assert not prompts & other, path.name


def test_final_set_shares_no_prompt_with_spec_bench() -> None:
    from bench.task_eval.final_bank import final_rows

    assert not spec_bench_turns() & {r["prompt"].strip() for r in final_rows()}


def test_final_set_long_prompts_carry_one_passage_of_800_to_3000_characters() -> None:
    from bench.task_eval.final_bank import PASSAGES, RAG, SUMMARIZATION

    long_prompts = SUMMARIZATION + RAG
    assert all(len(p) >= 800 for p in long_prompts)
    for name, passage in PASSAGES.items():
        assert 800 <= len(passage) <= 3000, (name, len(passage))
        assert sum(passage in p for p in long_prompts) <= 2, name  # a passage serves two prompts at most
    for p in long_prompts:
        assert sum(passage in p for passage in PASSAGES.values()) == 1, p[:80]


def test_blind_set_is_what_write_blind_writes(tmp_path) -> None:
    from bench.routing import BLIND_SET
    from bench.task_eval.blind_bank import BLIND_OUT, write_blind

    assert BLIND_SET == BLIND_OUT  # the set specq bench tasks routes
    rows = write_blind(tmp_path / "blind.jsonl")
    assert (tmp_path / "blind.jsonl").read_bytes() == BLIND_OUT.read_bytes()
    groups = ("translation", "summarization", "qa", "math_reasoning", "rag", "mt_bench")
    assert Counter(r["group"] for r in rows) == {**{g: 50 for g in groups}, "ood": 30}
    assert len({r["custom_id"] for r in rows}) == len(rows) == 330
    assert all(r["custom_id"].startswith(r["group"] + "-") for r in rows)
    assert len({r["prompt"].strip() for r in rows}) == len(rows)  # no prompt counted twice


def test_blind_set_shares_no_prompt_with_the_other_sets() -> None:
    from bench.routing import FINAL_SET
    from bench.task_eval.blind_bank import blind_rows
    from bench.task_eval.dev_bank import DEV_OUT
    from bench.task_eval.test_set import TEST_OUT

    prompts = {r["prompt"].strip() for r in blind_rows()}
    for path in (OUT, DEV_OUT, TEST_OUT, FINAL_SET):
        other = {json.loads(line)["prompt"].strip() for line in path.read_text(encoding="utf-8").splitlines()}
        assert len(other) >= 330, path.name
        assert not prompts & other, path.name


def test_blind_set_shares_no_prompt_with_spec_bench() -> None:
    from bench.task_eval.blind_bank import blind_rows

    assert not spec_bench_turns() & {r["prompt"].strip() for r in blind_rows()}


def test_blind_set_long_prompts_carry_one_passage_of_800_to_3000_characters() -> None:
    from bench.task_eval.blind_bank import PASSAGES, RAG, SUMMARIZATION

    long_prompts = SUMMARIZATION + RAG
    assert all(len(p) >= 800 for p in long_prompts)
    for name, passage in PASSAGES.items():
        assert 800 <= len(passage) <= 3000, (name, len(passage))
        # Each passage serves exactly two prompts: one summary request, one question about it.
        assert sum(passage in p for p in SUMMARIZATION) == 1, name
        assert sum(passage in p for p in RAG) == 1, name
    for p in long_prompts:
        assert sum(passage in p for passage in PASSAGES.values()) == 1, p[:80]


def test_holdout_set_is_what_write_holdout_writes(tmp_path) -> None:
    from bench.routing import HOLDOUT_SET
    from bench.task_eval.holdout_bank import HOLDOUT_OUT, write_holdout

    assert HOLDOUT_SET == HOLDOUT_OUT
    rows = write_holdout(tmp_path / "holdout.jsonl")
    assert (tmp_path / "holdout.jsonl").read_bytes() == HOLDOUT_OUT.read_bytes()
    groups = ("translation", "summarization", "qa", "math_reasoning", "rag", "mt_bench")
    assert Counter(r["group"] for r in rows) == {**{g: 50 for g in groups}, "ood": 30}
    assert len({r["custom_id"] for r in rows}) == len(rows) == 330
    assert all(r["custom_id"].startswith(r["group"] + "-") for r in rows)
    assert len({r["prompt"].strip() for r in rows}) == len(rows)  # no prompt counted twice


def _earlier_set_prompts() -> dict[str, set[str]]:
    """Every prompt of the sets written before the holdout set, by file name."""
    from bench.routing import BLIND_SET, FINAL_SET
    from bench.task_eval.dev_bank import DEV_OUT
    from bench.task_eval.test_set import TEST_OUT

    return {
        path.name: {
            json.loads(line)["prompt"].strip() for line in path.read_text(encoding="utf-8").splitlines()
        }
        for path in (OUT, DEV_OUT, TEST_OUT, FINAL_SET, BLIND_SET)
    }


def test_holdout_set_shares_no_prompt_with_the_other_sets() -> None:
    from bench.task_eval.holdout_bank import holdout_rows

    prompts = {r["prompt"].strip() for r in holdout_rows()}
    for name, other in _earlier_set_prompts().items():
        assert len(other) >= 330, name
        assert not prompts & other, name


def test_holdout_set_shares_no_prompt_with_spec_bench() -> None:
    from bench.task_eval.holdout_bank import holdout_rows

    assert not spec_bench_turns() & {r["prompt"].strip() for r in holdout_rows()}


def test_holdout_set_shares_no_run_of_eight_words_with_the_other_sets_or_spec_bench() -> None:
    import re

    from bench.task_eval.holdout_bank import holdout_rows

    def eight_grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    theirs = {g for other in _earlier_set_prompts().values() for p in other for g in eight_grams(p)}
    theirs |= {g for t in spec_bench_turns() for g in eight_grams(t)}
    shared = {r["custom_id"]: eight_grams(r["prompt"]) & theirs for r in holdout_rows()}
    assert not {k: v for k, v in shared.items() if v}  # written apart, not paraphrased from them


def test_holdout_set_long_prompts_carry_one_passage_of_800_to_3000_characters() -> None:
    from bench.task_eval.holdout_bank import PASSAGES, RAG, SUMMARIZATION

    long_prompts = SUMMARIZATION + RAG
    assert all(len(p) >= 800 for p in long_prompts)
    assert len(PASSAGES) == 50
    for name, passage in PASSAGES.items():
        assert 800 <= len(passage) <= 3000, (name, len(passage))
        # Each passage serves exactly two prompts: one summary request, one question about it.
        assert sum(passage in p for p in SUMMARIZATION) == 1, name
        assert sum(passage in p for p in RAG) == 1, name
    for p in long_prompts:
        assert sum(passage in p for passage in PASSAGES.values()) == 1, p[:80]


def test_fresh_set_is_what_write_fresh_writes(tmp_path) -> None:
    from bench.routing import FRESH_SET
    from bench.task_eval.fresh_bank import FRESH_OUT, write_fresh

    assert FRESH_SET == FRESH_OUT
    rows = write_fresh(tmp_path / "fresh.jsonl")
    assert (tmp_path / "fresh.jsonl").read_bytes() == FRESH_OUT.read_bytes()
    groups = ("translation", "summarization", "qa", "math_reasoning", "rag", "mt_bench")
    assert Counter(r["group"] for r in rows) == {**{g: 50 for g in groups}, "ood": 30}
    assert len({r["custom_id"] for r in rows}) == len(rows) == 330
    assert all(r["custom_id"].startswith(r["group"] + "-") for r in rows)
    assert len({r["prompt"].strip() for r in rows}) == len(rows)  # no prompt counted twice


def _sets_before_fresh() -> dict[str, set[str]]:
    """Every prompt of the sets written before the fresh set (the holdout set included), by file name."""
    from bench.routing import HOLDOUT_SET

    sets = _earlier_set_prompts()
    sets[HOLDOUT_SET.name] = {
        json.loads(line)["prompt"].strip() for line in HOLDOUT_SET.read_text(encoding="utf-8").splitlines()
    }
    return sets


def test_fresh_set_shares_no_prompt_with_the_other_sets() -> None:
    from bench.task_eval.fresh_bank import fresh_rows

    prompts = {r["prompt"].strip() for r in fresh_rows()}
    sets = _sets_before_fresh()
    assert len(sets) == 6
    for name, other in sets.items():
        assert len(other) >= 330, name
        assert not prompts & other, name


def test_fresh_set_shares_no_prompt_with_spec_bench() -> None:
    from bench.task_eval.fresh_bank import fresh_rows

    assert not spec_bench_turns() & {r["prompt"].strip() for r in fresh_rows()}


def test_fresh_set_shares_no_run_of_eight_words_with_the_other_sets_or_spec_bench() -> None:
    import re

    from bench.task_eval.fresh_bank import fresh_rows

    def eight_grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    theirs = {g for other in _sets_before_fresh().values() for p in other for g in eight_grams(p)}
    theirs |= {g for t in spec_bench_turns() for g in eight_grams(t)}
    shared = {r["custom_id"]: eight_grams(r["prompt"]) & theirs for r in fresh_rows()}
    assert not {k: v for k, v in shared.items() if v}  # written apart, not paraphrased from them


def test_fresh_set_long_prompts_carry_one_passage_of_800_to_3000_characters() -> None:
    from bench.task_eval.fresh_bank import PASSAGES, RAG, SUMMARIZATION

    long_prompts = SUMMARIZATION + RAG
    assert all(len(p) >= 800 for p in long_prompts)
    assert len(PASSAGES) == 50
    for name, passage in PASSAGES.items():
        assert 800 <= len(passage) <= 3000, (name, len(passage))
        # Each passage serves exactly two prompts: one summary request, one question about it.
        assert sum(passage in p for p in SUMMARIZATION) == 1, name
        assert sum(passage in p for p in RAG) == 1, name
    for p in long_prompts:
        assert sum(passage in p for passage in PASSAGES.values()) == 1, p[:80]
