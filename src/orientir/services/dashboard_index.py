"""The index dashboard: the customer-orientation index now, per wave, by group, and its gap.

The headline is computed exactly as ``orientir index`` computes it —
:func:`orientir.services.orientation.organisation_index` with the same model, waves, *k*,
1000 bootstrap replicates and seed 0 — so the page and the command line print the same value
and interval. Without a chosen wave that is the latest closed wave of every instrument; with
one (``as_of``), the latest closed wave of every instrument that closed on or before it, passed
by label as ``orientir index --wave …`` would. The stakeholder and department breakdowns are
separate calls with ``by=`` (the guard's tree, and so what it hides, depends on the grouping);
the department verdict of each model beside the other is
:func:`~orientir.services.orientation.compare_index_models`.

The trend is the index once per calendar quarter over every closed wave up to the chosen one,
grouped as ``orientir trajectory`` groups them, each with its own interval, and the straight-line
trajectory toward the target (:func:`orientir.reports.build_index.trend_section`, the report's
own section). The self-versus-customer gap is the report's section too. Every figure arrives
already through the anonymity guard of :mod:`orientir.stats`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orientir.errors import InsufficientData
from orientir.instruments.model import Text
from orientir.orientation import IndexModel, ModelComparison, WaveData
from orientir.reports import Departments, Gap, Stakeholders, Summary, Trend, verdict
from orientir.reports.build_index import (
    IndexOptions,
    departments_section,
    stakeholders_section,
    summary_section,
    trend_section,
)
from orientir.reports.build_views import gap_section
from orientir.services.dashboard_cache import data_version, remembered
from orientir.services.orientation import (
    compare_index_models,
    latest_per_instrument,
    organisation_index,
    resolve_model,
)
from orientir.services.survey_data import load_waves
from orientir.storage.database import Database

COMPARED = ("stakeholder", "service-quarter")
TARGET = 70.0


@dataclass(frozen=True)
class WaveChoice:
    label: str
    instrument: str
    closes_on: date
    used: bool  # behind the figures shown


@dataclass(frozen=True)
class IndexBoard:
    model: IndexModel
    k: int
    as_of: date | None
    choices: tuple[WaveChoice, ...]  # every closed wave, oldest first
    chosen: str | None  # the wave named by the user, if any
    summary: Summary | None  # None: no closed wave of any component
    verdict: Text | None
    trend: Trend
    stakeholders: Stakeholders
    departments: Departments
    gap: Gap
    comparison: ModelComparison | None


def _current(closed: list[WaveData], as_of: str | None) -> tuple[list[WaveData], str | None]:
    if as_of is None:
        return latest_per_instrument(closed), None
    chosen = next((w for w in closed if w.wave == as_of), None)
    if chosen is None:
        return latest_per_instrument(closed), None
    cutoff = chosen.closes_on
    return latest_per_instrument([w for w in closed if w.closes_on <= cutoff]), chosen.wave


def _compute(
    db: Database, org: str, k: int, model_ref: str | None, as_of: str | None
) -> IndexBoard:
    model = resolve_model(model_ref)
    closed = load_waves(db, org=org)
    current, chosen = _current(closed, as_of)
    labels = [w.wave for w in current] if chosen is not None else None
    used = {w.wave for w in current}
    choices = tuple(
        WaveChoice(w.wave, w.instrument.ref, w.closes_on, w.wave in used) for w in closed
    )
    cutoff = max((w.closes_on for w in current), default=None)
    history = [w for w in closed if cutoff is None or w.closes_on <= cutoff]
    options = IndexOptions(k=k, target=TARGET)
    trend, _ = trend_section(model, history, options) if history else (Trend((), TARGET), [])
    gap, _ = gap_section(current, k=k, level=options.level)
    if not current:
        return IndexBoard(
            model, k, None, choices, chosen, None, None, trend, Stakeholders(()), Departments(),
            gap, None,
        )  # fmt: skip
    try:
        overall = organisation_index(db, org=org, model=model_ref, waves=labels, k=k)
    except InsufficientData:
        return IndexBoard(
            model, k, cutoff, choices, chosen, None, None, trend, Stakeholders(()), Departments(),
            gap, None,
        )  # fmt: skip
    summary, _ = summary_section(overall)
    by_group = organisation_index(db, org=org, model=model_ref, waves=labels, by="stakeholder", k=k)
    by_department = organisation_index(
        db, org=org, model=model_ref, waves=labels, by="department", k=k
    )
    stakeholders, _ = stakeholders_section(by_group)
    departments, _ = departments_section(by_department, model)
    try:
        comparison: ModelComparison | None = compare_index_models(
            db, org=org, models=COMPARED, waves=labels, k=k
        )
    except InsufficientData:
        comparison = None
    return IndexBoard(
        model=model,
        k=k,
        as_of=overall.as_of,
        choices=choices,
        chosen=chosen,
        summary=summary,
        verdict=verdict(summary, trend),
        trend=trend,
        stakeholders=stakeholders,
        departments=departments,
        gap=gap,
        comparison=comparison,
    )


def index_board(
    db: Database, *, org: str, k: int, model: str | None = None, as_of: str | None = None
) -> IndexBoard:
    """Everything the index page shows (see the module notes); kept per data version."""
    key = ("index", data_version(db, org=org), k, model, as_of)
    return remembered(db, key, lambda: _compute(db, org, k, model, as_of))
