"""Progress of long zoo and alignment jobs: rich bars when asked for, log lines otherwise."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

logger = logging.getLogger(__name__)

# on_step(step, loss) after every optimizer step.
StepCallback = Callable[[int, float], None]


class Stages:
    """A rich progress bar per stage when `enabled`; otherwise each stage only logs its name."""

    def __init__(self, enabled: bool) -> None:
        self.progress: Any = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[info]}"),
                TimeElapsedColumn(),
            )

    def __enter__(self) -> Stages:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def add(self, name: str, total: int) -> StepCallback:
        """A bar for a stage of `total` steps; returns the on_step(step, loss) callback that advances it."""
        logger.info("%s", name)
        if self.progress is None:
            return lambda step, loss: None
        task = self.progress.add_task(name, total=total, info="")

        def on_step(step: int, loss: float) -> None:
            self.progress.update(task, completed=step + 1, info=f"loss {loss:.3f}" if loss == loss else "")

        return on_step

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """A one-step bar (no loss shown) that completes when the block ends."""
        on_step = self.add(name, 1)
        yield
        on_step(0, float("nan"))  # nan: nothing to show
