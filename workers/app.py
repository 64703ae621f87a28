"""The Celery app: broker, serialization and delivery guarantees, read from specq settings.

Importing this module must stay cheap (no torch): the producer imports it to enqueue.
Run workers with ``specq worker route|decode`` or plainly, e.g.
``celery -A workers.app worker -Q specq.route`` and
``celery -A workers.app worker -Q specq.decode.target-s.general -P solo -c 1``.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from specq.settings import Settings, get_settings

ROUTE_QUEUE = "specq.route"


def decode_queue(target: str, draft: str) -> str:
    """Queue of the (target, draft) pairing."""
    return f"specq.decode.{target}.{draft}"


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery settings for ``settings``; every delivery guarantee of DESIGN.md is set here."""
    # acks_late redelivers a message whose worker died, but only after the visibility timeout,
    # and a live batch running longer than it would be delivered twice: keep it far above any batch.
    transport = {"visibility_timeout": settings.visibility_timeout_s}
    return {
        "broker_url": settings.resolved_broker_url,
        "broker_transport_options": transport,
        "broker_connection_retry_on_startup": True,
        # Results and progress live in SQL; no result backend.
        "result_backend": None,
        "task_ignore_result": True,
        "task_serializer": "json",
        "result_serializer": "json",
        "event_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        # With acks_late, a message whose connection dropped is redelivered anyway: stop its task.
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_default_queue": ROUTE_QUEUE,
        "task_routes": {"workers.route.route_chunk": {"queue": ROUTE_QUEUE}},
        "imports": ("workers.route", "workers.decode", "workers.finalize"),
    }


celery_app = Celery("specq")
celery_app.conf.update(celery_config(get_settings()))


def configure(settings: Settings | None = None) -> Celery:
    """Re-read settings into the app (tests switch data dirs) and drop pooled broker connections."""
    celery_app.conf.update(celery_config(settings or get_settings()))
    celery_app._after_fork()  # public API has no "forget connections"; this is what Celery runs after fork
    return celery_app
