"""Rendering ``specq.progress`` for the CLI: a rich display on a terminal, lines without one.

Every long command takes ``--quiet`` and builds its progress with :func:`cli_progress`;
the library code it calls reports through the ``Progress`` it is handed.
"""

from __future__ import annotations

import threading
from typing import Any

import typer

from cli.console import err
from specq.progress import LINE_INTERVAL_S, LineSink, Progress, StageState, format_seconds, info_parts

QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress display or progress lines.")


class RichSink:
    """One rich progress row per stage: description, bar, done/total, rate, ETA, info."""

    def __init__(self, console: Any = None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
        from rich.progress import Progress as RichProgress

        self._rich = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[eta]}"),
            TextColumn("{task.fields[info]}"),
            console=console or err,
            refresh_per_second=4,
        )
        self._tasks: dict[int, Any] = {}
        self._lock = threading.Lock()
        self._started = False

    def _fields(self, stage: StageState) -> dict[str, Any]:
        rate = stage.rate
        eta = stage.eta_s
        return {
            "completed": stage.done,
            "total": stage.total,
            "rate": f"{rate:.3g} {stage.unit}/s" if rate else "",
            "eta": ("done in " + format_seconds(stage.elapsed_s))
            if stage.ended is not None
            else (f"ETA {format_seconds(eta)}" if eta is not None else f"{format_seconds(stage.elapsed_s)}"),
            "info": ", ".join(info_parts(stage)),
        }

    def start(self, stage: StageState) -> None:
        with self._lock:
            if not self._started:
                self._rich.start()
                self._started = True
            f = self._fields(stage)
            self._tasks[id(stage)] = self._rich.add_task(
                stage.name, total=f.pop("total"), completed=f.pop("completed"), **f
            )

    def update(self, stage: StageState) -> None:
        with self._lock:
            task = self._tasks.get(id(stage))
            if task is not None:
                self._rich.update(task, **self._fields(stage))

    def finish(self, stage: StageState) -> None:
        self.update(stage)

    def close(self) -> None:
        with self._lock:
            if self._started:
                self._rich.stop()
                self._started = False


def cli_progress(quiet: bool = False, *, console: Any = None, interval_s: float | None = None) -> Progress:
    """The progress a command hands its library call: rich on a terminal, lines otherwise."""
    if quiet:
        return Progress(None)
    console = console or err
    if console.is_terminal:
        return Progress(RichSink(console))
    return Progress(
        LineSink(
            lambda line: console.print(line, highlight=False, markup=False),
            LINE_INTERVAL_S if interval_s is None else interval_s,
        )
    )
