"""Fixtures of the worker-plane tests: a small deployment, a database, helpers to read SQL back.

The unit tests use random-weight Llama models built here in a second (a byte-level BPE
tokenizer trained on a few sentences, saved with save_pretrained like any hub model), so
they exercise routing and decoding without the zoo. The integration tests use the tiny zoo
through the default deployment file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

CORPUS = [
    "def add(a, b):\n    return a + b\n",
    "SELECT name FROM users WHERE age > 30;",
    "What is 12 plus 30? The answer is 42.",
    "The quick brown fox jumps over the lazy dog.",
    "import os\nprint(os.getcwd())\n",
] * 20


def _build_tokenizer(out: Path) -> None:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=300,
        special_tokens=["<|bos|>", "<|eos|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(CORPUS, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|bos|>", eos_token="<|eos|>")
    fast.save_pretrained(out)


def _build_llama(out: Path, tokenizer_dir: Path, layers: int, seed: int) -> None:
    from transformers import AutoTokenizer

    from tests.factories import tiny_llama

    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    model = tiny_llama(seed, len(tok), layers=layers, max_positions=128, bos=tok.bos_token_id,
                       eos=tok.eos_token_id, double=False)  # fmt: skip
    model.save_pretrained(out)
    tok.save_pretrained(out)


@pytest.fixture(scope="session")
def random_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Directories of a random target ("target") and draft ("draft") sharing one tokenizer."""
    root = tmp_path_factory.mktemp("models")
    _build_tokenizer(root / "tokenizer")
    _build_llama(root / "target", root / "tokenizer", layers=2, seed=0)
    _build_llama(root / "draft", root / "tokenizer", layers=1, seed=1)
    return {"target": root / "target", "draft": root / "draft"}


@pytest.fixture()
def unit_env(
    specq_env: Path, random_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A fresh data dir with a migrated SQLite database and a deployment of the random models."""
    from db.session import dispose_engines, init_db
    from specq.settings import get_settings
    from workers.runtime import reset_runtime

    config = specq_env / "specq.toml"
    config.write_text(
        textwrap.dedent(
            f"""
            [targets.t]
            path = "{random_models["target"]}"
            default_draft = "small"

            [drafts.small]
            path = "{random_models["draft"]}"
            kind = "model"
            targets = ["t"]
            k = 3

            [drafts.lookup]
            kind = "prompt-lookup"
            targets = ["t"]
            k = 2
            """
        )
    )
    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(config))
    monkeypatch.setenv("SPECQ_MAX_BATCH_SIZE", "4")
    monkeypatch.setenv("SPECQ_EXPLORE_RATE", "0")  # routing decisions under test are deterministic
    get_settings.cache_clear()
    dispose_engines()
    reset_runtime()
    init_db()
    yield specq_env
    dispose_engines()
    reset_runtime()


@pytest.fixture(scope="session")
def alien_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model saved with a tokenizer different from `random_models`' (a draft no target may use)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    root = tmp_path_factory.mktemp("alien")
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "<s>": 1, "</s>": 2, "hello": 3}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>").save_pretrained(
        root / "tok"
    )
    _build_llama(root / "model", root / "tok", layers=1, seed=2)
    return root / "model"
