"""Fuzzing the readers, the validator and submit with hypothesis (issue 14, item 3).

The property, whatever the bytes: reading never raises (a file-level ``InputFileError`` is
the one allowed outcome for a CSV without a usable header); every line that is not blank
becomes exactly one prompt or one input error, in line order; submit records it on SQLite
and on PostgreSQL and ends ``in_progress`` or ``failed``, never ``validating``, never a
traceback. Example counts are bounded so the module runs in seconds.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from db.schema import InputError, Job, JobStatus, Prompt
from db.session import session_scope
from producer.readers import InputFileError, read_input
from producer.submit import submit_job
from producer.validate import SamplingDefaults, validate_lines
from specq.deployment import Deployment

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WITH_DB = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text with what breaks storage: NUL, lone surrogates, other control characters.
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\ud800", "\udfff", "\r", "\n", '"', ",", "\\"]),
    ),
    max_size=40,
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(hostile_text, inner, max_size=4)),
    max_leaves=12,
)
# Objects shaped like requests, so lines reach the deeper checks and not only "no prompt field".
FIELDS = ("prompt", "messages", "custom_id", "max_new_tokens", "temperature", "top_p", "seed", "stop")
messages = st.lists(
    st.fixed_dictionaries({"role": st.sampled_from(["user", "system", "robot", 5]), "content": json_values}),
    max_size=3,
)
request_objects = st.dictionaries(
    st.sampled_from(FIELDS),
    st.one_of(json_values, messages),
    max_size=5,
)
# Literal lines json.dumps cannot produce: huge integers, deep nesting, NaN, broken JSON.
literal_lines = st.sampled_from(
    [
        '{"prompt": "x", "seed": ' + "9" * 5000 + "}",
        "[" * 5000 + "]" * 5000,
        '{"prompt": "x", "temperature": NaN}',
        '{"prompt": "x"',
        '{"prompt": "a\\u0000b"}',
        '{"prompt": "\\ud800"}',
        '{"prompt": "x", "custom_id": "\\u0000"}',
        '{"messages": [{"role": "user", "content": "x", "w": Infinity}]}',
        "\ufeff{}",
        "   ",
    ]
)


def _line(obj: Any) -> str:
    return obj if isinstance(obj, str) else json.dumps(obj)  # ensure_ascii: surrogates as \ud800


lines_strategy = st.lists(
    st.one_of(request_objects.map(_line), json_values.map(_line), literal_lines, hostile_text),
    min_size=1,
    max_size=8,
)


def _nonblank(blobs: list[bytes]) -> list[int]:
    """1-based numbers of the lines a JSONL reader must answer for."""
    return [i for i, b in enumerate(blobs, start=1) if b.strip()]


@FAST
@given(data=st.binary(max_size=400))
def test_jsonl_reader_survives_any_bytes(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    positions = [ln.position for ln in read_input(path)]
    assert positions == sorted(set(positions))
    assert len(positions) <= max(1, data.count(b"\n") + 1)


@FAST
@given(body=st.binary(max_size=400), header=st.sampled_from([b"prompt,custom_id\n", b"", b"\xff,prompt\n"]))
def test_csv_reader_survives_any_bytes(body: bytes, header: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(header + body)
    try:
        lines = list(read_input(path))
    except InputFileError:
        assert not header.startswith(b"prompt")  # only a file without a usable header is refused whole
        return
    positions = [ln.position for ln in lines]
    assert positions == sorted(set(positions))
    for ln in lines:
        assert ln.error is not None or ln.prompt is None or isinstance(ln.prompt, str)


@FAST
@given(rows=st.lists(st.lists(hostile_text, min_size=1, max_size=4), max_size=6))
def test_csv_of_arbitrary_cells(rows: list[list[str]], tmp_path: Path) -> None:
    """Cells written by a real CSV writer: every row comes back, as a prompt or an error."""
    import csv
    import io

    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["prompt", "custom_id", "temperature", "seed"])
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))  # surrogates: invalid UTF-8
    report = validate_lines(read_input(path), target="t", defaults=SamplingDefaults(max_new_tokens=4))
    assert sorted([p.position for p in report.prompts] + [e.position for e in report.errors]) == sorted(
        set([p.position for p in report.prompts] + [e.position for e in report.errors])
    )
    assert report.lines == len(rows)  # a writer quotes an empty row, so no row reads as blank
    for p in report.prompts:
        assert p.text is not None and "\x00" not in p.text


@FAST
@given(objs=st.lists(st.one_of(request_objects, json_values), min_size=1, max_size=8))
def test_validator_answers_every_object(objs: list[Any]) -> None:
    """Already-parsed values (the Python API): every one is a prompt or an error, none raises."""
    items: list[Any] = [o if isinstance(o, dict) else json.dumps(o) for o in objs]
    items = [i for i in items if not (isinstance(i, str) and not i.strip())]
    report = validate_lines(read_input(items), target="t", defaults=SamplingDefaults(max_new_tokens=4))
    assert sorted([p.position for p in report.prompts] + [e.position for e in report.errors]) == list(
        range(1, len(items) + 1)
    )
    for p in report.prompts:
        params = p.params or {}
        assert all(not isinstance(v, float) or math.isfinite(v) for v in params.values())


@WITH_DB
@given(lines=lines_strategy)
def test_submit_records_every_line_on_both_backends(
    lines: list[str], backend: Engine, local_deployment: Deployment, tmp_path: Path
) -> None:
    blobs = [ln.encode("utf-8", "surrogatepass").replace(b"\n", b" ") for ln in lines]
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(blobs) + b"\n")
    r = submit_job(path, "t", deployment=local_deployment, engine=backend, enqueue=False, max_new_tokens=4)
    expected = _nonblank(blobs)
    with session_scope(backend) as s:
        job = s.get(Job, r.job_id)
        assert job is not None
        assert job.status in (JobStatus.IN_PROGRESS, JobStatus.FAILED)
        positions = list(s.scalars(select(Prompt.position).where(Prompt.job_id == r.job_id)))
        positions += list(s.scalars(select(InputError.position).where(InputError.job_id == r.job_id)))
        stored = s.scalar(select(func.count()).select_from(Prompt).where(Prompt.job_id == r.job_id))
    assert sorted(positions) == expected
    assert (r.total, r.invalid) == (stored, len(expected) - stored)
    assert (job.status == JobStatus.FAILED) == (stored == 0)
