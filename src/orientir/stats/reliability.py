"""Cronbach's alpha with the statistics R's ``psych::alpha`` prints.

For ``k`` items with (pairwise-complete) covariance matrix ``C`` and its correlation matrix
``R = D^{-1/2} C D^{-1/2}``, ``D = diag(C)``:

* raw alpha (Cronbach 1951; Guttman's λ₃):  α = k/(k−1) · (1 − tr C / ΣC)
* standardised alpha (from the correlations):       α_std = k/(k−1) · (1 − k / ΣR)
* corrected item–total r (psych's ``r.drop``): the correlation of item i with the sum of
  the other items, ``(Σ_j C_ij − C_ii) / √(C_ii · ΣC_{−i,−i})``
* alpha if item deleted: the two alphas above on ``C`` and ``R`` without row/column i
* Feldt (1965) interval, as in Feldt, Woodruff & Salih (1987) and ``psych::alpha.ci``:
  ``1 − (1 − α) · F_{1−γ/2}(n−1, (n−1)(k−1))`` to ``1 − (1 − α) · F_{γ/2}(n−1, (n−1)(k−1))``
  with γ = 1 − level and ``n`` respondents.

Missing answers: every covariance uses the respondents who answered both items, each pair
with its own means, like ``psych::alpha(use = "pairwise")`` (R's ``cov(use = "pairwise")``).
``R`` is derived from that covariance matrix (cov2cor), not from pairwise correlations —
that is what psych does and why its standardised alpha differs in the third decimal from
one built on pairwise correlations. ``n`` counts respondents with at least one answer,
which is psych's ``nrow`` once empty rows are dropped. On complete data every statistic
equals the listwise one (``pingouin.cronbach_alpha``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._grouped import FloatArray, group_sum, layout, pairwise_moments, prepare


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of one set of items (see the module notes for every formula)."""

    alpha: float
    std_alpha: float
    ci: tuple[float, float]
    level: float
    item_total: pd.Series  # corrected item–total r (psych r.drop), indexed by item
    alpha_if_deleted: pd.Series  # raw alpha without each item, indexed by item
    std_alpha_if_deleted: pd.Series
    n: int


def _alpha_arrays(cov: FloatArray, n: FloatArray, level: float) -> dict[str, FloatArray]:
    """Every alpha statistic for a stack of covariance matrices (groups × k × k)."""
    k = cov.shape[-1]
    diag = np.diagonal(cov, axis1=1, axis2=2)
    total = cov.sum(axis=(1, 2))
    trace = diag.sum(axis=1)
    row = cov.sum(axis=2)
    sd = np.sqrt(diag)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / (sd[:, :, None] * sd[:, None, :])
        corr_total = corr.sum(axis=(1, 2))
        corr_row = corr.sum(axis=2)
        alpha = k / (k - 1) * (1.0 - trace / total)
        std_alpha = k / (k - 1) * (1.0 - k / corr_total)
        # Without item i: ΣC loses its row and column (the diagonal cell was removed twice).
        rest_total = total[:, None] - 2.0 * row + diag
        item_total = (row - diag) / np.sqrt(diag * rest_total)
        if k > 2:
            drop_alpha = (k - 1) / (k - 2) * (1.0 - (trace[:, None] - diag) / rest_total)
            rest_corr = corr_total[:, None] - 2.0 * corr_row + 1.0
            drop_std = (k - 1) / (k - 2) * (1.0 - (k - 1) / rest_corr)
        else:
            drop_alpha = np.full_like(diag, np.nan)
            drop_std = np.full_like(diag, np.nan)
        df1 = n - 1.0
        df2 = (n - 1.0) * (k - 1)
        gamma = 1.0 - level
        low = 1.0 - (1.0 - alpha) * sps.f.ppf(1.0 - gamma / 2.0, df1, df2)
        high = 1.0 - (1.0 - alpha) * sps.f.ppf(gamma / 2.0, df1, df2)
    return {
        "alpha": alpha,
        "std_alpha": std_alpha,
        "ci_low": low,
        "ci_high": high,
        "item_total": item_total,
        "alpha_if_deleted": drop_alpha,
        "std_alpha_if_deleted": drop_std,
    }


