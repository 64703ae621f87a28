"""`specq partition` as a library function: a prompt file in, a router directory out.

Reads any input `specq submit` reads (:func:`bench.prompts.read_prompts`), partitions the
readable prompts into sub-tasks (:func:`models.tasks.partition`), trains the router on the
cluster labels and writes the router directory: the artifact, ``labels.jsonl`` (one line per
input line, unreadable ones with their reason) and the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.prompts import read_prompts, readable
from specq.progress import Progress, as_progress


@dataclass(frozen=True)
class PartitionedFile:
    """What `specq partition` made of a file."""

    partition: Any  # models.tasks.Partition
    router: Any  # models.tasks.Router
    prompts: int  # readable prompts partitioned
    unreadable: int  # input lines skipped (in labels.jsonl with their reason)
    report: Path


def partition_file(
    file: Path,
    out_dir: Path,
    *,
    k: int | None = None,
    featurizer: str = "auto",
    seed: int = 0,
    device: str = "auto",
    progress: Progress | None = None,
) -> PartitionedFile:
    """Partition ``file``'s prompts, train the router on the labels, write ``out_dir``.

    Raises ValueError for a file without a readable prompt (or one that cannot be read),
    ModuleNotFoundError / FileNotFoundError for a featurizer that is not installed.
    """
    from models import tasks

    rows = read_prompts(file)
    good = readable(rows)
    if not good:
        raise ValueError(
            f"{file}: no readable prompt (of {len(rows)} lines); see `specq classify` for reasons"
        )
    texts = [r.text or "" for r in good]
    shown = as_progress(progress)
    part = tasks.partition(texts, k=k, featurizer=featurizer, seed=seed, device=device, progress=shown)
    with shown.status("training the router"):
        router = tasks.train_router(
            texts,
            part.labels,
            boilerplate=part.boilerplate,
            seed=seed,
            featurizer=part.featurizer,
            source_file=str(file.resolve()),
        )
        tasks.save_router(router, out_dir)
    label_of = dict(zip((r.line for r in good), part.labels, strict=True))
    tasks.write_labels(
        out_dir / tasks.LABELS_FILE,
        (tasks.LabelRow(r.line, r.custom_id, label_of.get(r.line), r.error) for r in rows),
    )
    report = tasks.write_report(
        part, router, out_dir, texts=texts, custom_ids=[r.custom_id for r in good], source=file.name
    )
    return PartitionedFile(part, router, len(good), len(rows) - len(good), report)
