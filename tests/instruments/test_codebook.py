"""The codebook: export columns, value labels and coded answers."""

from __future__ import annotations

from datetime import date

from orientir.instruments import builtin_library, codebook, encode_answers, value_labels
from tests.instruments.factory import GOOD_ANSWERS, every_format

INSTRUMENT = every_format()


def test_likert_labels_in_both_languages() -> None:
    item = INSTRUMENT.item("l5")
    assert value_labels(item, "ru") == {
        1: "Полностью не согласен",
        2: "Не согласен",
        3: "Отчасти согласен, отчасти нет",
        4: "Согласен",
        5: "Полностью согласен",
    }
    assert value_labels(item, "en")[1] == "Strongly disagree"
    assert value_labels(item, "en")[5] == "Strongly agree"
    assert list(value_labels(INSTRUMENT.item("l7"), "en")) == [1, 2, 3, 4, 5, 6, 7]
    assert value_labels(INSTRUMENT.item("l7"), "ru")[5] == "Скорее согласен"


def test_own_labels_replace_the_defaults() -> None:
    customer = builtin_library().resolve("customer-view")
    assert value_labels(customer.item("csat"), "en")[1] == "Very dissatisfied"
    assert value_labels(customer.item("ces"), "ru")[1] == "Очень трудно"
    employee = builtin_library().resolve("employee-co")
    # nps keeps its number scale; only the ends are named, here by the item itself
    assert value_labels(employee.item("enps"), "en") == {
        0: "Certainly would not",
        10: "Certainly would",
    }
    assert value_labels(INSTRUMENT.item("rec"), "ru") == {
        0: "Совсем маловероятно",
        10: "Очень вероятно",
    }


def test_choice_and_yesno_codes() -> None:
    assert value_labels(INSTRUMENT.item("one"), "en") == {1: "red", 2: "green", 3: "blue"}
    assert value_labels(INSTRUMENT.item("ok"), "ru") == {1: "Да", 0: "Нет"}
    assert value_labels(INSTRUMENT.item("note"), "en") == {}


def test_codebook_columns() -> None:
    variables = {v.name: v for v in codebook(INSTRUMENT, "en")}
    assert list(variables) == [
        "l5", "l7", "rec", "x1", "x2", "x3", "note", "one",
        "many_tea", "many_coffee", "many_water", "count", "money", "day", "ok",
    ]  # fmt: skip
    assert (variables["l5"].kind, variables["l5"].measure) == ("numeric", "ordinal")
    assert (variables["note"].kind, variables["note"].width) == ("string", 10)
    assert variables["day"].kind == "date"
    assert variables["one"].measure == "nominal"
    tea = variables["many_tea"]
    assert (tea.item, tea.option, tea.value_labels) == (
        "many",
        "tea",
        {1: "Chosen", 0: "Not chosen"},
    )
    assert tea.label == "question: tea"


def test_codebook_flags_reverse_items() -> None:
    employee = builtin_library().resolve("employee-co")
    reverse = {v.name for v in codebook(employee, "ru") if v.reverse}
    assert reverse == {"needs4", "enjoy3"}


def test_encode_answers() -> None:
    row = encode_answers(INSTRUMENT, {**GOOD_ANSWERS, "l5": 4.0, "l7": None})
    assert row == {
        "l5": 4,
        "l7": None,
        "rec": 0,
        "x1": 50,
        "x2": 0,
        "x3": 50,
        "note": "короткий",
        "one": 2,
        "many_tea": 1,
        "many_coffee": 0,
        "many_water": 1,
        "count": 42,
        "money": 1250.5,
        "day": date(2024, 2, 29),
        "ok": 0,
    }
    assert type(row["l5"]) is int
    empty = encode_answers(INSTRUMENT, {})
    assert set(empty.values()) == {None}
    assert len(empty) == 15
