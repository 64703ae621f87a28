"""The `specq` command line: a thin layer over producer/, workers/ and models/.

Each area registers its commands from its own module (``cli/<area>.py``).
Nothing here imports torch, so ``specq --help``, ``submit`` and ``status`` start fast.
"""

from __future__ import annotations

import importlib
import logging

import typer

app = typer.Typer(
    name="specq",
    help="Batch LLM generation with task-aware speculative decoding.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
bench_app = typer.Typer(help="Benchmarks: each one measures and prints ratios against its peers.")
app.add_typer(bench_app, name="bench")

# Modules that add top-level commands via register(app) and benchmarks via register_bench(bench_app).
_COMMAND_MODULES = (
    "cli.jobs",
    "cli.report",
    "cli.plan",
    "cli.workers",
    "cli.serve",
    "cli.zoo",
    "cli.convert",
    "cli.tasks",
    "cli.sorted",
    "cli.cost",
    "cli.bench_engine",
    "cli.demo",
)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log at DEBUG level.")) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _register_all() -> None:
    for name in _COMMAND_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(app)
        if hasattr(module, "register_bench"):
            module.register_bench(bench_app)


_register_all()


def main() -> None:
    """Console-script entry point. A database that cannot be reached is one line, not a traceback."""
    try:
        app()
    except Exception as exc:
        from db.session import connection_error_message

        message = connection_error_message(exc)
        if message is None:
            raise
        from rich.markup import escape

        from cli.console import err

        err.print(f"[red]error:[/] {escape(message)}", highlight=False)
        raise SystemExit(1) from None
