"""Token counts and context limits of a target, from its tokenizer files alone (no weights, no torch).

Submit uses this to reject prompts longer than the target's context (tokenizing only the
prompts whose UTF-8 size does not already prove they fit). When the target's
files are not on this machine yet (a hub id not in the local cache, or a zoo preset not
built), there is nothing to count with: submit applies only the byte limit of the settings
and the decode worker reports over-long prompts as failed with the same message.

Chat messages are rendered with ``specq.chat.render_chat``, the function the decode worker
uses too, so the counts here match what is decoded; the chat template is read from the
model's files (:class:`ChatTemplate`), so submitting chats never imports torch.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from producer.limits import max_token_bytes
from specq.chat import render_chat

log = logging.getLogger(__name__)

# config.json keys that hold the context length, by model family.
_CONTEXT_KEYS = ("max_position_embeddings", "n_positions", "max_seq_len", "seq_length", "n_ctx")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def context_length_of(model_dir: Path) -> int | None:
    """The context length from ``config.json`` (None when the file does not say)."""
    config = _read_json(model_dir / "config.json")
    for key in _CONTEXT_KEYS:
        value = config.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return None


@dataclass
class TargetTokenizer:
    """Counts prompt tokens the way the target will see them."""

    target: str
    model_dir: Path
    context_length: int | None
    _fast: Any  # tokenizers.Tokenizer
    _chat: Any = None  # ChatTemplate (False: none), read on the first chat line

    @property
    def special_tokens(self) -> int:
        """Tokens the post-processor adds to every sequence (BOS/EOS and the like)."""
        post = self._fast.post_processor
        return int(post.num_special_tokens_to_add(False)) if post is not None else 0

    @property
    def vocab_size(self) -> int:
        """Token ids the tokenizer knows (added tokens included): a token-id prompt's ids are below it."""
        return int(self._fast.get_vocab_size(with_added_tokens=True))

    @property
    def max_token_bytes(self) -> int:
        """UTF-8 bytes of the longest vocabulary entry: a prompt of B bytes has >= B / this tokens."""
        return max_token_bytes(self._fast)

    def surely_fits(self, text: str, max_new_tokens: int) -> bool:
        """True when ``text`` fits without counting: a token covers at least one UTF-8 byte.

        (Exact for byte-level BPE and byte-fallback tokenizers; a normalizer that expands
        characters could in theory beat the bound, and the decode worker still checks.)
        """
        if self.context_length is None:
            return True
        return len(text.encode("utf-8")) + self.special_tokens + max_new_tokens <= self.context_length

    def count(self, texts: list[str]) -> list[int]:
        """Token counts (special tokens included, as the tokenizer adds them)."""
        if not texts:
            return []
        return [len(e.ids) for e in self._fast.encode_batch(texts)]

    def render(self, messages: list[dict[str, Any]]) -> str:
        if self._chat is None:
            self._chat = chat_template_of(self.model_dir) or False  # False: looked, none
        return render_chat(messages, self._chat or None)


# The named special tokens transformers passes to every chat template (its special_tokens_map).
_TEMPLATE_TOKENS = (
    "bos_token",
    "eos_token",
    "unk_token",
    "sep_token",
    "pad_token",
    "cls_token",
    "mask_token",
)


@dataclass(frozen=True)
class ChatTemplate:
    """A model's chat template, rendered as ``apply_chat_template(..., tokenize=False)`` renders it.

    Built from the files alone: loading a transformers tokenizer imports torch (17 s on the
    loaded development machine), which submit must not pay for a chat line.
    """

    chat_template: str
    special_tokens: dict[str, Any]

    def apply_chat_template(
        self, messages: list[dict[str, Any]], *, tokenize: bool = False, add_generation_prompt: bool = True
    ) -> str:
        from transformers.utils.chat_template_utils import render_jinja_template  # no torch

        out: Any = render_jinja_template(
            conversations=[messages],
            chat_template=self.chat_template,
            add_generation_prompt=add_generation_prompt,
            **self.special_tokens,
        )
        return str(out[0][0])  # (rendered chats, generation indices)


def chat_template_of(model_dir: Path) -> ChatTemplate | None:
    """The chat template saved with ``model_dir`` (``chat_template.jinja`` or tokenizer_config.json's
    ``chat_template``, a string or the ``default`` of named ones), or None when it has none."""
    config = _read_json(model_dir / "tokenizer_config.json")
    template: Any = None
    if (model_dir / "chat_template.jinja").is_file():
        template = (model_dir / "chat_template.jinja").read_text(encoding="utf-8")
    elif isinstance(config.get("chat_template"), str):
        template = config["chat_template"]
    elif isinstance(config.get("chat_template"), list):
        named = {t.get("name"): t.get("template") for t in config["chat_template"] if isinstance(t, dict)}
        template = named.get("default")
    if not isinstance(template, str) or not template:
        return None
    special: dict[str, Any] = {}
    for key in _TEMPLATE_TOKENS:
        value = config.get(key)
        value = value.get("content") if isinstance(value, dict) else value
        if isinstance(value, str):
            special[key] = value
    return ChatTemplate(template, special)


def _local_files(path: str) -> Path | None:
    """A directory holding ``tokenizer.json`` for ``path`` (local dir or cached hub id), or None."""
    p = Path(path).expanduser()
    if p.is_dir():
        return p if (p / "tokenizer.json").exists() else None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    cached = try_to_load_from_cache(path, "tokenizer.json")
    if isinstance(cached, str):
        return Path(cached).parent
    return None


def load_target_tokenizer(target: str, model_path: str | None) -> TargetTokenizer | None:
    """The target's tokenizer from files on this machine, or None when they are not here."""
    if model_path is None:
        return None
    model_dir = _local_files(model_path)
    if model_dir is None:
        log.info(
            "no local tokenizer.json for target %s (%s); skipping the prompt length check", target, model_path
        )
        return None
    from tokenizers import Tokenizer

    fast = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # Counting must not truncate or pad, whatever the saved tokenizer was configured with.
    fast.no_truncation()
    fast.no_padding()
    return TargetTokenizer(
        target=target, model_dir=model_dir, context_length=context_length_of(model_dir), _fast=fast
    )
