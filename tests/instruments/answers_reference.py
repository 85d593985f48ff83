"""The answer checks as they were before they were made faster, kept verbatim as a reference.

``validate_answers`` is on the hottest request path, so it was rewritten for speed (a plan
worked out once per instrument, fast paths for the common answers). Its result must not change
by a single problem, parameter or position, so the equivalence tests compare the fast version
with this copy of the straightforward one. Do not "improve" this file: its value is that it is
the old code, character for character (``AnswerProblem`` and the helpers ``is_answered``,
``_whole`` and ``as_date``, which did not change, are imported instead of copied).
``page_problems`` below is the copy of ``orientir.web.survey_forms.page_problems`` over this
reference.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

# The small helpers were not changed and are shared with the code.
from orientir.instruments.answers import AnswerProblem, _whole, as_date, is_answered
from orientir.instruments.model import ALLOCATION_TOTAL, RANGES, Format, Instrument, Item


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
        # Fixed here as in the code: math.isfinite(10**400) raised OverflowError.
        if isinstance(value, float) and not math.isfinite(value):
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


def page_problems(
    instrument: Instrument, items: Sequence[Item], answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    """What keeps this page from being complete: required answers, block sums."""
    ids = {i.id for i in items}
    blocks = {b.id for b in instrument.blocks if set(b.items) <= ids}
    merged = {k: v for k, v in answers.items() if k in ids}
    return [
        p
        for p in validate_answers(instrument, merged, complete=True)
        if p.item in ids or p.item in blocks
    ]
