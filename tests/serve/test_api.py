"""The official `openai` client against a real `specq serve`: uvicorn, a real stack, the tiny zoo.

One server and one stack (router + decode worker for target-s, embedded Redis + SQLite)
serve the module; the server runs the app exactly as `specq serve` does, in a thread.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import producer

openai = pytest.importorskip("openai", reason="the openai client is a dev dependency (pip install -e .[dev])")

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

TARGET = "target-s"
UPLOAD_LIMIT_MIB = 0.05
CHAT = [{"role": "user", "content": "Write a SQL query that counts users."}]


@dataclass
class Server:
    url: str
    key: str
    stack: Any

    def client(self, key: str | None = None) -> Any:
        return openai.OpenAI(base_url=self.url, api_key=key or self.key, max_retries=0, timeout=120)


@contextlib.contextmanager
def _uvicorn() -> Iterator[str]:
    """The app of `specq serve` under uvicorn in a thread, on a free port; yields its /v1 URL."""
    import uvicorn

    from serve.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, tiny_zoo: Any) -> Iterator[Server]:
    from db.session import dispose_engines
    from specq.settings import get_settings
    from tests.conftest import ZOO_CACHE
    from workers.app import configure
    from workers.stack import Stack

    data_dir = tmp_path_factory.mktemp("serve")  # short: the broker's unix socket lives here
    key = "sk-test-" + secrets.token_hex(8)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPECQ_DATA_DIR", str(data_dir))
        mp.setenv("SPECQ_ZOO_DIR", str(ZOO_CACHE))
        mp.setenv("SPECQ_CONFIG_FILE", str(data_dir / "specq.toml"))  # absent: the built-in default
        mp.setenv("SPECQ_MAX_BATCH_SIZE", "4")  # several decode batches, so a cancel can land between them
        mp.setenv("SPECQ_ROUTE_CHUNK_SIZE", "8")
        mp.setenv("SPECQ_EXPLORE_RATE", "0")
        mp.setenv("SPECQ_API_KEY", key)
        mp.setenv("SPECQ_MAX_UPLOAD_MIB", str(UPLOAD_LIMIT_MIB))
        mp.setenv("OMP_NUM_THREADS", "1")
        mp.delenv("SPECQ_DATABASE_URL", raising=False)
        mp.delenv("SPECQ_BROKER_URL", raising=False)
        get_settings.cache_clear()
        dispose_engines()
        stack = Stack(targets=[TARGET])
        stack.start(timeout=300)
        try:
            with _uvicorn() as url:
                yield Server(url, key, stack)
        finally:
            stack.stop(timeout=30)
            dispose_engines()
    get_settings.cache_clear()
    configure()


def _line(custom_id: str, body: dict[str, Any], url: str = "/v1/chat/completions") -> str:
    return json.dumps(
        {"custom_id": custom_id, "method": "POST", "url": url, "body": {"model": TARGET, **body}}
    )


def _upload(client: Any, lines: list[str], name: str = "in.jsonl") -> Any:
    return client.files.create(file=(name, ("\n".join(lines) + "\n").encode()), purpose="batch")


def _wait(client: Any, batch_id: str, until: Any, timeout: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout
    while not until(batch := client.batches.retrieve(batch_id)):
        assert time.monotonic() < deadline, f"batch {batch_id} still {batch.status}"
        time.sleep(0.1)
    return batch


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in text.splitlines()]


def test_batch_round_trip_matches_specq_export(live: Server, tmp_path: Path) -> None:
    client = live.client()
    lines = [
        _line("chat-1", {"messages": CHAT, "max_tokens": 8}),
        "{not json",
        _line("code-1", {"prompt": "def fibonacci(n):", "max_tokens": 6}, url="/v1/completions"),
        _line("tools-1", {"messages": CHAT, "tools": [{"type": "function", "function": {"name": "f"}}]}),
        _line("other-model", {"messages": CHAT, "model": "target-l"}),
        _line("chat-2", {"messages": CHAT, "max_completion_tokens": 5, "temperature": 0.7, "seed": 3}),
        _line("chat-n", {"messages": CHAT, "max_tokens": 6, "n": 3, "temperature": 1.0, "seed": 11}),
    ]
    f = _upload(client, lines)
    assert (f.purpose, f.bytes, client.files.retrieve(f.id).filename) == (
        "batch",
        len("\n".join(lines)) + 1,
        "in.jsonl",
    )
    batch = client.batches.create(
        input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h", metadata={"run": "t1"}
    )
    assert batch.status in ("validating", "in_progress") and batch.metadata == {"run": "t1"}
    batch = _wait(client, batch.id, lambda b: b.status not in ("validating", "in_progress", "finalizing"))
    assert batch.status == "completed", batch
    counts = batch.request_counts
    assert (counts.total, counts.completed, counts.failed) == (7, 4, 3)  # n=3 is three prompts, one request
    assert batch.completed_at and batch.finalizing_at and batch.in_progress_at and batch.expires_at
    assert batch.usage.output_tokens > 0

    output = _jsonl(client.files.content(batch.output_file_id).text)
    errors = _jsonl(client.files.content(batch.error_file_id).text)
    assert [o["custom_id"] for o in output] == ["chat-1", "code-1", "chat-2", "chat-n"]
    assert [e["custom_id"] for e in errors] == [None, "tools-1", "other-model"]
    bodies = {o["custom_id"]: o["response"]["body"] for o in output}
    assert bodies["chat-1"]["object"] == "chat.completion" and bodies["code-1"]["object"] == "text_completion"
    for body in bodies.values():
        usage = body["usage"]
        assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0
        for stats in body["specq"].get("choices", [body["specq"]]):  # n > 1: one per choice
            assert stats["target"] == TARGET and stats["accepted_tokens"] <= stats["drafted_tokens"]
    assert bodies["chat-2"]["usage"]["completion_tokens"] <= 5
    fanned = bodies["chat-n"]
    assert [c["index"] for c in fanned["choices"]] == [0, 1, 2] and len(fanned["specq"]["choices"]) == 3
    assert 3 <= fanned["usage"]["completion_tokens"] <= 18
    assert "tools=" in errors[1]["response"]["body"]["error"]["message"]
    assert errors[1]["response"]["status_code"] == 400

    # The files are `specq export --format openai` of the batch's job, byte for byte.
    job_id = batch.to_dict()["specq"]["job_id"]
    producer.export(job_id, tmp_path / "o.jsonl", format="openai", error_path=tmp_path / "e.jsonl")
    assert (tmp_path / "o.jsonl").read_text() == client.files.content(batch.output_file_id).text
    assert (tmp_path / "e.jsonl").read_text() == client.files.content(batch.error_file_id).text

    # A synchronous request is the same path: the same greedy text as the batch line.
    chat = client.chat.completions.create(model=TARGET, messages=CHAT, max_tokens=8)
    assert chat.choices[0].message.content == bodies["chat-1"]["choices"][0]["message"]["content"]
    assert chat.usage.completion_tokens == bodies["chat-1"]["usage"]["completion_tokens"]
    text = client.completions.create(model=TARGET, prompt="def fibonacci(n):", max_tokens=6)
    assert text.choices[0].text == bodies["code-1"]["choices"][0]["text"]
    # Sampling fields reach the engine: top_k=1 keeps only the target's argmax, so sampling at
    # temperature 1 decodes the greedy text; a penalty out of range is refused by name.
    top1 = client.completions.create(
        model=TARGET, prompt="def fibonacci(n):", max_tokens=6, temperature=1.0, extra_body={"top_k": 1}
    )
    assert top1.choices[0].text == text.choices[0].text
    with pytest.raises(openai.BadRequestError, match="presence_penalty"):
        client.completions.create(model=TARGET, prompt="x", max_tokens=2, presence_penalty=3.0)
    # Log-probabilities are the target's: greedy emits each position's most likely token.
    scored = client.chat.completions.create(
        model=TARGET, messages=CHAT, max_tokens=8, logprobs=True, top_logprobs=2
    )
    content = scored.choices[0].logprobs.content
    assert (
        len(content) == scored.usage.completion_tokens
        and scored.choices[0].message.content == (bodies["chat-1"]["choices"][0]["message"]["content"])
    )
    for tok in content:
        assert len(tok.top_logprobs) == 2 and tok.logprob <= 0
        assert (tok.token, tok.logprob) == (tok.top_logprobs[0].token, tok.top_logprobs[0].logprob)
    completion = client.completions.create(model=TARGET, prompt="def fibonacci(n):", max_tokens=6, logprobs=3)
    lp = completion.choices[0].logprobs
    assert "".join(lp.tokens).startswith(completion.choices[0].text) and len(lp.top_logprobs[0]) == 3
    # A prompt list (what evaluation harnesses send) is one request, choice i per prompt i.
    listed = client.completions.create(
        model=TARGET, prompt=["def add(a, b):", "def fibonacci(n):"], max_tokens=6
    )
    assert [c.index for c in listed.choices] == [0, 1]
    assert listed.choices[1].text == text.choices[0].text
    # n fans out synchronously too: one answer, three choices. (Their texts need not equal the
    # batch line's: a seeded row's random stream is consumed per speculation step, and the
    # adaptive k differs between runs.)
    sampled = client.chat.completions.create(
        model=TARGET, messages=CHAT, max_tokens=6, n=3, temperature=1.0, seed=11
    )
    assert [c.index for c in sampled.choices] == [0, 1, 2] and sampled.usage.completion_tokens <= 18

    # A restarted server finds everything in SQL.
    with _uvicorn() as url:
        again = openai.OpenAI(base_url=url, api_key=live.key, max_retries=0)
        assert again.batches.retrieve(batch.id).to_dict() == client.batches.retrieve(batch.id).to_dict()
        assert (
            again.files.content(batch.output_file_id).text == client.files.content(batch.output_file_id).text
        )


def test_cancel_mid_way_keeps_partial_results(live: Server) -> None:
    client = live.client()
    n = 48
    lines = [
        _line(f"r{i}", {"prompt": f"Tell me about item {i}", "max_tokens": 24}, "/v1/completions")
        for i in range(n)
    ]
    f = _upload(client, lines)
    batch = client.batches.create(input_file_id=f.id, endpoint="/v1/completions", completion_window="24h")
    _wait(client, batch.id, lambda b: b.request_counts.completed >= 1)
    assert client.batches.cancel(batch.id).status in ("cancelling", "cancelled")
    batch = _wait(client, batch.id, lambda b: b.status == "cancelled")
    assert batch.cancelling_at and batch.cancelled_at
    output = _jsonl(client.files.content(batch.output_file_id).text)
    errors = _jsonl(client.files.content(batch.error_file_id).text)
    assert 1 <= len(output) == batch.request_counts.completed < n, "cancel came too late to leave work undone"
    assert len(output) + len(errors) == n
    assert {e["error"]["code"] for e in errors} == {"batch_cancelled"}

    # Pagination as OpenAI's: newest first, `after` continues.
    first = client.batches.list(limit=1)
    assert first.data[0].id == batch.id and first.has_more
    assert client.batches.list(limit=1, after=batch.id).data[0].id != batch.id


def test_refusals(live: Server) -> None:
    client = live.client()
    with pytest.raises(openai.AuthenticationError):
        live.client(key="sk-wrong").models.list()
    assert [m.id for m in client.models.list()] == [TARGET, "target-l"]
    with pytest.raises(openai.BadRequestError, match="response_format"):
        client.chat.completions.create(
            model=TARGET, messages=CHAT, max_tokens=4, response_format={"type": "json_object"}
        )
    with pytest.raises(openai.NotFoundError, match="not served"):
        client.chat.completions.create(model="gpt-4o", messages=CHAT)
    big = ["x" * 1024] * int(UPLOAD_LIMIT_MIB * 1024 + 8)
    with pytest.raises(openai.APIStatusError) as exc:
        _upload(client, big)
    assert exc.value.status_code == 413
    with pytest.raises(openai.NotFoundError):
        client.batches.retrieve("batch_missing")


def test_echo_scores_the_prompt_as_the_target_does(live: Server, tiny_zoo: Any) -> None:
    """What log-likelihood harnesses send (lm-eval's local-completions: token ids in a list, echo,
    logprobs 1, max_tokens 1): every prompt token's log-probability is the target's own, synchronous
    and in a batch line alike; max_tokens 0 scores without generating; misuse is refused by name."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    client = live.client()
    tok = AutoTokenizer.from_pretrained(tiny_zoo.target_s)
    model = AutoModelForCausalLM.from_pretrained(tiny_zoo.target_s).eval()
    text = "SELECT name FROM users WHERE"
    ids = tok(text)["input_ids"]
    n = len(ids)
    with torch.no_grad():
        want = model(torch.tensor([ids])).logits[0].log_softmax(-1)  # (n, V)

    plain = client.completions.create(model=TARGET, prompt=text, max_tokens=4, logprobs=2)
    echo = client.completions.create(model=TARGET, prompt=text, max_tokens=4, logprobs=2, echo=True)
    choice, lp = echo.choices[0], echo.choices[0].logprobs
    assert choice.text == text + plain.choices[0].text
    assert (echo.usage.prompt_tokens, len(lp.tokens)) == (n, n + echo.usage.completion_tokens)
    assert lp.token_logprobs[0] is None and lp.top_logprobs[0] is None
    for t in range(1, n):
        assert lp.token_logprobs[t] == pytest.approx(float(want[t - 1, ids[t]]), abs=1e-4)
        assert len(lp.top_logprobs[t]) == 2
    # The output's own logprobs come from verification steps whose shapes vary run to run: ~1e-6.
    assert lp.token_logprobs[n:] == pytest.approx(plain.choices[0].logprobs.token_logprobs, abs=1e-5)

    harness = {"prompt": [ids], "max_tokens": 1, "logprobs": 1, "echo": True, "temperature": 0, "seed": 1234}
    scored = client.completions.create(model=TARGET, **harness).choices[0].logprobs
    assert len(scored.token_logprobs) == n + 1
    assert scored.token_logprobs[:n] == pytest.approx(lp.token_logprobs[:n], abs=1e-6)
    zero = client.completions.create(model=TARGET, prompt=ids, max_tokens=0, logprobs=0, echo=True)
    assert (zero.choices[0].text, zero.choices[0].finish_reason) == (tok.decode(ids), "length")
    assert zero.usage.completion_tokens == 0 and len(zero.choices[0].logprobs.tokens) == n
    assert zero.choices[0].logprobs.token_logprobs[1:] == pytest.approx(lp.token_logprobs[1:n], abs=1e-6)

    lines = [
        _line("lm-eval", harness, url="/v1/completions"),
        _line("two-prompts", {"prompt": [ids, ids], "echo": True}, url="/v1/completions"),
    ]
    batch = client.batches.create(
        input_file_id=_upload(client, lines).id, endpoint="/v1/completions", completion_window="24h"
    )
    batch = _wait(client, batch.id, lambda b: b.status not in ("validating", "in_progress", "finalizing"))
    (line,) = _jsonl(client.files.content(batch.output_file_id).text)
    (error,) = _jsonl(client.files.content(batch.error_file_id).text)
    batched = line["response"]["body"]["choices"][0]["logprobs"]["token_logprobs"]
    assert batched[1:] == pytest.approx(scored.token_logprobs[1:], abs=1e-6) and batched[0] is None
    assert "a batch line holds one" in error["response"]["body"]["error"]["message"]

    with pytest.raises(openai.BadRequestError, match="echo applies to /v1/completions prompts only"):
        client.chat.completions.create(model=TARGET, messages=CHAT, max_tokens=2, extra_body={"echo": True})
    with pytest.raises(openai.BadRequestError, match="allowed only with echo"):
        client.completions.create(model=TARGET, prompt=text, max_tokens=0)
    with pytest.raises(openai.BadRequestError, match="outside the vocabulary"):
        client.completions.create(model=TARGET, prompt=[*ids, len(tok)], max_tokens=1)
