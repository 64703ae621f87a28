"""SQL views for the questions users ask; created (and dropped) by the migrations.

Plain SQL shared by SQLite and PostgreSQL, except one expression: the seconds between two
timestamps (``julianday`` arithmetic on SQLite, ``EXTRACT(EPOCH ...)`` on PostgreSQL).
Ratios cast to FLOAT first so integer sums never divide as integers (and PostgreSQL
returns floats, not numerics).
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def _seconds_between(dialect: str, start: str, end: str) -> str:
    if dialect == "sqlite":
        return f"((julianday({end}) - julianday({start})) * 86400.0)"
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS FLOAT)"


def view_definitions(dialect: str) -> dict[str, str]:
    """``{view name: SELECT ...}`` for ``dialect`` ("sqlite" or "postgresql"), in creation order."""
    wall = _seconds_between(dialect, "j.started_at", "COALESCE(j.finished_at, j.updated_at)")
    return {
        # Acceptance by job x target x task x draft. tokens_per_s is over engine time
        # (draft + verify seconds attributed to the rows), not wall time.
        "v_acceptance": """
SELECT r.job_id AS job_id,
       r.target AS target,
       COALESCE(r.task, 'default') AS task,
       r.draft AS draft,
       COUNT(*) AS prompts,
       SUM(r.output_tokens) AS output_tokens,
       SUM(r.steps) AS steps,
       SUM(r.drafted_tokens) AS drafted,
       SUM(r.accepted_tokens) AS accepted,
       CAST(SUM(r.accepted_tokens) AS FLOAT) / NULLIF(SUM(r.drafted_tokens), 0) AS acceptance_rate,
       CAST(SUM(r.accepted_tokens) AS FLOAT) / NULLIF(SUM(r.steps), 0) AS mean_accepted_per_step,
       CAST(SUM(r.output_tokens) AS FLOAT)
           / NULLIF(SUM(r.draft_seconds + r.verify_seconds), 0) AS tokens_per_s
FROM results r
GROUP BY r.job_id, r.target, COALESCE(r.task, 'default'), r.draft
""",
        # One row per job. decode_tokens_per_s uses the decode batches' own seconds; the speedup
        # compares it with the newest completed plain-decoding job (every result draft 'none')
        # on the same target.
        "v_job_summary": f"""
WITH r AS (
    SELECT job_id,
           SUM(output_tokens) AS output_tokens,
           SUM(prompt_tokens) AS prompt_tokens,
           CAST(SUM(accepted_tokens) AS FLOAT) / NULLIF(SUM(drafted_tokens), 0) AS acceptance_rate,
           MIN(draft) AS min_draft,
           MAX(draft) AS max_draft
    FROM results GROUP BY job_id
),
b AS (
    SELECT job_id, COUNT(*) AS batches, SUM(seconds) AS decode_seconds, SUM(output_tokens) AS batch_tokens
    FROM batches WHERE status = 'done' GROUP BY job_id
),
s AS (
    SELECT j.id AS job_id, j.name AS name, j.target AS target, j.status AS status,
           j.total AS total, j.completed AS completed, j.failed AS failed, j.invalid AS invalid,
           COALESCE(r.prompt_tokens, 0) AS prompt_tokens,
           COALESCE(r.output_tokens, 0) AS output_tokens,
           r.acceptance_rate AS acceptance_rate,
           COALESCE(b.batches, 0) AS batches,
           b.decode_seconds AS decode_seconds,
           {wall} AS wall_seconds,
           CAST(COALESCE(r.output_tokens, 0) AS FLOAT) / NULLIF({wall}, 0) AS tokens_per_s,
           CAST(b.batch_tokens AS FLOAT) / NULLIF(b.decode_seconds, 0) AS decode_tokens_per_s,
           CASE WHEN r.min_draft = 'none' AND r.max_draft = 'none' THEN 1 ELSE 0 END AS is_baseline,
           j.created_at AS created_at, j.finished_at AS finished_at
    FROM jobs j LEFT JOIN r ON r.job_id = j.id LEFT JOIN b ON b.job_id = j.id
)
SELECT s.*,
       s.decode_tokens_per_s / NULLIF((
           SELECT base.decode_tokens_per_s FROM s AS base
           WHERE base.target = s.target AND base.is_baseline = 1 AND base.status = 'completed'
             AND base.job_id <> s.job_id
           ORDER BY base.finished_at DESC LIMIT 1
       ), 0) AS speedup
FROM s
""",
        # Drafts ranked per (target, task) over every job, by tokens accepted per target step.
        "v_draft_leaderboard": """
WITH a AS (
    SELECT target, COALESCE(task, 'default') AS task, draft,
           COUNT(*) AS prompts,
           SUM(drafted_tokens) AS drafted,
           SUM(accepted_tokens) AS accepted,
           CAST(SUM(accepted_tokens) AS FLOAT) / NULLIF(SUM(drafted_tokens), 0) AS acceptance_rate,
           CAST(SUM(accepted_tokens) AS FLOAT) / NULLIF(SUM(steps), 0) AS mean_accepted_per_step
    FROM results
    GROUP BY target, COALESCE(task, 'default'), draft
)
SELECT a.*,
       RANK() OVER (PARTITION BY a.target, a.task
                    ORDER BY COALESCE(a.mean_accepted_per_step, 0) DESC) AS rank
FROM a
""",
    }


def create_views(conn: Connection) -> None:
    for name, body in view_definitions(conn.dialect.name).items():
        conn.execute(text(f"CREATE VIEW {name} AS {body}"))


def drop_views(conn: Connection) -> None:
    for name in reversed(list(view_definitions(conn.dialect.name))):
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
