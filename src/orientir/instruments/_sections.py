"""Readers for the sections of an instrument: items, pages, scales and allocation blocks.

Each reads one section on its own; rules that join sections (an unknown item in a scale, a
block spread over pages) are checked in :mod:`orientir.instruments.loader`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from orientir.instruments._reader import Reader, is_empty
from orientir.instruments._yaml import child_path
from orientir.instruments.model import (
    CHOICE_FORMATS,
    DEFAULT_TEXT_LIMIT,
    LIKERT_FORMATS,
    MAX_TEXT_LIMIT,
    RANGES,
    AllocationBlock,
    Format,
    Item,
    Option,
    Page,
    Scale,
    Text,
)

MAX_OPTIONS = 200

ITEM_FIELDS = (
    "id", "text", "format", "page", "required", "reverse", "options", "labels", "min", "max",
    "integer", "unit", "earliest", "latest", "max_length", "max_choices",
)  # fmt: skip
# Which optional item fields each format may use; any other field must stay at its default.
FORMAT_FIELDS: Mapping[str, frozenset[Format]] = {
    "options": CHOICE_FORMATS,
    "labels": frozenset({Format.LIKERT5, Format.LIKERT7, Format.NPS}),
    "min": frozenset({Format.NUMBER}),
    "max": frozenset({Format.NUMBER}),
    "integer": frozenset({Format.NUMBER}),
    "unit": frozenset({Format.NUMBER}),
    "earliest": frozenset({Format.DATE}),
    "latest": frozenset({Format.DATE}),
    "max_length": frozenset({Format.TEXT}),
    "max_choices": frozenset({Format.MULTICHOICE}),
}


def read_options(r: Reader, raw: object, path: str, fmt: Format) -> tuple[Option, ...]:
    entries = r.sequence(raw, path, limit=MAX_OPTIONS)
    if len(entries) < 2:
        r.fail(path, "too_few_options", format=fmt.value)
    options: list[Option] = []
    for index, entry in enumerate(entries):
        opath = child_path(path, index)
        data = r.mapping(entry, opath, allowed=("value", "label"), required=("value", "label"))
        if data is None:
            continue
        # Quoting matters: a bare yes/no/on/off is read by YAML as true/false.
        value = r.ident(data.get("value"), child_path(opath, "value"))
        label = r.text(data.get("label"), child_path(opath, "label"))
        if value is not None and any(o.value == value for o in options):
            r.fail(child_path(opath, "value"), "duplicate_option", value=value)
        elif value is not None and label is not None:
            options.append(Option(value, label))
    return tuple(options)


def read_labels(r: Reader, raw: object, path: str, fmt: Format) -> tuple[tuple[int, Text], ...]:
    if not isinstance(raw, dict):
        r.fail(path, "expected_mapping")
        return ()
    low, high = RANGES[fmt]
    labels: dict[int, Text] = {}
    for key, value in raw.items():
        lpath = child_path(path, str(key))
        if isinstance(key, str) and key.isascii() and key.isdigit():  # JSON keys are text
            key = int(key)
        if isinstance(key, bool) or not isinstance(key, int) or not low <= key <= high:
            r.fail(lpath, "label_out_of_range", value=key, format=fmt.value, low=low, high=high)
            continue
        text = r.text(value, lpath)
        if text is not None:
            labels[key] = text
    # A likert item either keeps the default agreement labels or names every point: mixing
    # "Very dissatisfied" with "Agree" on one item would mislead. 0..10 needs only its ends.
    missing = [v for v in range(low, high + 1) if v not in labels]
    if fmt in LIKERT_FORMATS and missing and len(labels) == len(raw):
        r.fail(path, "labels_incomplete", format=fmt.value, missing=missing)
    return tuple(sorted(labels.items()))


def read_item(r: Reader, raw: object, path: str) -> tuple[str | None, Item | None]:
    """The item's id (even when the rest is broken, so references to it stay quiet) and item."""
    data = r.mapping(raw, path, allowed=ITEM_FIELDS, required=("id", "text", "format"))
    if data is None:
        return None, None

    def at(name: str) -> str:
        return child_path(path, name)

    ident = r.ident(data["id"], at("id")) if data.get("id") is not None else None
    text = r.text(data["text"], at("text")) if data.get("text") is not None else None
    fmt = r.choice(data["format"], at("format"), Format) if data.get("format") is not None else None
    page = r.ident(data["page"], at("page")) if data.get("page") is not None else None
    required = r.boolean(data.get("required"), at("required"))
    reverse = r.boolean(data.get("reverse"), at("reverse"))
    if ident is None or text is None or fmt is None:
        return ident, None
    before = len(r.problems)
    for name, formats in FORMAT_FIELDS.items():
        if fmt not in formats and not is_empty(data.get(name)):
            r.fail(at(name), "not_for_format", field=name, format=fmt.value)
    if reverse and fmt not in LIKERT_FORMATS:
        r.fail(at("reverse"), "reverse_not_likert", format=fmt.value)
    item = Item(id=ident, text=text, format=fmt, page=page, required=required, reverse=reverse)
    if fmt in CHOICE_FORMATS:
        item = replace(item, options=read_options(r, data.get("options"), at("options"), fmt))
    if fmt in FORMAT_FIELDS["labels"] and not is_empty(data.get("labels")):
        item = replace(item, labels=read_labels(r, data["labels"], at("labels"), fmt))
    if fmt is Format.NUMBER:
        low = r.number(data.get("min"), at("min"))
        high = r.number(data.get("max"), at("max"))
        if low is not None and high is not None and low > high:
            r.fail(at("min"), "range_inverted", low=low, high=high)
        item = replace(
            item,
            minimum=low,
            maximum=high,
            integer=r.boolean(data.get("integer"), at("integer")),
            unit=r.optional_text(data.get("unit"), at("unit")),
        )
    elif fmt is Format.DATE:
        earliest = r.date(data.get("earliest"), at("earliest"))
        latest = r.date(data.get("latest"), at("latest"))
        if earliest is not None and latest is not None and earliest > latest:
            r.fail(at("earliest"), "range_inverted", low=earliest, high=latest)
        item = replace(item, earliest=earliest, latest=latest)
    elif fmt is Format.TEXT:
        limit = r.integer(data.get("max_length"), at("max_length"), low=1, high=MAX_TEXT_LIMIT)
        item = replace(item, max_length=limit or DEFAULT_TEXT_LIMIT)
    elif fmt is Format.MULTICHOICE:
        high_choices = max(1, len(item.options))
        most = r.integer(data.get("max_choices"), at("max_choices"), low=1, high=high_choices)
        item = replace(item, max_choices=most)
    return ident, item if len(r.problems) == before else None


