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
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

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


_Check = Callable[[Item, object], list[AnswerProblem]]


def _wrong_type(item: Item, value: object) -> list[AnswerProblem]:
    got = type(value).__name__
    return [AnswerProblem(item.id, "wrong_type", {"format": item.format.value, "got": got})]


def _check_range(item: Item, value: object) -> list[AnswerProblem]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _wrong_type(item, value)
    number = _whole(value)
    if number is None:
        return [AnswerProblem(item.id, "not_whole", {})]
    low, high = RANGES[item.format]
    if low <= number <= high:
        return []
    return [AnswerProblem(item.id, "out_of_range", {"low": low, "high": high, "got": number})]


def _check_text(item: Item, value: object) -> list[AnswerProblem]:
    if not isinstance(value, str):
        return _wrong_type(item, value)
    limit = item.max_length or 0
    if len(value) <= limit:
        return []
    return [AnswerProblem(item.id, "too_long", {"limit": limit, "got": len(value)})]


def _check_choice(item: Item, value: object) -> list[AnswerProblem]:
    if not isinstance(value, str):
        return _wrong_type(item, value)
    return [] if item.option(value) else _unknown_option(item, value)


def _check_number(item: Item, value: object) -> list[AnswerProblem]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _wrong_type(item, value)
    if isinstance(value, float) and not math.isfinite(value):  # an int is finite, even 10**400
        return [
            AnswerProblem(item.id, "wrong_type", {"format": item.format.value, "got": str(value)})
        ]
    if item.integer and _whole(value) is None:
        return [AnswerProblem(item.id, "not_whole", {})]
    floor = -math.inf if item.minimum is None else item.minimum
    ceiling = math.inf if item.maximum is None else item.maximum
    if floor <= value <= ceiling:
        return []
    params = {"low": _show(item.minimum), "high": _show(item.maximum), "got": value}
    return [AnswerProblem(item.id, "out_of_range", params)]


def _check_date(item: Item, value: object) -> list[AnswerProblem]:
    day = as_date(value)
    if day is None:
        return [AnswerProblem(item.id, "bad_date", {"got": str(value)})]
    earliest, latest = item.earliest or date.min, item.latest or date.max
    if earliest <= day <= latest:
        return []
    params = {"low": earliest, "high": latest, "got": day}
    return [AnswerProblem(item.id, "date_out_of_range", params)]


def _check_yesno(item: Item, value: object) -> list[AnswerProblem]:
    return [] if isinstance(value, bool) else _wrong_type(item, value)


def _show(bound: float | None) -> str:
    if bound is None:
        return "…"
    return str(int(bound)) if bound.is_integer() else str(bound)


def _unknown_option(item: Item, value: object) -> list[AnswerProblem]:
    options = ", ".join(o.value for o in item.options)
    return [AnswerProblem(item.id, "unknown_option", {"value": value, "options": options})]


def _check_multichoice(item: Item, value: object) -> list[AnswerProblem]:
    if not isinstance(value, list | tuple):
        return _wrong_type(item, value)
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


# The check of an answered item by format; a format missing here is checked as yes/no.
_CHECKS: Mapping[Format, _Check] = {
    **dict.fromkeys(RANGES, _check_range),
    Format.TEXT: _check_text,
    Format.CHOICE: _check_choice,
    Format.MULTICHOICE: _check_multichoice,
    Format.NUMBER: _check_number,
    Format.DATE: _check_date,
}
# Bounds no whole number meets, for items without a range: their answers skip the fast path.
_NO_RANGE = (1, 0)


class _Entry(NamedTuple):
    """An item with what its check needs, worked out once per instrument."""

    item: Item
    id: str
    required: bool
    low: int  # the range of a rating item, else _NO_RANGE: an int in it is a right answer
    high: int
    in_block: bool  # only allocation block members need their state kept
    check: _Check


@dataclass(frozen=True)
class _Plan:
    """What validating answers to one instrument needs of it, so no request works it out."""

    entries: tuple[_Entry, ...]
    ids: frozenset[str]
    # (block id, member ids, their set when there are members and all are items, so their
    # state is kept, else None)
    blocks: tuple[tuple[str, tuple[str, ...], frozenset[str] | None], ...]
    # Plans of pages by their item ids, with the ids whose problems a page keeps.
    pages: dict[frozenset[str], tuple[_Plan, frozenset[str]]] = field(
        default_factory=dict, compare=False, repr=False
    )


def _make_plan(instrument: Instrument) -> _Plan:
    ids = frozenset(item.id for item in instrument.items)
    members = {i for block in instrument.blocks for i in block.items}
    entries = tuple(
        _Entry(
            item,
            item.id,
            item.required,
            *RANGES.get(item.format, _NO_RANGE),
            item.id in members,
            _CHECKS.get(item.format, _check_yesno),
        )
        for item in instrument.items
    )
    blocks = tuple(
        (b.id, b.items, frozenset(b.items) if b.items and ids.issuperset(b.items) else None)
        for b in instrument.blocks
    )
    return _Plan(entries, ids, blocks)


# Plans by id(instrument). The weak reference tells a live instrument from a dead one whose id
# was reused, and its callback drops the plan, so parsed-and-dropped instruments do not pile up.
_PLANS: dict[int, tuple[weakref.ref[Instrument], _Plan]] = {}


def _plan_of(instrument: Instrument) -> _Plan:
    key = id(instrument)
    cached = _PLANS.get(key)
    if cached is not None and cached[0]() is instrument:
        return cached[1]
    plan = _make_plan(instrument)

    def forget(ref: weakref.ref[Instrument]) -> None:
        entry = _PLANS.get(key)
        if entry is not None and entry[0] is ref:
            _PLANS.pop(key, None)

    # Two threads may both build a plan; they are equal, so either one may stay.
    _PLANS[key] = (weakref.ref(instrument, forget), plan)
    return plan


