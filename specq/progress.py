"""Progress of long work: library code reports stages and steps, a sink renders them.

One mechanism for every long command. Library code (``models/``, ``bench/``, ``workers/``)
takes a :class:`Progress` and reports through it; it never draws anything itself::

    with progress.stage("train target-l", total=1400, unit="steps") as st:
        for step in ...:
            st.update(step + 1, loss=loss, tokens=(step + 1) * tokens_per_step)

A stage knows its rate and ETA (steps left over the rate so far). Where the output goes is
the sink's business: the CLI's rich display on a terminal, one line per stage plus one every
``interval_s`` without a terminal (:class:`LineSink`, also here because it needs no rich),
log records for library callers that asked for progress without a CLI (:class:`LogSink`),
or nothing (``Progress(None)``, what ``--quiet`` gives).

Work in a side process reports the same way through :func:`StageState.to_json` lines on a
pipe; the parent replays them into its own stage (``models/zoo/build.py``).
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TextIO

log = logging.getLogger(__name__)

# Without a terminal a running stage prints a line at most this often (a stage's start and end
# always print): enough for a CI log to show it is alive, few enough to read.
LINE_INTERVAL_S = 30.0


@dataclass
class StageState:
    """A stage as sinks see it: what it is doing, how far it is, how fast it goes."""

    name: str
    total: int | None  # None: unknown length (shows elapsed time only)
    unit: str = "steps"
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    info: dict[str, float | str] = field(default_factory=dict)  # e.g. loss, tokens (a running count)
    # The first report: the rate counts from here, so start-up time (a side process importing
    # torch, a model loading) does not make the first ETA hours long.
    first_at: float | None = None
    first_done: int = 0

    @property
    def elapsed_s(self) -> float:
        return (self.ended if self.ended is not None else time.monotonic()) - self.started

    @property
    def rate(self) -> float | None:
        """Steps per second since the first report (None until two reports are apart)."""
        if self.first_at is None or self.done <= self.first_done:
            return None
        end = self.ended if self.ended is not None else time.monotonic()
        return (self.done - self.first_done) / (end - self.first_at) if end > self.first_at else None

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the rate so far (None when unknown, 0 when done)."""
        if self.total is None:
            return None
        if self.done >= self.total:
            return 0.0
        rate = self.rate
        return (self.total - self.done) / rate if rate else None

    @property
    def tokens_per_s(self) -> float | None:
        """Tokens per second at the step rate (``tokens`` is a running count reported with steps)."""
        tokens, rate = self.info.get("tokens"), self.rate
        if not isinstance(tokens, int | float) or rate is None or not self.done:
            return None
        return float(tokens) / self.done * rate

    def describe(self) -> str:
        """One line: ``name: done/total unit (pct), rate, ETA, info``."""
        parts = []
        if self.total is not None:
            parts.append(f"{self.done}/{self.total} {self.unit}")
        elif self.done:
            parts.append(f"{self.done} {self.unit}")
        elif self.ended is None:
            parts.append(f"{format_seconds(self.elapsed_s)} so far")
        if self.total:
            parts[0] += f" ({100.0 * self.done / self.total:.0f}%)"
        if self.ended is not None:
            parts.append(f"done in {format_seconds(self.elapsed_s)}")
        if self.rate is not None and self.total != 1:  # a one-step stage's rate says nothing
            parts.append(f"{self.rate:.3g} {self.unit}/s")
        if self.ended is None and self.eta_s is not None:
            parts.append(f"ETA {format_seconds(self.eta_s)}")
        parts += info_parts(self)
        return f"{self.name}: " + ", ".join(parts)


def info_parts(stage: StageState) -> list[str]:
    """The stage's extra fields as short strings (loss, tokens/s, anything else it reported)."""
    parts = []
    for key, value in stage.info.items():
        if key == "tokens":
            tps = stage.tokens_per_s
            if tps is not None:
                parts.append(f"{tps:,.0f} tok/s")
        elif isinstance(value, float):
            if not math.isnan(value):
                parts.append(f"{key} {value:.4g}")
        else:
            parts.append(f"{key} {value}")
    return parts


def format_seconds(s: float) -> str:
    if s < 90:
        return f"{s:.0f}s"
    if s < 5400:
        return f"{int(s // 60)}m{int(s % 60):02d}s"
    return f"{s / 3600:.1f}h"


class Sink(Protocol):
    """Renders stages; called from any thread (a side process's pump reports from its own)."""

    def start(self, stage: StageState) -> None: ...

    def update(self, stage: StageState) -> None: ...

    def finish(self, stage: StageState) -> None: ...

    def close(self) -> None: ...


