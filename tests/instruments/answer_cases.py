"""Instruments and random answers for checking the fast answer checks against the old ones.

Random answers (right and wrong types, bools, floats, NaN, huge and out-of-range numbers,
blanks, unknown item ids) for every built-in instrument, the every-format test instrument and
an odd instrument built without the loader's checks. Shared by the equivalence tests of
``validate_answers`` and of the survey's ``page_problems``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from hypothesis import strategies as st

from orientir.instruments import (
    AllocationBlock,
    AnswerProblem,
    Format,
    Instrument,
    Item,
    Option,
    Page,
    Stakeholder,
    Text,
    builtin_library,
    parse,
)
from orientir.instruments.model import RANGES
from tests.instruments.factory import every_format, minimal

_T = Text("вопрос", "question")


def odd_instrument() -> Instrument:
    """What the loader refuses but the dataclasses allow: a repeated item id, an item in two
    blocks, a repeated block member, a block naming a missing item or a likert, text or yes/no
    item, an empty block, a block id that is also an item id, a block across pages, limits
    left unset."""
    options = (Option("x", _T), Option("y", _T))
    items = (
        Item("a1", _T, Format.ALLOCATION100, page="p1", required=True),
        Item("a2", _T, Format.ALLOCATION100, page="p1"),
        Item("a3", _T, Format.ALLOCATION100, page="p2", required=True),
        Item("lk", _T, Format.LIKERT5, page="p2", required=True),
        Item("a2", _T, Format.LIKERT7, page="p1"),
        Item("num", _T, Format.NUMBER, page="p1"),
        Item("int", _T, Format.NUMBER, page="p1", integer=True, minimum=-2.5, maximum=3.0),
        Item("txt", _T, Format.TEXT, page="p1", required=True, max_length=3),
        Item("txt0", _T, Format.TEXT, page="p1"),
        Item("ch", _T, Format.CHOICE, page="p2"),
        Item("mc", _T, Format.MULTICHOICE, page="p2", options=options),
        Item("day", _T, Format.DATE, page="p2", latest=date(2020, 1, 1)),
        Item("yn", _T, Format.YESNO, page="p2", required=True),
    )
    blocks = (
        AllocationBlock("b1", ("a1", "a2", "a2")),
        AllocationBlock("lk", ("a3", "lk", "ghost")),
        AllocationBlock("b3", ("a1", "a3")),
        AllocationBlock("yn", ("a1", "a2")),
        AllocationBlock("empty", ()),
        AllocationBlock("mixed", ("txt", "a3", "yn")),
    )
    pages = (Page("p1"), Page("p2"))
    return Instrument("odd", 1, Stakeholder.OTHER, _T, _T, items, pages=pages, blocks=blocks)


INSTRUMENTS: dict[str, Instrument] = {
    **{i.ref: i for i in builtin_library()},
    "every-format": every_format(),
    "minimal": parse(minimal()),
    "odd": odd_instrument(),
}
UNKNOWN_KEYS = st.sampled_from(
    ["zeta", "alpha", "", " ", "Q1", "a1 ", "ghost", "b1", "split", "foreign"]
)
ISO_DATES = st.sampled_from(
    ["2024-02-29", "2023-02-29", "1999-12-31", "2031-01-01", "31.12.2024", "2024-1-1", "0000-00-00"]
)
FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1.0, 4.0, 5.5, 10.0, 50.0, 100.0, 101.0, 1e20, -1.0]),
)
SCALARS = st.one_of(
    st.none(),
    st.sampled_from(["", "   ", "\t\n", "4", "yes", "x" * 11, "tea", "red"]),
    st.text(max_size=12),
    st.booleans(),
    st.integers(-3, 120),
    st.integers(),
    st.just(10**400),  # too big for a float: once an OverflowError on a number item
    FLOATS,
    st.dates(),
    st.datetimes(),
    ISO_DATES,
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
ANY_VALUE = st.one_of(
    SCALARS,
    st.lists(st.one_of(st.text(max_size=6), st.integers(), st.none()), max_size=4),
    st.tuples(st.text(max_size=6)),
    st.just([]),
    st.just(()),
)
POINTS = st.sampled_from([0, 10, 20, 25, 30, 33, 34, 40, 50, 60, 70, 100, 50.0, 25.0, 0.0])


def _options(item: Item) -> list[str]:
    return [o.value for o in item.options] or ["x"]


def _number_bounds(item: Item) -> tuple[float, float]:
    low = -1e6 if item.minimum is None else item.minimum
    return low, 1e6 if item.maximum is None else item.maximum


def _date_bounds(item: Item) -> tuple[date, date]:
    return item.earliest or date(1990, 1, 1), item.latest or date(2040, 1, 1)


def good_value(item: Item) -> st.SearchStrategy[Any]:
    """A right answer for ``item`` (as far as its limits allow), so the fast paths are used."""
    fmt = item.format
    if fmt is Format.ALLOCATION100:
        return POINTS
    if fmt in RANGES:
        low, high = RANGES[fmt]
        return st.one_of(st.integers(low, high), st.integers(low, high).map(float))
    if fmt is Format.CHOICE:
        return st.sampled_from(_options(item))
    if fmt is Format.MULTICHOICE:
        limit = item.max_choices or len(item.options)
        return st.lists(st.sampled_from(_options(item)), unique=True, max_size=limit)
    if fmt is Format.TEXT:
        return st.text(max_size=item.max_length or 0)
    if fmt is Format.NUMBER:
        low, high = _number_bounds(item)
        whole = st.integers(math.ceil(low), math.floor(high))
        return whole if item.integer else st.one_of(whole, st.floats(low, high))
    if fmt is Format.DATE:
        days = st.dates(*_date_bounds(item))
        return st.one_of(days, days.map(date.isoformat))
    return st.booleans()


def near_value(item: Item) -> st.SearchStrategy[Any]:
    """A wrong answer of the right kind: just out of range, too long, an unknown option."""
    fmt = item.format
    if fmt in RANGES:
        low, high = RANGES[fmt]
        outside = st.one_of(st.integers(low - 3, low - 1), st.integers(high + 1, high + 3))
        return st.one_of(outside, outside.map(float), st.just(low + 0.5))
    if fmt is Format.CHOICE:
        return st.sampled_from(["nope", "X", " x"])
    if fmt is Format.MULTICHOICE:
        return st.lists(st.sampled_from([*_options(item), "nope"]), min_size=1, max_size=5)
    if fmt is Format.TEXT:
        limit = item.max_length or 0
        return st.text(min_size=limit + 1, max_size=limit + 3)
    if fmt is Format.NUMBER:
        low, high = _number_bounds(item)
        return st.sampled_from([low - 1, high + 1, low - 0.5, high + 0.25, int(low) - 1, 0.5])
    if fmt is Format.DATE:
        first, last = _date_bounds(item)
        outside = st.sampled_from([first - timedelta(days=1), last + timedelta(days=1)])
        return st.one_of(outside, outside.map(date.isoformat))
    return st.sampled_from([0, 1, "yes", "no", None])


def splits_of_100(parts: int) -> st.SearchStrategy[list[int]]:
    cuts = st.lists(st.integers(0, 100), min_size=parts - 1, max_size=parts - 1).map(sorted)
    return cuts.map(lambda c: [b - a for a, b in zip([0, *c], [*c, 100], strict=True)])


ABSENT = object()


@functools.cache
def answers_for(ref: str) -> st.SearchStrategy[Mapping[str, object]]:
    """Answers to ``INSTRUMENTS[ref]``: all right or a mix, some blocks split exactly.

    Each item's kind of answer is chosen with ``sampled_from``, which picks evenly, so wrong
    answers of every kind and whole right answer sets both turn up often."""
    instrument = INSTRUMENTS[ref]
    kinds = {
        item.id: (good_value(item), near_value(item), ANY_VALUE, st.just(ABSENT))
        for item in instrument.items
    }
    extras = st.dictionaries(st.one_of(UNKNOWN_KEYS, st.text(max_size=4)), SCALARS, max_size=3)
    splits = [(b.items, splits_of_100(len(b.items))) for b in instrument.blocks if b.items]

    @st.composite
    def draw_answers(draw: st.DrawFn) -> Mapping[str, object]:
        # 0: every item answered right, 1: right or left out, 2: anything goes.
        mode = draw(st.sampled_from([0, 1, 2]))
        answers: dict[str, object] = {}
        for key, (good, near, anything, absent) in kinds.items():
            choices = [good, good, good, absent] if mode == 1 else [good, near, anything, absent]
            value = draw(good if mode == 0 else draw(st.sampled_from(choices)))
            if value is not ABSENT:
                answers[key] = value
        for items, split in splits:
            if mode == 0 or draw(st.booleans()):
                answers.update(zip(items, draw(split), strict=True))
        extra = {} if mode != 2 and draw(st.booleans()) else draw(extras)
        answers = {**extra, **answers} if draw(st.booleans()) else {**answers, **extra}
        return MappingProxyType(answers) if draw(st.booleans()) else answers

    return draw_answers()


def assert_same(found: list[AnswerProblem], expected: list[AnswerProblem]) -> None:
    assert found == expected
    # Equality lets 4 == 4.0 and ignores the order of the parameters; the repr does not.
    assert [repr(p) for p in found] == [repr(p) for p in expected]


def outcome(
    check: Callable[..., list[AnswerProblem]],
    instrument: Instrument,
    answers: Mapping[str, object],
    complete: bool,
) -> list[AnswerProblem] | type[BaseException]:
    """The problems found, or the kind of error raised (which must be the same, too)."""
    try:
        return check(instrument, answers, complete=complete)
    except Exception as error:  # any error, as long as both versions raise it
        return type(error)
