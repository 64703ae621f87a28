"""Chat messages as text: the one definition every process uses.

``message_text`` reads a message's content (a string, or OpenAI content parts of type
``text``); ``render_chat`` turns messages into the prompt the target decodes (the
tokenizer's chat template when it has one, else a plain ``role: content`` transcript);
``prompt_text`` is what the router classifies. Submit counts tokens with ``render_chat``
and the decode worker decodes what it renders, so the two agree by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def message_text(content: Any) -> str:
    """The text of a message's content: a string, or the text parts of OpenAI content parts.

    Parts are joined by newlines; parts of other types (images, audio) carry no text and
    are skipped here; the validator refuses a message that has no text at all.
    """
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(p.get("text", ""))
            for p in content
            if isinstance(p, dict) and p.get("type", "text") == "text" and isinstance(p.get("text"), str)
        )
    return ""


def render_chat(messages: Sequence[dict[str, Any]], chat_template_tokenizer: Any | None = None) -> str:
    """Prompt text for ``messages``, ending where the assistant's answer begins."""
    plain = [{"role": m["role"], "content": message_text(m.get("content"))} for m in messages]
    if chat_template_tokenizer is not None and getattr(chat_template_tokenizer, "chat_template", None):
        rendered = chat_template_tokenizer.apply_chat_template(
            plain, tokenize=False, add_generation_prompt=True
        )
        return str(rendered)
    return "".join(f"{m['role']}: {m['content']}\n" for m in plain) + "assistant:"


def prompt_text(prompt: str | None, messages: Sequence[Any] | None) -> str:
    """The text a classifier sees: the prompt, or the chat's message texts joined by newlines."""
    if prompt is not None:
        return str(prompt)
    texts = (message_text(m.get("content")) for m in messages or [] if isinstance(m, dict))
    return "\n".join(t for t in texts if t)
