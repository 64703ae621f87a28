"""Deployment model paths: zoo paths resolve without building (and without torch) once built."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.zoo.resolve import resolve_model_path
from specq.deployment import parse_deployment


def test_hub_ids_and_dirs_pass_through() -> None:
    dep = parse_deployment({"targets": {"t": {"path": "m"}}}, None)
    assert resolve_model_path(dep, "org/model") == "org/model"
    assert resolve_model_path(dep, "/some/dir", build=False) == "/some/dir"


def test_unbuilt_zoo_path_is_none_without_building(specq_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_ZOO_DIR", str(specq_env / "empty-zoo"))
    get_settings.cache_clear()
    dep = parse_deployment({"zoo": {"preset": "tiny"}, "targets": {"t": {"path": "zoo:target-s"}}}, None)
    assert resolve_model_path(dep, "zoo:target-s", build=False) is None
    assert not (specq_env / "empty-zoo").exists()  # nothing was built


def test_built_zoo_path_resolves_without_building(tiny_zoo, specq_env: Path) -> None:  # type: ignore[no-untyped-def]
    dep = parse_deployment({"zoo": {"preset": "tiny"}, "targets": {"t": {"path": "zoo:target-s"}}}, None)
    assert resolve_model_path(dep, "zoo:target-s", build=False) == str(tiny_zoo.target_s)
    assert resolve_model_path(dep, "zoo:draft", build=False) == str(tiny_zoo.draft)
