"""Prometheus metrics of a worker process, named in the vLLM spirit.

Each worker serves its own registry on ``/metrics`` at ``SPECQ_METRICS_PORT`` (the stack gives
every worker it starts a port of its own, from ``SPECQ_METRICS_BASE_PORT`` up; 0 = off), so
Prometheus scrapes workers on any machine without a shared multiprocess directory. The
counters are fed from the very rows the decode worker writes to SQL (``db.queries.ResultRow``),
so a scrape and ``SELECT SUM(...) FROM results`` agree by construction.

Decode workers count tokens and prompts; every worker (the router included) reports the depth
of the route queue and of every decode queue, read from the broker at scrape time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from db.queries import ResultRow

log = logging.getLogger(__name__)

ROW_LABELS = ("target", "draft", "task")
# Decode-batch wall seconds: CPU batches take seconds to minutes, GPU ones tens of milliseconds.
BATCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)


class WorkerMetrics:
    """The metrics one worker process exports (a registry of its own, so tests can make several)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.draft_tokens = Counter(
            "specq_spec_decode_num_draft_tokens", "Draft tokens proposed.", ROW_LABELS, registry=r
        )
        self.accepted_tokens = Counter(
            "specq_spec_decode_num_accepted_tokens",
            "Draft tokens the target accepted.",
            ROW_LABELS,
            registry=r,
        )
        self.accepted_per_pos = Counter(
            "specq_spec_decode_num_accepted_tokens_per_pos",
            "Verify steps in which the draft token at this position was accepted.",
            (*ROW_LABELS, "position"),
            registry=r,
        )
        self.verify_steps = Counter(
            "specq_spec_decode_num_verify_steps", "Target verification passes.", ROW_LABELS, registry=r
        )
        self.generation_tokens = Counter(
            "specq_generation_tokens", "Output tokens generated.", ROW_LABELS, registry=r
        )
        self.prompt_tokens = Counter(
            "specq_prompt_tokens", "Prompt tokens prefilled.", ROW_LABELS, registry=r
        )
        self.prompts_completed = Counter(
            "specq_prompts_completed", "Prompts decoded and written.", ROW_LABELS, registry=r
        )
        self.prompts_failed = Counter(
            "specq_prompts_failed", "Prompts that failed decoding.", ("target", "draft"), registry=r
        )
        self.batch_seconds = Histogram(
            "specq_batch_seconds", "Decode wall seconds per batch.", ("target", "draft"),
            buckets=BATCH_BUCKETS, registry=r,
        )  # fmt: skip

    def observe_results(self, rows: Iterable[ResultRow]) -> None:
        """Count the speculation statistics of result rows just written to SQL."""
        for row in rows:
            labels = (row.target, row.draft, row.task or "default")
            self.draft_tokens.labels(*labels).inc(row.drafted_tokens)
            self.accepted_tokens.labels(*labels).inc(row.accepted_tokens)
            self.verify_steps.labels(*labels).inc(row.steps)
            self.generation_tokens.labels(*labels).inc(row.output_tokens)
            self.prompt_tokens.labels(*labels).inc(row.prompt_tokens or 0)
            self.prompts_completed.labels(*labels).inc()
            for position, count in enumerate(row.accepted_per_position or []):
                self.accepted_per_pos.labels(*labels, str(position)).inc(count)

    def observe_failures(self, target: str, draft: str, n: int) -> None:
        if n:
            self.prompts_failed.labels(target, draft).inc(n)

    def observe_batch(self, target: str, draft: str, seconds: float) -> None:
        self.batch_seconds.labels(target, draft).observe(seconds)

    def watch_queues(self, depths: Callable[[], dict[str, int]]) -> None:
        """Report ``depths()`` (queue name -> waiting messages) as ``specq_queue_depth`` at scrape time."""
        self.registry.register(_QueueDepth(depths))


class _QueueDepth(Collector):
    def __init__(self, depths: Callable[[], dict[str, int]]) -> None:
        self._depths = depths

    def collect(self) -> Iterable[Any]:
        gauge = GaugeMetricFamily("specq_queue_depth", "Messages waiting in a specq queue.", labels=["queue"])
        try:
            depths = self._depths()
        except Exception as exc:  # a scrape must not fail because the broker is briefly away
            log.warning("queue depth unavailable: %s", exc)
            depths = {}
        for queue, n in sorted(depths.items()):
            gauge.add_metric([queue], n)
        yield gauge


def redis_queue_depths(broker_url: str, queues: Sequence[str]) -> Callable[[], dict[str, int]]:
    """A reader of the waiting messages per queue on a Redis broker (kombu keeps a queue in a list)."""
    import redis

    client = redis.Redis.from_url(broker_url, socket_timeout=2)

    def depths() -> dict[str, int]:
        return {q: int(client.llen(q)) for q in queues}

    return depths


_metrics: WorkerMetrics | None = None


def worker_metrics() -> WorkerMetrics:
    """This process's metrics (created on first use)."""
    global _metrics
    if _metrics is None:
        _metrics = WorkerMetrics()
    return _metrics


def serve_metrics(host: str, port: int, queues: Sequence[str], broker_url: str) -> WorkerMetrics:
    """Serve this process's metrics on ``host:port`` (docker-compose binds all interfaces)."""
    metrics = worker_metrics()
    if queues and broker_url.startswith(("redis://", "rediss://", "redis+socket://", "unix://")):
        url = broker_url.replace("redis+socket://", "unix://", 1)
        metrics.watch_queues(redis_queue_depths(url, queues))
    start_http_server(port, addr=host, registry=metrics.registry)
    log.info("metrics on http://%s:%d/metrics", host, port)
    return metrics