def read_pages(r: Reader, raw: object, path: str) -> list[tuple[str, Page]]:
    pages = []
    for index, entry in enumerate(r.sequence(raw, path)):
        ppath = child_path(path, index)
        data = r.mapping(entry, ppath, allowed=("id", "title"), required=("id",))
        if data is None:
            continue
        ident = r.ident(data.get("id"), child_path(ppath, "id"))
        title = r.optional_text(data.get("title"), child_path(ppath, "title"))
        if ident is not None:
            pages.append((ppath, Page(ident, title)))
    return pages


def read_scales(
    r: Reader, raw: object, path: str
) -> list[tuple[str, Scale, list[tuple[str, str]]]]:
    scales = []
    for index, entry in enumerate(r.sequence(raw, path)):
        spath = child_path(path, index)
        fields = ("id", "title", "items", "min_answered")
        data = r.mapping(entry, spath, allowed=fields, required=("id", "title", "items"))
        if data is None:
            continue
        ident = r.ident(data.get("id"), child_path(spath, "id"))
        title = r.text(data.get("title"), child_path(spath, "title"))
        members = r.ids(data.get("items"), child_path(spath, "items"))
        # By default a score needs at least half of the scale's items answered.
        default = max(1, math.ceil(len(members) / 2))
        most = max(1, len(members))
        min_path = child_path(spath, "min_answered")
        least = r.integer(data.get("min_answered"), min_path, low=1, high=most)
        if ident is not None and title is not None and members:
            ids = tuple(m for _, m in members)
            scales.append((spath, Scale(ident, title, ids, least or default), members))
    return scales


def read_blocks(
    r: Reader, raw: object, path: str
) -> list[tuple[str, AllocationBlock, list[tuple[str, str]]]]:
    blocks = []
    for index, entry in enumerate(r.sequence(raw, path)):
        bpath = child_path(path, index)
        fields = ("id", "items", "instruction")
        data = r.mapping(entry, bpath, allowed=fields, required=("id", "items"))
        if data is None:
            continue
        ident = r.ident(data.get("id"), child_path(bpath, "id"))
        members = r.ids(data.get("items"), child_path(bpath, "items"))
        instruction = r.optional_text(data.get("instruction"), child_path(bpath, "instruction"))
        if len(members) < 2:
            r.fail(child_path(bpath, "items"), "block_too_small")
        if ident is not None and members:
            ids = tuple(m for _, m in members)
            blocks.append((bpath, AllocationBlock(ident, ids, instruction), members))
    return blocks
