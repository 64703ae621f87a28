"""Hostile and unlucky input against a real database on both backends (issue 14, item 3).

Every probe puts a good line before the hostile one: the submission must record the good
line as a prompt, the hostile one as an input error naming its line and reason, and end
``in_progress``; never a traceback, never a job left ``validating``.
PostgreSQL runs skip with the reason when the server is unreachable.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from db import queries
from db.schema import InputError, Job, JobStatus, Prompt
from db.session import session_scope
from producer.control import cancel
from producer.submit import submit_job
from specq.deployment import Deployment

GOOD = {"prompt": "hello world", "custom_id": "good"}

_DEEP_META: Any = []
for _ in range(31):
    _DEEP_META = [_DEEP_META]  # 32 nested lists under a message: 33 levels with the message

# name -> (hostile JSONL line, a fragment of the reason it must be refused with)
JSONL_PROBES: dict[str, tuple[str | bytes, str]] = {
    "10k-deep nesting": ("[" * 10_000 + "]" * 10_000, "nested too deeply"),
    "deep nesting in a stored value": (
        json.dumps({"messages": [{"role": "user", "content": "hi", "meta": _DEEP_META}]}),
        "nested more than 32 levels",
    ),
    "content part text not a string": (
        json.dumps({"messages": [{"role": "user", "content": [{"type": "text", "text": 5}]}]}),
        "messages[0].content[0].text must be a string, got int",
    ),
    "content part not text": (
        json.dumps({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": "x"}]}]}),
        "must be a text part",
    ),
    "5000-digit integer": ('{"prompt": "hi", "seed": ' + "9" * 5000 + "}", "more than 4300 digits"),
    "lone surrogate in the prompt": (
        '{"prompt": "a\\ud800b"}',
        "lone UTF-16 surrogate (U+D800) at character 2",
    ),
    "lone surrogate in custom_id": ('{"prompt": "ab", "custom_id": "\\udfff"}', "custom_id contains a lone"),
    "NUL in the prompt": ('{"prompt": "a\\u0000b"}', "prompt contains a NUL character"),
    "NUL in custom_id": ('{"prompt": "ab", "custom_id": "x\\u0000y"}', "custom_id contains a NUL"),
    "NUL in a message": (
        json.dumps({"messages": [{"role": "user", "content": "a\u0000b"}]}),
        "messages[0].content contains a NUL",
    ),
    "NUL in a stop string": ('{"prompt": "ab", "stop": ["\\u0000"]}', "stop[0] contains a NUL"),
    "raw NUL byte in the line": ('{"prompt": "a\x00b"}', "malformed JSON"),
    "NaN temperature": ('{"prompt": "ab", "temperature": NaN}', "temperature must be a finite number"),
    "Infinity temperature": ('{"prompt": "ab", "temperature": Infinity}', "temperature must be a finite"),
    "1e308 temperature": ('{"prompt": "ab", "temperature": 1e308}', "in [0, 2], got 1e+308"),
    "NaN in a stored message": (
        '{"messages": [{"role": "user", "content": "x", "w": NaN}]}',
        "must be finite",
    ),
    "seed 2^70": (
        '{"prompt": "ab", "seed": ' + str(2**70) + "}",
        "seed must be an integer in [0, 9223372036854775807]",
    ),
    "negative seed": ('{"prompt": "ab", "seed": -1}', "seed must be an integer in [0,"),
    "100k-entry stop list": (
        json.dumps({"prompt": "ab", "stop": ["x"] * 100_000}),
        "stop has 100000 entries",
    ),
    "long stop string": (json.dumps({"prompt": "ab", "stop": "x" * 300}), "stop[0] is longer than 256 bytes"),
    "top_p NaN": ('{"prompt": "ab", "top_p": NaN}', "top_p must be a number in (0, 1]"),
    "max_new_tokens 10^9": (
        '{"prompt": "ab", "max_new_tokens": 1000000000}',
        "leaves no room for the prompt",
    ),
    "huge custom_id integer": ('{"prompt": "ab", "custom_id": ' + "7" * 4000 + "}", "custom_id is longer"),
    "invalid UTF-8": (b'{"prompt": "\xff"}', "invalid UTF-8 at byte 12"),
}


def _write(path: Path, lines: list[str | bytes]) -> Path:
    blobs = [ln if isinstance(ln, bytes) else ln.encode("utf-8", "surrogatepass") for ln in lines]
    path.write_bytes(b"\n".join(blobs) + b"\n")
    return path


def _recorded(eng: Engine, job_id: str) -> tuple[Job, list[Prompt], list[InputError]]:
    with session_scope(eng) as s:
        job = s.get(Job, job_id)
        prompts = list(s.scalars(select(Prompt).where(Prompt.job_id == job_id).order_by(Prompt.position)))
        errors = list(
            s.scalars(select(InputError).where(InputError.job_id == job_id).order_by(InputError.position))
        )
        s.expunge_all()
    assert job is not None
    return job, prompts, errors


@pytest.mark.parametrize("probe", sorted(JSONL_PROBES))
def test_a_hostile_jsonl_line_is_one_input_error(
    probe: str,
    backend: Engine,
    local_deployment: Deployment,
    tmp_path: Path,
) -> None:
    line, reason = JSONL_PROBES[probe]
    path = _write(tmp_path / "in.jsonl", [json.dumps(GOOD), line])
    r = submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False, max_new_tokens=4)
    job, prompts, errors = _recorded(backend, r.job_id)
    assert (r.status, job.status, r.total, r.invalid) == (JobStatus.IN_PROGRESS, JobStatus.IN_PROGRESS, 1, 1)
    assert [(p.position, p.custom_id, p.text) for p in prompts] == [(1, "good", "hello world")]
    assert [e.position for e in errors] == [2]
    assert reason in errors[0].reason, errors[0].reason


def test_hostile_csv_cells_and_lines(backend: Engine, local_deployment: Deployment, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        b"custom_id,prompt,temperature\n"  # 1
        b"a,hello world,\n"  # 2
        b'b,"bad"x,\n'  # 3 malformed quoting: an error on its own line, not one line early
        b"c,w\xff\xfeorld,\n"  # 4 invalid UTF-8 on a data line: that line only, not a "header" error
        b"d,x\x00y,\n"  # 5 NUL in a cell
        b"e,hello,nan\n"  # 6 NaN temperature
        b'f,"two\nlines",\n'  # 7-8 a quoted newline: one record, numbered by its last line
        b"g,the end,\n"  # 9
    )
    r = submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False, max_new_tokens=4)
    job, prompts, errors = _recorded(backend, r.job_id)
    assert job.status == JobStatus.IN_PROGRESS and job.input_format == "csv"
    assert [(p.position, p.custom_id) for p in prompts] == [(2, "a"), (8, "f"), (9, "g")]
    reasons = {e.position: e.reason for e in errors}
    assert sorted(reasons) == [3, 4, 5, 6]
    assert reasons[3].startswith("malformed CSV")
    assert reasons[4] == "invalid UTF-8 at line 4, byte 3: b'\\xff\\xfeor'"
    assert "prompt contains a NUL character" in reasons[5]
    assert "temperature must be a finite number" in reasons[6]


def test_unterminated_quote_names_where_the_record_started(
    local_deployment: Deployment, tmp_path: Path
) -> None:
    from producer.readers import read_input

    path = tmp_path / "in.csv"
    path.write_bytes(b'prompt\nok\n"never closed\nmore\n')
    lines = list(read_input(path))
    assert [(ln.position, ln.prompt, ln.error) for ln in lines[:1]] == [(2, "ok", None)]
    assert lines[1].position == 4
    assert "unexpected end of data (in the record starting on line 3)" in (lines[1].error or "")


def test_corrupt_parquet_fails_the_job_with_the_reason(
    backend: Engine,
    local_deployment: Deployment,
    tmp_path: Path,
) -> None:
    pytest.importorskip("pyarrow", reason="Parquet input needs pyarrow (the parquet extra)")
    path = tmp_path / "in.parquet"
    path.write_bytes(b"PAR1" + b"\x00garbage" * 10 + b"PAR1")
    r = submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False)
    job, prompts, errors = _recorded(backend, r.job_id)
    assert (job.status, prompts) == (JobStatus.FAILED, [])
    assert "not a readable Parquet file" in (job.error or "") and errors[0].position == 0


def test_an_oversized_line_is_skipped_unread(
    backend: Engine,
    local_deployment: Deployment,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_MAX_LINE_BYTES", "4096")
    monkeypatch.setenv("SPECQ_MAX_PROMPT_BYTES", "1000")
    get_settings.cache_clear()
    try:
        lines = [json.dumps(GOOD), json.dumps({"prompt": "x" * 10_000}), json.dumps({"prompt": "y" * 2000})]
        path = _write(tmp_path / "in.jsonl", [*lines, json.dumps({"prompt": "the end"})])
        r = submit_job(
            path, "t", deployment=local_deployment, engine=backend, enqueue=False, max_new_tokens=4
        )
    finally:
        get_settings.cache_clear()
    _, prompts, errors = _recorded(backend, r.job_id)
    assert [p.position for p in prompts] == [1, 4]
    reasons = {e.position: e.reason for e in errors}
    assert (
        reasons[2]
        == "line is 10015 bytes, over the limit of 4096 bytes (SPECQ_MAX_LINE_BYTES); it was not read"
    )
    assert (
        reasons[3]
        == "prompt is 2000 bytes, over the limit of 1000 bytes (SPECQ_MAX_PROMPT_BYTES); shorten it"
    )


def test_an_unexpected_failure_marks_the_job_failed_never_validating(
    backend: Engine,
    local_deployment: Deployment,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fault injection: a bug in validation, then the database refusing the bulk insert."""
    submit_module = importlib.import_module("producer.submit")  # `producer.submit` is also a function

    path = _write(tmp_path / "in.jsonl", [json.dumps(GOOD)])

    def broken_validation(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("injected bug")

    monkeypatch.setattr(submit_module, "validate_lines", broken_validation)
    r = submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False)
    job, _, _ = _recorded(backend, r.job_id)
    assert (r.status, job.status) == (JobStatus.FAILED, JobStatus.FAILED)
    assert job.error == "submission failed while validating the input: RuntimeError: injected bug"
    monkeypatch.undo()

    def refusing_insert(*args: Any, **kwargs: Any) -> int:
        raise OSError("disk full")  # what a real database error looks like from here: any exception

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(submit_module, "validate_lines", interrupted)
    with pytest.raises(KeyboardInterrupt):
        submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False, name="ctrl-c")
    with session_scope(backend) as s:
        job = s.scalars(select(Job).where(Job.name == "ctrl-c")).one()
        assert (job.status, job.error) == (
            JobStatus.FAILED,
            "submission interrupted while validating the input (KeyboardInterrupt)",
        )
    monkeypatch.undo()

    monkeypatch.setattr(queries, "add_prompts_bulk", refusing_insert)
    r = submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False)
    job, prompts, errors = _recorded(backend, r.job_id)
    assert (job.status, prompts, errors) == (JobStatus.FAILED, [], [])  # nothing half-inserted
    assert "OSError: disk full" in (job.error or "")


def test_cancelling_a_job_left_validating_cancels_it(
    backend: Engine,
    local_deployment: Deployment,
    tmp_path: Path,
) -> None:
    # A submit killed mid-validation (SIGKILL) leaves the job row as it was created.
    with session_scope(backend) as s:
        orphan = queries.create_job(s, target="t").id
    assert cancel(orphan, engine=backend) == JobStatus.CANCELLED  # was: completed, with 0 of 0 prompts

    # A job cancelled while its submit is still validating ends cancelled, its lines recorded.
    path = _write(tmp_path / "in.jsonl", [json.dumps(GOOD)])
    r = submit_job(
        path,
        "t",
        deployment=local_deployment,
        engine=backend,
        enqueue=True,
        max_new_tokens=4,
        on_created=lambda job_id: cancel(job_id, engine=backend),
    )
    job, prompts, _ = _recorded(backend, r.job_id)
    assert (r.status, r.enqueued, job.status, len(prompts)) == (
        JobStatus.CANCELLED,
        False,
        JobStatus.CANCELLED,
        1,
    )
