"""`specq bench pipeline`: what the queue, the database and the worker processes cost.

The same N prompts are decoded twice with the same pairing and greedy settings:

- *engine*: in this process, straight through ``SpecDecoder`` — one continuous-batching
  session over the prompts sorted by length, with the decode worker's row limit, no broker,
  no SQL;
- *pipeline*: `producer.submit_job` into SQL, `route_chunk` over the broker, a real decode
  worker process, results and counters written per batch, until the job completes.

The ratio is pipeline throughput over engine throughput (output tokens per second of
wall time; the pipeline's clock starts before the submission and stops when the job is
finalized, so validation, routing and every transaction are inside it). Worker start-up
(loading the models) happens before the clock starts, as it does once per deployment.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from specq.deployment import NO_DRAFT, load_deployment
from specq.settings import get_settings

Status = Callable[[str], None]


@dataclass(frozen=True)
class PipelineBenchConfig:
    n: int = 2000  # prompts
    target: str = "target-s"
    draft: str | None = None  # None = the target's default draft
    max_new_tokens: int = 64
    data: Path | None = None  # JSONL prompts; None = generated mixed prompts
    repeats: int = 1  # engine/pipeline pairs, interleaved (a shared machine's load drifts)
    batch_size: int | None = None  # prompts per decode batch on both paths; None = SPECQ_MAX_BATCH_SIZE


@dataclass(frozen=True)
class RepeatResult:
    """One engine pass and one pipeline pass over the same prompts."""

    engine_seconds: float
    engine_tokens: int
    pipeline_seconds: float  # from before the submission until the job is completed
    pipeline_tokens: int
    submit_seconds: float  # part of pipeline_seconds
    batches: int  # decode batches of the pipeline job
    worker_decode_seconds: float  # the decode worker's time decoding, summed over its batches

    @property
    def engine_tps(self) -> float:
        return self.engine_tokens / self.engine_seconds

    @property
    def pipeline_tps(self) -> float:
        return self.pipeline_tokens / self.pipeline_seconds

    @property
    def ratio(self) -> float:
        """Pipeline throughput over engine throughput."""
        return self.pipeline_tps / self.engine_tps

    @property
    def decode_share(self) -> float:
        """Share of the pipeline's wall time the decode worker spent decoding (same run, same load)."""
        return self.worker_decode_seconds / self.pipeline_seconds

    @property
    def overhead_ms_per_batch(self) -> float:
        """Pipeline wall time not spent decoding, per batch (queue, SQL, routing, polling)."""
        return 1000 * (self.pipeline_seconds - self.worker_decode_seconds) / self.batches


