"""Job commands: submit, status, jobs, cancel, resume, export, sql.

A thin layer over the ``producer`` API. Imports happen inside the commands so ``specq --help``
stays fast, and nothing on these paths imports torch. ``submit`` prints the job id alone on
stdout (``JOB=$(specq submit ...)`` works); everything else it reports goes to stderr.
"""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from cli.console import err, fail, out


def _fmt_seconds(s: float | None) -> str:
    if s is None:
        return "-"
    if s < 90:
        return f"{s:.0f}s"
    if s < 5400:
        return f"{s / 60:.1f}m"
    return f"{s / 3600:.1f}h"


def _fmt_time(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S") if dt else "-"


_STATUS_STYLE = {
    "completed": "green",
    "failed": "red",
    "cancelled": "yellow",
    "cancelling": "yellow",
    "in_progress": "cyan",
    "validating": "cyan",
}


def _styled(status: str) -> str:
    return f"[{_STATUS_STYLE.get(status, 'white')}]{status}[/]"


def submit_cmd(
    file: Path = typer.Argument(
        ..., help="JSONL (prompt/messages, OpenAI batch or Spec-Bench lines), CSV or Parquet."
    ),
    target: str = typer.Option(..., "--target", "-t", help="Target model name from specq.toml."),
    max_new_tokens: int = typer.Option(128, "--max-new-tokens", help="Default per line; lines may override."),
    temperature: float = typer.Option(0.0, "--temperature", help="0 = greedy."),
    top_p: float = typer.Option(1.0, "--top-p"),
    seed: int | None = typer.Option(None, "--seed"),
    stop: list[str] | None = typer.Option(None, "--stop", help="Stop string (repeatable)."),
    name: str | None = typer.Option(None, "--name", help="A name to find the job by."),
    draft: str | None = typer.Option(
        None, "--draft", help="Pin one draft for every prompt ('none' = plain decoding baseline)."
    ),
    no_enqueue: bool = typer.Option(
        False, "--no-enqueue", help="Record the job only; `specq resume` sends it."
    ),
    reuse: bool = typer.Option(
        False, "--reuse", help="Serve greedy requests identical to earlier ones from their results."
    ),
) -> None:
    """Submit a batch job; prints its id at once."""
    from producer.submit import SubmitError, submit_job

    def _created(job_id: str) -> None:
        out.print(job_id, highlight=False)

    try:
        r = submit_job(
            file,
            target,
            name=name,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            top_p=top_p,
            seed=seed,
            stop=list(stop) if stop else None,
            draft=draft,
            enqueue=not no_enqueue,
            reuse=reuse,
            on_created=_created,
        )
    except SubmitError as exc:
        raise fail(str(exc), 2) from None
    err.print(
        f"{r.job_id}: {_styled(r.status)}, {r.total} prompts, {r.invalid} invalid lines "
        f"({r.seconds:.2f}s){'' if r.length_checked else ', prompt length not checked (target not local)'}"
    )
    if r.invalid:
        err.print(f"see the invalid lines with `specq status {r.job_id}`")
    if reuse:
        err.print(f"{r.reused} prompts served from earlier identical requests")
    if r.message:
        err.print(
            ("[red]" if r.status == "failed" else "[yellow]") + escape(r.message) + "[/]", highlight=False
        )
    if r.status == "failed":
        raise typer.Exit(1)


def _status_table(rep: Any) -> Table:
    t = Table(title=f"job {rep.id}" + (f" ({rep.name})" if rep.name else ""), show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    counts = rep.request_counts
    t.add_row("status", _styled(rep.status))
    t.add_row("target", rep.target)
    t.add_row(
        "requests", f"{counts['total']} total, {counts['completed']} completed, {counts['failed']} failed"
    )
    t.add_row("prompts", f"{rep.total} to decode, {rep.failed} failed, {rep.remaining} remaining")
    t.add_row("invalid lines", str(rep.invalid))
    if rep.total:
        t.add_row("progress", f"{100.0 * rep.finished / rep.total:.1f}%")
    t.add_row("output tokens", str(rep.output_tokens))
    t.add_row("tokens/s", f"{rep.tokens_per_s:.1f}" if rep.tokens_per_s else "-")
    t.add_row("elapsed", _fmt_seconds(rep.elapsed_s))
    t.add_row("ETA", _fmt_seconds(rep.eta_s))
    if rep.recovering:
        t.add_row("recovering", f"[yellow]{rep.recovering} batch(es) whose decode worker died, re-queued[/]")
    t.add_row("created", _fmt_time(rep.created_at))
    t.add_row("finished", _fmt_time(rep.finished_at))
    if rep.input_file:
        t.add_row("input", rep.input_file)
    if rep.error:
        t.add_row("error", f"[red]{escape(rep.error)}[/]")
    return t


def status_cmd(
    job: str | None = typer.Argument(None, help="Job id (default: the newest job)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Show a job's status, request counts, ETA and invalid input lines."""
    from producer.status import JobNotFound, latest_job_id, status

    job_id = job or latest_job_id()
    if job_id is None:
        raise fail("no jobs yet; submit one with `specq submit FILE --target T`")
    try:
        rep = status(job_id)
    except JobNotFound as exc:
        raise fail(str(exc)) from None
    if as_json:
        out.print_json(
            data={
                "id": rep.id,
                "name": rep.name,
                "target": rep.target,
                "status": rep.status,
                "request_counts": rep.request_counts,
                "output_tokens": rep.output_tokens,
                "tokens_per_s": rep.tokens_per_s,
                "eta_s": rep.eta_s,
                "recovering_batches": rep.recovering,
                "error": rep.error,
                "input_errors": [e.__dict__ for e in rep.input_errors],
            }
        )
        return
    out.print(_status_table(rep))
    if rep.input_errors:
        t = Table(title=f"invalid input lines (first {len(rep.input_errors)} of {rep.invalid})")
        t.add_column("line", justify="right")
        t.add_column("custom_id")
        t.add_column("reason")
        for e in rep.input_errors:
            t.add_row(str(e.line) if e.line else "file", escape(e.custom_id or ""), escape(e.reason))
        out.print(t)


def jobs_cmd(
    limit: int = typer.Option(20, "--limit", "-n", help="How many jobs."),
    status_filter: str | None = typer.Option(None, "--status", help="Only jobs in this status."),
) -> None:
    """List recent jobs."""
    from producer.status import jobs

    found = jobs(limit=limit, status_filter=status_filter)
    if not found:
        out.print("no jobs")
        return
    named = any(r.name for r in found)
    t = Table(title="jobs")
    t.add_column("id", no_wrap=True, min_width=20)  # job ids stay whole on narrow terminals
    if named:
        t.add_column("name")
    t.add_column("target")
    t.add_column("status", no_wrap=True)
    t.add_column("done/total", justify="right")
    t.add_column("failed", justify="right")
    t.add_column("invalid", justify="right")
    t.add_column("created", no_wrap=True)
    for r in found:
        row = [r.id, *([escape(r.name or "")] if named else []), r.target, _styled(r.status)]
        row += [f"{r.completed}/{r.total}", str(r.failed), str(r.invalid)]
        row.append(r.created_at.strftime("%m-%d %H:%M"))
        t.add_row(*row)
    out.print(t)


def cancel_cmd(job: str = typer.Argument(..., help="Job id.")) -> None:
    """Cancel a job: queued batches are skipped; running ones finish."""
    from producer.control import cancel
    from producer.status import JobNotFound

    try:
        new_status = cancel(job)
    except JobNotFound as exc:
        raise fail(str(exc)) from None
    out.print(f"{job}: {_styled(new_status)}")


def resume_cmd(
    job: str = typer.Argument(..., help="Job id."),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Decode failed prompts again (up to SPECQ_RETRY_MAX_ATTEMPTS tries)."
    ),
) -> None:
    """Re-enqueue every prompt of a job that has no result yet."""
    from producer.control import resume
    from producer.enqueue import BrokerUnavailable
    from producer.status import JobNotFound

    try:
        r = resume(job, retry_failed=retry_failed)
    except JobNotFound as exc:
        raise fail(str(exc)) from None
    except BrokerUnavailable as exc:
        raise fail(str(exc)) from None
    if r.prompts:
        out.print(f"{job}: re-enqueued {r.prompts} prompts in {r.messages} messages; {_styled(r.status)}")
    else:
        out.print(f"{job}: nothing to resume; {_styled(r.status)}")
    if retry_failed:
        out.print(f"{r.retried} failed prompts retried, {r.at_limit} left failed at the attempt limit")


def export_cmd(
    job: str = typer.Argument(..., help="Job id."),
    output: Path = typer.Option(..., "--output", "-o", help="Output file (a directory for --format hf)."),
    fmt: str = typer.Option("specq", "--format", "-f", help="specq | openai (JSONL) | parquet | hf"),
    errors: Path | None = typer.Option(
        None, "--errors", "-e", help="openai: the error file (default: <output>.errors.jsonl beside it)."
    ),
    only: str | None = typer.Option(None, "--only", help="completed | failed (failed and invalid lines)."),
) -> None:
    """Write one record per input line, in input order (errors included), streamed from SQL.

    ``--format openai`` writes as OpenAI's batch API: successes to the output file, invalid
    and failed lines to a separate error file. ``parquet`` and ``hf`` (a ``datasets`` dataset,
    ``load_from_disk`` opens it) carry every column of the JSONL export, typed.
    """
    from producer.export import FORMATS, export
    from producer.status import JobNotFound
    from producer.tables import MissingExtra, export_table

    if fmt not in (*FORMATS, "parquet", "hf"):
        raise fail(f"--format must be one of {', '.join(FORMATS)}, parquet, hf; got {fmt!r}", 2)
    if errors is not None and fmt != "openai":
        raise fail("--errors applies to --format openai only", 2)
    if only not in (None, "completed", "failed"):
        raise fail(f"--only must be completed or failed, got {only!r}", 2)
    try:
        if fmt in ("parquet", "hf"):
            rows = export_table(job, output, format=fmt, only=only)  # type: ignore[arg-type]
            out.print(f"wrote {rows} rows to {output} ({fmt})")
            return
        s = export(job, output, format=fmt, error_path=errors, only=only)  # type: ignore[arg-type]
    except JobNotFound as exc:
        raise fail(str(exc)) from None
    except MissingExtra as exc:
        raise fail(str(exc), 2) from None
    where = f" and {s.error_lines} to {s.error_path}" if s.error_path is not None else ""
    out.print(
        f"wrote {s.lines} lines to {s.path}{where}: {s.completed} completed, {s.failed} failed/invalid, "
        f"{s.pending} pending"
    )


def sql_cmd(
    query: str = typer.Argument(..., help='One SELECT query, e.g. "SELECT * FROM v_acceptance".'),
    limit: int = typer.Option(
        200, "--limit", "-n", min=0, help="Rows to show at most (0 = all, with --json)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines (streamed) instead of a table."),
    timeout: float | None = typer.Option(
        None, "--timeout", min=0.001, help="Seconds per statement (default SPECQ_SQL_TIMEOUT_S)."
    ),
    force: bool = typer.Option(
        False, "--force", help="Run even as a role that may do more than SELECT (e.g. a superuser)."
    ),
) -> None:
    """Run one read-only SQL query against the specq database (the database refuses writes)."""
    from db.readonly import ReadOnlyError, read_only_query

    if limit == 0 and not as_json:
        raise fail("--limit 0 (all rows) needs --json; a table holds its rows in memory", 2)
    try:
        with read_only_query(query, timeout_s=timeout, force=force) as res:
            if as_json:
                for n, row in enumerate(res.rows, 1):
                    out.file.write(json.dumps(dict(zip(res.columns, row, strict=True)), default=str) + "\n")
                    if n == limit:
                        break
                return
            rows = list(itertools.islice(res.rows, limit + 1))
    except ReadOnlyError as exc:
        raise fail(str(exc)) from None
    more = len(rows) > limit
    rows = rows[:limit]
    t = Table(caption=f"{len(rows)} rows" + (f" (first {limit}; raise --limit)" if more else ""))
    for c in res.columns:
        t.add_column(escape(c))
    for row in rows:
        t.add_row(*[_cell(v) for v in row])
    out.print(t)


def _cell(v: Any) -> str:
    if v is None:
        return "[dim]NULL[/]"
    if isinstance(v, float):
        return f"{v:.4g}"
    return escape(str(v))


def register(app: typer.Typer) -> None:
    """Add the job commands to the ``specq`` app."""
    app.command("submit")(submit_cmd)
    app.command("status")(status_cmd)
    app.command("jobs")(jobs_cmd)
    app.command("cancel")(cancel_cmd)
    app.command("resume")(resume_cmd)
    app.command("export")(export_cmd)
    app.command("sql")(sql_cmd)
