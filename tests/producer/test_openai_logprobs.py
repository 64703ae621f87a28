"""OpenAI's two logprobs shapes from the stored per-token log-probabilities."""

from __future__ import annotations

from producer.export import openai_logprobs

STORED = [["SELECT", -0.1, [["SELECT", -0.1], ["WITH", -2.5]]], [" x", -1.0, [[" name", -0.7], [" x", -1.0]]]]


def test_chat_shape() -> None:
    got = openai_logprobs(STORED, chat=True)
    assert got is not None and got["refusal"] is None
    first, second = got["content"]
    assert (first["token"], first["logprob"], first["bytes"]) == ("SELECT", -0.1, list(b"SELECT"))
    assert [t["token"] for t in second["top_logprobs"]] == [" name", " x"]
    assert second["top_logprobs"][0] == {"token": " name", "logprob": -0.7, "bytes": list(b" name")}


def test_completions_shape() -> None:
    got = openai_logprobs(STORED, chat=False)
    assert got == {
        "tokens": ["SELECT", " x"],
        "token_logprobs": [-0.1, -1.0],
        "top_logprobs": [{"SELECT": -0.1, "WITH": -2.5}, {" name": -0.7, " x": -1.0}],
        "text_offset": [0, 6],
    }


def test_no_logprobs_asked_is_null() -> None:
    assert openai_logprobs(None, chat=True) is None and openai_logprobs(None, chat=False) is None


def test_echo_puts_the_prompt_first_with_a_null_first_token() -> None:
    prompt = [["SELECT", None, None], [" *", -3.0, [[" *", -3.0]]]]
    got = openai_logprobs(STORED, chat=False, prompt=prompt)
    assert got is not None
    assert got["tokens"] == ["SELECT", " *", "SELECT", " x"]
    assert got["token_logprobs"] == [None, -3.0, -0.1, -1.0]
    assert got["top_logprobs"][:2] == [None, {" *": -3.0}]
    assert got["text_offset"] == [0, 6, 8, 14]  # offsets run through the prompt into the output
