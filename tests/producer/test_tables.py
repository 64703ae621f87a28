"""Parquet and HF exports: every column of the JSONL export, typed, in input order; --only filters."""

from __future__ import annotations

from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq

import producer
from producer.export import export
from producer.tables import RECORD_COLUMNS, export_table
from specq.deployment import Deployment
from tests.producer.jobs import finished_job


def _expected(job_id: str) -> list[dict[str, object]]:
    return [{c: rec.get(c) for c in RECORD_COLUMNS} for rec in producer.results(job_id)]


def test_parquet_round_trips_every_column(db_env: Path, local_deployment: Deployment, tmp_path: Path) -> None:
    job_id = finished_job(tmp_path, local_deployment)
    assert export_table(job_id, tmp_path / "out.parquet", format="parquet") == 5
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.names == list(RECORD_COLUMNS)
    assert table.schema.field("accepted_per_position").type == pa.list_(pa.int64())
    assert table.to_pylist() == _expected(job_id)
    statuses = [r["status"] for r in table.to_pylist()]
    assert statuses == ["completed", "completed", "completed", "failed", "invalid"]


def test_hf_dataset_loads_from_disk(db_env: Path, local_deployment: Deployment, tmp_path: Path) -> None:
    job_id = finished_job(tmp_path, local_deployment)
    assert export_table(job_id, tmp_path / "ds", format="hf") == 5
    ds = datasets.load_from_disk(str(tmp_path / "ds"))
    assert ds.column_names == list(RECORD_COLUMNS)
    assert ds.to_list() == _expected(job_id)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no work dir left behind


def test_only_keeps_completed_or_failed(db_env: Path, local_deployment: Deployment, tmp_path: Path) -> None:
    job_id = finished_job(tmp_path, local_deployment)
    assert export_table(job_id, tmp_path / "ok.parquet", format="parquet", only="completed") == 3
    assert export_table(job_id, tmp_path / "bad.parquet", format="parquet", only="failed") == 2
    s = export(job_id, tmp_path / "bad.jsonl", only="failed")
    assert s.lines == 2 and (s.completed, s.failed) == (3, 2)  # counts stay the job's, lines are filtered


def test_logprobs_and_echo_columns_are_typed_structs(
    db_env: Path, local_deployment: Deployment, tmp_path: Path
) -> None:
    from db import queries as q
    from db.session import session_scope
    from producer.submit import submit_job

    src = tmp_path / "echo.jsonl"
    src.write_text('{"custom_id": "e", "prompt": "hello world", "echo": true, "logprobs": 1}\n')
    job_id = submit_job(src, "t", deployment=local_deployment, max_new_tokens=2).job_id
    logprobs = [["!", -0.5, [["!", -0.5]]], [" ok", -1.25, [[" ok", -1.25]]]]
    prompt_logprobs = [["hello", None, None], [" world", -3.0, [[" there", -2.0]]]]
    with session_scope() as s:
        (pid,) = q.prompt_ids(s, job_id)
        q.upsert_results(
            s,
            [
                q.ResultRow(prompt_id=pid, job_id=job_id, output_text="! ok", output_tokens=2,
                            prompt_tokens=2,
                            finish_reason="length", target="t", draft="general", task="chat", k=4.0,
                            steps=1, drafted_tokens=4, accepted_tokens=1, accepted_per_position=[1],
                            logprobs=logprobs, prompt_text="hello world", prompt_logprobs=prompt_logprobs)
            ],
        )  # fmt: skip
    assert export_table(job_id, tmp_path / "echo.parquet", format="parquet") == 1
    (row,) = pq.read_table(tmp_path / "echo.parquet").to_pylist()
    assert row["prompt_text"] == "hello world"
    assert row["logprobs"] == [
        {"token": "!", "logprob": -0.5, "top_logprobs": [{"token": "!", "logprob": -0.5}]},
        {"token": " ok", "logprob": -1.25, "top_logprobs": [{"token": " ok", "logprob": -1.25}]},
    ]
    assert row["prompt_logprobs"][0] == {"token": "hello", "logprob": None, "top_logprobs": None}
    assert row["prompt_logprobs"][1]["top_logprobs"] == [{"token": " there", "logprob": -2.0}]
    # The JSONL export carries the same values as lists.
    (rec,) = list(producer.results(job_id))
    assert rec["logprobs"] == logprobs and rec["prompt_logprobs"] == prompt_logprobs
    assert export_table(job_id, tmp_path / "echo-ds", format="hf") == 1
    (hf_row,) = datasets.load_from_disk(str(tmp_path / "echo-ds")).to_list()
    assert hf_row["logprobs"] == row["logprobs"] and hf_row["prompt_text"] == "hello world"
