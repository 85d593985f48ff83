"""Numbers as each language writes them, and charts that are valid SVG with their figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from orientir.reports import fmt
from orientir.reports.charts import Bar, Columns, Reference, TrendMark, interval_bars, trend
from orientir.reports.charts_customers import Cut, histogram, pareto
from orientir.reports.model import Figure
from orientir.reports.svg import nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
COLUMNS = Columns("value (95% CI)", "n", lambda reason: f"hidden ({reason})")


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # also proves the markup is well-formed XML
    return [el.text or "" for el in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (57.52, "en", 1, "57.5"),
        (57.52, "ru", 1, "57,5"),
        (1234567.0, "ru", 0, "1\u00a0234\u00a0567"),
        (1234567.0, "en", 0, "1,234,567"),
        (-3.25, "ru", 1, "\u22123,2"),
        (-0.01, "en", 1, "0.0"),
        (None, "en", 1, "—"),
        (float("nan"), "ru", 1, "—"),
    ],
)
def test_numbers(value: float | None, lang: str, digits: int, expected: str) -> None:
    assert fmt.number(value, lang, digits) == expected


def test_signs_percents_and_dates() -> None:
    assert fmt.signed(9.04, "ru") == "+9,0"
    assert fmt.signed(-2.0, "en") == "\u22122.0"
    assert fmt.signed(0.0, "en") == "0.0"
    assert fmt.percent(0.573, "ru") == "57%"
    assert fmt.interval((56.21, 59.13), "ru") == "56,2–59,1"
    assert fmt.compact(1_250_000, "ru") == "1,2\u00a0млн"
    assert fmt.compact(35_000, "en") == "35k"
    assert fmt.day(date(2026, 11, 2), "ru") == "2\u00a0ноября 2026"


def test_ticks_are_round() -> None:
    assert nice_ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(-100, 100) == [-100, -50, 0, 50, 100]


def test_bars_write_every_figure_and_the_reason_for_a_hidden_one() -> None:
    svg = interval_bars(
        [
            Bar("Sales <& Co>", Figure(61.25, (58.0, 64.5), 40)),
            Bar("Tiny team", Figure(None, None, None, True, "small")),
        ],
        lang="en",
        title="Departments",
        axis_label="Score, 0–100",
        columns=COLUMNS,
        reference=Reference(57.5, "index 57.5"),
    )
    written = texts(svg)
    assert "Sales <& Co>" in written  # escaped in the markup, read back as text
    assert "61.2 (58.0–64.5)" in written
    assert "40" in written
    assert "hidden (small)" in written
    assert svg.count("<rect") == 1  # no bar for the hidden group, not even an empty one


def test_trend_pareto_and_histogram_are_valid_svg() -> None:
    marks = [
        TrendMark("2026-Q1", date(2026, 2, 1), Figure(45.0, (43.0, 47.0), 300), True),
        TrendMark("2026-Q2", date(2026, 5, 1), Figure(None, None, None, True, "small"), False),
        TrendMark("2026-Q3", date(2026, 8, 1), Figure(52.0, (50.0, 54.0), 310), False),
    ]
    assert "52,0" in texts(
        trend(marks, lang="ru", title="t", y_label="y", target=Reference(70, "70"))
    )
    curve = [(i / 10, min(1.0, (i / 10) ** 0.4)) for i in range(1, 11)]
    assert texts(
        pareto(
            curve,
            [Cut(0.3, 0.8, "A")],
            lang="en",
            title="p",
            x_label="x",
            y_label="y",
            equal_label="=",
        )
    )
    hist = histogram(
        [0, 10, 20, 40], [5, 3, 1], lang="en", title="h", x_label="x", y_label="y", open_end=True
    )
    assert "≥20" in texts(hist)
