"""The zoo's byte-level BPE tokenizer, saved as a hub tokenizer (``tokenizer.json`` + config).

Byte-level means every string round-trips exactly: unknown characters fall back to
their UTF-8 bytes. No BOS token is added, so a prompt's ids are just its text's ids
(the speculative engine and the producer tokenize the same way for every model).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerFast

logger = logging.getLogger(__name__)

EOS = "<|endoftext|>"
PAD = "<|pad|>"
ROLE_TOKENS = ("<|system|>", "<|user|>", "<|assistant|>", "<|end|>")
SPECIAL_TOKENS = (EOS, PAD, *ROLE_TOKENS)

# One turn per message; generation continues after "<|assistant|>\n" and stops at EOS.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "<|{{ message['role'] }}|>\n{{ message['content'] }}<|end|>\n"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def train_tokenizer(texts: Iterable[str], vocab_size: int, out_dir: Path) -> PreTrainedTokenizerFast:
    """Train a byte-level BPE with `vocab_size` entries (specials included) and save it to `out_dir`."""
    if vocab_size < 256 + len(SPECIAL_TOKENS):
        raise ValueError(
            f"vocab_size {vocab_size} is too small: a byte-level BPE needs at least "
            f"{256 + len(SPECIAL_TOKENS)} entries (256 bytes + {len(SPECIAL_TOKENS)} special tokens)"
        )
    from transformers import PreTrainedTokenizerFast  # heavy; only a build needs it

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(SPECIAL_TOKENS),  # ids 0..5, in this order
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token=EOS,
        pad_token=PAD,
        additional_special_tokens=list(ROLE_TOKENS),
        model_max_length=1 << 20,  # the model's context is in its config; don't truncate here
    )
    fast.chat_template = CHAT_TEMPLATE
    out_dir.mkdir(parents=True, exist_ok=True)
    fast.save_pretrained(out_dir)
    logger.info("tokenizer: %d entries saved to %s", len(fast), out_dir)
    return fast


def chat_text(prompt: str, response: str = "") -> str:
    """`prompt` as a one-turn chat (the text the chat template renders) followed by `response`."""
    return f"<|user|>\n{prompt}<|end|>\n<|assistant|>\n{response}"
