"""models.convert: GGUF files and HF directories imported as safetensors HF directories."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import torch

from models.convert import (
    CheckpointError,
    MissingExtraError,
    PickleWeightsError,
    RemoteCodeError,
    UnsupportedCheckpointError,
    import_checkpoint,
)
from models.loading import load_model_and_tokenizer
from tests.models.gguf_files import tiny_llama, write_llama_gguf

pytest.importorskip("gguf", reason="the gguf extra is not installed: pip install 'specq[gguf]'")

IDS = torch.tensor([[1, 40, 90, 100, 7, 200, 3, 150, 265, 266]])


@pytest.fixture(scope="module")
def source_model():  # type: ignore[no-untyped-def]
    return tiny_llama(num_layers=2)


@pytest.fixture(scope="module")
def imported(source_model, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The tiny model written as GGUF by the test, then imported."""
    tmp = tmp_path_factory.mktemp("gguf")
    gguf_path = write_llama_gguf(source_model, tmp / "tiny.gguf")
    return import_checkpoint(gguf_path, tmp / "imported", check_tokens=6)


def test_gguf_import_round_trips_to_identical_logits(source_model, imported) -> None:  # type: ignore[no-untyped-def]
    model, tokenizer = load_model_and_tokenizer(imported.out_dir, device="cpu", dtype=torch.float32)
    with torch.inference_mode():
        torch.testing.assert_close(model(IDS).logits, source_model(IDS).logits, rtol=0, atol=1e-5)
    assert imported.kind == "gguf" and imported.model_type == "llama" and imported.num_layers == 2
    assert imported.tensor_types == {"F32": len(source_model.state_dict())}
    assert imported.max_logit_diff == 0.0
    assert list((imported.out_dir).glob("*.safetensors")) and not list(imported.out_dir.glob("*.bin"))


def test_imported_tokenizer_keeps_chat_template_and_end_of_turn(imported) -> None:  # type: ignore[no-untyped-def]
    _, tokenizer = load_model_and_tokenizer(imported.out_dir, device="cpu", dtype=torch.float32)
    text = tokenizer.apply_chat_template(
        [{"role": "user", "content": "hi"}], add_generation_prompt=True, tokenize=False
    )
    assert text == "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    assert tokenizer.decode(tokenizer("the ear")["input_ids"]) == "the ear"
    assert tokenizer.convert_ids_to_tokens(2) == "<|im_end|>"
    generation = json.loads((imported.out_dir / "generation_config.json").read_text())
    assert generation["eos_token_id"] == 2


def test_hf_directory_import_round_trips(source_model, imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "hf"
    source_model.save_pretrained(src)
    _, tokenizer = load_model_and_tokenizer(imported.out_dir, device="cpu", dtype=torch.float32)
    tokenizer.save_pretrained(src)
    result = import_checkpoint(src, tmp_path / "out", check_tokens=4)
    model, _ = load_model_and_tokenizer(result.out_dir, device="cpu", dtype=torch.float32)
    with torch.inference_mode():
        assert torch.equal(model(IDS).logits, source_model(IDS).logits)
    assert result.kind == "hf"


def test_pickle_only_directory_is_refused(source_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source_model.config.save_pretrained(tmp_path)
    torch.save(source_model.state_dict(), tmp_path / "pytorch_model.bin")
    with pytest.raises(PickleWeightsError, match=r"pytorch_model\.bin.*can run code"):
        import_checkpoint(tmp_path, tmp_path / "out")


@pytest.mark.parametrize(
    "change", [{"auto_map": {"AutoModelForCausalLM": "modeling_x.XForCausalLM"}}, {"model_type": "x-remote"}]
)
def test_remote_code_config_is_refused(source_model, tmp_path: Path, change: dict) -> None:  # type: ignore[no-untyped-def]
    source_model.save_pretrained(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps({**config, **change}))
    with pytest.raises(RemoteCodeError, match="trust_remote_code"):
        import_checkpoint(tmp_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_unsupported_gguf_architecture_is_refused(source_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_llama_gguf(source_model, tmp_path / "x.gguf", architecture="rwkv7")
    with pytest.raises(UnsupportedCheckpointError, match="'rwkv7' is not one transformers can load"):
        import_checkpoint(path, tmp_path / "out")


def test_unsupported_quantization_type_is_refused(source_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import gguf

    path = write_llama_gguf(source_model, tmp_path / "q.gguf", quantize_as=gguf.GGMLQuantizationType.Q8_1)
    with pytest.raises(UnsupportedCheckpointError, match=r"blk\.0\.ffn_up\.weight.*Q8_1"):
        import_checkpoint(path, tmp_path / "out")


def test_missing_gguf_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gguf" else real_find_spec(name, *a)
    )
    (tmp_path / "m.gguf").write_bytes(b"GGUF")
    with pytest.raises(MissingExtraError, match=r"specq\[gguf\]"):
        import_checkpoint(tmp_path / "m.gguf", tmp_path / "out")


def test_existing_output_directory_is_not_overwritten(imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(CheckpointError, match="already exists"):
        import_checkpoint(imported.out_dir, tmp_path / "out")
    assert (tmp_path / "out" / "keep.txt").read_text() == "mine"
