"""Router artifacts of an older version are refused with the command that re-makes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.tasks import (
    MANIFEST_FILE,
    ROUTER_VERSION,
    RouterArtifactError,
    load_router,
    save_router,
    train_router,
)


def test_a_router_of_the_previous_version_is_refused_with_the_command_to_remake_it(tmp_path: Path) -> None:
    texts = [f"Translate German to English: Der Hund {i} schläft ." for i in range(6)]
    texts += [f"What is {i} plus {i + 1}? Show the sum." for i in range(6)]
    router = train_router(texts, ["translation"] * 6 + ["math"] * 6, source_file="/data/prompts.jsonl")
    directory = save_router(router, tmp_path / "router")
    assert load_router(directory).classify(texts[:1]) == ["translation"]
    manifest = json.loads((directory / MANIFEST_FILE).read_text())
    (directory / MANIFEST_FILE).write_text(json.dumps({**manifest, "version": ROUTER_VERSION - 1}))
    with pytest.raises(RouterArtifactError) as err:
        load_router(directory)
    message = str(err.value)
    assert f"version {ROUTER_VERSION - 1}" in message and f"reads version {ROUTER_VERSION}" in message
    assert f"specq partition /data/prompts.jsonl --out {directory}" in message
