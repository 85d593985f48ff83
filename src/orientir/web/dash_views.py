"""What the analysis pages draw: inline SVG charts and figures written for one language.

The charts are the executive report's own (:mod:`orientir.reports.charts` and
:mod:`orientir.reports.charts_customers`): SVG with presentation attributes only — no ``style``
attribute, no script — so they pass the Content-Security-Policy without ``unsafe-inline``, and
every mark has its figure written beside it, so colour and length never carry a value alone. A
figure hidden by the anonymity guard is drawn as the words saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup

from orientir.i18n import t
from orientir.reports import Figure, fmt
from orientir.reports.charts import (
    Bar,
    Columns,
    Reference,
    TrendMark,
    gauge,
    interval_bars,
    trend,
)
from orientir.reports.views import customer_charts, gap_chart, hidden_words
from orientir.services.customer_base import VoiceCell
from orientir.services.dashboard_customers import CustomersBoard
from orientir.services.dashboard_index import IndexBoard

ANCHORS = (0, 25, 50, 75, 100)


def formatters(lang: str, k: int) -> dict[str, Callable[..., Any]]:
    """Functions the templates write figures with, in the page's language."""

    def number(value: float | None, digits: int = 1) -> str:
        return fmt.number(value, lang, digits)

    def signed(value: float | None, digits: int = 1) -> str:
        return fmt.signed(value, lang, digits)

    def interval(ci: tuple[float, float] | None, digits: int = 1) -> str:
        return fmt.interval(ci, lang, digits)

    def percent(share: float | None, digits: int = 0) -> str:
        return fmt.percent(share, lang, digits)

    def count(value: int | None) -> str:
        return fmt.count(value, lang)

    def money(value: float | None) -> str:
        return fmt.money(value, lang)

    def day(value: Any) -> str:
        return fmt.day(value, lang)

    def heat(value: float | None, low: float = 0.0, high: float = 100.0) -> str:
        """The heat band of a value (0..4), for a class that only repeats the written value."""
        if value is None:
            return "heat-none"
        share = (value - low) / (high - low) if high > low else 0.0
        return f"heat-{min(4, max(0, int(share * 5)))}"

    def measure(name: str) -> str:
        """A culture measure (``clan_now``, a web element) in words; unknown ones as they are."""
        kind, _, state = name.rpartition("_")
        try:
            if state in ("now", "pref"):
                return f"{t(f'culture.type.{kind}', lang)} ({t(f'dash.culture.{state}', lang)})"
            return t(f"dash.web.{name}", lang)
        except KeyError:
            return name

    return {
        "measure": measure,
        "num": number,
        "signed": signed,
        "ci": interval,
        "pct": percent,
        "count": count,
        "money": money,
        "day": day,
        "heat": heat,
        "hidden": hidden_words(lang, k),
    }


def _columns(lang: str, k: int) -> Columns:
    return Columns(t("report.col.value", lang), t("report.col.n", lang), hidden_words(lang, k))


def index_charts(board: IndexBoard, lang: str) -> dict[str, Markup]:
    out: dict[str, str] = {}
    k = board.k
    summary = board.summary
    if summary is not None:
        out["gauge"] = gauge(
            summary.index,
            lang=lang,
            title=t("report.summary.gauge", lang),
            anchors=[(v, t(f"report.anchor.{v}", lang)) for v in ANCHORS],
        )
        if summary.components:
            out["components"] = interval_bars(
                [
                    Bar(t("report.col.index", lang), summary.index, emphasis=True),
                    *(Bar(c.title.get(lang), c.figure) for c in summary.components),
                ],
                lang=lang,
                title=t("report.summary.components_chart", lang),
                axis_label=t("report.axis.score", lang),
                columns=_columns(lang, k),
            )
    if board.trend.points:
        out["trend"] = trend(
            [TrendMark(p.label, p.when, p.figure, p.complete) for p in board.trend.points],
            lang=lang,
            title=t("report.trend.title", lang),
            y_label=t("report.axis.index", lang),
            target=Reference(
                board.trend.target,
                t("report.trend.target", lang, value=fmt.number(board.trend.target, lang, 0)),
            ),
        )
    if board.stakeholders.groups:
        index = summary.index if summary is not None else Figure(None)
        out["stakeholders"] = interval_bars(
            [Bar(g.label.get(lang), g.figure) for g in board.stakeholders.groups],
            lang=lang,
            title=t("report.stakeholders.title", lang),
            axis_label=t("report.axis.score", lang),
            columns=_columns(lang, k),
            reference=(
                Reference(
                    index.value, f"{t('report.col.index', lang)} {fmt.number(index.value, lang)}"
                )
                if index.shown and index.value is not None
                else None
            ),
        )
    if board.gap.lines:
        out["gap"] = gap_chart(board.gap, lang, k)
    return {key: Markup(svg) for key, svg in out.items()}


def voice_figure(cell: VoiceCell) -> Figure:
    return Figure(cell.nps, cell.nps_ci, cell.n, cell.suppressed, cell.reason)


def voice_label(group: str, lang: str) -> str:
    if group == "(all)":
        return t("dash.nps.all", lang)
    if group in ("A", "B", "C"):
        return t("report.customers.nps_class", lang, cls=group)
    return group


def nps_chart(cells: Sequence[VoiceCell], lang: str, k: int, title: str) -> Markup:
    svg = interval_bars(
        [
            Bar(voice_label(c.group, lang), voice_figure(c), emphasis=c.group == "(all)")
            for c in cells
        ],
        lang=lang,
        title=title,
        axis_label=t("report.customers.nps_axis", lang),
        columns=_columns(lang, k),
        domain=(-100.0, 100.0),
    )
    return Markup(svg)


def customers_charts(board: CustomersBoard, lang: str, k: int) -> dict[str, Markup]:
    if board.base is None:
        return {}
    drawn = customer_charts(board.base, lang, k)
    return {key: Markup(svg) for key, svg in drawn.items()}
