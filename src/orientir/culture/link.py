"""Does culture go with customer orientation? The link across departments, waves, organisations.

**The table.** Waves are matched by the calendar quarter they close in. For every quarter with a
culture wave (the latest one, if several) a *unit* — the organisation, each department, or in a
portfolio each organisation — gets its culture (the four types *now* and the cultural web on
0–100) and, from the same quarter's waves, the customer-orientation index of
:func:`orientir.orientation.compute_index` and, for whole organisations, the customers' own
view (the customer-view scales ``needs``, ``responsiveness`` and ``promises`` on 0–100, as a
one-component index). Only figures the anonymity guard shows enter; for departments, only the
deepest shown departments, so no respondent counts twice.

**No circularity.** Both built-in index models contain the cultural web. Correlating the web
with an index that includes it would find culture in itself, so by default the index here
leaves out every component measured by the culture instrument (``exclude_culture``), and says
so in a note.

**Link** (same quarter): Pearson's ``r`` between each culture measure and each outcome, with
Fisher's interval when every unit appears once and a cluster-robust one when units repeat over
quarters (:mod:`orientir.culture._regression`); the slope says how many index points go with
10 more culture points. Size words follow Cohen (1988): below 0.1 negligible, 0.1 small,
0.3 moderate, 0.5 large.

**Lagged test**: does culture in one quarter predict the index in the next, beyond the index
itself? For consecutive quarters of each unit, ``index(t+1) = b₀ + b₁·culture(t) + b₂·index(t)``
by least squares (cluster-robust by unit when units repeat); ``b₁`` per 10 culture points with
its interval, and the standardised ``β₁ = b₁·sd(culture)/sd(index(t+1))``. It is the
incremental-prediction idea of Granger (1969), *Econometrica* 37, 424–438, on a panel too
short for his time-series test; it cannot rule out a third cause of both.

**Small samples.** Below ``min_n`` units (20) each result carries a warning with the smallest
``|r|`` that could be told from zero, ``tanh(z/√(n−3))``; below 4 units (5 pairs for the
lagged test) nothing is estimated. Five culture measures and two outcomes are tested at once:
one interval in twenty excludes zero by chance.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd

from orientir.culture import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.culture._regression import correlation, ols, smallest_detectable_r
from orientir.culture.layout import TYPES, culture_layout
from orientir.culture.link_results import LaggedEffect, LinkEffect, LinkResult
from orientir.culture.messages import Message
from orientir.culture.profile import culture_profile
from orientir.culture.web import web_audit
from orientir.errors import InsufficientData, InvalidInput
from orientir.instruments.model import Stakeholder, Text
from orientir.orientation import Component, IndexModel, Measure, WaveData, compute_index
from orientir.stats import DEFAULT_K

Level = Literal["department", "organisation", "portfolio"]
MEASURES = (*TYPES, "web")
OUTCOMES = ("index", "customers")
MIN_UNITS = 4
MIN_PAIRS = 5

CUSTOMER_VIEW = IndexModel(
    id="customer-view",
    title=Text("Оценка клиентов", "Customers' view"),
    components=(
        Component(
            "customers",
            Text("Клиенты", "Customers"),
            1.0,
            Stakeholder.CUSTOMERS,
            Measure("customer-view", scales=("needs", "responsiveness", "promises")),
        ),
    ),
)


@dataclass(frozen=True)
class LinkOptions:
    k: int = DEFAULT_K
    level: float = 0.95
    min_n: int = 20
    exclude_culture: bool = True


def quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def is_culture(wave: WaveData) -> bool:
    try:
        culture_layout(wave.instrument)
    except InvalidInput:
        return False
    return True


def link_model(model: IndexModel, options: LinkOptions) -> tuple[IndexModel, tuple[str, ...]]:
    """The model without components measured by the culture instrument (when asked)."""
    if not options.exclude_culture:
        return model, ()
    dropped = tuple(c.id for c in model.components if c.measure.instrument == "culture")
    kept = tuple(c for c in model.components if c.measure.instrument != "culture")
    if not kept:
        raise InsufficientData(
            f"model {model.id!r} has only culture components to link with",
            key="err.culture.model_only_culture_components",
            params={"id": model.id},
        )
    return replace(model, components=kept, normalise=True), dropped


def _leaves(paths: set[str]) -> set[str]:
    return {p for p in paths if not any(q.startswith(p + "/") for q in paths)}


def _index(model: IndexModel, waves: list[WaveData], by: str | None, k: int) -> Any:
    try:
        return compute_index(model, waves, by=by, k=k, n_boot=0, allow_missing=True)  # type: ignore[arg-type]
    except InsufficientData:
        return None


def org_rows(
    org: str, waves: Sequence[WaveData], model: IndexModel, options: LinkOptions, departments: bool
) -> list[dict[str, Any]]:
    """The link table's rows of one organisation (see the module notes)."""
    periods: dict[str, list[WaveData]] = {}
    for wave in waves:
        periods.setdefault(quarter(wave.closes_on), []).append(wave)
    rows = []
    for period, members in sorted(periods.items()):
        cultures = sorted((w for w in members if is_culture(w)), key=lambda w: w.closes_on)
        if not cultures:
            continue
        culture = cultures[-1]
        others = [w for w in members if not is_culture(w)] + [culture]
        when = max(w.closes_on for w in members)
        by = "department" if departments else None
        profile = culture_profile(culture, by=by, k=options.k)  # type: ignore[arg-type]
        web = web_audit(culture, by=by, k=options.k)  # type: ignore[arg-type]
        index = _index(model, others, by, options.k)
        view = _index(CUSTOMER_VIEW, others, None, options.k)
        values: dict[str, dict[str, float | None]] = {}
        for cell in profile.cells:
            if cell.suppressed:
                continue
            web_cell = next((c for c in web.cells if c.group == cell.group), None)
            overall = None if web_cell is None or web_cell.overall is None else web_cell.overall
            row: dict[str, float | None] = {t: cell.type(t).now for t in TYPES}
            row["web"] = None if overall is None else overall.score
            values[cell.group] = row
        if "" in values:
            rows.append(
                {
                    "org": org,
                    "unit": org,
                    "level": "organisation",
                    "period": period,
                    "when": when,
                    **values[""],
                    "index": None if index is None else index.value,
                    "customers": None if view is None else view.value,
                }
            )
        if departments and index is not None:
            shown = {g.group: g.value for g in index.groups if g.value is not None}
            for path in sorted(_leaves(set(shown) & (set(values) - {""}))):
                rows.append(
                    {
                        "org": org,
                        "unit": f"{org}:{path}",
                        "level": "department",
                        "period": period,
                        "when": when,
                        **values[path],
                        "index": shown[path],
                        "customers": None,
                    }
                )
    return rows


