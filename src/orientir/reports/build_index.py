"""Index sections from the orientation layer: summary, trend, stakeholder groups, departments.

Pure: waves in, section objects out. The figures are copied from guarded
:class:`~orientir.orientation.IndexResult` objects, so a hidden cell stays hidden; what the
guard hid is listed as :class:`~orientir.reports.model.Hidden` for the method notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from orientir.errors import InsufficientData
from orientir.i18n import t
from orientir.orientation import (
    GroupScore,
    IndexModel,
    IndexPoint,
    IndexResult,
    WaveData,
    compute_index,
    trajectory,
)
from orientir.reports.model import (
    ComponentRow,
    Departments,
    Figure,
    GroupBar,
    HeatRow,
    Hidden,
    Stakeholders,
    Summary,
    Trend,
    TrendPoint,
)
from orientir.reports.texts import capitalised, report, said, same


@dataclass(frozen=True)
class IndexOptions:
    k: int = 5
    n_boot: int = 1000  # the same as ``orientir index``, so the two intervals agree
    seed: int = 0
    level: float = 0.95
    target: float = 70.0
    trend_boot: int = 300  # per quarter; the trend's whiskers need less precision


def index_figure(result: IndexResult) -> Figure:
    return Figure(result.value, result.ci, result.n, result.suppressed, result.reason)


def summary_section(result: IndexResult) -> tuple[Summary, list[Hidden]]:
    hidden: list[Hidden] = []
    if result.suppressed:
        hidden.append(Hidden("summary", report("col.index"), result.reason or "small"))
    rows = []
    for c in result.components:
        figure = Figure(c.value, c.ci, c.n, c.suppressed, c.reason)
        if c.suppressed:
            hidden.append(Hidden("summary", c.title, c.reason or "small"))
        rows.append(
            ComponentRow(c.id, c.title, c.stakeholder, c.weight, c.measure, c.waves, figure)
        )
    summary = Summary(
        index=index_figure(result),
        components=tuple(rows),
        missing=result.missing_components,
        notes=tuple(said(note) for note in result.notes),
    )
    return summary, hidden


def stakeholders_section(result: IndexResult) -> tuple[Stakeholders, list[Hidden]]:
    bars, hidden = [], []
    for g in result.groups:
        label = capitalised(said(_Stakeholder(g.group)))
        bars.append(
            GroupBar(
                g.group,
                label,
                Figure(g.value, g.ci, g.n, g.suppressed, g.reason),
                g.weight_covered,
            )
        )
        if g.suppressed:
            hidden.append(Hidden("stakeholders", label, g.reason or "small"))
    return Stakeholders(tuple(bars)), hidden


@dataclass(frozen=True)
class _Stakeholder:
    key: str

    def text(self, lang: str = "en") -> str:
        return t(f"orientation.stakeholder.{self.key}", lang)


def _cell(group: GroupScore, component: str) -> Figure:
    for cell in group.components:
        if cell.id == component:
            return Figure(cell.value, cell.ci, cell.n)
    if component in group.components_hidden:
        return Figure(None, None, None, True, "guard")
    return Figure(None)  # the department has no answers for this component


def departments_section(result: IndexResult, model: IndexModel) -> tuple[Departments, list[Hidden]]:
    if not result.groups:
        return Departments(note=report("departments.none")), []
    present = {c.id for g in result.groups for c in g.components} | {
        c for g in result.groups for c in g.components_hidden
    }
    columns = tuple((c.id, c.title) for c in model.components if c.id in present)
    rows, hidden = [], []
    for g in sorted(result.groups, key=lambda g: g.group.split("/")):
        cells = tuple(_cell(g, cid) for cid, _ in columns)
        rows.append(
            HeatRow(
                g.group,
                g.group.count("/"),
                Figure(g.value, g.ci, g.n, g.suppressed, g.reason),
                cells,
            )
        )
        if g.suppressed:
            hidden.append(Hidden("departments", same(g.group), g.reason or "small"))
        else:
            for (_, title), cell in zip(columns, cells, strict=True):
                if cell.suppressed:
                    what = report("hidden_cell", group=g.group, part=title.get)
                    hidden.append(Hidden("departments", what, "guard"))
    return Departments(columns, tuple(rows)), hidden


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def trend_section(
    model: IndexModel, history: Sequence[WaveData], options: IndexOptions
) -> tuple[Trend, list[Hidden]]:
    """The index once per calendar quarter (as ``orientir trajectory`` groups the waves), with
    a bootstrap interval each, and the straight-line trajectory toward the target."""
    quarters: dict[str, list[WaveData]] = {}
    for wave in sorted(history, key=lambda w: w.closes_on):
        quarters.setdefault(_quarter(wave.closes_on), []).append(wave)
    points, hidden = [], []
    for label, members in quarters.items():
        try:
            result = compute_index(
                model,
                members,
                k=options.k,
                n_boot=options.trend_boot,
                seed=options.seed,
                level=options.level,
                allow_missing=True,
            )
        except InsufficientData:
            continue  # no component of the model was asked that quarter
        points.append(TrendPoint(label, result.as_of, index_figure(result), result.complete))
        if result.suppressed:
            hidden.append(Hidden("trend", same(label), result.reason or "small"))
    shown = [p for p in points if p.figure.shown and p.figure.value is not None]
    series = [IndexPoint(p.when, p.figure.value or 0.0, p.label) for p in shown]
    try:
        path = trajectory(series, options.target, level=options.level)
    except InsufficientData:
        return Trend(tuple(points), options.target, note=report("trend.few")), hidden
    return (
        Trend(
            tuple(points),
            options.target,
            slope=path.slope,
            slope_ci=path.slope_ci,
            verdict=path.verdict,
            summary=said(path.summary),
        ),
        hidden,
    )
