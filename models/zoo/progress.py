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

    @contextlib.contextmanager
    def stage(self, name: str, total: int = 1) -> Iterator[StepCallback]:
        """A bar for one stage; yields the on_step(step, loss) callback that advances it."""
        logger.info("%s", name)
        if self.progress is None:
            yield lambda step, loss: None
            return
        task = self.progress.add_task(name, total=total, info="")

        def on_step(step: int, loss: float) -> None:
            self.progress.update(task, completed=step + 1, info=f"loss {loss:.3f}")

        yield on_step
        self.progress.update(task, completed=total)
