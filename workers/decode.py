"""Decoding: run one batch of prompts through the pairing's speculative decoder, persist the results.

``decode_batch(job_id, pairing, prompt_ids, batch_id)`` is the Celery task (queue
``specq.decode.<target>.<draft>``); :func:`run_batch` is the library function behind it.

Idempotent under redelivery: prompts that already have a result (or failed for good) are
skipped before decoding, and results are upserted once per prompt in the same
transaction that bumps the job counters and finalizes the job, so a batch delivered twice
(worker killed after the commit, before the ack) never double-counts.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from celery import Task, signals
from sqlalchemy.exc import OperationalError

from db import queries
from db.schema import TERMINAL_JOB_STATUSES, BatchStatus, Job, Prompt, PromptStatus
from db.session import session_scope
from producer.limits import context_problem, refuse_unfit_prompt
from specq.broker import Pairing, pairings_of_queues
from specq.deployment import NO_DRAFT, load_deployment
from workers.app import celery_app

if TYPE_CHECKING:  # the routing worker imports this module too and must not load torch
    from models.engine.speculative import RowStats

log = logging.getLogger(__name__)

# Seconds between two online re-assignments of the same (target, task) by one worker.
ASSIGNMENT_UPDATE_INTERVAL_S = 5.0
_last_update: dict[tuple[str, str], float] = {}


@dataclass(frozen=True)
class WorkItem:
    """A prompt to decode, detached from the session."""

    prompt_id: int
    task: str | None
    text: str | None
    messages: list[Any] | None
    params: dict[str, Any]  # job params with the line's overrides applied


@dataclass(frozen=True)
class Decoded:
    """The engine's answer for one prompt, ready to persist."""

    prompt_id: int
    text: str
    token_ids: list[int]
    finish_reason: str
    prompt_tokens: int
    stats: RowStats


@dataclass
class BatchOutcome:
    """What one ``decode_batch`` call did."""

    batch_id: str
    status: str  # done | skipped (nothing left to do) | cancelled | missing (job deleted)
    prompts: int = 0  # prompts decoded in this call
    inserted: int = 0  # results written
    duplicates: int = 0  # results another delivery had already written
    failed: int = 0  # prompts marked failed
    output_tokens: int = 0
    seconds: float = 0.0
    finalized: str | None = None  # job status this batch moved the job to
    errors: list[str] = field(default_factory=list)


def merged_params(job: Job, prompt: Prompt) -> dict[str, Any]:
    """Sampling settings of a prompt: the job's defaults, then the line's overrides."""
    params = {k: v for k, v in (job.params or {}).items() if k != "draft"}
    params.update({k: v for k, v in (prompt.params or {}).items() if v is not None})
    return params


def _stop_strings(params: dict[str, Any]) -> list[str]:
    stop = params.get("stop")
    if stop is None:
        return []
    return [stop] if isinstance(stop, str) else [s for s in stop if isinstance(s, str) and s]


# ---------------------------------------------------------------------------------------------
# Engine side (torch): tokenize, generate, detokenize
# ---------------------------------------------------------------------------------------------


def tokenize(tokenizer: Any, item: WorkItem) -> list[int]:
    """Token ids of a prompt. Chats are rendered by the same function submit counted them with:
    the tokenizer's chat template (which writes its own special tokens), else a plain transcript."""
    if item.messages is None:
        return [int(t) for t in tokenizer(item.text or "")["input_ids"]]
    from specq.chat import render_chat

    templated = bool(getattr(tokenizer, "chat_template", None))
    text = render_chat(item.messages, tokenizer if templated else None)
    return [int(t) for t in tokenizer(text, add_special_tokens=not templated)["input_ids"]]


