"""Wave-over-wave change: difference, interval, effect size and a verdict.

Every comparison reports ``after − before`` with a confidence interval and a verdict:

* ``rising``  when the whole interval lies above ``min_difference`` (default 0),
* ``falling`` when it lies below ``−min_difference``,
* ``stable``  otherwise — the data cannot tell a change of that size from noise.

Means (scale scores):

* independent waves: Welch's interval, ``d ± t_{ν} √(s₁²/n₁ + s₂²/n₂)`` with the
  Welch–Satterthwaite ν (Welch 1947); effect size Hedges' g, the difference over the pooled
  SD times ``J = 1 − 3/(4(n₁+n₂) − 9)`` (Hedges 1981, the small-sample correction of Cohen's d);
* paired waves (identified respondents): the mean of the differences ``d_i`` with a
  t interval on n − 1 df; effect size Cohen's d_z = mean(d)/sd(d) (Cohen 1988; Lakens 2013).

NPS: the difference of two NPS with the adjusted-Wald variance of each (Rocks 2016, the
two-sample form of his *NPS* package's ``nps_test``): with ``Var̃ = p̃_pro + p̃_det − NPS̃²``
per wave (the multinomial variance of a −1/0/+1 score after adding ¾, 1½, ¾
pseudo-observations), ``CI = (NPS̃₂ − NPS̃₁) ± z √(Var̃₁/ñ₁ + Var̃₂/ñ₂)``, in NPS points.
No standardised effect size is reported for NPS.

Percent favourable: Newcombe's (1998, *Statistics in Medicine* 17, 873–890) hybrid score
interval for a difference of proportions (his method 10), built from the two Wilson
intervals ``[l_i, u_i]``: ``δ − √((p₂−l₂)² + (u₁−p₁)²)`` to ``δ + √((u₂−p₂)² + (p₁−l₁)²)``.
Effect size Cohen's h = 2 asin √p₂ − 2 asin √p₁ (Cohen 1988).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._grouped import FloatArray, group_sum, layout
from orientir.stats.nps import adjusted_wald, categorise, z_value
from orientir.stats.scores import _favourable_mask

Verdict = Literal["rising", "stable", "falling"]
Groups = Sequence[object] | npt.ArrayLike


@dataclass(frozen=True)
class ChangeResult:
    """``after − before`` with its interval, effect size and verdict."""

    difference: float
    ci: tuple[float, float]
    level: float
    effect_size: float | None
    effect_measure: str | None  # "hedges_g", "cohens_dz", "cohens_h" or None
    verdict: Verdict
    n_before: int
    n_after: int
    paired: bool


def verdict(ci: tuple[float, float], min_difference: float = 0.0) -> Verdict:
    """``rising`` if the interval is above ``min_difference``, ``falling`` if below its negative."""
    result: Verdict = _verdicts(np.array([ci[0]]), np.array([ci[1]]), min_difference)[0]
    return result


def _verdicts(low: FloatArray, high: FloatArray, min_difference: float) -> npt.NDArray[np.object_]:
    if min_difference < 0:
        raise InvalidInput(
            "the smallest meaningful difference cannot be negative",
            key="err.stats.min_difference_negative",
        )
    out = np.full(low.shape, "stable", dtype=object)
    out[low > min_difference] = "rising"
    out[high < -min_difference] = "falling"
    out[np.isnan(low) | np.isnan(high)] = None
    return out


def _welch(
    n1: FloatArray,
    m1: FloatArray,
    v1: FloatArray,
    n2: FloatArray,
    m2: FloatArray,
    v2: FloatArray,
    level: float,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Difference, Welch interval and Hedges' g from group sizes, means and variances."""
    diff = m2 - m1
    with np.errstate(invalid="ignore", divide="ignore"):
        a, b = v1 / n1, v2 / n2
        se = np.sqrt(a + b)
        df = (a + b) ** 2 / (a**2 / (n1 - 1.0) + b**2 / (n2 - 1.0))
        df = np.where(se > 0, df, n1 + n2 - 2.0)
        half = sps.t.ppf(0.5 + level / 2.0, df) * se
        pooled = np.sqrt(((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / (n1 + n2 - 2.0))
        g = diff / pooled * (1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0))
    return diff, diff - half, diff + half, g


def _clean(values: npt.ArrayLike) -> FloatArray:
    arr = np.asarray(values, dtype=np.float64)
    return arr[~np.isnan(arr)]


def compare(
    before: npt.ArrayLike,
    after: npt.ArrayLike,
    *,
    paired: bool = False,
    level: float = 0.95,
    min_difference: float = 0.0,
) -> ChangeResult:
    """Compare two waves of a score (see the module notes for the formulas).

    ``paired=True`` means ``before[i]`` and ``after[i]`` are the same person; pairs with a
    missing side are dropped. Otherwise the waves are independent samples.
    """
    z_value(level)  # validates the level
    if paired:
        b = np.asarray(before, dtype=np.float64)
        a = np.asarray(after, dtype=np.float64)
        if b.shape != a.shape or b.ndim != 1:
            raise InvalidInput(
                "paired waves need one before and one after value per person",
                key="err.stats.paired_needs_before_after",
            )
        d = (a - b)[~(np.isnan(a) | np.isnan(b))]
        n = d.shape[0]
        if n < 2:
            raise InsufficientData(
                "a paired comparison needs at least two people in both waves",
                key="err.stats.paired_needs_two_people",
            )
        mean, sd = float(d.mean()), float(d.std(ddof=1))
        half = float(sps.t.ppf(0.5 + level / 2.0, n - 1)) * sd / np.sqrt(n)
        ci = (mean - half, mean + half)
        return ChangeResult(
            difference=mean,
            ci=ci,
            level=level,
            effect_size=mean / sd if sd > 0 else None,
            effect_measure="cohens_dz",
            verdict=verdict(ci, min_difference),
            n_before=n,
            n_after=n,
            paired=True,
        )
    b, a = _clean(before), _clean(after)
    if b.shape[0] < 2 or a.shape[0] < 2:
        raise InsufficientData(
            "each wave needs at least two answers", key="err.stats.wave_needs_two_answers"
        )

    def one(x: float) -> FloatArray:
        return np.array([x], dtype=np.float64)

    diff, low, high, g = _welch(
        one(len(b)),
        one(b.mean()),
        one(b.var(ddof=1)),
        one(len(a)),
        one(a.mean()),
        one(a.var(ddof=1)),
        level,
    )
    ci = (float(low[0]), float(high[0]))
    return ChangeResult(
        difference=float(diff[0]),
        ci=ci,
        level=level,
        effect_size=float(g[0]) if np.isfinite(g[0]) else None,
        effect_measure="hedges_g",
        verdict=verdict(ci, min_difference),
        n_before=len(b),
        n_after=len(a),
        paired=False,
    )


def _moments_by(
    values: npt.ArrayLike, groups: Groups
) -> tuple[pd.Index, FloatArray, FloatArray, FloatArray]:
    y = np.asarray(values, dtype=np.float64)
    keep = ~np.isnan(y)
    y = y[keep]
    lay = layout(np.asarray(groups)[keep])
    n = lay.counts.astype(np.float64)
    mean = group_sum(y, lay) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        var = group_sum((y - mean[lay.codes]) ** 2, lay) / (n - 1.0)
    return lay.labels, n, mean, var


def _frame(
    index: pd.Index,
    n1: FloatArray,
    n2: FloatArray,
    diff: FloatArray,
    low: FloatArray,
    high: FloatArray,
    effect: FloatArray | None,
    min_difference: float,
) -> pd.DataFrame:
    table = pd.DataFrame(
        {"n_before": n1, "n_after": n2, "difference": diff, "ci_low": low, "ci_high": high},
        index=index,
    )
    if effect is not None:
        table["effect_size"] = effect
    table["verdict"] = _verdicts(low, high, min_difference)
    table[["n_before", "n_after"]] = table[["n_before", "n_after"]].fillna(0).astype(np.int64)
    return table


def compare_by(
    before: npt.ArrayLike,
    before_groups: Groups,
    after: npt.ArrayLike,
    after_groups: Groups,
    *,
    level: float = 0.95,
    min_difference: float = 0.0,
) -> pd.DataFrame:
    """Independent-waves :func:`compare` for every group at once (group sums, no loop).

    Groups present in only one wave, or with fewer than two answers in a wave, get
    missing figures. ``effect_size`` is Hedges' g.
    """
    z_value(level)
    i1, n1, m1, v1 = _moments_by(before, before_groups)
    i2, n2, m2, v2 = _moments_by(after, after_groups)
    index = i1.union(i2)

    def aligned(values: FloatArray, own: pd.Index) -> FloatArray:
        out: FloatArray = np.asarray(
            pd.Series(values, index=own).reindex(index).to_numpy(), dtype=np.float64
        )
        return out

    cols = [aligned(n1, i1), aligned(m1, i1), aligned(v1, i1)]
    cols += [aligned(n2, i2), aligned(m2, i2), aligned(v2, i2)]
    diff, low, high, g = _welch(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], level)
    small = ~((cols[0] >= 2) & (cols[3] >= 2))
    for arr in (diff, low, high, g):
        arr[small] = np.nan
    return _frame(index, cols[0], cols[3], diff, low, high, g, min_difference)


