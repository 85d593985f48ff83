"""Customer-base charts as inline SVG: the Pareto (ABC) curve and the CLV histogram.

The ABC×XYZ matrix and the RFM grid are tables with their numbers in the cells (see the
templates); these two are the curves a table cannot show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orientir.reports import fmt
from orientir.reports.svg import (
    AMBER,
    BLUE,
    BLUE_LIGHT,
    GRID,
    INK,
    MUTED,
    NAVY,
    Svg,
    nice_ticks,
    scale,
)

WIDTH = 680.0


@dataclass(frozen=True)
class Cut:
    """A class boundary on the Pareto curve: share of customers → share of revenue."""

    customers: float
    revenue: float
    label: str


def pareto(
    curve: Sequence[tuple[float, float]],
    cuts: Sequence[Cut],
    *,
    lang: str,
    title: str,
    x_label: str,
    y_label: str,
    equal_label: str,
) -> str:
    """Cumulative share of revenue against the share of customers, largest first."""
    height = 300.0
    left, right, top, bottom = 58.0, WIDTH - 24.0, 16.0, height - 44.0
    svg = Svg(WIDTH, height, title=title)
    x = scale((0.0, 1.0), (left, right))
    y = scale((0.0, 1.0), (bottom, top))
    for tick in nice_ticks(0.0, 1.0):
        svg.line(x(tick), top, x(tick), bottom, stroke=GRID)
        svg.line(left, y(tick), right, y(tick), stroke=GRID)
        svg.text(
            x(tick), bottom + 14, fmt.percent(tick, lang), size=9.5, anchor="middle", fill=MUTED
        )
        svg.text(left - 6, y(tick) + 4, fmt.percent(tick, lang), size=9.5, anchor="end", fill=MUTED)
    svg.text((left + right) / 2, bottom + 32, x_label, size=10, anchor="middle", fill=MUTED)
    svg.text(14, (top + bottom) / 2, y_label, size=10, anchor="middle", fill=MUTED, rotate=-90)
    points = [(x(0.0), y(0.0)), *((x(a), y(b)) for a, b in curve)]
    svg.area([*points, (x(curve[-1][0] if curve else 1.0), y(0.0))], fill="#e4edf7")
    svg.line(x(0), y(0), x(1), y(1), stroke="#9aa5b1", width=1.2, dash="4 4")
    svg.text(x(0.62), y(0.62) + 16, equal_label, size=9.5, fill=MUTED, rotate=-21.5)
    svg.path(points, stroke=BLUE, width=2.4)
    for cut in cuts:
        cx, cy = x(cut.customers), y(cut.revenue)
        svg.line(cx, cy, cx, bottom, stroke=AMBER, width=1.3, dash="4 3")
        svg.line(left, cy, cx, cy, stroke=AMBER, width=1.3, dash="4 3")
        svg.circle(cx, cy, 4.5, fill=AMBER)
    # The boundaries' figures as a legend in the lower right, on a pale card over the lines.
    if cuts:
        wide = 6.4 * max(len(c.label) for c in cuts) + 16  # DejaVu Sans Bold at 10 px
        tall = 16.0 * len(cuts) + 8
        svg.rect(right - 6 - wide, bottom - 8 - tall, wide, tall, fill="#ffffff", opacity=0.92)
    for i, cut in enumerate(reversed(cuts)):
        svg.text(right - 14, bottom - 20 - 16 * i, cut.label, size=10, anchor="end", bold=True)
    return svg.markup()


def histogram(
    edges: Sequence[float],
    counts: Sequence[int],
    *,
    lang: str,
    title: str,
    x_label: str,
    y_label: str,
    open_end: bool,
    marks: Sequence[tuple[float, str]] = (),
) -> str:
    """Counts per bin, written above the bars; the last bin may be open ("≥ x")."""
    height = 260.0
    left, right, top, bottom = 58.0, WIDTH - 20.0, 22.0, height - 48.0
    svg = Svg(WIDTH, height, title=title)
    bins = len(counts)
    if bins == 0:
        return svg.markup()
    slot = (right - left) / bins
    peak = max(max(counts), 1)
    y = scale((0.0, float(peak)), (bottom, top + 12))
    for tick in nice_ticks(0.0, float(peak), count=4):
        svg.line(left, y(tick), right, y(tick), stroke=GRID)
        svg.text(
            left - 6, y(tick) + 4, fmt.count(int(tick), lang), size=9.5, anchor="end", fill=MUTED
        )
    for i, c in enumerate(counts):
        bx = left + i * slot
        fill = BLUE_LIGHT if open_end and i == bins - 1 else BLUE
        svg.rect(bx + 2, y(c), slot - 4, bottom - y(c), fill=fill)
        svg.text(bx + slot / 2, y(c) - 4, fmt.count(c, lang), size=9, anchor="middle", fill=INK)
    step = max(1, bins // 6)
    for i in range(0, bins + 1, step):
        if open_end and i >= bins - 1:
            break  # the open bin writes its own lower edge ("≥ x")
        svg.text(
            left + i * slot,
            bottom + 14,
            fmt.compact(edges[i], lang),
            size=9.5,
            anchor="middle",
            fill=MUTED,
        )
    if open_end:
        svg.text(
            right - slot / 2,
            bottom + 14,
            "≥" + fmt.compact(edges[-2], lang),
            size=9.5,
            anchor="middle",
            fill=MUTED,
        )
    svg.text((left + right) / 2, bottom + 32, x_label, size=10, anchor="middle", fill=MUTED)
    svg.text(14, (top + bottom) / 2, y_label, size=10, anchor="middle", fill=MUTED, rotate=-90)
    for value, label in marks:
        position = _position(edges, value)
        if position is None:
            continue
        mx = left + position * slot
        svg.line(mx, top, mx, bottom, stroke=AMBER, width=1.5, dash="5 3")
        svg.text(mx + 4, top + 8, label, size=9.5, fill=AMBER, bold=True)
    svg.line(left, bottom, right, bottom, stroke=NAVY)
    return svg.markup()


def _position(edges: Sequence[float], value: float) -> float | None:
    """Where ``value`` falls in bin units (2.5 = halfway through the third bin)."""
    for i in range(len(edges) - 1):
        lo, hi = edges[i], edges[i + 1]
        if lo <= value < hi:
            return i + (value - lo) / (hi - lo) if hi > lo else float(i)
    return None
