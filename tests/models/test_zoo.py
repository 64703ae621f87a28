"""The local zoo: tokenizer, corpora, and the tiny preset as hub-style model directories."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from models.zoo import PRESETS, ZooPaths, build_zoo
from models.zoo.corpora import TASKS, CorpusSizes, build_corpora, function_pairs
from models.zoo.tokenizer import CHAT_TEMPLATE, EOS, PAD, train_tokenizer

SMALL = CorpusSizes(train=40, align=8, heldout=8)


# --------------------------------------------------------------------------------------------- tokenizer


def test_tokenizer_round_trips_any_text(tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    corpus = [p.text for c in build_corpora(0, SMALL, ("math", "sql")).values() for p in c.train]
    train_tokenizer(corpus, vocab_size=400, out_dir=tmp_path)
    tok = AutoTokenizer.from_pretrained(tmp_path)
    samples = [
        "Question: Ada has 12 apples.\nSolution:\n",
        "def f(x):\n\treturn {'k': x ** 2}  # naïve ünïcödé, 日本語, emoji 🙂\r\n",
        "   leading and trailing spaces   ",
        "",
    ]
    for text in samples:
        ids = tok(text, add_special_tokens=False)["input_ids"]
        assert tok.decode(ids) == text
    assert len(tok) == 400
    assert tok.eos_token == EOS and tok.pad_token == PAD and tok.eos_token_id != tok.pad_token_id
    assert tok.bos_token is None  # prompts tokenize to exactly their text's ids
    chat = tok.apply_chat_template(
        [{"role": "user", "content": "2+2?"}], tokenize=False, add_generation_prompt=True
    )
    assert chat == "<|user|>\n2+2?<|end|>\n<|assistant|>\n"
    assert tok.chat_template == CHAT_TEMPLATE


def test_tokenizer_rejects_a_vocabulary_smaller_than_the_bytes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="too small"):
        train_tokenizer(["abc"], vocab_size=100, out_dir=tmp_path)


# --------------------------------------------------------------------------------------------- corpora


def test_corpora_are_deterministic_by_seed() -> None:
    a = build_corpora(0, SMALL)
    b = build_corpora(0, SMALL)
    c = build_corpora(1, SMALL)
    assert list(a) == list(TASKS)
    for task in TASKS:
        assert a[task] == b[task]
        assert a[task].train != c[task].train
        assert a[task].train and a[task].align and a[task].heldout


def test_held_out_prompts_are_never_trained_on() -> None:
    for task, corpus in build_corpora(0, SMALL).items():
        train = {p.prompt for p in corpus.train}
        assert not train & {p.prompt for p in corpus.heldout}, task
        assert not {p.prompt for p in corpus.align} & {p.prompt for p in corpus.heldout}, task
        assert all(p.task == task and p.response for p in corpus.train + corpus.heldout)


def test_generated_tasks_have_worked_answers() -> None:
    corpora = build_corpora(0, SMALL, ("math", "sql"))
    for pair in corpora["math"].train:
        assert pair.prompt.startswith("Question: ") and pair.prompt.endswith("Solution:\n")
        assert "Step 1:" in pair.response and pair.response.rstrip().split("\n")[-1].startswith("Answer: ")
    for pair in corpora["sql"].train:
        assert "CREATE TABLE" in pair.prompt and pair.prompt.endswith("SQL:")
        assert pair.response.startswith(" SELECT ") and pair.response.endswith(";\n")


def test_code_pairs_split_signature_from_body() -> None:
    source = (
        "import os\n\n"
        "class A:\n"
        "    @staticmethod\n"
        "    def twice(x):\n"
        '        """Return x twice."""\n'
        "        y = x + x\n"
        "        return y\n\n"
        "def undocumented(x):\n"
        "    return x\n"
    )
    pairs = list(function_pairs(source))
    assert pairs == [('def twice(x):\n    """Return x twice."""\n', "    y = x + x\n    return y\n")]


# --------------------------------------------------------------------------------------------- tiny zoo


def test_tiny_zoo_models_load_like_hub_models(tiny_zoo: ZooPaths) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaForCausalLM

    tok = AutoTokenizer.from_pretrained(tiny_zoo.tokenizer)
    sizes = {}
    for name, path in tiny_zoo.models().items():
        assert (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file(), name
        model = AutoModelForCausalLM.from_pretrained(path, use_safetensors=True)
        assert model.config.vocab_size == len(tok), name
        assert AutoTokenizer.from_pretrained(path).get_vocab() == tok.get_vocab(), name
        sizes[name] = sum(p.numel() for p in model.parameters())
        if name != "sorted-draft":
            assert isinstance(model, LlamaForCausalLM)
            assert model.config.max_position_embeddings == PRESETS["tiny"].context
            assert model.generation_config.eos_token_id == tok.eos_token_id
    assert sizes["draft"] < sizes["target-s"] < sizes["target-l"]

    target = AutoModelForCausalLM.from_pretrained(tiny_zoo.target_l).eval()
    prompt = tok("Question: Ada has 3 apples.", return_tensors="pt")
    with torch.no_grad():
        out = target.generate(**prompt, max_new_tokens=8, do_sample=False)
    assert out.shape[1] > prompt["input_ids"].shape[1]


def test_tiny_zoo_prompt_files(tiny_zoo: ZooPaths) -> None:
    train_prompts = {json.loads(line)["prompt"] for line in tiny_zoo.train_pairs.read_text().splitlines()}
    assert tiny_zoo.tasks == list(TASKS)
    for task in tiny_zoo.tasks:
        rows = [json.loads(line) for line in tiny_zoo.prompts[task].read_text().splitlines()]
        assert rows and all(set(r) == {"custom_id", "prompt", "task"} and r["task"] == task for r in rows)
        assert len({r["custom_id"] for r in rows}) == len(rows)
        assert not {r["prompt"] for r in rows} & train_prompts, (
            f"{task} held-out prompts leaked into training"
        )
        assert tiny_zoo.align_prompts[task].is_file()
    demo = [json.loads(line) for line in tiny_zoo.demo_prompts.read_text().splitlines()]
    assert 60 <= len(demo) <= 200
    assert {r["task"] for r in demo} == set(TASKS)


def test_build_zoo_second_call_is_a_cache_hit(tiny_zoo: ZooPaths) -> None:
    t0 = time.perf_counter()
    again = build_zoo("tiny", root=tiny_zoo.root.parent)
    assert time.perf_counter() - t0 < 5
    assert again == tiny_zoo
    assert (tiny_zoo.root.parent / "tiny").resolve() == tiny_zoo.root  # the stable <root>/<preset> link
    assert again.path("target-l") == tiny_zoo.target_l
    with pytest.raises(KeyError, match="no model 'target-xl'"):
        again.path("target-xl")


def test_manifest_records_build_and_step_costs(tiny_zoo: ZooPaths) -> None:
    manifest = json.loads(tiny_zoo.manifest.read_text())
    assert manifest["preset"] == "tiny"
    for name in ("target-s", "target-l", "draft"):
        assert manifest["final_loss"][name] < 6.0  # below uniform over 512 tokens (ln 512 = 6.24)
        assert manifest["step_ms"][f"{name}@b1"]["min"] > 0


def test_unknown_preset_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown zoo preset 'huge'.*bench"):
        build_zoo("huge", root=tmp_path)
