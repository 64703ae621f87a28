"""The one-machine stack behind `specq up` and `specq run`: broker, router and decode workers.

Workers are real ``celery worker`` processes (``python -m celery -A workers.app worker``),
the same command a production deployment runs, with the queues, pool and node name of
their role. The stack starts the embedded broker when no ``SPECQ_BROKER_URL`` is set,
migrates the database, re-enqueues unfinished work when nothing is in flight, and stops
everything in reverse order. Each worker's output goes to ``<data_dir>/logs/<name>.log``
(and to an optional echo callback, for the foreground `specq up`).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from specq.deployment import NO_DRAFT, Deployment, load_deployment
from specq.files import open_private, private_data_dir, private_dir
from specq.redact import redact
from specq.settings import get_settings
from workers.embedded import EmbeddedBrokerError, EmbeddedRedis, start_embedded_redis

log = logging.getLogger(__name__)

# Exit code of a decode worker that refused to start (bad model, tokenizer mismatch): no restart.
CONFIG_ERROR_EXIT = 3
_RESTARTS_PER_WINDOW = 3
_RESTART_WINDOW_S = 300.0

Echo = Callable[[str, str], None]


class StackError(RuntimeError):
    """A worker or the broker could not be started, or died."""


@dataclass(frozen=True)
class WorkerSpec:
    """One celery worker of the stack: its role name, queues and pool."""

    name: str  # "route" or "decode-<target>"
    queues: tuple[str, ...]
    pool: str = "solo"
    concurrency: int = 1


def route_worker(concurrency: int = 1) -> WorkerSpec:
    from specq.broker import INTERACTIVE_ROUTE_QUEUE, ROUTE_QUEUE

    # Routing is light (SQL + a small classifier); one solo process keeps the decode queues fed.
    # The interactive queue first: the worker polls its queues in the order listed.
    return WorkerSpec(
        "route",
        (INTERACTIVE_ROUTE_QUEUE, ROUTE_QUEUE),
        pool="solo" if concurrency == 1 else "threads",
        concurrency=concurrency,
    )


def decode_worker(deployment: Deployment, target: str, drafts: Sequence[str] | None = None) -> WorkerSpec:
    """The decode worker of ``target``: the queues of its pairings plus plain decoding ("none")."""
    from specq.broker import target_queue
    from workers.app import decode_queue

    known = deployment.pairings(target)  # raises for an unknown target, naming the known ones
    chosen = list(drafts) if drafts else known
    for d in chosen:
        if d != NO_DRAFT and d not in known:
            raise StackError(
                f"draft {d!r} does not serve target {target!r} in {deployment.source}; "
                f"its drafts are: {', '.join(known) or '(none)'}"
            )
    if NO_DRAFT not in chosen:
        chosen.append(NO_DRAFT)  # baseline jobs (--draft none) need only the target
    # CUDA cannot be re-initialised in forked children: the model runs in the worker process itself,
    # in one decoding thread; the pool's threads hold the batches in flight (workers/decode_loop.py).
    # The target's queue carries every bulk batch the router sends; the pairing queues are still
    # consumed for messages sent before batches went to one queue per target. The target's
    # interactive queue is the worker's interactive lane's (workers/lane.py), not in this list.
    return WorkerSpec(
        f"decode-{target}",
        (target_queue(target), *(decode_queue(target, d) for d in chosen)),
        pool="threads",
        concurrency=get_settings().decode_inflight,
    )


def celery_worker_args(
    spec: WorkerSpec, *, hostname: str | None = None, loglevel: str = "INFO", extra: Sequence[str] = ()
) -> list[str]:
    """Arguments after ``celery -A workers.app`` for ``spec``."""
    return [
        "worker",
        "--queues",
        ",".join(spec.queues),
        "--pool",
        spec.pool,
        "--concurrency",
        str(spec.concurrency),
        "--hostname",
        hostname or f"{spec.name}@%h",
        "--loglevel",
        loglevel,
        # Batch workers need no cluster chatter at start-up (mingle alone costs seconds).
        "--without-mingle",
        "--without-gossip",
        *extra,
    ]


def broker_backlog(url: str) -> int | None:
    """Messages waiting in or taken from specq queues and not yet acknowledged (None: not a Redis broker)."""
    import redis

    if url.startswith("redis+socket://"):
        client = redis.Redis(unix_socket_path=url.removeprefix("redis+socket://"), socket_timeout=5)
    elif url.startswith(("redis://", "rediss://")):
        client = redis.Redis.from_url(url, socket_timeout=5)
    else:
        return None
    waiting = 0
    for key in client.scan_iter(match="specq.*", count=500):
        if client.type(key) == b"list":
            waiting += int(client.llen(key))
    # kombu keeps delivered-but-unacknowledged messages (acks_late) in this hash.
    return waiting + int(client.hlen("unacked"))


def workers_serve(deployment: Deployment, targets: Sequence[str] | None = None) -> bool:
    """True when a broker answers and live workers consume both route queues and every decode queue
    (the per-target queue and each pairing's) of ``targets`` (default: every target), and a decode
    worker's interactive lane consumes each target's interactive queue."""
    from producer.enqueue import broker_reachable
    from specq.broker import INTERACTIVE_ROUTE_QUEUE, ROUTE_QUEUE, decode_queue, target_queue
    from workers.app import celery_app, configure
    from workers.embedded import ping

    settings = get_settings()
    if settings.embedded_broker and not ping(settings.redis_socket):
        return False
    configure()
    if not broker_reachable(timeout_s=1.0):
        return False
    active = celery_app.control.inspect(timeout=1.5).active_queues() or {}
    consumed = {q["name"] for queues in active.values() for q in queues}
    # A worker of an older specq has no lane: it does not answer, and interactive work would wait.
    lanes = celery_app.control.broadcast("specq_interactive_queues", reply=True, timeout=1.5) or []
    consumed |= {
        q for reply in lanes for queues in reply.values() if isinstance(queues, list) for q in queues
    }
    wanted = {ROUTE_QUEUE, INTERACTIVE_ROUTE_QUEUE}
    for target in targets or deployment.targets:
        wanted.update((target_queue(target), target_queue(target, interactive=True)))
        wanted.update(decode_queue(target, d) for d in [*deployment.pairings(target), NO_DRAFT])
    return wanted <= consumed


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    # Linux: if `specq up` is killed outright, its workers get SIGTERM instead of lingering.
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class _Running:
    spec: WorkerSpec
    hostname: str
    process: subprocess.Popen[bytes]
    log_path: Path
    restarts: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class StackInfo:
    broker_url: str
    database_url: str
    broker_started: bool  # this stack started (or adopted) the embedded broker
    resumed_jobs: int
    resumed_prompts: int
    workers: dict[str, str]  # role name -> celery node name
    metrics: dict[str, str] = field(default_factory=dict)  # role name -> its /metrics URL


class Stack:
    """Broker + router + decode workers for the targets of the deployment file."""

    def __init__(
        self,
        *,
        targets: Sequence[str] | None = None,
        router: bool = True,
        loglevel: str = "INFO",
        echo: Echo | None = None,
        deployment: Deployment | None = None,
        metrics_port: int | None = None,
    ) -> None:
        self.deployment = deployment or load_deployment()
        # The i-th worker serves Prometheus metrics on metrics_port + i (0: none).
        self.metrics_port = get_settings().metrics_port if metrics_port is None else metrics_port
        self.targets = list(targets) if targets else list(self.deployment.targets)
        self.specs = ([route_worker()] if router else []) + [
            decode_worker(self.deployment, t) for t in self.targets
        ]
        self.loglevel = loglevel
        self.echo = echo
        self.broker: EmbeddedRedis | None = None
        self.workers: dict[str, _Running] = {}
        self._broker_restarts: list[float] = []
        # Set from a broker restart until its unfinished prompts are re-enqueued: "<what happened>".
        self._resend_after: str | None = None
        self._stopping = False

    # ------------------------------------------------------------------ start

    def start(self, *, resume: bool | None = None, wait: bool = True, timeout: float = 900.0) -> StackInfo:
        """Start everything; ``resume`` None = re-enqueue unfinished jobs when nothing is in flight."""
        from db.session import init_db
        from producer.enqueue import broker_reachable
        from workers.app import configure

        settings = get_settings()
        started = False
        if settings.embedded_broker:
            self.broker = start_embedded_redis(settings.data_dir, settings.redis_socket)
            started = self.broker.owned
        configure()  # this process enqueues too: point the app at this broker
        if not settings.embedded_broker and not broker_reachable():
            raise StackError(
                f"no broker answers at {redact(settings.resolved_broker_url)}; "
                "start Redis or fix SPECQ_BROKER_URL"
            )
        try:
            init_db()  # inside: a database that cannot be reached stops the broker started above
            for spec in self.specs:
                self._spawn(spec)
            if wait:
                self.wait_ready(timeout)
        except BaseException:
            self.stop(timeout=10)
            raise
        jobs, prompts = self._maybe_resume(
            resume, fresh_broker=self.broker is not None and self.broker.process is not None
        )
        return StackInfo(
            broker_url=settings.resolved_broker_url,
            database_url=settings.resolved_database_url,
            broker_started=started,
            resumed_jobs=jobs,
            resumed_prompts=prompts,
            workers={name: w.hostname for name, w in self.workers.items()},
            metrics={
                spec.name: f"http://{settings.metrics_host}:{self._metrics_port(spec)}/metrics"
                for spec in self.specs
                if self._metrics_port(spec)
            },
        )

    def _maybe_resume(self, resume: bool | None, *, fresh_broker: bool) -> tuple[int, int]:
        from producer.control import enqueue_unfinished

        if resume is None:
            if fresh_broker:
                resume = (
                    True  # a broker this stack just started holds nothing: every unfinished prompt is lost
                )
            else:
                backlog = broker_backlog(get_settings().resolved_broker_url)
                resume = backlog == 0
                if not resume:
                    log.info(
                        "the broker holds %s specq messages already; not re-enqueueing unfinished jobs "
                        "(`specq resume JOB` does it explicitly)",
                        "some" if backlog is None else backlog,
                    )
        if not resume:
            return 0, 0
        results = [r for r in enqueue_unfinished() if r.prompts]
        for r in results:
            log.info("re-enqueued %d unfinished prompts of %s", r.prompts, r.job_id)
        return len(results), sum(r.prompts for r in results)

    def _env(self) -> dict[str, str]:
        settings = get_settings()
        env = dict(os.environ)
        env["SPECQ_DATA_DIR"] = str(settings.data_dir.resolve())
        if settings.config_file.exists():
            env["SPECQ_CONFIG_FILE"] = str(settings.config_file.resolve())
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def _metrics_port(self, spec: WorkerSpec) -> int:
        return self.metrics_port + self.specs.index(spec) if self.metrics_port else 0

    def _spawn(self, spec: WorkerSpec) -> _Running:
        settings = get_settings()
        env = self._env()
        env["SPECQ_METRICS_PORT"] = str(self._metrics_port(spec))
        log_dir = private_dir(private_data_dir(settings.data_dir.resolve()) / "logs")
        hostname = f"{spec.name}-{os.getpid()}@{socket.gethostname()}"
        argv = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workers.app",
            *celery_worker_args(spec, hostname=hostname, loglevel=self.loglevel),
        ]
        log_path = log_dir / f"{spec.name}.log"
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # Ctrl-C reaches the stack, which drains workers in order
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            umask=0o077,  # whatever a worker writes under the data dir is this user's only
        )
        previous = self.workers.get(spec.name)
        running = _Running(spec, hostname, process, log_path, previous.restarts if previous else [])
        self.workers[spec.name] = running
        assert process.stdout is not None
        threading.Thread(
            target=self._pump,
            args=(spec.name, process.stdout, log_path),
            name=f"log-{spec.name}",
            daemon=True,
        ).start()
        log.info("started %s (pid %d): queues %s", spec.name, process.pid, ", ".join(spec.queues))
        return running

    def _pump(self, name: str, stream: IO[bytes], log_path: Path) -> None:
        with open_private(log_path) as fh:
            for raw in iter(stream.readline, b""):
                fh.write(raw)
                fh.flush()
                if self.echo is not None:
                    self.echo(name, raw.decode("utf-8", "replace").rstrip("\n"))

    def wait_ready(self, timeout: float = 900.0) -> None:
        """Block until every worker answers a ping (models are loaded before a decode worker answers)."""
        from workers.app import celery_app

        deadline = time.monotonic() + timeout
        waiting = {w.hostname for w in self.workers.values()}
        while waiting:
            self.check(restart=False)
            replies = celery_app.control.ping(destination=sorted(waiting), timeout=1.0) or []
            for reply in replies:
                waiting -= set(reply)
            if waiting and time.monotonic() > deadline:
                raise StackError(f"workers not ready after {timeout:.0f}s: {', '.join(sorted(waiting))}")

    # ------------------------------------------------------------------ supervise

    def check(self, *, restart: bool = True) -> list[str]:
        """Raise if the embedded broker or a worker died, or (``restart``) restart it within limits.

        Returns what was restarted, one line each, for the caller to show.
        """
        notices = [n for n in [self._supervise_broker(restart)] if n]
        for name, w in list(self.workers.items()):
            code = w.process.poll()
            if code is None or self._stopping:
                continue
            tail = self.log_tail(name)
            now = time.monotonic()
            w.restarts[:] = [t for t in w.restarts if now - t < _RESTART_WINDOW_S]
            if restart and code != CONFIG_ERROR_EXIT and len(w.restarts) < _RESTARTS_PER_WINDOW:
                log.warning(
                    "worker %s exited with code %s; restarting it. Last log lines:\n%s", name, code, tail
                )
                w.restarts.append(now)
                self._spawn(w.spec)
                self._recover()
                continue
            raise StackError(f"worker {name} exited with code {code}; {w.log_path} ends with:\n{tail}")
        return notices

    def _supervise_broker(self, restart: bool) -> str | None:
        """Restart the embedded broker this stack runs if it died, and re-enqueue unfinished work.

        A restarted broker is empty (it keeps no snapshot), so every prompt without a result is
        sent again, as a fresh `specq up` does; workers reconnect to the same socket by themselves
        and redelivered batches upsert the same rows.
        """
        broker = self.broker
        if broker is None or not broker.owned or self._stopping or broker.alive():
            return self._resend()
        code = broker.exit_code()
        died = f"the embedded broker (pid {broker.pid}) exited" + (f" with code {code}" if code else "")
        now = time.monotonic()
        self._broker_restarts[:] = [t for t in self._broker_restarts if now - t < _RESTART_WINDOW_S]
        if not restart or len(self._broker_restarts) >= _RESTARTS_PER_WINDOW:
            raise StackError(f"{died}; see {broker.data_dir / 'redis.log'}")
        self._broker_restarts.append(now)
        settings = get_settings()
        try:
            self.broker = start_embedded_redis(settings.data_dir, settings.redis_socket)
        except EmbeddedBrokerError as exc:
            raise StackError(f"{died} and could not be restarted: {exc}") from None
        from producer.enqueue import reset_client
        from workers.app import configure

        configure()  # pooled connections point at the dead server
        reset_client()
        self._resend_after = f"{died}; restarted it (pid {self.broker.pid})"
        return self._resend()

    def _resend(self) -> str | None:
        """Re-enqueue unfinished prompts after a broker restart; retried at every check until the
        database answers (it may have gone with the broker)."""
        if self._resend_after is None:
            return None
        try:
            jobs, prompts = self._maybe_resume(True, fresh_broker=True)
        except Exception as exc:  # logged, and retried at the next check
            from db.session import connection_error_message

            reason = connection_error_message(exc) or redact(f"{type(exc).__name__}: {exc}")
            log.warning("%s; re-enqueueing failed, retrying: %s", self._resend_after, reason)
            return None
        notice = f"{self._resend_after} and re-enqueued {prompts} unfinished prompts of {jobs} jobs"
        self._resend_after = None
        log.warning(notice)
        return notice

    def _recover(self) -> None:
        """Re-queue the batches a dead worker held (the restarted worker sweeps too when it is up)."""
        from workers.recovery import recover_orphaned_batches

        try:
            recover_orphaned_batches()
        except Exception:  # the database may be away; workers sweep again after every heartbeat
            log.exception("recovery sweep failed")

    def log_tail(self, name: str, lines: int = 15) -> str:
        path = self.workers[name].log_path
        try:
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no output)"

    def kill_worker(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to a worker (tests use SIGKILL to simulate a crash mid-batch)."""
        w = self.workers[name]
        with contextlib.suppress(ProcessLookupError):
            os.kill(w.process.pid, sig)
        w.process.wait(timeout=30)

    def restart_worker(self, name: str, *, wait: bool = True, timeout: float = 300.0) -> None:
        w = self.workers[name]
        if w.process.poll() is None:
            self.kill_worker(name, signal.SIGTERM)
        self._spawn(w.spec)
        if wait:
            self.wait_ready(timeout)

    # ------------------------------------------------------------------ stop

    def stop(self, timeout: float = 60.0, *, force: bool = False) -> None:
        """Warm shutdown: each worker finishes its current batch (SIGTERM), then the broker stops.

        ``force`` (or a worker still busy after ``timeout``) kills workers at once; their
        unacknowledged batches are redelivered or re-enqueued by the next `specq up`.
        """
        self._stopping = True
        sig = signal.SIGQUIT if force else signal.SIGTERM
        for w in self.workers.values():
            if w.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(w.process.pid, sig)
        deadline = time.monotonic() + timeout
        for name, w in self.workers.items():
            try:
                w.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("worker %s still busy after %.0fs; killing it", name, timeout)
                w.process.kill()
                w.process.wait(timeout=30)
        if self.broker is not None:
            self.broker.stop()
            self.broker = None

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
