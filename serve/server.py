"""Running `specq serve`: the API under uvicorn, with the worker stack when nobody serves the deployment."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from serve.auth import api_key
from specq.deployment import load_deployment

log = logging.getLogger(__name__)

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# Seconds between two looks at the worker processes `specq serve` started.
SUPERVISE_EVERY_S = 1.0


class ServeError(RuntimeError):
    """The server cannot start as asked (no API key on a public address, workers failed)."""


def check_binding(host: str) -> None:
    """Refuse to listen beyond the loopback without ``SPECQ_API_KEY``."""
    if host not in LOOPBACK_HOSTS and api_key() is None:
        raise ServeError(
            f"binding to {host} exposes the API to the network: set SPECQ_API_KEY (clients send it as "
            "a bearer token), or bind to 127.0.0.1"
        )


def serve(host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info") -> None:
    """Serve the API until interrupted; start (and stop) the worker stack unless one serves already."""
    import uvicorn

    from serve.app import create_app
    from workers.stack import Stack, workers_serve

    check_binding(host)
    deployment = load_deployment()
    stack = None
    if workers_serve(deployment):
        log.info("workers already serve every target of %s; not starting any", deployment.source)
    else:
        stack = Stack(deployment=deployment)
        log.info("starting broker and workers (decode workers load their models first)")
        stack.start()
    stop = threading.Event()
    if stack is not None:
        threading.Thread(target=_supervise, args=(stack, stop), name="specq-supervisor", daemon=True).start()
    previous = _sigterm_as_interrupt()
    try:
        uvicorn.run(create_app(deployment), host=host, port=port, log_level=log_level)
    except KeyboardInterrupt:
        log.info("interrupted; stopping")
    finally:
        stop.set()
        if stack is not None:
            stack.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _sigterm_as_interrupt() -> Any:
    """Make SIGTERM unwind like Ctrl-C; the handler it replaces (None off the main thread).

    uvicorn catches SIGTERM while it serves, shuts down, then raises the signal again under the
    handler it found. Under the default handler that kills this process on the spot: the decode
    workers follow it (they die with their parent) but the embedded broker, in its own session,
    is left running. Raised as KeyboardInterrupt it reaches ``serve``'s ``finally`` instead.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


def _supervise(stack: Any, stop: threading.Event) -> None:
    """Restart dead workers as `specq up` does; a worker past its restarts is logged, the API stays up."""
    from workers.stack import StackError

    while not stop.wait(SUPERVISE_EVERY_S):
        try:
            stack.check()
        except StackError as exc:
            log.error("%s; batches wait until workers serve their queues again", exc)
            return
