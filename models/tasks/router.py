"""The online router: a linear classifier over the head and tail of a prompt and its shape.

The routing worker cannot run a sentence embedding per prompt at tens of thousands of
prompts per second, so :func:`train_router` fits TF-IDF words and shape tokens + a linear
SVM on the partition's labels. :mod:`models.tasks.artifact` saves and loads it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from models.tasks.shape import EDGE_CHARS, REQUEST_TOKENS, shape_tokens, unwrap
from models.tasks.text import Boilerplate

ROUTER_FORMAT = "specq-router"
# 2: shape features, wrapper stripping, low-confidence fallback. 3: request cues (summary and
# translation words at either end, questions without '?', text in any other language) and
# instruction-masked training copies: a version-2 classifier was fitted on other inputs.
# 4: more summary phrasings ("what is this article about", "in two sentences", "main point"),
# a question asking for a summary or translation is not a question, a persona ("You are a
# curator.") is no longer stripped as a system prompt, text before the first user turn is,
# questions before the passage, fact requests ("Name the founder."), language names in
# translation requests, non-Latin scripts as foreign text, shortened copies of long prompts.
# 5: shape tokens weigh SHAPE_WEIGHT times their idf, translation requests in other languages,
# a prompt that asks for nothing and scores low is out of distribution.
# 6: decisive cues (a translation request names the translation sub-task), more translation
# request forms (a bare language name, language codes, "what does this say" next to foreign
# text), "in one sentence" after a question is not a summary request, "### Answer" cues.
# 7: more summary requests ("cut this down", "key info", "in brief", "a short abstract", "what do
# I need to know from this", summary words in other languages), "Italian please: ..." requests.
ROUTER_VERSION = 7
# The classifier reads the head and the tail of a prompt, this many characters in all: the
# instruction lives there, and it bounds the cost of a 100 kB prompt. (200 was the best of
# 160/200/300/600/1200 in 5-fold cross-validation on Spec-Bench, docs/tasks.md.)
ROUTER_INPUT_CHARS = 200


class RouterArtifactError(ValueError):
    """A router directory that is missing, corrupt, of another version, or holds unexpected types."""


_DIGITS = re.compile(r"[1-9]")
# Runs of spaces and of blank lines: how much of it there is says nothing about the task.
_EXTRA_SPACE = re.compile(r"[ \t]+")
_EXTRA_NEWLINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
# Tokens as the TF-IDF step cuts them (scikit-learn's default pattern). For the known-word
# share only those with a letter count (numbers are all "0...0" after masking: always known).
_SK_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# Training copies of a long prompt (SHORTENED_FROM characters or more) cut to its two ends,
# SHORTENED_CHARS in all: without them the length buckets of one corpus's passages (Spec-Bench's
# RAG passages are longer than its articles to summarize) decide between its long-text tasks.
SHORTENED_FROM = 1600
SHORTENED_CHARS = 1000
# Training copies without the leading instruction (see instruction_dropped) count this much.
AUGMENT_WEIGHT = 1.0
MIN_DROPPED_CHARS = 20
_FIRST_SEGMENT = re.compile(r"(?<=[.!?:])\s+|\n+")
# Shape tokens count this many times their idf in the classifier's input (see _fit). Chosen on the
# four labelled sets of bench/task_eval (docs/tasks.md, round 3): 1 (before) 2 3 4 6; 3 was best
# on their sum, 2 and 4 within a point.
SHAPE_WEIGHT = 3.0
# Regularization of the linear SVM: 0.3 spreads the weight over more cues than the 3.0 that
# fitted Spec-Bench alone best (docs/tasks.md: how it was chosen, and what that costs the test).
SVM_C = 0.3
# Out of distribution: fewer than this share of the window's distinct words are known to the
# classifier (base64, logs, data dumps, a language it never saw), or no sub-task scores above
# MIN_SCORE (a linear SVM's one-vs-rest decision value; < 0 means "not this class").
MIN_KNOWN_WORDS = 0.25
MIN_SCORE = -0.5
# The task label of a prompt the router will not place: the routing worker's task for prompts
# without a sub-task (workers.route.DEFAULT_TASK), which gets the target's default draft.
FALLBACK_LABEL = "default"
# Request cues that name one sub-task when the training data says so: if at least CUE_SHARE of
# the MIN_CUE_PROMPTS or more training prompts carrying the cue have one label, a prompt with the
# cue goes to that label whatever its words (recorded in the manifest as cue_labels). A linear
# model spreads a cue's weight over the words it co-occurs with (Spec-Bench's translation
# prompts are all German after "Translate German to English:"), so "Translate into Korean:
# <English text>", whose words all pull elsewhere, would not reach the translation sub-task.
DECISIVE_CUES = ("__ask_tr__",)
# What a prompt asks for (a summary, a translation): a decisive cue decides alone among these.
ASK_CUES = ("__ask_sum__", "__ask_tr__")
CUE_SHARE = 0.9
MIN_CUE_PROMPTS = 5
# A prompt that asks for nothing (no question, imperative, or summary / translation request
# anywhere in its shape: a log, a data dump, a configuration file) is out of distribution
# unless some sub-task claims it with a decision value of at least this.
MIN_SCORE_NO_REQUEST = -0.1


def _window(text: str, boilerplate: Boilerplate, max_chars: int) -> tuple[str, str, int, int]:
    """(the prompt's two ends without boilerplate and wrappers, the head-and-tail window the
    classifier reads, the characters of the middle left out, the chat turns marked)."""
    if boilerplate.lines or boilerplate.prefix:
        text = boilerplate.strip(text)
    hidden = 0
    if len(text) > 2 * EDGE_CHARS + 1:
        hidden = len(text) - 2 * EDGE_CHARS - 1
        text = text[:EDGE_CHARS] + "\n" + text[-EDGE_CHARS:]
    text, turns = unwrap(text)
    if "  " in text or "\t" in text or "\n\n\n" in text:
        text = _EXTRA_NEWLINES.sub("\n\n", _EXTRA_SPACE.sub(" ", text))
    if len(text) > max_chars:
        half = max_chars // 2
        return text, text[:half] + " " + text[-half:], hidden, turns
    return text, text, hidden, turns


def router_input(text: str, boilerplate: Boilerplate, max_chars: int = ROUTER_INPUT_CHARS) -> str:
    """What the classifier reads: the head and tail of the prompt plus its shape tokens.

    Corpus boilerplate and generic wrappers (:func:`models.tasks.shape.strip_wrappers`) go
    first; digits in the window become 0 (a number's value is topic, its presence shape).
    Cheap on purpose (no Unicode normalization; a few regular expressions over at most
    ``max_chars`` characters): it runs per prompt online.
    """
    words, shape = _input_parts(text, boilerplate, max_chars)
    return words + " " + shape


def _input_parts(text: str, boilerplate: Boilerplate, max_chars: int) -> tuple[str, str]:
    """(the window's words, digits masked; the shape tokens) of :func:`router_input`."""
    text, window, hidden, turns = _window(text, boilerplate, max_chars)
    return " ".join(_DIGITS.sub("0", window).split()), shape_tokens(text, window, hidden, turns)


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
    min_known_words: float = MIN_KNOWN_WORDS
    min_score: float = MIN_SCORE
    min_score_no_request: float = MIN_SCORE_NO_REQUEST
    cue_labels: dict[str, str] = field(default_factory=dict)
    shape_weight: float = SHAPE_WEIGHT
    fallback_label: str = FALLBACK_LABEL
    created_at: str = ""
    sklearn_version: str = ""
    skops_version: str = ""
    source_file: str | None = None


@dataclass(frozen=True)
class Route:
    """Where one prompt goes, and how sure the router is."""

    label: str  # the sub-task, or the manifest's fallback label when low_confidence
    predicted: str  # the classifier's best sub-task, even when not used
    score: float  # its decision value
    margin: float  # best minus second-best decision value (inf with one sub-task)
    known_words: float  # share of the window's distinct words the classifier knows
    low_confidence: bool  # out of distribution: routed to the fallback (the target's default draft)


class Router:
    """The trained prompt classifier: ``classify(texts) -> labels``, ``route(texts) -> [Route]``."""

    def __init__(self, pipeline: Any, manifest: RouterManifest) -> None:
        self.pipeline = pipeline
        self.manifest = manifest
        self.boilerplate = Boilerplate(tuple(manifest.boilerplate_lines), manifest.boilerplate_prefix)
        self.labels: list[str] = list(manifest.labels)
        vectorizer = pipeline.steps[0][1]
        self._vocabulary: dict[str, int] = dict(getattr(vectorizer, "vocabulary_", {}))
        # The fast path re-implements this exact TF-IDF configuration (checked, not assumed);
        # anything else goes through scikit-learn's transform.
        self._fast = _is_plain_tfidf(vectorizer)
        self._idf = np.asarray(getattr(vectorizer, "idf_", np.ones(0)), dtype=np.float64)

    def inputs(self, texts: Sequence[str]) -> list[str]:
        """What the classifier reads for each text (see :func:`router_input`)."""
        return [router_input(t, self.boilerplate, self.manifest.router_input_chars) for t in texts]

    def route(self, texts: Sequence[str]) -> list[Route]:
        """Label, scores and the low-confidence flag of each text."""
        if not texts:
            return []
        clf = self.pipeline.steps[1][1]
        max_chars = self.manifest.router_input_chars
        inputs = []
        for t in texts:
            text, window, hidden, turns = _window(t, self.boilerplate, max_chars)
            inputs.append(
                " ".join(_DIGITS.sub("0", window).split()) + " " + shape_tokens(text, window, hidden, turns)
            )
        x, words, known = self._vectorize(inputs)
        # No word at all (numbers, symbols, an empty prompt): nothing the router could know.
        known_share = np.divide(known, words, out=np.zeros(len(texts)), where=words > 0)
        classes = [str(c) for c in clf.classes_]
        if len(classes) < 2 or not hasattr(clf, "decision_function"):
            best = [classes[0]] * len(texts)
            score = np.full(len(texts), np.inf)
            margin = np.full(len(texts), np.inf)
        else:
            d = clf.decision_function(x)  # (N, K); binary: (N,) for classes[1]
            if d.ndim == 1:
                d = np.stack([-d, d], axis=1)
            top2 = np.sort(d, axis=1)[:, -2:]
            best = [classes[j] for j in d.argmax(axis=1).tolist()]
            score, margin = top2[:, 1], top2[:, 1] - top2[:, 0]
        # A decisive cue (cue_labels: a translation request, where the training data has one
        # translation sub-task) names the sub-task; its unknown words are what it asks about, so
        # it is never out of distribution.
        decided = np.zeros(len(texts), dtype=bool)
        if self.manifest.cue_labels and len(classes) >= 2:
            cue_columns = {cue: classes.index(label) for cue, label in self.manifest.cue_labels.items()}
            for i, doc in enumerate(inputs):
                for cue, j in cue_columns.items():
                    # Only when it is the prompt's one request cue: "summarize this letter (my aunt
                    # translated it from Portuguese)" asks for a summary, and the model decides.
                    if cue in doc and sum(ask in doc for ask in ASK_CUES) == 1:
                        others = np.delete(d[i], j)
                        best[i], score[i], margin[i] = classes[j], d[i, j], d[i, j] - others.max()
                        decided[i] = True
                        break
        unknown = (known_share < self.manifest.min_known_words) & ~decided
        low = unknown | ((score < self.manifest.min_score) & ~decided)
        no_request = self.manifest.min_score_no_request
        for i in np.flatnonzero(score < no_request).tolist():
            if not any(token in inputs[i] for token in REQUEST_TOKENS):
                low[i] = True
        fallback = self.manifest.fallback_label
        return [
            Route(fallback if flag else label, label, float(s), float(m), float(k), bool(flag))
            for label, s, m, k, flag in zip(best, score, margin, known_share, low.tolist(), strict=True)
        ]

    def classify(self, texts: list[str]) -> list[str]:
        """The sub-task label of each text; the fallback label for out-of-distribution ones."""
        return [r.label for r in self.route(texts)]

    def _vectorize(self, inputs: list[str]) -> tuple[Any, np.ndarray, np.ndarray]:
        """(TF-IDF rows (N, V) as the pipeline's vectorizer computes them, distinct words per
        input, of which known to the vocabulary). Words: tokens with a letter, not shape tokens."""
        from scipy.sparse import csr_matrix

        n = len(inputs)
        words, known = np.zeros(n), np.zeros(n)
        if not self._fast:
            x = self.pipeline.steps[0][1].transform(inputs)
            for i, doc in enumerate(inputs):
                toks = {t for t in _SK_TOKEN.findall(doc.lower()) if t[0] != "_" and t[0] != "0"}
                words[i] = len(toks)
                known[i] = sum(t in self._vocabulary for t in toks)
            return x, words, known
        vocabulary = self._vocabulary
        indptr: list[int] = [0]
        indices: list[int] = []
        counts: list[int] = []
        for i, doc in enumerate(inputs):
            tokens = Counter(_SK_TOKEN.findall(doc.lower()))
            hits = [(vocabulary[t], c) for t, c in tokens.items() if t in vocabulary]
            # Not words: shape tokens ("__len9__") and numbers (all "0" after masking).
            other = [t for t in tokens if t[0] == "_" or t[0] == "0"]
            words[i] = len(tokens) - len(other)
            known[i] = len(hits) - sum(t in vocabulary for t in other)
            if hits:
                cols, cnts = zip(*hits, strict=True)
                indices.extend(cols)
                counts.extend(cnts)
            indptr.append(len(indices))
        columns = np.asarray(indices, dtype=np.int64)
        # sublinear tf, idf, then l2 per row: TfidfVectorizer(sublinear_tf=True, norm="l2").
        data = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self._idf[columns]
        rows = np.repeat(np.arange(n), np.diff(indptr))
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
        data /= np.where(norms > 0, norms, 1.0)[rows]
        x = csr_matrix((data, columns, np.asarray(indptr, dtype=np.int64)), shape=(n, len(self._idf)))
        return x, words, known


def _is_plain_tfidf(vectorizer: Any) -> bool:
    """Whether ``vectorizer`` is the TF-IDF configuration :meth:`Router._vectorize` re-implements."""
    try:
        params = vectorizer.get_params()
    except AttributeError:
        return False
    return (
        type(vectorizer).__name__ == "TfidfVectorizer"
        and params.get("analyzer") == "word"
        and params.get("lowercase") is True
        and params.get("token_pattern") == _SK_TOKEN.pattern
        and params.get("ngram_range") == (1, 1)
        and params.get("sublinear_tf") is True
        and params.get("use_idf") is True
        and params.get("norm") == "l2"
        and params.get("binary") is False
        and params.get("stop_words") is None
        and params.get("strip_accents") is None
        and params.get("preprocessor") is None
        and params.get("tokenizer") is None
        and hasattr(vectorizer, "idf_")
    )


def _new_pipeline(seed: int) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    # Unigrams beat uni+bigrams in 5-fold cross-validation on Spec-Bench (fewer, denser features
    # for a few hundred training prompts), and they keep the fast path simple.
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, lowercase=True)),
            ("clf", LinearSVC(C=SVM_C, random_state=seed)),
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


