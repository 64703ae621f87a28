"""Worker metrics: a real scrape over HTTP equals the sums of the rows written to SQL."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest
from prometheus_client import start_http_server
from prometheus_client.parser import text_string_to_metric_families

from db.queries import ResultRow
from workers.embedded import embedded_redis
from workers.metrics import WorkerMetrics, redis_queue_depths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _row(i: int, draft: str, task: str | None, accepted: list[int]) -> ResultRow:
    return ResultRow(prompt_id=i, job_id="job_x", output_text="", output_tokens=10 + i, prompt_tokens=5,
                     finish_reason="length", target="t", draft=draft, task=task, steps=4, drafted_tokens=16,
                     accepted_tokens=sum(accepted), accepted_per_position=accepted)  # fmt: skip


def test_scrape_equals_the_rows(short_dir: Path) -> None:
    rows = [_row(1, "general", "math", [3, 2, 1, 0]), _row(2, "general", "math", [4, 3, 0, 0]),
            _row(3, "lookup", None, [1, 0, 0, 0])]  # fmt: skip
    metrics = WorkerMetrics()
    metrics.observe_results(rows)
    metrics.observe_failures("t", "general", 2)
    metrics.observe_batch("t", "general", 1.5)
    port = _free_port()
    with embedded_redis(short_dir) as server:
        server.client().rpush("specq.decode.t.general", "m1", "m2", "m3")
        metrics.watch_queues(
            redis_queue_depths(f"unix://{server.socket_path}", ["specq.route", "specq.decode.t.general"])
        )
        start_http_server(port, addr="127.0.0.1", registry=metrics.registry)
        got = _scrape(port)
    math = (("draft", "general"), ("target", "t"), ("task", "math"))
    assert got[("specq_spec_decode_num_accepted_tokens_total", math)] == 6 + 7
    assert got[("specq_spec_decode_num_draft_tokens_total", math)] == 32
    assert got[("specq_spec_decode_num_verify_steps_total", math)] == 8
    assert got[("specq_generation_tokens_total", math)] == 11 + 12
    assert got[("specq_prompts_completed_total", math)] == 2
    pos1 = (("draft", "general"), ("position", "1"), ("target", "t"), ("task", "math"))
    assert got[("specq_spec_decode_num_accepted_tokens_per_pos_total", pos1)] == 5
    default = (("draft", "lookup"), ("target", "t"), ("task", "default"))
    assert got[("specq_spec_decode_num_accepted_tokens_total", default)] == 1
    assert got[("specq_prompts_failed_total", (("draft", "general"), ("target", "t")))] == 2
    assert got[("specq_batch_seconds_count", (("draft", "general"), ("target", "t")))] == 1
    assert got[("specq_queue_depth", (("queue", "specq.decode.t.general"),))] == 3
    assert got[("specq_queue_depth", (("queue", "specq.route"),))] == 0


@pytest.fixture()
def short_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("met")  # short: a unix socket path is limited to ~100 bytes
