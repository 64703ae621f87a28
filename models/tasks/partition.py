"""Offline partitioning: k-means over prompt features, K by silhouette, clusters named by their terms."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from models.tasks.featurizers import Featurizer, get_featurizer, prompt_features
from models.tasks.text import Boilerplate, clean_texts
from specq.progress import Progress, as_progress

log = logging.getLogger(__name__)

# K for automatic selection is searched in [K_MIN, K_MAX] (capped by the number of prompts).
K_MIN, K_MAX = 2, 12
# Automatic K: the smallest K whose silhouette is within this relative distance of the best.
# Silhouette curves are flat near their top; the smaller K splits less of a task in two.
K_TOLERANCE = 0.01
# Silhouette on at most this many prompts (it is quadratic in the number of prompts).
SILHOUETTE_SAMPLE = 3000

_LABEL_CHARS = re.compile(r"[^a-z0-9]+")


@dataclass
class Partition:
    """Sub-tasks found in a set of prompts; ``labels[i]`` is the task of prompt i."""

    labels: list[str]
    names: list[str]  # task label of each cluster id (cluster ids: largest cluster first)
    cluster_ids: np.ndarray  # (N,) int cluster id per prompt
    k: int
    k_scores: dict[int, float]  # silhouette per K tried (empty when K was given)
    featurizer: str
    seed: int
    features: np.ndarray  # (N, F), kept for the report's picture
    boilerplate: Boilerplate
    cleaned: list[str] = field(repr=False)
    top_terms: list[list[str]] = field(default_factory=list)  # distinctive terms per cluster

    def sizes(self) -> list[int]:
        return [int(n) for n in np.bincount(self.cluster_ids, minlength=self.k)]


def _kmeans(x: np.ndarray, k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return np.asarray(KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x))


def choose_k(
    x: np.ndarray,
    seed: int = 0,
    k_min: int = K_MIN,
    k_max: int = K_MAX,
    tolerance: float = K_TOLERANCE,
    progress: Progress | None = None,
) -> tuple[int, dict[int, float]]:
    """K by silhouette: the smallest K within ``tolerance`` (relative) of the best silhouette.

    Each K tried is a step of a "K search" stage of ``progress``.
    """
    from sklearn.metrics import silhouette_score

    n = len(x)
    k_max = min(k_max, n - 1)
    if k_max < k_min:
        return 1, {}
    scores: dict[int, float] = {}
    with as_progress(progress).stage("K search (k-means + silhouette)", k_max - k_min + 1, unit="K") as st:
        for k in range(k_min, k_max + 1):
            ids = _kmeans(x, k, seed)
            if len(set(ids.tolist())) >= 2:
                scores[k] = float(
                    silhouette_score(x, ids, sample_size=min(n, SILHOUETTE_SAMPLE), random_state=seed)
                )
            st.advance()
    if not scores:
        return 1, {}
    best = max(scores.values())
    chosen = min(k for k, s in scores.items() if s >= best - tolerance * abs(best))
    return chosen, scores


def distinctive_terms(cleaned: Sequence[str], ids: np.ndarray, k: int, n_terms: int = 3) -> list[list[str]]:
    """Per cluster, the words most specific to it: share of its prompts containing the word
    minus the share of the other prompts containing it. Among near-ties the word that comes
    earlier in the prompts wins: instructions come first ("translate", "summarize")."""
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(
        token_pattern=r"(?u)\b[A-Za-z][A-Za-z]+\b", lowercase=True, stop_words="english", binary=True
    )
    try:
        x = vec.fit_transform(cleaned).tocsc()
    except ValueError:  # nothing but stop words and digits
        return [[] for _ in range(k)]
    vocab = np.array(vec.get_feature_names_out())
    out: list[list[str]] = []
    for c in range(k):
        inside = ids == c
        share_in = np.asarray(x[inside].mean(axis=0)).ravel()
        share_out = np.asarray(x[~inside].mean(axis=0)).ravel() if (~inside).any() else 0.0
        score = share_in - share_out
        order = np.lexsort((vocab, -score))[: 4 * n_terms]  # best first, ties alphabetical
        members = [cleaned[i].lower() for i in np.flatnonzero(inside).tolist()]
        picks = []
        for j in order:
            if score[j] <= 0:
                break
            # Near-ties (within 0.05 of the best remaining) are ordered by where the word appears.
            picks.append(
                (round(float(score[j]) / 0.05), _mean_position(members, str(vocab[j])), str(vocab[j]))
            )
        picks.sort(key=lambda p: (-p[0], p[1], p[2]))
        out.append([w for _, _, w in picks[:n_terms]])
    return out


def _mean_position(texts: Sequence[str], word: str) -> float:
    """Mean relative position of the word's first occurrence (1.0 where it is absent)."""
    total = 0.0
    for t in texts:
        at = t.find(word)
        total += at / max(len(t), 1) if at >= 0 else 1.0
    return total / max(len(texts), 1)


