"""Checking a respondent's answers against an instrument: a pure function, no storage.

Answers map item ids to plain values, as they arrive from a web form or a JSON body:

==============  ==========================================================================
format          answer
==============  ==========================================================================
likert5/7, nps  a whole number in the format's range (an integral float such as ``4.0`` is
                accepted, because spreadsheet and SPSS round trips return floats)
allocation100   a whole number 0..100; the items of one block sum to exactly 100
text            a string of at most ``max_length`` characters (2,000 by default)
choice          one option value (a string)
multichoice     a list of distinct option values, at most ``max_choices`` of them
number          an int or float within ``min``..``max``; whole when ``integer: true``
date            a ``datetime.date`` or a ``YYYY-MM-DD`` string within ``earliest``..``latest``
yesno           ``True`` or ``False``
==============  ==========================================================================

``None``, a blank string and an empty list all mean "not answered". With ``complete=False``
(a page saved on the way) nothing is required and a block may hold fewer than 100 points, but
never more; with ``complete=True`` (the final submit) every required item needs an answer and
a block with any answer needs an answer on every item (0 is an answer) adding up to 100.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from orientir.i18n import t
from orientir.instruments import messages as _messages  # noqa: F401  (registers the texts)
from orientir.instruments.model import ALLOCATION_TOTAL, RANGES, Format, Instrument, Item

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AnswerProblem:
    """One thing wrong with an answer; ``item`` is the item id (a block id for block sums)."""

    item: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def message(self, lang: str = "en") -> str:
        return t(f"instruments.answer.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return f"{self.item}: {self.message()}"


def is_answered(value: object) -> bool:
    """False for the ways a form says "no answer": None, a blank string, an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return bool(value)
    return True


def _whole(value: object) -> int | None:
    """``value`` as an int if it is a whole number (bools are not numbers here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def as_date(value: object) -> date | None:
    """A date answer as a ``date``, or None when it is not one."""
    if isinstance(value, datetime):  # a datetime is a date subclass but carries a time
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _check(item: Item, value: object) -> list[AnswerProblem]:
    """Problems of one answered item, by format."""

    def fail(code: str, **params: object) -> list[AnswerProblem]:
        return [AnswerProblem(item.id, code, params)]

    def wrong_type() -> list[AnswerProblem]:
        return fail("wrong_type", format=item.format.value, got=type(value).__name__)

    fmt = item.format
    if fmt in RANGES:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return wrong_type()
        number = _whole(value)
        if number is None:
            return fail("not_whole")
        low, high = RANGES[fmt]
        return [] if low <= number <= high else fail("out_of_range", low=low, high=high, got=number)
    if fmt is Format.TEXT:
        if not isinstance(value, str):
            return wrong_type()
        limit = item.max_length or 0
        return fail("too_long", limit=limit, got=len(value)) if len(value) > limit else []
    if fmt is Format.CHOICE:
        if not isinstance(value, str):
            return wrong_type()
        return [] if item.option(value) else _unknown_option(item, value)
    if fmt is Format.MULTICHOICE:
        return _check_multichoice(item, value)
    if fmt is Format.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return wrong_type()
        if not math.isfinite(value):
            return fail("wrong_type", format=fmt.value, got=str(value))
        if item.integer and _whole(value) is None:
            return fail("not_whole")
        floor = -math.inf if item.minimum is None else item.minimum
        ceiling = math.inf if item.maximum is None else item.maximum
        if not floor <= value <= ceiling:
            return fail(
                "out_of_range", low=_show(item.minimum), high=_show(item.maximum), got=value
            )
        return []
    if fmt is Format.DATE:
        day = as_date(value)
        if day is None:
            return fail("bad_date", got=str(value))
        earliest, latest = item.earliest or date.min, item.latest or date.max
        if not earliest <= day <= latest:
            return fail("date_out_of_range", low=earliest, high=latest, got=day)
        return []
    # yesno
    return [] if isinstance(value, bool) else wrong_type()


def _show(bound: float | None) -> str:
    if bound is None:
        return "…"
    return str(int(bound)) if bound.is_integer() else str(bound)


def _unknown_option(item: Item, value: object) -> list[AnswerProblem]:
    options = ", ".join(o.value for o in item.options)
    return [AnswerProblem(item.id, "unknown_option", {"value": value, "options": options})]


def _check_multichoice(item: Item, value: object) -> list[AnswerProblem]:
    if not isinstance(value, list | tuple):
        got = type(value).__name__
        return [AnswerProblem(item.id, "wrong_type", {"format": item.format.value, "got": got})]
    problems: list[AnswerProblem] = []
    seen: set[str] = set()
    for choice in value:
        if not isinstance(choice, str) or item.option(choice) is None:
            problems += _unknown_option(item, choice)
        elif choice in seen:
            problems.append(AnswerProblem(item.id, "duplicate_choice", {"value": choice}))
        seen.add(str(choice))
    if item.max_choices is not None and len(value) > item.max_choices:
        params = {"limit": item.max_choices, "got": len(value)}
        problems.append(AnswerProblem(item.id, "too_many_choices", params))
    return problems


def _check_blocks(
    instrument: Instrument, answers: Mapping[str, object], valid: set[str], complete: bool
) -> list[AnswerProblem]:
    problems: list[AnswerProblem] = []
    for block in instrument.blocks:
        answered = [i for i in block.items if is_answered(answers.get(i))]
        if not answered:
            continue  # an untouched block is a matter for "required", item by item
        missing = [i for i in block.items if i not in answered] if complete else []
        problems += [AnswerProblem(i, "allocation_missing", {"block": block.id}) for i in missing]
        if any(i not in valid for i in answered):
            continue  # a bad number was reported already; its sum would only add noise
        total = sum(_whole(answers[i]) or 0 for i in answered)
        if complete and not missing and total != ALLOCATION_TOTAL:
            problems.append(
                AnswerProblem(block.id, "allocation_sum", {"block": block.id, "total": total})
            )
        elif total > ALLOCATION_TOTAL:
            problems.append(
                AnswerProblem(block.id, "allocation_over", {"block": block.id, "total": total})
            )
    return problems


def validate_answers(
    instrument: Instrument, answers: Mapping[str, object], *, complete: bool
) -> list[AnswerProblem]:
    """Every problem of ``answers`` in instrument order; an empty list means they are fine."""
    problems: list[AnswerProblem] = []
    valid: set[str] = set()
    for item in instrument.items:
        value = answers.get(item.id)
        if not is_answered(value):
            if complete and item.required:
                problems.append(AnswerProblem(item.id, "required"))
            continue
        found = _check(item, value)
        problems += found
        if not found:
            valid.add(item.id)
    problems += _check_blocks(instrument, answers, valid, complete)
    for key in sorted(k for k in answers if not instrument.has_item(k)):
        problems.append(
            AnswerProblem(key, "unknown_item", {"item": key, "instrument": instrument.ref})
        )
    return problems