def _size(r: float) -> str:
    a = abs(r)
    return "negligible" if a < 0.1 else "small" if a < 0.3 else "moderate" if a < 0.5 else "large"


def _effect(
    table: pd.DataFrame, level: str, measure: str, outcome: str, options: LinkOptions
) -> LinkEffect:
    part = table.loc[(table["level"] == level), ["unit", measure, outcome]].dropna()
    n, units = len(part), int(part["unit"].nunique())
    unit = Message(f"culture.unit.{level}")
    warning = None
    if n < options.min_n:
        needed = smallest_detectable_r(n, options.level)
        warning = Message(
            "culture.warn.small", {"n": n, "unit": unit, "needed": needed, "min_n": options.min_n}
        )
    found = (
        correlation(
            part[measure].to_numpy(np.float64),
            part[outcome].to_numpy(np.float64),
            part["unit"].to_numpy(object),
            options.level,
        )
        if n >= MIN_UNITS
        else None
    )
    if found is None:
        return LinkEffect(
            level, measure, outcome, n, units,
            warning=Message("culture.warn.too_few", {"n": n, "unit": unit}),
        )  # fmt: skip
    params = {
        "n": n,
        "unit": unit,
        "measure": Message(f"culture.type.{measure}"),
        "outcome": Message(f"culture.outcome.{outcome}"),
        "r": found.r,
        "level": round(options.level * 100),
        "low": found.ci[0],
        "high": found.ci[1],
    }
    if found.ci[0] > 0 or found.ci[1] < 0:
        direction = "positive" if found.r > 0 else "negative"
        sentence = Message(
            "culture.link.clear",
            params
            | {
                "size": Message(f"culture.size.{_size(found.r)}"),
                "direction": Message(f"culture.direction.{direction}"),
                "slope": 10.0 * found.slope,
            },
        )
    else:
        sentence = Message("culture.link.unclear", params)
    return LinkEffect(
        level, measure, outcome, n, units, found.r, found.ci, found.slope, found.method,
        sentence, warning,
    )  # fmt: skip


