"""The fast validate_answers finds exactly what the old, straightforward one found.

Random answers (see :mod:`tests.instruments.answer_cases`) are validated by both versions,
complete and partial; the problem lists must be equal down to the order and the types of the
parameters, and where the old version raised, the new one must raise the same error.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orientir.instruments import answers as answers_module
from orientir.instruments import parse, validate_answers
from tests.instruments import answers_reference as reference
from tests.instruments.answer_cases import INSTRUMENTS, answers_for, assert_same, outcome
from tests.instruments.factory import GOOD_ANSWERS, minimal


@pytest.mark.parametrize("ref", list(INSTRUMENTS))
@settings(max_examples=200, deadline=None)
@given(data=st.data(), complete=st.booleans())
def test_same_problems_as_the_reference(ref: str, data: st.DataObject, complete: bool) -> None:
    instrument = INSTRUMENTS[ref]
    answers = data.draw(answers_for(ref))
    expected = outcome(reference.validate_answers, instrument, answers, complete)
    found = outcome(validate_answers, instrument, answers, complete)
    if isinstance(expected, list) and isinstance(found, list):
        assert_same(found, expected)
    else:
        assert found == expected


@pytest.mark.parametrize("complete", [True, False])
@pytest.mark.parametrize(
    "answers",
    [
        {},
        GOOD_ANSWERS,
        {**GOOD_ANSWERS, "x1": 30, "x2": 30, "x3": 30, "zeta": 1, "alpha": None},
        {**GOOD_ANSWERS, "x1": 150.0, "x2": True, "x3": "50", "l5": 5.0, "rec": 11.0},
        {**GOOD_ANSWERS, "x1": 100, "x2": None, "x3": "  ", "many": ("tea", "tea", "milk")},
        {**GOOD_ANSWERS, "money": float("-inf"), "count": 2.5, "day": datetime(2024, 1, 1)},
    ],
)
def test_same_problems_on_chosen_answers(answers: dict[str, object], complete: bool) -> None:
    instrument = INSTRUMENTS["every-format"]
    expected = reference.validate_answers(instrument, answers, complete=complete)
    assert_same(validate_answers(instrument, answers, complete=complete), expected)


def test_a_plan_follows_its_instrument_and_goes_with_it() -> None:
    # Instruments parsed and dropped in turn often get the same id (the memory is reused): a
    # plan worked out for one must never check another, nor outlive it.
    nps = minimal()
    nps["items"][0]["format"] = "nps"
    nps["scales"], nps["outcome"] = [], None
    plans_before = len(answers_module._PLANS)
    for _ in range(50):
        likert = parse(minimal())
        [problem] = validate_answers(likert, {"q1": 6}, complete=False)
        assert (problem.code, problem.params["high"]) == ("out_of_range", 5)
        del likert, problem
        assert validate_answers(parse(nps), {"q1": 6}, complete=False) == []
    assert len(answers_module._PLANS) <= plans_before + 2