class Stage:
    """A running stage: report progress with :meth:`update`; ends with the ``with`` block."""

    def __init__(self, progress: Progress, state: StageState) -> None:
        self._progress = progress
        self.state = state

    def update(self, done: int | None = None, **info: float | str) -> None:
        """Set the steps done (absolute) and any extra fields (``loss=``, ``tokens=``...)."""
        if done is not None:
            self.state.done = done
        if self.state.first_at is None:
            self.state.first_at, self.state.first_done = time.monotonic(), self.state.done
        self.state.info.update(info)
        self._progress._emit("update", self.state)

    def advance(self, steps: int = 1, **info: float | str) -> None:
        self.update(self.state.done + steps, **info)

    def finish(self) -> None:
        if self.state.ended is None:
            if self.state.total is not None and self.state.done < self.state.total:
                self.state.total = self.state.done if self.state.done else self.state.total
            self.state.ended = time.monotonic()
            self._progress._emit("finish", self.state)

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()


class Progress:
    """What library code reports to. ``Progress(None)`` reports nothing (``--quiet``)."""

    def __init__(self, sink: Sink | None = None) -> None:
        self.sink = sink
        self._narrated: Stage | None = None

    @property
    def enabled(self) -> bool:
        return self.sink is not None

    def stage(self, name: str, total: int | None = None, unit: str = "steps") -> Stage:
        """Start a stage of ``total`` steps (None: unknown); use as a context manager."""
        state = StageState(name, total, unit)
        self._emit("start", state)
        return Stage(self, state)

    @contextlib.contextmanager
    def status(self, message: str) -> Iterator[Stage]:
        """A stage of unknown length named ``message``: the shape of ``rich.Console.status``, for
        library code that reports ``with status("doing X"):`` blocks."""
        with self.stage(message, None, unit="") as st:
            yield st

    def say(self, message: str) -> None:
        """Each message starts a stage of unknown length and ends the one before it (for library
        code that reports ``say("now doing X")`` step by step); :meth:`close` ends the last."""
        if self._narrated is not None:
            self._narrated.finish()
        self._narrated = self.stage(message, None, unit="")

    def _emit(self, event: str, state: StageState) -> None:
        if self.sink is not None:
            getattr(self.sink, event)(state)

    def close(self) -> None:
        if self._narrated is not None:
            self._narrated.finish()
            self._narrated = None
        if self.sink is not None:
            self.sink.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LineSink:
    """Plain lines for logs and CI: a stage's start and end, and every ``interval_s`` while it runs."""

    def __init__(
        self,
        write: Callable[[str], None],
        interval_s: float = LINE_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._write = write
        self.interval_s = interval_s
        self._clock = clock
        self._last: dict[int, float] = {}  # id(stage) -> when its last line was written
        self._lock = threading.Lock()

    @classmethod
    def to_stream(cls, stream: TextIO, interval_s: float = LINE_INTERVAL_S) -> LineSink:
        def write(line: str) -> None:
            stream.write(line + "\n")
            stream.flush()

        return cls(write, interval_s)

    def start(self, stage: StageState) -> None:
        with self._lock:
            self._last[id(stage)] = self._clock()
            total = f" ({stage.total} {stage.unit})" if stage.total is not None else ""
            self._write(f"{stage.name}: started{total}")

    def update(self, stage: StageState) -> None:
        with self._lock:
            now = self._clock()
            if now - self._last.get(id(stage), 0.0) < self.interval_s:
                return
            self._last[id(stage)] = now
            self._write(stage.describe())

    def finish(self, stage: StageState) -> None:
        with self._lock:
            self._last.pop(id(stage), None)
            self._write(stage.describe())

    def close(self) -> None:
        pass


class LogSink(LineSink):
    """:class:`LineSink` into a logger: for library callers that want progress and have no CLI."""

    def __init__(self, logger: logging.Logger | None = None, interval_s: float = LINE_INTERVAL_S) -> None:
        target = logger or log
        super().__init__(lambda line: target.info("%s", line), interval_s)


def as_progress(progress: Progress | bool | None) -> Progress:
    """Accept the old ``progress: bool`` of library functions: True logs lines, False/None is silent."""
    if isinstance(progress, Progress):
        return progress
    return Progress(LogSink() if progress else None)


__all__ = [
    "LINE_INTERVAL_S",
    "LineSink",
    "LogSink",
    "Progress",
    "Sink",
    "Stage",
    "StageState",
    "as_progress",
    "format_seconds",
    "info_parts",
]
