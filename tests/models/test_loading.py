"""Loading models from save_pretrained directories: safetensors only, clear errors, tokenizer checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast

from models.devices import default_dtype, resolve_device
from models.loading import (
    LoadedModel,
    ModelNotFoundError,
    TokenizerMismatchError,
    check_same_tokenizer,
    load_model_and_tokenizer,
)
from tests.factories import tiny_llama


def make_tokenizer(words: list[str], name: str) -> PreTrainedTokenizerFast:
    vocab = {w: i for i, w in enumerate(["<unk>", "</s>", *words])}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", eos_token="</s>")
    tok.name_or_path = name
    return tok


def save_tiny_model(directory: Path, words: list[str]) -> None:
    tok = make_tokenizer(words, str(directory))
    model = tiny_llama(0, len(tok), layers=1, hidden=16, heads=2, kv_heads=1, max_positions=2048,
                       eos=tok.eos_token_id, double=False)  # fmt: skip
    model.save_pretrained(directory)
    tok.save_pretrained(directory)


WORDS = ["the", "cat", "sat", "on", "mat"]


def test_loads_model_and_tokenizer_on_cpu_in_float32(tmp_path: Path) -> None:
    save_tiny_model(tmp_path / "m", WORDS)
    assert list((tmp_path / "m").glob("*.safetensors"))
    loaded = load_model_and_tokenizer(tmp_path / "m", device="cpu")
    assert isinstance(loaded, LoadedModel)
    model, tokenizer = loaded  # unpacks as a pair
    assert model.device.type == "cpu" and model.dtype == torch.float32 and not model.training
    assert tokenizer("the cat sat")["input_ids"] == [2, 3, 4]
    with torch.no_grad():
        logits = model(torch.tensor([[2, 3, 4]])).logits
    assert logits.shape == (1, 3, len(tokenizer))


def test_explicit_dtype_is_honoured(tmp_path: Path) -> None:
    save_tiny_model(tmp_path / "m", WORDS)
    model, _ = load_model_and_tokenizer(str(tmp_path / "m"), device="cpu", dtype=torch.float64)
    assert model.dtype == torch.float64


def test_missing_model_names_the_model(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelNotFoundError, match="no-such-model"):
        load_model_and_tokenizer(missing, device="cpu")


def test_directory_without_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match="config.json"):
        load_model_and_tokenizer(tmp_path / "empty", device="cpu")


def test_pickle_weights_are_refused(tmp_path: Path) -> None:
    directory = tmp_path / "pickled"
    save_tiny_model(directory, WORDS)
    state = _read_safetensors(directory)
    for f in directory.glob("*.safetensors"):
        f.unlink()
    torch.save(state, directory / "pytorch_model.bin")
    with pytest.raises(ModelNotFoundError, match="safetensors"):
        load_model_and_tokenizer(directory, device="cpu")


def _read_safetensors(directory: Path) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    out: dict[str, torch.Tensor] = {}
    for f in directory.glob("*.safetensors"):
        out.update(load_file(f))
    return out


def test_check_same_tokenizer() -> None:
    a = make_tokenizer(WORDS, "zoo/target")
    check_same_tokenizer(a, make_tokenizer(WORDS, "zoo/draft"))
    with pytest.raises(TokenizerMismatchError, match=r"zoo/other.*zoo/target"):
        check_same_tokenizer(a, make_tokenizer([*WORDS[:-1], "rug"], "zoo/other"))
    with pytest.raises(TokenizerMismatchError, match="different ids"):
        check_same_tokenizer(a, make_tokenizer(WORDS[::-1], "zoo/reordered"))


def test_devices() -> None:
    assert resolve_device("cpu") == torch.device("cpu")
    assert default_dtype(torch.device("cpu")) == torch.float32
    if torch.cuda.is_available():
        assert resolve_device("auto").type == "cuda"
    else:
        assert resolve_device("auto") == torch.device("cpu")
        with pytest.raises(RuntimeError, match="CUDA is not available"):
            resolve_device("cuda")
