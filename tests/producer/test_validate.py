"""Validation: each kind of bad line is reported with its line number and reason; good lines go on."""

from __future__ import annotations

import json
from pathlib import Path

from producer.readers import read_input
from producer.tokens import load_target_tokenizer
from producer.validate import SamplingDefaults, validate_lines
from specq.chat import render_chat
from tests.producer.conftest import CONTEXT


def _validate(lines: list[object], tokenizer_dir: Path | None = None, **defaults: object):  # type: ignore[no-untyped-def]
    raw = [ln if isinstance(ln, str) else json.dumps(ln) for ln in lines]
    tok = load_target_tokenizer("t", str(tokenizer_dir)) if tokenizer_dir else None
    return validate_lines(read_input(raw), target="t", defaults=SamplingDefaults(**defaults), tokenizer=tok)  # type: ignore[arg-type]


def test_every_bad_kind_has_line_and_reason() -> None:
    report = _validate(
        [
            {"prompt": "good", "custom_id": "a"},  # 1
            {"prompt": 42},  # 2 wrong type
            {"prompt": "   \n\t"},  # 3 whitespace only
            {"prompt": "x", "custom_id": "a"},  # 4 duplicate
            {"prompt": "x", "max_new_tokens": 0},  # 5
            {"prompt": "x", "temperature": "hot"},  # 6
            {"prompt": "x", "top_p": 1.5},  # 7
            {"prompt": "x", "seed": 1.5},  # 8
            {"prompt": "x", "stop": [""]},  # 9
            {"messages": [{"role": "robot", "content": "x"}]},  # 10
            {"messages": [{"role": "user", "content": " "}]},  # 11
            {"messages": "hi"},  # 12
            {"prompt": "x", "custom_id": ["list"]},  # 13
            "{broken",  # 14
            {"prompt": "x", "max_new_tokens": True},  # 15 bool is not an int
            {"prompt": "fine too"},  # 16
        ]
    )
    reasons = {e.position: e.reason for e in report.errors}
    assert [p.position for p in report.prompts] == [1, 16]
    assert reasons[2] == "prompt must be a string or a list of token ids, got int"
    assert reasons[3] == "prompt is empty or whitespace only"
    assert reasons[4] == "duplicate custom_id 'a' (first used on line 1)"
    assert "max_new_tokens must be a positive integer" in reasons[5]
    assert "temperature must be a finite number in [0, 2]" in reasons[6]
    assert "top_p must be a number in (0, 1]" in reasons[7]
    assert "seed must be an integer" in reasons[8]
    assert "stop must be" in reasons[9]
    assert "messages[0].role must be one of" in reasons[10]
    assert reasons[11] == "messages are empty: every content is blank"
    assert "messages must be a non-empty list" in reasons[12]
    assert "custom_id must be a non-empty string" in reasons[13]
    assert reasons[14].startswith("malformed JSON")
    assert "max_new_tokens must be a positive integer" in reasons[15]
    assert [e.position for e in report.errors] == sorted(e.position for e in report.errors)
    assert report.errors[2].custom_id == "a" and report.errors[2].raw == '{"prompt": "x", "custom_id": "a"}'


def test_generated_custom_ids_never_collide_with_given_ones() -> None:
    report = _validate(
        [{"prompt": "a"}, {"prompt": "b", "custom_id": "line-1"}, {"prompt": "c", "custom_id": 3}]
    )
    assert [p.custom_id for p in report.prompts] == ["line-1-2", "line-1", "3"]
    assert report.errors == []


def test_overrides_are_stored_per_line_and_stop_is_a_list() -> None:
    report = _validate([{"prompt": "a", "stop": "END", "temperature": 0.7}, {"prompt": "b"}])
    assert report.prompts[0].params == {"stop": ["END"], "temperature": 0.7}
    assert report.prompts[1].params is None  # job defaults apply


def test_prompt_longer_than_the_target_context(tokenizer_dir: Path) -> None:
    fits = " ".join(["hello"] * 6)  # 6 tokens + 10 new = 16 = context
    too_long = " ".join(["hello"] * 7)
    report = _validate(
        [
            {"prompt": fits},
            {"prompt": too_long},
            {"prompt": "hello", "max_new_tokens": CONTEXT},
            {"messages": [{"role": "user", "content": "hello world"}]},
        ],
        tokenizer_dir,
        max_new_tokens=10,
    )
    assert report.length_checked
    # line 4 renders to "user: hello world\nassistant:" = 6 word-level tokens
    assert [(p.position, p.prompt_tokens) for p in report.prompts] == [(1, 6), (4, 6)]
    reasons = {e.position: e.reason for e in report.errors}
    assert reasons[2] == (
        "prompt has 7 tokens and max_new_tokens is 10: 17 exceeds the context of target 't' (16 tokens); "
        "shorten the prompt or lower max_new_tokens"
    )
    assert "max_new_tokens is 16" in reasons[3]


