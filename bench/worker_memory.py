"""Memory of a decode worker over one long job: its RSS curve while N prompts decode.

Starts the stack of one target (router + decode worker, the embedded broker unless
``SPECQ_BROKER_URL`` is set), submits N generated prompts (``bench.pipeline.generated_prompts``)
as one job and samples the decode worker's ``VmRSS`` and ``VmHWM`` (``/proc/<pid>/status``,
Linux) every ``interval_s`` until the job ends.

    OMP_NUM_THREADS=1 python -m bench.worker_memory --n 20000 --target target-s --draft general
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MemorySample:
    seconds: float  # since the submission started
    finished: int  # prompts with a result (or failed) at this time
    rss_mib: int
    peak_mib: int  # VmHWM: the process's peak RSS so far


def process_memory_mib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of ``pid`` in MiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def run_memory_bench(
    n: int, target: str, draft: str | None, max_new_tokens: int = 64, interval_s: float = 5.0
) -> tuple[str, list[MemorySample]]:
    """(job status, samples) of one job of ``n`` prompts through a fresh stack."""
    import producer
    from bench.pipeline import generated_prompts
    from workers.stack import Stack

    stack = Stack(targets=[target])
    stack.start(resume=False)
    try:
        pid = stack.workers[f"decode-{target}"].process.pid
        start = time.monotonic()
        job = producer.submit_job(
            [{"prompt": p} for p in generated_prompts(n, seed=1)],
            target,
            max_new_tokens=max_new_tokens,
            draft=draft,
            name="bench-worker-memory",
        )
        samples = []
        while True:
            report = producer.status(job.job_id, errors_shown=0)
            rss, peak = process_memory_mib(pid)
            samples.append(MemorySample(time.monotonic() - start, report.finished, rss, peak))
            if report.done:
                return report.status, samples
            stack.check(restart=False)
            time.sleep(interval_s)
    finally:
        stack.stop(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--target", default="target-s")
    parser.add_argument("--draft", default=None)
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--rows", type=int, default=12, help="curve points printed")
    args = parser.parse_args()
    status, samples = run_memory_bench(args.n, args.target, args.draft, args.max_new_tokens, args.interval)
    print(f"job {status}: {samples[-1].finished}/{args.n} prompts in {samples[-1].seconds:.0f}s")
    step = max(1, len(samples) // args.rows)
    for s in [*samples[::step], samples[-1]]:
        print(
            f"t={s.seconds:6.0f}s  prompts done={s.finished:6d}  rss={s.rss_mib} MiB  peak={s.peak_mib} MiB"
        )


if __name__ == "__main__":
    main()