def _sampling_params(tokenizer: Any, params: dict[str, Any], prompt_tokens: int, context: int | None) -> Any:
    from models.engine.sampling import SamplingParams
    from producer.fields import engine_kwargs

    max_new = int(params.get("max_new_tokens", 64))
    if context is not None:
        problem = context_problem(prompt_tokens, max_new, context, "")
        if problem:  # refused as submit refuses it, never silently shortened
            raise ValueError(problem)
    # A stop string that is one token stops decoding early; longer ones are cut from the text afterwards.
    stop_ids = []
    for s in _stop_strings(params):
        ids = tokenizer.encode(s, add_special_tokens=False)
        if len(ids) == 1:
            stop_ids.append(int(ids[0]))
    seed = params.get("seed")
    return SamplingParams(
        max_new_tokens=max_new,
        temperature=float(params.get("temperature", 0.0)),
        top_p=float(params.get("top_p", 1.0)),
        seed=int(seed) if seed is not None else None,
        stop_token_ids=tuple(stop_ids),
        **engine_kwargs(params),
    )


def _cut_at_stop(text: str, stops: list[str]) -> tuple[str, bool]:
    cuts = [i for i in (text.find(s) for s in stops) if i >= 0]
    return (text[: min(cuts)], True) if cuts else (text, False)


def _generate_isolating(
    generate: Callable[[list[list[int]], list[Any]], list[Any]],
    rows: list[tuple[WorkItem, list[int], Any]],
) -> tuple[list[tuple[WorkItem, list[int], Any]], list[tuple[WorkItem, str]]]:
    """Generate for ``rows``; when the engine fails, split the batch to isolate the failing prompt(s).

    Returns ([(item, prompt ids, Output)], [(item, error)]). Halving also gets past a batch
    too large for the device's memory.
    """
    try:
        outs = generate([ids for _, ids, _ in rows], [p for _, _, p in rows])
        return [(item, ids, out) for (item, ids, _), out in zip(rows, outs, strict=True)], []
    except Exception as exc:  # noqa: BLE001 - any engine error becomes a per-prompt error, never a lost batch
        if len(rows) == 1:
            log.exception("decoding prompt %d failed", rows[0][0].prompt_id)
            return [], [(rows[0][0], f"decoding failed: {type(exc).__name__}: {exc}")]
        log.warning("batch of %d failed (%s: %s); retrying in halves", len(rows), type(exc).__name__, exc)
        mid = len(rows) // 2
        ok_a, bad_a = _generate_isolating(generate, rows[:mid])
        ok_b, bad_b = _generate_isolating(generate, rows[mid:])
        return ok_a + ok_b, bad_a + bad_b


def decode_items(
    runtime: Any, target: str, draft: str, items: list[WorkItem]
) -> tuple[list[Decoded], list[tuple[int, str]]]:
    """Decode ``items`` with the pairing's decoder; returns (decoded, [(prompt_id, error)])."""
    loaded = runtime.target(target)
    tokenizer = loaded.tokenizer
    failures: list[tuple[int, str]] = []
    rows: list[tuple[WorkItem, list[int], Any]] = []
    for item in items:
        try:
            # Refuse a prompt whose size alone proves it cannot fit before the tokenizer sees it.
            refuse_unfit_prompt(tokenizer, item.text, item.messages, loaded.context_length, target)
            ids = tokenize(tokenizer, item)
            if not ids:
                raise ValueError("prompt encodes to no tokens")
            rows.append(
                (item, ids, _sampling_params(tokenizer, item.params, len(ids), loaded.context_length))
            )
        except ValueError as exc:
            failures.append((item.prompt_id, str(exc)))
    ok, bad = _generate_isolating(lambda p, s: runtime.generate(target, draft, p, s), rows)
    failures += [(item.prompt_id, error) for item, error in bad]
    decoded = []
    for item, ids, out in ok:
        text = tokenizer.decode(out.token_ids, skip_special_tokens=True)
        text, cut = _cut_at_stop(text, _stop_strings(item.params))
        reason = "stop" if cut else out.finish_reason
        decoded.append(Decoded(item.prompt_id, text, list(out.token_ids), reason, len(ids), out.stats))
    return decoded, failures


# ---------------------------------------------------------------------------------------------
# The batch: claim, decode, persist
# ---------------------------------------------------------------------------------------------


