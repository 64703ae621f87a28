"""`specq report`: the page shows what SQL holds, opens offline, and renders in a real browser."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from db import queries as q
from db.schema import Batch, BatchStatus, utcnow
from db.session import session_scope
from producer.report import report
from producer.submit import submit_job
from specq.deployment import Deployment

LINES = [{"custom_id": f"c{i}", "prompt": "hello world"} for i in range(4)] + ["{broken"]


def _job(tmp_path: Path, deployment: Deployment) -> str:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in LINES) + "\n")
    job_id = submit_job(src, "t", deployment=deployment, max_new_tokens=8).job_id
    now = utcnow()
    with session_scope() as s:
        ids = q.prompt_ids(s, job_id)
        rows = [
            q.ResultRow(prompt_id=pid, job_id=job_id, output_text="x", output_tokens=8, prompt_tokens=2,
                        finish_reason="length", target="t", draft=draft, task=task, k=4.0, steps=4,
                        drafted_tokens=16, accepted_tokens=acc, accepted_per_position=per_pos)
            for pid, draft, task, acc, per_pos in [
                (ids[0], "general", "chat", 4, [3, 1, 0, 0]),
                (ids[1], "general", "math", 8, [4, 2, 1, 1]),
                (ids[2], "math-draft", "math", 12, [4, 4, 3, 1]),
            ]
        ]  # fmt: skip
        q.upsert_results(s, rows)
        q.mark_prompts_failed(s, job_id, [(ids[3], "CUDA out of memory")])
        for i, (tokens, after) in enumerate([(16, 2.0), (8, 3.5)]):
            s.add(Batch(id=f"b{i}{job_id[-8:]}", job_id=job_id, pairing="t/general", target="t",
                        draft="general", size=2, status=BatchStatus.DONE, output_tokens=tokens,
                        finished_at=now + timedelta(seconds=after), seconds=1.0))  # fmt: skip
    return job_id


def test_report_shows_what_sql_holds(db_env: Path, local_deployment: Deployment, tmp_path: Path) -> None:
    job_id = _job(tmp_path, local_deployment)
    page = report(job_id)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"(src|href)=[\"']?(https?:)?//|url\((?!#)|<script|<link", page)  # nothing to fetch
    assert page.count("<svg") == 3  # per-position curve, tokens over time, task mix
    # acceptance by (task, draft) as v_acceptance computes it: math/general 8/16, math/math-draft 12/16
    assert (
        "<td>math</td><td>math-draft</td><td>1</td><td>8</td><td>4</td><td>16</td><td>12</td><td>0.750</td>"
        in page
    )
    assert (
        "<td>chat</td><td>general</td><td>1</td><td>8</td><td>4</td><td>16</td><td>4</td><td>0.250</td>"
        in page
    )
    assert "CUDA out of memory" in page and "malformed" in page  # a failed prompt and an invalid line
    assert "Failures (2)" in page
    with pytest.raises(Exception, match="job_nope"):
        report("job_nope")


def test_report_compares_with_a_baseline(db_env: Path, local_deployment: Deployment, tmp_path: Path) -> None:
    a = _job(tmp_path, local_deployment)
    b = _job(tmp_path, local_deployment)
    page = report(a, compare=b)
    assert f"Compared with job {b}" in page and "<td>decode tokens/s</td>" in page
    assert "<td>1.000</td>" in page  # the same batches: speed ratio 1


def _browser() -> tuple[str, str] | None:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (chrome, driver) if chrome and driver else None


@pytest.mark.skipif(
    _browser() is None,
    reason="no Chromium + ChromeDriver here (Debian: apt install chromium chromium-driver)",
)
def test_report_renders_in_headless_chromium(
    db_env: Path, local_deployment: Deployment, tmp_path: Path
) -> None:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the dev extra")
    chrome, driver_path = _browser()  # type: ignore[misc]
    page = tmp_path / "report.html"
    page.write_text(report(_job(tmp_path, local_deployment)))
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,2600"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=opts)
    try:
        browser.get(page.as_uri())
        sizes = browser.execute_script(
            "return Array.from(document.querySelectorAll('figure.plot svg'))"
            ".map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height,"
            " s.querySelectorAll('path').length]; });"
        )
        errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        if os.environ.get("SPECQ_REPORT_SCREENSHOT"):  # docs/report.png is made this way
            browser.save_screenshot(os.environ["SPECQ_REPORT_SCREENSHOT"])
    finally:
        browser.quit()
    assert errors == []
    assert len(sizes) == 3 and all(w > 200 and h > 100 and paths > 0 for w, h, paths in sizes), sizes
