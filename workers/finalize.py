"""Job finalization: move a job to its terminal state once its work is over.

Decode batches finalize inside their own transaction (``queries.upsert_results`` calls
``maybe_finalize``), so this task is the safety net: `specq run` and resume call it when a
job's counters reached its total but the transition was never written (say the last batch's
worker was killed between its commit and a later step), and it is cheap to call twice.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import OperationalError

from db import queries
from db.session import session_scope
from workers.app import celery_app

log = logging.getLogger(__name__)


def finalize(job_id: str) -> str | None:
    """Finalize ``job_id`` if its work is over; return the new status (None: nothing changed)."""
    with session_scope() as session:
        status = queries.maybe_finalize(session, job_id)
    if status is not None:
        log.info("job %s -> %s", job_id, status)
    return status


@celery_app.task(
    name="workers.finalize.finalize_job",
    # The database briefly unreachable or locked: try again later (finalizing twice is a no-op).
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def finalize_job(job_id: str) -> dict[str, Any]:
    """Celery task wrapper of :func:`finalize`."""
    return {"job_id": job_id, "status": finalize(job_id)}
