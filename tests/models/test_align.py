"""Per-task draft alignment on the tiny zoo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.align import AlignConfig, PromptRecord, align_draft, encode_prompts, read_prompts
from models.zoo import ZooPaths


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    """These models are too small to gain from a second thread; on a busy machine it costs several-fold."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_alignment_raises_acceptance_on_its_task(tiny_zoo: ZooPaths, tmp_path: Path) -> None:
    from transformers import AutoModelForCausalLM

    out = tmp_path / "aligned-math"
    result = align_draft(
        tiny_zoo.target_l,
        tiny_zoo.draft,
        tiny_zoo.align_prompts["math"],
        out,
        task="math",
        eval_prompts=tiny_zoo.prompts["math"],
        config=AlignConfig(seed=0),
        device="cpu",
    )
    assert result.before.drafted > 500 and result.after.drafted > 300  # enough tokens to compare
    # Seed 0 measures about 0.33 -> 0.53; a real improvement, not noise, is asked for.
    assert result.after.rate >= 1.2 * result.before.rate
    assert result.after.mean_accepted > result.before.mean_accepted
    assert result.before.new_tokens == result.after.new_tokens  # same greedy target output either way

    aligned = AutoModelForCausalLM.from_pretrained(out, use_safetensors=True)
    base = AutoModelForCausalLM.from_pretrained(tiny_zoo.draft)
    for attr in (
        "vocab_size",
        "hidden_size",
        "num_hidden_layers",
        "intermediate_size",
        "max_position_embeddings",
    ):
        assert getattr(aligned.config, attr) == getattr(base.config, attr), attr
    report = json.loads((out / "alignment.json").read_text())
    assert report["after"]["rate"] == pytest.approx(result.after.rate)
    assert report["config"]["method"] == "kd"


@pytest.mark.parametrize("method", ["ce", "lora"])
def test_other_methods_save_a_plain_model(tiny_zoo: ZooPaths, tmp_path: Path, method: str) -> None:
    from transformers import AutoModelForCausalLM

    records = read_prompts(tiny_zoo.align_prompts["sql"])[:16]
    result = align_draft(
        tiny_zoo.target_l,
        tiny_zoo.draft,
        records,
        tmp_path / method,
        task="sql",
        config=AlignConfig(method=method, epochs=1, max_new_tokens=16, eval_max_new_tokens=16),  # type: ignore[arg-type]
        device="cpu",
    )
    assert result.train_prompts + result.eval_prompts == 16  # 20% held out, never trained on
    assert result.method == method
    model = AutoModelForCausalLM.from_pretrained(tmp_path / method, use_safetensors=True)
    names = [n for n, _ in model.named_parameters()]
    assert not any("lora" in n for n in names)  # adapters are merged into the weights


def test_identical_draft_accepts_everything(tiny_zoo: ZooPaths) -> None:
    from models.align import measure_acceptance
    from models.loading import load_model_and_tokenizer

    target, tok = load_model_and_tokenizer(tiny_zoo.target_s, device="cpu")
    same, _ = load_model_and_tokenizer(tiny_zoo.target_s, device="cpu")
    prompts = encode_prompts(tok, read_prompts(tiny_zoo.prompts["sql"])[:8], max_len=400)
    acc = measure_acceptance(target, same, prompts, k=3, max_new_tokens=20)
    assert acc.rate > 0.99
    assert acc.mean_accepted > 2.5


def test_read_prompts_filters_by_task_and_names_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"custom_id": "a", "prompt": "x", "task": "math"}\n'
        '{"custom_id": "b", "prompt": "y", "task": "sql"}\n\n'
        '{"custom_id": "c", "messages": [{"role": "user", "content": "z"}]}\n'
    )
    assert [r.custom_id for r in read_prompts(path, "math")] == ["a", "c"]
    assert len(read_prompts(path)) == 3
    with pytest.raises(ValueError, match="no prompts labelled task 'code'"):
        read_prompts(_only(tmp_path, "sql"), "code")
    path.write_text('{"custom_id": "a", "prompt": "x"}\n{"custom_id": "b", "prompt": \n')
    with pytest.raises(ValueError, match=r"p\.jsonl:2: invalid JSON"):
        read_prompts(path)