def instruction_dropped(text: str) -> str | None:
    """The prompt without its first sentence or line (None when nothing substantial is left).

    Training copies without the leading instruction make the classifier learn the rest
    of a prompt's shape too (a passage with no question, German text, a word problem):
    in Spec-Bench a single word ("Summarize:", "Translate") separates most groups
    perfectly, and a linear model fitted to separate them needs no other cue unless made to.
    """
    text = text.strip()
    match = _FIRST_SEGMENT.search(text)
    if match is None or not (text[match.start() - 1] == ":" or "\n" in match.group()):
        return None  # no header instruction ("Summarize:", a first line of its own)
    rest = text[match.end() :]
    return rest if len(rest) >= MIN_DROPPED_CHARS else None


def training_inputs(
    texts: Sequence[str], labels: Sequence[str], boilerplate: Boilerplate, max_chars: int = ROUTER_INPUT_CHARS
) -> tuple[list[str], list[str], np.ndarray]:
    """(classifier inputs, labels, sample weights): every prompt, plus, when it opens with a header
    instruction, a copy without it and a copy with its words masked but its shape tokens kept, and
    when it is long, a copy cut to its two ends (SHORTENED_CHARS)."""
    inputs, ys, weights = [], [], []
    for text, label in zip(texts, labels, strict=True):
        inputs.append(router_input(text, boilerplate, max_chars))
        ys.append(label)
        weights.append(1.0)
        if AUGMENT_WEIGHT > 0:
            # The whole prompt, unwrapped (not only its two ends): the copy keeps its true length.
            whole = unwrap(boilerplate.strip(text) if boilerplate.lines or boilerplate.prefix else text)[0]
            copies = []
            dropped = instruction_dropped(whole)
            if dropped is not None:
                copies.append(router_input(dropped, Boilerplate(), max_chars))
                # The instruction's words masked, its shape kept (what it asks for, where): the
                # words of a request phrased otherwise are unknown, its cues are not.
                copies.append(
                    _input_parts(dropped, Boilerplate(), max_chars)[0]
                    + " "
                    + _input_parts(whole, Boilerplate(), max_chars)[1]
                )
            if len(whole) >= SHORTENED_FROM:
                # A passage's length is its source's, not its task's: the same prompt, shorter.
                half = SHORTENED_CHARS // 2
                copies.append(router_input(whole[:half] + "\n" + whole[-half:], Boilerplate(), max_chars))
            inputs.extend(copies)
            ys.extend([label] * len(copies))
            weights.extend([AUGMENT_WEIGHT] * len(copies))
    return inputs, ys, np.asarray(weights)


