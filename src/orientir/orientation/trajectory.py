"""Trajectory: when will the index reach its target?

**Series.** :func:`index_series` groups an organisation's waves into calendar quarters by
``closes_on`` and scores the index once per quarter (a quarter missing a component is skipped
and listed, unless ``allow_missing``); each point sits at the quarter's last closing date.

**Trend.** An ordinary least-squares line ``y = a + b·t`` through the points, ``t`` in years.
With ``n`` points, residual standard deviation ``s`` (``n − 2`` degrees of freedom),
``S_xx = Σ(t_i − t̄)²`` and ``q = t_{n−2, (1+level)/2}``, the prediction interval of the index
a future wave would measure at time ``t`` is (e.g. Montgomery, Peck & Vining, *Introduction to
Linear Regression Analysis*, 5th ed., §2.5)

    ŷ(t) ± q · s · √(1 + 1/n + (t − t̄)² / S_xx).

**When.** Day by day from ``as_of`` (the last point by default) up to ``horizon_years``:

* ``estimate`` — the first day the fitted line reaches the target;
* ``earliest`` — the first day the *upper* prediction bound reaches it (sooner is implausible);
* ``latest`` — the first day the *lower* bound reaches it (by then a wave is expected to show
  it); ``None`` when even that does not happen within the horizon (a flat or uncertain trend).

**Verdict.** ``reached`` when the fitted line is already at or above the target at
``as_of``; ``possible within the next quarter`` when ``earliest`` falls before the end of the
quarter after ``as_of``'s; ``not within the next quarter`` when ``earliest`` is later than
that — the commentator's "not within a quarter", said only when the data say so;
``not in sight`` when the fitted line does not reach the target within the horizon (a flat
or falling trend; ``earliest`` may still show the optimistic bound). Fewer
than three points raise :class:`~orientir.errors.InsufficientData`: two points fix a line
exactly and leave no way to judge its uncertainty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np
from scipy import stats as sps

from orientir.errors import InsufficientData, InvalidInput
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._common import (
    Interval,
    Message,
    check_level,
    ci_list,
    next_quarter_end,
    quarter_label,
    years_since,
)
from orientir.orientation.index import compute_index
from orientir.orientation.index_model import IndexModel
from orientir.orientation.inputs import WaveData, check_same_org
from orientir.stats import DEFAULT_K

MIN_POINTS = 3
TrajectoryVerdict = Literal[
    "reached", "possible within the next quarter", "not within the next quarter", "not in sight"
]
_VERDICT_KEYS = {
    "reached": "reached",
    "possible within the next quarter": "possible",
    "not within the next quarter": "not_next_quarter",
    "not in sight": "not_in_sight",
}


@dataclass(frozen=True)
class IndexPoint:
    when: date
    value: float
    label: str = ""  # e.g. the quarter, "2025-Q1"

    def to_dict(self) -> dict[str, Any]:
        return {"when": self.when.isoformat(), "value": self.value, "label": self.label}


@dataclass(frozen=True)
class IndexSeries:
    model: str
    org: str
    points: tuple[IndexPoint, ...]
    skipped: tuple[tuple[str, str], ...]  # (quarter, why)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "index_series",
            "model": self.model,
            "org": self.org,
            "points": [p.to_dict() for p in self.points],
            "skipped": [{"quarter": q, "reason": why} for q, why in self.skipped],
        }


def index_series(
    model: IndexModel, waves: Sequence[WaveData], *, k: int = DEFAULT_K, allow_missing: bool = False
) -> IndexSeries:
    """The index once per calendar quarter of the waves' closing dates."""
    waves = list(waves)
    org = check_same_org(waves)
    rounds: dict[str, list[WaveData]] = {}
    for wave in sorted(waves, key=lambda w: w.closes_on):
        rounds.setdefault(quarter_label(wave.closes_on), []).append(wave)
    points, skipped = [], []
    for quarter, members in rounds.items():
        try:
            result = compute_index(model, members, k=k, n_boot=0, allow_missing=allow_missing)
        except InsufficientData as exc:
            skipped.append((quarter, str(exc)))
            continue
        if result.value is None:
            skipped.append((quarter, "suppressed by the anonymity guard"))
            continue
        points.append(IndexPoint(result.as_of, result.value, quarter))
    return IndexSeries(model.id, org, tuple(points), tuple(skipped))


@dataclass(frozen=True)
class TrajectoryResult:
    target: float
    level: float
    points: tuple[IndexPoint, ...]
    as_of: date
    slope: float  # index points per year
    slope_ci: Interval
    fitted_now: float  # the trend line at as_of
    verdict: TrajectoryVerdict
    estimate: date | None
    earliest: date | None
    latest: date | None
    next_quarter: str
    horizon_end: date

    @property
    def estimate_quarter(self) -> str | None:
        return None if self.estimate is None else quarter_label(self.estimate)

    @property
    def earliest_quarter(self) -> str | None:
        return None if self.earliest is None else quarter_label(self.earliest)

    @property
    def latest_quarter(self) -> str | None:
        return None if self.latest is None else quarter_label(self.latest)

    @property
    def summary(self) -> Message:
        return Message(
            f"orientation.trajectory.{_VERDICT_KEYS[self.verdict]}",
            {
                "target": self.target,
                "estimate": self.estimate_quarter or "-",
                "earliest": self.earliest_quarter or "-",
                "latest": self.latest_quarter or "-",
                "next_quarter": self.next_quarter,
                "slope": self.slope,
            },
        )

    def to_dict(self) -> dict[str, Any]:
        def iso(day: date | None) -> str | None:
            return None if day is None else day.isoformat()

        return {
            "kind": "trajectory",
            "target": self.target,
            "level": self.level,
            "points": [p.to_dict() for p in self.points],
            "as_of": self.as_of.isoformat(),
            "slope_per_year": self.slope,
            "slope_ci": ci_list(self.slope_ci),
            "fitted_now": self.fitted_now,
            "verdict": self.verdict,
            "estimate": {"date": iso(self.estimate), "quarter": self.estimate_quarter},
            "earliest": {"date": iso(self.earliest), "quarter": self.earliest_quarter},
            "latest": {"date": iso(self.latest), "quarter": self.latest_quarter},
            "next_quarter": self.next_quarter,
            "horizon_end": self.horizon_end.isoformat(),
            "summary": self.summary.to_dict(),
        }


