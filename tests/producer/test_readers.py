"""Readers: every supported line shape normalizes the same way; structural errors keep their line number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.zoo.real import SPEC_BENCH as ZOO_SPEC_BENCH
from producer.readers import InputFileError, InputLine, read_input

# The Spec-Bench questions shipped with the package (models/zoo/data): the test never skips.
SPEC_BENCH = ZOO_SPEC_BENCH


def _lines(tmp_path: Path, content: bytes, name: str = "in.jsonl") -> list[InputLine]:
    path = tmp_path / name
    path.write_bytes(content)
    return list(read_input(path))


def test_specq_lines_with_overrides_and_blank_lines(tmp_path: Path) -> None:
    content = (
        b'{"prompt": "hi", "custom_id": "a", "max_new_tokens": 9, "temperature": 0.5, "top_p": 0.9, '
        b'"seed": 3, "stop": ["\\n"], "extra": 1}\n'
        b"\n"
        b'{"messages": [{"role": "user", "content": "yo"}]}\n'
    )
    a, b = _lines(tmp_path, content)
    assert (a.position, a.custom_id, a.prompt, a.messages, a.error) == (1, "a", "hi", None, None)
    assert a.params == {"max_new_tokens": 9, "temperature": 0.5, "top_p": 0.9, "seed": 3, "stop": ["\n"]}
    assert (b.position, b.prompt, b.messages, b.format) == (
        3,
        None,
        [{"role": "user", "content": "yo"}],
        "jsonl",
    )


def test_openai_batch_lines(tmp_path: Path) -> None:
    rows = [
        {
            "custom_id": "r1",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": "hi"}],
                "max_tokens": 7,
                "seed": 1,
            },
        },
        {
            "custom_id": "r2",
            "method": "POST",
            "url": "/v1/completions",
            "body": {"prompt": "once", "top_p": 0.5},
        },
        {"custom_id": "r3", "method": "GET", "url": "/v1/chat/completions", "body": {}},
        {"custom_id": "r4", "method": "POST", "url": "/v1/embeddings", "body": {"input": "x"}},
        {"custom_id": "r5", "method": "POST", "url": "/v1/chat/completions", "body": "nope"},
        {
            "custom_id": "r6",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"messages": [], "n": 2},
        },
    ]
    lines = _lines(tmp_path, "\n".join(json.dumps(r) for r in rows).encode())
    assert lines[0].messages == [{"role": "user", "content": "hi"}]
    assert lines[0].params == {"max_new_tokens": 7, "seed": 1}
    assert (lines[1].prompt, lines[1].params, lines[1].format) == ("once", {"top_p": 0.5}, "openai")
    assert "method must be 'POST'" in (lines[2].error or "")
    assert "/v1/embeddings" in (lines[3].error or "")
    assert "'body' must be an object" in (lines[4].error or "")
    assert lines[5].error is None and lines[5].params == {"n": 2}  # fanned out into rows by validation


def test_spec_bench_lines_use_the_first_turn() -> None:
    line = {"question_id": 81, "category": "writing", "turns": ["first", "second"]}
    (got,) = read_input([json.dumps(line)])
    assert (got.messages, got.custom_id, got.format) == (
        [{"role": "user", "content": "first"}],
        "writing-81",
        "spec-bench",
    )


def test_reads_the_spec_bench_file() -> None:
    lines = list(read_input(SPEC_BENCH))
    assert lines and all(ln.error is None and isinstance(ln.messages[0]["content"], str) for ln in lines)
    assert len({ln.custom_id for ln in lines}) == len(lines)


def test_structural_errors_keep_line_numbers(tmp_path: Path) -> None:
    content = b"\n".join(
        [
            b'{"prompt": "ok"}',
            b"{not json",
            b'["a", "list"]',
            b'{"prompt": "bad \xff byte"}',
            b'{"text": "wrong key"}',
            b'{"prompt": "a", "messages": []}',
            b'{"turns": "not a list"}',
        ]
    )
    errors = {ln.position: ln.error for ln in _lines(tmp_path, content)}
    assert errors[1] is None
    assert (errors[2] or "").startswith("malformed JSON")
    assert errors[3] == "expected a JSON object, got list"
    assert (errors[4] or "").startswith("invalid UTF-8 at byte 16")
    assert "no 'prompt' or 'messages' field" in (errors[5] or "")
    assert "both 'prompt' and 'messages'" in (errors[6] or "")
    assert "'turns' must be a non-empty list" in (errors[7] or "")


def test_utf8_bom_and_excerpts(tmp_path: Path) -> None:
    long_prompt = "x" * 1000
    (line,) = _lines(tmp_path, b"\xef\xbb\xbf" + json.dumps({"prompt": long_prompt}).encode())
    assert line.error is None and line.prompt == long_prompt
    assert len(line.raw) == 200


def test_csv(tmp_path: Path) -> None:
    content = (
        'custom_id,prompt,max_new_tokens,temperature\nc1,"hello, world",12,0.7\n,"two\nlines",,\nc3,x,many,\n'
    )
    lines = _lines(tmp_path, content.encode(), "in.csv")
    assert [(ln.position, ln.custom_id, ln.prompt) for ln in lines] == [
        (2, "c1", "hello, world"),
        (4, None, "two\nlines"),
        (5, "c3", "x"),
    ]
    assert lines[0].params == {"max_new_tokens": 12, "temperature": 0.7}
    assert lines[2].params == {"max_new_tokens": "many"}  # validation rejects it with the line number
    assert all(ln.format == "csv" for ln in lines)


def test_csv_without_prompt_column(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("question\nhi\n")
    with pytest.raises(InputFileError, match="'prompt' column"):
        list(read_input(path))


def test_missing_and_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        read_input(tmp_path / "missing.jsonl")
    with pytest.raises(InputFileError, match="not a regular file"):
        read_input(tmp_path)


def test_in_memory_lines_and_dicts() -> None:
    lines = list(read_input(['{"prompt": "a"}', {"prompt": "b", "custom_id": 7}, "   "]))
    assert [(ln.position, ln.prompt, ln.custom_id) for ln in lines] == [(1, "a", None), (2, "b", 7)]


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="Parquet input needs pyarrow (optional)")
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"prompt": ["a", "b"], "custom_id": ["x", None]}), path)
    lines = list(read_input(path))
    assert [(ln.position, ln.prompt, ln.custom_id, ln.format) for ln in lines] == [
        (1, "a", "x", "parquet"),
        (2, "b", None, "parquet"),
    ]
