"""The figures of a theme: its share with an interval, change of share, impact on a score.

* **Share.** ``m`` of ``c`` comments mention the theme: ``p = m/c`` with the Wilson (1927)
  score interval, ``(p + z²/2c ± z √(p(1−p)/c + z²/4c²)) / (1 + z²/c)``.
* **Change of share** between two waves: Newcombe's (1998, *Statistics in Medicine* 17,
  873–890, method 10) hybrid interval for a difference of two independent proportions, built
  from the two Wilson intervals ``[l_i, u_i]``: ``δ − √((p₂−l₂)² + (u₁−p₁)²)`` to
  ``δ + √((u₂−p₂)² + (p₁−l₁)²)``, with the same rising/stable/falling verdict as
  :func:`orientir.stats.verdict`.
* **Impact.** The mean score of respondents who mention the theme minus the mean of those who
  do not (every other respondent of the view with a score, commenting or not), with Welch's
  (1947, *Biometrika* 34, 28–35) interval for a difference of means of two samples with
  unequal variances and the Welch–Satterthwaite degrees of freedom, computed by
  :func:`orientir.stats.compare`. For NPS each answer is scored +100 (promoter, 9–10),
  0 (passive, 7–8) or −100 (detractor, 0–6), so the difference of means is the difference of
  the two groups' NPS in NPS points; for CSAT it is in points of the 1–5 answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats as sps

from orientir.stats import ChangeResult, compare, verdict

FloatArray = npt.NDArray[np.float64]
Interval = tuple[float, float]


def z_quantile(level: float) -> float:
    return float(sps.norm.ppf(0.5 + level / 2.0))


def wilson(successes: int, n: int, level: float) -> Interval:
    """Wilson score interval of ``successes / n`` (``n`` ≥ 1)."""
    z = z_quantile(level)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2.0 * n)) / denom
    half = z / denom * math.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class ShareChange:
    difference: float  # after − before, as a share (0.05 = five percentage points)
    ci: Interval
    verdict: str

    def to_dict(self) -> dict[str, object]:
        return {"difference": self.difference, "ci": list(self.ci), "verdict": self.verdict}


def share_change(m1: int, c1: int, m2: int, c2: int, level: float) -> ShareChange:
    """Newcombe's interval for ``m2/c2 − m1/c1`` (see the module notes)."""
    p1, p2 = m1 / c1, m2 / c2
    l1, u1 = wilson(m1, c1, level)
    l2, u2 = wilson(m2, c2, level)
    diff = p2 - p1
    ci = (
        diff - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
        diff + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2),
    )
    return ShareChange(diff, ci, verdict(ci))


def nps_points(scores: FloatArray) -> FloatArray:
    """0–10 answers → +100 promoter, 0 passive, −100 detractor; missing stays missing."""
    out: FloatArray = np.full(scores.shape, np.nan)
    answered = np.isfinite(scores)
    out[answered & (scores <= 6)] = -100.0
    out[answered & (scores >= 7) & (scores <= 8)] = 0.0
    out[answered & (scores >= 9)] = 100.0
    return out


def impact(with_theme: FloatArray, without: FloatArray, level: float) -> ChangeResult:
    """Welch difference ``mean(with_theme) − mean(without)`` (see the module notes)."""
    return compare(without, with_theme, level=level)
