"""The zoo's side-process training reports every step through its pipe into the parent's progress."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from models.zoo.build import TrainJob, _SideTraining
from models.zoo.presets import PRESETS
from models.zoo.progress import Stages
from specq.progress import LineSink, Progress


def test_side_process_steps_reach_the_parent_display(tiny_zoo: Any, tmp_path: Path) -> None:
    cfg = PRESETS["tiny"]
    spec = dataclasses.replace(cfg.draft, steps=6)
    job = TrainJob("draft", spec, tiny_zoo.root / "corpus" / "train.jsonl", cfg.chat_share, cfg.seed,
                   tiny_zoo.tokenizer, cfg.context, cfg.seq_len, 7, tmp_path / "draft", 1)  # fmt: skip
    lines: list[str] = []
    with Stages(Progress(LineSink(lines.append, interval_s=0.0))) as stages:
        side = _SideTraining(job, stages.add("train draft (side process)", 6, spec.batch_size * cfg.seq_len))
        try:
            loss = side.wait()
        finally:
            side.stop()
    assert loss > 0 and (tmp_path / "draft" / "config.json").is_file()
    assert lines[0] == "train draft (side process): started (6 steps)"
    steps = [ln for ln in lines if "/6 steps" in ln]
    assert [ln.split(": ", 1)[1].split("/")[0] for ln in steps][:6] == ["1", "2", "3", "4", "5", "6"]
    assert "loss" in steps[-1] and "tok/s" in steps[-1] and "done in" in lines[-1]
