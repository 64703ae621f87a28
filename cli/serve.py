"""`specq serve`: the OpenAI-compatible API over the queue, the workers and SQL (see serve/)."""

from __future__ import annotations

import typer
from rich.markup import escape

from cli.console import err


def serve_cmd(
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to bind (beyond 127.0.0.1 needs SPECQ_API_KEY)."
    ),
    port: int = typer.Option(8000, "--port", "-p", help="TCP port."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve /v1 files, batches, chat/completions, completions and models; starts workers if none run."""
    from serve.server import ServeError, serve
    from specq.deployment import DeploymentError
    from workers.stack import StackError

    try:
        serve(host, port, log_level=log_level)
    except (ServeError, DeploymentError, StackError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2 if isinstance(exc, ServeError | DeploymentError) else 1) from None


def register(app: typer.Typer) -> None:
    """Add `serve` to the ``specq`` app."""
    app.command("serve")(serve_cmd)