def _nps_counts_by(scores: npt.ArrayLike, groups: Groups) -> tuple[pd.Index, FloatArray]:
    det, pas, pro = categorise(scores)
    lay = layout(groups)
    return lay.labels, group_sum(np.column_stack([det, pas, pro]), lay)


def _nps_diff(c1: FloatArray, c2: FloatArray, level: float) -> tuple[FloatArray, ...]:
    z = z_value(level)
    adj1, var1, n1, _ = adjusted_wald(c1[:, 0], c1[:, 1], c1[:, 2], z)
    adj2, var2, n2, _ = adjusted_wald(c2[:, 0], c2[:, 1], c2[:, 2], z)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = 100.0 * ((c2[:, 2] - c2[:, 0]) / c2.sum(1) - (c1[:, 2] - c1[:, 0]) / c1.sum(1))
    half = z * np.sqrt(var1 / n1 + var2 / n2)
    centre = adj2 - adj1
    return raw, 100.0 * (centre - half), 100.0 * (centre + half)


def compare_nps(
    before: npt.ArrayLike, after: npt.ArrayLike, *, level: float = 0.95, min_difference: float = 0.0
) -> ChangeResult:
    """Change in NPS between two independent waves, in NPS points (see the module notes)."""
    c1 = np.array([[x.sum() for x in categorise(before)]])
    c2 = np.array([[x.sum() for x in categorise(after)]])
    if c1.sum() == 0 or c2.sum() == 0:
        raise InsufficientData(
            "each wave needs at least one NPS answer", key="err.stats.wave_needs_nps_answer"
        )
    diff, low, high = _nps_diff(c1, c2, level)
    ci = (float(low[0]), float(high[0]))
    return ChangeResult(
        difference=float(diff[0]),
        ci=ci,
        level=level,
        effect_size=None,
        effect_measure=None,
        verdict=verdict(ci, min_difference),
        n_before=int(c1.sum()),
        n_after=int(c2.sum()),
        paired=False,
    )


