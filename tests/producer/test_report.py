"""`specq report`: the page shows what SQL holds, opens offline, and renders in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from producer.report import report
from specq.deployment import Deployment
from tests.producer.jobs import finished_job


def test_report_shows_what_sql_holds(db_env: Path, local_deployment: Deployment, tmp_path: Path) -> None:
    job_id = finished_job(tmp_path, local_deployment)
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
    a = finished_job(tmp_path, local_deployment)
    b = finished_job(tmp_path, local_deployment)
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
    page.write_text(report(finished_job(tmp_path, local_deployment)))
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