def lag_pairs(table: pd.DataFrame, level: str, measure: str) -> pd.DataFrame:
    """``unit, culture(t), index(t), index(t+1)`` for consecutive quarters of each unit."""
    part = table.loc[table["level"] == level].sort_values(["unit", "period"])
    out = []
    for unit, rows in part.groupby("unit", sort=True):
        listed = rows.to_dict("records")
        for now, later in itertools.pairwise(listed):
            out.append((unit, now[measure], now["index"], later["index"]))
    frame = pd.DataFrame(out, columns=["unit", "culture", "index", "next"])
    return frame.dropna()


def _lagged(table: pd.DataFrame, level: str, measure: str, options: LinkOptions) -> LaggedEffect:
    pairs = lag_pairs(table, level, measure)
    n, units = len(pairs), int(pairs["unit"].nunique())
    warning = None
    if n < options.min_n:
        warning = Message("culture.warn.lag_small", {"n": n, "min_n": options.min_n})
    x = np.column_stack(
        [np.ones(n), pairs["culture"].to_numpy(np.float64), pairs["index"].to_numpy(np.float64)]
    )
    y = pairs["next"].to_numpy(np.float64)
    clusters = pairs["unit"].to_numpy(object)
    fit = ols(y, x, clusters) if n >= MIN_PAIRS else None
    if fit is None:
        unit = Message(f"culture.unit.{level}")
        return LaggedEffect(
            level,
            measure,
            n,
            units,
            warning=Message("culture.warn.too_few", {"n": n, "unit": unit}),
        )
    low, high = fit.ci(1, options.level)
    b1 = float(fit.coef[1])
    sd_x, sd_y = float(x[:, 1].std(ddof=1)), float(y.std(ddof=1))
    beta = b1 * sd_x / sd_y if sd_y > 0 else None
    params = {
        "measure": Message(f"culture.type.{measure}"),
        "level": round(options.level * 100),
        "low": 10.0 * low,
        "high": 10.0 * high,
        "n": n,
        "units": units,
        "unit_name": Message(f"culture.lag.units.{level}"),
    }
    if low > 0 or high < 0:
        direction = Message(f"culture.lag.{'higher' if b1 > 0 else 'lower'}")
        sentence = Message(
            "culture.lag.clear", params | {"effect": abs(10.0 * b1), "direction": direction}
        )
    else:
        sentence = Message("culture.lag.unclear", params)
    return LaggedEffect(
        level, measure, n, units, 10.0 * b1, (10.0 * low, 10.0 * high), beta, fit.clustered,
        sentence, warning,
    )  # fmt: skip


COLUMNS = ["org", "unit", "level", "period", "when", *MEASURES, "index", "customers"]


def analyse_link(
    rows: list[dict[str, Any]],
    levels: Sequence[str],
    dropped: tuple[str, ...],
    options: LinkOptions,
) -> LinkResult:
    """Effects and lagged tests on the link table's ``rows`` at the given levels."""
    table = pd.DataFrame(rows, columns=COLUMNS)
    for column in [*MEASURES, "index", "customers"]:
        table[column] = pd.to_numeric(table[column], errors="coerce")
    effects = []
    lagged = []
    for level in levels:
        outcomes = ("index",) if level == "department" else OUTCOMES
        effects += [_effect(table, level, m, o, options) for o in outcomes for m in MEASURES]
        lagged += [_lagged(table, level, m, options) for m in MEASURES]
    notes = [Message("culture.note.periods")]
    if dropped:
        notes.append(Message("culture.note.excluded", {"components": ", ".join(dropped)}))
    return LinkResult(table, tuple(effects), tuple(lagged), tuple(notes))


def culture_link(
    waves: Sequence[WaveData], model: IndexModel, options: LinkOptions | None = None
) -> LinkResult:
    """The link within one organisation: across its departments and across its waves."""
    options = options or LinkOptions()
    linked, dropped = link_model(model, options)
    org = waves[0].org if waves else ""
    rows = org_rows(org, waves, linked, options, departments=True)
    return analyse_link(rows, ("department", "organisation"), dropped, options)


def portfolio_link(
    orgs: Mapping[str, Sequence[WaveData]], model: IndexModel, options: LinkOptions | None = None
) -> LinkResult:
    """The consultant's link: across organisations (and their waves)."""
    options = options or LinkOptions()
    linked, dropped = link_model(model, options)
    rows = []
    for org, waves in sorted(orgs.items()):
        rows += [
            {**r, "level": "portfolio"}
            for r in org_rows(org, waves, linked, options, departments=False)
        ]
    return analyse_link(rows, ("portfolio",), dropped, options)
