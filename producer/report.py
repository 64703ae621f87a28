"""``specq report``: one self-contained HTML page about a job, read from SQL.

The page needs no network to open: plots are inline SVG drawn with matplotlib (Agg), styles
are inline, there is no script. Everything on it comes from the tables and views users can
query themselves (``v_job_summary``, ``v_acceptance``, ``results``, ``batches``,
``assignment_events``, ``input_errors``), so the page and ``specq sql`` always agree.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from db.schema import AssignmentEvent, Batch, BatchStatus, InputError, Job, Prompt, PromptStatus, Result
from db.session import get_engine, init_db, session_scope
from producer.status import JobNotFound, as_utc


@dataclass
class JobFacts:
    """What the report shows about one job (all read from SQL)."""

    summary: dict[str, Any]
    acceptance: list[dict[str, Any]]  # v_acceptance rows of the job
    per_position: dict[str, list[float]]  # draft -> P(draft position i accepted) per verify step
    throughput: list[tuple[float, int]]  # (seconds since start, cumulative output tokens), per batch
    task_mix: dict[str, int]  # router label -> prompts
    events: list[dict[str, Any]]  # assignment events of the target while the job ran
    failures: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    reused: int = 0  # prompts served from earlier identical requests (submit --reuse)


def job_facts(s: Session, job_id: str) -> JobFacts:
    """Read everything the report shows about ``job_id``."""
    job = s.get(Job, job_id)
    if job is None:
        raise JobNotFound(job_id)
    summary = dict(
        s.execute(text("SELECT * FROM v_job_summary WHERE job_id = :j"), {"j": job_id}).mappings().one()
    )
    acceptance = [
        dict(r)
        for r in s.execute(
            text("SELECT * FROM v_acceptance WHERE job_id = :j ORDER BY task, draft"), {"j": job_id}
        ).mappings()
    ]
    counts: dict[str, list[int]] = {}
    steps: Counter[str] = Counter()
    for draft, n_steps, per_pos in s.execute(
        select(Result.draft, Result.steps, Result.accepted_per_position).where(Result.job_id == job_id)
    ):
        if not per_pos:
            continue
        acc = counts.setdefault(draft, [0] * len(per_pos))
        acc.extend([0] * (len(per_pos) - len(acc)))
        for i, c in enumerate(per_pos):
            acc[i] += c
        steps[draft] += n_steps
    per_position = {d: [c / steps[d] for c in acc] for d, acc in counts.items() if steps[d]}

    done = s.execute(
        select(Batch.finished_at, Batch.output_tokens)
        .where(Batch.job_id == job_id, Batch.status == BatchStatus.DONE, Batch.finished_at.is_not(None))
        .order_by(Batch.finished_at)
    ).all()
    throughput: list[tuple[float, int]] = []
    start = as_utc(job.started_at or job.created_at)
    total = 0
    for finished, tokens in done:
        total += tokens or 0
        throughput.append(((as_utc(finished) - start).total_seconds(), total))  # type: ignore[operator]

    task_mix = {
        (task or "default"): n
        for task, n in s.execute(
            text("SELECT task, COUNT(*) FROM prompts WHERE job_id = :j GROUP BY task ORDER BY task"),
            {"j": job_id},
        )
    }
    until = job.finished_at or datetime.now(job.created_at.tzinfo)
    events = [
        {"at": e.created_at, "task": e.task, "old": e.old_draft, "new": e.new_draft, "reason": e.reason}
        for e in s.scalars(
            select(AssignmentEvent)
            .where(AssignmentEvent.target == job.target, AssignmentEvent.created_at >= job.created_at)
            .where(AssignmentEvent.created_at <= until)
            .order_by(AssignmentEvent.created_at)
        )
    ]
    failures = [
        (f"line {e.position}" + (f" ({e.custom_id})" if e.custom_id else ""), e.reason)
        for e in s.scalars(
            select(InputError).where(InputError.job_id == job_id).order_by(InputError.position)
        )
    ]
    failures += [
        (f"line {p.position}" + (f" ({p.custom_id})" if p.custom_id else ""), p.error or "failed")
        for p in s.scalars(
            select(Prompt)
            .where(Prompt.job_id == job_id, Prompt.status == PromptStatus.FAILED)
            .order_by(Prompt.position)
        )
    ]
    reused = s.scalar(
        select(func.count())
        .select_from(Result)
        .where(Result.job_id == job_id, Result.reused_from.is_not(None))
    )
    return JobFacts(
        summary, acceptance, per_position, throughput, task_mix, events, failures, int(reused or 0)
    )


# ------------------------------------------------------------------------------------ plots


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]  # drop the XML prolog and doctype: the SVG is inline in HTML


def _figure(title: str) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "specq"  # stable ids: the same job gives the same page
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.set_title(title)
    ax.grid(alpha=0.3)
    return fig, ax


def _per_position_plot(per_position: dict[str, list[float]]) -> str:
    fig, ax = _figure("accepted tokens per draft position")
    for draft, probs in sorted(per_position.items()):
        ax.plot(range(1, len(probs) + 1), probs, marker="o", label=draft)
    ax.set_xlabel("draft position")
    ax.set_ylabel("share of verify steps accepted")
    ax.set_ylim(0, 1.05)
    ax.legend()
    return _svg(fig)


def _throughput_plot(series: dict[str, list[tuple[float, int]]]) -> str:
    fig, ax = _figure("output tokens over time")
    for name, points in series.items():
        ax.step([0.0] + [t for t, _ in points], [0] + [n for _, n in points], where="post", label=name)
    ax.set_xlabel("seconds since the job started")
    ax.set_ylabel("output tokens (cumulative)")
    ax.legend()
    return _svg(fig)


def _bar_plot(title: str, values: dict[str, float], ylabel: str) -> str:
    fig, ax = _figure(title)
    ax.bar(list(values), list(values.values()), color="#4c72b0")
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", rotation=30)
    return _svg(fig)


# ------------------------------------------------------------------------------------ page


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}"
        return html.escape("" if v is None else str(v))

    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; font-size: 0.9em; }
th { background: #f0f0f0; }
figure { margin: 0 0 1.5em; }
"""

