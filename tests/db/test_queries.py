"""Query functions on SQLite and PostgreSQL: counters, idempotent upserts, cancel, assignments, views."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, func, select, text

from db import queries as q
from db.schema import Batch, BatchStatus, JobStatus, Prompt, PromptStatus, Result
from db.session import session_scope


def _job(engine: Engine, n: int = 5, *, target: str = "target-s") -> tuple[str, list[int]]:
    with session_scope(engine) as s:
        job = q.create_job(s, target=target, params={"max_new_tokens": 8})
        q.add_prompts_bulk(s, job.id, (q.PromptRow(i + 1, f"c{i}", text=f"prompt {i}") for i in range(n)))
        job.total = n
        q.set_job_status(s, job.id, JobStatus.IN_PROGRESS)
        return job.id, q.prompt_ids(s, job.id)


def _result(
    job_id: str, pid: int, *, draft: str = "general", task: str = "code", out: str = "out"
) -> q.ResultRow:
    return q.ResultRow(
        prompt_id=pid,
        job_id=job_id,
        output_text=out,
        output_tokens=4,
        finish_reason="length",
        target="target-s",
        draft=draft,
        task=task,
        steps=2,
        drafted_tokens=6,
        accepted_tokens=3,
        accepted_per_position=[2, 1, 0],
        draft_seconds=0.1,
        verify_seconds=0.3,
    )


def test_create_and_bulk_insert(engine: Engine) -> None:
    job_id, ids = _job(engine, 12)
    with session_scope(engine) as s:
        job = q.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.IN_PROGRESS and job.started_at is not None
        assert job_id.startswith("job_") and len(job_id) == 20
        assert len(ids) == 12 and ids == sorted(ids)
        chunk = q.prompts_in_range(s, job_id, ids[2], ids[5])
        assert [p.position for p in chunk] == [3, 4, 5, 6]
        assert q.job_counts(s, job_id) == q.JobCounts(12, 12, 0, 0, 0, 0)
        assert [j.id for j in q.list_jobs(s)] == [job_id]


def test_upsert_results_is_idempotent_under_redelivery(engine: Engine) -> None:
    job_id, ids = _job(engine, 4)
    first = [_result(job_id, pid) for pid in ids[:2]]
    with session_scope(engine) as s:
        outcome = q.upsert_results(s, first)
    assert (outcome.inserted, outcome.duplicates, outcome.finalized) == (2, 0, None)
    # The same batch delivered again, plus one new prompt: only the new row counts.
    with session_scope(engine) as s:
        outcome = q.upsert_results(
            s, [*[_result(job_id, pid, out="second") for pid in ids[:2]], _result(job_id, ids[2])]
        )
    assert (outcome.inserted, outcome.duplicates) == (1, 2)
    with session_scope(engine) as s:
        job = q.get_job(s, job_id)
        assert job is not None and (job.completed, job.failed, job.status) == (3, 0, JobStatus.IN_PROGRESS)
        assert s.scalar(select(func.count()).select_from(Result).where(Result.job_id == job_id)) == 3
        # First write wins: a redelivered batch never rewrites an existing result.
        assert s.scalar(select(Result.output_text).where(Result.prompt_id == ids[0])) == "out"
        assert q.job_counts(s, job_id).completed == 3
    with session_scope(engine) as s:
        outcome = q.upsert_results(s, [_result(job_id, ids[3])])
    assert outcome.finalized == JobStatus.COMPLETED
    with session_scope(engine) as s:
        job = q.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.COMPLETED and job.finished_at is not None
        # Finalization happens once.
        assert q.maybe_finalize(s, job_id) is None
        assert q.upsert_results(s, [_result(job_id, ids[3])]).finalized is None


def test_failures_count_once_and_a_later_result_replaces_them(engine: Engine) -> None:
    job_id, ids = _job(engine, 3)
    with session_scope(engine) as s:
        assert q.mark_prompts_failed(s, job_id, [(ids[0], "prompt too long"), (ids[1], "boom")]) == 2
        assert q.mark_prompts_failed(s, job_id, [(ids[0], "prompt too long")]) == 0
    with session_scope(engine) as s:
        q.upsert_results(s, [_result(job_id, ids[1])])  # a retry of ids[1] succeeded
        q.upsert_results(s, [_result(job_id, ids[2])])
    with session_scope(engine) as s:
        job = q.get_job(s, job_id)
        assert job is not None and (job.completed, job.failed, job.status) == (2, 1, JobStatus.COMPLETED)
        p0 = s.get(Prompt, ids[0])
        assert p0 is not None and (p0.status, p0.error) == (PromptStatus.FAILED, "prompt too long")
        assert q.pending_prompt_ids(s, job_id) == []


def test_routes_pending_ids_and_attempts(engine: Engine) -> None:
    job_id, ids = _job(engine, 4)
    with session_scope(engine) as s:
        q.upsert_results(s, [_result(job_id, ids[0])])
        q.set_prompt_routes(
            s,
            [
                q.PromptRoute(ids[0], "code", "general"),
                q.PromptRoute(ids[1], "math", "sorted", prompt_tokens=7),
            ],
        )
        q.bump_attempts(s, [ids[1], ids[1]])
    with session_scope(engine) as s:
        p0, p1 = s.get(Prompt, ids[0]), s.get(Prompt, ids[1])
        assert p0 is not None and p0.status == PromptStatus.DONE  # routing never un-finishes a prompt
        assert p1 is not None and (p1.task, p1.draft, p1.status, p1.prompt_tokens) == (
            "math",
            "sorted",
            PromptStatus.ROUTED,
            7,
        )
        assert p1.attempts == 1
        assert q.pending_prompt_ids(s, job_id) == ids[1:]
        assert [p.id for p in q.prompts_in_range(s, job_id, ids[0], ids[-1])] == ids[1:]
        assert len(q.prompts_in_range(s, job_id, ids[0], ids[-1], include_finished=True)) == 4
        assert [p.id for p in q.get_prompts(s, [ids[2], ids[0]])] == [ids[2], ids[0]]


def test_cancel_waits_for_running_batches(engine: Engine) -> None:
    job_id, ids = _job(engine, 4)
    batch = q.BatchRow(uuid.uuid4().hex, job_id, "target-s/general", "target-s", "general", 2, task="code")
    with session_scope(engine) as s:
        q.record_batch(s, batch)
        q.record_batch(s, batch)  # re-enqueued batch id: no second row
        q.set_batch_status(s, batch.id, BatchStatus.RUNNING, worker="w1")
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Batch)) == 1
        assert q.request_cancel(s, job_id) == JobStatus.CANCELLING
        assert q.is_cancel_requested(s, job_id)
    with session_scope(engine) as s:
        q.set_batch_status(s, batch.id, BatchStatus.DONE, seconds=1.5, output_tokens=8)
        assert q.maybe_finalize(s, job_id) == JobStatus.CANCELLED
    with session_scope(engine) as s:
        b = s.get(Batch, batch.id)
        assert b is not None and b.started_at is not None and b.finished_at is not None and b.seconds == 1.5
        assert q.request_cancel(s, job_id) == JobStatus.CANCELLED  # terminal: unchanged
        q.reopen_job(s, job_id)
        job = q.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.IN_PROGRESS and not job.cancel_requested
    with session_scope(engine) as s, pytest.raises(KeyError):
        q.request_cancel(s, "job_missing")


def test_a_cancel_too_late_to_stop_anything_ends_completed(engine: Engine) -> None:
    job_id, ids = _job(engine, 2)
    batch = q.BatchRow(uuid.uuid4().hex, job_id, "target-s/general", "target-s", "general", 2, task="code")
    with session_scope(engine) as s:
        q.record_batch(s, batch)
        q.set_batch_status(s, batch.id, BatchStatus.RUNNING, worker="w1")
        assert q.request_cancel(s, job_id) == JobStatus.CANCELLING
    with session_scope(engine) as s:  # the running batch was the last one: every prompt has its result
        q.upsert_results(s, [_result(job_id, ids[0]), _result(job_id, ids[1])])
        q.set_batch_status(s, batch.id, BatchStatus.DONE)
    with session_scope(engine) as s:
        job = q.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.COMPLETED and job.completed == 2


def test_assignments_log_changes_only(engine: Engine) -> None:
    with session_scope(engine) as s:
        assert q.get_assignment(s, "target-s", "code") is None
        q.set_assignment(s, "target-s", "code", "general", source="config")
        q.set_assignment(s, "target-s", "code", "general", acceptance=0.5, samples=10, source="online")
        a = q.set_assignment(
            s,
            "target-s",
            "code",
            "sorted",
            acceptance=0.7,
            mean_accepted=2.1,
            samples=40,
            source="online",
            reason="higher acceptance",
            evidence={"general": 0.5, "sorted": 0.7},
        )
        assert (a.draft, a.acceptance, a.samples, a.source) == ("sorted", 0.7, 40, "online")
    with session_scope(engine) as s:
        got = q.get_assignment(s, "target-s", "code")
        assert got is not None and got.draft == "sorted"
        events = q.assignment_events(s, "target-s")
        assert [(e.old_draft, e.new_draft) for e in events] == [(None, "general"), ("general", "sorted")]
        assert events[1].evidence == {"general": 0.5, "sorted": 0.7}
        assert len(q.list_assignments(s)) == 1


def test_acceptance_stats_and_views(engine: Engine) -> None:
    job_id, ids = _job(engine, 4)
    with session_scope(engine) as s:
        q.upsert_results(
            s,
            [
                _result(job_id, ids[0], draft="general"),
                _result(job_id, ids[1], draft="general"),
                _result(job_id, ids[2], draft="sorted"),
            ],
        )
        # sorted: more accepted per step on the same task.
        s.execute(
            Result.__table__.update()
            .where(Result.prompt_id == ids[2])
            .values(accepted_tokens=5, drafted_tokens=6)
        )
    with session_scope(engine) as s:
        stats = q.acceptance_stats(s, "target-s", "code")
        assert [(d.draft, d.prompts, d.drafted, d.accepted, d.steps) for d in stats] == [
            ("sorted", 1, 6, 5, 2),
            ("general", 2, 12, 6, 4),
        ]
        assert stats[1].acceptance == pytest.approx(0.5) and stats[1].mean_accepted == pytest.approx(1.5)
        acc = s.execute(
            text(
                "SELECT draft, prompts, drafted, accepted, acceptance_rate, mean_accepted_per_step, "
                "tokens_per_s FROM v_acceptance WHERE job_id = :j ORDER BY draft"
            ),
            {"j": job_id},
        ).all()
        assert [tuple(r[:4]) for r in acc] == [("general", 2, 12, 6), ("sorted", 1, 6, 5)]
        assert acc[0][4] == pytest.approx(0.5) and acc[0][5] == pytest.approx(1.5)
        assert acc[0][6] == pytest.approx(8 / 0.8)  # 8 tokens over 0.8 s of engine time
        board = s.execute(
            text(
                "SELECT draft, rank FROM v_draft_leaderboard "
                "WHERE target = 'target-s' AND task = 'code' ORDER BY rank"
            )
        ).all()
        assert [tuple(r) for r in board] == [("sorted", 1), ("general", 2)]


def test_job_summary_speedup_against_a_plain_decoding_baseline(engine: Engine) -> None:
    def run(draft: str, seconds: float) -> str:
        job_id, ids = _job(engine, 2)
        b = q.BatchRow(uuid.uuid4().hex, job_id, f"target-s/{draft}", "target-s", draft, 2)
        with session_scope(engine) as s:
            q.record_batch(s, b)
            q.set_batch_status(s, b.id, BatchStatus.DONE, seconds=seconds, output_tokens=8)
            q.upsert_results(s, [_result(job_id, pid, draft=draft) for pid in ids])
        return job_id

    base = run("none", 4.0)  # 2 tokens/s
    spec = run("general", 1.0)  # 8 tokens/s
    with session_scope(engine) as s:
        rows = {
            r.job_id: r
            for r in s.execute(
                text(
                    "SELECT job_id, status, output_tokens, decode_tokens_per_s, is_baseline, speedup "
                    "FROM v_job_summary"
                )
            )
        }
    assert rows[base].is_baseline == 1 and rows[spec].is_baseline == 0
    assert rows[spec].status == "completed" and rows[spec].output_tokens == 8
    assert rows[spec].decode_tokens_per_s == pytest.approx(8.0)
    assert rows[spec].speedup == pytest.approx(4.0)
    assert rows[base].speedup is None  # no other baseline to compare with


def test_iter_job_lines_merges_errors_in_input_order(engine: Engine) -> None:
    with session_scope(engine) as s:
        job = q.create_job(s, target="target-s")
        q.add_prompts_bulk(s, job.id, [q.PromptRow(2, "a", text="x"), q.PromptRow(5, "b", text="y")])
        q.add_input_errors(
            s,
            job.id,
            [
                q.InputErrorRow(6, "bad", raw="z" * 500),
                q.InputErrorRow(1, "bad json"),
                q.InputErrorRow(3, "dup", custom_id="a"),
            ],
        )
        job_id = job.id
    with session_scope(engine) as s:
        lines = list(q.iter_job_lines(s, job_id, chunk=1))  # chunk=1 exercises the paging
        assert [(ln.position, ln.prompt is not None) for ln in lines] == [
            (1, False),
            (2, True),
            (3, False),
            (5, True),
            (6, False),
        ]
        assert lines[4].input_error is not None and len(lines[4].input_error.raw or "") == 200
