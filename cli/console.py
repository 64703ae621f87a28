"""The CLI's two consoles. Messages are never hard-wrapped: a user copies paths and commands
out of them, and a wrap inside a path (rich wraps at 80 columns without a terminal) breaks the
copy and any script that reads the output. Tables still fit the terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import typer
from rich.console import Console
from rich.markup import escape

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``error: message`` on stderr; the caller raises the returned Exit (code 2: usage)."""
    err.print(f"[red]error:[/] {escape(message)}")
    return typer.Exit(code)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Mistakes in options, files, names and configuration end a command with their message.

    An option a measurement refuses (``bench.errors.OptionError``) is a usage error naming the
    option; a missing model or file, a tokenizer mismatch, a bad deployment file or value is
    one ``error:`` line and exit code 1, never a traceback.
    """
    from bench.errors import OptionError
    from models.loading import ModelNotFoundError, TokenizerMismatchError
    from specq.deployment import DeploymentError

    try:
        yield
    except OptionError as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.option) from exc
    except (DeploymentError, ModelNotFoundError, TokenizerMismatchError, FileNotFoundError, ValueError) as e:
        raise fail(str(e)) from e
