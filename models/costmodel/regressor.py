"""Step-time regressors over a step's cost terms (linear, hybrid, gradient-boosted)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from models.costmodel.features import ARCH_FEATURES, SHAPE_FEATURES

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


TIME_KINDS: tuple[str, ...] = ("linear", "hybrid", "gbm")


@dataclass
class TimeRegressor:
    """Step-time regressor over the cost terms of a step.

    * ``linear``: non-negative combination of the additive terms (``TERM_NAMES``), fitted for
      relative error; monotone and extrapolates linearly to bigger networks.
    * ``hybrid``: ``linear`` times ``exp(g)``, g a boosted correction monotone in the shape
      features; outside the profiled range g is flat, so the linear trend carries on.
    * ``gbm``: boosted trees on log features predicting log seconds; flat outside the range.
    """

    kind: str
    linear: Any = None  # sklearn Pipeline(MaxAbsScaler, LinearRegression(positive=True))
    boosted: Any = None  # sklearn HistGradientBoostingRegressor

    @classmethod
    def fit(cls, kind: str, terms: np.ndarray, feats: np.ndarray, seconds: np.ndarray) -> TimeRegressor:
        if kind not in TIME_KINDS:
            raise ValueError(f"unknown time regressor {kind!r}; use one of {TIME_KINDS}")
        reg = cls(kind)
        with one_thread():
            if kind in ("linear", "hybrid"):
                reg.linear = fit_relative_linear(terms, seconds)
            if kind in ("hybrid", "gbm"):
                target = np.log(seconds)
                if kind == "hybrid":
                    target = target - np.log(reg._linear_predict(terms))
                reg.boosted = _boosted_regressor().fit(feats, target)
        return reg

    def _linear_predict(self, terms: np.ndarray) -> np.ndarray:
        return np.maximum(self.linear.predict(terms), 1e-7)

    def predict(self, terms: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """Seconds per step for rows of ``cost_terms`` and ``log_features``."""
        with one_thread():
            if self.kind == "linear":
                return self._linear_predict(terms)
            correction = self.boosted.predict(feats)
            if self.kind == "hybrid":
                return self._linear_predict(terms) * np.exp(correction)
            return np.exp(correction)


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run sklearn on one OpenMP/BLAS thread: the data are small, and on a shared machine
    spin-waiting OpenMP workers make a one-row boosted-tree prediction take ~0.5 s."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


def fit_relative_linear(x: np.ndarray, y: np.ndarray) -> Any:
    """Non-negative least squares on relative error: minimises sum(((x @ w) - y) / y)^2."""
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    # MaxAbsScaler keeps signs (no centring), so positive weights stay meaningful.
    pipe = make_pipeline(MaxAbsScaler(), LinearRegression(positive=True, fit_intercept=False))
    return pipe.fit(x, y, linearregression__sample_weight=1.0 / np.square(y))


def _boosted_regressor() -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor

    monotone = [1] * len(SHAPE_FEATURES) + [0] * len(ARCH_FEATURES)
    return HistGradientBoostingRegressor(
        max_iter=150,
        learning_rate=0.1,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        monotonic_cst=monotone,
        early_stopping=False,
        random_state=0,
    )
