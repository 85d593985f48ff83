"""Grouping of one wave's responses for ``score_wave``: tenure bands at the wave's close."""

from __future__ import annotations

from datetime import date

import pandas as pd

from orientir.domain.organisations import Person
from orientir.instruments.library import builtin_instruments
from orientir.orientation.inputs import WaveData
from orientir.services.scoring import _tenure_groups


def test_tenure_bands_and_hire_dates_that_fit_no_band() -> None:
    instrument = next(i for i in builtin_instruments() if i.id == "employee-co")
    responses = pd.DataFrame(
        {"respondent": ["a", "b", "c", None], "department": [None] * 4, "complete": [True] * 4}
    )
    wave = WaveData("acme", "q1", instrument, date(2026, 6, 30), "confidential", responses)
    people = [
        Person("a", "A", hire_date=date(2026, 1, 1)),
        Person("b", "B", hire_date=date(2022, 1, 1)),
        Person("c", "C", hire_date=date(2026, 9, 1)),  # hired after the wave closed
    ]
    assert _tenure_groups(people, wave, wave.closes_on) == ["<1y", "3-5y", None, None]


def test_a_group_figure_of_a_recommendation_item_is_its_nps() -> None:
    from orientir.services.scoring import _group_cells

    values = pd.DataFrame(
        {"enps": [10.0, 9.0, 8.0, 0.0, float("nan"), 3.0], "needs": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}
    )
    cells, _ = _group_cells(
        values, ["A", "A", "A", "A", "A", "B"], list("abcdef"), tree=False, nps=frozenset({"enps"})
    )
    rows = cells.set_index("group")
    # A: answered 10, 9, 8, 0 → 2 promoters and 1 detractor of 4 = +25; B: one detractor.
    assert rows.loc["A", "enps"] == 25.0
    assert rows.loc["B", "enps"] == -100.0
    assert rows.loc["(all)", "enps"] == 100.0 * (2 / 5 - 2 / 5)
    assert rows.loc["A", "needs"] == 3.0  # scales stay means
