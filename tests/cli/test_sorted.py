"""`specq calibrate` and `specq bench sorted` through typer's CliRunner, on local models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
import typer
from typer.testing import CliRunner

from cli.sorted import register, register_bench


@pytest.fixture()
def app() -> typer.Typer:
    a = typer.Typer()
    register(a)
    bench = typer.Typer()
    register_bench(bench)
    a.add_typer(bench, name="bench")
    return a


@pytest.fixture()
def deployment(specq_env: Path, tmp_path: Path) -> Iterator[Path]:
    """A deployment whose sorted draft (exits 1, 2, 3) serves target "t": the draft's own deepest exit."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    from models.drafts.sorted import PRESETS, new_sorted_draft

    texts = [f"select a{i} from t{i % 3} where b > {i};\n" for i in range(60)]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=200, special_tokens=["<|endoftext|>"]))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>")
    model = new_sorted_draft(len(fast), PRESETS["tiny"])
    model.save(tmp_path / "sd")
    fast.save_pretrained(tmp_path / "sd")
    model.lm.save_pretrained(tmp_path / "target")
    fast.save_pretrained(tmp_path / "target")
    config = tmp_path / "specq.toml"
    config.write_text(
        f"""
[targets.t]
path = "{tmp_path / "target"}"
default_draft = "sorted"

[drafts.sorted]
path = "{tmp_path / "sd"}"
kind = "sorted"
targets = ["t"]
k = 3
"""
    )
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text("".join(json.dumps({"prompt": t}) + "\n" for t in texts[:6]))
    before = torch.get_num_threads()
    yield config
    torch.set_num_threads(before)


def test_calibrate_writes_per_target_thresholds(app: typer.Typer, deployment: Path) -> None:
    from specq.deployment import load_deployment

    prompts = deployment.parent / "prompts.jsonl"
    args = [
        "calibrate",
        "--draft",
        "sorted",
        "--target",
        "t",
        "--prompts",
        str(prompts),
        "--config",
        str(deployment),
    ]
    args += [
        "--num-prompts",
        "4",
        "--max-new-tokens",
        "6",
        "--batch-size",
        "2",
        "--validate",
        "1",
        "--threads",
        "1",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "written to" in result.output
    thresholds = load_deployment(deployment).drafts["sorted"].thresholds["t"]
    assert len(thresholds) == 3 and thresholds[-1] == 0.0


def test_calibrate_refuses_a_draft_that_is_not_sorted(app: typer.Typer, deployment: Path) -> None:
    text = deployment.read_text().replace('kind = "sorted"', 'kind = "model"')
    deployment.write_text(text)
    args = ["calibrate", "--draft", "sorted", "--target", "t", "--config", str(deployment)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert "calibrate needs kind" in result.output


def test_bench_sorted_reports_every_configuration(app: typer.Typer, deployment: Path, tmp_path: Path) -> None:
    prompts = deployment.parent / "prompts.jsonl"
    out = tmp_path / "bench.json"
    args = ["bench", "sorted", "--prompts", str(prompts), "--config", str(deployment), "--out", str(out)]
    args += ["--markdown", str(tmp_path / "bench.md")]
    args += ["--num-prompts", "2", "--calib-prompts", "2", "--max-new-tokens", "5", "--repeats", "1"]
    args += ["--baseline", f"plain-llama={deployment.parent / 'target'}", "--threads", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    labels = [r["label"] for r in report["targets"]["t"]["runs"]]
    assert labels[0] == "plain" and labels[1].startswith("sorted")
    assert [x for x in labels if x.startswith("exit")] == ["exit 1 alone", "exit 2 alone", "exit 3 alone"]
    assert labels[-1].startswith("plain-llama")
    # The target is the draft's deepest exit: that exit (and the identical baseline) is always accepted.
    runs = {r["label"]: r for r in report["targets"]["t"]["runs"]}
    assert runs["exit 3 alone"]["accepted"] == runs["exit 3 alone"]["drafted"] > 0
    memory = report["memory_bytes"]
    assert memory["sorted (3 exits)"] == memory["plain-llama (3 layers)"] > 0  # same weights, loaded twice
    table = (tmp_path / "bench.md").read_text()
    assert "| exit 2 alone |" in table and "Weights:" in table


def test_calibrate_names_an_unknown_target(app: typer.Typer, deployment: Path) -> None:
    args = ["calibrate", "--draft", "sorted", "--target", "nope", "--config", str(deployment)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "unknown target 'nope'" in result.output and "t" in result.output


def test_bench_with_given_thresholds_skips_calibration(
    app: typer.Typer, deployment: Path, tmp_path: Path
) -> None:
    prompts = deployment.parent / "prompts.jsonl"
    out = tmp_path / "bench.json"
    args = ["bench", "sorted", "--prompts", str(prompts), "--config", str(deployment), "--out", str(out)]
    args += ["--num-prompts", "2", "--max-new-tokens", "4", "--repeats", "1", "--thresholds", "0.5,0.5,0"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())["targets"]["t"]
    assert (
        report["thresholds"] == [0.5, 0.5, 0.0] and report["threshold_source"] == "given on the command line"
    )
    bad = CliRunner().invoke(app, [*args[:-1], "0.5,0"])
    assert bad.exit_code == 2 and "one per exit" in bad.output
