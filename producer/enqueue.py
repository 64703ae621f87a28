"""Sending ``route_chunk`` messages: the producer's only contact with the broker.

Messages carry ids only (job id, first and last prompt id of a chunk); the prompts stay in
SQL. Tasks are sent by name, so the producer never imports worker code (nor torch).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from specq.broker import ROUTE_TASK, celery_config, route_queue
from specq.redact import redact
from specq.settings import get_settings

log = logging.getLogger(__name__)


class BrokerUnavailable(RuntimeError):
    """No broker answered at the configured URL."""


_client: Any = None  # (broker url, Celery app) of the last call


def _app() -> Any:
    """A Celery client built from ``specq.broker`` (rebuilt when the broker URL changes)."""
    global _client
    from celery import Celery

    settings = get_settings()
    if _client is None or _client[0] != settings.resolved_broker_url:
        app = Celery("specq-producer")
        app.conf.update(celery_config(settings))
        _client = (settings.resolved_broker_url, app)
    return _client[1]


def reset_client() -> None:
    """Forget the cached client and its pooled connections (the broker was restarted)."""
    global _client
    _client = None


def broker_reachable(timeout_s: float = 2.0) -> bool:
    """True when the configured broker accepts a connection within ``timeout_s``."""
    app = _app()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.1, timeout=timeout_s)
    except Exception as exc:  # kombu raises transport-specific errors; all mean "not reachable"
        log.info("broker %s not reachable: %s", redact(get_settings().resolved_broker_url), redact(str(exc)))
        return False
    return True


def chunk_ranges(prompt_ids: Sequence[int], chunk_size: int) -> list[tuple[int, int]]:
    """Consecutive ``(first_id, last_id)`` ranges of at most ``chunk_size`` of the sorted ids."""
    ids = sorted(prompt_ids)
    return [(ids[i], ids[min(i + chunk_size, len(ids)) - 1]) for i in range(0, len(ids), chunk_size)]


def enqueue_route_chunks(
    job_id: str, prompt_ids: Sequence[int], *, chunk_size: int | None = None, interactive: bool = False
) -> int:
    """Send one ``route_chunk`` per chunk of ``prompt_ids``; return the number of messages.

    ``interactive`` sends them to the interactive route queue, which the router takes first.
    Raises :class:`BrokerUnavailable` (nothing sent) when the broker does not answer.
    A range may span prompts that already have results; the router skips those.
    """
    if not prompt_ids:
        return 0
    if not broker_reachable():
        raise BrokerUnavailable(
            f"no broker at {redact(get_settings().resolved_broker_url)}; start one with `specq up` "
            "(or set SPECQ_BROKER_URL)"
        )
    app, queue = _app(), route_queue(interactive=interactive)
    ranges = chunk_ranges(prompt_ids, chunk_size or get_settings().route_chunk_size)
    with app.producer_or_acquire() as producer:
        for first, last in ranges:
            app.send_task(ROUTE_TASK, args=[job_id, first, last], queue=queue, producer=producer)
    log.info(
        "job %s: enqueued %d route chunks (%d prompts) on %s", job_id, len(ranges), len(prompt_ids), queue
    )
    return len(ranges)
