"""Latency of synchronous requests to a running `specq serve`, with the official openai client.

    python -m bench.serve_latency --url http://127.0.0.1:8000/v1 --model target-s [-n 10]

One warm-up request, then ``n`` sequential /v1/completions requests; prints median, min and max
wall time and the completion tokens of the last answer.
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    from openai import OpenAI

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8000/v1")
    ap.add_argument("--model", default="target-s")
    ap.add_argument("--prompt", default="def fibonacci(n):")
    ap.add_argument("--max-tokens", type=int, default=16)
    ap.add_argument("-n", type=int, default=10)
    ap.add_argument("--api-key", default="unused", help="SPECQ_API_KEY of the server, when it has one")
    args = ap.parse_args()
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


if __name__ == "__main__":
    main()
