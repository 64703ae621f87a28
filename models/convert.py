"""Import a user's checkpoint (a GGUF file or a Hugging Face directory) as a safetensors HF directory.

What comes out is what every specq loader reads (`models.loading.load_model_and_tokenizer`):
``config.json`` + ``model.safetensors`` + tokenizer files (chat template included) +
``generation_config.json``, float32 weights. A GGUF file is dequantized by transformers'
GGUF loader; the loaded model is marked quantized and refuses ``save_pretrained``, so the
model is rebuilt from its config without ``quantization_config`` and given the dequantized
state dict. Every import is checked by loading the written directory back and decoding a
few greedy tokens, which must equal the source model's.

Refused by name, before anything heavy runs: a GGUF architecture transformers cannot load,
a quantization type the ``gguf`` package cannot dequantize, a directory with only pickle
weights (loading one can run code), a config that needs remote code, a quantized HF
checkpoint, and a missing ``gguf`` extra.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import logging
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from specq.progress import Progress, as_progress

logger = logging.getLogger(__name__)

GGUF_EXTRA = "pip install 'specq[gguf]'"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")
CHECK_MESSAGE = "What is the capital of France?"  # the verification prompt (through the chat template)


class CheckpointError(ValueError):
    """A checkpoint specq will not import; the message says why and what to do."""


class UnsupportedCheckpointError(CheckpointError):
    """An architecture or quantization type that cannot be converted."""


class PickleWeightsError(CheckpointError):
    """A directory whose weights exist only as pickle files."""


class RemoteCodeError(CheckpointError):
    """A config that needs code shipped with the checkpoint (trust_remote_code)."""


class MissingExtraError(CheckpointError):
    """An optional dependency of specq that this import needs is not installed."""


class VerificationError(CheckpointError):
    """The written directory does not decode like the source model."""


@dataclass
class ImportResult:
    """What `import_checkpoint` wrote and how it checked it."""

    source: Path
    out_dir: Path
    kind: Literal["gguf", "hf"]
    model_type: str  # config.model_type of the written model
    num_layers: int
    vocab_size: int
    parameters: int
    tensor_types: dict[str, int] = field(default_factory=dict)  # GGUF: quantization type -> tensor count
    check_prompt: str = ""  # the rendered verification prompt
    check_tokens: list[int] = field(default_factory=list)  # greedy tokens, equal for source and import
    check_text: str = ""
    max_logit_diff: float = 0.0  # |source - import| over the verification prompt's logits
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in self.__dict__.items()}


def import_checkpoint(
    source: str | Path,
    out_dir: str | Path,
    *,
    overwrite: bool = False,
    check_tokens: int = 8,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert `source` (a ``.gguf`` file or a HF model directory) into the directory `out_dir`.

    `out_dir` must not exist (or `overwrite`). The result is verified by reloading it: its
    greedy continuation of a short chat prompt must equal the source model's. Each phase
    (reading/dequantizing, writing, verifying) is a stage of `progress`.
    """
    t0 = time.perf_counter()
    shown = as_progress(progress)
    src = Path(source).expanduser()
    out = Path(out_dir).expanduser()
    if not src.exists():
        raise FileNotFoundError(f"checkpoint {src} does not exist; pass a .gguf file or a model directory")
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise CheckpointError(f"{out} already exists and is not empty; pick another --out or remove it")
    if src.is_file():
        if src.suffix.lower() != ".gguf":
            raise UnsupportedCheckpointError(
                f"{src}: a single file must be a .gguf checkpoint; for other formats pass the model directory"
            )
        kind: Literal["gguf", "hf"] = "gguf"
        tensor_types = check_gguf(src)
        with shown.status(f"reading and dequantizing {src.name}"):
            model, tokenizer = _load_gguf(src)
    else:
        kind, tensor_types = "hf", {}
        check_hf_dir(src)
        with shown.status(f"reading {src.name}"):
            model, tokenizer = _load_hf_dir(src)

    partial = out.with_name(f".{out.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    with shown.status("writing safetensors"):
        _save(model, tokenizer, partial)
    with shown.status("verifying: reloading and comparing a greedy reply"):
        prompt_ids = _check_prompt(tokenizer)
        reference = _greedy(model, prompt_ids, check_tokens)
        del model
        checked = _verify(partial, prompt_ids, reference, check_tokens)
    if out.exists():
        shutil.rmtree(out)
    partial.rename(out)
    config = json.loads((out / "config.json").read_text())
    result = ImportResult(
        source=src.resolve(),
        out_dir=out.resolve(),
        kind=kind,
        model_type=str(config.get("model_type")),
        num_layers=int(config.get("num_hidden_layers", 0)),
        vocab_size=int(config.get("vocab_size", 0)),
        parameters=checked.parameters,
        tensor_types=tensor_types,
        check_prompt=str(tokenizer.decode(prompt_ids)),
        check_tokens=reference.tokens,
        check_text=str(tokenizer.decode(reference.tokens)),
        max_logit_diff=checked.max_logit_diff,
        seconds=round(time.perf_counter() - t0, 2),
    )
    (out / "specq_import.json").write_text(json.dumps(result.to_dict(), indent=2) + "\n")
    logger.info("imported %s into %s in %.1f s", src, out, result.seconds)
    return result


# ------------------------------------------------------------------------------------------ checks


def require_gguf() -> None:
    """Raise MissingExtraError unless the packages transformers' GGUF loader needs are importable."""
    missing = [m for m in ("gguf", "accelerate") if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError(
            f"reading GGUF checkpoints needs the package(s) {', '.join(missing)}: {GGUF_EXTRA}"
        )


def check_gguf(path: Path) -> dict[str, int]:
    """Refuse a GGUF file transformers cannot load; return its tensor count per quantization type."""
    require_gguf()
    from gguf import GGUFReader, dequantize
    from transformers.modeling_gguf_pytorch_utils import GGUF_SUPPORTED_ARCHITECTURES

    try:
        reader = GGUFReader(path)
    except (ValueError, OSError) as err:
        raise CheckpointError(f"{path}: not a readable GGUF file ({err})") from err
    arch_field = reader.fields.get("general.architecture")
    if arch_field is None:
        raise CheckpointError(f"{path}: the GGUF metadata has no general.architecture")
    architecture = str(arch_field.contents())
    if architecture not in GGUF_SUPPORTED_ARCHITECTURES:
        raise UnsupportedCheckpointError(
            f"{path}: GGUF architecture {architecture!r} is not one transformers can load; supported: "
            + ", ".join(sorted(GGUF_SUPPORTED_ARCHITECTURES))
        )
    types: Counter[str] = Counter()
    first_of: dict[str, Any] = {}  # type name -> its first ReaderTensor
    for tensor in reader.tensors:
        types[tensor.tensor_type.name] += 1
        first_of.setdefault(tensor.tensor_type.name, tensor)
    for name, tensor in first_of.items():
        try:
            dequantize(tensor.data[:1], tensor.tensor_type)
        except NotImplementedError as err:
            raise UnsupportedCheckpointError(
                f"{path}: tensor {tensor.name!r} is quantized as {name}, which the gguf package "
                "cannot dequantize; convert the model with another quantization (Q4_0, Q4_1, Q4_K, Q5_K, "
                "Q6_K, Q8_0, F16, BF16 and F32 work)"
            ) from err
    return dict(types)


def check_hf_dir(path: Path) -> None:
    """Refuse a HF directory that specq cannot load safely (see the module docstring)."""
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES

    config_file = path / "config.json"
    if not config_file.is_file():
        raise CheckpointError(
            f"{path} has no config.json: pass a directory written by save_pretrained (or a .gguf file)"
        )
    try:
        config = json.loads(config_file.read_text())
    except json.JSONDecodeError as err:
        raise CheckpointError(f"{config_file}: not valid JSON ({err})") from err
    if "auto_map" in config or config.get("model_type") not in CONFIG_MAPPING_NAMES:
        what = "has an auto_map" if "auto_map" in config else f"has model_type {config.get('model_type')!r}"
        raise RemoteCodeError(
            f"{config_file} {what}: the model needs code shipped with the checkpoint (trust_remote_code), "
            "which specq does not run; use an architecture built into transformers"
        )
    quant = config.get("quantization_config")
    if quant:
        raise UnsupportedCheckpointError(
            f"{config_file}: the checkpoint is quantized ({quant.get('quant_method', 'unknown method')}); "
            "specq imports float weights (or a GGUF file): pass the unquantized model"
        )
    files = [p for p in path.iterdir() if p.is_file()]
    if not any(p.suffix == ".safetensors" for p in files):
        pickles = sorted(p.name for p in files if p.suffix in PICKLE_SUFFIXES)
        if pickles:
            raise PickleWeightsError(
                f"{path} has weights only as pickle files ({', '.join(pickles)}); loading them can run code. "
                "Convert them to safetensors where you trust them (model.save_pretrained(dir, "
                "safe_serialization=True)) and import that directory"
            )
        raise CheckpointError(f"{path} has no *.safetensors weights")


# ------------------------------------------------------------------------------------------ loading


def _load_gguf(path: Path) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The GGUF model dequantized to float32, rebuilt as a plain (unquantized) model, and its tokenizer."""
    kwargs = {"gguf_file": path.name}
    tokenizer = AutoTokenizer.from_pretrained(path.parent, **kwargs)
    loaded = AutoModelForCausalLM.from_pretrained(path.parent, dtype=torch.float32, **kwargs)
    config = copy.deepcopy(loaded.config)
    if hasattr(config, "quantization_config"):
        del config.quantization_config  # a GGUF-loaded model is marked quantized; ours is plain float
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict(), strict=True)
    model.generation_config = copy.deepcopy(loaded.generation_config)
    _fill_generation_config(model, tokenizer)
    return model.eval(), tokenizer


def _load_hf_dir(path: Path) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
    except (OSError, ValueError) as err:
        raise CheckpointError(f"{path}: no loadable tokenizer ({err})") from err
    try:
        model = AutoModelForCausalLM.from_pretrained(
            path, dtype=torch.float32, use_safetensors=True, trust_remote_code=False
        )
    except ValueError as err:
        raise UnsupportedCheckpointError(
            f"{path}: not a causal language model transformers knows ({err})"
        ) from err
    _fill_generation_config(model, tokenizer)
    return model.eval(), tokenizer


def _fill_generation_config(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase) -> None:
    """Greedy by default, stopping at the tokenizer's end-of-turn token."""
    gen = model.generation_config
    if gen.eos_token_id is None and tokenizer.eos_token_id is not None:
        gen.eos_token_id = tokenizer.eos_token_id
    if gen.pad_token_id is None:
        gen.pad_token_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else gen.eos_token_id
    if gen.bos_token_id is None and tokenizer.bos_token_id is not None:
        gen.bos_token_id = tokenizer.bos_token_id


def _save(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, out: Path) -> None:
    out.mkdir(parents=True)
    model.save_pretrained(out)  # safetensors
    tokenizer.save_pretrained(out)  # tokenizer.json, tokenizer_config.json, chat_template.jinja
    if not any(out.glob("*.safetensors")):
        raise CheckpointError(f"saving to {out} wrote no safetensors file")


# ------------------------------------------------------------------------------------------ check


@dataclass
class _Greedy:
    tokens: list[int]
    logits: torch.Tensor  # (T, V) logits of the prompt positions
    parameters: int = 0
    max_logit_diff: float = 0.0


def _check_prompt(tokenizer: PreTrainedTokenizerBase) -> list[int]:
    """The verification prompt's ids, rendered and tokenized as the decode worker does."""
    from specq.chat import render_chat

    text = render_chat([{"role": "user", "content": CHECK_MESSAGE}], tokenizer)
    templated = bool(tokenizer.chat_template)
    return [int(i) for i in tokenizer(text, add_special_tokens=not templated)["input_ids"]]


@torch.inference_mode()
def _greedy(model: PreTrainedModel, prompt: list[int], n: int) -> _Greedy:
    ids = torch.tensor([prompt])
    logits = model.forward(ids).logits[0].float()
    out = model.generate(  # type: ignore[operator]  # transformers types generate loosely
        ids, attention_mask=torch.ones_like(ids), max_new_tokens=n, do_sample=False
    )
    return _Greedy(
        tokens=out[0, len(prompt) :].tolist(),
        logits=logits,
        parameters=sum(p.numel() for p in model.parameters()),
    )


def _verify(out: Path, prompt: list[int], reference: _Greedy, n: int) -> _Greedy:
    """Reload `out` the way specq loads models and decode: tokens must equal `reference`'s."""
    from models.loading import load_model_and_tokenizer

    model, _ = load_model_and_tokenizer(out, device="cpu", dtype=torch.float32)
    got = _greedy(model, prompt, n)
    got.max_logit_diff = float((got.logits - reference.logits).abs().max())
    if got.tokens != reference.tokens:
        raise VerificationError(
            f"the imported model in {out} decodes {got.tokens} where the source decodes {reference.tokens} "
            f"(max logit difference {got.max_logit_diff:.3g}); the conversion lost information"
        )
    return got
