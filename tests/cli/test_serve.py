"""`specq serve` as a real process: SIGTERM stops it and everything it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

ONE_TARGET = """
[targets.target-s]
path = "zoo:target-s"
default_draft = "general"

[drafts.general]
path = "zoo:draft"
kind = "model"
targets = ["target-s"]
k = "auto"
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is dead for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.integration
@pytest.mark.timeout(600)
def test_sigterm_stops_workers_and_the_embedded_broker(specq_env: Path, tiny_zoo: Any) -> None:
    from workers.embedded import ping

    config = specq_env / "specq.toml"
    config.write_text(ONE_TARGET)
    port = _free_port()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "SPECQ_CONFIG_FILE": str(config)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "specq serve did not answer /v1/models"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        broker_pid = int((specq_env / "redis.pid").read_text())
        assert _pid_alive(broker_pid)
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, output
    assert "Traceback" not in output, output
    assert not ping(specq_env / "redis.sock"), "the embedded broker still answers after SIGTERM"
    assert not _pid_alive(broker_pid), f"embedded redis-server pid {broker_pid} left running:\n{output}"