def test_prompts_whose_bytes_prove_they_fit_are_not_tokenized(tokenizer_dir: Path) -> None:
    report = _validate(
        [{"prompt": "hello"}, {"prompt": "hello hello hello"}], tokenizer_dir, max_new_tokens=8
    )
    # 5 bytes + 8 <= 16: fits whatever the tokenizer does; 17 bytes might not: counted (3 tokens).
    assert [p.prompt_tokens for p in report.prompts] == [None, 3]
    assert report.length_checked


def test_no_tokenizer_means_no_length_check() -> None:
    report = _validate([{"prompt": "hello " * 1000}])
    assert not report.length_checked and report.prompts[0].prompt_tokens is None
    assert load_target_tokenizer("t", "some-org/not-in-the-local-cache") is None
    assert load_target_tokenizer("t", None) is None


def test_render_chat_without_a_template() -> None:
    text = render_chat(
        [
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": [{"type": "text", "text": "hi"}]},
        ]
    )
    assert text == "system: be brief\nuser: hi\nassistant:"


def test_chat_lines_are_counted_with_the_targets_chat_template(tmp_path: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(
        models.WordLevel({"[UNK]": 0, "hello": 1, "<|user|>": 2, "<|assistant|>": 3}, unk_token="[UNK]")
    )
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]")
    fast.chat_template = (
        "{% for m in messages %}<|{{ m['role'] }}|> {{ m['content'] }} {% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>{% endif %}"
    )
    fast.save_pretrained(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"max_position_embeddings": 6}))
    target = load_target_tokenizer("t", str(tmp_path))
    assert target is not None
    assert target.render([{"role": "user", "content": "hello hello"}]) == "<|user|> hello hello <|assistant|>"
    report = _validate(
        [{"messages": [{"role": "user", "content": "hello hello"}]}], tmp_path, max_new_tokens=1
    )
    assert [p.prompt_tokens for p in report.prompts] == [4]  # rendered with the template, then counted


def test_token_id_prompts_echo_and_max_tokens_zero() -> None:
    body = {"model": "t", "echo": True, "logprobs": 1}
    report = _validate(
        [
            {"prompt": [5, 6, 7], "custom_id": "ids"},  # 1: a token-id prompt, counted exactly
            {"url": "/v1/completions", "body": {**body, "prompt": [[5, 6]], "max_tokens": 0}},  # 2
            {"url": "/v1/completions", "body": {**body, "prompt": ["a", "b"]}},  # 3: two prompts
            {"prompt": [5, -1]},  # 4
            {"prompt": []},  # 5
            {"prompt": "x", "max_new_tokens": 0},  # 6: 0 only with echo
            {
                "url": "/v1/chat/completions",
                "body": {"messages": [{"role": "user", "content": "x"}], "echo": True},
            },
            {"prompt": "x", "echo": "yes"},  # 8
        ]
    )
    reasons = {e.position: e.reason for e in report.errors}
    assert [(p.position, p.text, p.token_ids, p.prompt_tokens) for p in report.prompts] == [
        (1, None, [5, 6, 7], 3),
        (2, None, [5, 6], 2),
    ]
    assert report.prompts[1].params == {"max_new_tokens": 0, "echo": True, "logprobs": 1}
    assert "prompt is a list of 2 prompts; a batch line holds one" in reasons[3]
    assert reasons[4] == "prompt[1] must be a token id (an integer >= 0), got -1"
    assert reasons[5] == "prompt is an empty list of token ids"
    assert "allowed only with echo: true" in reasons[6]
    assert reasons[7].startswith("echo applies to /v1/completions prompts only")
    assert reasons[8] == "echo must be true or false, got 'yes'"


def test_token_ids_are_checked_against_the_vocabulary_and_context(tokenizer_dir: Path) -> None:
    from producer.tokens import load_target_tokenizer

    tok = load_target_tokenizer("t", str(tokenizer_dir))
    assert tok is not None
    vocab = tok.vocab_size
    report = _validate(
        [{"prompt": [vocab - 1]}, {"prompt": [vocab]}, {"prompt": [1] * (CONTEXT - 9)}],
        tokenizer_dir,
        max_new_tokens=10,
    )
    reasons = {e.position: e.reason for e in report.errors}
    assert [p.position for p in report.prompts] == [1]
    assert (
        reasons[2]
        == f"prompt has token id {vocab}, outside the vocabulary of target 't' (ids 0..{vocab - 1})"
    )
    assert f"exceeds the context of target 't' ({CONTEXT} tokens)" in reasons[3]
