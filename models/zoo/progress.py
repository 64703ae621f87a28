"""Stages of long zoo and alignment jobs, reported through ``specq.progress``.

A thin adapter for training loops: :meth:`Stages.add` returns the ``on_step(step, loss)``
callback the trainers call after every optimizer step. The CLI hands in a
``specq.progress.Progress`` that renders (rich on a terminal, lines in logs); ``True`` logs
lines, ``False`` reports nothing. Nothing here imports rich.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from specq.progress import Progress, Stage, as_progress

# on_step(step, loss) after every optimizer step.
StepCallback = Callable[[int, float], None]


class Stages:
    """The stages of one build or alignment, reported to ``progress``."""

    def __init__(self, progress: Progress | bool | None) -> None:
        self.progress = as_progress(progress)
        self._open: list[Stage] = []

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *exc: object) -> None:
        for stage in self._open:
            stage.finish()  # a stage whose loop raised still ends in the display

    def add(self, name: str, total: int, tokens_per_step: int | None = None) -> StepCallback:
        """A stage of ``total`` optimizer steps; returns the on_step(step, loss) callback that
        advances it (with ``tokens_per_step``, the display shows training tokens/s too)."""
        stage = self.progress.stage(name, total, unit="steps")
        self._open.append(stage)

        def on_step(step: int, loss: float) -> None:
            info: dict[str, float | str] = {"loss": float(loss)}
            if tokens_per_step:
                info["tokens"] = (step + 1) * tokens_per_step
            stage.update(step + 1, **info)
            if step + 1 >= total:
                stage.finish()

        return on_step

    def counted(self, name: str, total: int, unit: str) -> Stage:
        """A stage of ``total`` units (prompts, batches...); advance it with ``.advance(n)``."""
        stage = self.progress.stage(name, total, unit=unit)
        self._open.append(stage)
        return stage

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """A one-step stage that completes when the block ends."""
        with self.progress.stage(name, 1, unit="stage") as st:
            yield
            st.update(1)
