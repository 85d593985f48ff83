"""The typed model of a survey instrument.

Objects here are frozen: once a wave opens, its questionnaire must not change under it, and a
frozen model cannot be edited by accident. Build instruments with :mod:`orientir.instruments.loader`
(``parse``/``load_file``), which checks every rule of the format; constructing the dataclasses
directly skips those checks (``loader.check`` runs them on a built object).

The canonical form (:meth:`Instrument.to_dict`) spells out every default, so two YAML files that
differ only in layout, comments, key order or an explicitly written default have the same
fingerprint, while any change a respondent or an analyst could notice changes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

LANGUAGES = ("ru", "en")
ALLOCATION_TOTAL = 100
DEFAULT_TEXT_LIMIT = 2000
MAX_TEXT_LIMIT = 10_000


class Format(StrEnum):
    """How an item is answered; the value is the word used in YAML."""

    LIKERT5 = "likert5"  # whole number 1..5, agreement unless the item relabels it
    LIKERT7 = "likert7"  # whole number 1..7
    NPS = "nps"  # whole number 0..10, likelihood to recommend
    ALLOCATION100 = "allocation100"  # whole number 0..100; a block of them sums to 100
    TEXT = "text"  # free text up to max_length characters
    CHOICE = "choice"  # one option value
    MULTICHOICE = "multichoice"  # a list of distinct option values
    NUMBER = "number"  # a number, optionally whole, optionally bounded
    DATE = "date"  # a calendar date, ISO ``YYYY-MM-DD``
    YESNO = "yesno"  # true or false


# Formats whose answers are whole numbers on a fixed range.
RANGES: Mapping[Format, tuple[int, int]] = {
    Format.LIKERT5: (1, 5),
    Format.LIKERT7: (1, 7),
    Format.NPS: (0, 10),
    Format.ALLOCATION100: (0, ALLOCATION_TOTAL),
}
LIKERT_FORMATS = frozenset({Format.LIKERT5, Format.LIKERT7})
# A scale score is a mean of comparable numbers, so only these formats may form a scale.
SCALE_FORMATS = frozenset({Format.LIKERT5, Format.LIKERT7, Format.NPS, Format.ALLOCATION100})
CHOICE_FORMATS = frozenset({Format.CHOICE, Format.MULTICHOICE})
# Words SPSS does not accept as variable names (it ignores case).
SPSS_RESERVED = frozenset(
    {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
)


class Stakeholder(StrEnum):
    """Who answers the instrument.

    ``employees``, ``customers``, ``partners`` and ``other`` are the stakeholder groups of the
    product. ``management`` (person #1, the top team, the program lead answering for the
    company) and ``candidates`` (people not yet hired) are kept apart because their answers
    are read differently: the management view is compared with the customers' view, and a
    candidate is scored against norms, not pooled with employees.
    """

    EMPLOYEES = "employees"
    MANAGEMENT = "management"
    CUSTOMERS = "customers"
    PARTNERS = "partners"
    CANDIDATES = "candidates"
    OTHER = "other"


class Privacy(StrEnum):
    """The privacy mode a wave of this instrument gets unless its owner chooses another."""

    ANONYMOUS = "anonymous"
    CONFIDENTIAL = "confidential"
    IDENTIFIED = "identified"


@dataclass(frozen=True)
class Text:
    """A text in both languages of the product; neither may be empty."""

    ru: str
    en: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"ru": self.ru, "en": self.en}


@dataclass(frozen=True)
class Option:
    """One answer of a choice item; ``value`` is what is stored, ``label`` what is shown."""

    value: str
    label: Text

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label.to_dict()}


@dataclass(frozen=True)
class Item:
    """One question. Fields that do not apply to the item's format stay at their defaults."""

    id: str
    text: Text
    format: Format
    page: str | None = None
    required: bool = False
    reverse: bool = False
    options: tuple[Option, ...] = ()
    # Value labels replacing the default ones (likert, nps), e.g. satisfaction instead of
    # agreement for CSAT. Sorted by value.
    labels: tuple[tuple[int, Text], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: Text | None = None
    earliest: date | None = None
    latest: date | None = None
    max_length: int | None = None
    max_choices: int | None = None

    @property
    def value_range(self) -> tuple[int, int] | None:
        """The whole-number range of a rating item (likert, nps, allocation100), else None."""
        return RANGES.get(self.format)

    def scored(self, value: int) -> int:
        """``value`` as it enters a scale score: mirrored on the range for reverse items."""
        if not self.reverse:
            return value
        low, high = RANGES[self.format]
        return low + high - value

    @property
    def variables(self) -> tuple[str, ...]:
        """Names of the item's columns in exports: its id, or one 0/1 column per option."""
        if self.format is Format.MULTICHOICE:
            return tuple(f"{self.id}_{o.value}" for o in self.options)
        return (self.id,)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text.to_dict(),
            "format": self.format.value,
            "page": self.page,
            "required": self.required,
            "reverse": self.reverse,
            "options": [o.to_dict() for o in self.options],
            "labels": {str(v): label.to_dict() for v, label in self.labels},
            "min": self.minimum,
            "max": self.maximum,
            "integer": self.integer,
            "unit": None if self.unit is None else self.unit.to_dict(),
            "earliest": None if self.earliest is None else self.earliest.isoformat(),
            "latest": None if self.latest is None else self.latest.isoformat(),
            "max_length": self.max_length,
            "max_choices": self.max_choices,
        }


