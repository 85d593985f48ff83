"""The competing-values culture profile of a wave: now, preferred, gap, dominance, consistency.

**Scores.** A respondent's score on a type is the mean of the points given to it over the six
dimensions, separately for *now* and *preferred*; the four types of one state sum to 100. Only
respondents who answered all the allocations (both parts) enter the profile, so the gap is
always taken on the same people; the others are counted in ``incomplete``.

**Group figures** (the whole organisation, and with ``by="department"`` every department and
its ancestors). Per type: the mean now and preferred with Student-t intervals, and the gap
``preferred − now`` as :func:`orientir.stats.compare` with ``paired=True`` computes it (the
mean of the respondents' own differences, a t interval, Cohen's d_z and a rising/stable/falling
verdict; :func:`paired` repeats that formula with cached quantiles, for speed).
``notable`` marks a gap of at least 10 points: Cameron & Quinn (2011, ch. 4) treat
differences of about ten points as the ones worth discussing.

**Dominant type**: the type with the highest mean now (and preferred); ``strength`` is its
lead over the runner-up in points, and ``clear`` says whether the paired interval of that lead
excludes zero.

**Consistency** (Cameron & Quinn's *congruence*: do the six dimensions stress the same type?).
On the group's mean profile (dimensions × types): Kendall's coefficient of concordance ``W``
with the six dimensions as judges ranking the four types (Kendall & Babington Smith 1939,
*Annals of Mathematical Statistics* 10, 275–287), ``W = 12S / (m²(n³ − n) − m ΣT)`` with
``m = 6`` dimensions, ``n = 4`` types, ``S`` the squared deviations of the rank sums and
``T = Σ(t³ − t)`` over tied ranks; ``W = 1`` when every dimension ranks the types alike. Its
Friedman ``χ² = m(n − 1)W`` on ``n − 1`` degrees of freedom gives a p-value (approximate for
six judges). Beside it: the mean over types of the standard deviation of the type's points
across dimensions (``mean_sd``; lower is more consistent) and how many dimensions have the
overall dominant type on top.

**Anonymity.** Cells form the department tree under the whole wave (key ``""``) and go through
:func:`orientir.stats.suppress`: a cell of fewer than ``k`` respondents, or one that would let
a hidden cell be recovered by subtraction, shows no figure.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats as sps

from orientir.culture import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.culture._cells import department_cells, guard_cells
from orientir.culture._regression import FloatArray
from orientir.culture.layout import STATES, TYPES, CultureLayout, culture_layout
from orientir.errors import InvalidInput
from orientir.orientation import WaveData
from orientir.stats import DEFAULT_K, check_k, verdict

NOTABLE_GAP = 10.0
By = Literal["department"]


@functools.lru_cache(maxsize=4096)
def t_quantile(df: int, level: float) -> float:
    """Two-sided Student-t quantile, cached: scipy takes about a millisecond per call."""
    return float(sps.t.ppf(0.5 + level / 2.0, df))


def mean_ci(values: FloatArray, level: float) -> tuple[float, tuple[float, float] | None]:
    """Mean with a Student-t interval (None below two values)."""
    mean = float(values.mean())
    if values.size < 2:
        return mean, None
    half = t_quantile(values.size - 1, level) * float(values.std(ddof=1)) / np.sqrt(values.size)
    return mean, (mean - half, mean + half)


@dataclass(frozen=True)
class Paired:
    """``mean(after − before)`` of paired values with a t interval, Cohen's d_z and a verdict."""

    difference: float
    ci: tuple[float, float]
    dz: float | None
    verdict: str


def paired(before: FloatArray, after: FloatArray, level: float) -> Paired:
    """:func:`orientir.stats.compare` with ``paired=True`` on at least two pairs, repeated here
    with a cached quantile because a department tree needs it hundreds of times:
    ``d̄ ± t_{n−1} s_d/√n``, ``d_z = d̄/s_d`` (Cohen 1988), :func:`orientir.stats.verdict`."""
    d = after - before
    mean, ci = mean_ci(d, level)
    if ci is None:
        ci = (mean, mean)
    sd = float(d.std(ddof=1)) if d.size > 1 else 0.0
    return Paired(mean, ci, mean / sd if sd > 0 else None, verdict(ci))


