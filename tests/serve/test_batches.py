"""The batch status machine without workers: failed files, expiry, files API details.

No broker runs here: a created batch's job is recorded in SQL and waits, which is what the
expiry path needs; the full round trip with workers is tests/serve/test_api.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

TARGET = "target-s"


@pytest.fixture()
def client(specq_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    from db.session import dispose_engines
    from serve.app import create_app
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(specq_env / "specq.toml"))  # absent: the default deployment
    monkeypatch.delenv("SPECQ_API_KEY", raising=False)
    get_settings.cache_clear()
    dispose_engines()
    with TestClient(create_app(finalizer=False)) as c:
        yield c
    dispose_engines()


def _upload(client: TestClient, lines: list[Any], name: str = "in.jsonl") -> str:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    r = client.post("/v1/files", files={"file": (name, text.encode())}, data={"purpose": "batch"})
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


def _batch(client: TestClient, file_id: str, **extra: Any) -> dict[str, Any]:
    body = {"input_file_id": file_id, "endpoint": "/v1/completions", "completion_window": "24h", **extra}
    r = client.post("/v1/batches", json=body)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _line(custom_id: str, prompt: Any) -> dict[str, Any]:
    return {"custom_id": custom_id, "url": "/v1/completions", "body": {"model": TARGET, "prompt": prompt}}


def test_a_file_without_a_usable_line_fails_the_batch_with_its_reasons(client: TestClient) -> None:
    batch = _batch(client, _upload(client, [_line("a", "   "), "{oops"]))
    assert batch["status"] == "failed" and batch["failed_at"]
    assert [(e["line"], e["code"]) for e in batch["errors"]["data"]] == [
        (1, "invalid_request"),
        (2, "invalid_request"),
    ]
    got = client.get(f"/v1/batches/{batch['id']}").json()  # finalizing writes the error file
    assert got["status"] == "failed" and got["output_file_id"] is None
    errors = client.get(f"/v1/files/{got['error_file_id']}/content").text.splitlines()
    assert [json.loads(e)["response"]["status_code"] for e in errors] == [400, 400]


def test_an_overdue_batch_expires_with_its_lines_in_the_error_file(client: TestClient) -> None:
    from db.schema import ApiBatch, utcnow
    from db.session import session_scope

    batch = _batch(client, _upload(client, [_line("a", "one"), _line("b", "two")]))
    assert batch["status"] == "in_progress"  # recorded; no broker here, so nothing decodes it
    assert batch["expires_at"] - batch["created_at"] == 24 * 3600
    with session_scope() as s:
        row = s.get(ApiBatch, batch["id"])
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
    client.get(f"/v1/batches/{batch['id']}")  # expiry cancels the job
    got = client.get(f"/v1/batches/{batch['id']}").json()  # the job has ended: files written
    assert got["status"] == "expired" and got["expired_at"] and got["output_file_id"] is None
    errors = [
        json.loads(x) for x in client.get(f"/v1/files/{got['error_file_id']}/content").text.splitlines()
    ]
    assert [(e["custom_id"], e["error"]["code"]) for e in errors] == [
        ("a", "batch_expired"),
        ("b", "batch_expired"),
    ]


@pytest.mark.parametrize(
    ("body", "status", "named"),
    [
        ({"endpoint": "/v1/embeddings"}, 400, "endpoint"),
        ({"completion_window": "1d"}, 400, "completion_window"),
        ({"output_expires_after": {"anchor": "created_at", "seconds": 3600}}, 400, "output_expires_after"),
        ({"priority": 1}, 400, "priority"),
        ({"metadata": {"k": 1}}, 400, "metadata"),
        ({"input_file_id": "file-missing"}, 404, "input_file_id"),
    ],
)
def test_create_batch_refusals_name_the_field(
    client: TestClient, body: dict[str, Any], status: int, named: str
) -> None:
    file_id = _upload(client, [_line("a", "one")])
    request = {"input_file_id": file_id, "endpoint": "/v1/completions", "completion_window": "24h", **body}
    r = client.post("/v1/batches", json=request)
    assert r.status_code == status and r.json()["error"]["param"] == named


def test_a_model_not_served_is_refused_at_creation(client: TestClient) -> None:
    line = {"custom_id": "a", "url": "/v1/completions", "body": {"model": "gpt-4o", "prompt": "x"}}
    r = client.post(
        "/v1/batches",
        json={
            "input_file_id": _upload(client, [line]),
            "endpoint": "/v1/completions",
            "completion_window": "24h",
        },
    )
    assert r.status_code == 404 and "gpt-4o" in r.json()["error"]["message"]


def test_files_list_pages_and_delete(client: TestClient) -> None:
    ids = [_upload(client, [_line("a", "one")], name=f"f{i}.jsonl") for i in range(3)]
    page = client.get("/v1/files", params={"limit": 2, "order": "asc"}).json()
    assert [f["id"] for f in page["data"]] == ids[:2] and page["has_more"]
    rest = client.get("/v1/files", params={"limit": 2, "order": "asc", "after": ids[1]}).json()
    assert [f["id"] for f in rest["data"]] == ids[2:] and not rest["has_more"]
    assert client.delete(f"/v1/files/{ids[0]}").json() == {"id": ids[0], "object": "file", "deleted": True}
    assert client.get(f"/v1/files/{ids[0]}/content").status_code == 404
    r = client.post("/v1/files", files={"file": ("x.jsonl", b"{}")}, data={"purpose": "fine-tune"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "purpose"


def test_the_api_key_guards_every_v1_route(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_API_KEY", "sk-right")
    get_settings.cache_clear()
    assert client.get("/v1/models").status_code == 401
    assert client.get("/v1/models", headers={"Authorization": "Bearer sk-wrong"}).status_code == 401
    r = client.get("/v1/models", headers={"Authorization": "Bearer sk-right"})
    assert r.status_code == 200 and TARGET in [m["id"] for m in r.json()["data"]]


def test_binding_beyond_loopback_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from serve.server import ServeError, check_binding
    from specq.settings import get_settings

    monkeypatch.delenv("SPECQ_API_KEY", raising=False)
    get_settings.cache_clear()
    check_binding("127.0.0.1")
    with pytest.raises(ServeError, match="SPECQ_API_KEY"):
        check_binding("0.0.0.0")
    monkeypatch.setenv("SPECQ_API_KEY", "sk-x")
    get_settings.cache_clear()
    check_binding("0.0.0.0")
    get_settings.cache_clear()


def test_a_batch_left_without_a_job_by_a_stopped_server_fails(client: TestClient) -> None:
    from db.schema import ApiBatch, utcnow
    from db.session import session_scope
    from serve.batches import advance_all

    file_id = _upload(client, [_line("a", "one")])
    with session_scope() as s:  # what a server that died between the row and the job leaves
        now = utcnow()
        s.add(
            ApiBatch(
                id="batch_orphan",
                endpoint="/v1/completions",
                completion_window="24h",
                input_file_id=file_id,
                created_at=now,
                expires_at=now + timedelta(hours=24),
            )
        )
    assert client.get("/v1/batches/batch_orphan").json()["status"] == "validating"
    advance_all()  # the finalizer's round
    got = client.get("/v1/batches/batch_orphan").json()
    assert got["status"] == "failed" and "server stopped" in got["errors"]["data"][0]["message"]