def _points(points: Sequence[IndexPoint] | Sequence[tuple[date, float]]) -> list[IndexPoint]:
    out = []
    for p in points:
        point = p if isinstance(p, IndexPoint) else IndexPoint(p[0], float(p[1]))
        if not math.isfinite(point.value):
            raise InvalidInput(
                "every index value on the trajectory must be a number",
                key="err.orientation.every_index_value_trajectory",
            )
        out.append(point)
    return sorted(out, key=lambda p: p.when)


def trajectory(
    points: Sequence[IndexPoint] | Sequence[tuple[date, float]],
    target: float,
    *,
    as_of: date | None = None,
    level: float = 0.95,
    horizon_years: float = 10.0,
) -> TrajectoryResult:
    """When the index is expected to reach ``target`` (see the module notes)."""
    level = check_level(level)
    series = _points(points)
    if len(series) < MIN_POINTS:
        raise InsufficientData(
            f"a trajectory needs at least {MIN_POINTS} waves (quarters) of the index; "
            f"there are {len(series)}",
            key="err.orientation.trajectory_needs_least_waves",
            params={"min_points": MIN_POINTS, "count": len(series)},
        )
    if not 0 < horizon_years <= 50:
        raise InvalidInput(
            "horizon_years must be above 0 and at most 50",
            key="err.orientation.horizon_years_must_above",
        )
    origin = series[0].when
    t = np.array([years_since(origin, p.when) for p in series])
    y = np.array([p.value for p in series])
    n, t_mean = t.size, float(t.mean())
    sxx = float(((t - t_mean) ** 2).sum())
    if sxx == 0:
        raise InsufficientData(
            "the waves all fall on one date; a trend needs time between them",
            key="err.orientation.waves_all_fall_date",
        )
    slope = float(((t - t_mean) * (y - y.mean())).sum() / sxx)
    intercept = float(y.mean() - slope * t_mean)
    resid = y - (intercept + slope * t)
    s = math.sqrt(float((resid**2).sum()) / (n - 2))
    q = float(sps.t.ppf(0.5 + level / 2.0, n - 2))
    half_slope = q * s / math.sqrt(sxx)
    as_of = as_of or series[-1].when
    horizon_end = as_of + timedelta(days=round(365.25 * horizon_years))
    days = np.arange(1, (horizon_end - as_of).days + 1)
    tt = years_since(origin, as_of) + days / 365.25
    fitted = intercept + slope * tt
    half = q * s * np.sqrt(1.0 + 1.0 / n + (tt - t_mean) ** 2 / sxx)

    def first(reached: np.ndarray) -> date | None:
        return as_of + timedelta(days=int(days[np.argmax(reached)])) if reached.any() else None

    fitted_now = intercept + slope * years_since(origin, as_of)
    estimate, earliest = first(fitted >= target), first(fitted + half >= target)
    latest = first(fitted - half >= target)
    boundary = next_quarter_end(as_of)
    verdict: TrajectoryVerdict
    if fitted_now >= target:
        verdict, estimate = "reached", None
    elif estimate is None or earliest is None:
        verdict = "not in sight"
    elif earliest <= boundary:
        verdict = "possible within the next quarter"
    else:
        verdict = "not within the next quarter"
    return TrajectoryResult(
        target=float(target),
        level=level,
        points=tuple(series),
        as_of=as_of,
        slope=slope,
        slope_ci=(slope - half_slope, slope + half_slope),
        fitted_now=float(fitted_now),
        verdict=verdict,
        estimate=estimate,
        earliest=earliest,
        latest=latest,
        next_quarter=quarter_label(boundary),
        horizon_end=horizon_end,
    )


def index_trajectory(
    model: IndexModel,
    waves: Sequence[WaveData],
    target: float,
    *,
    k: int = DEFAULT_K,
    level: float = 0.95,
    horizon_years: float = 10.0,
    allow_missing: bool = False,
) -> TrajectoryResult:
    """:func:`trajectory` of the quarterly :func:`index_series` of ``waves``."""
    series = index_series(model, waves, k=k, allow_missing=allow_missing)
    if len(series.points) < MIN_POINTS:
        skipped = "; ".join(f"{q}: {why}" for q, why in series.skipped) or "none"
        raise InsufficientData(
            f"a trajectory needs the index in at least {MIN_POINTS} quarters; it could be "
            f"computed in {len(series.points)} (skipped quarters — {skipped})",
            key="err.orientation.trajectory_needs_index_least",
            params={"min_points": MIN_POINTS, "computed": len(series.points), "skipped": skipped},
        )
    return trajectory(series.points, target, level=level, horizon_years=horizon_years)
