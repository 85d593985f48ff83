"""validate_answers: each kind of bad answer is caught, good answers pass."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orientir.instruments import AnswerProblem, builtin_library, validate_answers
from tests.instruments.factory import GOOD_ANSWERS, every_format

INSTRUMENT = every_format()


def codes(answers: dict[str, object], *, complete: bool = True) -> list[tuple[str, str]]:
    return [(p.item, p.code) for p in validate_answers(INSTRUMENT, answers, complete=complete)]


def with_(**changes: object) -> dict[str, object]:
    return {**GOOD_ANSWERS, **changes}


def test_good_answers_pass_complete_and_partial() -> None:
    assert codes(GOOD_ANSWERS) == []
    assert codes(GOOD_ANSWERS, complete=False) == []


def test_integral_floats_and_date_objects_are_accepted() -> None:
    # Answers re-read from spreadsheets or SPSS come back as floats.
    assert codes(with_(l5=4.0, rec=10.0, x1=50.0, count=7.0, day=date(2024, 1, 1))) == []


BAD_ANSWERS: list[tuple[str, str, object, str]] = [
    ("likert above range", "l5", 6, "out_of_range"),
    ("likert below range", "l7", 0, "out_of_range"),
    ("nps above 10", "rec", 11, "out_of_range"),
    ("likert as text", "l5", "4", "wrong_type"),
    ("likert as boolean", "l5", True, "wrong_type"),
    ("likert fraction", "l5", 3.5, "not_whole"),
    ("nps as nan", "rec", float("nan"), "not_whole"),
    ("text too long", "note", "x" * 11, "too_long"),
    ("text as number", "note", 5, "wrong_type"),
    ("unknown choice", "one", "purple", "unknown_option"),
    ("choice as list", "one", ["red"], "wrong_type"),
    ("multichoice as string", "many", "tea", "wrong_type"),
    ("multichoice unknown option", "many", ["tea", "milk"], "unknown_option"),
    ("multichoice twice the same", "many", ["tea", "tea"], "duplicate_choice"),
    ("multichoice over the limit", "many", ["tea", "coffee", "water"], "too_many_choices"),
    ("number below min", "count", 0, "out_of_range"),
    ("number above max", "count", 101, "out_of_range"),
    ("number too big for a float", "count", 10**400, "out_of_range"),  # was an OverflowError
    ("whole number with fraction", "count", 2.5, "not_whole"),
    ("number as boolean", "money", False, "wrong_type"),
    ("number infinite", "money", float("inf"), "wrong_type"),
    ("negative money", "money", -1, "out_of_range"),
    ("date not ISO", "day", "31.12.2024", "bad_date"),
    ("date impossible", "day", "2023-02-29", "bad_date"),
    ("date with time", "day", datetime(2024, 1, 1, 12, 0), "bad_date"),
    ("date too early", "day", "1999-12-31", "date_out_of_range"),
    ("yesno as text", "ok", "yes", "wrong_type"),
    ("yesno as number", "ok", 1, "wrong_type"),
]


@pytest.mark.parametrize(
    ("item", "value", "code"),
    [pytest.param(i, v, c, id=name) for name, i, v, c in BAD_ANSWERS],
)
def test_each_kind_of_bad_answer(item: str, value: object, code: str) -> None:
    assert codes(with_(**{item: value})) == [(item, code)]
    # The same value is just as wrong on a page saved half-way.
    assert (item, code) in codes(with_(**{item: value}), complete=False)


def test_a_whole_number_beyond_any_float_is_an_answer_like_another() -> None:
    assert codes(with_(money=10**400)) == []  # no maximum: fine, and no OverflowError


def test_required_only_when_complete() -> None:
    answers = with_(l5=None, rec="  ")
    assert codes(answers) == [("l5", "required"), ("rec", "required")]
    assert codes(answers, complete=False) == []


def test_blank_answers_count_as_unanswered() -> None:
    assert codes(with_(note="   ", many=[], l7=None)) == []


def test_unknown_items_are_reported_sorted() -> None:
    assert codes(with_(zeta=1, alpha="x")) == [("alpha", "unknown_item"), ("zeta", "unknown_item")]


def test_allocation_must_sum_to_exactly_100_when_complete() -> None:
    assert codes(with_(x1=30, x2=30, x3=30)) == [("split", "allocation_sum")]
    assert codes(with_(x1=30, x2=30, x3=30), complete=False) == []
    assert codes(with_(x1=60, x2=30, x3=30), complete=False) == [("split", "allocation_over")]
    problem = validate_answers(INSTRUMENT, with_(x1=30, x2=30, x3=30), complete=True)[0]
    assert problem.params == {"block": "split", "total": 90}
    assert (
        problem.message("ru") == "баллы блока 'split' должны давать в сумме ровно 100, получено 90"
    )


def test_allocation_block_needs_every_item_once_started() -> None:
    answers = with_(x1=100, x2=None, x3=None)
    assert codes(answers) == [("x2", "allocation_missing"), ("x3", "allocation_missing")]
    assert codes(answers, complete=False) == []
    untouched = with_(x1=None, x2=None, x3=None)
    assert codes(untouched) == []  # the block is optional here


def test_allocation_with_a_bad_number_reports_only_that_number() -> None:
    assert codes(with_(x1=150, x2=0, x3=0)) == [("x1", "out_of_range")]


def test_messages_in_both_languages() -> None:
    [problem] = validate_answers(INSTRUMENT, with_(l5=9), complete=True)
    assert problem == AnswerProblem("l5", "out_of_range", {"low": 1, "high": 5, "got": 9})
    assert problem.message("en") == "must be from 1 to 5, got 9"
    assert problem.message("ru") == "должно быть от 1 до 5, получено 9"
    assert str(problem) == "l5: must be from 1 to 5, got 9"


EMPLOYEE = builtin_library().resolve("employee-co@1")
LIKERT_ITEMS = [i.id for i in EMPLOYEE.items if i.format.value == "likert5"]


@settings(max_examples=200, deadline=None)
@given(
    likert=st.dictionaries(st.sampled_from(LIKERT_ITEMS), st.integers(1, 5)),
    enps=st.integers(0, 10),
)
def test_any_in_range_likert_answers_validate(likert: dict[str, int], enps: int) -> None:
    answers: dict[str, object] = {**likert, "enps": enps}
    assert validate_answers(EMPLOYEE, answers, complete=True) == []


@settings(max_examples=200, deadline=None)
@given(item=st.sampled_from(LIKERT_ITEMS), value=st.integers().filter(lambda v: not 1 <= v <= 5))
def test_any_out_of_range_likert_answer_is_caught(item: str, value: int) -> None:
    problems = validate_answers(EMPLOYEE, {item: value, "enps": 5}, complete=True)
    assert [(p.item, p.code) for p in problems] == [(item, "out_of_range")]


@st.composite
def splits_of_100(draw: st.DrawFn) -> tuple[int, int, int]:
    first = draw(st.integers(0, 100))
    second = draw(st.integers(0, 100 - first))
    return first, second, 100 - first - second


@settings(max_examples=200, deadline=None)
@given(split=splits_of_100())
def test_any_split_of_100_points_validates(split: tuple[int, int, int]) -> None:
    x1, x2, x3 = split
    assert codes(with_(x1=x1, x2=x2, x3=x3)) == []


@settings(max_examples=200, deadline=None)
@given(points=st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(0, 100)))
def test_any_other_total_is_refused_when_complete(points: tuple[int, int, int]) -> None:
    x1, x2, x3 = points
    found = codes(with_(x1=x1, x2=x2, x3=x3))
    assert found == ([] if sum(points) == 100 else [("split", "allocation_sum")])
