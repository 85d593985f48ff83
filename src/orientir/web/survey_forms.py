"""Between HTML forms and answers: reading a posted page, and laying a page out for display.

A form posts every control of its page, and a radio group nobody chose posts nothing, so an
item of the page that is absent from the form is "not answered" (``None``), which also clears
an answer given earlier. Numbers accept a decimal comma, as Russian keyboards type it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

from orientir.i18n import t
from orientir.instruments import AnswerProblem, value_labels
from orientir.instruments.answers import validate_page
from orientir.instruments.model import (
    RANGES,
    AllocationBlock,
    Format,
    Instrument,
    Item,
    Page,
)

NUMERIC = frozenset({*RANGES, Format.NUMBER})


def _number(raw: str) -> int | float | None:
    text = raw.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def parse_page(
    items: Sequence[Item], form: FormData, lang: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """The page's answers, and messages for values that are not even of the right kind."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in items:
        if item.format is Format.MULTICHOICE:
            answers[item.id] = [str(v) for v in form.getlist(item.id)]
            continue
        raw = form.get(item.id)
        text = raw if isinstance(raw, str) else ""
        if not text.strip():
            answers[item.id] = None
        elif item.format in NUMERIC:
            number = _number(text)
            if number is None:
                errors[item.id] = t("survey.error.number", lang)
            answers[item.id] = number
        elif item.format is Format.YESNO:
            answers[item.id] = {"yes": True, "no": False}.get(text)
        else:
            answers[item.id] = text
    return answers, errors


def page_problems(
    instrument: Instrument, items: Sequence[Item], answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    """What keeps this page from being complete: required answers, block sums."""
    return validate_page(instrument, answers, [i.id for i in items])


@dataclass(frozen=True)
class Field:
    """One item as the template shows it."""

    item: Item
    value: Any
    error: str | None
    labels: dict[int, str] = field(default_factory=dict)
    lang: str = "en"

    @property
    def choices(self) -> list[tuple[str, str]]:
        """``(value, label)`` of every radio or checkbox of the item."""
        fmt = self.item.format
        if fmt in RANGES and fmt is not Format.ALLOCATION100:
            low, high = RANGES[fmt]
            return [(str(v), self.labels.get(v, "")) for v in range(low, high + 1)]
        if fmt in {Format.CHOICE, Format.MULTICHOICE}:
            return [(o.value, o.label.get(self.lang)) for o in self.item.options]
        return []

    def checked(self, value: str) -> bool:
        if isinstance(self.value, list):
            return value in self.value
        if isinstance(self.value, bool):
            return value == ("yes" if self.value else "no")
        return self.value is not None and str(self.value) == value

    @property
    def text_value(self) -> str:
        return "" if self.value is None else str(self.value)


@dataclass(frozen=True)
class Group:
    """A lone item, or an allocation block with its items, on one page."""

    fields: tuple[Field, ...]
    block: AllocationBlock | None = None
    error: str | None = None


def layout(
    instrument: Instrument,
    items: Sequence[Item],
    answers: Mapping[str, Any],
    errors: Mapping[str, str],
    lang: str,
) -> list[Group]:
    groups: list[Group] = []
    seen_blocks: set[str] = set()
    for item in items:
        block = instrument.block_of(item.id)
        if block is not None:
            if block.id in seen_blocks:
                continue
            seen_blocks.add(block.id)
            members = [i for i in items if i.id in block.items]
            fields = tuple(_field(i, answers, errors, lang) for i in members)
            groups.append(Group(fields, block, errors.get(block.id)))
            continue
        groups.append(Group((_field(item, answers, errors, lang),)))
    return groups


def _field(item: Item, answers: Mapping[str, Any], errors: Mapping[str, str], lang: str) -> Field:
    labels = value_labels(item, lang) if item.format in RANGES else {}
    return Field(item, answers.get(item.id), errors.get(item.id), labels, lang)


def shown_answer(item: Item, value: Any, lang: str) -> str:
    """An answer as the review page lists it."""
    if value is None or value == "" or value == []:
        return ""
    if item.format in {Format.CHOICE, Format.MULTICHOICE}:
        chosen = value if isinstance(value, list) else [value]
        return "; ".join(
            (o.label.get(lang) if (o := item.option(str(v))) else str(v)) for v in chosen
        )
    if item.format is Format.YESNO:
        return t("instruments.label.yesno.1" if value else "instruments.label.yesno.0", lang)
    if item.format in RANGES:
        label = value_labels(item, lang).get(int(value))
        return f"{value} — {label}" if label else str(value)
    return str(value)


def pages_of(instrument: Instrument) -> list[tuple[Page | None, tuple[Item, ...]]]:
    return [(page, items) for page, items in instrument.paged() if items]
