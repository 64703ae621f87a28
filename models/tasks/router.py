"""The online router: a linear classifier over the head and tail of a prompt and its shape.

The routing worker cannot run a sentence embedding per prompt at tens of thousands of
prompts per second, so :func:`train_router` fits TF-IDF words and shape tokens + a linear
SVM on the partition's labels. :mod:`models.tasks.artifact` saves and loads it.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from models.tasks.text import Boilerplate

ROUTER_FORMAT = "specq-router"
ROUTER_VERSION = 1
# The classifier reads the head and the tail of a prompt, this many characters in all: the
# instruction lives there, and it bounds the cost of a 100 kB prompt. (200 was the best of
# 160/200/300/600/1200 in 5-fold cross-validation on Spec-Bench, docs/tasks.md.)
ROUTER_INPUT_CHARS = 200


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
