"""page_problems, which now checks only what a page can be blamed for, finds exactly what the
old version found by checking the whole instrument and keeping the page's problems.

The old version is kept verbatim in :mod:`tests.instruments.answers_reference`; the answers
are the random ones of :mod:`tests.instruments.answer_cases`, which cover every item of the
instrument, so the answers to other pages and unknown ids must be left out as before.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orientir.instruments import AnswerProblem, Format, Instrument, Item, Text
from orientir.web.survey_forms import page_problems, pages_of
from tests.instruments import answers_reference as reference
from tests.instruments.answer_cases import INSTRUMENTS, answers_for, assert_same, outcome

FOREIGN = Item("foreign", Text("чужой", "foreign"), Format.TEXT, required=True)


def parts(instrument: Instrument) -> list[tuple[Item, ...]]:
    """The instrument's pages, and other runs of items a caller could pass as a page: none,
    all, one block's members or some of them, a page with an item of no instrument."""
    found = [items for _, items in pages_of(instrument)]
    found += [(), instrument.items, (*found[0], FOREIGN)]
    for block in instrument.blocks[:3]:
        members = tuple(i for i in instrument.items if i.id in block.items)
        found += [members, members[:1], members[1:]]
    return found


PARTS = {ref: parts(instrument) for ref, instrument in INSTRUMENTS.items()}


@pytest.mark.parametrize("ref", list(INSTRUMENTS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_same_page_problems_as_the_reference(ref: str, data: st.DataObject) -> None:
    instrument = INSTRUMENTS[ref]
    items = data.draw(st.sampled_from(PARTS[ref]))
    answers = data.draw(answers_for(ref))

    def old(i: Instrument, a: Mapping[str, object], complete: bool) -> list[AnswerProblem]:
        return reference.page_problems(i, items, a)

    def new(i: Instrument, a: Mapping[str, object], complete: bool) -> list[AnswerProblem]:
        return page_problems(i, items, a)

    expected = outcome(old, instrument, answers, True)
    found = outcome(new, instrument, answers, True)
    if isinstance(expected, list) and isinstance(found, list):
        assert_same(found, expected)
    else:
        assert found == expected


def test_a_block_id_that_is_an_item_id_off_the_page_is_kept_as_before() -> None:
    # In the odd instrument, block "yn" lies wholly on page p1, and "yn" is also a required
    # item of page p2: the old code kept that item's "required", as a problem of the block.
    instrument = INSTRUMENTS["odd"]
    [(_, first), _] = pages_of(instrument)
    answers = {"a1": 40, "a2": 60, "txt": "ok"}
    found = [(p.item, p.code) for p in page_problems(instrument, first, answers)]
    assert found == [(p.item, p.code) for p in reference.page_problems(instrument, first, answers)]
    assert ("yn", "required") in found
    assert ("lk", "required") not in found
