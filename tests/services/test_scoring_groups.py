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
