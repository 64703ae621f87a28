"""``specq report``: a job as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from cli.console import err, out


def report_cmd(
    job: str = typer.Argument(..., help="Job id."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    compare: str | None = typer.Option(
        None, "--compare", help="Another job (e.g. a plain-decoding baseline) to compare speed with."
    ),
) -> None:
    """Write an HTML report: summary, acceptance by task and draft, plots, assignment events, failures."""
    from producer.report import report
    from producer.status import JobNotFound

    try:
        page = report(job, compare=compare)
    except JobNotFound as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    output.write_text(page, encoding="utf-8")
    out.print(f"wrote {output} ({len(page.encode()) / 1024:.0f} KiB, no network needed to open it)")


def register(app: typer.Typer) -> None:
    """Add ``specq report`` to the ``specq`` app."""
    app.command("report")(report_cmd)
