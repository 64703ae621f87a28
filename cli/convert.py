"""`specq import` (a user's checkpoint as a safetensors HF directory) and the real zoo's build report.

Torch and the models are imported inside the commands so `specq --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import err
from cli.console import out as console
from cli.progress import QUIET_OPTION, cli_progress

if TYPE_CHECKING:
    from models.zoo.real import RealZooPaths


def register(app: typer.Typer) -> None:
    """Add `specq import`."""
    app.command("import")(import_cmd)


def import_cmd(
    source: Path = typer.Argument(..., help="A .gguf file, or a Hugging Face model directory (safetensors)."),
    out: Path = typer.Option(..., "--out", help="Directory to write (must not exist, or be empty)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace a non-empty --out directory."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Import a checkpoint as a safetensors HF directory (tokenizer, chat template, generation config).

    The written directory is loaded back and must decode a short chat prompt exactly like the source.
    """
    from models.convert import CheckpointError, import_checkpoint

    try:
        with cli_progress(quiet) as shown:
            result = import_checkpoint(source, out, overwrite=overwrite, progress=shown)
    except (CheckpointError, FileNotFoundError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from exc
    table = Table(title=f"imported {result.source.name}")
    table.add_column("field")
    table.add_column("value")
    rows = {
        "written to": str(result.out_dir),
        "from": f"{result.kind} ({', '.join(f'{t} x{n}' for t, n in result.tensor_types.items())})"
        if result.tensor_types
        else result.kind,
        "architecture": f"{result.model_type}, {result.num_layers} layers, vocabulary {result.vocab_size}",
        "parameters": f"{result.parameters:,}",
        "check": f"greedy reply identical after reloading: {result.check_text!r}",
        "seconds": f"{result.seconds:.1f}",
    }
    for key, value in rows.items():
        table.add_row(key, escape(value))
    console.print(table)


def print_real_zoo(paths: RealZooPaths) -> None:
    """The table `specq zoo build --preset real` prints."""
    manifest = json.loads(paths.manifest.read_text())
    table = Table(title=f"zoo {paths.preset}: {paths.root}")
    for col in ("model", "directory", "layers", "build s", "step ms b=1 (min / median)"):
        table.add_column(col)
    for name, path in paths.models.items():
        step = manifest["step_ms"].get(f"{name}@b1")
        config = json.loads((path / "config.json").read_text())
        seconds = manifest["build_seconds"].get("import" if name == paths.target else name, "")
        table.add_row(
            name,
            path.name,
            str(config.get("num_hidden_layers", "")),
            str(seconds),
            f"{step['min']:.1f} / {step['median']:.1f}" if step else "",
        )
    console.print(table)
    console.print(
        f"from {manifest['wheel']['file']} (package index); "
        f"import check: {manifest['import']['check_text']!r}"
    )
    console.print(
        f"held-out prompts: {paths.demo_prompts.parent}/<category>.jsonl, "
        f"categories: {', '.join(paths.tasks)}"
    )
    console.print(f"deployment: SPECQ_CONFIG_FILE={paths.deployment}")