def compare_nps_by(
    before: npt.ArrayLike,
    before_groups: Groups,
    after: npt.ArrayLike,
    after_groups: Groups,
    *,
    level: float = 0.95,
    min_difference: float = 0.0,
) -> pd.DataFrame:
    """:func:`compare_nps` for every group at once; groups missing from a wave get no figures."""
    i1, c1 = _nps_counts_by(before, before_groups)
    i2, c2 = _nps_counts_by(after, after_groups)
    index = i1.union(i2)
    c1 = pd.DataFrame(c1, index=i1).reindex(index).to_numpy()
    c2 = pd.DataFrame(c2, index=i2).reindex(index).to_numpy()
    diff, low, high = _nps_diff(c1, c2, level)
    return _frame(index, c1.sum(1), c2.sum(1), diff, low, high, None, min_difference)


def _wilson(k: FloatArray, n: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1.0 + z**2 / n
        centre = (p + z**2 / (2.0 * n)) / denom
        half = z / denom * np.sqrt(p * (1.0 - p) / n + z**2 / (4.0 * n**2))
    return centre - half, centre + half


def _proportion_diff(
    k1: FloatArray, n1: FloatArray, k2: FloatArray, n2: FloatArray, level: float
) -> tuple[FloatArray, ...]:
    z = z_value(level)
    l1, u1 = _wilson(k1, n1, z)
    l2, u2 = _wilson(k2, n2, z)
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = k1 / n1, k2 / n2
    diff = p2 - p1
    low = diff - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = diff + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    h = 2.0 * np.arcsin(np.sqrt(p2)) - 2.0 * np.arcsin(np.sqrt(p1))
    return diff, low, high, h


def compare_favourable(
    before: npt.ArrayLike,
    after: npt.ArrayLike,
    *,
    scale_max: int,
    level: float = 0.95,
    min_difference: float = 0.0,
) -> ChangeResult:
    """Change in percent favourable (as a share, 0–1) with Newcombe's hybrid score interval."""
    f1, a1 = _favourable_mask(before, scale_max)
    f2, a2 = _favourable_mask(after, scale_max)
    k1, n1, k2, n2 = (np.array([float(x.sum())]) for x in (f1, a1, f2, a2))
    if n1[0] == 0 or n2[0] == 0:
        raise InsufficientData(
            "each wave needs at least one answer", key="err.stats.wave_needs_answer"
        )
    diff, low, high, h = _proportion_diff(k1, n1, k2, n2, level)
    ci = (float(low[0]), float(high[0]))
    return ChangeResult(
        difference=float(diff[0]),
        ci=ci,
        level=level,
        effect_size=float(h[0]),
        effect_measure="cohens_h",
        verdict=verdict(ci, min_difference),
        n_before=int(n1[0]),
        n_after=int(n2[0]),
        paired=False,
    )


def compare_favourable_by(
    before: npt.ArrayLike,
    before_groups: Groups,
    after: npt.ArrayLike,
    after_groups: Groups,
    *,
    scale_max: int,
    level: float = 0.95,
    min_difference: float = 0.0,
) -> pd.DataFrame:
    """:func:`compare_favourable` for every group at once; ``effect_size`` is Cohen's h."""
    parts = []
    for values, groups in ((before, before_groups), (after, after_groups)):
        fav, answered = _favourable_mask(values, scale_max)
        lay = layout(groups)
        sums = group_sum(np.column_stack([fav, answered]).astype(np.float64), lay)
        parts.append(pd.DataFrame(sums, index=lay.labels))
    index = parts[0].index.union(parts[1].index)
    s1, s2 = (p.reindex(index).to_numpy() for p in parts)
    diff, low, high, h = _proportion_diff(s1[:, 0], s1[:, 1], s2[:, 0], s2[:, 1], level)
    return _frame(index, s1[:, 1], s2[:, 1], diff, low, high, h, min_difference)
