"""`specq resume --retry-failed`: failed prompts under the attempt limit are decoded again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, update

import producer
from db.schema import Job, Prompt, PromptStatus
from db.session import session_scope
from producer.control import resume
from specq.broker import ROUTE_TASK
from specq.deployment import Deployment
from tests.producer.jobs import finished_job


def test_retry_failed_reopens_and_enqueues_the_failed_prompt(
    db_env: Path, local_deployment: Deployment, tmp_path: Path, memory_broker: Any
) -> None:
    job_id = finished_job(tmp_path, local_deployment)
    with session_scope(read_only=True) as s:
        (failed_id,) = s.scalars(select(Prompt.id).where(Prompt.job_id == job_id, Prompt.status == "failed"))
    memory_broker()  # drop the submit's own messages

    plain = resume(job_id)  # without --retry-failed a failed prompt stays failed
    assert (plain.prompts, plain.retried) == (0, 0) and memory_broker() == []

    r = resume(job_id, retry_failed=True)
    assert (r.prompts, r.retried, r.at_limit, r.status) == (1, 1, 0, "in_progress")
    assert memory_broker() == [(ROUTE_TASK, [job_id, failed_id, failed_id])]
    with session_scope(read_only=True) as s:
        prompt = s.get(Prompt, failed_id)
        job = s.get(Job, job_id)
        assert prompt is not None and job is not None
        assert (prompt.status, prompt.error, job.failed, job.completed) == (PromptStatus.PENDING, None, 0, 3)
    assert producer.status(job_id).request_counts["failed"] == 1  # the invalid input line only


def test_prompts_at_the_attempt_limit_stay_failed(
    db_env: Path, local_deployment: Deployment, tmp_path: Path, memory_broker: Any
) -> None:
    job_id = finished_job(tmp_path, local_deployment)
    with session_scope() as s:
        s.execute(update(Prompt).where(Prompt.job_id == job_id).values(attempts=3))
    r = resume(job_id, retry_failed=True, max_attempts=3)
    assert (r.prompts, r.retried, r.at_limit) == (0, 0, 1)
