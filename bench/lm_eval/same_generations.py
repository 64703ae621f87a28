"""Compare the per-sample generations of two lm-evaluation-harness runs (``--log_samples``).

    python bench/lm_eval/same_generations.py OUT_DIR_A OUT_DIR_B

Prints how many documents each run has and how many generations are identical, then the
documents that differ. Exit status 1 when any differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def generations(out_dir: str) -> dict[int, str]:
    """doc_id -> generation of the newest samples file under ``out_dir``."""
    files = sorted(Path(out_dir).glob("**/samples_*.jsonl"), key=lambda p: p.stat().st_mtime)
    if not files:
        raise SystemExit(f"no samples_*.jsonl under {out_dir} (run lm_eval with --log_samples)")
    with open(files[-1], encoding="utf-8") as fh:
        return {rec["doc_id"]: rec["resps"][0][0] for rec in map(json.loads, fh)}


def main() -> int:
    a, b = generations(sys.argv[1]), generations(sys.argv[2])
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    print(f"{len(a)} and {len(b)} documents; {len(a) - len(differ)} identical generations")
    for k in differ:
        print(f"doc {k}: {a.get(k)!r} != {b.get(k)!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
