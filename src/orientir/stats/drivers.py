"""Driver analysis: Johnson's (2000) relative weights with bootstrap intervals.

Johnson, J. W. (2000). "A heuristic method for estimating the relative weight of predictor
variables in multiple regression." *Multivariate Behavioral Research* 35(1), 1–19.

With ``R_xx = P Δ Pᵀ`` the predictors' correlation matrix and ``r_xy`` their correlations
with the outcome:

    Λ = P Δ^{1/2} Pᵀ          (= R_xx^{1/2}: loadings of the predictors on their closest
                                orthogonal counterparts Z)
    β = Λ^{-1} r_xy            (regression of the outcome on Z)
    ε_j = Σ_k Λ_jk² β_k²       (raw relative weight of predictor j)

The raw weights add up to the model's R²; ``rescaled`` gives each as a percentage of R².
Intervals are bootstrap percentile intervals of the raw weights (Tonidandel, LeBreton &
Johnson 2009, *Psychological Methods* 14, 387–399), resampling respondents with a seeded
generator so the same data give the same intervals. Rows with any missing value are left
out (listwise). Groups under ``min_n`` respondents (default 30) are refused: driver
weights from a handful of people are noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._grouped import FloatArray, layout, pairwise_moments

MIN_N = 30


@dataclass(frozen=True)
class RelativeWeights:
    """Raw weights (sum = R²), weights as % of R², and bootstrap intervals of the raw weights."""

    weights: pd.Series
    rescaled: pd.Series
    r_squared: float
    ci_low: pd.Series
    ci_high: pd.Series
    level: float
    n: int
    n_boot: int
    seed: int


def _weights_from_corr(corr: FloatArray) -> FloatArray:
    """Raw relative weights for a stack of correlation matrices (…, p+1, p+1), outcome last."""
    rxx = corr[..., :-1, :-1]
    rxy = corr[..., :-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    values = np.clip(values, 0.0, None)
    root = (vectors * np.sqrt(values)[..., None, :]) @ np.swapaxes(vectors, -1, -2)
    beta = np.linalg.solve(root, rxy[..., None])[..., 0]
    return np.einsum("...jk,...k->...j", root**2, beta**2)  # type: ignore[no-any-return]


def _corr_stack(samples: FloatArray) -> FloatArray:
    """Correlation matrices of a stack of samples (B, n, v)."""
    centred = samples - samples.mean(axis=1, keepdims=True)
    cov = np.swapaxes(centred, 1, 2) @ centred
    sd = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return cov / (sd[:, :, None] * sd[:, None, :])  # type: ignore[no-any-return]


def _complete(predictors: pd.DataFrame, outcome: npt.ArrayLike) -> tuple[FloatArray, list[str]]:
    y = np.asarray(outcome, dtype=np.float64)
    x = predictors.to_numpy(dtype=np.float64, na_value=np.nan)
    if y.ndim != 1 or y.shape[0] != x.shape[0]:
        raise InvalidInput(
            "give one outcome value per row of predictors", key="err.stats.one_outcome_per_row"
        )
    data = np.column_stack([x, y])
    return data[~np.isnan(data).any(axis=1)], [str(c) for c in predictors.columns]


def relative_weights(
    predictors: pd.DataFrame,
    outcome: npt.ArrayLike,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    min_n: int = MIN_N,
) -> RelativeWeights:
    """Johnson's relative weights of ``predictors`` for ``outcome`` (see the module notes)."""
    if not 0.0 < level < 1.0:
        raise InvalidInput(
            "the confidence level must be between 0 and 1, such as 0.95",
            key="err.stats.confidence_level",
        )
    if min_n < 1 or n_boot < 0:
        raise InvalidInput(
            "min_n must be positive and n_boot not negative", key="err.stats.min_n_n_boot"
        )
    data, names = _complete(predictors, outcome)
    n = data.shape[0]
    if n < max(min_n, data.shape[1] + 1):
        needed = max(min_n, data.shape[1] + 1)
        raise InsufficientData(
            f"driver analysis needs at least {needed} respondents "
            f"with complete answers; this group has {n}",
            key="err.stats.drivers_too_few_respondents",
            params={"needed": needed, "n": n},
        )
    corr = _corr_stack(data[None])[0]
    if np.isnan(corr).any():
        raise InsufficientData(
            "every predictor and the outcome need some spread",
            key="err.stats.drivers_need_spread",
        )
    raw = _weights_from_corr(corr)
    low = np.full_like(raw, np.nan)
    high = np.full_like(raw, np.nan)
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        # Resample in chunks so memory stays near 50 MB whatever n is.
        chunk = max(1, int(5e6 // (n * data.shape[1])))
        draws = []
        for start in range(0, n_boot, chunk):
            idx = rng.integers(0, n, size=(min(chunk, n_boot - start), n))
            boot_corr = _corr_stack(data[idx])
            ok = ~np.isnan(boot_corr).any(axis=(1, 2))
            draws.append(_weights_from_corr(boot_corr[ok]))
        boot = np.concatenate(draws)
        gamma = 1.0 - level
        low, high = np.quantile(boot, [gamma / 2.0, 1.0 - gamma / 2.0], axis=0)
    r2 = float(raw.sum())
    index = pd.Index(names)
    return RelativeWeights(
        weights=pd.Series(raw, index=index, name="weight"),
        rescaled=pd.Series(100.0 * raw / r2 if r2 > 0 else np.nan, index=index, name="percent"),
        r_squared=r2,
        ci_low=pd.Series(low, index=index, name="ci_low"),
        ci_high=pd.Series(high, index=index, name="ci_high"),
        level=level,
        n=n,
        n_boot=n_boot,
        seed=seed,
    )


def relative_weights_by(
    frame: pd.DataFrame,
    predictors: Sequence[str],
    outcome: str,
    group: str | Sequence[object] | npt.ArrayLike,
    *,
    min_n: int = MIN_N,
) -> pd.DataFrame:
    """Raw relative weights for every group in one vectorised pass (no bootstrap).

    One row per group: a column per predictor, ``r_squared`` and ``n`` (complete rows).
    Groups under ``min_n`` are kept with missing weights rather than failing the call, so
    one small department does not hide the other 199; the single-group
    :func:`relative_weights` refuses them with :class:`InsufficientData`.
    """
    labels = np.asarray(frame[group] if isinstance(group, str) else group)
    data = frame.loc[:, [*predictors, outcome]].to_numpy(dtype=np.float64, na_value=np.nan)
    keep = ~np.isnan(data).any(axis=1)
    lay = layout(labels[keep])
    cov, _ = pairwise_moments(data[keep], lay)  # complete rows: pairwise = listwise
    sd = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / (sd[:, :, None] * sd[:, None, :])
    n = lay.counts
    usable = (n >= max(min_n, len(predictors) + 2)) & ~np.isnan(corr).any(axis=(1, 2))
    weights = np.full((lay.n_groups, len(predictors)), np.nan)
    if usable.any():
        weights[usable] = _weights_from_corr(corr[usable])
    table = pd.DataFrame(weights, index=lay.labels, columns=list(predictors))
    table["r_squared"] = weights.sum(axis=1)
    table.loc[~usable, "r_squared"] = np.nan
    table["n"] = n.astype(np.int64)
    return table
