"""The producer: read and validate inputs, create jobs, enqueue them, read status and results.

Python API (no torch import anywhere on these paths)::

    import producer
    job_id = producer.submit("data.jsonl", target="target-s", max_new_tokens=64)
    producer.status(job_id)            # JobReport: status, request counts, ETA
    for rec in producer.results(job_id):   # one dict per input line, in input order
        ...
    producer.export(job_id, "out.jsonl", format="openai")
    producer.cancel(job_id); producer.resume(job_id)
"""

from producer.control import cancel, enqueue_unfinished, resume
from producer.export import export, results
from producer.status import JobNotFound, JobReport, jobs, status
from producer.submit import SubmitError, SubmitResult, submit, submit_job

__all__ = [
    "JobNotFound",
    "JobReport",
    "SubmitError",
    "SubmitResult",
    "cancel",
    "enqueue_unfinished",
    "export",
    "jobs",
    "results",
    "resume",
    "status",
    "submit",
    "submit_job",
]