def cluster_label(terms: Sequence[str], fallback: str) -> str:
    """A label safe for SQL, queues and file names: lowercase words joined by '-'."""
    words = [_LABEL_CHARS.sub("", t.lower()) for t in terms]
    label = "-".join(w for w in words if w)[:60]
    return label or fallback


def partition(
    texts: Sequence[str],
    *,
    k: int | None = None,
    featurizer: str | Featurizer = "auto",
    seed: int = 0,
    k_range: tuple[int, int] = (K_MIN, K_MAX),
    device: str = "auto",
    progress: Progress | None = None,
) -> Partition:
    """Cluster prompts into sub-tasks; K by silhouette unless ``k`` is given. Deterministic for a seed.

    Featurizing, then the K search, are stages of ``progress``.
    """
    if not texts:
        raise ValueError("partition needs at least one prompt; the input has none")
    cleaned, boilerplate = clean_texts(texts)
    feat = get_featurizer(featurizer, seed=seed, device=device) if isinstance(featurizer, str) else featurizer
    log.info("featurizing %d prompts with %s", len(cleaned), feat.name)
    with as_progress(progress).status(f"embedding {len(cleaned)} prompts ({feat.name})"):
        x = prompt_features(cleaned, feat)
    return cluster_prompts(
        cleaned,
        x,
        boilerplate=boilerplate,
        featurizer=feat.name,
        k=k,
        seed=seed,
        k_range=k_range,
        progress=progress,
    )


def cluster_prompts(
    cleaned: Sequence[str],
    x: np.ndarray,
    *,
    boilerplate: Boilerplate,
    featurizer: str,
    k: int | None = None,
    seed: int = 0,
    k_range: tuple[int, int] = (K_MIN, K_MAX),
    progress: Progress | None = None,
) -> Partition:
    """k-means over precomputed features (:func:`prompt_features`), clusters named from their terms."""
    if k is not None:
        if not 1 <= k <= len(cleaned):
            raise ValueError(f"--k must be between 1 and the number of prompts ({len(cleaned)}), got {k}")
        scores: dict[int, float] = {}
    else:
        k, scores = choose_k(x, seed=seed, k_min=k_range[0], k_max=k_range[1], progress=progress)
        log.info("chose K=%d by silhouette (%s)", k, ", ".join(f"{kk}: {s:.3f}" for kk, s in scores.items()))
    raw = _kmeans(x, k, seed) if k > 1 else np.zeros(len(cleaned), dtype=int)
    # Renumber clusters largest first (ties by first member) so ids do not depend on k-means' order.
    counts = Counter(raw.tolist())
    first_seen = {c: i for i, c in reversed(list(enumerate(raw.tolist())))}
    order = sorted(counts, key=lambda c: (-counts[c], first_seen[c]))
    remap = {old: new for new, old in enumerate(order)}
    ids = np.array([remap[c] for c in raw.tolist()], dtype=int)
    k = len(order)
    terms = distinctive_terms(cleaned, ids, k)
    names: list[str] = []
    for c in range(k):
        name = cluster_label(terms[c][:2], f"task-{c}")
        while name in names:  # two clusters with the same top words
            name = f"{name}-{c}"
        names.append(name)
    return Partition(
        labels=[names[c] for c in ids.tolist()],
        names=names,
        cluster_ids=ids,
        k=k,
        k_scores=scores,
        featurizer=featurizer,
        seed=seed,
        features=x,
        boilerplate=boilerplate,
        cleaned=list(cleaned),
        top_terms=terms,
    )


@dataclass(frozen=True)
class Agreement:
    """How well clusters recover known groups: NMI and adjusted Rand in [.., 1], purity in [0, 1]."""

    nmi: float
    ari: float
    purity: float


def cluster_agreement(labels: Sequence[str], groups: Sequence[str]) -> Agreement:
    """Agreement of predicted clusters with reference groups."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    if len(labels) != len(groups):
        raise ValueError(f"{len(labels)} labels but {len(groups)} groups")
    majority = 0
    for c in set(labels):
        majority += Counter(g for g, lab in zip(groups, labels, strict=True) if lab == c).most_common(1)[0][1]
    return Agreement(
        nmi=float(normalized_mutual_info_score(groups, labels)),
        ari=float(adjusted_rand_score(groups, labels)),
        purity=majority / len(labels),
    )