def _items_matrix(items: pd.DataFrame | npt.ArrayLike) -> tuple[FloatArray, list[str]]:
    if isinstance(items, pd.DataFrame):
        names = [str(c) for c in items.columns]
        values = items.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        values = np.asarray(items, dtype=np.float64)
        if values.ndim != 2:
            raise InvalidInput(
                "items must be a table: one row per respondent, one column per item",
                key="err.stats.items_not_table",
            )
        names = [f"item{i + 1}" for i in range(values.shape[1])]
    if values.shape[1] < 2:
        raise InvalidInput("alpha needs at least two items", key="err.stats.alpha_needs_two_items")
    return values, names


def _check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise InvalidInput(
            "the confidence level must be between 0 and 1, such as 0.95",
            key="err.stats.confidence_level",
        )


def cronbach_alpha(items: pd.DataFrame | npt.ArrayLike, *, ci: float = 0.95) -> AlphaResult:
    """Cronbach's alpha, standardised alpha, Feldt interval and item statistics.

    ``items``: one row per respondent, one column per item, NaN for a missing answer;
    reverse-keyed items must already be reversed (see :func:`orientir.stats.reverse`).
    ``ci`` is the confidence level of the Feldt interval.
    """
    _check_level(ci)
    values, names = _items_matrix(items)
    values = values[~np.isnan(values).all(axis=1)]
    n = values.shape[0]
    if n < 3:
        raise InsufficientData(
            "alpha needs answers from at least three respondents",
            key="err.stats.alpha_needs_three_respondents",
        )
    lay = layout(np.zeros(n, dtype=np.intp))
    cov, _ = pairwise_moments(values, lay)
    if np.isnan(cov).any() or (np.diagonal(cov[0]) <= 0).any():
        raise InsufficientData(
            "every item needs some spread, and every pair of items two shared answers",
            key="err.stats.alpha_items_need_spread",
        )
    out = _alpha_arrays(cov, np.array([float(n)]), ci)
    index = pd.Index(names)
    return AlphaResult(
        alpha=float(out["alpha"][0]),
        std_alpha=float(out["std_alpha"][0]),
        ci=(float(out["ci_low"][0]), float(out["ci_high"][0])),
        level=ci,
        item_total=pd.Series(out["item_total"][0], index=index, name="item_total"),
        alpha_if_deleted=pd.Series(
            out["alpha_if_deleted"][0], index=index, name="alpha_if_deleted"
        ),
        std_alpha_if_deleted=pd.Series(
            out["std_alpha_if_deleted"][0], index=index, name="std_alpha_if_deleted"
        ),
        n=n,
    )


def cronbach_alpha_by(
    frame: pd.DataFrame,
    items: Sequence[str],
    group: str | Sequence[object] | npt.ArrayLike,
    *,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Alpha for every group in one vectorised pass; a frame indexed by group.

    ``group`` is a column of ``frame`` or one label per row. Columns: ``n``, ``alpha``,
    ``std_alpha``, ``ci_low``, ``ci_high``. Per-group covariance matrices come from batched
    cross products over group-sorted rows (:mod:`orientir.stats._grouped`), not a loop
    over groups. A group with too little data (under 3 respondents, an item without
    spread, a pair of items never answered together) gets missing figures.
    """
    _check_level(ci)
    labels = frame[group] if isinstance(group, str) else group
    values, _ = _items_matrix(frame.loc[:, list(items)])
    lay = layout(np.asarray(labels))
    prepared = prepare(values)
    # Rows without a single answer add nothing to any sum; they only must not be counted.
    n = group_sum(prepared.answered.astype(np.float64), lay)
    cov, _ = pairwise_moments(prepared, lay)
    out = _alpha_arrays(cov, n, ci)
    bad = (
        (n < 3)
        | np.isnan(cov).any(axis=(1, 2))
        | (np.diagonal(cov, axis1=1, axis2=2) <= 0).any(axis=1)
    )
    table = pd.DataFrame(
        {
            "n": n.astype(np.int64),
            "alpha": out["alpha"],
            "std_alpha": out["std_alpha"],
            "ci_low": out["ci_low"],
            "ci_high": out["ci_high"],
        },
        index=lay.labels,
    )
    table.loc[bad, ["alpha", "std_alpha", "ci_low", "ci_high"]] = np.nan
    return table
