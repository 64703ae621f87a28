"""A finished job written straight to SQL (standing in for the workers), for report and export tests."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from db import queries as q
from db.schema import Batch, BatchStatus, utcnow
from db.session import session_scope
from producer.submit import submit_job
from specq.deployment import Deployment

# Four distinct prompts (an identical prompt would be one request for --reuse) and a bad line.
LINES = [{"custom_id": f"c{i}", "prompt": "hello" + " world" * (i + 1)} for i in range(4)] + ["{broken"]


def finished_job(tmp_path: Path, deployment: Deployment) -> str:
    """A job of 4 prompts + 1 bad line: 3 decoded by two drafts, 1 failed, 2 done batches."""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in LINES) + "\n")
    job_id = submit_job(src, "t", deployment=deployment, max_new_tokens=8).job_id
    now = utcnow()
    with session_scope() as s:
        ids = q.prompt_ids(s, job_id)
        rows = [
            q.ResultRow(prompt_id=pid, job_id=job_id, output_text="x", output_tokens=8, prompt_tokens=2,
                        finish_reason="length", target="t", draft=draft, task=task, k=4.0, steps=4,
                        drafted_tokens=16, accepted_tokens=acc, accepted_per_position=per_pos)
            for pid, draft, task, acc, per_pos in [
                (ids[0], "general", "chat", 4, [3, 1, 0, 0]),
                (ids[1], "general", "math", 8, [4, 2, 1, 1]),
                (ids[2], "math-draft", "math", 12, [4, 4, 3, 1]),
            ]
        ]  # fmt: skip
        q.upsert_results(s, rows)
        q.mark_prompts_failed(s, job_id, [(ids[3], "CUDA out of memory")])
        for i, (tokens, after) in enumerate([(16, 2.0), (8, 3.5)]):
            s.add(Batch(id=f"b{i}{job_id[-8:]}", job_id=job_id, pairing="t/general", target="t",
                        draft="general", size=2, status=BatchStatus.DONE, output_tokens=tokens,
                        finished_at=now + timedelta(seconds=after), seconds=1.0))  # fmt: skip
    return job_id
