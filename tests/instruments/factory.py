"""Small instruments for tests, as plain data so each test can break one rule of its own."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from orientir.instruments import Instrument, parse


def text(word: str = "вопрос", en: str = "question") -> dict[str, str]:
    return {"ru": word, "en": en}


_MINIMAL: dict[str, Any] = {
    "id": "demo",
    "version": 1,
    "stakeholder": "employees",
    "title": text("Демо", "Demo"),
    "intro": text("Вступление", "Introduction"),
    "pages": [{"id": "p1"}, {"id": "p2", "title": text("Вторая", "Second")}],
    "items": [
        {"id": "q1", "page": "p1", "text": text(), "format": "likert5"},
        {"id": "q2", "page": "p1", "text": text(), "format": "likert5", "reverse": True},
        {"id": "q3", "page": "p1", "text": text(), "format": "likert5"},
        {
            "id": "pick",
            "page": "p1",
            "text": text(),
            "format": "choice",
            "options": [
                {"value": "a", "label": text("А", "A")},
                {"value": "b", "label": text("Б", "B")},
            ],
        },
        {"id": "a1", "page": "p2", "text": text(), "format": "allocation100"},
        {"id": "a2", "page": "p2", "text": text(), "format": "allocation100"},
    ],
    "scales": [{"id": "s", "title": text("Шкала", "Scale"), "items": ["q1", "q2", "q3"]}],
    "blocks": [{"id": "alloc", "items": ["a1", "a2"]}],
    "outcome": "s",
}


def minimal() -> dict[str, Any]:
    """A valid instrument using pages, a reverse item, a choice, a scale and a block."""
    return copy.deepcopy(_MINIMAL)


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Every answer format, with the optional limits set, for answer validation tests.
_EVERY_FORMAT: dict[str, Any] = {
    "id": "every-format",
    "version": 1,
    "stakeholder": "other",
    "title": text("Все форматы", "Every format"),
    "intro": text("Проверка", "A check"),
    "items": [
        {"id": "l5", "text": text(), "format": "likert5", "required": True},
        {"id": "l7", "text": text(), "format": "likert7"},
        {"id": "rec", "text": text(), "format": "nps", "required": True},
        {"id": "x1", "text": text(), "format": "allocation100"},
        {"id": "x2", "text": text(), "format": "allocation100"},
        {"id": "x3", "text": text(), "format": "allocation100"},
        {"id": "note", "text": text(), "format": "text", "max_length": 10},
        {
            "id": "one",
            "text": text(),
            "format": "choice",
            "options": [{"value": v, "label": text(v, v)} for v in ("red", "green", "blue")],
        },
        {
            "id": "many",
            "text": text(),
            "format": "multichoice",
            "max_choices": 2,
            "options": [{"value": v, "label": text(v, v)} for v in ("tea", "coffee", "water")],
        },
        {"id": "count", "text": text(), "format": "number", "integer": True, "min": 1, "max": 100},
        {"id": "money", "text": text(), "format": "number", "min": 0},
        {
            "id": "day",
            "text": text(),
            "format": "date",
            "earliest": "2000-01-01",
            "latest": "2030-12-31",
        },
        {"id": "ok", "text": text(), "format": "yesno"},
    ],
    "blocks": [{"id": "split", "items": ["x1", "x2", "x3"]}],
}


def every_format() -> Instrument:
    return parse(copy.deepcopy(_EVERY_FORMAT))


def every_format_data() -> dict[str, Any]:
    return copy.deepcopy(_EVERY_FORMAT)


GOOD_ANSWERS: dict[str, object] = {
    "l5": 4,
    "l7": 7,
    "rec": 0,
    "x1": 50,
    "x2": 0,
    "x3": 50,
    "note": "короткий",
    "one": "green",
    "many": ["tea", "water"],
    "count": 42,
    "money": 1250.5,
    "day": "2024-02-29",
    "ok": False,
}