@dataclass(frozen=True)
class Page:
    """A group of items shown together on one screen, in the order the items are listed."""

    id: str
    title: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": None if self.title is None else self.title.to_dict()}


@dataclass(frozen=True)
class Scale:
    """Items averaged into one score; below ``min_answered`` answers the score is missing."""

    id: str
    title: Text
    items: tuple[str, ...]
    min_answered: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "items": list(self.items),
            "min_answered": self.min_answered,
        }


@dataclass(frozen=True)
class AllocationBlock:
    """allocation100 items among which a respondent spreads exactly 100 points."""

    id: str
    items: tuple[str, ...]
    instruction: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "items": list(self.items),
            "instruction": None if self.instruction is None else self.instruction.to_dict(),
        }


@dataclass(frozen=True)
class Instrument:
    """A versioned questionnaire, referred to as ``id@version`` (e.g. ``employee-co@1``)."""

    id: str
    version: int
    stakeholder: Stakeholder
    title: Text
    intro: Text
    items: tuple[Item, ...]
    privacy: Privacy = Privacy.CONFIDENTIAL
    pages: tuple[Page, ...] = ()
    scales: tuple[Scale, ...] = ()
    blocks: tuple[AllocationBlock, ...] = ()
    outcome: str | None = None
    # The instrument asking the other side the same questions (management-view and
    # customer-view): shared scale ids and item ids make the gap computable item by item.
    counterpart: str | None = None
    _index: dict[str, Item] = field(default_factory=dict, init=False, repr=False, compare=False)
    # The pages with their items, worked out once: every survey post asks for them.
    _paged: list[tuple[Page | None, tuple[Item, ...]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._index.update((item.id, item) for item in self.items)
        if not self.pages:
            self._paged.append((None, self.items))
        for page in self.pages:
            self._paged.append((page, tuple(i for i in self.items if i.page == page.id)))

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def item(self, item_id: str) -> Item:
        return self._index[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._index

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def block_of(self, item_id: str) -> AllocationBlock | None:
        return next((b for b in self.blocks if item_id in b.items), None)

    def paged(self) -> Iterator[tuple[Page | None, tuple[Item, ...]]]:
        """Pages in display order with their items; one unnamed page when none are declared."""
        yield from self._paged

    def to_dict(self) -> dict[str, Any]:
        """The canonical form: plain JSON types, every default spelled out."""
        return {
            "id": self.id,
            "version": self.version,
            "stakeholder": self.stakeholder.value,
            "privacy": self.privacy.value,
            "title": self.title.to_dict(),
            "intro": self.intro.to_dict(),
            "pages": [p.to_dict() for p in self.pages],
            "items": [i.to_dict() for i in self.items],
            "scales": [s.to_dict() for s in self.scales],
            "blocks": [b.to_dict() for b in self.blocks],
            "outcome": self.outcome,
            "counterpart": self.counterpart,
        }

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical form as compact, key-sorted UTF-8 JSON."""
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
