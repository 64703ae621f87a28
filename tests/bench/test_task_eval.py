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
