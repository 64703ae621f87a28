"""Plan vs actual: `specq plan`'s wall time and `specq status`'s ETA against measured jobs.

``python -m bench.plan_vs_actual [--sizes 32,128,512] [--target target-s]`` starts a stack
(embedded broker, router, one decode worker) on the tiny zoo in a fresh data dir, then for
each size: plans the file, submits it, polls the status every 0.2 s, and records the ETA
before the first prompt finished and right after it, and the job's measured wall time
(``finished_at - started_at``). Jobs run one after another, so each later job is planned with
the calibration of the ones before it. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    prompts: int
    planned_s: float
    calibration: str
    acceptance: str
    eta_before_s: float | None  # the ETA + elapsed at the first poll with nothing finished
    eta_after_s: float | None  # the ETA + elapsed at the first poll after the first batch finished
    measured_after_s: float | None  # elapsed x total / finished at that poll (the rate alone)
    finished_at_after: int
    actual_s: float


def _prompts(zoo_prompts: Path, n: int, out: Path) -> Path:
    lines = []
    for f in sorted(zoo_prompts.glob("*.jsonl")):
        if ".align." not in f.name and f.name != "demo.jsonl":
            lines += [json.loads(x) for x in f.read_text().splitlines() if x.strip()]
    # The same workload at every size: the prompt files shuffled once, with a fixed seed.
    random.Random(0).shuffle(lines)
    with out.open("w") as fh:
        for i in range(n):
            rec = dict(lines[i % len(lines)])
            rec["custom_id"] = f"p{i}"
            rec.pop("task", None)
            fh.write(json.dumps(rec) + "\n")
    return out


def _batches_done(job_id: str) -> int:
    from sqlalchemy import func, select

    from db.schema import Batch, BatchStatus
    from db.session import session_scope

    with session_scope(read_only=True) as s:
        return int(
            s.scalar(select(func.count()).where(Batch.job_id == job_id, Batch.status == BatchStatus.DONE))
            or 0
        )


def run(sizes: list[int], target: str, max_new_tokens: int) -> list[Row]:
    from db.session import dispose_engines
    from models.zoo import build_zoo
    from producer.plan import plan_file
    from producer.status import status
    from producer.submit import submit_job
    from specq.settings import get_settings
    from workers.stack import Stack

    zoo = build_zoo("tiny", root=Path(os.environ["SPECQ_ZOO_DIR"]), progress=False)
    rows: list[Row] = []
    stack = Stack(targets=[target])
    stack.start(timeout=300)
    try:
        for n in sizes:
            data = _prompts(zoo.root / "prompts", n, Path(get_settings().data_dir) / f"in-{n}.jsonl")
            plan = plan_file(data, target, max_new_tokens=max_new_tokens)
            cal = plan.calibration
            job = submit_job(data, target, max_new_tokens=max_new_tokens).job_id
            before = after = measured = None
            finished_after = 0
            while True:
                rep = status(job, errors_shown=0)
                if rep.done:
                    break
                if rep.eta_s is not None and rep.elapsed_s is not None:
                    if rep.finished == 0 and before is None:
                        before = rep.eta_s + rep.elapsed_s
                    if after is None and rep.finished and _batches_done(job):
                        after, finished_after = rep.eta_s + rep.elapsed_s, rep.finished
                        measured = rep.elapsed_s * rep.total / rep.finished
                time.sleep(0.2)
            rows.append(
                Row(
                    n,
                    plan.seconds,
                    f"x{cal.factor:.2f} + {cal.overhead_s:.1f}s ({cal.jobs} jobs)",
                    "; ".join(sorted({p.speculation.source for p in plan.pairings})),
                    before,
                    after,
                    measured,
                    finished_after,
                    rep.elapsed_s or 0.0,
                )
            )
            print(rows[-1], flush=True)
    finally:
        stack.stop(timeout=30)
        dispose_engines()
    return rows


def _err(pred: float | None, actual: float) -> str:
    return "-" if pred is None else f"{pred:.1f}s ({pred / actual - 1:+.0%})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="32,128,512")
    ap.add_argument("--target", default="target-s")
    ap.add_argument("--max-new-tokens", type=int, default=64)
    args = ap.parse_args()
    os.environ.setdefault("SPECQ_DATA_DIR", tempfile.mkdtemp(prefix="plan-"))
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    rows = run([int(x) for x in args.sizes.split(",")], args.target, args.max_new_tokens)
    print(
        "| prompts | plan (before submit) | ETA before the first result | ETA after the first batch "
        "| rate alone then | actual | calibration | acceptance |"
    )
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        print(
            f"| {r.prompts} | {_err(r.planned_s, r.actual_s)} | {_err(r.eta_before_s, r.actual_s)} | "
            f"{_err(r.eta_after_s, r.actual_s)} (at {r.finished_at_after} done) | "
            f"{_err(r.measured_after_s, r.actual_s)} | {r.actual_s:.1f}s | "
            f"{r.calibration} | {r.acceptance} |"
        )


if __name__ == "__main__":
    main()