def _only(tmp_path: Path, task: str) -> Path:
    path = tmp_path / f"{task}.jsonl"
    path.write_text(json.dumps({"custom_id": "a", "prompt": "x", "task": task}) + "\n")
    return path


def test_chat_prompts_go_through_the_chat_template(tiny_zoo: ZooPaths) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_zoo.tokenizer)
    rec = PromptRecord("c", messages=[{"role": "user", "content": "2+2?"}])
    (ids,) = encode_prompts(tok, [rec], max_len=100)
    assert tok.decode(ids) == "<|user|>\n2+2?<|end|>\n<|assistant|>\n"
    (cut,) = encode_prompts(tok, [rec], max_len=3)
    assert cut == ids[-3:]  # long prompts keep their end


def test_config_rejects_contradictions() -> None:
    with pytest.raises(ValueError, match="method must be one of"):
        AlignConfig(method="dpo")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="temperature > 0"):
        AlignConfig(samples_per_prompt=2)
    with pytest.raises(ValueError, match="head_tokens needs train_embeddings=False"):
        AlignConfig(head_tokens=100)


def test_frequency_ranked_alignment_on_prompt_and_response(tiny_zoo: ZooPaths, tmp_path: Path) -> None:
    """On prompt text, frozen embeddings, a frequency-ranked head: saved with its subset, served so, exact."""
    import torch
    from transformers import AutoModelForCausalLM

    from models.drafts.vocab import head_token_ids, load_vocab_subset
    from models.engine.speculative import SamplingParams, SpecDecoder
    from models.loading import load_draft, load_model_and_tokenizer

    out = tmp_path / "fr"
    config = AlignConfig(
        epochs=2, max_new_tokens=16, eval_max_new_tokens=16, train_on_prompt=True,
        train_embeddings=False, head_tokens=64,
    )  # fmt: skip
    records = read_prompts(tiny_zoo.align_prompts["sql"])[:20]
    result = align_draft(
        tiny_zoo.target_l, tiny_zoo.draft, records, out, task="sql", config=config, device="cpu"
    )
    base = AutoModelForCausalLM.from_pretrained(tiny_zoo.draft, use_safetensors=True)
    aligned = AutoModelForCausalLM.from_pretrained(out, use_safetensors=True)  # the full head, as saved
    b, a = base.state_dict(), aligned.state_dict()
    assert torch.equal(a["model.embed_tokens.weight"], b["model.embed_tokens.weight"])
    assert torch.equal(aligned.lm_head.weight, base.lm_head.weight)
    assert any(not torch.equal(a[k], b[k]) for k in b if ".layers." in k)  # the layers did train
    subset = load_vocab_subset(out)
    assert subset is not None and len(subset) == 64 and len(set(subset)) == 64
    assert base.generation_config.eos_token_id in subset  # a reply can end inside a draft
    assert result.after.drafted > 0

    target, tok = load_model_and_tokenizer(tiny_zoo.target_l, device="cpu")
    draft = load_draft(out, device="cpu").model
    cols = head_token_ids(draft)
    assert cols is not None and cols.tolist() == subset
    prompts = encode_prompts(tok, read_prompts(tiny_zoo.prompts["sql"])[:6], max_len=400)
    params = SamplingParams(max_new_tokens=16)
    plain = SpecDecoder(target, None).generate(prompts, params)
    spec = SpecDecoder(target, draft, k=3).generate(prompts, params)
    assert [o.token_ids for o in spec] == [o.token_ids for o in plain]
    assert sum(o.stats.accepted_tokens for o in spec) > 0


