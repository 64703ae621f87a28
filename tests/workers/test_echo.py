"""echo: the prompt comes back before the output, with the target's own log-probability of every
prompt token; token-id prompts decode as given. run_batch against SQLite and random-weight models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

from db import queries
from db.session import session_scope
from specq.deployment import load_deployment
from workers.decode import run_batch
from workers.decode_loop import close_loops
from workers.prompts import WorkItem, tokenize
from workers.route import plan_chunk
from workers.runtime import Runtime

TEXT = "SELECT name FROM users"


@pytest.fixture()
def runtime(unit_env: Path) -> Iterator[Runtime]:
    yield Runtime(load_deployment(), device="cpu")
    close_loops()


def _decode(lines: list[dict[str, Any]], runtime: Runtime) -> dict[str, dict[str, Any]]:
    """Submit ``lines`` to target t, decode every batch, return the export records by custom_id."""
    import producer

    res = producer.submit_job(lines, "t", enqueue=False, max_new_tokens=4)
    assert res.invalid == 0
    with session_scope() as s:
        ids = queries.prompt_ids(s, res.job_id)
        batches = plan_chunk(s, res.job_id, ids[0], ids[-1], deployment=load_deployment(), router=None)
    for b in batches:
        run_batch(b.batch_id, runtime=runtime)
    return {rec["custom_id"]: rec for rec in producer.results(res.job_id)}


def test_echo_returns_the_prompt_and_the_targets_own_prompt_logprobs(
    runtime: Runtime, random_models: dict[str, Path]
) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from producer.export import openai_body

    tok = AutoTokenizer.from_pretrained(random_models["target"])
    ids = tok(TEXT)["input_ids"]
    recs = _decode(
        [
            {"custom_id": "plain", "prompt": TEXT, "logprobs": 2},
            {"custom_id": "echo", "prompt": TEXT, "logprobs": 2, "echo": True},
            {"custom_id": "tokens", "prompt": ids, "logprobs": 1, "echo": True, "max_new_tokens": 1},
            {"custom_id": "score", "prompt": ids, "logprobs": 0, "echo": True, "max_new_tokens": 0},
            {"custom_id": "text-only", "prompt": TEXT, "echo": True},
        ],
        runtime,
    )
    assert {r["status"] for r in recs.values()} == {"completed"}
    model = AutoModelForCausalLM.from_pretrained(random_models["target"]).eval()
    with torch.no_grad():
        want = model(torch.tensor([ids])).logits[0].log_softmax(-1)  # (L, V)
    echo = recs["echo"]
    assert echo["output"] == recs["plain"]["output"] and echo["logprobs"] == recs["plain"]["logprobs"]
    for name in ("echo", "tokens", "score"):
        prompt = recs[name]["prompt_logprobs"]
        assert len(prompt) == len(ids) and prompt[0] == [tok.decode([ids[0]]), None, None]
        for t in range(1, len(ids)):
            token, logprob, top = prompt[t]
            assert token == tok.decode([ids[t]])
            assert logprob == pytest.approx(float(want[t - 1, ids[t]]), abs=1e-4)
            assert len(top) == {"echo": 2, "tokens": 1, "score": 0}[name]
    assert recs["tokens"]["prompt_text"] == tok.decode(ids) and recs["tokens"]["output_tokens"] == 1
    score = recs["score"]
    assert (score["output"], score["output_tokens"], score["logprobs"]) == ("", 0, [])
    assert recs["text-only"]["prompt_text"] == TEXT and "prompt_logprobs" not in recs["text-only"]

    # The OpenAI body: text = prompt + output; logprobs cover the prompt, then the output.
    body = openai_body([{**echo, "_chat": False}], request_id="r", model="t", created=0)
    choice = body["choices"][0]
    assert choice["text"] == TEXT + echo["output"]
    lp = choice["logprobs"]
    assert len(lp["tokens"]) == len(ids) + echo["output_tokens"]
    assert lp["token_logprobs"][0] is None and lp["top_logprobs"][0] is None
    assert lp["token_logprobs"][len(ids) :] == [e[1] for e in echo["logprobs"]]
    assert lp["text_offset"][1] == len(lp["tokens"][0])
    bare = openai_body([{**recs["text-only"], "_chat": False}], request_id="r", model="t", created=0)
    assert bare["choices"][0]["text"] == TEXT + recs["text-only"]["output"]
    assert bare["choices"][0]["logprobs"] is None


def test_a_token_id_prompt_decodes_as_given(runtime: Runtime, random_models: dict[str, Path]) -> None:
    """Token ids are decoded as they are (not re-tokenized), and an id the tokenizer lacks is refused."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(random_models["target"])
    spelled = [tok.get_vocab()[c] for c in "SELECT"]  # one token per letter, unlike the text's tokens
    assert len(tok("SELECT")["input_ids"]) < len(spelled)
    assert tokenize(tok, WorkItem(1, None, None, None, {}, token_ids=spelled)) == spelled
    with pytest.raises(ValueError, match=f"token id {len(tok)}, outside the target's vocabulary"):
        tokenize(tok, WorkItem(1, None, None, None, {}, token_ids=[*spelled, len(tok)]))
    rec = _decode([{"custom_id": "ids", "prompt": spelled, "echo": True, "logprobs": 0}], runtime)["ids"]
    assert (rec["prompt_tokens"], rec["prompt_text"]) == (len(spelled), "SELECT")
    assert [t for t, _, _ in rec["prompt_logprobs"]] == list("SELECT")
