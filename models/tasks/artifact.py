"""The router artifact: ``classifier.skops`` plus ``manifest.json``, saved and loaded with checks.

Only skops' default trusted types are ever loaded, and the loaded object must be exactly
the pipeline :func:`models.tasks.router.train_router` fits, with the manifest's labels.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from models.tasks.router import (
    ROUTER_FORMAT,
    ROUTER_VERSION,
    Router,
    RouterArtifactError,
    RouterManifest,
)

MANIFEST_FILE = "manifest.json"
CLASSIFIER_FILE = "classifier.skops"

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
        # The classifier reads features of its version: an older one cannot be used, only re-made.
        source = data.get("source_file") or "PROMPTS"
        raise RouterArtifactError(
            f"{manifest_path}: router format version {data.get('version')!r}, this specq reads "
            f"version {ROUTER_VERSION}; re-run specq partition with this specq: "
            f"specq partition {source} --out {Path(path)}"
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
