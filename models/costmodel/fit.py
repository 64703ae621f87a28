"""Fitting the time and activation regressors on a profile, and their zero-shot evaluation."""

from __future__ import annotations

import logging
import random
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from models.costmodel.artifact import MANIFEST_VERSION, CostModel
from models.costmodel.features import (
    ACTIVATION_TERMS,
    ARCH_FEATURES,
    SHAPE_FEATURES,
    TERM_NAMES,
    activation_terms,
    cost_terms,
    log_features,
    step_ops,
)
from models.costmodel.profile import Measurement, Profile
from models.costmodel.profiling import speed_normalized
from models.costmodel.regressor import TIME_KINDS, TimeRegressor, fit_relative_linear, one_thread
from models.costmodel.roofline import RooflineConstants

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


def _design(measurements: Sequence[Measurement], dtype: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    terms = np.array([cost_terms(m.arch, m.batch, m.new_tokens, m.context, dtype) for m in measurements])
    feats = np.array(
        [
            log_features(m.arch, m.batch, m.new_tokens, m.context, t)
            for m, t in zip(measurements, terms, strict=True)
        ]
    )
    seconds = np.array([m.seconds for m in measurements])
    return terms, feats, seconds


def _activation_design(measurements: Sequence[Measurement], dtype: str) -> tuple[np.ndarray, np.ndarray]:
    rows = [m for m in measurements if m.activation_bytes]
    x = np.array([activation_terms(m.arch, m.batch, m.new_tokens, m.context, dtype) for m in rows])
    y = np.array([float(m.activation_bytes or 0) for m in rows])
    return x.reshape(len(rows), len(ACTIVATION_TERMS)), y


def _fit_activation(measurements: Sequence[Measurement], dtype: str) -> Any | None:
    x, y = _activation_design(measurements, dtype)
    if len(y) < 2 * len(ACTIVATION_TERMS):
        return None
    with one_thread():
        return fit_relative_linear(x, y)


def _ape(pred: np.ndarray, true: np.ndarray) -> np.ndarray:
    return np.abs(pred - true) / true


@dataclass(frozen=True)
class ErrorStats:
    """Absolute percentage errors of predictions on held-out data."""

    n: int
    mape: float  # mean |pred - true| / true
    median_ape: float
    p90_ape: float
    p90_ratio: float  # 90th percentile of true / pred: > 1 means under-prediction happens

    @classmethod
    def of(cls, pred: np.ndarray, true: np.ndarray) -> ErrorStats:
        ape = _ape(pred, true)
        ratio = true / np.maximum(pred, 1e-12)
        return cls(
            len(ape), float(ape.mean()), float(np.median(ape)), float(np.quantile(ape, 0.9)),
            float(np.quantile(ratio, 0.9)),
        )  # fmt: skip


@dataclass
class Evaluation:
    """Zero-shot errors: each family predicted by a model fitted without it, and held-out configs."""

    # metric -> family -> errors. Metrics: time_<kind> for each TIME_KINDS, time_roofline,
    # activation (measured activation bytes), memory_total (weights + KV + activation).
    leave_family_out: dict[str, dict[str, ErrorStats]]
    # metric -> errors over 5 folds grouped by architecture (every family seen, configs unseen).
    held_out_configs: dict[str, ErrorStats]
    chosen_kind: str  # the time regressor with the lowest mean leave-family-out MAPE

    def to_json(self) -> dict[str, Any]:
        return {
            "leave_family_out": {
                k: {f: asdict(e) for f, e in v.items()} for k, v in self.leave_family_out.items()
            },
            "held_out_configs": {k: asdict(e) for k, e in self.held_out_configs.items()},
            "chosen_kind": self.chosen_kind,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Evaluation:
        """The inverse of :meth:`to_json` (a fitted artifact's manifest holds it)."""
        return cls(
            {k: {f: ErrorStats(**e) for f, e in v.items()} for k, v in d["leave_family_out"].items()},
            {k: ErrorStats(**e) for k, e in d["held_out_configs"].items()},
            d["chosen_kind"],
        )


def _predict_split(
    train: Sequence[Measurement], test: Sequence[Measurement], dtype: str, roofline: RooflineConstants
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Predictions on ``test`` of every metric, from regressors fitted on ``train``."""
    tr_terms, tr_feats, tr_y = _design(train, dtype)
    te_terms, te_feats, te_y = _design(test, dtype)
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind in TIME_KINDS:
        reg = TimeRegressor.fit(kind, tr_terms, tr_feats, tr_y)
        out[f"time_{kind}"] = (reg.predict(te_terms, te_feats), te_y)
    out["time_roofline"] = (
        np.array(
            [roofline.step_seconds(step_ops(m.arch, m.batch, m.new_tokens, m.context, dtype)) for m in test]
        ),
        te_y,
    )
    act = _fit_activation(train, dtype)
    te_rows = [m for m in test if m.activation_bytes]
    if act is not None and te_rows:
        x, y = _activation_design(te_rows, dtype)
        pred_act = np.maximum(act.predict(x), 0.0)
        out["activation"] = (pred_act, y)
        fixed = np.array(
            [
                m.arch.weight_bytes(dtype)
                + m.batch * (m.context + m.new_tokens) * m.arch.kv_bytes_per_token(dtype)
                for m in te_rows
            ],
            dtype=np.float64,
        )
        out["memory_total"] = (fixed + pred_act, fixed + y)
    return out


def evaluate(
    measurements: Sequence[Measurement], dtype: str, roofline: RooflineConstants, folds: int = 5
) -> Evaluation:
    """Leave-one-family-out and held-out-config (grouped k-fold) errors of every predictor."""
    families = sorted({m.arch.family for m in measurements})
    lofo: dict[str, dict[str, ErrorStats]] = {}
    if len(families) > 1:
        for fam in families:
            train = [m for m in measurements if m.arch.family != fam]
            test = [m for m in measurements if m.arch.family == fam]
            for metric, (pred, true) in _predict_split(train, test, dtype, roofline).items():
                lofo.setdefault(metric, {})[fam] = ErrorStats.of(pred, true)
    arch_ids = sorted({m.arch_id for m in measurements})
    random.Random(0).shuffle(arch_ids)
    fold_of = {a: i % folds for i, a in enumerate(arch_ids)}
    pooled: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for k in range(min(folds, len(arch_ids))):
        train = [m for m in measurements if fold_of[m.arch_id] != k]
        test = [m for m in measurements if fold_of[m.arch_id] == k]
        for metric, (pred, true) in _predict_split(train, test, dtype, roofline).items():
            pooled.setdefault(metric, ([], []))
            pooled[metric][0].append(pred)
            pooled[metric][1].append(true)
    held = {k: ErrorStats.of(np.concatenate(p), np.concatenate(t)) for k, (p, t) in pooled.items()}
    scores = {
        kind: float(np.mean([e.mape for e in lofo[f"time_{kind}"].values()]))
        if lofo
        else held[f"time_{kind}"].mape
        for kind in TIME_KINDS
    }
    return Evaluation(lofo, held, min(scores, key=lambda k: scores[k]))


def fit_cost_model(
    profile: Profile, kind: str | None = None, run_evaluation: bool = True, normalize_speed: bool = False
) -> CostModel:
    """Fit time and activation regressors on a profile; ``kind=None`` picks the best zero-shot one.

    With ``normalize_speed`` (and reference timings in the profile) step times are first
    rescaled to the run's median machine speed (:func:`speed_normalized`). Off by default:
    on our profile the steps slowed about a quarter as much as the probe, so a full rescale
    added more noise than it removed (docs/costmodel.md).
    """
    ms = speed_normalized(profile.measurements) if normalize_speed else list(profile.measurements)
    refs = [float(m.reference_seconds or 0.0) for m in profile.measurements]
    normalized = normalize_speed and all(refs)
    n_archs = len({m.arch_id for m in ms})
    if n_archs < 3:
        raise ValueError(
            f"the profile has {n_archs} architectures; need at least 3 "
            "(run `specq cost profile` without --quick for a real fit)"
        )
    dtype, roofline = profile.header.dtype, profile.header.roofline
    evaluation = evaluate(ms, dtype, roofline) if run_evaluation else None
    chosen = kind or (evaluation.chosen_kind if evaluation else "hybrid")
    terms, feats, seconds = _design(ms, dtype)
    header = {k: v for k, v in asdict(profile.header).items() if k != "roofline"}
    manifest = {
        "version": MANIFEST_VERSION,
        "time_kind": chosen,
        "term_names": list(TERM_NAMES),
        "feature_names": list(SHAPE_FEATURES + ARCH_FEATURES),
        "activation_terms": list(ACTIVATION_TERMS),
        "speed_normalized": normalized,
        # The machine speed predictions are for: the reference probe's median seconds in the profile.
        "reference_median_seconds": statistics.median(refs) if normalized else None,
        # max_batch_size scales predicted activations by this: 90% of held-out steps fit under it.
        "activation_safety_factor": (
            max(1.0, evaluation.held_out_configs["activation"].p90_ratio)
            if evaluation and "activation" in evaluation.held_out_configs
            else 1.0
        ),
        "profile": {**header, "measurements": len(ms), "architectures": n_archs,
                    "families": sorted({m.arch.family for m in ms}),
                    "timer": sorted({m.timer for m in ms})},
        "roofline": asdict(roofline),
        "evaluation": evaluation.to_json() if evaluation else None,
        "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    return CostModel(
        TimeRegressor.fit(chosen, terms, feats, seconds), _fit_activation(ms, dtype), roofline, manifest
    )
