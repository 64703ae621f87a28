"""Exports people load directly: Parquet, and a Hugging Face ``datasets`` dataset on disk.

Both carry every column of the JSONL export, typed (``RECORD_COLUMNS``), one row per input
line (per choice, for a line that asked for n > 1) in input order, and stream: rows go out
in record batches of ``CHUNK_ROWS``, so a job of millions of lines exports in bounded memory.
``datasets.load_from_disk`` opens the ``hf`` export; ``pyarrow.parquet.read_table`` (or
pandas, polars, DuckDB) the Parquet one.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine

from producer.export import Only, keep, results

TableFormat = Literal["parquet", "hf"]
CHUNK_ROWS = 10_000

# Column -> Arrow type name: every key a JSONL export record can have.
RECORD_COLUMNS: dict[str, str] = {
    "line": "int64",
    "custom_id": "string",
    "choice": "int64",  # which of the n completions a line asked for (null when n = 1)
    "status": "string",  # completed | failed | invalid | pending
    "output": "string",
    "finish_reason": "string",
    "prompt_tokens": "int64",
    "output_tokens": "int64",
    "target": "string",
    "draft": "string",
    "task": "string",
    "k": "float64",
    "steps": "int64",
    "drafted_tokens": "int64",
    "accepted_tokens": "int64",
    "acceptance_rate": "float64",
    "mean_accepted_per_step": "float64",
    "accepted_per_position": "list<int64>",
    "draft_seconds": "float64",
    "verify_seconds": "float64",
    "error": "string",
    "logprobs": "logprobs",  # when the request asked for them: one entry per output token
    "prompt_text": "string",  # echo: the prompt as given
    "prompt_logprobs": "logprobs",  # echo with logprobs: one entry per prompt token (the first: null)
}
# A logprobs column: [token, logprob, [[token, logprob], ...]] per token in the JSONL export,
# a list of structs here (token, logprob, top_logprobs).
LOGPROB_COLUMNS = tuple(name for name, kind in RECORD_COLUMNS.items() if kind == "logprobs")


class MissingExtra(RuntimeError):
    """An optional dependency of the chosen format is not installed."""


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingExtra("Parquet and HF exports need pyarrow: pip install 'specq[parquet]'") from None
    return pa


def arrow_schema() -> Any:
    """``RECORD_COLUMNS`` as a pyarrow schema."""
    pa = _pyarrow()
    top = pa.struct([("token", pa.string()), ("logprob", pa.float64())])
    entry = pa.struct([("token", pa.string()), ("logprob", pa.float64()), ("top_logprobs", pa.list_(top))])
    types = {
        "logprobs": pa.list_(entry),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "string": pa.string(),
        "list<int64>": pa.list_(pa.int64()),
    }
    return pa.schema([(name, types[kind]) for name, kind in RECORD_COLUMNS.items()])


def logprob_structs(entries: list[Any] | None) -> list[dict[str, Any]] | None:
    """A JSONL export's logprobs column ([token, logprob, [[token, logprob], ...]] per token) as the
    tables' structs."""
    if entries is None:
        return None
    return [
        {
            "token": token,
            "logprob": logprob,
            "top_logprobs": None if top is None else [{"token": t, "logprob": lp} for t, lp in top],
        }
        for token, logprob, top in entries
    ]


def record_batches(records: Iterable[dict[str, Any]]) -> Iterator[Any]:
    """Arrow record batches of ``CHUNK_ROWS`` rows; a key a record lacks is null."""
    pa = _pyarrow()
    schema = arrow_schema()
    chunk: list[dict[str, Any]] = []
    for rec in records:
        for column in LOGPROB_COLUMNS:
            if rec.get(column) is not None:
                rec = {**rec, column: logprob_structs(rec[column])}
        chunk.append(rec)
        if len(chunk) == CHUNK_ROWS:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def export_table(
    job_id: str,
    out_path: str | Path,
    *,
    format: TableFormat,
    only: Only | None = None,
    engine: Engine | None = None,
) -> int:
    """Write the job's lines to ``out_path`` (a .parquet file, or a directory for ``hf``); returns rows."""
    out = Path(out_path)
    rows = (r for r in results(job_id, engine=engine) if keep(r, only))
    if format == "parquet":
        import pyarrow.parquet as pq

        schema = arrow_schema()
        tmp = out.with_name(f".{out.name}.partial")
        n = 0
        with pq.ParquetWriter(tmp, schema) as writer:
            for batch in record_batches(rows):
                writer.write_batch(batch)
                n += batch.num_rows
            if n == 0:
                writer.write_table(schema.empty_table())
        tmp.replace(out)
        return n
    if format == "hf":
        try:
            import datasets
        except ImportError:
            raise MissingExtra("the hf export needs the datasets package: pip install 'specq[hf]'") from None
        # Streamed to Parquet first, then converted by datasets into memory-mapped Arrow files:
        # no step holds the whole job in memory.
        work = out.with_name(f".{out.name}.partial")
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        try:
            n = export_table(job_id, work / "rows.parquet", format="parquet", only=only, engine=engine)
            features = datasets.Features.from_arrow_schema(arrow_schema())
            ds = datasets.Dataset.from_parquet(
                str(work / "rows.parquet"), features=features, cache_dir=str(work / "cache")
            )
            ds.save_to_disk(str(work / "dataset"))
            if out.exists():
                shutil.rmtree(out)
            (work / "dataset").replace(out)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return n
    raise ValueError(f"unknown table format {format!r}; use parquet or hf")
