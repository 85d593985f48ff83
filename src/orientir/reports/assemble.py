"""Every survey section of a report from waves and facts, in one call.

The service layer reads the database and hands the waves over; this module decides which
waves feed which section and collects what the guard hid. *Current* waves are those behind
the headline figures (the latest of each questionnaire, or the ones a user named); the
*history* is every closed wave up to the same date, for the trend and the 13 rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from orientir.errors import InsufficientData
from orientir.orientation import IndexModel, OrgFacts, WaveData, compute_index
from orientir.reports import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.reports.build_index import (
    IndexOptions,
    departments_section,
    stakeholders_section,
    summary_section,
    trend_section,
)
from orientir.reports.build_views import coverage_section, gap_section, readiness_section
from orientir.reports.model import (
    Coverage,
    Departments,
    Figure,
    Gap,
    Hidden,
    Readiness,
    Stakeholders,
    Summary,
    Trend,
)
from orientir.reports.texts import report


@dataclass(frozen=True)
class SurveyParts:
    summary: Summary
    trend: Trend
    stakeholders: Stakeholders
    gap: Gap
    departments: Departments
    coverage: Coverage
    readiness: Readiness
    hidden: tuple[Hidden, ...] = field(default=())


def survey_parts(
    model: IndexModel,
    current: Sequence[WaveData],
    history: Sequence[WaveData],
    facts: OrgFacts,
    options: IndexOptions,
) -> SurveyParts:
    """All survey sections; a section without data carries a note instead of figures."""
    hidden: list[Hidden] = []
    try:
        if not current:
            raise InsufficientData("no closed wave", key="err.reports.no_closed_wave")
        # The headline is computed exactly as ``orientir index`` computes it (no grouping), so
        # the two always print the same value and interval; groups come from separate runs,
        # because the guard's tree, and so what it hides, depends on the grouping.
        overall, by_group, by_department = (
            compute_index(
                model,
                current,
                by=by,
                k=options.k,
                n_boot=options.n_boot,
                seed=options.seed,
                level=options.level,
                allow_missing=True,
            )
            for by in (None, "stakeholder", "department")
        )
    except InsufficientData:  # no wave of any component of the model
        summary = Summary(Figure(None), (), ())
        stakeholders = Stakeholders((), note=report("verdict.none"))
        departments = Departments(note=report("departments.none"))
    else:
        summary, found = summary_section(overall)
        hidden += found
        stakeholders, found = stakeholders_section(by_group)
        hidden += found
        departments, found = departments_section(by_department, model)
        hidden += found
    if history:
        trend, found = trend_section(model, history, options)
        hidden += found
    else:
        trend = Trend((), options.target, note=report("trend.few"))
    gap, found = gap_section(current, k=options.k, level=options.level)
    hidden += found
    coverage, found = coverage_section(current, k=options.k, level=options.level)
    hidden += found
    readiness = readiness_section(
        facts, history, k=options.k, level=options.level, seed=options.seed
    )
    return SurveyParts(
        summary, trend, stakeholders, gap, departments, coverage, readiness, tuple(hidden)
    )
