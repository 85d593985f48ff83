"""Within-group agreement and reliability of group means: rwg(j), ICC(1), ICC(2).

These justify reporting a department's mean as the department's climate (Bliese 2000,
"Within-group agreement, non-independence, and reliability", in Klein & Kozlowski (eds.),
*Multilevel theory, research, and methods in organizations*, pp. 349–381).

**rwg(j)** (James, Demaree & Wolf 1984, *J. Applied Psychology* 69, 85–98) for J
items answered on A options, with ``s̄²`` the mean of the J within-group item variances
and the uniform ("no agreement") null variance ``σ²_EU = (A² − 1)/12``:

    rwg(j) = J (1 − s̄²/σ²_EU) / [ J (1 − s̄²/σ²_EU) + s̄²/σ²_EU ]

When ``s̄² > σ²_EU`` the formula leaves 0–1; such groups are set to 0 (no agreement), as
LeBreton & Senter (2008, *Organizational Research Methods* 11, 815–852) recommend.
Item variances are sample variances (n − 1), each over the members who answered the item.

**ICC(1), ICC(2)** from a one-way ANOVA of a variable on group membership (Bliese 2000),
with ``k`` the mean group size, as in Bliese's R package *multilevel*:

    ICC(1) = (MSB − MSW) / (MSB + (k − 1) MSW)        ICC(2) = (MSB − MSW) / MSB
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._grouped import FloatArray, group_sum, layout


@dataclass(frozen=True)
class RwgResult:
    """rwg(j) of one group: agreement in 0–1, ``n`` members, ``items`` J."""

    rwg_j: float
    mean_variance: float
    null_variance: float
    n: int
    items: int


@dataclass(frozen=True)
class IccResult:
    """ICC(1) and ICC(2) from a one-way ANOVA (Bliese 2000), with the ANOVA behind them."""

    icc1: float
    icc2: float
    ms_between: float
    ms_within: float
    f: float
    df_between: int
    df_within: int
    n_groups: int
    mean_group_size: float


def _rwg_arrays(
    values: FloatArray, lay_groups: Sequence[object] | npt.ArrayLike, options: int
) -> tuple[pd.Index, FloatArray, FloatArray, FloatArray]:
    if options < 2:
        raise InvalidInput(
            "rwg(j) needs the number of response options, at least 2",
            key="err.stats.rwg_needs_options",
        )
    lay = layout(lay_groups)
    present = ~np.isnan(values)
    x = np.where(present, values, 0.0)
    count = group_sum(present.astype(np.float64), lay)
    total = group_sum(x, lay)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        # Centre per group before squaring: Σ(x − x̄)² without the Σx² − n x̄² cancellation.
        dev = np.where(present, x - mean[lay.codes], 0.0)
        variance = group_sum(dev**2, lay) / (count - 1.0)
    usable = count > 1  # a variance needs two answers to the item
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_var = np.where(usable, variance, 0.0).sum(axis=1) / usable.sum(axis=1)
    null = (options**2 - 1.0) / 12.0
    j = values.shape[1]
    ratio = mean_var / null
    with np.errstate(invalid="ignore", divide="ignore"):
        rwg = j * (1.0 - ratio) / (j * (1.0 - ratio) + ratio)
    rwg = np.where(ratio > 1.0, 0.0, rwg)
    members = group_sum(present.any(axis=1).astype(np.float64), lay)
    return lay.labels, rwg, mean_var, members


def _as_matrix(items: pd.DataFrame | npt.ArrayLike) -> FloatArray:
    if isinstance(items, pd.DataFrame):
        return items.to_numpy(dtype=np.float64, na_value=np.nan)
    arr = np.asarray(items, dtype=np.float64)
    return arr[:, None] if arr.ndim == 1 else arr


def rwg_j(items: pd.DataFrame | npt.ArrayLike, *, options: int) -> RwgResult:
    """rwg(j) of one group's answers (rows = members, columns = the J items)."""
    values = _as_matrix(items)
    _, rwg, mean_var, members = _rwg_arrays(values, np.zeros(values.shape[0]), options)
    if members[0] < 2 or np.isnan(mean_var[0]):
        raise InsufficientData(
            "rwg(j) needs answers from at least two members",
            key="err.stats.rwg_needs_two_members",
        )
    return RwgResult(
        rwg_j=float(rwg[0]),
        mean_variance=float(mean_var[0]),
        null_variance=(options**2 - 1.0) / 12.0,
        n=int(members[0]),
        items=values.shape[1],
    )


def rwg_j_by(
    items: pd.DataFrame | npt.ArrayLike,
    groups: Sequence[object] | npt.ArrayLike,
    *,
    options: int,
) -> pd.DataFrame:
    """rwg(j) for every group in one vectorised pass.

    Columns ``rwg_j``, ``mean_variance`` and ``n``; a group of one member gets no rwg(j).
    """
    values = _as_matrix(items)
    labels, rwg, mean_var, members = _rwg_arrays(values, groups, options)
    rwg = np.where(members < 2, np.nan, rwg)
    return pd.DataFrame(
        {"rwg_j": rwg, "mean_variance": mean_var, "n": members.astype(np.int64)}, index=labels
    )


def icc(values: npt.ArrayLike, groups: Sequence[object] | npt.ArrayLike) -> IccResult:
    """ICC(1) and ICC(2) of a variable over groups (Bliese 2000; see the module notes).

    Rows with a missing value are left out. Groups of any size are allowed; ``k`` is the
    mean group size.
    """
    y = np.asarray(values, dtype=np.float64)
    g = np.asarray(groups)
    if y.ndim != 1 or g.shape[0] != y.shape[0]:
        raise InvalidInput(
            "give one value and one group label per respondent",
            key="err.stats.one_value_per_respondent",
        )
    keep = ~np.isnan(y)
    y, g = y[keep], g[keep]
    lay = layout(g)
    n_groups = lay.n_groups
    n_total = y.shape[0]
    if n_groups < 2 or n_total - n_groups < 1:
        raise InsufficientData(
            "ICC needs at least two groups and more people than groups",
            key="err.stats.icc_needs_groups",
        )
    counts = lay.counts.astype(np.float64)
    means = group_sum(y, lay) / counts
    grand = y.mean()
    ss_between = float((counts * (means - grand) ** 2).sum())
    ss_within = float(((y - means[lay.codes]) ** 2).sum())
    df_b, df_w = n_groups - 1, n_total - n_groups
    msb, msw = ss_between / df_b, ss_within / df_w
    k = n_total / n_groups
    if msb == 0.0:
        raise InsufficientData(
            "the groups do not differ at all; ICC is undefined",
            key="err.stats.icc_groups_identical",
        )
    return IccResult(
        icc1=(msb - msw) / (msb + (k - 1.0) * msw),
        icc2=(msb - msw) / msb,
        ms_between=msb,
        ms_within=msw,
        f=msb / msw if msw > 0 else float("inf"),
        df_between=df_b,
        df_within=df_w,
        n_groups=n_groups,
        mean_group_size=k,
    )