SUMMARY_FIELDS = [
    "job_id", "name", "target", "status", "total", "completed", "failed", "invalid", "output_tokens",
    "acceptance_rate", "batches", "decode_seconds", "wall_seconds", "tokens_per_s", "decode_tokens_per_s",
]  # fmt: skip


def render_report(facts: JobFacts, baseline: JobFacts | None = None) -> str:
    """The HTML page for ``facts`` (and a comparison with ``baseline`` when given)."""
    s = facts.summary
    parts = [f"<h1>specq job {html.escape(str(s['job_id']))}</h1>", "<h2>Summary</h2>"]
    fields = [{"field": k, "value": s.get(k)} for k in SUMMARY_FIELDS]
    fields.append({"field": "reused (served from earlier identical requests)", "value": facts.reused})
    parts.append(_table(fields, ["field", "value"]))
    if baseline is not None:
        b = baseline.summary
        ratio = (
            (s["decode_tokens_per_s"] or 0) / b["decode_tokens_per_s"] if b["decode_tokens_per_s"] else None
        )
        wall = b["wall_seconds"] / s["wall_seconds"] if s["wall_seconds"] and b["wall_seconds"] else None
        parts.append("<h2>Compared with job " + html.escape(str(b["job_id"])) + "</h2>")
        rows = [
            {"": "decode tokens/s", "this job": s["decode_tokens_per_s"]},
            {"": "wall seconds", "this job": s["wall_seconds"], "compared": b["wall_seconds"]},
        ]
        rows[0]["compared"], rows[0]["ratio"] = b["decode_tokens_per_s"], ratio
        rows[1]["ratio"] = wall
        parts.append(_table(rows, ["", "this job", "compared", "ratio"]))
    parts.append("<h2>Acceptance by task and draft</h2>")
    cols = ["task", "draft", "prompts", "output_tokens", "steps", "drafted", "accepted", "acceptance_rate",
            "mean_accepted_per_step", "tokens_per_s"]  # fmt: skip
    parts.append(_table(facts.acceptance, cols) if facts.acceptance else "<p>No results yet.</p>")
    plots = []
    if facts.per_position:
        plots.append(_per_position_plot(facts.per_position))
    if facts.throughput:
        series = {"this job": facts.throughput}
        if baseline is not None and baseline.throughput:
            series["compared"] = baseline.throughput
        plots.append(_throughput_plot(series))
    if facts.task_mix:
        plots.append(
            _bar_plot("the router's task mix", {k: float(v) for k, v in facts.task_mix.items()}, "prompts")
        )
    parts += [f'<figure class="plot">{p}</figure>' for p in plots]
    parts.append("<h2>Assignment events</h2>")
    parts.append(
        _table(facts.events, ["at", "task", "old", "new", "reason"])
        if facts.events
        else "<p>None while the job ran.</p>"
    )
    parts.append(f"<h2>Failures ({len(facts.failures)})</h2>")
    rows = [{"where": w, "reason": r} for w, r in facts.failures]
    parts.append(_table(rows, ["where", "reason"]) if rows else "<p>None.</p>")
    title = html.escape(f"specq report {s['job_id']}")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>\n"
    )


def report(job_id: str, *, compare: str | None = None, engine: Engine | None = None) -> str:
    """The HTML report of ``job_id``, compared with job ``compare`` when given (e.g. plain decoding)."""
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine, read_only=True) as s:
        facts = job_facts(s, job_id)
        baseline = job_facts(s, compare) if compare else None
    return render_report(facts, baseline)
