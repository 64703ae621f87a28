"""Compare the per-request log-likelihoods of two lm-evaluation-harness runs (``--log_samples``).

    python bench/lm_eval/same_loglikelihoods.py OUT_DIR_A OUT_DIR_B [--tol 1e-4]

For every log-likelihood task both runs have (multiple choice, loglikelihood,
loglikelihood_rolling), matches documents by id and prints, per task: documents, requests (a
multiple-choice document has one per choice), the largest difference between the two runs'
log-likelihoods (absolute, and relative to the value), how many ``is_greedy`` flags and
per-document scores (``acc``, ``acc_norm``, ...; numbers to ``--tol``) agree. Exit status 1
when a relative difference exceeds ``--tol``, a flag or score differs, or the runs hold
different documents.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

_SCORED = ("multiple_choice", "loglikelihood", "loglikelihood_rolling")
# Per-document fields of a samples record that are not scores.
_NOT_SCORES = {"doc_id", "doc", "target", "arguments", "resps", "filtered_resps", "filter", "metrics"}


def samples(out_dir: str) -> dict[str, dict[int, dict[str, Any]]]:
    """task -> doc_id -> record, from the newest ``samples_<task>_<time>.jsonl`` of each task."""
    newest: dict[str, Path] = {}
    for path in sorted(Path(out_dir).glob("**/samples_*.jsonl"), key=lambda p: p.stat().st_mtime):
        match = re.fullmatch(r"samples_(.+)_\d{4}-\d\d-\d\dT[\d.-]+\.jsonl", path.name)
        if match:
            newest[match.group(1)] = path
    if not newest:
        raise SystemExit(f"no samples_*.jsonl under {out_dir} (run lm_eval with --log_samples)")
    out = {}
    for task, path in newest.items():
        with open(path, encoding="utf-8") as fh:
            out[task] = {rec["doc_id"]: rec for rec in map(json.loads, fh)}
    return out


def loglikelihood_tasks(out_dir: str) -> set[str]:
    """Tasks of the newest ``results_*.json`` under ``out_dir`` that score log-likelihoods."""
    files = sorted(Path(out_dir).glob("**/results_*.json"), key=lambda p: p.stat().st_mtime)
    if not files:
        raise SystemExit(f"no results_*.json under {out_dir}")
    configs = json.loads(files[-1].read_text(encoding="utf-8"))["configs"]
    return {task for task, config in configs.items() if config.get("output_type") in _SCORED}


def responses(rec: dict[str, Any]) -> list[tuple[float, str | None]]:
    """(log-likelihood, is_greedy or None) of each request of a document; the harness logs them as text."""
    got: list[tuple[float, str | None]] = []
    for resp in rec["resps"]:
        value = resp[0]
        if isinstance(value, list):  # loglikelihood: [logprob, is_greedy]
            got.append((float(value[0]), str(value[1])))
        else:  # loglikelihood_rolling: the logprob alone
            got.append((float(value), None))
    return got


def scores(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if k not in _NOT_SCORES and not k.endswith("_hash")}


def close(x: Any, y: Any, tol: float) -> bool:
    """Equal, numbers to ``tol`` relative (perplexity scores carry the log-likelihood itself)."""
    if isinstance(x, bool) or isinstance(y, bool) or isinstance(x, str) or isinstance(y, str):
        return bool(x == y)
    if isinstance(x, int | float) and isinstance(y, int | float):
        return abs(x - y) <= tol * max(1.0, abs(x))
    if isinstance(x, list | tuple) and isinstance(y, list | tuple):
        return len(x) == len(y) and all(close(i, j, tol) for i, j in zip(x, y, strict=True))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(close(x[k], y[k], tol) for k in x)
    return bool(x == y)


def compare(
    a: dict[int, dict[str, Any]], b: dict[int, dict[str, Any]], tol: float
) -> tuple[dict[str, Any], list[str]]:
    """Summary numbers of one task, and the documents whose scores differ beyond ``tol``."""
    worst_abs = worst_rel = 0.0
    requests = greedy_same = scores_same = 0
    problems = [f"doc {d}: only in one run" for d in sorted(a.keys() ^ b.keys())]
    for doc in sorted(a.keys() & b.keys()):
        ra, rb = responses(a[doc]), responses(b[doc])
        if len(ra) != len(rb):
            problems.append(f"doc {doc}: {len(ra)} != {len(rb)} requests")
            continue
        for (la, ga), (lb, gb) in zip(ra, rb, strict=True):
            requests += 1
            worst_abs = max(worst_abs, abs(la - lb))
            worst_rel = max(worst_rel, abs(la - lb) / max(1.0, abs(la)))
            greedy_same += ga == gb
        if close(scores(a[doc]), scores(b[doc]), tol):
            scores_same += 1
        else:
            problems.append(f"doc {doc}: scores {scores(a[doc])} != {scores(b[doc])}")
    summary = {
        "documents": len(a.keys() & b.keys()),
        "requests": requests,
        "max_abs_diff": worst_abs,
        "max_rel_diff": worst_rel,
        "greedy_flags_same": greedy_same,
        "doc_scores_same": scores_same,
    }
    return summary, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_a")
    parser.add_argument("run_b")
    parser.add_argument("--tol", type=float, default=1e-4, help="largest relative difference allowed")
    args = parser.parse_args()
    a, b = samples(args.run_a), samples(args.run_b)
    failed = False
    tasks = sorted(a.keys() & b.keys() & loglikelihood_tasks(args.run_a))
    if not tasks:
        raise SystemExit("the runs have no log-likelihood task in common")
    for task in tasks:  # generation tasks: bench/lm_eval/same_generations.py
        summary, problems = compare(a[task], b[task], args.tol)
        print(
            f"{task}: {summary['documents']} documents, {summary['requests']} requests; "
            f"max |diff| {summary['max_abs_diff']:.3g} (relative {summary['max_rel_diff']:.3g}); "
            f"is_greedy same {summary['greedy_flags_same']}/{summary['requests']}; "
            f"document scores same {summary['doc_scores_same']}/{summary['documents']}"
        )
        for line in problems:
            print(f"  {line}")
        failed |= bool(problems) or summary["max_rel_diff"] > args.tol
        failed |= summary["greedy_flags_same"] != summary["requests"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
