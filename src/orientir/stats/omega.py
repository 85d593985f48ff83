"""McDonald's omega (total and hierarchical) from a Schmid–Leiman solution.

The procedure is the one ``psych::omega`` documents (Revelle & Zinbarg 2009; McDonald 1999,
*Test theory*, ch. 6):

1. ``R`` = Pearson correlations of the items, pairwise-complete.
2. ``m`` group factors (default 3) by minres, varimax-rotated, then rotated obliquely by
   oblimin (quartimin) to a pattern ``F`` with factor correlations ``Φ``.
3. Schmid & Leiman (1957) transformation: one minres factor of ``Φ`` gives the loadings
   ``γ`` of the group factors on a general factor (for m = 2 the two are set equal,
   ``γ₁ = γ₂ = √|φ₁₂|``, psych's ``option = "equal"``; for m = 1, γ = 1). Then
   general loadings ``g = F γ``, group loadings ``F_ij · √(1 − γ_j²)``.
4. Items whose general loading is negative are reversed (psych's ``flip = TRUE``): with
   ``D = diag(sign g)``, ``V_t = Σ (D R D)`` is the variance of the unit-weighted total.
5. ``h²`` = communalities of the minres solution, ``u² = 1 − h²``, and

       ω_h = (Σ |g_i|)² / V_t            ω_t = (V_t − Σ u²_i) / V_t

   (Zinbarg, Revelle, Yovel & Li 2005; psych's ``omega_h`` and ``omega.tot``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._factor import (
    minres,
    minres_many,
    oblimin,
    oblimin_many,
    varimax,
    varimax_many,
)
from orientir.stats._grouped import (
    FloatArray,
    group_sum,
    layout,
    pairwise_correlations,
    pairwise_correlations_by,
    prepare,
)


@dataclass(frozen=True)
class OmegaResult:
    """Omega total and hierarchical, with the Schmid–Leiman loadings behind them."""

    total: float
    hierarchical: float
    alpha: float  # standardised alpha of the (flipped) correlation matrix, as psych prints
    n_factors: int
    general: pd.Series  # general-factor loadings g (after flipping)
    group: pd.DataFrame  # group-factor loadings
    communality: pd.Series  # h²
    flipped: tuple[str, ...]  # items reversed because their g loading was negative
    n: int


def _correlations(items: pd.DataFrame | npt.ArrayLike) -> tuple[FloatArray, list[str], int]:
    if isinstance(items, pd.DataFrame):
        frame = items.astype(np.float64)
    else:
        arr = np.asarray(items, dtype=np.float64)
        if arr.ndim != 2:
            raise InvalidInput(
                "items must be a table: one row per respondent, one column per item",
                key="err.stats.items_not_table",
            )
        frame = pd.DataFrame(arr, columns=[f"item{i + 1}" for i in range(arr.shape[1])])
    frame = frame.dropna(how="all")
    corr = pairwise_correlations(frame.to_numpy(dtype=np.float64, na_value=np.nan))
    if np.isnan(corr).any():
        raise InsufficientData(
            "every item needs some spread, and every pair of items three shared answers",
            key="err.stats.omega_items_need_spread",
        )
    return corr, [str(c) for c in frame.columns], len(frame)


def _general_loadings(phi: FloatArray) -> FloatArray:
    """Loadings of the group factors on one general factor (Schmid–Leiman step)."""
    m = phi.shape[0]
    if m == 1:
        return np.ones(1)
    if m == 2:
        loading = np.sqrt(abs(phi[0, 1]))
        return np.array([loading, np.sign(phi[0, 1]) * loading])
    gamma, _ = minres(phi, 1)
    gamma = gamma[:, 0]
    return gamma if gamma.sum() >= 0 else -gamma


def omega(items: pd.DataFrame | npt.ArrayLike, *, n_factors: int = 3) -> OmegaResult:
    """Omega hierarchical and total of a set of items (see the module notes).

    ``items``: one row per respondent, one column per item; NaN for a missing answer.
    Reverse keying is not needed: items loading negatively on the general factor are
    flipped, as ``psych::omega`` does by default.
    """
    corr, names, n = _correlations(items)
    p = corr.shape[0]
    if n_factors < 1:
        raise InvalidInput(
            "omega needs at least one group factor", key="err.stats.omega_needs_group_factor"
        )
    if p < n_factors + 2:
        raise InsufficientData(
            f"omega with {n_factors} group factors needs at least {n_factors + 2} items",
            key="err.stats.omega_too_few_items",
            params={"n_factors": n_factors, "needed": n_factors + 2},
        )
    unrotated, _ = minres(corr, n_factors)
    communality = (unrotated**2).sum(axis=1)
    orthogonal = varimax(unrotated)
    pattern, phi = oblimin(orthogonal)
    gamma = _general_loadings(phi)
    general = pattern @ gamma
    group = pattern * np.sqrt(np.clip(1.0 - gamma**2, 0.0, None))
    keys = np.where(general < 0, -1.0, 1.0)
    flipped_corr = corr * np.outer(keys, keys)
    total_var = float(flipped_corr.sum())
    uniqueness = 1.0 - communality
    hierarchical = float((keys * general).sum() ** 2 / total_var)
    total = float((total_var - uniqueness.sum()) / total_var)
    alpha = float(p / (p - 1) * (1.0 - p / total_var))
    index = pd.Index(names)
    return OmegaResult(
        total=total,
        hierarchical=hierarchical,
        alpha=alpha,
        n_factors=n_factors,
        general=pd.Series(keys * general, index=index, name="g"),
        group=pd.DataFrame(
            keys[:, None] * group, index=index, columns=[f"F{j + 1}" for j in range(n_factors)]
        ),
        communality=pd.Series(communality, index=index, name="h2"),
        flipped=tuple(name for name, key in zip(names, keys, strict=True) if key < 0),
        n=n,
    )


def _general_loadings_many(phi: FloatArray) -> FloatArray:
    """:func:`_general_loadings` for a stack of factor correlation matrices."""
    g, m, _ = phi.shape
    if m == 1:
        return np.ones((g, 1))
    if m == 2:
        loading = np.sqrt(np.abs(phi[:, 0, 1]))
        return np.stack([loading, np.sign(phi[:, 0, 1]) * loading], axis=1)
    gamma, _ = minres_many(phi, 1)
    gamma = gamma[:, :, 0]
    out: FloatArray = np.where(gamma.sum(axis=1, keepdims=True) >= 0, gamma, -gamma)
    return out


def omega_by(
    frame: pd.DataFrame,
    items: Sequence[str],
    group: str | Sequence[object] | npt.ArrayLike,
    *,
    n_factors: int = 3,
) -> pd.DataFrame:
    """:func:`omega` for every group in one call; a frame indexed by group.

    ``group`` is a column of ``frame`` or one label per row. Columns: ``n`` (respondents
    with at least one answer), ``total``, ``hierarchical`` and ``alpha`` — each group's value
    is the one :func:`omega` gives on that group's rows alone (same formulas, module notes).

    No Python loop over groups: the per-group pairwise correlations come from one pass of
    batched cross products (:func:`orientir.stats._grouped.pairwise_correlations_by`); minres
    runs as one bounded quasi-Newton fit of all groups' uniquenesses (the criteria are
    independent, so the joint minimum is each group's minimum) with batched
    eigendecompositions; varimax and oblimin iterate on the whole stack, each group keeping
    its own step size and stopping rule (:mod:`orientir.stats._factor`). A group whose
    correlations are undefined (under 3 shared answers for a pair, an item without spread)
    gets missing figures.
    """
    if n_factors < 1:
        raise InvalidInput(
            "omega needs at least one group factor", key="err.stats.omega_needs_group_factor"
        )
    names = list(items)
    p = len(names)
    if p < n_factors + 2:
        raise InsufficientData(
            f"omega with {n_factors} group factors needs at least {n_factors + 2} items",
            key="err.stats.omega_too_few_items",
            params={"n_factors": n_factors, "needed": n_factors + 2},
        )
    labels = frame[group] if isinstance(group, str) else group
    values = frame.loc[:, names].to_numpy(dtype=np.float64, na_value=np.nan)
    lay = layout(np.asarray(labels))
    prepared = prepare(values)
    n = group_sum(prepared.answered.astype(np.float64), lay)
    corr = pairwise_correlations_by(prepared, lay)
    ok = ~np.isnan(corr).any(axis=(1, 2))
    table = pd.DataFrame(
        {"n": n.astype(np.int64), "total": np.nan, "hierarchical": np.nan, "alpha": np.nan},
        index=lay.labels,
    )
    if not ok.any():
        return table
    good = corr[ok]
    unrotated, _ = minres_many(good, n_factors)
    communality = (unrotated**2).sum(axis=2)
    pattern, phi = oblimin_many(varimax_many(unrotated))
    gamma = _general_loadings_many(phi)
    general = np.einsum("gif,gf->gi", pattern, gamma)
    keys = np.where(general < 0, -1.0, 1.0)
    total_var = (good * keys[:, :, None] * keys[:, None, :]).sum(axis=(1, 2))
    table.loc[ok, "hierarchical"] = (keys * general).sum(axis=1) ** 2 / total_var
    table.loc[ok, "total"] = (total_var - (1.0 - communality).sum(axis=1)) / total_var
    table.loc[ok, "alpha"] = p / (p - 1) * (1.0 - p / total_var)
    return table
