"""The report's survey charts as inline SVG: interval bars, the index gauge, trend, gap.

Each function takes figures already through the anonymity guard and texts already in the
reader's language, and returns one ``<svg>`` string. Every mark has its figure written beside
it (value, interval, count), so a chart can be read without judging lengths or colours; a
hidden figure is drawn as the words saying why, never as an empty bar that looks like zero.
The customer-base charts are in :mod:`orientir.reports.charts_customers`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from orientir.reports import fmt
from orientir.reports.model import Figure
from orientir.reports.svg import (
    AMBER,
    BLUE,
    BLUE_LIGHT,
    GRID,
    INK,
    MUTED,
    NAVY,
    TEAL,
    Svg,
    nice_domain,
    nice_ticks,
    scale,
)

WIDTH = 680.0
LABEL_W = 196.0
ROW_H = 24.0
VALUE_X = WIDTH - 112.0  # centre of the "value (interval)" column


@dataclass(frozen=True)
class Bar:
    label: str
    figure: Figure
    depth: int = 0  # indent of a sub-department
    emphasis: bool = False


@dataclass(frozen=True)
class Reference:
    value: float
    label: str


@dataclass(frozen=True)
class Columns:
    """Headings of the written columns, and the words for a hidden figure."""

    value: str  # e.g. "value (95% CI)"
    n: str
    hidden: Callable[[str | None], str]


def wrap(text: str, limit: int = 30) -> list[str]:
    """Split a long label into at most two lines at a space or a ``/`` of a path."""
    if len(text) <= limit:
        return [text]
    cut = max(text.rfind(" ", 0, limit), text.rfind("/", 0, limit))
    if cut <= 0:
        return [text[: limit - 1] + "…"]
    head = text[: cut + 1].rstrip()
    rest = text[cut + 1 :].strip()
    return [head, rest if len(rest) <= limit else rest[: limit - 1] + "…"]


def _label(svg: Svg, right: float, y: float, text: str, *, bold: bool = False) -> None:
    lines = wrap(text)
    top = y - (len(lines) - 1) * 6.0
    for i, line in enumerate(lines):
        svg.text(right, top + i * 12.0, line, anchor="end", size=10.5, bold=bold)


def _x_axis(
    svg: Svg,
    x: Callable[[float], float],
    ticks: Sequence[float],
    *,
    top: float,
    bottom: float,
    label: str,
    tick_text: Callable[[float], str],
) -> None:
    for tick in ticks:
        svg.line(x(tick), top, x(tick), bottom, stroke=GRID)
        svg.text(x(tick), bottom + 13, tick_text(tick), size=9.5, anchor="middle", fill=MUTED)
    if label and ticks:
        mid = (x(ticks[0]) + x(ticks[-1])) / 2
        svg.text(mid, bottom + 28, label, size=10, anchor="middle", fill=MUTED)


def _whisker(svg: Svg, lo: float, hi: float, cy: float, half: float = 5.0) -> None:
    svg.line(lo, cy, hi, cy, stroke=INK, width=1.4)
    svg.line(lo, cy - half, lo, cy + half, stroke=INK, width=1.4)
    svg.line(hi, cy - half, hi, cy + half, stroke=INK, width=1.4)


def interval_bars(
    bars: Sequence[Bar],
    *,
    lang: str,
    title: str,
    axis_label: str,
    columns: Columns,
    domain: tuple[float, float] = (0.0, 100.0),
    as_percent: bool = False,
    reference: Reference | None = None,
) -> str:
    """Horizontal bars with their intervals; value, interval and n are written at the right.

    Bars start at 0 (or at the domain's low end when 0 is outside it), so a negative NPS
    points left of zero.
    """
    top, plot_left, plot_right = 34.0, LABEL_W + 14, WIDTH - 214
    bottom = top + ROW_H * len(bars)
    svg = Svg(WIDTH, bottom + 40, title=title)
    x = scale(domain, (plot_left, plot_right))

    def show(v: float) -> str:
        return fmt.percent(v, lang) if as_percent else fmt.number(v, lang)

    def show_ci(ci: tuple[float, float]) -> str:
        return fmt.percent_interval(ci, lang) if as_percent else fmt.interval(ci, lang)

    def tick(v: float) -> str:
        return fmt.percent(v, lang) if as_percent else fmt.number(v, lang, 0)

    _x_axis(
        svg, x, nice_ticks(*domain), top=top - 4, bottom=bottom, label=axis_label, tick_text=tick
    )
    svg.text(VALUE_X, top - 10, columns.value, size=9.5, anchor="middle", fill=MUTED)
    svg.text(WIDTH - 2, top - 10, columns.n, size=9.5, anchor="end", fill=MUTED)
    base = 0.0 if domain[0] <= 0.0 <= domain[1] else domain[0]
    for i, bar in enumerate(bars):
        cy = top + ROW_H * i + ROW_H / 2
        _label(svg, LABEL_W, cy + 4, "   " * bar.depth + bar.label, bold=bar.emphasis)
        f = bar.figure
        if not f.shown or f.value is None:
            svg.text(
                plot_left + 4, cy + 4, columns.hidden(f.reason), size=10, fill=MUTED, italic=True
            )
            svg.text(VALUE_X, cy + 4, fmt.DASH, size=10.5, anchor="middle", fill=MUTED)
            svg.text(WIDTH - 2, cy + 4, fmt.DASH, size=10.5, anchor="end", fill=MUTED)
            continue
        x0, x1 = sorted((x(base), x(f.value)))
        svg.rect(x0, cy - 6, x1 - x0, 12, fill=NAVY if bar.emphasis else BLUE)
        if f.ci is not None:
            _whisker(svg, x(f.ci[0]), x(f.ci[1]), cy)
        text = show(f.value) + (f" ({show_ci(f.ci)})" if f.ci is not None else "")
        svg.text(VALUE_X, cy + 4, text, size=10.5, anchor="middle", bold=bar.emphasis)
        svg.text(WIDTH - 2, cy + 4, fmt.count(f.n, lang), size=10.5, anchor="end", fill=MUTED)
    if reference is not None and domain[0] <= reference.value <= domain[1]:
        rx = x(reference.value)
        svg.line(rx, top - 4, rx, bottom, stroke=AMBER, width=1.6, dash="5 3")
        svg.text(rx, top - 10, reference.label, size=9.5, anchor="middle", fill=AMBER, bold=True)
    return svg.markup()


def gauge(figure: Figure, *, lang: str, title: str, anchors: Sequence[tuple[float, str]]) -> str:
    """The index on its 0–100 scale, with the interval as a band and the answer anchors
    (0 = strongly disagree … 100 = strongly agree) under the axis."""
    svg = Svg(WIDTH, 92, title=title)
    left, right, y = 14.0, WIDTH - 14.0, 40.0
    x = scale((0.0, 100.0), (left, right))
    svg.rect(left, y - 7, right - left, 14, fill="#eef2f6", rx=7)
    for value, word in anchors:
        # The end labels hang inwards so they stay inside the drawing.
        anchor = "start" if value <= 0 else "end" if value >= 100 else "middle"
        at = x(value) + (-4 if anchor == "start" else 4 if anchor == "end" else 0)
        svg.line(x(value), y - 10, x(value), y + 10, stroke="#aab4bf")
        svg.text(at, y + 24, fmt.number(value, lang, 0), size=9.5, anchor=anchor, fill=MUTED)
        svg.text(at, y + 37, word, size=9, anchor=anchor, fill=MUTED)
    if figure.shown and figure.value is not None:
        if figure.ci is not None:
            svg.rect(x(figure.ci[0]), y - 7, x(figure.ci[1]) - x(figure.ci[0]), 14, fill=BLUE_LIGHT)
        svg.rect(left, y - 3, x(figure.value) - left, 6, fill=BLUE, rx=3)
        svg.circle(x(figure.value), y, 8, fill=NAVY, stroke="#ffffff")
        svg.text(
            x(figure.value),
            y - 15,
            fmt.number(figure.value, lang),
            size=13,
            anchor="middle",
            bold=True,
        )
    return svg.markup()


@dataclass(frozen=True)
class TrendMark:
    label: str
    when: date
    figure: Figure
    complete: bool


def trend(
    marks: Sequence[TrendMark],
    *,
    lang: str,
    title: str,
    y_label: str,
    target: Reference | None,
) -> str:
    """The index quarter by quarter with intervals; a hollow point lacked a component."""
    width, height = WIDTH, 270.0
    left, right, top, bottom = 54.0, width - 24.0, 26.0, height - 46.0
    svg = Svg(width, height, title=title)
    shown = [m for m in marks if m.figure.shown and m.figure.value is not None]
    lows = [m.figure.ci[0] if m.figure.ci else m.figure.value for m in shown]
    highs = [m.figure.ci[1] if m.figure.ci else m.figure.value for m in shown]
    values = [v for v in [*lows, *highs] if v is not None]
    if target is not None:
        values.append(target.value)
    lo, hi = nice_domain(min(values, default=0.0), max(values, default=100.0), pad=3.0)
    lo, hi = max(lo, 0.0), min(hi, 100.0)
    y = scale((lo, hi), (bottom, top))
    for tick in nice_ticks(lo, hi):
        svg.line(left, y(tick), right, y(tick), stroke=GRID)
        svg.text(
            left - 6, y(tick) + 4, fmt.number(tick, lang, 0), size=9.5, anchor="end", fill=MUTED
        )
    svg.text(14, (top + bottom) / 2, y_label, size=10, anchor="middle", fill=MUTED, rotate=-90)
    days = [m.when.toordinal() for m in marks]
    pad = max((max(days, default=0) - min(days, default=0)) * 0.06, 20.0)
    x = scale((min(days, default=0) - pad, max(days, default=1) + pad), (left, right))
    if target is not None:
        svg.line(left, y(target.value), right, y(target.value), stroke=AMBER, width=1.6, dash="6 4")
        svg.text(
            right, y(target.value) - 6, target.label, size=9.5, anchor="end", fill=AMBER, bold=True
        )
    svg.path([(x(m.when.toordinal()), y(m.figure.value or 0.0)) for m in shown], stroke=BLUE)
    for m in marks:
        cx = x(m.when.toordinal())
        svg.text(cx, bottom + 16, m.label, size=9.5, anchor="middle", fill=MUTED)
        f = m.figure
        if not f.shown or f.value is None:
            svg.text(cx, bottom - 8, fmt.DASH, size=11, anchor="middle", fill=MUTED)
            continue
        if f.ci is not None:
            svg.line(cx, y(f.ci[0]), cx, y(f.ci[1]), stroke=INK, width=1.3)
            svg.line(cx - 4, y(f.ci[0]), cx + 4, y(f.ci[0]), stroke=INK, width=1.3)
            svg.line(cx - 4, y(f.ci[1]), cx + 4, y(f.ci[1]), stroke=INK, width=1.3)
        svg.circle(cx, y(f.value), 5, fill=NAVY if m.complete else "#ffffff", stroke=NAVY)
        top_of = y(f.ci[1]) if f.ci is not None else y(f.value)
        svg.text(cx, top_of - 7, fmt.number(f.value, lang), size=10.5, anchor="middle", bold=True)
    return svg.markup()


@dataclass(frozen=True)
class Dumbbell:
    label: str
    self_value: float | None
    customer_value: float | None
    difference: str  # already written: "+9.0 (6.6–11.5)" or the reason it is hidden
    emphasis: bool = False


def dumbbells(
    rows: Sequence[Dumbbell],
    *,
    lang: str,
    title: str,
    axis_label: str,
    legend: tuple[str, str],
    difference_heading: str,
) -> str:
    """Company's self-view against its customers' view, scale by scale, on 0–100."""
    top, plot_left, plot_right = 44.0, LABEL_W + 14, WIDTH - 190
    bottom = top + ROW_H * len(rows)
    svg = Svg(WIDTH, bottom + 40, title=title)
    lo, hi = nice_domain(
        min([v for r in rows for v in (r.self_value, r.customer_value) if v is not None] or [0.0]),
        max(
            [v for r in rows for v in (r.self_value, r.customer_value) if v is not None] or [100.0]
        ),
        pad=4.0,
    )
    lo, hi = max(lo, 0.0), min(hi, 100.0)
    x = scale((lo, hi), (plot_left, plot_right))
    _x_axis(svg, x, nice_ticks(lo, hi), top=top - 4, bottom=bottom, label=axis_label,
            tick_text=lambda v: fmt.number(v, lang, 0))  # fmt: skip
    svg.circle(plot_left + 4, 12, 5, fill=TEAL)
    svg.text(plot_left + 14, 16, legend[0], size=10)
    svg.circle(plot_left + 190, 12, 5, fill=NAVY)
    svg.text(plot_left + 200, 16, legend[1], size=10)
    svg.text(WIDTH - 2, top - 10, difference_heading, size=9.5, anchor="end", fill=MUTED)
    for i, row in enumerate(rows):
        cy = top + ROW_H * i + ROW_H / 2
        _label(svg, LABEL_W, cy + 4, row.label, bold=row.emphasis)
        svg.text(WIDTH - 2, cy + 4, row.difference, size=10.5, anchor="end", bold=row.emphasis)
        if row.self_value is None or row.customer_value is None:
            continue
        svg.line(x(row.customer_value), cy, x(row.self_value), cy, stroke="#9aa5b1", width=3)
        svg.circle(x(row.customer_value), cy, 5.5, fill=TEAL)
        svg.circle(x(row.self_value), cy, 5.5, fill=NAVY)
    return svg.markup()
