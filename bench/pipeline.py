"""`specq bench pipeline`: what the queue, the database and the worker processes cost.

The same N prompts are decoded twice with the same pairing and greedy settings:

- *engine*: in this process, straight through ``SpecDecoder`` — prompts sorted by length
  and cut into batches of the configured size, no broker, no SQL;
- *pipeline*: `producer.submit_job` into SQL, `route_chunk` over the broker, a real decode
  worker process, results and counters written per batch, until the job completes.

The ratio is pipeline throughput over engine throughput (output tokens per second of
wall time; the pipeline's clock starts before the submission and stops when the job is
finalized, so validation, routing and every transaction are inside it). Worker start-up
(loading the models) happens before the clock starts, as it does once per deployment.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from specq.deployment import load_deployment
from specq.settings import get_settings

Status = Callable[[str], None]


@dataclass(frozen=True)
class PipelineBenchConfig:
    n: int = 2000  # prompts
    target: str = "target-s"
    draft: str | None = None  # None = the target's default draft
    max_new_tokens: int = 64
    data: Path | None = None  # JSONL prompts; None = generated mixed prompts


@dataclass(frozen=True)
class PipelineBenchResult:
    n: int
    pairing: str
    engine_seconds: float
    engine_tokens: int
    pipeline_seconds: float
    pipeline_tokens: int
    submit_seconds: float  # part of pipeline_seconds
    start_seconds: float  # stack start-up, not part of pipeline_seconds
    batches: int  # decode batches of the pipeline job
    worker_decode_seconds: float  # the decode worker's time inside decode_items, summed over batches

    @property
    def overhead_ms_per_batch(self) -> float:
        """Pipeline wall time not spent decoding, per batch (queue, SQL, routing, polling)."""
        return 1000 * (self.pipeline_seconds - self.worker_decode_seconds) / self.batches

    @property
    def engine_tps(self) -> float:
        return self.engine_tokens / self.engine_seconds

    @property
    def pipeline_tps(self) -> float:
        return self.pipeline_tokens / self.pipeline_seconds

    @property
    def ratio(self) -> float:
        return self.pipeline_tps / self.engine_tps


_NAMES = ["parse", "merge", "count", "render", "split", "load", "scale", "check"]
_TABLES = ["users", "orders", "items", "events", "cities"]
_WORDS = ["the", "river", "quiet", "machine", "learns", "slowly", "under", "bright", "stars", "and", "code"]


def generated_prompts(n: int, seed: int = 0) -> list[str]:
    """A deterministic mix of code, math, SQL and prose prompts of varied length."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            name, args = rng.choice(_NAMES), ", ".join(rng.sample("abcdxyz", rng.randint(1, 3)))
            out.append(f"def {name}_{i}({args}):\n    ")
        elif kind == 1:
            a, b = rng.randint(2, 999), rng.randint(2, 999)
            out.append(
                f"Question: Tom has {a} apples and buys {b} more. How many apples does he have? Answer:"
            )
        elif kind == 2:
            out.append(f"-- {rng.choice(_TABLES)} report\nSELECT id, name FROM {rng.choice(_TABLES)} WHERE ")
        else:
            out.append(" ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 40))).capitalize())
    return out


def file_prompts(path: Path, n: int) -> list[str]:
    """Prompts of a JSONL file (``prompt``, Spec-Bench ``turns`` or chat ``messages``), cycled to ``n``."""
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if isinstance(obj.get("prompt"), str):
            texts.append(obj["prompt"])
        elif isinstance(obj.get("turns"), list) and obj["turns"]:
            texts.append(str(obj["turns"][0]))
        elif isinstance(obj.get("messages"), list) and obj["messages"]:
            texts.append(str(obj["messages"][-1].get("content", "")))
    if not texts:
        raise ValueError(f"{path}: no line with `prompt`, `turns` or `messages`")
    return [texts[i % len(texts)] for i in range(n)]


def engine_run(prompts: list[str], target: str, draft: str, max_new_tokens: int) -> tuple[float, int]:
    """Decode ``prompts`` in this process the way a decode worker would; (seconds, output tokens)."""
    from models.sampling import SamplingParams
    from workers.route import batch_size_cap
    from workers.runtime import Runtime

    deployment = load_deployment()
    runtime = Runtime(deployment)
    tokenizer = runtime.target(target).tokenizer
    ids = sorted((tokenizer(p)["input_ids"] for p in prompts), key=len)
    params = SamplingParams(max_new_tokens=max_new_tokens)
    runtime.generate(target, draft, ids[:2], [params] * 2)  # warm-up, as the worker's first batch is
    cap = batch_size_cap(deployment, target, draft, len(ids[-1]), max_new_tokens)
    tokens = 0
    start = time.perf_counter()
    for i in range(0, len(ids), cap):
        chunk = ids[i : i + cap]
        tokens += sum(len(o.token_ids) for o in runtime.generate(target, draft, chunk, [params] * len(chunk)))
    return time.perf_counter() - start, tokens


@dataclass(frozen=True)
class _PipelineRun:
    seconds: float
    tokens: int
    submit_seconds: float
    start_seconds: float
    batches: int
    decode_seconds: float


def pipeline_run(
    prompts: list[str], target: str, draft: str, max_new_tokens: int, status: Status
) -> _PipelineRun:
    """Decode ``prompts`` through submit -> route -> decode -> SQL, timed from submit to completion."""
    from sqlalchemy import func, select

    import producer
    from db.schema import Batch, BatchStatus
    from db.session import session_scope
    from producer.submit import submit_job
    from specq.stack import Stack

    data_dir = get_settings().data_dir / "bench"
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"pipeline-{len(prompts)}.jsonl"
    path.write_text("".join(json.dumps({"prompt": p}) + "\n" for p in prompts), encoding="utf-8")
    t0 = time.perf_counter()
    stack = Stack(targets=[target])
    stack.start(resume=False)
    start_seconds = time.perf_counter() - t0
    try:
        status(f"stack up in {start_seconds:.1f}s; submitting {len(prompts)} prompts")
        start = time.perf_counter()
        result = submit_job(path, target, name="bench-pipeline", max_new_tokens=max_new_tokens, draft=draft)
        submit_seconds = time.perf_counter() - start
        if not result.enqueued:
            raise RuntimeError(f"bench job {result.job_id} was not enqueued: {result.message}")
        while True:
            rep = producer.status(result.job_id, errors_shown=0)
            if rep.done:
                break
            stack.check(restart=False)
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        if rep.status != "completed" or rep.failed:
            raise RuntimeError(f"bench job {rep.id} ended {rep.status} with {rep.failed} failed prompts")
        with session_scope(read_only=True) as s:
            batches, decode_seconds = s.execute(
                select(func.count(), func.coalesce(func.sum(Batch.seconds), 0.0)).where(
                    Batch.job_id == rep.id, Batch.status == BatchStatus.DONE
                )
            ).one()
        return _PipelineRun(
            seconds, rep.output_tokens, submit_seconds, start_seconds, batches, decode_seconds
        )
    finally:
        stack.stop()


def run_pipeline_bench(config: PipelineBenchConfig, status: Status = lambda _: None) -> PipelineBenchResult:
    """Run both paths on the same prompts and return the measurements."""
    deployment = load_deployment()
    draft = config.draft or deployment.target(config.target).default_draft
    prompts = file_prompts(config.data, config.n) if config.data else generated_prompts(config.n)
    status(f"engine: {config.n} prompts, {config.target}/{draft}")
    engine_seconds, engine_tokens = engine_run(prompts, config.target, draft, config.max_new_tokens)
    status(f"engine: {engine_tokens} tokens in {engine_seconds:.2f}s; now the pipeline")
    run = pipeline_run(prompts, config.target, draft, config.max_new_tokens, status)
    if run.tokens != engine_tokens:
        status(f"note: pipeline wrote {run.tokens} tokens, the engine {engine_tokens} (greedy should agree)")
    return PipelineBenchResult(
        n=config.n,
        pairing=f"{config.target}/{draft}",
        engine_seconds=engine_seconds,
        engine_tokens=engine_tokens,
        pipeline_seconds=run.seconds,
        pipeline_tokens=run.tokens,
        submit_seconds=run.submit_seconds,
        start_seconds=run.start_seconds,
        batches=run.batches,
        worker_decode_seconds=run.decode_seconds,
    )