def _check_blocks(
    plan: _Plan,
    answers: Mapping[str, object],
    answered_members: set[str],
    points: dict[str, int],
    complete: bool,
) -> list[AnswerProblem]:
    """Missing members and sums of the blocks; ``points`` holds the members answered right."""
    problems: list[AnswerProblem] = []
    for block_id, items, members in plan.blocks:
        if members is not None and points.keys() >= members:
            # The common case: every member answered right, so none is missing; only the sum.
            missing: list[str] = []
            total = sum([points[i] for i in items])
        else:
            if members is not None:
                answered = [i for i in items if i in answered_members]
            else:  # a member that is no item (only outside the loader) is looked up here
                answered = [i for i in items if is_answered(answers.get(i))]
            if not answered:
                continue  # an untouched block is a matter for "required", item by item
            missing = [i for i in items if i not in answered] if complete else []
            problems += [
                AnswerProblem(i, "allocation_missing", {"block": block_id}) for i in missing
            ]
            if any(i not in points for i in answered):
                continue  # a bad number was reported already; its sum would only add noise
            total = sum([points[i] for i in answered])
        if complete and not missing and total != ALLOCATION_TOTAL:
            problems.append(
                AnswerProblem(block_id, "allocation_sum", {"block": block_id, "total": total})
            )
        elif total > ALLOCATION_TOTAL:
            problems.append(
                AnswerProblem(block_id, "allocation_over", {"block": block_id, "total": total})
            )
    return problems


def _check_items(
    plan: _Plan, answers: Mapping[str, object], complete: bool
) -> tuple[list[AnswerProblem], set[str], dict[str, int]]:
    """Problems of the plan's items in order, and what the block checks need of them."""
    problems: list[AnswerProblem] = []
    # Block members only, the block checks need nothing else: those answered, and the points
    # of those answered right (what the old ``sum(_whole(answers[i]) or 0 ...)`` added up).
    answered: set[str] = set()
    points: dict[str, int] = {}
    get = answers.get
    for item, key, required, low, high, in_block, check in plan.entries:
        value = get(key)
        if type(value) is int and low <= value <= high:  # exactly int: a bool is no number
            if in_block:
                answered.add(key)
                points[key] = value
            continue
        if value is None or not is_answered(value):
            if complete and required:
                problems.append(AnswerProblem(key, "required"))
            continue
        if in_block:
            answered.add(key)
        found = check(item, value)
        if found:
            problems += found
        elif in_block:
            points[key] = _whole(value) or 0
    return problems, answered, points


def _unknown_items(
    plan: _Plan, instrument: Instrument, answers: Mapping[str, object]
) -> list[AnswerProblem]:
    if plan.ids.issuperset(answers):  # the usual case, without a sort
        return []
    ref = instrument.ref
    return [
        AnswerProblem(key, "unknown_item", {"item": key, "instrument": ref})
        for key in sorted(k for k in answers if k not in plan.ids)
    ]


def validate_answers(
    instrument: Instrument, answers: Mapping[str, object], *, complete: bool
) -> list[AnswerProblem]:
    """Every problem of ``answers`` in instrument order; an empty list means they are fine.

    Runs twice on every survey page post, so it works from a plan made once per instrument
    and lets the common answer, a whole number on a rating item's range, skip the checks."""
    plan = _plan_of(instrument)
    problems, answered, points = _check_items(plan, answers, complete)
    if plan.blocks:
        problems += _check_blocks(plan, answers, answered, points, complete)
    return problems + _unknown_items(plan, instrument, answers)


def _page_plan(plan: _Plan, ids: frozenset[str]) -> tuple[_Plan, frozenset[str]]:
    """The part of ``plan`` that can yield a problem a page keeps, and the ids it keeps.

    An item off the page counts as unanswered, so it can only be "required", kept when its id
    is also the id of a block wholly on the page; a block with no member on the page has no
    answer, so nothing to say."""
    cached = plan.pages.get(ids)
    if cached is None:
        keep = ids.union(b for b, items, _ in plan.blocks if ids.issuperset(items))
        entries = tuple(e for e in plan.entries if e.id in keep)
        blocks = tuple(b for b in plan.blocks if not ids.isdisjoint(b[1]))
        cached = (_Plan(entries, plan.ids, blocks), keep)
        if len(plan.pages) >= _MAX_PAGE_PLANS:
            plan.pages.clear()  # only odd callers ask for more parts than an instrument has
        plan.pages[ids] = cached
    return cached


_MAX_PAGE_PLANS = 64


def validate_page(
    instrument: Instrument, answers: Mapping[str, object], item_ids: Iterable[str]
) -> list[AnswerProblem]:
    """What keeps the answers to ``item_ids`` (a page) from being complete.

    Exactly ``validate_answers(..., complete=True)`` on the answers to those items alone, kept
    to problems of those items and of the blocks wholly among them; but only the items and
    blocks that can give such a problem are checked, since every page post asks."""
    ids = frozenset(item_ids)
    plan, keep = _page_plan(_plan_of(instrument), ids)
    on_page = {k: v for k, v in answers.items() if k in ids}
    problems, answered, points = _check_items(plan, on_page, True)
    if plan.blocks:
        found = _check_blocks(plan, on_page, answered, points, True)
        problems += [p for p in found if p.item in keep]
    return problems + _unknown_items(plan, instrument, on_page)
