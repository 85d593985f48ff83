"""Every chart of a report, drawn for one language from a :class:`ReportData`."""

from __future__ import annotations

from collections.abc import Callable

from orientir.i18n import t
from orientir.reports import charts, charts_customers, fmt
from orientir.reports.build_customers import class_label
from orientir.reports.model import CustomerBase, Figure, Gap, ReportData

Charts = dict[str, str]


def hidden_words(lang: str, k: int) -> Callable[[str | None], str]:
    def words(reason: str | None) -> str:
        key = reason if reason in ("small", "complement", "guard", "comments") else "guard"
        return t(f"report.hidden.{key}", lang, k=k)

    return words


def _columns(lang: str, k: int) -> charts.Columns:
    return charts.Columns(
        t("report.col.value", lang), t("report.col.n", lang), hidden_words(lang, k)
    )


def survey_charts(data: ReportData, lang: str) -> Charts:
    k = data.meta.k
    out: Charts = {}
    out["gauge"] = charts.gauge(
        data.summary.index,
        lang=lang,
        title=t("report.summary.gauge", lang),
        anchors=[(v, t(f"report.anchor.{v}", lang)) for v in (0, 25, 50, 75, 100)],
    )
    components = [charts.Bar(c.title.get(lang), c.figure) for c in data.summary.components]
    if components:
        out["components"] = charts.interval_bars(
            [
                charts.Bar(t("report.col.index", lang), data.summary.index, emphasis=True),
                *components,
            ],
            lang=lang,
            title=t("report.summary.components_chart", lang),
            axis_label=t("report.axis.score", lang),
            columns=_columns(lang, k),
        )
    trend = data.trend
    if trend.points:
        out["trend"] = charts.trend(
            [charts.TrendMark(p.label, p.when, p.figure, p.complete) for p in trend.points],
            lang=lang,
            title=t("report.trend.title", lang),
            y_label=t("report.axis.index", lang),
            target=charts.Reference(
                trend.target,
                t("report.trend.target", lang, value=fmt.number(trend.target, lang, 0)),
            ),
        )
    if data.stakeholders.groups:
        out["stakeholders"] = charts.interval_bars(
            [charts.Bar(g.label.get(lang), g.figure) for g in data.stakeholders.groups],
            lang=lang,
            title=t("report.stakeholders.title", lang),
            axis_label=t("report.axis.score", lang),
            columns=_columns(lang, k),
            reference=_index_reference(data.summary.index, lang),
        )
    if data.gap.lines:
        out["gap"] = gap_chart(data.gap, lang, k)
    if data.coverage.rows:
        bars = []
        for row in data.coverage.rows:
            label = row.group or t("orientation.coverage.organisation", lang)
            bars.append(
                charts.Bar(
                    label.rsplit("/", 1)[-1],
                    Figure(row.share, row.ci, row.n, row.suppressed, row.reason),
                    depth=max(row.depth - 1, 0),
                    emphasis=row.depth == 0,
                )
            )
        out["coverage"] = charts.interval_bars(
            bars,
            lang=lang,
            title=t("report.coverage.title", lang),
            axis_label=t("report.coverage.axis", lang),
            columns=_columns(lang, k),
            domain=(0.0, 1.0),
            as_percent=True,
            reference=charts.Reference(
                data.coverage.target_share,
                t(
                    "report.coverage.target",
                    lang,
                    value=fmt.percent(data.coverage.target_share, lang),
                ),
            ),
        )
    return out


def _index_reference(index: Figure, lang: str) -> charts.Reference | None:
    if not index.shown or index.value is None:
        return None
    return charts.Reference(
        index.value, f"{t('report.col.index', lang)} {fmt.number(index.value, lang)}"
    )


def customer_charts(base: CustomerBase, lang: str, k: int) -> Charts:
    out: Charts = {}
    if base.pareto:
        cuts: list[charts_customers.Cut] = []
        reached = 0.0
        customers_before = 0
        for share in base.classes[:2]:
            customers_before += share.customers
            reached += share.revenue_share
            part = customers_before / max(base.customers, 1)
            label = t(
                "report.customers.cut",
                lang,
                cls="A" if not cuts else "A+B",
                customers=fmt.percent(part, lang),
                revenue=fmt.percent(reached, lang),
            )
            cuts.append(charts_customers.Cut(part, reached, label))
        out["pareto"] = charts_customers.pareto(
            base.pareto,
            cuts,
            lang=lang,
            title=t("report.customers.pareto", lang),
            x_label=t("report.customers.pareto_x", lang),
            y_label=t("report.customers.pareto_y", lang),
            equal_label=t("report.customers.equal", lang),
        )
    if base.clv is not None:
        clv = base.clv
        out["clv"] = charts_customers.histogram(
            clv.edges,
            clv.counts,
            lang=lang,
            title=t("report.customers.clv", lang),
            x_label=t("report.customers.clv_x", lang, months=clv.horizon_months),
            y_label=t("report.customers.clv_y", lang),
            open_end=clv.open_end,
            marks=[
                (
                    clv.median,
                    f"{t('report.customers.clv_median', lang)} {fmt.money(clv.median, lang)}",
                )
            ],
        )
    if base.nps:
        out["nps"] = charts.interval_bars(
            [
                charts.Bar(
                    class_label(row.label).get(lang), row.figure, emphasis=row.label == "all"
                )
                for row in base.nps
            ],
            lang=lang,
            title=t("report.customers.nps", lang),
            axis_label=t("report.customers.nps_axis", lang),
            columns=_columns(lang, k),
            domain=(-100.0, 100.0),
        )
    return out


def gap_chart(gap: Gap, lang: str, k: int) -> str:
    """The self-versus-customer gap as a dumbbell chart; shared by the report and the index
    dashboard."""
    rows = []
    for line in gap.lines:
        if line.suppressed or line.difference is None or line.ci is None:
            written = hidden_words(lang, k)("small")
        else:
            written = f"{fmt.signed(line.difference, lang)} ({fmt.interval(line.ci, lang)})"
        rows.append(
            charts.Dumbbell(
                line.label.get(lang),
                line.self_value,
                line.customer_value,
                written,
                emphasis=line.scale == "overall",
            )
        )
    return charts.dumbbells(
        rows,
        lang=lang,
        title=t("report.gap.title", lang),
        axis_label=t("report.axis.score", lang),
        legend=(t("report.gap.customers", lang), t("report.gap.self", lang)),
        difference_heading=t("report.gap.difference", lang),
    )
