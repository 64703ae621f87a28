"""bench.real's tables: per category, a one-category draft against plain decoding of its own prompts."""

from __future__ import annotations

from bench.real import RealBenchReport, Run, acceptance_markdown, aggregate
from models.engine.acceptance import Acceptance


def _run(tokens: int, cpu: float, drafted: int | None = None, accepted: int | None = None) -> Run:
    return Run(
        list(range(tokens)), seconds=cpu, cpu_seconds=cpu, drafted=drafted, accepted=accepted, steps=10
    )


def test_a_one_category_draft_is_compared_on_its_own_prompts_only() -> None:
    prompts = [("qa", "q1"), ("qa", "q2"), ("rag", "r1")]
    runs = {}
    for i, cpu in enumerate((1.0, 2.0, 4.0)):
        runs["plain", i] = [_run(8, cpu)]
        runs["hf-generate", i] = [_run(8, cpu)]
        runs["specq-general", i] = [_run(8, cpu / 2, drafted=20, accepted=5)]
    runs["specq-qa", 0] = [_run(8, 0.25, drafted=10, accepted=8)]
    runs["specq-qa", 1] = [_run(8, 0.5, drafted=10, accepted=6), _run(8, 1.5, drafted=10, accepted=6)]
    names = ["plain", "hf-generate", "specq-general", "specq-qa"]
    groups, totals = aggregate(prompts, names, runs)
    assert groups == ["qa", "rag"]
    assert ("rag", "specq-qa") not in totals and ("all", "specq-qa") not in totals
    qa = totals["qa", "specq-qa"]
    # Median of the two repeats of q2 (1.0), plus q1; plain of the same two prompts: 3.0.
    assert (qa.cpu_seconds, qa.plain_cpu_seconds, qa.accepted, qa.drafted) == (1.25, 3.0, 14, 20)
    assert totals["all", "specq-general"].plain_cpu_seconds == 7.0
    text = RealBenchReport(names, groups, totals, {}, {}).markdown()
    assert "| qa | specq-qa | 0.700 | 0.70 | 16 |" in text and "| 2.40 |" in text  # 3.0 / 1.25 x plain
    assert "| rag | specq-qa |" not in text and "| all | specq-qa |" not in text
    assert "| all | specq-general | 0.250 |" in text


def test_acceptance_table_sums_categories_per_draft() -> None:
    a = Acceptance(prompts=2, steps=10, drafted=40, accepted=10, new_tokens=30)
    b = Acceptance(prompts=2, steps=30, drafted=120, accepted=50, new_tokens=90)
    text = acceptance_markdown({("qa", "d"): a, ("rag", "d"): b})
    assert "| qa | d | 0.250 | 1.00 | 10 / 40 |" in text
    assert "| all | d | 0.375 | 1.50 | 60 / 160 |" in text


def test_break_even_acceptance_balances_tokens_and_time() -> None:
    from bench.real import break_even_acceptance

    assert break_even_acceptance(1.0, 0.0, 4) == 0.0  # free verification, free draft: always pays
    a = break_even_acceptance(1.6, 0.0, 4)
    assert a is not None and abs(sum(a**i for i in range(5)) - 1.6) < 1e-9
    b = break_even_acceptance(1.6, 0.24, 4)
    assert b is not None and b > a and abs(sum(b**i for i in range(5)) - (1.6 + 4 * 0.24)) < 1e-9
    assert break_even_acceptance(3.0, 0.0, 1) is None  # 2 tokens at most for 3 steps of time
