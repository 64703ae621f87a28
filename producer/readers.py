"""Input readers: JSONL (specq, OpenAI batch, Spec-Bench lines), CSV and Parquet.

A reader turns each input line into a :class:`InputLine`: the line number, an excerpt of the
raw text, and either the request normalized to one shape (prompt or messages, custom_id,
per-line sampling overrides) or the reason the line cannot be read. Values are not
type-checked here; :mod:`producer.validate` does that for every format alike.

Recognized JSONL lines:

- specq: ``{"prompt": "..."}`` (or token ids, ``[1, 2, 3]``) or ``{"messages": [...]}``,
  optional ``custom_id`` and overrides ``max_new_tokens``, ``temperature``, ``top_p``,
  ``seed``, ``stop``;
- OpenAI batch input: ``{"custom_id", "method": "POST", "url": "/v1/chat/completions"
  | "/v1/completions", "body": {"messages" | "prompt", "max_tokens", ...}}`` (a prompt list
  of one is its prompt);
- Spec-Bench: ``{"question_id", "category", "turns": [...]}``: the first turn becomes a user
  message (later turns need the model's own earlier answers) and custom_id is
  ``<category>-<question_id>``.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from producer.fields import openai_params, specq_params
from producer.storable import printable, show
from specq.settings import get_settings

log = logging.getLogger(__name__)

EXCERPT_CHARS = 200
PARAM_KEYS = ("max_new_tokens", "temperature", "top_p", "seed", "stop")
OPENAI_URLS = ("/v1/chat/completions", "/v1/completions")


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
    model: Any = None  # the OpenAI body's model: must name the job's target


def excerpt(text: str) -> str:
    """The start of ``text`` for error reports, storable whatever the input held."""
    return printable(text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 3] + "...")


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
        line.params, line.error = specq_params(obj, PARAM_KEYS)
    else:
        keys = ", ".join(show(k) for k in sorted(obj)[:8]) or "none"
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
        line.error = f"OpenAI batch line: method must be 'POST', got {show(method)}"
    elif url not in OPENAI_URLS:
        line.error = f"OpenAI batch line: url must be one of {', '.join(OPENAI_URLS)}, got {show(url)}"
    elif not isinstance(body, dict):
        line.error = f"OpenAI batch line: 'body' must be an object, got {type(body).__name__}"
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
        line.prompt, line.error = _one_prompt(body["prompt"])
        if line.error:
            return
    line.model = body.get("model")
    params, error = openai_params(body)
    line.params = params
    if error:
        line.error = f"OpenAI batch line: {error}"


def _one_prompt(prompt: Any) -> tuple[Any, str | None]:
    """The prompt of a /v1/completions batch line: a string or token ids as given, and a prompt
    list of one (``["text"]``, ``[[1, 2, 3]]``, what harnesses send) is its one prompt."""
    if isinstance(prompt, list) and prompt and all(isinstance(p, str | list) for p in prompt):
        if len(prompt) == 1:
            return prompt[0], None
        return None, (
            f"OpenAI batch line: prompt is a list of {len(prompt)} prompts; a batch line holds one "
            "(send one line per prompt; a synchronous request takes a list)"
        )
    return prompt, None


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


@dataclass(frozen=True, slots=True)
class LineTooLong:
    """Stands for a physical line longer than the limit, skipped without being kept in memory."""

    size: int  # bytes, newline included
    limit: int

    @property
    def reason(self) -> str:
        return (
            f"line is {self.size} bytes, over the limit of {self.limit} bytes "
            "(SPECQ_MAX_LINE_BYTES); it was not read"
        )


def bounded_lines(fh: io.BufferedIOBase, limit: int) -> Iterator[bytes | LineTooLong]:
    """The lines of ``fh`` (newlines kept); a line over ``limit`` bytes is read through in chunks
    and given as :class:`LineTooLong`, so one line can never take more than ``limit`` bytes."""
    while True:
        blob = fh.readline(limit + 1)
        if not blob:
            return
        if len(blob) <= limit or blob.endswith(b"\n"):
            yield blob
            continue
        size = len(blob)
        while not blob.endswith(b"\n"):
            blob = fh.readline(1 << 20)
            if not blob:
                break
            size += len(blob)
        yield LineTooLong(size, limit)


def iter_jsonl_bytes(lines: Iterable[bytes | LineTooLong]) -> Iterator[InputLine]:
    """JSONL from raw byte lines: invalid UTF-8 and malformed JSON become errors, blank lines are skipped."""
    for position, blob in enumerate(lines, start=1):
        if isinstance(blob, LineTooLong):
            yield InputLine(position=position, raw="", error=blob.reason)
            continue
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
            yield normalize_record(item, position, _dict_excerpt(item))
        elif isinstance(item, str):
            yield from _parse_jsonl_text(item, position)
        else:
            yield InputLine(
                position=position,
                raw=excerpt(show(item)),
                error=f"expected a JSON string or a dict, got {type(item).__name__}",
            )


def _dict_excerpt(item: dict[str, Any]) -> str:
    try:
        return excerpt(json.dumps(item, ensure_ascii=False, default=str))
    except (ValueError, RecursionError):  # circular, too deep, a huge int
        return excerpt(show(item))


def _parse_jsonl_text(text: str, position: int) -> Iterator[InputLine]:
    stripped = text.strip()
    if not stripped:
        return
    try:
        obj = json.loads(stripped)
    except json.JSONDecodeError as exc:
        yield InputLine(
            position=position,
            raw=excerpt(stripped),
            error=f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}",
        )
        return
    except RecursionError:
        yield InputLine(position=position, raw=excerpt(stripped), error="malformed JSON: nested too deeply")
        return
    except ValueError:  # Python refuses to parse integers this long (CVE-2020-10735)
        limit = sys.get_int_max_str_digits()
        error = f"malformed JSON: a number has more than {limit} digits"
        yield InputLine(position=position, raw=excerpt(stripped), error=error)
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
        except (ValueError, RecursionError):  # left as text: validation says what is wrong
            return value
    return value


def _table_row(row: dict[str, Any], position: int, fmt: str) -> InputLine:
    raw = _dict_excerpt(row)
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


class _LineTooLongError(Exception):
    def __init__(self, line: LineTooLong) -> None:
        super().__init__(line.reason)
        self.line = line


class _CsvLines:
    """The physical lines of a CSV file for :func:`csv.reader`: decoded, counted, bounded.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (as ``open(newline="")`` reads them). A
    line that is not valid UTF-8 is decoded with ``surrogateescape`` and its number noted, so
    the record holding it is reported and the rest of the file is still read; a line over
    the byte limit is skipped and raised as :class:`_LineTooLongError`.
    """

    def __init__(self, fh: io.BufferedIOBase, limit: int) -> None:
        self._blobs = bounded_lines(fh, limit)
        self._pending: list[bytes] = []
        self.count = 0  # physical lines handed out so far
        self.last = ""  # the last of them, for error excerpts
        self.bad_utf8: list[str] = []  # "line N, byte B" of undecodable lines since the last reset

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        if not self._pending:
            blob = next(self._blobs)
            if isinstance(blob, LineTooLong):
                self.count += 1
                self.last = ""
                raise _LineTooLongError(blob)
            if self.count == 0 and blob.startswith(b"\xef\xbb\xbf"):
                blob = blob[3:]  # UTF-8 byte order mark
            self._pending = blob.splitlines(keepends=True)[::-1] or [blob]
        blob = self._pending.pop()
        self.count += 1
        try:
            self.last = blob.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.bad_utf8.append(f"line {self.count}, byte {exc.start}: {blob[exc.start : exc.start + 4]!r}")
            self.last = blob.decode("utf-8", errors="surrogateescape")
        return self.last


def iter_csv(path: Path) -> Iterator[InputLine]:
    """CSV with a header naming a ``prompt`` column (optional custom_id and override columns).

    Positions are physical line numbers: a record's last line, or the line where a malformed
    record was found. Quoting is strict (``"a"b`` is an error, not the text ``ab``).
    """
    limit = get_settings().max_line_bytes
    # The csv module's field limit is process-wide; raise it (never lower it) to the line limit,
    # so a prompt CSV holds the same prompts a JSONL file does.
    csv.field_size_limit(max(csv.field_size_limit(), limit))
    with open(path, "rb") as fh:
        lines = _CsvLines(fh, limit)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, _LineTooLongError) as exc:
            raise InputFileError(f"{path}: unreadable CSV header (line {lines.count}): {exc}") from exc
        if lines.bad_utf8:
            raise InputFileError(f"{path}: invalid UTF-8 in the CSV header ({lines.bad_utf8[0]})")
        if not header or "prompt" not in header:
            raise InputFileError(f"{path}: CSV needs a header with a 'prompt' column; found {header}")
        while True:
            first_line = lines.count + 1
            lines.bad_utf8.clear()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except _LineTooLongError as exc:
                yield InputLine(position=lines.count, raw="", format="csv", error=exc.line.reason)
                continue
            except csv.Error as exc:
                where = "" if first_line == lines.count else f" (in the record starting on line {first_line})"
                error = f"malformed CSV: {exc}{where}"
                yield InputLine(position=lines.count, raw=excerpt(lines.last), format="csv", error=error)
                continue
            if not fields:
                continue  # a blank line
            raw = excerpt(",".join(fields))
            if lines.bad_utf8:
                error = f"invalid UTF-8 at {lines.bad_utf8[0]}"
                yield InputLine(position=lines.count, raw=raw, format="csv", error=error)
                continue
            if len(fields) > len(header):
                error = f"row has {len(fields)} fields; the header has {len(header)}"
                yield InputLine(position=lines.count, raw=raw, format="csv", error=error)
                continue
            yield _table_row(dict(zip(header, fields, strict=False)), lines.count, "csv")


def iter_parquet(path: Path) -> Iterator[InputLine]:
    """Parquet with a ``prompt`` column (needs ``pyarrow``), read a batch of rows at a time.

    A file pyarrow cannot open is an :class:`InputFileError`; a row group that fails to
    decode part-way is one error at the first row not read, after the rows read before it.
    """
    try:
        import pyarrow
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputFileError(f"{path}: reading Parquet needs pyarrow: pip install pyarrow") from exc
    try:
        pfile = pq.ParquetFile(path)
        names = pfile.schema_arrow.names
    except (pyarrow.ArrowException, OSError) as exc:
        raise InputFileError(f"{path}: not a readable Parquet file: {exc}") from exc
    if "prompt" not in names:
        raise InputFileError(f"{path}: Parquet file needs a 'prompt' column; found {names}")
    columns = [c for c in ("prompt", "custom_id", *PARAM_KEYS) if c in names]
    position = 0
    batches = pfile.iter_batches(batch_size=10_000, columns=columns)
    while True:
        try:
            batch = next(batches)
            rows = batch.to_pylist()
        except StopIteration:
            return
        except (pyarrow.ArrowException, OSError, ValueError) as exc:
            error = f"corrupt Parquet data after row {position}, the rest of the file is unreadable: {exc}"
            yield InputLine(position=position + 1, raw="", format="parquet", error=printable(error))
            return
        for row in rows:
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
        yield from iter_jsonl_bytes(bounded_lines(fh, get_settings().max_line_bytes))
