"""The Celery app: broker, serialization and delivery guarantees, read from specq settings.

Importing this module must stay cheap (no torch): the producer imports it to enqueue.
Run workers with ``specq worker route|decode`` or plainly, e.g.
``celery -A workers.app worker -Q specq.route.interactive,specq.route`` (the interactive queue
first: a worker polls its queues in the order listed) and
``celery -A workers.app worker -Q specq.decode.target-s,specq.decode.target-s.general -P threads -c 2``
(its interactive lane, ``workers/lane.py``, takes ``specq.interactive.target-s`` by itself).
"""

from __future__ import annotations

from typing import Any

from celery import Celery, signals

from specq.broker import (
    DECODE_TASK,
    INTERACTIVE_ROUTE_QUEUE,
    ROUTE_QUEUE,
    celery_config,
    decode_queue,
    target_queue,
)
from specq.settings import Settings, get_settings

__all__ = ["ROUTE_QUEUE", "celery_app", "configure", "decode_queue", "send_decode"]

# workers.lane registers the decode worker's interactive lane (a consumer bootstep) on import.
_TASK_MODULES = ("workers.route", "workers.decode", "workers.finalize", "workers.lane")
celery_app = Celery("specq")
celery_app.conf.update(celery_config(get_settings()), imports=_TASK_MODULES)


def configure(settings: Settings | None = None) -> Celery:
    """Re-read settings into the app (tests switch data dirs) and drop pooled broker connections."""
    celery_app.conf.update(celery_config(settings or get_settings()), imports=_TASK_MODULES)
    celery_app._after_fork()  # public API has no "forget connections"; this is what Celery runs after fork
    return celery_app


def send_decode(batch_id: str, target: str, interactive: bool = False) -> None:
    """Enqueue ``decode_batch(batch_id)`` on the target's decode queue, or its interactive queue
    (the batch row, already committed, holds its prompts, each with its task and draft)."""
    celery_app.send_task(DECODE_TASK, args=[batch_id], queue=target_queue(target, interactive=interactive))


@signals.worker_ready.connect
def _serve_metrics(sender: Any = None, **_: Any) -> None:
    """Serve this worker's Prometheus metrics when ``SPECQ_METRICS_PORT`` is set (``specq up`` sets it)."""
    settings = get_settings()
    if not settings.metrics_port:
        return
    from specq.deployment import load_deployment
    from workers.metrics import serve_metrics

    deployment = load_deployment()
    queues = [INTERACTIVE_ROUTE_QUEUE, ROUTE_QUEUE]
    queues += [target_queue(t, interactive=True) for t in deployment.targets]
    queues += [target_queue(t) for t in deployment.targets]
    queues += [decode_queue(t, d) for t, d in deployment.all_pairings()]
    serve_metrics(settings.metrics_host, settings.metrics_port, queues, settings.resolved_broker_url)
