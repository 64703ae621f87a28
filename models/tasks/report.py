"""Outputs of `specq partition`: ``labels.jsonl``, ``report.md`` / ``report.json``, ``clusters.png``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.tasks.partition import Partition
from models.tasks.router import Router

LABELS_FILE = "labels.jsonl"
REPORT_FILE = "report.md"
REPORT_JSON_FILE = "report.json"
PLOT_FILE = "clusters.png"


@dataclass(frozen=True)
class LabelRow:
    """One input line of a partitioned or classified file."""

    line: int  # 1-based input line number
    custom_id: str | None
    label: str | None  # None: the line could not be read
    error: str | None = None

    def to_json(self) -> str:
        row: dict[str, Any] = {"line": self.line, "custom_id": self.custom_id, "label": self.label}
        if self.error is not None:
            row["error"] = self.error
        return json.dumps(row, ensure_ascii=False)


def write_labels(path: str | Path, rows: Iterable[LabelRow]) -> int:
    """Write ``labels.jsonl`` (one JSON object per input line, in order); return the row count."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(row.to_json() + "\n")
            n += 1
    return n


def read_labels(path: str | Path) -> list[LabelRow]:
    """The rows of a ``labels.jsonl``."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                d = json.loads(raw)
                rows.append(LabelRow(int(d["line"]), d.get("custom_id"), d.get("label"), d.get("error")))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{n}: not a labels.jsonl row ({exc})") from exc
    return rows


def plot_clusters(part: Partition, path: str | Path) -> Path:
    """A 2-D PCA picture of the prompts, coloured by sub-task (PNG, no display needed)."""
    from matplotlib import colormaps
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from sklearn.decomposition import PCA

    x = part.features
    xy = PCA(n_components=2, random_state=part.seed).fit_transform(x) if len(x) > 2 else np.zeros((len(x), 2))
    fig = Figure(figsize=(8, 6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    # tab10's colours are all distinct; tab20 pairs similar shades, so only when more are needed.
    palette = colormaps["tab10" if part.k <= 10 else "tab20"]
    for c, name in enumerate(part.names):
        sel = part.cluster_ids == c
        ax.scatter(
            xy[sel, 0], xy[sel, 1], s=14, color=palette(c % palette.N), label=f"{name} ({int(sel.sum())})"
        )
    ax.set_title(f"{len(part.labels)} prompts, {part.k} sub-tasks ({part.featurizer} features, PCA)")
    ax.set_xlabel("PC 1")
    ax.set_ylabel("PC 2")
    ax.legend(fontsize=8, loc="best", markerscale=1.5)
    fig.tight_layout()
    fig.savefig(path)
    return Path(path)


def write_report(
    part: Partition,
    router: Router,
    out_dir: str | Path,
    *,
    texts: Sequence[str],
    custom_ids: Sequence[str | None],
    examples: int = 3,
    source: str | None = None,
) -> Path:
    """Write ``report.md``, ``report.json`` (sizes, names, terms, examples, K scores, accuracy)
    and ``clusters.png``; return the path of ``report.md``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plot_clusters(part, out / PLOT_FILE)
    sizes = part.sizes()
    clusters: list[dict[str, Any]] = []
    for c, name in enumerate(part.names):
        members = np.flatnonzero(part.cluster_ids == c)
        # The most typical prompts: closest to the cluster's mean in feature space.
        centre = part.features[members].mean(axis=0)
        dist = np.linalg.norm(part.features[members] - centre, axis=1)
        typical = members[np.argsort(dist, kind="stable")].tolist()
        clusters.append(
            {
                "label": name,
                "size": sizes[c],
                "terms": part.top_terms[c] if c < len(part.top_terms) else [],
                "examples": [
                    {"custom_id": custom_ids[i], "text": _excerpt(texts[i])} for i in typical[:examples]
                ],
            }
        )
    m = router.manifest
    summary = {
        "source": source,
        "prompts": len(part.labels),
        "featurizer": part.featurizer,
        "k": part.k,
        "k_chosen_by": "given" if not part.k_scores else "silhouette",
        "k_scores": {str(k): round(s, 4) for k, s in part.k_scores.items()},
        "seed": part.seed,
        "boilerplate": {"lines": list(part.boilerplate.lines), "prefix": part.boilerplate.prefix},
        "classifier": {"heldout_accuracy": m.heldout_accuracy, "heldout_prompts": m.heldout_prompts},
        "clusters": clusters,
    }
    (out / REPORT_JSON_FILE).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# Sub-tasks" + (f" of {source}" if source else ""),
        "",
        f"{len(part.labels)} prompts, {part.k} sub-tasks, {part.featurizer} features, seed {part.seed}.",
    ]
    if part.k_scores:
        lines.append(
            "K chosen by silhouette: " + ", ".join(f"K={k}: {s:.3f}" for k, s in part.k_scores.items()) + "."
        )
    if m.heldout_accuracy is not None:
        lines.append(
            f"Classifier accuracy on {m.heldout_prompts} held-out prompts "
            f"(against these clusters): {m.heldout_accuracy:.1%}."
        )
    if part.boilerplate.lines or part.boilerplate.prefix:
        lines.append(
            f"Boilerplate stripped: {len(part.boilerplate.lines)} line(s), "
            f"prefix {part.boilerplate.prefix!r}."
        )
    lines += [
        "",
        f"![clusters]({PLOT_FILE})",
        "",
        "| label | prompts | distinctive terms |",
        "| --- | ---: | --- |",
    ]
    lines += [f"| {i['label']} | {i['size']} | {', '.join(i['terms'])} |" for i in clusters]
    for info in clusters:
        lines += ["", f"## {info['label']} ({info['size']} prompts)", ""]
        lines += [f"- `{e['custom_id']}`: {e['text']}" for e in info["examples"]]
    (out / REPORT_FILE).write_text("\n".join(lines) + "\n")
    return out / REPORT_FILE


def _excerpt(text: str, n: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 3] + "..."
