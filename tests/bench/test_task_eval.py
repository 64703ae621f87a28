"""The routing evaluation set: deterministic, shipped as generated, apart from Spec-Bench."""

from __future__ import annotations

import json
from collections import Counter

from bench.task_eval.generate import OOD, OUT, PER_GROUP, generate


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
    from pathlib import Path

    spec = Path("/work/shared/data/spec_bench_questions.jsonl")
    if not spec.is_file():
        return
    spec_turns = {
        json.loads(line)["turns"][0].strip()
        for line in spec.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert not spec_turns & {r["prompt"].strip() for r in generate()}


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