def test_teacher_on_prompt_positions_chunked_and_saved(
    tiny_zoo: ZooPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    import models.align.data as data
    from models.loading import load_model_and_tokenizer

    target, tok = load_model_and_tokenizer(tiny_zoo.target_s, device="cpu")
    records = read_prompts(tiny_zoo.align_prompts["math"])[:5]
    prompts = encode_prompts(tok, records, max_len=400)
    config = AlignConfig(max_new_tokens=8, train_on_prompt=True)
    seqs = data.target_responses(target, prompts, config, tasks=["math"] * len(prompts))
    data.attach_teacher(target, seqs, top_k=4, batch_size=8)  # all five in one forward
    whole = [(s.teacher_p, s.teacher_i) for s in seqs if s.teacher_p is not None and s.teacher_i is not None]
    assert len(whole) == len(seqs) and all(s.first == 1 and s.task == "math" for s in seqs)
    assert [len(p) for p, _ in whole] == [len(s.ids) - 1 for s in seqs]  # prompt and response positions
    # A logits budget of one sequence at a time gives the same distributions.
    monkeypatch.setattr(data, "TEACHER_LOGITS_BUDGET", max(len(s.ids) for s in seqs) * 512)
    calls: list[int] = []
    data.attach_teacher(target, seqs, top_k=4, batch_size=8, on_done=calls.append)
    assert calls == [1] * len(seqs)
    for s, (p, i) in zip(seqs, whole, strict=True):
        assert s.teacher_p is not None and s.teacher_i is not None
        torch.testing.assert_close(s.teacher_p, p)
        assert torch.equal(s.teacher_i, i)
    loaded = data.load_sequences(data.save_sequences(tmp_path / "seqs.safetensors", seqs))
    assert [(s.ids, s.start, s.from_prompt, s.task) for s in loaded] == [
        (s.ids, s.start, s.from_prompt, s.task) for s in seqs
    ]
    assert all(
        a.teacher_p is not None and b.teacher_p is not None and torch.equal(a.teacher_p, b.teacher_p)
        for a, b in zip(loaded, seqs, strict=True)
    )
    assert all(
        a.teacher_i is not None and b.teacher_i is not None and torch.equal(a.teacher_i, b.teacher_i)
        for a, b in zip(loaded, seqs, strict=True)
    )
    from safetensors import safe_open  # a safetensors file, not a pickle

    with safe_open(str(tmp_path / "seqs.safetensors"), framework="pt") as f:
        assert set(f.keys()) == {"ids", "teacher_p", "teacher_i"}


def test_distill_loss_with_a_restricted_head_drops_mass_it_cannot_draft() -> None:
    import torch

    from models.align.data import ResponseSequence
    from models.align.draft import distill_loss

    seq = ResponseSequence([1, 2, 3], start=1)
    seq.teacher_p = torch.tensor([[0.5, 0.3, 0.2], [1.0, 0.0, 0.0]])  # (R=2, top_k=3)
    seq.teacher_i = torch.tensor([[7, 4, 9], [9, 1, 2]], dtype=torch.int32)
    logq = torch.log_softmax(torch.tensor([[0.0, 1.0, 2.0], [2.0, 0.0, 1.0]]), -1)  # head = tokens 4, 7, 5
    loss = distill_loss(logq, [seq], "kd", torch.tensor([4, 7, 5]))
    # Row 1: tokens 7 and 4 (mass 0.5, 0.3 -> 0.625, 0.375); row 2 teaches nothing (token 9 is outside).
    expected = -(0.625 * logq[0, 1] + 0.375 * logq[0, 0])
    torch.testing.assert_close(loss, expected)
    ce = distill_loss(logq, [seq], "ce", torch.tensor([4, 7, 2]))  # labels 2 (column 2) and 3 (outside)
    torch.testing.assert_close(ce, -logq[0, 2])


def test_cli_align_registers_the_draft_for_its_task(
    tiny_zoo: ZooPaths, specq_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cli.main import app
    from db.queries import get_assignment
    from db.session import session_scope
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(tmp_path / "specq.toml"))
    get_settings.cache_clear()
    out = tmp_path / "aligned"
    args = ["align", "--target", "target-l", "--base-draft", "general", "--task", "math", "--out", str(out)]
    args += ["--prompts", str(tiny_zoo.align_prompts["math"]), "--epochs", "2", "--register"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "registered draft" in result.output

    draft = load_deployment().draft("aligned-math-target-l")
    assert draft.kind == "model" and draft.targets == ("target-l",) and draft.path == str(out.resolve())
    with session_scope() as session:
        row = get_assignment(session, "target-l", "math")
        assert row is not None and row.draft == "aligned-math-target-l" and row.source == "align"
        report = json.loads((out / "alignment.json").read_text())
        assert row.acceptance == pytest.approx(report["after"]["rate"])


def test_cli_align_register_needs_a_task(tiny_zoo: ZooPaths, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    args = ["align", "--target", "target-l", "--base-draft", "general", "--out", str(tmp_path / "x")]
    result = CliRunner().invoke(app, [*args, "--prompts", str(tiny_zoo.align_prompts["math"]), "--register"])
    assert result.exit_code != 0
    assert "pass --task" in result.output


def test_cli_align_sorted_aligns_every_exit_and_registers_a_sorted_draft(
    tiny_zoo: ZooPaths, specq_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cli.main import app
    from specq.deployment import load_deployment
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(tmp_path / "specq.toml"))
    get_settings.cache_clear()
    out = tmp_path / "aligned-sorted"
    args = ["align", "--sorted", "--target", "target-l", "--base-draft", "sorted", "--task", "math"]
    args += ["--out", str(out), "--prompts", str(tiny_zoo.align_prompts["math"])]
    args += ["--eval-prompts", str(tiny_zoo.prompts["math"]), "--register"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # rich wraps long lines
    assert "specq calibrate --draft aligned-math-target-l --target target-l" in said

    draft = load_deployment().draft("aligned-math-target-l")
    assert draft.kind == "sorted" and draft.targets == ("target-l",)
    assert draft.thresholds == {"target-l": [2.0, 2.0, 0.0]}  # the deepest exit alone, until calibrated
    report = json.loads((out / "alignment.json").read_text())
    assert report["method"] == "soft-kd" and set(report["exits"]) == {"1", "2", "3"}
    for e, exit_report in report["exits"].items():
        before, after = exit_report["before"], exit_report["after"]
        assert before["new_tokens"] == after["new_tokens"]  # the same greedy target output
        # Every exit moves toward the target, not only the deepest (SoFT).
        assert after["rate"] >= 1.1 * before["rate"], (e, before["rate"], after["rate"])
    assert report["after"] == report["exits"]["3"]["after"]

    bad = CliRunner().invoke(app, [*args[:-1], "--method", "lora"])
    assert bad.exit_code != 0 and "kd or ce (SoFT)" in bad.output


def test_cli_align_routes_unlabelled_prompts_with_the_router(
    tiny_zoo: ZooPaths, specq_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The automatic flow: partition unlabelled prompts, then align a draft per discovered sub-task."""
    from typer.testing import CliRunner

    from cli.main import app
    from models.tasks import load_router
    from specq.settings import get_settings

    monkeypatch.setenv("SPECQ_CONFIG_FILE", str(tmp_path / "specq.toml"))
    get_settings.cache_clear()
    mixed = tmp_path / "mixed.jsonl"  # every task's alignment prompts, task labels removed
    with mixed.open("w") as fh:
        for task in ("math", "sql"):
            for line in tiny_zoo.align_prompts[task].read_text().splitlines():
                fh.write(json.dumps({"prompt": json.loads(line)["prompt"]}) + "\n")
    router = tmp_path / "router"
    runner = CliRunner()
    part = runner.invoke(
        app, ["partition", str(mixed), "--out", str(router), "--featurizer", "tfidf", "--k", "2"]
    )
    assert part.exit_code == 0, part.output
    texts = [json.loads(line)["prompt"] for line in mixed.read_text().splitlines()]
    labels = load_router(router).classify(texts)
    label = labels[0]
    out = tmp_path / "aligned"
    args = ["align", "--target", "target-l", "--base-draft", "general", "--task", label, "--out", str(out)]
    res = runner.invoke(app, [*args, "--prompts", str(mixed), "--router", str(router), "--epochs", "1"])
    assert res.exit_code == 0, res.output
    said = " ".join(res.output.split())
    assert f"classified {len(texts)} unlabelled prompt(s); {labels.count(label)} are task {label!r}" in said
    report = json.loads((out / "alignment.json").read_text())
    # 20% of the routed prompts are held out for the measurement, the rest trained on.
    assert report["train_prompts"] + report["eval_prompts"] == labels.count(label)

    others = tmp_path / "others.jsonl"  # held-out prompts none of which is routed to the task
    others.write_text(
        "".join(json.dumps({"prompt": t}) + "\n" for t, lb in zip(texts, labels, strict=True) if lb != label)
    )
    more = ["--eval-prompts", str(others), "--router", str(router), "--epochs", "1"]
    res = runner.invoke(app, [*args, "--prompts", str(mixed), *more])
    assert res.exit_code == 0, res.output
    assert "holding out a share" in " ".join(res.output.split())
    held = json.loads((out / "alignment.json").read_text())
    assert held["train_prompts"] + held["eval_prompts"] == labels.count(label)

    res = runner.invoke(
        app, [*args, "--prompts", str(mixed), "--router", str(router)[:-1] + "x", "--epochs", "1"]
    )
    assert res.exit_code == 0  # no router there: every unlabelled prompt is kept
    assert json.loads((out / "alignment.json").read_text())["train_prompts"] > report["train_prompts"]


def test_bench_align_cross_measures_every_draft_on_every_task(
    tiny_zoo: ZooPaths, specq_env: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    md = tmp_path / "align.md"
    args = ["bench", "align", "--preset", "tiny", "--task", "math", "--task", "sql", "--epochs", "2"]
    res = CliRunner().invoke(
        app, [*args, "--cross", "--out", str(tmp_path / "drafts"), "--markdown", str(md)]
    )
    assert res.exit_code == 0, res.output
    text = md.read_text()
    assert "| math | " in text and "| sql | " in text and "| mean | " in text
    matrix = text.split("every task's held-out prompts**")[1]
    rows = {line.split(" | ")[0].strip("| "): line for line in matrix.splitlines() if line.startswith("| ")}
    assert set(rows) == {"draft", "general", "aligned on math", "aligned on sql", "aligned on all tasks"}
    assert (tmp_path / "drafts" / "all-tasks" / "model.safetensors").is_file()

    def rate(row: str, column: int) -> float:
        return float(rows[row].strip("| ").split(" | ")[column])

    # Each task's draft beats the general draft on its own task (column 1 = math, 2 = sql).
    assert rate("aligned on math", 1) > rate("general", 1) and rate("aligned on sql", 2) > rate("general", 2)


def test_synthetic_prompts_continue_their_seed_in_a_user_turn(tiny_zoo: ZooPaths) -> None:
    from models.align.data import synthetic_prompts
    from models.loading import load_model_and_tokenizer

    target, tok = load_model_and_tokenizer(tiny_zoo.target_s, device="cpu")
    records = synthetic_prompts(target, tok, ["SELECT name", ""], 3, max_tokens=10, task="sql", batch_size=4)
    # An unseeded turn the target ends at once is dropped; a seeded one always has its seed.
    assert 3 < len(records) <= 6 and len({r.custom_id for r in records}) == len(records)
    assert all(r.task == "sql" and r.messages is not None for r in records)
    texts = [r.messages[0]["content"] for r in records if r.messages]
    assert all(t.startswith("SELECT name") for t in texts[:3])
    assert not any(t.startswith("SELECT name") for t in texts[3:])
    assert len(set(texts[:3])) > 1  # sampled: the continuations differ
    again = synthetic_prompts(target, tok, ["SELECT name", ""], 3, max_tokens=10, task="sql", batch_size=4)
    assert [r.messages for r in again] == [r.messages for r in records]  # seeded
