"""Prompt size against the target's context, for every kind of target (issue 14, item 6).

Submit checks prompt length for a local directory, a hub id in the local cache and a built
``zoo:`` model alike (a hub id that is not on this machine still gets the byte limit of the
settings), refusing a prompt whose UTF-8 size alone proves it cannot fit without tokenizing
it. The decode worker calls :func:`producer.limits.refuse_unfit_prompt` before its tokenizer
sees a prompt, tested here with the tiny zoo's real tokenizer.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from producer.limits import max_token_bytes, refuse_unfit_prompt
from producer.submit import submit_job
from specq.deployment import parse_deployment

WORDS = " ".join(["hello"] * 600)  # 600 words: under the byte bound, over 512 tokens: counted


def _lines(path: Path, prompts: list[str]) -> Path:
    path.write_text("\n".join(json.dumps({"prompt": p, "custom_id": f"p{i}"}) for i, p in enumerate(prompts)))
    return path


def _submit(tmp_path: Path, target_path: str, prompts: list[str], **dep: Any) -> Any:
    deployment = parse_deployment({**dep, "targets": {"t": {"path": target_path}}}, None)
    path = _lines(tmp_path / "in.jsonl", prompts)
    return submit_job(path, "t", deployment=deployment, enqueue=False, max_new_tokens=16)


def _reasons(job_id: str) -> dict[int, str]:
    import producer

    return {e.line: e.reason for e in producer.status(job_id, errors_shown=10).input_errors}


def test_zoo_target_is_length_checked_at_submit(tiny_zoo: Any, db_env: Path, tmp_path: Path) -> None:
    context = json.loads((tiny_zoo.target_s / "config.json").read_text())["max_position_embeddings"]
    r = _submit(
        tmp_path,
        "zoo:target-s",
        ["def add(a, b):", WORDS, "x" * 20_000, "y" * 2_000_000],
        zoo={"preset": "tiny"},
    )
    assert r.length_checked and (r.total, r.invalid) == (1, 3)
    reasons = _reasons(r.job_id)
    assert reasons[2].startswith("prompt has ") and f"({context} tokens)" in reasons[2]  # counted
    assert reasons[3].startswith("prompt is 20000 bytes: at least")  # refused from its size alone
    assert "cannot fit the context of target 't'" in reasons[3]
    assert reasons[4].startswith("prompt is 2000000 bytes, over the limit of 1048576 bytes")


def test_cached_hub_id_is_length_checked_at_submit(
    tiny_zoo: Any, db_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hub id whose files are in the Hugging Face cache (the cache layout, built here)."""
    from huggingface_hub import constants

    revision = "0" * 40
    repo = tmp_path / "hub" / "models--specq-test--tiny-target"
    snapshot = repo / "snapshots" / revision
    snapshot.mkdir(parents=True)
    for name in ("tokenizer.json", "config.json"):
        shutil.copy(tiny_zoo.target_s / name, snapshot / name)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    r = _submit(tmp_path, "specq-test/tiny-target", ["def add(a, b):", "x" * 20_000])
    assert r.length_checked and (r.total, r.invalid) == (1, 1)
    assert "cannot fit the context of target 't'" in _reasons(r.job_id)[2]


def test_hub_id_not_on_this_machine_still_has_the_byte_limit(db_env: Path, tmp_path: Path) -> None:
    r = _submit(tmp_path, "specq-test/not-in-any-cache", ["def add(a, b):", "x" * 20_000, "y" * 2_000_000])
    assert not r.length_checked and (r.total, r.invalid) == (2, 1)  # the worker checks the 20 kB one
    assert "over the limit of 1048576 bytes (SPECQ_MAX_PROMPT_BYTES)" in _reasons(r.job_id)[3]


def test_worker_refuses_what_cannot_fit_before_tokenizing(tiny_zoo: Any) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(tiny_zoo.target_s))
    context = 512
    longest = max_token_bytes(tok)
    assert longest == max(len(t.encode()) for t in tok.get_vocab())
    room = (context - 1) * longest  # one new token at least
    refuse_unfit_prompt(tok, "x" * room, None, context)  # might fit: left to the exact count
    with pytest.raises(ValueError, match=f"prompt is {room + 1} bytes: at least"):
        refuse_unfit_prompt(tok, "x" * (room + 1), None, context)
    with pytest.raises(ValueError, match="prompt is 20000000 bytes"):
        refuse_unfit_prompt(tok, "x" * 20_000_000, None, context)
    chat = [
        {"role": "system", "content": "x" * room},
        {"role": "user", "content": [{"type": "text", "text": "y"}]},
    ]
    with pytest.raises(ValueError, match="cannot fit the context"):
        refuse_unfit_prompt(tok, None, chat, context)
    # Context unknown (a config without one): the settings' byte limit bounds tokenization.
    refuse_unfit_prompt(tok, "x" * 100_000, None, None)
    with pytest.raises(ValueError, match="SPECQ_MAX_PROMPT_BYTES"):
        refuse_unfit_prompt(tok, "x" * 2_000_000, None, None)
