"""Chat text: one definition for the router, submit's token counts and the decode worker."""

from __future__ import annotations

from specq.chat import message_text, prompt_text, render_chat


def test_prompt_text_joins_message_contents() -> None:
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": "there"}]},
    ]
    assert prompt_text(None, messages) == "Be brief.\nHello\nthere"
    assert prompt_text("plain", messages) == "plain"


def test_message_text_keeps_only_text_parts() -> None:
    parts = [
        {"type": "image_url", "image_url": {"url": "x"}},
        {"type": "text", "text": "hi"},
        {"type": "text"},
    ]
    assert message_text(parts) == "hi"
    assert message_text(None) == ""
    assert message_text(42) == ""


def test_render_chat_without_template_is_a_transcript() -> None:
    text = render_chat(
        [{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}]
    )
    assert text == "user: a\nb\nassistant:"
