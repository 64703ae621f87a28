"""Export speed and memory: a job of N lines exported in every format, each in a fresh process.

The job is N prompts submitted as ``bench.submit`` does, then N result rows written through
``db.queries.upsert_results`` (the decode worker's own write path) with synthetic outputs of
20-60 words and speculation statistics: the rows are made up, the export work on them is
not. Each format then runs in a child process so its peak RSS (``ru_maxrss``) is its own::

    python -m bench.export --n 100000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("specq", "openai", "parquet", "hf")


def build_job(root: Path, n: int) -> str:
    """A completed job of ``n`` lines in ``root/bench.db``; returns its id."""
    from bench.submit import build_tokenizer_dir, write_prompts
    from db import queries
    from db.session import init_db, make_engine, session_scope
    from producer.submit import submit_job
    from specq.deployment import parse_deployment

    engine = make_engine(f"sqlite:///{root / 'bench.db'}")
    init_db(engine)
    write_prompts(root / "prompts.jsonl", n)
    dep = parse_deployment(
        {"targets": {"t": {"path": str(build_tokenizer_dir(root / "tok")), "default_draft": "none"}}}, None
    )
    job_id = submit_job(root / "prompts.jsonl", "t", enqueue=False, deployment=dep, engine=engine).job_id
    rng = random.Random(0)
    words = ["speculative", "draft", "target", "accepted", "token", "batch", "the", "a", "of", "and"]
    with session_scope(engine) as s:
        ids = queries.prompt_ids(s, job_id)
    for start in range(0, n, 5000):
        rows = []
        for pid in ids[start : start + 5000]:
            per_pos = [rng.randint(0, 20) for _ in range(4)]
            rows.append(
                queries.ResultRow(
                    prompt_id=pid,
                    job_id=job_id,
                    output_text=" ".join(rng.choices(words, k=rng.randint(20, 60))),
                    output_tokens=64,
                    prompt_tokens=40,
                    finish_reason="length",
                    target="t",
                    draft="general",
                    task="default",
                    k=4.0,
                    steps=30,
                    drafted_tokens=120,
                    accepted_tokens=sum(per_pos),
                    accepted_per_position=per_pos,
                    draft_seconds=0.1,
                    verify_seconds=0.3,
                )  # fmt: skip
            )
        with session_scope(engine) as s:
            queries.upsert_results(s, rows)
    engine.dispose()
    return job_id


def export_once(db: Path, job_id: str, fmt: str, out: Path) -> dict[str, float]:
    """Run in the child: export once, report seconds, peak RSS and output bytes."""
    from db.session import make_engine
    from producer.export import export
    from producer.tables import export_table

    engine = make_engine(f"sqlite:///{db}")
    t0 = time.perf_counter()
    if fmt in ("parquet", "hf"):
        export_table(job_id, out, format=fmt, engine=engine)  # type: ignore[arg-type]
    else:
        export(job_id, out, format=fmt, engine=engine)  # type: ignore[arg-type]
    seconds = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in out.parent.rglob("*") if p.is_file() and p.name.startswith(out.name))
    if out.is_dir():
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {
        "seconds": seconds,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mib": size / 2**20,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="lines in the job")
    parser.add_argument("--child", nargs=4, metavar=("DB", "JOB", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        db, job, fmt, out = args.child
        print(json.dumps(export_once(Path(db), job, fmt, Path(out))))  # noqa: T201
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        job_id = build_job(root, args.n)
        print(f"job of {args.n} lines written in {time.perf_counter() - t0:.1f} s")  # noqa: T201
        print(f"{'format':8} {'seconds':>8} {'lines/s':>9} {'output MiB':>10} {'peak RSS MiB':>12}")  # noqa: T201
        for fmt in FORMATS:
            out = root / f"out-{fmt}" if fmt == "hf" else root / f"out.{fmt}"
            child = [
                sys.executable,
                "-m",
                "bench.export",
                "--child",
                str(root / "bench.db"),
                job_id,
                fmt,
                str(out),
            ]
            r = json.loads(subprocess.run(child, capture_output=True, text=True, check=True).stdout)
            rate = args.n / r["seconds"]
            print(  # noqa: T201 - a benchmark's report is its output
                f"{fmt:8} {r['seconds']:8.1f} {rate:9,.0f} {r['mib']:10.1f} {r['max_rss_mib']:12.0f}"
            )


if __name__ == "__main__":
    main()