@dataclass(frozen=True)
class TypeFigure:
    type: str
    now: float
    now_ci: tuple[float, float] | None
    pref: float
    pref_ci: tuple[float, float] | None
    gap: float
    gap_ci: tuple[float, float] | None
    gap_dz: float | None
    gap_verdict: str | None
    notable: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "now": self.now,
            "now_ci": _ci(self.now_ci),
            "preferred": self.pref,
            "preferred_ci": _ci(self.pref_ci),
            "gap": self.gap,
            "gap_ci": _ci(self.gap_ci),
            "gap_cohens_dz": self.gap_dz,
            "gap_verdict": self.gap_verdict,
            "notable": self.notable,
        }


def _ci(ci: tuple[float, float] | None) -> list[float] | None:
    return None if ci is None else [ci[0], ci[1]]


@dataclass(frozen=True)
class Dominance:
    type: str
    runner_up: str
    strength: float
    clear: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "runner_up": self.runner_up,
            "strength": self.strength,
            "clear": self.clear,
        }


@dataclass(frozen=True)
class Consistency:
    kendall_w: float
    chi2: float
    p_value: float
    mean_sd: float
    agreeing: int
    dimensions: int
    top_by_dimension: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kendall_w": self.kendall_w,
            "chi2": self.chi2,
            "p_value": self.p_value,
            "mean_sd": self.mean_sd,
            "dimensions_agreeing": self.agreeing,
            "dimensions": self.dimensions,
            "top_by_dimension": self.top_by_dimension,
        }


def kendall_w(scores: FloatArray) -> tuple[float, float, float]:
    """``(W, χ², p)`` for judges in rows ranking the objects in columns (see the notes)."""
    m, n = scores.shape
    ranks = np.asarray(sps.rankdata(scores, axis=1), dtype=np.float64)
    sums = ranks.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    w = 12.0 * s / denominator if denominator > 0 else 1.0
    chi2 = m * (n - 1) * w
    return w, chi2, float(sps.chi2.sf(chi2, n - 1))


def _dominance(scores: FloatArray, level: float) -> Dominance:
    means = scores.mean(axis=0)
    order = np.argsort(-means, kind="stable")
    top, second = int(order[0]), int(order[1])
    lead = paired(scores[:, second], scores[:, top], level)
    return Dominance(
        TYPES[top], TYPES[second], float(means[top] - means[second]), bool(lead.ci[0] > 0)
    )


def _consistency(dims: FloatArray, dimensions: tuple[str, ...], dominant: str) -> Consistency:
    """``dims``: the group's mean points, dimensions × types."""
    w, chi2, p = kendall_w(dims)
    tops = {d: TYPES[int(np.argmax(dims[i]))] for i, d in enumerate(dimensions)}
    return Consistency(
        kendall_w=w,
        chi2=chi2,
        p_value=p,
        mean_sd=float(dims.std(axis=0, ddof=1).mean()),
        agreeing=sum(1 for t in tops.values() if t == dominant),
        dimensions=len(dimensions),
        top_by_dimension=tops,
    )


@dataclass(frozen=True)
class ProfileCell:
    group: str  # "" is the whole wave; otherwise a department path
    parent: str | None
    n: int | None
    suppressed: bool
    reason: str | None
    types: tuple[TypeFigure, ...] = ()
    dominant_now: Dominance | None = None
    dominant_pref: Dominance | None = None
    consistency_now: Consistency | None = None
    consistency_pref: Consistency | None = None
    by_dimension: dict[str, dict[str, dict[str, float]]] | None = None  # state → dim → type

    def type(self, name: str) -> TypeFigure:
        return next(f for f in self.types if f.type == name)

    def to_dict(self) -> dict[str, Any]:
        def opt(value: Any) -> Any:
            return None if value is None else value.to_dict()

        return {
            "group": self.group,
            "parent": self.parent,
            "n": self.n,
            "suppressed": self.suppressed,
            "reason": self.reason,
            "types": [f.to_dict() for f in self.types],
            "dominant": {"now": opt(self.dominant_now), "preferred": opt(self.dominant_pref)},
            "consistency": {
                "now": opt(self.consistency_now),
                "preferred": opt(self.consistency_pref),
            },
            "by_dimension": self.by_dimension,
        }


@dataclass(frozen=True, eq=False)
class Scores:
    """Per complete respondent: points per (state, dimension, type), and departments."""

    layout: CultureLayout
    points: dict[str, FloatArray]  # state → respondents × dimensions × types
    departments: list[str | None]
    incomplete: int

    def types(self, state: str, rows: np.ndarray[Any, np.dtype[np.bool_]]) -> FloatArray:
        out: FloatArray = self.points[state][rows].mean(axis=1)
        return out


