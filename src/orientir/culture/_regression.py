"""Least squares with classical or cluster-robust intervals, and Fisher's interval for ``r``.

* **OLS.** ``β̂ = (XᵀX)⁻¹Xᵀy`` with the classical covariance ``s²(XᵀX)⁻¹`` and ``t`` on
  ``n − p`` degrees of freedom.
* **Cluster-robust (CR1).** When the same unit (a department, an organisation) appears in
  several waves its rows are not independent. The sandwich
  ``(XᵀX)⁻¹ (Σ_g X_gᵀ û_g û_gᵀ X_g) (XᵀX)⁻¹`` scaled by ``G/(G−1) · (n−1)/(n−p)`` with
  ``t`` on ``G − 1`` degrees of freedom — Cameron & Miller (2015), "A practitioner's guide to
  cluster-robust inference", *Journal of Human Resources* 50(2), 317–372, §II.C and §VI.
* **Correlation.** ``r`` is the slope of the standardised variables. Its interval is Fisher's
  (1921) ``tanh(atanh r ± z/√(n − 3))`` when every unit appears once, and the cluster-robust
  interval of the standardised slope (clipped to ±1) otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats as sps

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Fit:
    coef: FloatArray
    se: FloatArray
    df: int
    clustered: bool

    def ci(self, j: int, level: float) -> tuple[float, float]:
        half = float(sps.t.ppf(0.5 + level / 2.0, self.df)) * float(self.se[j])
        return float(self.coef[j]) - half, float(self.coef[j]) + half


def ols(y: FloatArray, x: FloatArray, clusters: npt.NDArray[np.object_] | None) -> Fit | None:
    """Fit ``y ~ x`` (``x`` holds the intercept column); None when it cannot be estimated."""
    n, p = x.shape
    if n <= p:
        return None
    xtx = x.T @ x
    if np.linalg.matrix_rank(xtx) < p:
        return None
    inverse = np.linalg.inv(xtx)
    coef = inverse @ x.T @ y
    resid = y - x @ coef
    groups = None if clusters is None else np.unique(clusters)
    if groups is not None and groups.size < n:
        g = groups.size
        if g < 3:
            return None
        meat = np.zeros((p, p))
        for label in groups:
            rows = clusters == label
            score = x[rows].T @ resid[rows]
            meat += np.outer(score, score)
        scale = g / (g - 1) * (n - 1) / (n - p)
        cov = scale * inverse @ meat @ inverse
        return Fit(coef, np.sqrt(np.clip(np.diag(cov), 0.0, None)), g - 1, True)
    sigma2 = float(resid @ resid) / (n - p)
    return Fit(coef, np.sqrt(np.clip(np.diag(inverse) * sigma2, 0.0, None)), n - p, False)


@dataclass(frozen=True)
class Correlation:
    r: float
    ci: tuple[float, float]
    slope: float  # change of y per unit of x
    n: int
    units: int
    method: str  # "fisher" or "cluster-robust"


def correlation(
    x: FloatArray, y: FloatArray, units: npt.NDArray[np.object_], level: float
) -> Correlation | None:
    """Pearson's ``r`` of ``x`` and ``y`` with its interval (see the module notes)."""
    n = x.size
    distinct = int(np.unique(units).size)
    if n < 4 or x.std() == 0 or y.std() == 0:
        return None
    zx = (x - x.mean()) / x.std(ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    r = float(np.clip((zx * zy).sum() / (n - 1), -1.0, 1.0))
    slope = r * float(y.std(ddof=1)) / float(x.std(ddof=1))
    if distinct == n:
        z = float(sps.norm.ppf(0.5 + level / 2.0))
        centre = math.atanh(min(max(r, -0.999999), 0.999999))
        half = z / math.sqrt(n - 3)
        ci = (math.tanh(centre - half), math.tanh(centre + half))
        return Correlation(r, ci, slope, n, distinct, "fisher")
    fit = ols(zy, np.column_stack([np.ones(n), zx]), units)
    if fit is None:
        return None
    low, high = fit.ci(1, level)
    return Correlation(r, (max(-1.0, low), min(1.0, high)), slope, n, distinct, "cluster-robust")


def smallest_detectable_r(n: int, level: float) -> float:
    """``|r|`` needed to exclude 0 with ``n`` independent pairs (Fisher): ``tanh(z/√(n−3))``."""
    if n <= 3:
        return 1.0
    return math.tanh(float(sps.norm.ppf(0.5 + level / 2.0)) / math.sqrt(n - 3))
