"""The hand-written routing sets (final, blind, holdout, fresh): their rows and file, one layout for all."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def labelled_rows(groups: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
    """The labelled rows, in a fixed order: each group's prompts as written, ids ``{group}-{i:03d}``."""
    return [
        {"custom_id": f"{group}-{i:03d}", "group": group, "prompt": prompt}
        for group, prompts in groups.items()
        for i, prompt in enumerate(prompts)
    ]


def write_rows(rows: Iterable[dict[str, str]], out: Path) -> list[dict[str, str]]:
    """Write ``rows`` to ``out``, one JSON object a line (UTF-8, not escaped); return them."""
    rows = list(rows)
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
