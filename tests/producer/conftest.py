"""Producer fixtures: a local "model" directory holding only tokenizer files and a config.

Submit counts prompt tokens with the target's tokenizer files alone, so a word-level
tokenizer with a 16-token context is enough to test the length check without any weights.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
from sqlalchemy import Engine

from specq.deployment import Deployment, parse_deployment
from tests.db.conftest import pg_url  # noqa: F401 - the PostgreSQL database `backend` uses

CONTEXT = 16
WORDS = ["hello", "world", "the", "a", "long", "prompt", "user", "assistant", ":", "[UNK]"]


@pytest.fixture(scope="session")
def tokenizer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tokenizers import Tokenizer, models, pre_tokenizers

    out = tmp_path_factory.mktemp("tok-model")
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(out / "tokenizer.json"))
    (out / "config.json").write_text(json.dumps({"model_type": "llama", "max_position_embeddings": CONTEXT}))
    return out


@pytest.fixture()
def local_deployment(tokenizer_dir: Path) -> Deployment:
    """Target "t" served from the tokenizer-only directory (no drafts: plain decoding)."""
    return parse_deployment({"targets": {"t": {"path": str(tokenizer_dir), "default_draft": "none"}}}, None)


@pytest.fixture()
def db_env(specq_env: Path) -> Iterator[Path]:
    """A fresh data dir whose SQLite database and settings the producer API uses by default."""
    from db.session import dispose_engines

    dispose_engines()
    yield specq_env
    dispose_engines()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on each backend (PostgreSQL: tests/db's throwaway database,
    skipped with the reason when the server is unreachable)."""
    from db.session import init_db, make_engine

    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'specq.db'}")
    else:
        eng = make_engine(request.getfixturevalue("pg_url"))
    init_db(eng)
    yield eng
    eng.dispose()


@pytest.fixture()
def memory_broker(db_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Celery pointed at kombu's in-process transport; yields a function draining a route queue
    (``specq.route`` unless told)."""
    from specq.settings import get_settings
    from workers.app import ROUTE_QUEUE, celery_app, configure

    monkeypatch.setenv("SPECQ_BROKER_URL", "memory://")
    get_settings.cache_clear()
    configure()

    def drain(name: str = ROUTE_QUEUE) -> list[tuple[str, list[Any]]]:
        got = []
        with celery_app.connection_for_read() as conn:
            queue = conn.SimpleQueue(name)
            while True:
                try:
                    msg = queue.get(timeout=0.05)
                except Empty:
                    break
                got.append((msg.headers["task"], msg.decode()[0]))
                msg.ack()
            queue.close()
        return got

    drain()
    yield drain
    monkeypatch.delenv("SPECQ_BROKER_URL")
    get_settings.cache_clear()
    configure()
