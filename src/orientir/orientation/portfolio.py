"""Portfolio (the consultant's view): the 13 rules as hypotheses across organisations.

**Outcome.** Each organisation's *yearly change* of the index: the least-squares slope of its
index points over time, in index points per year (two points give the plain difference over
the years between them). An organisation needs at least two points ``min_span_days`` apart.

**Factors** (one hypothesis each, with the direction the rule predicts):

==================  ======  =========================================================  ====
factor              rule    value                                                      sign
==================  ======  =========================================================  ====
``age``             9       years on the market (``as_of`` year − founded)             −
``size``            11      natural log of headcount                                   −
``departments``     11      number of departments                                      −
``leadership``      5       leadership commitment on 0–100 (e.g. ``acting`` scale)     +
``budget``          12      program budget per employee per year                       +
``outside_help``    13      1 if the company uses outside help, else 0                 +
``driver_team``     6       1 if there is a driver person or team, else 0              +
==================  ======  =========================================================  ====

**Effect size.** One factor at a time: Pearson's ``r`` between the factor and the yearly
change — the standardised regression slope of a one-predictor regression (for a 0/1 factor it
is the point-biserial correlation). A joint regression would need many more organisations
than a portfolio holds (ten per predictor is a common floor), so factors are tested one by
one, and two correlated factors may share one effect. Interval: Fisher's z,
``tanh(atanh r ± z_{(1+level)/2} / √(n − 3))`` (Fisher 1921). The raw ``slope`` (change per
unit of the factor; for 0/1 factors the difference of the two groups' mean yearly change)
is given beside it.

**Verdict per rule.** ``supported`` when the interval excludes 0 on the side the rule
predicts, ``contradicted`` when it excludes 0 on the other side, ``no evidence`` when it
includes 0, ``not testable`` when fewer than ``min_orgs`` organisations have the factor or it
does not vary. Fewer than ``min_orgs`` (default 8) usable organisations in all are refused;
below ``warn_below`` (default 20) a warning says how large ``|r|`` must be to be told from
zero (``tanh(z / √(n − 3))``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from orientir.errors import InsufficientData, InvalidInput
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._common import (
    Interval,
    Message,
    check_level,
    ci_list,
    years_since,
    z_quantile,
)
from orientir.orientation._evidence import leadership_commitment
from orientir.orientation.index_model import IndexModel
from orientir.orientation.inputs import OrgFacts, WaveData
from orientir.orientation.trajectory import IndexPoint, index_series
from orientir.stats import DEFAULT_K

RuleVerdict = Literal["supported", "contradicted", "no evidence", "not testable"]
_VERDICT_KEYS = {
    "supported": "supported",
    "contradicted": "contradicted",
    "no evidence": "no_evidence",
    "not testable": "not_testable",
}


@dataclass(frozen=True)
class OrgHistory:
    """One organisation in the portfolio: its facts, its index over time and its leadership."""

    facts: OrgFacts
    points: tuple[IndexPoint, ...]
    leadership: float | None = None  # leadership commitment on 0–100

    def yearly_change(self, min_span_days: int) -> float | None:
        pts = sorted(self.points, key=lambda p: p.when)
        if len(pts) < 2 or (pts[-1].when - pts[0].when).days < min_span_days:
            return None
        t = np.array([years_since(pts[0].when, p.when) for p in pts])
        y = np.array([p.value for p in pts])
        tc = t - t.mean()
        return float((tc * (y - y.mean())).sum() / (tc**2).sum())


def _log(value: float | None) -> float | None:
    return None if value is None or value <= 0 else math.log(value)


def _flag(value: bool | None) -> float | None:
    return None if value is None else float(value)


# factor id → (rule, predicted sign, value of one organisation)
FACTORS: dict[str, tuple[int, int, Callable[[OrgHistory], float | None]]] = {
    "age": (9, -1, lambda o: None if o.facts.age is None else float(o.facts.age)),
    "size": (11, -1, lambda o: _log(o.facts.headcount)),
    "departments": (
        11,
        -1,
        lambda o: None if o.facts.departments is None else float(o.facts.departments),
    ),
    "leadership": (5, 1, lambda o: o.leadership),
    "budget": (12, 1, lambda o: o.facts.budget_per_employee),
    "outside_help": (13, 1, lambda o: _flag(o.facts.outside_help)),
    "driver_team": (6, 1, lambda o: _flag(o.facts.driver_team)),
}


@dataclass(frozen=True)
class FactorEffect:
    factor: str
    rule: int
    expected_sign: int
    n: int
    r: float | None
    ci: Interval | None
    slope: float | None
    verdict: RuleVerdict

    @property
    def sentence(self) -> Message:
        params: dict[str, Any] = {"factor": self.factor, "rule": self.rule, "n": self.n}
        if self.r is not None and self.ci is not None:
            params |= {"r": self.r, "low": self.ci[0], "high": self.ci[1]}
        return Message(f"orientation.portfolio.{self.factor}.{_VERDICT_KEYS[self.verdict]}", params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "rule": self.rule,
            "expected_sign": self.expected_sign,
            "n": self.n,
            "r": self.r,
            "ci": ci_list(self.ci),
            "slope": self.slope,
            "verdict": self.verdict,
            "sentence": self.sentence.to_dict(),
        }


@dataclass(frozen=True)
class PortfolioResult:
    n_orgs: int
    excluded: tuple[tuple[str, str], ...]  # (org, why)
    level: float
    effects: tuple[FactorEffect, ...]
    warnings: tuple[Message, ...]

    def effect(self, factor: str) -> FactorEffect:
        for e in self.effects:
            if e.factor == factor:
                return e
        raise KeyError(factor)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "portfolio",
            "n_orgs": self.n_orgs,
            "excluded": [{"org": o, "reason": why} for o, why in self.excluded],
            "level": self.level,
            "effects": [e.to_dict() for e in self.effects],
            "warnings": [w.to_dict() for w in self.warnings],
        }


def _effect(name: str, x: np.ndarray, y: np.ndarray, level: float, min_orgs: int) -> FactorEffect:
    rule, sign, _ = FACTORS[name]
    n = int(x.size)
    if n < min_orgs or np.ptp(x) == 0 or np.ptp(y) == 0:
        return FactorEffect(name, rule, sign, n, None, None, None, "not testable")
    r = float(np.corrcoef(x, y)[0, 1])
    r = min(max(r, -0.999999), 0.999999)  # atanh(±1) is infinite
    half = z_quantile(level) / math.sqrt(n - 3)
    ci = (math.tanh(math.atanh(r) - half), math.tanh(math.atanh(r) + half))
    slope = r * float(y.std(ddof=1)) / float(x.std(ddof=1))
    verdict: RuleVerdict
    if ci[0] > 0 or ci[1] < 0:
        verdict = "supported" if (ci[0] > 0) == (sign > 0) else "contradicted"
    else:
        verdict = "no evidence"
    return FactorEffect(name, rule, sign, n, r, ci, slope, verdict)


def portfolio(
    orgs: Sequence[OrgHistory],
    *,
    level: float = 0.95,
    min_orgs: int = 8,
    warn_below: int = 20,
    min_span_days: int = 90,
) -> PortfolioResult:
    """Test the rules across organisations (see the module notes)."""
    level = check_level(level)
    if min_orgs < 4:
        raise InvalidInput(
            "min_orgs must be at least 4 (Fisher's interval needs n − 3 > 0)",
            key="err.orientation.min_orgs_must_least",
        )
    names = [o.facts.org for o in orgs]
    if len(set(names)) != len(names):
        raise InvalidInput(
            "an organisation appears twice in the portfolio",
            key="err.orientation.organisation_appears_twice_portfolio",
        )
    usable: list[tuple[OrgHistory, float]] = []
    excluded: list[tuple[str, str]] = []
    for org in orgs:
        change = org.yearly_change(min_span_days)
        if change is None:
            excluded.append(
                (org.facts.org, f"needs two index points at least {min_span_days} days apart")
            )
        else:
            usable.append((org, change))
    if len(usable) < min_orgs:
        raise InsufficientData(
            f"the portfolio needs at least {min_orgs} organisations with two or more waves; "
            f"{len(usable)} qualify",
            key="err.orientation.portfolio_needs_least_organisations",
            params={"min_orgs": min_orgs, "usable": len(usable)},
        )
    effects = []
    for name, (_, _, get) in FACTORS.items():
        pairs = [(get(o), change) for o, change in usable]
        kept = [(x, y) for x, y in pairs if x is not None and math.isfinite(x)]
        x = np.array([p[0] for p in kept], dtype=np.float64)
        y = np.array([p[1] for p in kept], dtype=np.float64)
        effects.append(_effect(name, x, y, level, min_orgs))
    warnings: list[Message] = []
    if len(usable) < warn_below:
        critical = math.tanh(z_quantile(level) / math.sqrt(len(usable) - 3))
        warnings.append(Message("orientation.portfolio.small", {"n": len(usable), "r": critical}))
    return PortfolioResult(len(usable), tuple(excluded), level, tuple(effects), tuple(warnings))


def org_history(
    model: IndexModel,
    facts: OrgFacts,
    waves: Sequence[WaveData],
    *,
    k: int = DEFAULT_K,
    allow_missing: bool = False,
) -> OrgHistory:
    """One organisation's quarterly index (:func:`index_series`) and leadership commitment.

    Commitment is the mean ``acting`` score of its latest ``leadership`` wave (0–100), or None.
    """
    if any(w.org != facts.org for w in waves):
        raise InvalidInput(
            f"every wave must belong to {facts.org!r}",
            key="err.orientation.every_wave_must_belong",
            params={"org": facts.org},
        )
    series = index_series(model, waves, k=k, allow_missing=allow_missing)
    return OrgHistory(facts, series.points, leadership_commitment(list(waves)))