@dataclass(frozen=True)
class PipelineBenchResult:
    n: int
    pairing: str
    max_new_tokens: int
    start_seconds: float  # stack start-up (models loaded), not timed
    runs: list[RepeatResult]

    @property
    def median(self) -> RepeatResult:
        """The repeat with the median ratio."""
        return sorted(self.runs, key=lambda r: r.ratio)[len(self.runs) // 2]


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


class EnginePath:
    """The engine alone, in this process, as a decode worker runs it: one continuous-batching
    session over every prompt (shortest first, as the router sorts them), at most as many rows at
    once as the worker's session takes."""

    def __init__(self, prompts: list[str], target: str, draft: str, max_new_tokens: int) -> None:
        from models.engine.sampling import SamplingParams
        from workers.decode_loop import max_rows
        from workers.runtime import Runtime

        deployment = load_deployment()
        self.runtime = Runtime(deployment)
        self.target, self.draft = target, draft
        tokenizer = self.runtime.target(target).tokenizer
        self.ids = sorted((tokenizer(p)["input_ids"] for p in prompts), key=len)
        self.params = SamplingParams(max_new_tokens=max_new_tokens)
        self.runtime.preload([(target, draft)])  # loads and warms up, as a decode worker does at start
        self.max_rows = max_rows(deployment, target)

    def run(self) -> tuple[float, int]:
        """(seconds, output tokens) of one pass."""
        decoder = self.runtime.target_decoder(self.target)
        name = None if self.draft == NO_DRAFT else self.draft
        tokens = 0
        start = time.perf_counter()
        session = decoder.session(max_rows=self.max_rows)
        for i, ids in enumerate(self.ids):
            session.add(i, ids, self.params, draft=name)
        for _, out in session.run():
            tokens += len(out.token_ids)
        return time.perf_counter() - start, tokens


class PipelinePath:
    """A running stack (router + decode worker) that jobs are submitted to."""

    def __init__(self, prompts: list[str], target: str, draft: str, max_new_tokens: int) -> None:
        from workers.stack import Stack

        self.target, self.draft, self.max_new_tokens = target, draft, max_new_tokens
        data_dir = get_settings().data_dir / "bench"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / f"pipeline-{len(prompts)}.jsonl"
        self.path.write_text("".join(json.dumps({"prompt": p}) + "\n" for p in prompts), encoding="utf-8")
        self.stack = Stack(targets=[target])
        start = time.perf_counter()
        self.stack.start(resume=False)
        self.start_seconds = time.perf_counter() - start

    def run(self) -> tuple[float, int, float, int, float]:
        """(seconds, tokens, submit seconds, batches, worker decode seconds) of one job."""
        from sqlalchemy import func, select

        from db import queries
        from db.schema import Batch, BatchStatus, JobStatus, Result
        from db.session import session_scope
        from producer.submit import submit_job

        start = time.perf_counter()
        result = submit_job(
            self.path,
            self.target,
            name="bench-pipeline",
            max_new_tokens=self.max_new_tokens,
            draft=self.draft,
        )
        submit_seconds = time.perf_counter() - start
        if not result.enqueued:
            raise RuntimeError(f"bench job {result.job_id} was not enqueued: {result.message}")
        while True:  # a light poll: the job row only
            with session_scope(read_only=True) as s:
                job = queries.get_job(s, result.job_id)
                assert job is not None
                status, failed = job.status, job.failed
            if status in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED):
                break
            self.stack.check(restart=False)
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if status != JobStatus.COMPLETED or failed:
            raise RuntimeError(f"bench job {result.job_id} ended {status} with {failed} failed prompts")
        with session_scope(read_only=True) as s:
            batches, decode_seconds = s.execute(
                select(func.count(), func.coalesce(func.sum(Batch.seconds), 0.0)).where(
                    Batch.job_id == result.job_id, Batch.status == BatchStatus.DONE
                )
            ).one()
            tokens = s.scalar(select(func.sum(Result.output_tokens)).where(Result.job_id == result.job_id))
        return seconds, int(tokens or 0), submit_seconds, int(batches), float(decode_seconds or 0.0)

    def close(self) -> None:
        self.stack.stop()


def run_pipeline_bench(config: PipelineBenchConfig, status: Status = lambda _: None) -> PipelineBenchResult:
    """Both paths on the same prompts, ``config.repeats`` times, interleaved."""
    if config.batch_size is not None:
        # Through the environment, so the worker processes the stack starts see it too.
        os.environ["SPECQ_MAX_BATCH_SIZE"] = str(config.batch_size)
        get_settings.cache_clear()
    deployment = load_deployment()
    draft = config.draft or deployment.target(config.target).default_draft
    prompts = file_prompts(config.data, config.n) if config.data else generated_prompts(config.n)
    status(f"loading {config.target}/{draft} in this process (engine path)")
    engine = EnginePath(prompts, config.target, draft, config.max_new_tokens)
    status("starting the stack (pipeline path)")
    pipeline = PipelinePath(prompts, config.target, draft, config.max_new_tokens)
    runs = []
    try:
        for i in range(config.repeats):
            e_seconds, e_tokens = engine.run()
            status(f"[{i + 1}/{config.repeats}] engine: {e_tokens} tokens in {e_seconds:.2f}s")
            p_seconds, p_tokens, submit_s, batches, decode_s = pipeline.run()
            status(f"[{i + 1}/{config.repeats}] pipeline: {p_tokens} tokens in {p_seconds:.2f}s")
            if p_tokens != e_tokens:
                status(f"note: pipeline wrote {p_tokens} tokens, the engine {e_tokens} (greedy should agree)")
            runs.append(RepeatResult(e_seconds, e_tokens, p_seconds, p_tokens, submit_s, batches, decode_s))
    finally:
        pipeline.close()
    return PipelineBenchResult(
        config.n, f"{config.target}/{draft}", config.max_new_tokens, pipeline.start_seconds, runs
    )
