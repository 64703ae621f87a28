"""bench/lm_eval/same_loglikelihoods.py: two harness runs agree, or the difference is reported."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.lm_eval import same_loglikelihoods


def _run(root: Path, mc: list[list[float]], ppl: list[float], greedy: str = "False") -> Path:
    """An lm_eval --log_samples output dir with a multiple-choice, a perplexity and a generation task."""
    root.mkdir()
    configs = {
        "mc": {"output_type": "multiple_choice"},
        "ppl": {"output_type": "loglikelihood_rolling"},
        "gen": {"output_type": "generate_until"},
    }
    (root / "results_2026-12-01T10-00-00.000000.json").write_text(json.dumps({"configs": configs}))
    records: dict[str, list[dict[str, Any]]] = {
        "mc": [
            {"doc_id": d, "resps": [[[str(v), greedy]] for v in lls], "acc": float(max(lls) == lls[0])}
            for d, lls in enumerate(mc)
        ],
        "ppl": [{"doc_id": d, "resps": [[str(v)]], "word_perplexity": [v, 10]} for d, v in enumerate(ppl)],
        "gen": [{"doc_id": 0, "resps": [["SELECT 1;"]], "exact_match": 1.0}],
    }
    for task, recs in records.items():
        path = root / f"samples_{task}_2026-12-01T10-00-00.000000.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return root


def _main(monkeypatch: pytest.MonkeyPatch, a: Path, b: Path) -> int:
    monkeypatch.setattr(sys, "argv", ["same_loglikelihoods.py", str(a), str(b)])
    return same_loglikelihoods.main()


def test_runs_within_float_noise_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _run(tmp_path / "a", [[-1.0, -2.0], [-3.0, -2.5]], [-200.0])
    b = _run(tmp_path / "b", [[-1.00001, -2.0], [-3.0, -2.5]], [-200.0001])
    assert _main(monkeypatch, a, b) == 0
    out = capsys.readouterr().out
    assert "mc: 2 documents, 4 requests; max |diff| 1e-05" in out
    assert "document scores same 2/2" in out and "ppl: 1 documents" in out and "gen" not in out


@pytest.mark.parametrize(
    ("mc", "greedy", "named"),
    [
        ([[-1.0, -2.0], [-3.0, -2.9]], "False", "max |diff| 0.4"),  # a log-likelihood differs
        ([[-2.5, -2.0], [-3.0, -2.5]], "False", "doc 0: scores"),  # and flips the document's answer
        ([[-1.0, -2.0], [-3.0, -2.5]], "True", "is_greedy same 0/4"),
    ],
)
def test_a_difference_fails_and_is_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mc: Any,
    greedy: str,
    named: str,
) -> None:
    a = _run(tmp_path / "a", [[-1.0, -2.0], [-3.0, -2.5]], [-200.0])
    b = _run(tmp_path / "b", mc, [-200.0], greedy=greedy)
    assert _main(monkeypatch, a, b) == 1
    assert named in capsys.readouterr().out
