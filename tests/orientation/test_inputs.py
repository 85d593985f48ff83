"""The input contract: waves and organisation facts are checked on construction."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.instruments.model import Stakeholder
from orientir.orientation import OrgFacts, WaveData
from orientir.orientation.inputs import check_same_org
from tests.orientation import _synth as synth


def _frame(**extra: object) -> pd.DataFrame:
    base: dict[str, object] = {"respondent": [None], "department": [None], "complete": [True]}
    base.update(extra)
    return pd.DataFrame(base)


def test_wave_keeps_its_data_and_knows_its_group() -> None:
    frame = synth.frame(synth.instrument("leadership"), 6, np.random.default_rng(0))
    wave = synth.wave("leadership", [frame], audience=Stakeholder.EMPLOYEES)
    assert wave.stakeholder is Stakeholder.EMPLOYEES  # the audience, not the instrument's group
    assert wave.n == 6
    plain = synth.wave("leadership", [frame])
    assert plain.stakeholder is Stakeholder.MANAGEMENT


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mode": "secret"}, "mode must be one of"),
        ({"responses": pd.DataFrame({"respondent": [None]})}, "lack the columns"),
        ({"responses": _frame(respondent=["p1"])}, "anonymous but its responses carry ids"),
        ({"responses": _frame(complete=["yes"])}, "'complete' must be true or false"),
        ({"wave": " "}, "needs a label"),
    ],
)
def test_wave_refuses_a_broken_contract(change: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "org": "acme",
        "wave": "w1",
        "instrument": synth.instrument("employee-co"),
        "closes_on": date(2025, 3, 31),
        "mode": "anonymous",
        "responses": _frame(),
    }
    fields.update(change)
    with pytest.raises(InvalidInput, match=message):
        WaveData(**fields)  # type: ignore[arg-type]


def test_departments_are_normalised_and_missing_ones_are_none() -> None:
    frame = _frame(department=[" Продажи / Москва "])
    frame = pd.concat([frame, _frame(department=[np.nan]), _frame(department=[""])])
    wave = WaveData(
        "acme", "w", synth.instrument("employee-co"), date(2025, 1, 1), "anonymous", frame
    )
    assert wave.departments() == ["Продажи/Москва", None, None]


def test_waves_of_two_organisations_are_refused() -> None:
    rng = np.random.default_rng(0)
    a = synth.employees(rng, {"A": (5, 3.0)}, org="acme", label="w1")
    b = synth.employees(rng, {"A": (5, 3.0)}, org="other", label="w2")
    with pytest.raises(InvalidInput, match="several organisations"):
        check_same_org([a, b])
    with pytest.raises(InvalidInput, match="labels repeat"):
        check_same_org([a, a])


def test_facts_derive_age_and_budget_per_employee() -> None:
    facts = OrgFacts("acme", date(2025, 6, 1), founded=2000, headcount=200, budget_per_year=1e6)
    assert facts.age == 25
    assert facts.budget_per_employee == pytest.approx(5000.0)
    assert OrgFacts("acme", date(2025, 6, 1)).budget_per_employee is None


@pytest.mark.parametrize(
    "bad",
    [{"founded": 2030}, {"headcount": 0}, {"budget_per_year": -1.0}, {"departments": 0}],
)
def test_facts_refuse_impossible_values(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        OrgFacts("acme", date(2025, 6, 1), **bad)  # type: ignore[arg-type]
