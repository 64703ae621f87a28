"""`specq import` through typer's CliRunner: a GGUF written by the test, and refusals without tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import typer
from typer.testing import CliRunner

from cli.convert import register
from tests.models.gguf_files import tiny_llama, write_llama_gguf

pytest.importorskip("gguf", reason="the gguf extra is not installed: pip install 'specq[gguf]'")


@pytest.fixture()
def app() -> typer.Typer:
    a = typer.Typer()
    register(a)
    a.command("noop", hidden=True)(lambda: None)  # two commands: typer keeps `import` as a subcommand
    return a


def test_import_gguf(app: typer.Typer, tmp_path: Path) -> None:
    gguf_path = write_llama_gguf(tiny_llama(num_layers=1), tmp_path / "tiny.gguf")
    result = CliRunner().invoke(app, ["import", str(gguf_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "greedy reply identical after reloading" in result.output
    assert "llama, 1 layers" in result.output and "F32 x" in result.output
    assert (tmp_path / "out" / "model.safetensors").is_file()


def test_import_refusal_is_one_line_not_a_traceback(app: typer.Typer, tmp_path: Path) -> None:
    model = tiny_llama(num_layers=1)
    model.config.save_pretrained(tmp_path / "pickled")
    torch.save(model.state_dict(), tmp_path / "pickled" / "pytorch_model.bin")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "pickled"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "weights only as pickle files (pytorch_model.bin)" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
