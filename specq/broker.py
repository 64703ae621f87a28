"""The broker contract every process shares: queue and task names, the (target, draft) pairing,
and the Celery configuration with its delivery guarantees.

Two lanes: bulk work (jobs, batches) goes to ``specq.route`` and ``specq.decode.<target>``;
interactive work (a synchronous API request, a job submitted with priority ``interactive``) goes
to ``specq.route.interactive``, which the route worker lists and polls first, and to
``specq.interactive.<target>``, which a decode worker's interactive lane takes even while every
bulk thread is busy (``workers/lane.py``).

Producers build their Celery client from here and send tasks by name, so they never import
worker code; workers build their app from the same configuration (``workers/app.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from specq.settings import Settings

ROUTE_QUEUE = "specq.route"
INTERACTIVE_ROUTE_QUEUE = "specq.route.interactive"
DECODE_QUEUE_PREFIX = "specq.decode."
INTERACTIVE_QUEUE_PREFIX = "specq.interactive."
ROUTE_TASK = "workers.route.route_chunk"
DECODE_TASK = "workers.decode.decode_batch"


@dataclass(frozen=True)
class Pairing:
    """A (target, draft) pairing: the one encoding of it as a key ("t/d") and as a queue name.

    Target and draft names match ``[A-Za-z0-9_-]+`` (checked by the deployment file), so
    neither "/" nor "." can occur inside them and both encodings parse back unambiguously.
    """

    target: str
    draft: str

    @property
    def key(self) -> str:
        """``"<target>/<draft>"``, as stored in ``batches.pairing``."""
        return f"{self.target}/{self.draft}"

    @property
    def queue(self) -> str:
        """``specq.decode.<target>.<draft>``, the queue the route worker fills for this pairing."""
        return f"{DECODE_QUEUE_PREFIX}{self.target}.{self.draft}"

    @classmethod
    def parse(cls, key: str) -> Pairing:
        """``"<target>/<draft>"`` -> Pairing; ValueError for anything else."""
        target, sep, draft = key.partition("/")
        if not sep or not target or not draft:
            raise ValueError(f"pairing {key!r} is not '<target>/<draft>'")
        return cls(target, draft)

    @classmethod
    def from_queue(cls, name: str) -> Pairing | None:
        """The pairing a decode queue serves, or None for a queue that is not a decode queue."""
        if not name.startswith(DECODE_QUEUE_PREFIX):
            return None
        target, _, draft = name.removeprefix(DECODE_QUEUE_PREFIX).partition(".")
        return cls(target, draft) if target and draft else None


def decode_queue(target: str, draft: str) -> str:
    """Queue of the (target, draft) pairing."""
    return Pairing(target, draft).queue


# The draft of a batch whose prompts carry different drafts (each prompt's own is on its row).
# No deployment name can be "*" (names match [A-Za-z0-9_-]+).
MIXED_DRAFT = "*"


def target_queue(target: str, *, interactive: bool = False) -> str:
    """``specq.decode.<target>``: the queue the route worker fills with the target's batches, of
    any drafts (a decode worker's session mixes drafts in one running batch); with
    ``interactive``, ``specq.interactive.<target>``, the queue of the target's interactive batches."""
    return f"{INTERACTIVE_QUEUE_PREFIX if interactive else DECODE_QUEUE_PREFIX}{target}"


def interactive_target(queue: str) -> str | None:
    """The target whose interactive queue ``queue`` is, or None for any other queue."""
    target = queue.removeprefix(INTERACTIVE_QUEUE_PREFIX)
    return target if queue.startswith(INTERACTIVE_QUEUE_PREFIX) and target else None


def route_queue(*, interactive: bool = False) -> str:
    """The queue of ``route_chunk`` messages: ``specq.route``, or ``specq.route.interactive``."""
    return INTERACTIVE_ROUTE_QUEUE if interactive else ROUTE_QUEUE


def pairings_of_queues(queues: Sequence[str]) -> list[Pairing]:
    """The pairings of every decode queue among ``queues`` (other queues are skipped)."""
    return [p for p in map(Pairing.from_queue, queues) if p is not None]


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery settings for ``settings``; every delivery guarantee of docs/architecture.md is set here."""
    # acks_late redelivers a message whose worker died, but only after the visibility timeout,
    # and a live batch running longer than it would be delivered twice: keep it far above any batch.
    # queue_order_strategy "priority": a worker polls its queues in the order it lists them (the
    # route worker: the interactive one first) instead of round-robin, so it takes that one next.
    transport = {"visibility_timeout": settings.visibility_timeout_s, "queue_order_strategy": "priority"}
    return {
        "broker_url": settings.resolved_broker_url,
        "broker_transport_options": transport,
        "broker_connection_retry_on_startup": True,
        # Results and progress live in SQL; no result backend.
        "result_backend": None,
        "task_ignore_result": True,
        "task_serializer": "json",
        "result_serializer": "json",
        "event_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        # With acks_late, a message whose connection dropped is redelivered anyway: stop its task.
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_default_queue": ROUTE_QUEUE,
        "task_routes": {ROUTE_TASK: {"queue": ROUTE_QUEUE}},
    }