def _fit(texts: Sequence[str], labels: Sequence[str], boilerplate: Boilerplate, seed: int) -> Any:
    inputs, ys, weights = training_inputs(texts, labels, boilerplate)
    pipeline = _new_pipeline(seed)
    vectorizer = pipeline.steps[0][1]
    vectorizer.fit(inputs)
    # Shape tokens weigh SHAPE_WEIGHT times their idf: the same as a weaker penalty on their
    # coefficients, so the linear model leans on a prompt's form more than on its topic words.
    # Scaling idf_ (not the rows after it) keeps the vectorizer a plain TF-IDF that transforms
    # new prompts exactly as it transformed the training ones, on both of Router's paths.
    idf = vectorizer.idf_.copy()
    for token, column in vectorizer.vocabulary_.items():
        if token.startswith("__"):
            idf[column] *= SHAPE_WEIGHT
    vectorizer.idf_ = idf
    pipeline.steps[1][1].fit(vectorizer.transform(inputs), ys, sample_weight=weights)
    return pipeline


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
    t_train, t_test, y_train, y_test = train_test_split(
        list(texts), list(labels), test_size=n_test, random_state=seed, stratify=list(labels)
    )
    model = _fit(t_train, y_train, boilerplate, seed)
    predicted = model.predict([router_input(t, boilerplate) for t in t_test])
    accuracy = float(np.mean(predicted == np.asarray(y_test)))
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
        pipeline = _fit(texts, labels, boilerplate, seed)
        manifest.cue_labels = cue_labels([router_input(t, boilerplate) for t in texts], labels)
    return Router(pipeline, manifest)


def cue_labels(inputs: Sequence[str], labels: Sequence[str]) -> dict[str, str]:
    """The decisive cues of a training set: cue -> the label CUE_SHARE or more of its prompts have."""
    found: dict[str, str] = {}
    for cue in DECISIVE_CUES:
        held = Counter(label for doc, label in zip(inputs, labels, strict=True) if cue in doc)
        total = sum(held.values())
        if total >= MIN_CUE_PROMPTS:
            label, count = held.most_common(1)[0]
            if count >= CUE_SHARE * total:
                found[cue] = label
    return found


# The only types a router artifact may hold. skops refuses types outside its default trust
