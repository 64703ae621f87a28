"""Automatic task partitioning and the prompt router (Ge et al., 2025).

One module per job:

- :mod:`~models.tasks.text`: normalization, corpus boilerplate, instruction views;
- :mod:`~models.tasks.featurizers`: MiniLM or TF-IDF + SVD prompt features for clustering;
- :mod:`~models.tasks.partition`: k-means sub-tasks, K by silhouette, named clusters;
- :mod:`~models.tasks.shape`: structural features of a prompt and generic wrapper stripping;
- :mod:`~models.tasks.router`: the online classifier and its training;
- :mod:`~models.tasks.artifact`: the skops + manifest router directory, loaded with checks;
- :mod:`~models.tasks.report`: ``labels.jsonl``, the report and the cluster picture;
- :mod:`~models.tasks.assignment`: the online draft-assignment policy.

The names below are the package's public API, re-exported so callers import from
``models.tasks``.
"""

from __future__ import annotations

from models.tasks.artifact import CLASSIFIER_FILE, MANIFEST_FILE, load_router, read_manifest, save_router
from models.tasks.featurizers import (
    FEATURIZERS,
    LENGTH_WEIGHT,
    Featurizer,
    MiniLMFeaturizer,
    TfidfSvdFeaturizer,
    combine_features,
    get_featurizer,
    minilm_available,
    prompt_features,
    view_embeddings,
)
from models.tasks.partition import (
    Agreement,
    Partition,
    choose_k,
    cluster_agreement,
    cluster_label,
    cluster_prompts,
    distinctive_terms,
    partition,
)
from models.tasks.report import (
    LABELS_FILE,
    PLOT_FILE,
    REPORT_FILE,
    REPORT_JSON_FILE,
    LabelRow,
    plot_clusters,
    read_labels,
    write_labels,
    write_report,
)
from models.tasks.router import (
    FALLBACK_LABEL,
    ROUTER_FORMAT,
    ROUTER_INPUT_CHARS,
    ROUTER_VERSION,
    Route,
    Router,
    RouterArtifactError,
    RouterManifest,
    heldout_accuracy,
    router_input,
    train_router,
    training_hash,
)
from models.tasks.shape import shape_tokens, strip_wrappers
from models.tasks.text import (
    Boilerplate,
    clean_texts,
    find_boilerplate,
    instruction_views,
    normalize_text,
    segments,
)

__all__ = [
    "CLASSIFIER_FILE",
    "FALLBACK_LABEL",
    "FEATURIZERS",
    "LABELS_FILE",
    "LENGTH_WEIGHT",
    "MANIFEST_FILE",
    "PLOT_FILE",
    "REPORT_FILE",
    "REPORT_JSON_FILE",
    "ROUTER_FORMAT",
    "ROUTER_INPUT_CHARS",
    "ROUTER_VERSION",
    "Agreement",
    "Boilerplate",
    "Featurizer",
    "LabelRow",
    "MiniLMFeaturizer",
    "Partition",
    "Route",
    "Router",
    "RouterArtifactError",
    "RouterManifest",
    "TfidfSvdFeaturizer",
    "choose_k",
    "clean_texts",
    "cluster_agreement",
    "cluster_label",
    "cluster_prompts",
    "combine_features",
    "distinctive_terms",
    "find_boilerplate",
    "get_featurizer",
    "heldout_accuracy",
    "instruction_views",
    "load_router",
    "minilm_available",
    "normalize_text",
    "partition",
    "plot_clusters",
    "prompt_features",
    "read_labels",
    "read_manifest",
    "router_input",
    "save_router",
    "segments",
    "shape_tokens",
    "strip_wrappers",
    "train_router",
    "training_hash",
    "view_embeddings",
    "write_labels",
    "write_report",
]
