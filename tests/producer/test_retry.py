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


def test_reuse_serves_identical_greedy_requests_from_earlier_results(
    db_env: Path, local_deployment: Deployment, tmp_path: Path, memory_broker: Any
) -> None:
    from db.schema import REUSED_DRAFT, Result
    from producer.report import report
    from producer.submit import submit_job

    first = finished_job(tmp_path, local_deployment)  # 3 of its 4 prompts have results
    memory_broker()
    src = tmp_path / "in.jsonl"  # the same file, the same parameters
    again = submit_job(src, "t", deployment=local_deployment, max_new_tokens=8, reuse=True)
    assert again.reused == 3 and again.enqueued
    with session_scope(read_only=True) as s:
        rows = {r.prompt_id: r for r in s.scalars(select(Result).where(Result.job_id == again.job_id))}
        originals = {r.id: r for r in s.scalars(select(Result).where(Result.job_id == first))}
        pending = list(
            s.scalars(select(Prompt.id).where(Prompt.job_id == again.job_id, Prompt.status == "pending"))
        )
    assert len(rows) == 3 and len(pending) == 1
    for r in rows.values():
        orig = originals[r.reused_from]  # type: ignore[index]
        assert (r.output_text, r.output_tokens, r.draft, r.drafted_tokens) == (
            orig.output_text, orig.output_tokens, REUSED_DRAFT, 0)  # fmt: skip
    # Only the prompt without an earlier result is decoded.
    assert memory_broker() == [(ROUTE_TASK, [again.job_id, pending[0], pending[0]])]
    assert "<td>reused (served from earlier identical requests)</td><td>3</td>" in report(again.job_id)

    sampled = submit_job(src, "t", deployment=local_deployment, max_new_tokens=8, temperature=0.7, reuse=True)
    other = submit_job(src, "t", deployment=local_deployment, max_new_tokens=9, reuse=True)
    off = submit_job(src, "t", deployment=local_deployment, max_new_tokens=8)
    assert (sampled.reused, other.reused, off.reused) == (0, 0, 0)  # sampled, other params, reuse off