@functools.lru_cache(maxsize=16)
def profile_scores(wave: WaveData) -> Scores:
    """The complete respondents' points of a culture wave.

    Cached by wave (a :class:`WaveData` is frozen and hashed by identity): a report reads the
    same wave for the profile, the change and the link.
    """
    layout = culture_layout(wave.instrument)
    frame = wave.responses
    items = list(layout.all_items())
    missing = [c for c in items if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"wave {wave.wave!r}: responses lack {missing[:3]}…",
            key="err.culture.wave_responses_lack",
            params={"wave": wave.wave, "missing": missing[:3]},
        )
    values = frame.loc[:, items].apply(pd.to_numeric, errors="coerce").to_numpy(np.float64)
    complete = ~np.isnan(values).any(axis=1)
    departments = [d for d, keep in zip(wave.departments(), complete, strict=True) if keep]
    points = {}
    for state in STATES:
        block = np.stack(
            [
                frame.loc[complete, list(layout.items(kind, state))].to_numpy(np.float64)
                for kind in TYPES
            ],
            axis=2,
        )  # respondents × dimensions × types
        points[state] = block
    return Scores(layout, points, departments, int((~complete).sum()))


def _cell_figures(
    scores: Scores, rows: np.ndarray[Any, np.dtype[np.bool_]], level: float
) -> dict[str, Any]:
    now, pref = scores.types("now", rows), scores.types("pref", rows)
    figures = []
    for j, kind in enumerate(TYPES):
        m_now, ci_now = mean_ci(now[:, j], level)
        m_pref, ci_pref = mean_ci(pref[:, j], level)
        gap = paired(now[:, j], pref[:, j], level)
        figures.append(
            TypeFigure(
                kind,
                m_now,
                ci_now,
                m_pref,
                ci_pref,
                m_pref - m_now,
                gap.ci,
                gap.dz,
                gap.verdict,
                abs(m_pref - m_now) >= NOTABLE_GAP,
            )
        )
    dims = {s: scores.points[s][rows].mean(axis=0) for s in STATES}  # dimensions × types
    dominant_now, dominant_pref = _dominance(now, level), _dominance(pref, level)
    names = scores.layout.dimensions
    return {
        "types": tuple(figures),
        "dominant_now": dominant_now,
        "dominant_pref": dominant_pref,
        "consistency_now": _consistency(dims["now"], names, dominant_now.type),
        "consistency_pref": _consistency(dims["pref"], names, dominant_pref.type),
        "by_dimension": {
            s: {
                d: {t: float(dims[s][i, j]) for j, t in enumerate(TYPES)}
                for i, d in enumerate(names)
            }
            for s in STATES
        },
    }


@dataclass(frozen=True)
class CultureProfile:
    wave: str
    closes_on: date
    k: int
    level: float
    incomplete: int
    cells: tuple[ProfileCell, ...]

    @property
    def organisation(self) -> ProfileCell:
        return self.cells[0]

    def cell(self, group: str) -> ProfileCell:
        return next(c for c in self.cells if c.group == group)

    def to_dict(self) -> dict[str, Any]:
        return {
            "wave": self.wave,
            "closes_on": self.closes_on.isoformat(),
            "k": self.k,
            "level": self.level,
            "incomplete": self.incomplete,
            "organisation": self.cells[0].to_dict(),
            "departments": [c.to_dict() for c in self.cells[1:]],
        }


def culture_profile(
    wave: WaveData, *, by: By | None = None, k: int = DEFAULT_K, level: float = 0.95
) -> CultureProfile:
    """The profile of one culture wave, for the organisation and optionally its departments."""
    k = check_k(k)
    scores = profile_scores(wave)
    cells = department_cells(scores.departments, by == "department")
    hidden = guard_cells(cells, k)
    out = []
    for group, parent, rows in cells:
        n = int(rows.sum())
        if group in hidden or n < 2:
            out.append(ProfileCell(group, parent, None, True, hidden.get(group, "small")))
            continue
        out.append(ProfileCell(group, parent, n, False, None, **_cell_figures(scores, rows, level)))
    return CultureProfile(wave.wave, wave.closes_on, k, level, scores.incomplete, tuple(out))
