"""Input readers: JSONL (specq, OpenAI batch, Spec-Bench lines), CSV and Parquet.

A reader turns each input line into a :class:`InputLine`: the line number, an excerpt of the
raw text, and either the request normalized to one shape (prompt or messages, custom_id,
per-line sampling overrides) or the reason the line cannot be read. Values are not
type-checked here; :mod:`producer.validate` does that for every format alike.

Recognized JSONL lines:

- specq: ``{"prompt": "..."}`` or ``{"messages": [...]}``, optional ``custom_id`` and overrides
  ``max_new_tokens``, ``temperature``, ``top_p``, ``seed``, ``stop``;
- OpenAI batch input: ``{"custom_id", "method": "POST", "url": "/v1/chat/completions"
  | "/v1/completions", "body": {"messages" | "prompt", "max_tokens", ...}}``;
- Spec-Bench: ``{"question_id", "category", "turns": [...]}``: the first turn becomes a user
  message (later turns need the model's own earlier answers) and custom_id is
  ``<category>-<question_id>``.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

EXCERPT_CHARS = 200
PARAM_KEYS = ("max_new_tokens", "temperature", "top_p", "seed", "stop")
OPENAI_URLS = ("/v1/chat/completions", "/v1/completions")
# OpenAI body fields specq maps; other fields (model, logprobs, ...) are ignored.
_OPENAI_PARAM_MAP = {
    "max_tokens": "max_new_tokens",
    "max_completion_tokens": "max_new_tokens",
    "temperature": "temperature",
    "top_p": "top_p",
    "seed": "seed",
    "stop": "stop",
}


class InputFileError(ValueError):
    """The input as a whole cannot be read (missing, unreadable, unknown format)."""


@dataclass(slots=True)
class InputLine:
    """One input line, normalized (``error`` is None) or rejected with a reason."""

    position: int  # 1-based line (CSV: the record's last line; Parquet: row) number
    raw: str  # excerpt of the original text, for error reports
    format: str = "jsonl"  # jsonl | openai | spec-bench | csv | parquet
    custom_id: Any = None
    prompt: Any = None
    messages: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 3] + "..."


def normalize_record(obj: Any, position: int, raw: str) -> InputLine:
    """Map one parsed JSON value (any supported line shape) to an :class:`InputLine`."""
    line = InputLine(position=position, raw=excerpt(raw))
    if not isinstance(obj, dict):
        line.error = f"expected a JSON object, got {type(obj).__name__}"
        return line
    line.custom_id = obj.get("custom_id")
    if "body" in obj or "url" in obj or "method" in obj:
        _normalize_openai(obj, line)
    elif "turns" in obj and "prompt" not in obj and "messages" not in obj:
        _normalize_spec_bench(obj, line)
    elif "prompt" in obj or "messages" in obj:
        if "prompt" in obj and "messages" in obj:
            line.error = "has both 'prompt' and 'messages'; give one of them"
            return line
        line.prompt = obj.get("prompt")
        line.messages = obj.get("messages")
        line.params = {k: obj[k] for k in PARAM_KEYS if k in obj}
    else:
        keys = ", ".join(sorted(obj)[:8]) or "none"
        line.error = (
            f"no 'prompt' or 'messages' field (nor an OpenAI 'body' or Spec-Bench 'turns'); keys: {keys}"
        )
    return line


def _normalize_openai(obj: dict[str, Any], line: InputLine) -> None:
    line.format = "openai"
    method = obj.get("method", "POST")
    url = obj.get("url", OPENAI_URLS[0])
    body = obj.get("body")
    if method != "POST":
        line.error = f"OpenAI batch line: method must be 'POST', got {method!r}"
    elif url not in OPENAI_URLS:
        line.error = f"OpenAI batch line: url must be one of {', '.join(OPENAI_URLS)}, got {url!r}"
    elif not isinstance(body, dict):
        line.error = f"OpenAI batch line: 'body' must be an object, got {type(body).__name__}"
    elif body.get("n", 1) != 1:
        line.error = f"OpenAI batch line: n={body.get('n')!r} is not supported (one completion per request)"
    elif url == "/v1/chat/completions" and "messages" not in body:
        line.error = "OpenAI batch line: /v1/chat/completions body needs 'messages'"
    elif url == "/v1/completions" and "prompt" not in body:
        line.error = "OpenAI batch line: /v1/completions body needs 'prompt'"
    if line.error:
        return
    assert isinstance(body, dict)
    if url == "/v1/chat/completions":
        line.messages = body["messages"]
    else:
        line.prompt = body["prompt"]
    line.params = {ours: body[theirs] for theirs, ours in _OPENAI_PARAM_MAP.items() if theirs in body}


def _normalize_spec_bench(obj: dict[str, Any], line: InputLine) -> None:
    line.format = "spec-bench"
    turns = obj.get("turns")
    if not isinstance(turns, list) or not turns:
        line.error = "Spec-Bench line: 'turns' must be a non-empty list of strings"
        return
    # A chat question: the target's chat template applies, as in Spec-Bench itself.
    line.messages = [{"role": "user", "content": turns[0]}]
    if line.custom_id is None and "question_id" in obj:
        category = obj.get("category")
        line.custom_id = f"{category}-{obj['question_id']}" if category else str(obj["question_id"])


def iter_jsonl_bytes(lines: Iterable[bytes]) -> Iterator[InputLine]:
    """JSONL from raw byte lines: invalid UTF-8 and malformed JSON become errors, blank lines are skipped."""
    for position, blob in enumerate(lines, start=1):
        if position == 1 and blob.startswith(b"\xef\xbb\xbf"):
            blob = blob[3:]  # UTF-8 byte order mark
        try:
            text = blob.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputLine(
                position=position,
                raw=excerpt(blob.decode("utf-8", errors="replace")),
                error=f"invalid UTF-8 at byte {exc.start}: {blob[exc.start : exc.start + 4]!r}",
            )
            continue
        yield from _parse_jsonl_text(text, position)


def iter_jsonl_text(lines: Iterable[str | dict[str, Any]]) -> Iterator[InputLine]:
    """JSONL from strings (or already-parsed dicts, for the Python API)."""
    for position, item in enumerate(lines, start=1):
        if isinstance(item, dict):
            yield normalize_record(item, position, json.dumps(item, ensure_ascii=False)[:EXCERPT_CHARS])
        else:
            yield from _parse_jsonl_text(item, position)


def _parse_jsonl_text(text: str, position: int) -> Iterator[InputLine]:
    stripped = text.strip()
    if not stripped:
        return
    try:
        obj = json.loads(stripped)
    except json.JSONDecodeError as exc:
        yield InputLine(
            position=position, raw=excerpt(stripped), error=f"malformed JSON: {exc.msg} at column {exc.colno}"
        )
        return
    yield normalize_record(obj, position, stripped)


def _csv_value(key: str, value: str) -> Any:
    """CSV cells are strings: convert the numeric overrides, leave bad ones for validation."""
    value = value.strip()
    if key in ("max_new_tokens", "seed"):
        try:
            return int(value)
        except ValueError:
            return value
    if key in ("temperature", "top_p"):
        try:
            return float(value)
        except ValueError:
            return value
    if key == "stop" and value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _table_row(row: dict[str, Any], position: int, fmt: str) -> InputLine:
    raw = excerpt(json.dumps(row, ensure_ascii=False, default=str))
    line = InputLine(position=position, raw=raw, format=fmt)
    line.prompt = row.get("prompt")
    cid = row.get("custom_id")
    line.custom_id = None if cid in (None, "") else cid
    for k in PARAM_KEYS:
        v = row.get(k)
        if v is None or v == "":
            continue
        line.params[k] = _csv_value(k, v) if isinstance(v, str) else v
    return line


def iter_csv(path: Path) -> Iterator[InputLine]:
    """CSV with a header naming a ``prompt`` column (optional custom_id and override columns)."""
    with open(path, newline="", encoding="utf-8-sig", errors="strict") as fh:
        reader = csv.DictReader(fh)
        try:
            header = reader.fieldnames
        except UnicodeDecodeError as exc:
            raise InputFileError(f"{path}: invalid UTF-8 in the CSV header ({exc})") from exc
        if not header or "prompt" not in header:
            raise InputFileError(f"{path}: CSV needs a header with a 'prompt' column; found {header}")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                # The decoder fails on a whole buffer, so the rest of the file is unreadable.
                raise InputFileError(f"{path}: invalid UTF-8 after line {reader.line_num} ({exc})") from exc
            except csv.Error as exc:
                yield InputLine(position=reader.line_num, raw="", format="csv", error=f"malformed CSV: {exc}")
                continue
            if None in row:
                yield InputLine(
                    position=reader.line_num,
                    raw=excerpt(str(row)),
                    format="csv",
                    error=f"row has {len(header) + len(row[None])} fields; the header has {len(header)}",
                )
                continue
            yield _table_row(row, reader.line_num, "csv")


def iter_parquet(path: Path) -> Iterator[InputLine]:
    """Parquet with a ``prompt`` column (needs ``pyarrow``)."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputFileError(f"{path}: reading Parquet needs pyarrow: pip install pyarrow") from exc
    table = pq.read_table(path)
    if "prompt" not in table.column_names:
        raise InputFileError(f"{path}: Parquet file needs a 'prompt' column; found {table.column_names}")
    position = 0
    for batch in table.to_batches(max_chunksize=10_000):
        for row in batch.to_pylist():
            position += 1
            yield _table_row(row, position, "parquet")


def detect_format(path: Path) -> str:
    suffix = "".join(path.suffixes[-1:]).lower()
    if suffix in (".csv",):
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return "jsonl"


def read_input(source: str | Path | Iterable[str | dict[str, Any]]) -> Iterator[InputLine]:
    """Read ``source``: a file path (format from the suffix; JSONL otherwise) or in-memory lines."""
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise InputFileError(f"input file {path} does not exist")
        if not path.is_file():
            raise InputFileError(f"input {path} is not a regular file")
        fmt = detect_format(path)
        if fmt == "csv":
            return iter_csv(path)
        if fmt == "parquet":
            return iter_parquet(path)
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed by the generator below
        except OSError as exc:
            raise InputFileError(f"cannot read input file {path}: {exc.strerror}") from exc
        return _closing_lines(fh)
    return iter_jsonl_text(source)


def _closing_lines(fh: io.BufferedReader) -> Iterator[InputLine]:
    with fh:
        yield from iter_jsonl_bytes(fh)
