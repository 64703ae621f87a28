"""Every OpenAI request field is mapped, carried, accepted at its neutral value, or refused by name."""

from __future__ import annotations

import dataclasses
import json

import pytest

from producer.fields import ENGINE_FIELDS, SUPPORTED_ENGINE_FIELDS, openai_params, specq_params
from producer.readers import read_input


def test_supported_engine_fields_are_the_engines_sampling_params() -> None:
    from models.engine.sampling import SamplingParams
    from producer.fields import NOT_SUPPORTED

    engine = {f.name for f in dataclasses.fields(SamplingParams)}
    assert engine >= SUPPORTED_ENGINE_FIELDS
    assert set(ENGINE_FIELDS) - SUPPORTED_ENGINE_FIELDS == set(NOT_SUPPORTED)  # each refusal has its reason


def test_mapped_fields() -> None:
    params, error = openai_params(
        {
            "model": "m",
            "messages": [],
            "max_completion_tokens": 9,
            "temperature": 0.5,
            "stop": "x",
            "seed": None,
        }
    )
    assert error is None and params == {"max_new_tokens": 9, "temperature": 0.5, "stop": "x"}
    _, error = openai_params({"max_tokens": 3, "max_completion_tokens": 4})
    assert error is not None and "disagree" in error


@pytest.mark.parametrize(
    "body",
    [
        {"n": 1},
        {"stream": False},
        {"frequency_penalty": 0.0, "presence_penalty": 0},
        {"logit_bias": {}},
        {"logprobs": False, "top_logprobs": None},
        {"response_format": {"type": "text"}},
        {"tools": None},
    ],
)
def test_neutral_values_ask_for_nothing(body: dict[str, object]) -> None:
    assert openai_params(body) == ({}, None)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"tools": [{"type": "function"}]}, "tools="),
        ({"response_format": {"type": "json_object"}}, "response_format="),
        ({"stream": True}, "stream="),
        ({"n": 0}, "n must be"),
        ({"logprobs": 21}, "logprobs"),  # OpenAI's range is 0..20
        ({"top_logprobs": 2}, "top_logprobs needs logprobs: true"),
        ({"user": "u-1"}, "user="),
        ({"temperature": 1.0, "frobnicate": 1}, "'frobnicate'"),
    ],
)
def test_refused_fields_are_named(body: dict[str, object], named: str) -> None:
    params, error = openai_params(body)
    assert params == {} and error is not None and named in error


def test_specq_lines_refuse_request_fields_and_keep_their_own_data_out() -> None:
    params, error = specq_params({"prompt": "p", "top_p": 0.5, "category": "math"}, ("top_p",))
    assert (params, error) == ({"top_p": 0.5}, None)
    _, error = specq_params({"prompt": "p", "response_format": {"type": "json_object"}}, ("top_p",))
    assert error is not None and error.startswith("response_format=")


def test_a_refused_field_makes_the_line_invalid_with_its_name() -> None:
    body = {"model": "t", "prompt": "x", "tools": [{"type": "function"}]}
    line = {"custom_id": "a", "url": "/v1/completions", "body": body}
    (got,) = read_input([json.dumps(line)])
    assert got.error is not None and "tools=" in got.error and got.model == "t"


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        ("top_k", 5, 2.5),
        ("min_p", 0.1, 1.5),
        ("repetition_penalty", 1.2, 0),
        ("frequency_penalty", -1.5, 3),
        ("logit_bias", {"42": -100}, {"x": 1}),
        ("logprobs", 5, 21),
    ],
)
def test_engine_fields_are_checked_once_supported(
    name: str, good: object, bad: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from producer import fields

    monkeypatch.setattr(fields, "SUPPORTED_ENGINE_FIELDS", frozenset(ENGINE_FIELDS))
    assert openai_params({name: good}) == ({name: good}, None)
    _, error = openai_params({name: bad})
    assert error is not None and error.startswith(name)


def test_engine_kwargs_are_what_the_engines_sampling_params_takes() -> None:
    from models.engine.sampling import SamplingParams
    from producer import fields

    params = {"logit_bias": {"42": -100}, "top_k": 4, "min_p": 0.05, "repetition_penalty": 1.3}
    kwargs = fields.engine_kwargs({**params, "temperature": 1.0, "n": 2})
    assert kwargs == {"logit_bias": {42: -100.0}, "top_k": 4, "min_p": 0.05, "repetition_penalty": 1.3}
    got = SamplingParams(temperature=1.0, **kwargs)
    assert (got.logit_bias, got.top_k, got.min_p, got.repetition_penalty) == (((42, -100.0),), 4, 0.05, 1.3)


def test_n_fans_out_into_rows_with_derived_seeds() -> None:
    from producer.fields import choice_seed, fan_out
    from producer.validate import SamplingDefaults, validate_lines

    assert fan_out("a", {"top_p": 0.5}) == [("a", {"top_p": 0.5})]
    rows = fan_out("a", {"n": 3, "seed": 7, "temperature": 1.0})
    assert [cid for cid, _ in rows] == ["a", "a#1", "a#2"]
    assert [p["seed"] for _, p in rows] == [7, choice_seed(7, 1), choice_seed(7, 2)]
    assert len({p["seed"] for _, p in rows}) == 3 and all(0 <= p["seed"] < 2**63 for _, p in rows)
    assert {(p["n"], p["choice"]) for _, p in rows} == {(3, 0), (3, 1), (3, 2)}

    lines = [
        json.dumps({"custom_id": "x", "url": "/v1/completions", "body": {"prompt": "p", "n": 2}}),
        json.dumps({"custom_id": "x#1", "prompt": "q"}),  # the id choice 1 of line 1 would take
        json.dumps({"custom_id": "y", "prompt": "r", "n": 2}),
    ]
    report = validate_lines(read_input(lines), target="t", defaults=SamplingDefaults())
    assert [(p.position, p.custom_id) for p in report.prompts] == [(2, "x#1"), (3, "y"), (3, "y#1")]
    assert [(e.position, "is taken" in e.reason) for e in report.errors] == [(1, True)]


def test_logprobs_of_both_endpoints_become_the_engines_alternatives_count() -> None:
    from models.engine.sampling import SamplingParams
    from producer.fields import engine_kwargs

    chat, error = openai_params({"logprobs": True, "top_logprobs": 3})
    assert error is None and engine_kwargs(chat) == {"logprobs": 3}
    assert engine_kwargs(openai_params({"logprobs": True})[0]) == {"logprobs": 0}  # the token's own only
    completions, error = openai_params({"logprobs": 2})
    assert error is None and engine_kwargs(completions) == {"logprobs": 2}
    assert SamplingParams(**engine_kwargs(chat)).logprobs == 3
    _, error = openai_params({"logprobs": True, "top_logprobs": 21})
    assert error is not None and error.startswith("top_logprobs")


def test_echo_with_logprobs_asks_the_engine_for_prompt_logprobs() -> None:
    from producer.fields import engine_kwargs

    params, error = openai_params({"prompt": "p", "echo": True, "logprobs": 3, "max_tokens": 0})
    assert error is None and params == {"echo": True, "logprobs": 3, "max_new_tokens": 0}
    assert engine_kwargs(params) == {"logprobs": 3, "prompt_logprobs": 3}
    assert engine_kwargs({"echo": True}) == {}  # the prompt's text only
    assert engine_kwargs({"logprobs": 3}) == {"logprobs": 3}
    assert openai_params({"echo": False}) == ({}, None)
