"""Progress of long commands: rich redraws under a pseudo-terminal, plain lines without one.

A fake multi-stage task (a one-step stage, then a 20-step "training" with loss and tokens)
reports through the same path as `specq zoo build`: ``models.zoo.progress.Stages`` over the
``specq.progress.Progress`` that ``cli.progress.cli_progress`` builds.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

TASK = textwrap.dedent(
    """
    import sys, time
    from cli.progress import cli_progress
    from models.zoo.progress import Stages

    with cli_progress(quiet=sys.argv[1] == "quiet", interval_s=0.2) as progress, Stages(progress) as stages:
        with stages.stage("prepare corpora"):
            time.sleep(0.1)
        on_step = stages.add("train fake", 20, tokens_per_step=256)
        for i in range(20):
            time.sleep(0.12)
            on_step(i, 3.0 - 0.1 * i)
    print("finished", flush=True)
    """
)


def _etas(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"ETA (\d+)s", text)]


def _env() -> dict[str, str]:
    # A fixed width: rich would otherwise size the display to whatever terminal runs the tests.
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    return {**env, "COLUMNS": "200", "LINES": "40", "TERM": "xterm-256color", "PYTHONPATH": str(REPO)}


def test_lines_without_a_terminal() -> None:
    r = subprocess.run(
        [sys.executable, "-c", TASK, "lines"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert "prepare corpora: started (1 stage)" in lines
    assert "train fake: started (20 steps)" in lines
    running = [ln for ln in lines if ln.startswith("train fake:") and "ETA" in ln]
    assert len(running) >= 2, lines  # a line every 0.2 s over a ~2.4 s stage
    assert all("steps/s" in ln and "loss" in ln and "tok/s" in ln for ln in running), running
    etas = _etas("\n".join(running))
    assert etas[0] > etas[-1], running  # the ETA falls as work proceeds
    final = [ln for ln in lines if ln.startswith("train fake: 20/20 steps (100%), done in")]
    assert final, lines
    assert "\x1b[" not in r.stderr  # no redrawing escape codes in a log


def test_quiet_prints_nothing() -> None:
    r = subprocess.run(
        [sys.executable, "-c", TASK, "quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == "finished\n"
    assert "train fake" not in r.stderr and "ETA" not in r.stderr


def test_rich_display_under_a_pseudo_terminal() -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the pseudo-terminal
        os.chdir(REPO)
        os.execve(sys.executable, [sys.executable, "-c", TASK, "rich"], _env())
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert os.WEXITSTATUS(status) == 0, text
    assert "\x1b[" in text  # rich redraws in place on a terminal
    assert "train fake" in text and "prepare corpora" in text and "finished" in text
    etas = _etas(text)
    assert len(etas) >= 2 and etas[0] > etas[-1], text[-2000:]
    assert "tok/s" in text and "loss" in text and "steps/s" in text
    assert "done in" in text
