"""specq.progress: rates count from the first report, line throttling, stages named by messages."""

from __future__ import annotations

import re
import time

import pytest

from specq.progress import LineSink, Progress, StageState


def test_rate_and_eta_count_from_the_first_report() -> None:
    st = StageState("train", 100, started=time.monotonic() - 1000)  # a long start-up before step 1
    now = time.monotonic()
    st.first_at, st.first_done, st.done = now - 10, 1, 11  # then 10 steps in 10 s
    assert st.rate == pytest.approx(1.0, rel=0.05)
    assert st.eta_s == pytest.approx(89.0, rel=0.05)  # not hundreds: the start-up is not a rate
    st.info["tokens"] = 11 * 256
    assert st.tokens_per_s == pytest.approx(256.0, rel=0.05)
    assert re.search(r"11/100 steps \(11%\), 1 steps/s, ETA (88|89)s, 256 tok/s", st.describe())


def test_line_sink_writes_start_end_and_one_line_per_interval() -> None:
    lines: list[str] = []
    clock = [0.0]
    progress = Progress(LineSink(lines.append, interval_s=30.0, clock=lambda: clock[0]))
    with progress.stage("align draft", 10) as st:
        for step in range(10):
            clock[0] += 7.0  # 70 s in all: lines at 35 s and 70 s, not 10 lines
            st.update(step + 1, loss=1.0 / (step + 1))
    assert lines[0] == "align draft: started (10 steps)"
    running = [ln for ln in lines[1:-1]]
    assert len(running) == 2 and all("ETA" in ln for ln in running)
    assert lines[-1].startswith("align draft: 10/10 steps (100%), done in")


def test_say_and_status_name_stages() -> None:
    lines: list[str] = []
    with Progress(LineSink(lines.append, interval_s=0.0)) as progress:
        progress.say("loading target-s")
        progress.say("measuring general on code (1/2)")
        with progress.status("training the router"):
            pass
    starts = [ln for ln in lines if ln.endswith("started")]
    assert starts == [
        "loading target-s: started",
        "measuring general on code (1/2): started",
        "training the router: started",
    ]
    assert sum("done in" in ln for ln in lines) == 3  # close() ends the last narrated stage
    assert Progress(None).enabled is False
