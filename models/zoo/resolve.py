"""Model paths of a deployment file made loadable: ``zoo:<name>`` becomes a directory of the local zoo.

Kept apart from ``specq.deployment`` (which imports no other project package) and importing no
torch: with ``build=False`` (submit, routing) a zoo path resolves to the built model's directory
when that preset is already built, and to None when it is not, without building anything.
"""

from __future__ import annotations

from pathlib import Path

from models.zoo.build import MANIFEST, ZooPaths, build_zoo, cache_key, default_root
from models.zoo.presets import PRESETS
from specq.deployment import ZOO_PREFIX, Deployment


def built_zoo(preset: str, root: Path | None = None) -> ZooPaths | None:
    """The already-built ``preset`` zoo under ``root`` (default: the settings' zoo dir), or None."""
    cfg = PRESETS.get(preset)
    if cfg is None:
        return None
    manifest = (root or default_root()) / f"{preset}-{cache_key(cfg)}" / MANIFEST
    return ZooPaths.from_manifest(manifest) if manifest.is_file() else None


def resolve_model_path(deployment: Deployment, spec_path: str, *, build: bool = True) -> str | None:
    """A loadable path for a model path of ``deployment``.

    Hub ids and directories are returned as they are. ``zoo:<name>`` is the local zoo's saved
    model: built on first use when ``build`` is true; with ``build=False`` the built model's
    directory, or None when the preset has not been built on this machine.
    """
    if not spec_path.startswith(ZOO_PREFIX):
        return spec_path
    name = spec_path.removeprefix(ZOO_PREFIX)
    if build:
        paths: ZooPaths | None = build_zoo(deployment.zoo_preset, progress=False)
    else:
        paths = built_zoo(deployment.zoo_preset)
    return str(paths.path(name)) if paths is not None else None
