"""Chat templates at submit: rendered from the model's files as the worker's tokenizer renders them,
without loading a transformers tokenizer (which imports torch)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from producer.tokens import chat_template_of
from specq.chat import render_chat
from tests.conftest import REPO

CHATS: list[list[dict[str, Any]]] = [
    [{"role": "user", "content": "hi"}],
    [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "def add(a, b):"},
        {"role": "assistant", "content": "return a + b"},
        {"role": "user", "content": [{"type": "text", "text": "again"}, {"type": "text", "text": "now"}]},
    ],
]


def _same_as_the_worker(model_dir: Path) -> None:
    from transformers import AutoTokenizer

    template = chat_template_of(model_dir)
    assert template is not None
    worker_tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    for chat in CHATS:
        assert render_chat(chat, template) == render_chat(chat, worker_tokenizer)


def test_zoo_template_renders_as_the_worker_renders(tiny_zoo: Any) -> None:
    _same_as_the_worker(tiny_zoo.target_s)


def test_special_tokens_reach_the_template(tmp_path: Path) -> None:
    from tokenizers import Tokenizer, models
    from transformers import PreTrainedTokenizerFast

    fast = PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer(models.WordLevel({"[UNK]": 0, "<s>": 1, "</s>": 2}, unk_token="[UNK]")),
        unk_token="[UNK]",
        bos_token="<s>",
        eos_token="</s>",
    )
    fast.chat_template = (
        "{{ bos_token }}{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}{{ eos_token }}"
        "{% endfor %}"
        "{% if add_generation_prompt %}[assistant]{% endif %}"
    )
    fast.save_pretrained(tmp_path)
    _same_as_the_worker(tmp_path)
    template = chat_template_of(tmp_path)
    assert template is not None
    assert render_chat(CHATS[0], template) == "<s>[user] hi</s>[assistant]"


def test_no_template_means_none(tmp_path: Path) -> None:
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"eos_token": "</s>"}))
    assert chat_template_of(tmp_path) is None


def test_submitting_chats_to_a_zoo_target_imports_no_torch(tiny_zoo: Any, tmp_path: Path) -> None:
    path = tmp_path / "chats.jsonl"
    path.write_text("\n".join(json.dumps({"messages": chat}) for chat in CHATS) + "\n")
    code = f"""
import sys
from producer.submit import submit_job
from specq.deployment import parse_deployment
dep = parse_deployment({{"zoo": {{"preset": "tiny"}}, "targets": {{"t": {{"path": "zoo:target-s"}}}}}}, None)
r = submit_job({str(path)!r}, "t", deployment=dep, enqueue=False)
print(r.status, r.total, r.length_checked, "torch" in sys.modules)
"""
    env = {
        "SPECQ_DATA_DIR": str(tmp_path / "data"),
        "SPECQ_ZOO_DIR": str(tiny_zoo.root.parent),
        "HF_HUB_OFFLINE": "1",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["in_progress", "2", "True", "False"], out.stderr[-2000:]