def _claim(
    job_id: str, prompt_ids: Sequence[int], batch_id: str, worker: str | None
) -> tuple[str, list[WorkItem]]:
    """Transaction 1: check cancel, pick the prompts still to do, mark the batch running."""
    with session_scope() as session:
        # Lock the job row: request_cancel locks it too, so either it sees this batch running or
        # this claim sees the cancel flag (PostgreSQL; SQLite serializes writers anyway).
        job = session.get(Job, job_id, with_for_update=True)
        if job is None:
            return "missing", []
        if job.cancel_requested or job.status in TERMINAL_JOB_STATUSES:
            queries.maybe_finalize(session, job_id)  # a cancelling job with nothing running becomes cancelled
            return "cancelled", []
        prompts = queries.get_prompts(session, list(prompt_ids))
        todo = [
            p
            for p in prompts
            if p.job_id == job_id and p.status in (PromptStatus.PENDING, PromptStatus.ROUTED)
        ]
        if not todo:
            return "skipped", []
        queries.set_batch_status(session, batch_id, BatchStatus.RUNNING, worker=worker)
        queries.bump_attempts(session, [p.id for p in todo])
        items = [WorkItem(p.id, p.task, p.text, p.messages, merged_params(job, p)) for p in todo]
        return "running", items


def _persist(
    job_id: str,
    target: str,
    draft: str,
    batch_id: str,
    items: list[WorkItem],
    decoded: list[Decoded],
    failures: list[tuple[int, str]],
    seconds: float,
    worker: str | None,
) -> queries.UpsertOutcome:
    """Transaction 2: results, failures, counters, batch row and finalization, all or nothing."""
    task_of = {i.prompt_id: i.task for i in items}
    rows = []
    for d in decoded:
        s = d.stats
        rows.append(
            queries.ResultRow(
                prompt_id=d.prompt_id,
                job_id=job_id,
                output_text=d.text,
                output_tokens=len(d.token_ids),
                finish_reason=d.finish_reason,
                target=target,
                draft=draft,
                task=task_of.get(d.prompt_id),
                prompt_tokens=d.prompt_tokens,
                # Mean draft length per step: fixed k, or the average the adaptive policy chose.
                k=(s.drafted_tokens / s.steps) if draft != NO_DRAFT and s.steps else None,
                steps=s.steps,
                drafted_tokens=s.drafted_tokens,
                accepted_tokens=s.accepted_tokens,
                accepted_per_position=list(s.accepted_per_position),
                draft_seconds=s.draft_seconds,
                verify_seconds=s.verify_seconds,
                worker=worker,
                batch_id=batch_id,
            )
        )
    with session_scope() as session:
        queries.set_batch_status(
            session,
            batch_id,
            BatchStatus.DONE if decoded or not failures else BatchStatus.FAILED,
            worker=worker,
            seconds=seconds,
            output_tokens=sum(r.output_tokens for r in rows),
        )
        queries.mark_prompts_failed(session, job_id, failures)
        outcome = queries.upsert_results(session, rows)
        finalized = outcome.finalized
        if not rows:  # upsert_results finalizes only when it wrote something
            finalized = queries.maybe_finalize(session, job_id)
        if finalized != outcome.finalized:
            outcome = queries.UpsertOutcome(
                outcome.inserted, outcome.duplicates, finalized, outcome.inserted_ids
            )
    return outcome


def _update_assignments(target: str, tasks: set[str]) -> None:
    """Let the online policy re-decide the draft of (target, task) from the acceptance just stored.

    Its own transaction, after the results' commit: the batch is done whatever happens here,
    and a failure is retried, in effect, by the next batch of the same task. At most once per
    (target, task) every ASSIGNMENT_UPDATE_INTERVAL_S in a process: the policy aggregates every
    result of the pair, which is not worth paying after each of many small batches.
    """
    from workers.assignment import update_assignment

    now = time.monotonic()
    tasks = {
        t for t in tasks if now - _last_update.get((target, t), -math.inf) >= ASSIGNMENT_UPDATE_INTERVAL_S
    }
    if not tasks:
        return
    _last_update.update({(target, t): now for t in tasks})
    try:
        deployment = load_deployment()  # re-read: `specq align --register` may have added a draft
        with session_scope() as session:
            for task in sorted(tasks):
                update_assignment(session, deployment, target, task)
    except Exception:
        log.exception("updating the draft assignment of %s for tasks %s failed", target, sorted(tasks))


