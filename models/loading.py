"""Load a causal LM and its tokenizer, the same way for zoo models and hub models.

Weights load from safetensors only (a pickle checkpoint can run code); remote code runs
only when asked for. The draft of a speculative pair must share the target's
tokenizer, which `check_same_tokenizer` enforces with an error naming both models.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from models.devices import default_dtype, resolve_device

logger = logging.getLogger(__name__)


class ModelNotFoundError(FileNotFoundError):
    """A model name or path that resolves to nothing loadable."""


class TokenizerMismatchError(ValueError):
    """A draft whose tokenizer differs from its target's."""


class LoadedModel(NamedTuple):
    """A model in eval mode on its device, and its tokenizer; unpacks as (model, tokenizer)."""

    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase


def load_model_and_tokenizer(
    name_or_path: str | Path,
    device: str | torch.device = "auto",
    dtype: torch.dtype | None = None,
    trust_remote_code: bool = False,
) -> LoadedModel:
    """Load a causal LM (safetensors only) and its tokenizer onto `device`.

    device "auto": CUDA if available, else CPU. dtype None: bfloat16/float16 on CUDA,
    float32 on CPU.
    """
    name = str(name_or_path)
    path = Path(name).expanduser()
    if (path.exists() or name.startswith((".", "/", "~"))) and not (path / "config.json").is_file():
        raise ModelNotFoundError(
            f"model {name!r}: {path} has no config.json; point at a directory written by save_pretrained "
            "(for the local zoo, build it first: models.zoo.build_zoo)"
        )
    target_device = resolve_device(device)
    dtype = dtype or default_dtype(target_device)
    try:
        tokenizer = AutoTokenizer.from_pretrained(name, trust_remote_code=trust_remote_code)
        model = AutoModelForCausalLM.from_pretrained(
            name, dtype=dtype, use_safetensors=True, trust_remote_code=trust_remote_code
        )
    except OSError as err:
        raise ModelNotFoundError(
            f"model {name!r} could not be loaded: not a local save_pretrained directory with safetensors "
            f"weights and a tokenizer, nor a cached Hugging Face hub model ({err})"
        ) from err
    torch.nn.Module.to(model, target_device)  # PreTrainedModel.to's decorator hides its signature from mypy
    model.eval()
    logger.info("loaded %s on %s as %s", name, target_device, dtype)
    return LoadedModel(model, tokenizer)


def load_draft(
    name_or_path: str | Path,
    device: str | torch.device = "auto",
    dtype: torch.dtype | None = None,
    trust_remote_code: bool = False,
) -> LoadedModel:
    """`load_model_and_tokenizer` for a draft: a frequency-ranked head subset it records is applied.

    A draft directory with ``specq_vocab.json`` (`models.drafts.vocab`) scores only those tokens;
    loading it any other way gives the full-vocabulary head, a different (slower) draft.
    """
    from models.drafts.vocab import load_vocab_subset, restrict_head

    loaded = load_model_and_tokenizer(name_or_path, device, dtype, trust_remote_code)
    subset = load_vocab_subset(name_or_path)
    if subset is not None:
        restrict_head(loaded.model, subset)
        logger.info("draft %s scores %d of its vocabulary's tokens", name_or_path, len(subset))
    return loaded


def check_same_tokenizer(target_tok: PreTrainedTokenizerBase, draft_tok: PreTrainedTokenizerBase) -> None:
    """Raise TokenizerMismatchError unless both tokenizers map the same strings to the same ids."""
    target_vocab, draft_vocab = target_tok.get_vocab(), draft_tok.get_vocab()
    if target_vocab == draft_vocab:
        return
    only_target = len(target_vocab.keys() - draft_vocab.keys())
    only_draft = len(draft_vocab.keys() - target_vocab.keys())
    moved = sum(1 for t, i in target_vocab.items() if t in draft_vocab and draft_vocab[t] != i)
    raise TokenizerMismatchError(
        f"draft {draft_tok.name_or_path!r} does not share the tokenizer of target "
        f"{target_tok.name_or_path!r} ({len(draft_vocab)} vs {len(target_vocab)} tokens; {only_target} only "
        f"in the target, {only_draft} only in the draft, {moved} with different ids); pick a draft trained "
        "with the target's tokenizer"
    )
