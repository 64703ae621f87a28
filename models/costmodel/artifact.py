"""`CostModel`: the fitted artifact (skops + manifest) or the roofline fallback, as callers use it."""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from models.costmodel.arch import ArchSpec, ConfigLike
from models.costmodel.features import (
    ACTIVATION_TERMS,
    ANALYTIC_ACTIVATION_COEF,
    ARCH_FEATURES,
    SHAPE_FEATURES,
    TERM_NAMES,
    MemoryEstimate,
    activation_terms,
    cost_terms,
    log_features,
    step_ops,
)
from models.costmodel.regressor import TimeRegressor
from models.costmodel.roofline import RooflineConstants, cached_roofline

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


ARTIFACT_FILE = "costmodel.skops"
MANIFEST_FILE = "manifest.json"
PROFILE_FILE = "profile.jsonl"
MANIFEST_VERSION = 1


def default_dir() -> Path:
    """``<settings.data_dir>/costmodel``: profile, fitted artifact and roofline cache."""
    from specq.settings import get_settings

    return Path(get_settings().data_dir) / "costmodel"


class CostModel:
    """Predicts step seconds and step memory of causal LMs on the device it was profiled on."""

    def __init__(
        self,
        time_model: TimeRegressor | None,
        activation_model: Any | None,
        roofline: RooflineConstants,
        manifest: dict[str, Any] | None = None,
    ) -> None:
        self.time_model = time_model
        self.activation_model = activation_model
        self.roofline = roofline
        self.manifest = manifest or {}
        self.dtype: str = str(self.manifest.get("profile", {}).get("dtype", "float32"))

    @property
    def source(self) -> str:
        """``fitted`` (regressor from measurements) or ``roofline`` (analytic fallback)."""
        return "fitted" if self.time_model is not None else "roofline"

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, calibrate: bool = True) -> CostModel:
        """Load the fitted artifact in ``path`` (default ``<data_dir>/costmodel``), else the roofline.

        The roofline's constants come from a cached micro-benchmark; with ``calibrate=False``
        and no cache (callers that must not import torch) built-in guesses are used instead.
        """
        root = Path(path) if path is not None else default_dir()
        if (root / MANIFEST_FILE).is_file() and (root / ARTIFACT_FILE).is_file():
            manifest = json.loads((root / MANIFEST_FILE).read_text())
            if manifest.get("version") != MANIFEST_VERSION:
                raise ValueError(
                    f"{root / MANIFEST_FILE}: manifest version {manifest.get('version')}, this specq "
                    f"reads {MANIFEST_VERSION}; refit with `specq cost fit`"
                )
            current = {"term_names": list(TERM_NAMES), "feature_names": list(SHAPE_FEATURES + ARCH_FEATURES),
                       "activation_terms": list(ACTIVATION_TERMS)}  # fmt: skip
            stale = [k for k, v in current.items() if manifest.get(k) != v]
            if stale:
                raise ValueError(
                    f"{root}: fitted with other feature definitions ({', '.join(stale)}) than this specq "
                    "computes; refit with `specq cost fit` (the profile is still valid)"
                )
            estimators = _skops_load(root / ARTIFACT_FILE)
            time_model = TimeRegressor(
                manifest["time_kind"], estimators.get("linear"), estimators.get("boosted")
            )
            logger.info(
                "cost model: fitted %s regressor from %s (profiled on %s, %s thread(s))",
                time_model.kind,
                root,
                manifest["profile"]["device"],
                manifest["profile"]["threads"],
            )
            return cls(
                time_model, estimators.get("activation"), RooflineConstants(**manifest["roofline"]), manifest
            )
        roofline = cached_roofline(root, calibrate)
        logger.warning(
            "cost model: no fitted artifact in %s; using the analytic roofline (%s constants). "
            "Run `specq cost profile` then `specq cost fit` for measured predictions.",
            root,
            "measured" if roofline.measured else "guessed",
        )
        return cls(None, None, roofline, {})

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write ``costmodel.skops`` and ``manifest.json`` into ``path`` (default: see :meth:`load`)."""
        import skops.io

        if self.time_model is None:
            raise ValueError("nothing to save: this cost model is the roofline fallback; fit one first")
        root = Path(path) if path is not None else default_dir()
        root.mkdir(parents=True, exist_ok=True)
        estimators = {
            "linear": self.time_model.linear,
            "boosted": self.time_model.boosted,
            "activation": self.activation_model,
        }
        skops.io.dump({k: v for k, v in estimators.items() if v is not None}, root / ARTIFACT_FILE)
        (root / MANIFEST_FILE).write_text(json.dumps(self.manifest, indent=2) + "\n")
        return root

    def step_seconds(
        self, config: ConfigLike, batch: int, new_tokens: int, context: int, *, dtype: str | None = None
    ) -> float:
        """Predicted seconds of one step: ``batch`` rows x ``new_tokens`` over ``context`` cached tokens."""
        return self.step_seconds_many(config, [(batch, new_tokens, context)], dtype=dtype)[0]

    def step_seconds_many(
        self, config: ConfigLike, shapes: Sequence[tuple[int, int, int]], *, dtype: str | None = None
    ) -> list[float]:
        """:meth:`step_seconds` for several ``(batch, new_tokens, context)`` shapes in one prediction."""
        spec = ArchSpec.from_config(config)
        dtype = dtype or self.dtype
        if self.time_model is None:
            return [self.roofline.step_seconds(step_ops(spec, b, t, c, dtype)) for b, t, c in shapes]
        terms = np.array([cost_terms(spec, b, t, c, dtype) for b, t, c in shapes])
        feats = np.array([log_features(spec, b, t, c, x) for (b, t, c), x in zip(shapes, terms, strict=True)])
        return [float(x) for x in self.time_model.predict(terms, feats)]

    def memory(
        self, config: ConfigLike, batch: int, context: int, dtype: str | Any = "float32", new_tokens: int = 1
    ) -> MemoryEstimate:
        """Peak memory of a step of ``new_tokens`` per row over ``context`` cached tokens, by component."""
        spec = ArchSpec.from_config(config)
        return MemoryEstimate(
            weights_bytes=spec.weight_bytes(dtype),
            kv_cache_bytes=batch * (context + new_tokens) * spec.kv_bytes_per_token(dtype),
            activation_bytes=self.activation_bytes(spec, batch, new_tokens, context, dtype),
            activation_source="fitted" if self.activation_model is not None else "analytic",
        )

    def memory_bytes(
        self, config: ConfigLike, batch: int, context: int, dtype: str | Any = "float32", new_tokens: int = 1
    ) -> int:
        """Total predicted peak bytes (weights + KV cache + activations) of a step; see :meth:`memory`."""
        return self.memory(config, batch, context, dtype, new_tokens).total_bytes

    def activation_bytes(
        self, spec: ArchSpec, batch: int, new_tokens: int, context: int, dtype: str | Any
    ) -> int:
        """Predicted transient activation peak of a step (fitted model, else analytic terms)."""
        x = activation_terms(spec, batch, new_tokens, context, dtype)
        if self.activation_model is None:
            return int(x @ ANALYTIC_ACTIVATION_COEF)
        return int(max(0.0, float(self.activation_model.predict(x[None, :])[0])))


_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


def _skops_load(path: Path) -> dict[str, Any]:
    import skops.io

    untrusted = skops.io.get_untrusted_types(file=path)
    unexpected = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
    if unexpected:
        raise ValueError(
            f"{path} holds types a cost model never contains: {unexpected}; "
            "refusing to load it. Refit with `specq cost fit`."
        )
    loaded = skops.io.load(path, trusted=untrusted)
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a dict of estimators, found {type(loaded).__name__}")
    return loaded


@functools.lru_cache(maxsize=2)
def get_cost_model(calibrate: bool = True) -> CostModel:
    """The process-wide default cost model (loaded once; ``get_cost_model.cache_clear()`` reloads)."""
    return CostModel.load(calibrate=calibrate)
