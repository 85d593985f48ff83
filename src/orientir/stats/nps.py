"""Net Promoter Score (and eNPS, which is the same statistic asked of employees).

On the 0–10 likelihood-to-recommend question, 9–10 are promoters, 7–8 passives and 0–6
detractors (Reichheld 2003). With shares ``p_pro`` and ``p_det`` of ``n`` answers,

    NPS = 100 · (p_pro − p_det)                       (−100 … 100)

Confidence interval: the adjusted Wald interval of Rocks (2016), "Interval estimation for
the 'Net Promoter Score'", *The American Statistician* (preprint arXiv:1601.07235), whose
abstract finds "variations on the Adjusted Wald" among the best performers. Before the
usual Wald interval, 3 pseudo-observations are added in the proportions ¼ : ½ : ¼ — that
is ¾ to detractors, 1½ to passives and ¾ to promoters. This is the default
``pseudo_observations = c(0.75, 1.50, 0.75)`` of Rocks' own R package *NPS*
(``nps_test(..., test = "adjusted.wald")``) and the recipe of Lewis & Sauro (MeasuringU,
2021, "Evaluating NPS confidence intervals with real-world data"): add 3 to n and ¾ to
each of detractors and promoters. 3 ≈ ¾·z² at 95 % (¾ · 1.96² = 2.88); both sources use
the fixed 3, so it is kept at every confidence level. With the adjusted counts ``ñ = n + 3``,
``p̃_pro = (x_pro + ¾)/ñ`` and ``p̃_det = (x_det + ¾)/ñ``:

    NPS̃ = p̃_pro − p̃_det
    Var̃ = p̃_pro + p̃_det − NPS̃²          (variance of one trinomial score −1/0/+1)
    CI  = 100 · (NPS̃ ± z · √(Var̃ / ñ)), clipped to [−100, 100]

The interval is centred on the adjusted estimate; ``nps`` reports the unadjusted score.
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
from orientir.stats._grouped import group_sum, layout

FloatArray = npt.NDArray[np.float64]

#: Pseudo-observations added to (detractors, passives, promoters) — Rocks (2016).
PSEUDO_OBSERVATIONS = (0.75, 1.5, 0.75)


@dataclass(frozen=True)
class NpsResult:
    """NPS on −100…100, category shares in 0–1, ``n`` answers and the interval ``ci``."""

    nps: float
    promoters: float
    passives: float
    detractors: float
    n: int
    ci: tuple[float, float]
    level: float


def z_value(level: float) -> float:
    """Two-sided standard-normal quantile for a confidence ``level`` such as 0.95."""
    if not 0.0 < level < 1.0:
        raise InvalidInput(
            "the confidence level must be between 0 and 1, such as 0.95",
            key="err.stats.confidence_level",
        )
    return float(sps.norm.ppf(0.5 + level / 2.0))


def categorise(scores: npt.ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Indicator arrays (detractor, passive, promoter) for 0–10 answers; NaN counts as none."""
    arr = np.asarray(scores, dtype=np.float64)
    answered = ~np.isnan(arr)
    valid = arr[answered]
    if ((valid < 0) | (valid > 10) | (valid != np.round(valid))).any():
        raise InvalidInput(
            "NPS answers must be whole numbers from 0 to 10", key="err.stats.nps_answers_range"
        )
    det = (answered & (arr <= 6)).astype(np.float64)
    pas = (answered & (arr >= 7) & (arr <= 8)).astype(np.float64)
    pro = (answered & (arr >= 9)).astype(np.float64)
    return det, pas, pro


def adjusted_wald(
    det: FloatArray, pas: FloatArray, pro: FloatArray, z: float
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Adjusted NPS̃, its variance term and the interval from category counts (on −1…1).

    Returns ``(nps_adj, var_adj, n_adj, half_width)``; all arrays, one entry per group.
    """
    a_det, a_pas, a_pro = PSEUDO_OBSERVATIONS
    n_adj = det + pas + pro + (a_det + a_pas + a_pro)
    p_pro = (pro + a_pro) / n_adj
    p_det = (det + a_det) / n_adj
    nps_adj = p_pro - p_det
    var_adj = p_pro + p_det - nps_adj**2
    half = z * np.sqrt(var_adj / n_adj)
    return nps_adj, var_adj, n_adj, half


def _interval(nps_adj: FloatArray, half: FloatArray) -> tuple[FloatArray, FloatArray]:
    low = np.clip(100.0 * (nps_adj - half), -100.0, 100.0)
    high = np.clip(100.0 * (nps_adj + half), -100.0, 100.0)
    return low, high


def nps(scores: npt.ArrayLike, *, level: float = 0.95) -> NpsResult:
    """NPS of 0–10 answers with the Rocks (2016) adjusted-Wald interval (see module notes).

    Missing answers (NaN) are left out. eNPS is computed by the same function.
    """
    det, pas, pro = categorise(scores)
    counts = np.array([det.sum(), pas.sum(), pro.sum()])
    n = int(counts.sum())
    if n == 0:
        raise InsufficientData("no answers to compute an NPS from", key="err.stats.nps_no_answers")
    nps_adj, _, _, half = adjusted_wald(counts[:1], counts[1:2], counts[2:], z_value(level))
    low, high = _interval(nps_adj, half)
    shares = counts / n
    return NpsResult(
        nps=float(100.0 * (shares[2] - shares[0])),
        promoters=float(shares[2]),
        passives=float(shares[1]),
        detractors=float(shares[0]),
        n=n,
        ci=(float(low[0]), float(high[0])),
        level=level,
    )


def nps_by(
    scores: npt.ArrayLike, groups: Sequence[object] | npt.ArrayLike, *, level: float = 0.95
) -> pd.DataFrame:
    """NPS for every group in one vectorised pass (group sums, no loop over groups).

    Columns: ``nps``, ``promoters``, ``passives``, ``detractors``, ``n``, ``ci_low``,
    ``ci_high``. A group without answers gets missing figures.
    """
    det, pas, pro = categorise(scores)
    lay = layout(groups)
    sums = group_sum(np.column_stack([det, pas, pro]), lay)
    d, p, r = sums[:, 0], sums[:, 1], sums[:, 2]
    n = d + p + r
    nps_adj, _, _, half = adjusted_wald(d, p, r, z_value(level))
    low, high = _interval(nps_adj, half)
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame(
            {
                "nps": 100.0 * (r - d) / n,
                "promoters": r / n,
                "passives": p / n,
                "detractors": d / n,
                "n": n.astype(np.int64),
                "ci_low": np.where(n > 0, low, np.nan),
                "ci_high": np.where(n > 0, high, np.nan),
            },
            index=lay.labels,
        )
