"""The producer API against a real SQLite database: submit, status, export, cancel, resume, enqueue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import producer
from db import queries as q
from db.schema import JobStatus
from db.session import session_scope
from producer.enqueue import ROUTE_TASK, BrokerUnavailable, chunk_ranges
from producer.submit import SubmitError
from producer.submit import submit_job as _submit_job
from specq.deployment import Deployment

LINES: list[Any] = [
    {"prompt": "hello world", "custom_id": "a"},  # 1
    "{oops",  # 2
    {"messages": [{"role": "user", "content": "hello"}], "custom_id": "b", "max_new_tokens": 3},  # 3
    {"prompt": " "},  # 4
    {"prompt": "hello a long prompt", "custom_id": "a"},  # 5 duplicate
    {"prompt": "the end"},  # 6
]


def submit_job(*args: Any, **kwargs: Any) -> Any:
    """The tokenizer-only target has a 16-token context: keep generations short."""
    kwargs.setdefault("max_new_tokens", 4)
    return _submit_job(*args, **kwargs)


def _write(path: Path, lines: list[Any]) -> Path:
    path.write_text("\n".join(ln if isinstance(ln, str) else json.dumps(ln) for ln in lines) + "\n")
    return path


def test_submit_records_good_and_bad_lines_without_a_broker(
    db_env: Path, local_deployment: Deployment, tmp_path: Path
) -> None:
    seen: list[str] = []

    def created(job_id: str) -> None:
        seen.append(producer.status(job_id).status)  # committed before validation starts

    r = submit_job(
        _write(tmp_path / "in.jsonl", LINES),
        "t",
        deployment=local_deployment,
        name="demo",
        on_created=created,
    )
    assert seen == [JobStatus.VALIDATING]
    assert (r.status, r.total, r.invalid, r.enqueued, r.length_checked) == (
        JobStatus.IN_PROGRESS,
        3,
        3,
        False,
        True,
    )
    assert "not enqueued" in r.message and "specq up" in r.message
    rep = producer.status(r.job_id)
    assert (rep.name, rep.target, rep.status, rep.total, rep.invalid) == ("demo", "t", "in_progress", 3, 3)
    assert rep.request_counts == {"total": 6, "completed": 0, "failed": 3}
    assert [(e.line, e.custom_id) for e in rep.input_errors] == [(2, None), (4, None), (5, "a")]
    with session_scope() as s:
        prompts = q.get_prompts(s, q.prompt_ids(s, r.job_id))
        job = q.get_job(s, r.job_id)
        assert job is not None and job.input_format == "jsonl"
        assert job.params == {
            "max_new_tokens": 4,
            "temperature": 0.0,
            "top_p": 1.0,
            "seed": None,
            "stop": None,
        }
    assert [(p.position, p.custom_id, p.prompt_tokens) for p in prompts] == [
        (1, "a", None),  # 11 bytes + 4 new tokens surely fit in 16: not tokenized
        (3, "b", 5),  # "user: hello\nassistant:" (22 bytes) is counted
        (6, "line-6", None),
    ]
    assert prompts[1].messages == [{"role": "user", "content": "hello"}] and prompts[1].params == {
        "max_new_tokens": 3
    }
    assert [j.id for j in producer.jobs()] == [r.job_id]


def test_unknown_target_and_bad_defaults_are_refused_before_any_job(
    db_env: Path, local_deployment: Deployment
) -> None:
    with pytest.raises(SubmitError, match=r"unknown target 'nope'.*defines: t\."):
        submit_job(["{}"], "nope", deployment=local_deployment)
    with pytest.raises(SubmitError, match="draft 'general' does not serve target 't'"):
        submit_job(['{"prompt": "x"}'], "t", deployment=local_deployment, draft="general")
    with pytest.raises(SubmitError, match="top_p must be"):
        submit_job(['{"prompt": "x"}'], "t", deployment=local_deployment, top_p=0.0)
    assert producer.jobs() == []


def test_pinned_plain_decoding_baseline(db_env: Path, local_deployment: Deployment) -> None:
    r = submit_job(['{"prompt": "x"}'], "t", deployment=local_deployment, draft="none", enqueue=False)
    with session_scope() as s:
        job = q.get_job(s, r.job_id)
        assert job is not None and job.params["draft"] == "none"
    assert "resume" in r.message


def test_no_valid_line_fails_the_job_with_a_clear_message(
    db_env: Path, local_deployment: Deployment, tmp_path: Path
) -> None:
    r = submit_job(_write(tmp_path / "bad.jsonl", ["{x", {"prompt": ""}]), "t", deployment=local_deployment)
    assert (r.status, r.total, r.invalid, r.enqueued) == (JobStatus.FAILED, 0, 2, False)
    assert "no valid line" in r.message and "line 1: malformed JSON" in r.message
    rep = producer.status(r.job_id)
    assert rep.status == "failed" and rep.error == r.message and rep.finished_at is not None


def test_missing_file_is_refused_before_any_job(
    db_env: Path, local_deployment: Deployment, tmp_path: Path
) -> None:
    for path, reason in [(tmp_path / "missing.jsonl", "does not exist"), (tmp_path, "is a directory")]:
        with pytest.raises(SubmitError, match=reason):
            submit_job(path, "t", deployment=local_deployment)
    assert producer.jobs() == []


def _finish_some(job_id: str) -> None:
    """Stand in for the decode workers: line 1 decoded, line 3 failed, line 6 still pending."""
    with session_scope() as s:
        ids = q.prompt_ids(s, job_id)
        q.upsert_results(
            s,
            [
                q.ResultRow(
                    prompt_id=ids[0],
                    job_id=job_id,
                    output_text="hi there",
                    output_tokens=2,
                    prompt_tokens=2,
                    finish_reason="stop",
                    target="t",
                    draft="general",
                    task="chat",
                    k=4.0,
                    steps=1,
                    drafted_tokens=4,
                    accepted_tokens=1,
                    accepted_per_position=[1, 0, 0, 0],
                )
            ],
        )
        q.mark_prompts_failed(s, job_id, [(ids[1], "CUDA out of memory")])


def test_export_has_one_line_per_input_line_in_order(
    db_env: Path, local_deployment: Deployment, tmp_path: Path
) -> None:
    r = submit_job(_write(tmp_path / "in.jsonl", LINES), "t", deployment=local_deployment)
    _finish_some(r.job_id)
    summary = producer.export(r.job_id, tmp_path / "out.jsonl")
    recs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert (summary.lines, summary.completed, summary.failed, summary.pending) == (6, 1, 4, 1)
    assert [(x["line"], x["custom_id"], x["status"]) for x in recs] == [
        (1, "a", "completed"),
        (2, None, "invalid"),
        (3, "b", "failed"),
        (4, None, "invalid"),
        (5, "a", "invalid"),
        (6, "line-6", "pending"),
    ]
    done = recs[0]
    assert (done["output"], done["finish_reason"], done["draft"], done["task"]) == (
        "hi there",
        "stop",
        "general",
        "chat",
    )
    assert (done["acceptance_rate"], done["mean_accepted_per_step"], done["accepted_per_position"]) == (
        0.25,
        1.0,
        [1, 0, 0, 0],
    )
    assert recs[2]["error"] == "CUDA out of memory"
    assert recs[4]["error"] == "duplicate custom_id 'a' (first used on line 1)"
    assert recs == list(producer.results(r.job_id))

    summary = producer.export(r.job_id, tmp_path / "openai.jsonl", format="openai")
    oa = [json.loads(x) for x in (tmp_path / "openai.jsonl").read_text().splitlines()]
    errors = [json.loads(x) for x in (tmp_path / "openai.errors.jsonl").read_text().splitlines()]
    assert (summary.lines, summary.error_lines) == (1, 4)
    assert summary.error_path == tmp_path / "openai.errors.jsonl"
    # As OpenAI's: successes in the output file, failures in the error file; pending line 6 in neither.
    assert [x["custom_id"] for x in oa] == ["a"]
    assert [x["custom_id"] for x in errors] == [None, "b", None, "a"]
    body = oa[0]["response"]["body"]
    assert oa[0]["response"]["status_code"] == 200 and oa[0]["error"] is None
    assert body["object"] == "text_completion" and body["choices"][0]["text"] == "hi there"
    assert body["usage"] == {"prompt_tokens": 2, "completion_tokens": 2, "total_tokens": 4}
    assert body["specq"]["draft"] == "general" and body["specq"]["accepted_per_position"] == [1, 0, 0, 0]
    failed = errors[1]["response"]
    assert failed["status_code"] == 500 and failed["body"]["error"]["code"] == "generation_failed"
    invalid = errors[0]["response"]
    assert invalid["status_code"] == 400 and invalid["body"]["error"]["code"] == "invalid_request"
    assert invalid["body"]["error"]["message"].startswith("line 2: malformed")
    assert all(e["error"] is None for e in errors)

    producer.cancel(r.job_id)  # nothing running: cancelled at once; line 6 is never decoded
    producer.export(r.job_id, tmp_path / "c.jsonl", format="openai")
    last = json.loads((tmp_path / "c.errors.jsonl").read_text().splitlines()[-1])
    assert (last["custom_id"], last["response"], last["error"]["code"]) == ("line-6", None, "batch_cancelled")


def test_enqueue_sends_route_chunks_by_name(
    memory_broker: Any, local_deployment: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECQ_ROUTE_CHUNK_SIZE", "2")
    from specq.settings import get_settings

    get_settings.cache_clear()
    lines = [{"prompt": f"hello {i}"} for i in range(5)]
    r = submit_job(lines, "t", deployment=local_deployment)
    assert r.enqueued and r.message == ""
    with session_scope() as s:
        ids = q.prompt_ids(s, r.job_id)
    sent = memory_broker()
    assert sent == [
        (ROUTE_TASK, [r.job_id, ids[0], ids[1]]),
        (ROUTE_TASK, [r.job_id, ids[2], ids[3]]),
        (ROUTE_TASK, [r.job_id, ids[4], ids[4]]),
    ]


def test_resume_reenqueues_prompts_without_results_and_reopens(
    memory_broker: Any, local_deployment: Deployment, tmp_path: Path
) -> None:
    r = submit_job(_write(tmp_path / "in.jsonl", LINES), "t", deployment=local_deployment)
    memory_broker()
    _finish_some(r.job_id)
    assert producer.cancel(r.job_id) == JobStatus.CANCELLED  # no batch running
    res = producer.resume(r.job_id)
    with session_scope() as s:
        pending = q.pending_prompt_ids(s, r.job_id)
    assert (res.prompts, res.messages, res.status) == (1, 1, JobStatus.IN_PROGRESS)
    assert memory_broker() == [(ROUTE_TASK, [r.job_id, pending[0], pending[0]])]
    rep = producer.status(r.job_id)
    assert rep.status == "in_progress" and rep.finished_at is None
    # specq up on a fresh broker: every unfinished prompt of every active job again.
    assert [x.prompts for x in producer.enqueue_unfinished()] == [1]
    assert len(memory_broker()) == 1


def test_resume_without_a_broker_changes_nothing(db_env: Path, local_deployment: Deployment) -> None:
    r = submit_job(['{"prompt": "x"}'], "t", deployment=local_deployment)
    producer.cancel(r.job_id)
    with pytest.raises(BrokerUnavailable, match="specq up"):
        producer.resume(r.job_id)
    assert producer.status(r.job_id).status == "cancelled"
    with pytest.raises(producer.JobNotFound):
        producer.resume("job_0000000000000000")


def test_chunk_ranges() -> None:
    assert chunk_ranges([5, 1, 2, 9, 10], 2) == [(1, 2), (5, 9), (10, 10)]
    assert chunk_ranges([], 3) == []


def test_an_interactive_job_takes_the_interactive_route_queue_and_keeps_it_on_resume(
    memory_broker: Any, local_deployment: Deployment
) -> None:
    from db.schema import Job, JobPriority
    from specq.broker import INTERACTIVE_ROUTE_QUEUE

    bulk = submit_job([{"prompt": "hello"}], "t", deployment=local_deployment)
    quick = submit_job([{"prompt": "hi"}], "t", deployment=local_deployment, priority="interactive")
    with session_scope() as s:
        (bulk_id,) = q.prompt_ids(s, bulk.job_id)
        (quick_id,) = q.prompt_ids(s, quick.job_id)
        assert s.get(Job, bulk.job_id).priority == JobPriority.BULK  # type: ignore[union-attr]
        assert s.get(Job, quick.job_id).priority == JobPriority.INTERACTIVE  # type: ignore[union-attr]
    assert memory_broker() == [(ROUTE_TASK, [bulk.job_id, bulk_id, bulk_id])]
    assert memory_broker(INTERACTIVE_ROUTE_QUEUE) == [(ROUTE_TASK, [quick.job_id, quick_id, quick_id])]
    producer.cancel(quick.job_id)
    producer.resume(quick.job_id)  # e.g. `specq up` on a fresh broker: the same lane again
    assert memory_broker() == []
    assert memory_broker(INTERACTIVE_ROUTE_QUEUE) == [(ROUTE_TASK, [quick.job_id, quick_id, quick_id])]
    with pytest.raises(SubmitError, match="priority 'urgent' is not one of: bulk, interactive"):
        submit_job([{"prompt": "hi"}], "t", deployment=local_deployment, priority="urgent")