def _release(batch_id: str) -> None:
    """Best effort after an error escaped the batch: a batch left "running" would keep a
    cancelling job from ever becoming cancelled. Its prompts stay routed for `specq resume`."""
    try:
        with session_scope() as session:
            queries.set_batch_status(session, batch_id, BatchStatus.FAILED)
    except Exception:  # the database itself may be what failed; the original error is re-raised
        log.exception("could not mark batch %s failed", batch_id)


def run_batch(
    job_id: str,
    pairing: str,
    prompt_ids: Sequence[int],
    batch_id: str,
    *,
    runtime: Any = None,
    worker: str | None = None,
) -> BatchOutcome:
    """Decode one batch end to end (library entry point of the ``decode_batch`` task)."""
    pair = Pairing.parse(pairing)
    target, draft = pair.target, pair.draft
    status, items = _claim(job_id, prompt_ids, batch_id, worker)
    if status != "running":
        log.info("batch %s of job %s: %s", batch_id, job_id, status)
        return BatchOutcome(batch_id, status)
    if runtime is None:
        from workers.runtime import get_runtime

        runtime = get_runtime()
    start = time.perf_counter()
    try:
        decoded, failures = decode_items(runtime, target, draft, items)
        seconds = time.perf_counter() - start
        outcome = _persist(job_id, target, draft, batch_id, items, decoded, failures, seconds, worker)
    except BaseException:
        _release(batch_id)
        raise
    if decoded and draft != NO_DRAFT:
        _update_assignments(target, {i.task for i in items if i.task is not None})
    tokens = sum(len(d.token_ids) for d in decoded)
    log.info(
        "batch %s (%s, %d prompts): %d tokens in %.2fs, %d new results, %d duplicates, %d failed",
        batch_id,
        pairing,
        len(items),
        tokens,
        seconds,
        outcome.inserted,
        outcome.duplicates,
        len(failures),
    )
    return BatchOutcome(
        batch_id,
        "done",
        prompts=len(items),
        inserted=outcome.inserted,
        duplicates=outcome.duplicates,
        failed=len(failures),
        output_tokens=tokens,
        seconds=seconds,
        finalized=outcome.finalized,
        errors=[e for _, e in failures][:5],
    )


@celery_app.task(name="workers.decode.decode_batch", bind=True, max_retries=5)
def decode_batch(
    self: Task, job_id: str, pairing: str, prompt_ids: list[int], batch_id: str
) -> dict[str, Any]:
    """Celery task: decode the prompts ``prompt_ids`` of the job with the pairing's decoder."""
    try:
        outcome = run_batch(job_id, pairing, prompt_ids, batch_id, worker=self.request.hostname)
    except OperationalError as exc:  # database briefly unreachable or locked: the batch is retried whole
        raise self.retry(exc=exc, countdown=min(60, 2**self.request.retries)) from exc
    return asdict(outcome)


@signals.worker_init.connect
def _preload_pairings(sender: Any = None, **_: Any) -> None:
    """Load the models of this worker's decode queues before it takes a message.

    A missing model or a draft whose tokenizer differs from its target's stops the worker
    here, with the error, instead of failing every prompt routed to it.
    """
    queues = list(sender.app.amqp.queues.consume_from or {}) if sender is not None else []
    pairings = [(p.target, p.draft) for p in pairings_of_queues(queues)]
    if not pairings:
        return
    from workers.runtime import get_runtime

    try:
        get_runtime().preload(pairings)
    except Exception as exc:
        log.critical("decode worker cannot serve %s: %s", ", ".join(f"{t}/{d}" for t, d in pairings), exc)
        # Celery logs and swallows exceptions raised by signal handlers; SystemExit is not one of them.
        raise SystemExit(3) from exc
