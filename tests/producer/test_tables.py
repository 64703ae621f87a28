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
