"""The one sentence person #1 reads first: level, direction and the weakest part.

**Level.** The index is on 0–100, where a 5-point answer of 1…5 sits at 0, 25, 50, 75, 100;
50 is the neutral answer and 75 "agree". The sentence names the band of the point value:
below 40 *well below the midpoint*, 40–50 *just below*, 50–60 *just above*, 60–75 *clearly
above but short of "agree"*, from 75 *at "agree" or above*. These bands are a reading aid
anchored on the answer scale, not norms from other companies.

**Direction.** From the straight-line trajectory through the quarterly index (the same fit as
``orientir trajectory``): *rising* when the slope's 95% interval lies above zero, *falling*
when below, *no clear trend* otherwise; fewer than three quarters say that a trend needs more.

**Weakest part.** The shown component with the lowest value — where to look first.
"""

from __future__ import annotations

from orientir.instruments.model import Text
from orientir.reports import fmt
from orientir.reports.model import Summary, Trend
from orientir.reports.texts import both, report

BANDS = ((40.0, "low"), (50.0, "below"), (60.0, "above"), (75.0, "positive"))


def band(value: float) -> str:
    return next((name for limit, name in BANDS if value < limit), "high")


def direction(trend: Trend) -> str:
    if trend.slope is None or trend.slope_ci is None:
        return "none"
    low, high = trend.slope_ci
    return "rising" if low > 0 else "falling" if high < 0 else "flat"


def verdict(summary: Summary, trend: Trend) -> Text:
    index = summary.index
    if index.suppressed:
        return report("verdict.hidden")
    if index.value is None or index.ci is None:
        return report("verdict.none")
    value, (low, high) = index.value, index.ci
    opening = report(
        "verdict.index",
        value=lambda lang: fmt.number(value, lang),
        low=lambda lang: fmt.number(low, lang),
        high=lambda lang: fmt.number(high, lang),
    )
    level = report(f"verdict.band.{band(value)}")
    way = direction(trend)
    slope = abs(trend.slope or 0.0)
    moving = report(
        f"verdict.trend.{way}",
        slope=lambda lang: fmt.number(slope, lang),
        n=len([p for p in trend.points if p.figure.shown]),
    )
    parts = [opening, level, moving]
    shown = [c for c in summary.components if c.figure.shown and c.figure.value is not None]
    if len(shown) > 1:
        weakest = min(shown, key=lambda c: c.figure.value or 0.0)
        parts.append(
            report(
                "verdict.weakest",
                title=weakest.title.get,
                value=lambda lang: fmt.number(weakest.figure.value, lang),
            )
        )

    def sentence(lang: str) -> str:
        first, second, *rest = (p.get(lang) for p in parts)
        return f"{first}, {second}; " + "; ".join(rest) + "."

    return both(sentence)
