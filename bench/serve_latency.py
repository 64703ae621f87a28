"""Latency of synchronous requests: against a running `specq serve`, or beside a bulk job.

    python -m bench.serve_latency --url http://127.0.0.1:8000/v1 --model target-s [-n 10]
    python -m bench.serve_latency --bulk 200 --repeats 5 [--model target-s]

Without ``--bulk``: one warm-up request, then ``n`` sequential /v1/completions requests through the
official openai client; prints median, min and max wall time and the completion tokens of the
last answer.

With ``--bulk N``: in this process, against the embedded stack (started here unless workers
already serve the target), each repeat submits a bulk job of N prompts (``bench.pipeline``'s
generated code, math, SQL and prose), waits until the decode worker holds
``SPECQ_DECODE_INFLIGHT`` of its batches, then times one /v1/completions request submitted as
`specq serve` submits it (the same request line, the same 50 ms status poll), once with priority
``interactive`` (what the server does) and once with ``bulk`` (the FIFO queues the server used
before), in alternating order; the bulk job is cancelled after each request. Prints one row per
request (latency, the bulk batches it overtook, the bulk batches decoding beside it when it was
claimed, the bulk prompts written before it was answered) and the medians per lane.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from typing import Any

# The status poll of serve/completions.py.
POLL_S = 0.05


def http_latency(args: argparse.Namespace) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=args.url, api_key=args.api_key, max_retries=0)
    request = {"model": args.model, "prompt": args.prompt, "max_tokens": args.max_tokens}
    client.completions.create(**request)  # warm-up: the first request loads nothing, but pools connect
    walls = []
    for _ in range(args.n):
        t0 = time.perf_counter()
        answer = client.completions.create(**request)
        walls.append(time.perf_counter() - t0)
    tokens = answer.usage.completion_tokens if answer.usage else None
    print(
        f"{args.n} requests of {args.max_tokens} tokens: median {statistics.median(walls):.3f} s, "
        f"min {min(walls):.3f} s, max {max(walls):.3f} s; completion_tokens {tokens}"
    )


@dataclass(frozen=True)
class Measured:
    lane: str  # interactive | bulk
    seconds: float  # submit to decoded, as the server waits for it
    overtaken: int  # bulk batches queued before the request that started after its batch
    beside: int  # bulk batches claimed and unfinished when the request's batch was claimed
    bulk_done: int  # bulk prompts written before the request was answered
    tokens: int  # the answer's completion tokens


def _wait(what: str, done: Any, timeout_s: float = 600.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not reached within {timeout_s:.0f}s")
        time.sleep(POLL_S / 2)


def one_request(args: argparse.Namespace, lane: str) -> Measured:
    """A bulk job in flight, then one request in ``lane``; the bulk job is cancelled afterwards."""
    from sqlalchemy import func, select

    import producer
    from bench.pipeline import generated_prompts
    from db.schema import TERMINAL_JOB_STATUSES, Batch, BatchStatus, Job, Result
    from db.session import session_scope
    from producer.submit import submit_job
    from specq.settings import get_settings

    lines = [{"prompt": p} for p in generated_prompts(args.bulk)]
    bulk = submit_job(lines, args.model, name="bench-bulk", max_new_tokens=args.bulk_max_tokens)
    if not bulk.enqueued:
        raise RuntimeError(f"bulk job {bulk.job_id} not enqueued: {bulk.message}")
    inflight = get_settings().decode_inflight

    def running() -> int:
        with session_scope(read_only=True) as s:
            return int(
                s.scalar(
                    select(func.count()).where(
                        Batch.job_id == bulk.job_id, Batch.status == BatchStatus.RUNNING
                    )
                )
                or 0
            )

    _wait(f"{inflight} bulk batches running", lambda: running() >= inflight)
    body = {"model": args.model, "prompt": args.prompt, "max_tokens": args.max_tokens}
    line = {"custom_id": "request", "method": "POST", "url": "/v1/completions", "body": body}
    t0 = time.perf_counter()
    res = submit_job([line], args.model, name="completions", priority=lane)
    while not producer.status(res.job_id, errors_shown=0).done:
        time.sleep(POLL_S)
    seconds = time.perf_counter() - t0
    producer.cancel(bulk.job_id)
    with session_scope(read_only=True) as s:
        job = s.get(Job, res.job_id)
        assert job is not None and job.finished_at is not None
        (mine,) = s.scalars(select(Batch).where(Batch.job_id == res.job_id))
        bulk_batches = list(s.scalars(select(Batch).where(Batch.job_id == bulk.job_id)))
        tokens = s.scalar(select(func.sum(Result.output_tokens)).where(Result.job_id == res.job_id)) or 0
        bulk_done = s.scalar(
            select(func.count()).where(Result.job_id == bulk.job_id, Result.created_at <= job.finished_at)
        )
        created = job.created_at
    started = mine.started_at
    assert started is not None
    overtaken = sum(
        1
        for b in bulk_batches
        if b.enqueued_at < created and (b.started_at is None or b.started_at > started)
    )
    beside = sum(
        1
        for b in bulk_batches
        if b.started_at is not None
        and b.started_at < started
        and (b.finished_at is None or b.finished_at > started)
    )

    def bulk_over() -> bool:
        with session_scope(read_only=True) as s:
            status = s.scalar(select(Job.status).where(Job.id == bulk.job_id))
        return status in TERMINAL_JOB_STATUSES and running() == 0

    _wait("the cancelled bulk job to stop", bulk_over)
    return Measured(lane, seconds, overtaken, beside, int(bulk_done or 0), int(tokens))


def bulk_latency(args: argparse.Namespace) -> None:
    from specq.deployment import load_deployment
    from workers.stack import Stack, workers_serve

    stack = None
    if not workers_serve(load_deployment(), [args.model]):
        stack = Stack(targets=[args.model])
        stack.start(resume=False)
    try:
        rows: list[Measured] = []
        for r in range(args.repeats):
            lanes = ("interactive", "bulk") if r % 2 == 0 else ("bulk", "interactive")
            for lane in lanes:
                m = one_request(args, lane)
                rows.append(m)
                print(
                    f"| {r + 1} | {m.lane} | {m.seconds:.3f} | {m.overtaken} | {m.beside} | "
                    f"{m.bulk_done} / {args.bulk} | {m.tokens} |",
                    flush=True,
                )
    finally:
        if stack is not None:
            stack.stop()
    for lane in ("interactive", "bulk"):
        mine = [m for m in rows if m.lane == lane]
        print(
            f"{lane}: median {statistics.median(m.seconds for m in mine):.3f} s "
            f"(min {min(m.seconds for m in mine):.3f}, max {max(m.seconds for m in mine):.3f}) over "
            f"{len(mine)} requests of {args.max_tokens} tokens beside a {args.bulk}-prompt bulk job; "
            f"median bulk prompts written first {statistics.median(m.bulk_done for m in mine):.0f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8000/v1")
    ap.add_argument("--model", default="target-s")
    ap.add_argument("--prompt", default="def fibonacci(n):")
    ap.add_argument("--max-tokens", type=int, default=16)
    ap.add_argument("-n", type=int, default=10)
    ap.add_argument("--api-key", default="unused", help="SPECQ_API_KEY of the server, when it has one")
    ap.add_argument("--bulk", type=int, default=0, help="prompts of the bulk job in flight (in-process mode)")
    ap.add_argument("--bulk-max-tokens", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=5, help="requests per lane (--bulk mode)")
    args = ap.parse_args()
    if args.bulk:
        bulk_latency(args)
    else:
        http_latency(args)


if __name__ == "__main__":
    main()
