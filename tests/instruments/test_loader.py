"""The instrument format: what loads, what is refused, and how the refusal reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orientir.errors import InvalidInput
from orientir.instruments import (
    Format,
    InvalidInstrument,
    check,
    inspect_data,
    inspect_file,
    inspect_text,
    load_file,
    load_text,
    parse,
)
from orientir.instruments.loader import MAX_FILE_BYTES
from tests.instruments.factory import as_yaml, minimal, text

Mutation = Callable[[dict[str, Any]], None]


def problems_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    instrument, problems = inspect_data(data)
    assert (instrument is None) == bool(problems)
    return [(p.path, p.code) for p in problems]


def test_minimal_instrument_loads_with_defaults_filled() -> None:
    instrument = parse(minimal())
    assert instrument.ref == "demo@1"
    assert instrument.privacy.value == "confidential"
    assert [i.id for i in instrument.items] == ["q1", "q2", "q3", "pick", "a1", "a2"]
    assert instrument.item("q2").reverse is True
    assert instrument.item("q1").required is False
    assert instrument.scale("s").min_answered == 2  # half of three, rounded up
    assert instrument.item("pick").options[1].label.get("en") == "B"
    assert [(p.id if p else None, [i.id for i in items]) for p, items in instrument.paged()] == [
        ("p1", ["q1", "q2", "q3", "pick"]),
        ("p2", ["a1", "a2"]),
    ]
    assert check(instrument) == []


def _set(path: str, value: object) -> Mutation:
    """A mutation setting ``items.0.format``-style paths (list indices as numbers)."""

    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return apply


def _delete(path: str) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return apply


def _add_item(item: dict[str, Any]) -> Mutation:
    return lambda data: data["items"].append({"page": "p1", "text": text(), **item})


BAD_INSTRUMENTS: list[tuple[str, Mutation, str, str]] = [
    ("missing English", _delete("items.1.text.en"), "items[1].text", "missing_lang"),
    ("empty Russian title", _set("title.ru", "  "), "title.ru", "expected_text"),
    ("unknown format", _set("items.3.format", "likert9"), "items[3].format", "one_of"),
    ("unknown field", _set("items.0.fromat", "likert5"), "items[0].fromat", "unknown_field"),
    ("scale names unknown item", _set("scales.0.items", ["q1", "nope"]), "scales[0].items[1]",
     "unknown_item"),
    ("block of likert items", _set("blocks.0.items", ["q1", "q3"]), "blocks[0].items[0]",
     "block_item_not_allocation"),
    ("block of one item", _set("blocks.0.items", ["a1"]), "blocks[0].items", "block_too_small"),
    ("duplicate item id", _set("items.2.id", "q1"), "items[2].id", "duplicate_id"),
    ("version zero", _set("version", 0), "version", "bad_version"),
    ("version as text", _set("version", "1.0"), "version", "bad_version"),
    ("version as boolean", _set("version", True), "version", "bad_version"),
    ("missing version", _delete("version"), "version", "missing"),
    ("bad instrument name", _set("id", "Employee_CO"), "id", "bad_name"),
    ("hyphen in item id", _set("items.0.id", "q-1"), "items[0].id", "bad_id"),
    ("unknown stakeholder", _set("stakeholder", "investors"), "stakeholder", "one_of"),
    ("reverse-keyed choice", _set("items.3.reverse", True), "items[3].reverse",
     "reverse_not_likert"),
    ("options on a likert item", _set("items.0.options", [{"value": "a", "label": text()}]),
     "items[0].options", "not_for_format"),
    ("choice with one option", _set("items.3.options", [{"value": "a", "label": text()}]),
     "items[3].options", "too_few_options"),
    ("duplicate option", _set("items.3.options.1.value", "a"), "items[3].options[1].value",
     "duplicate_option"),
    ("yes read as a boolean", _set("items.3.options.1.value", True),
     "items[3].options[1].value", "bool_not_text"),
    ("English label No read as false", _set("items.3.options.1.label.en", False),
     "items[3].options[1].label.en", "bool_not_text"),
    ("unknown page", _set("items.0.page", "p9"), "items[0].page", "unknown_page"),
    ("item without page", _delete("items.0.page"), "items[0].page", "page_needed"),
    ("unknown outcome", _set("outcome", "nothing"), "outcome", "unknown_outcome"),
    ("scale id equals item id", _set("scales.0.id", "q1"), "scales[0].id", "id_clash"),
    ("min_answered above size", _set("scales.0.min_answered", 4), "scales[0].min_answered",
     "out_of_bounds"),
    ("allocation item outside blocks", _add_item({"id": "a3", "format": "allocation100"}),
     "items[6].format", "allocation_without_block"),
    ("block across pages", _set("items.5.page", "p1"), "blocks[0].items",
     "block_across_pages"),
    ("mixed scale formats", _add_item({"id": "q7", "format": "likert7"}), "scales[0].items",
     "scale_format_mixed"),
    ("text item in a scale", _add_item({"id": "t", "format": "text"}), "scales[0].items[3]",
     "scale_format_unsuitable"),
    ("partial likert labels", _set("items.0.labels", {1: text(), 5: text()}), "items[0].labels",
     "labels_incomplete"),
    ("label outside the range", _set("items.0.labels", {0: text()}), "items[0].labels.0",
     "label_out_of_range"),
    ("number bounds inverted", _add_item({"id": "n", "format": "number", "min": 5, "max": 1}),
     "items[6].min", "range_inverted"),
    ("reserved variable name", _set("items.0.id", "and"), "items[0].id", "variable_clash"),
    ("empty item list", _set("items", []), "items", "empty"),
    ("counterpart is itself", _set("counterpart", "demo"), "counterpart", "counterpart_self"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "path", "code"),
    [pytest.param(m, p, c, id=name) for name, m, p, c in BAD_INSTRUMENTS],
)
def test_each_broken_rule_is_reported_at_its_path(mutate: Mutation, path: str, code: str) -> None:
    data = minimal()
    mutate(data)
    if code == "scale_format_mixed":
        data["scales"][0]["items"].append("q7")
    if code == "scale_format_unsuitable":
        data["scales"][0]["items"].append("t")
    assert (path, code) in problems_of(data)


def test_unknown_format_message_names_path_and_choices() -> None:
    data = minimal()
    data["items"][3]["format"] = "slider"
    with pytest.raises(InvalidInstrument) as caught:
        parse(data, source="demo.yaml")
    message = str(caught.value)
    assert message.startswith("demo.yaml: 1 problem\n")
    assert (
        "items[3].format: must be one of likert5, likert7, nps, allocation100, text, choice, "
        "multichoice, number, date, yesno, got 'slider'"
    ) in message
    assert isinstance(caught.value, InvalidInput)  # the CLI turns it into one clear error


def test_every_problem_is_listed_not_only_the_first() -> None:
    data = minimal()
    del data["items"][0]["text"]["en"]
    data["items"][1]["format"] = "likert9"
    data["version"] = "v2"
    codes = sorted(code for _, code in problems_of(data))
    assert codes == ["bad_version", "missing_lang", "one_of"]


def test_a_broken_item_does_not_cascade_into_unknown_references() -> None:
    # q1 is broken, but it exists: the scale naming it must not add "no item q1".
    data = minimal()
    data["items"][0]["format"] = "likert9"
    assert problems_of(data) == [("items[0].format", "one_of")]


def test_problems_carry_yaml_lines_and_russian_messages() -> None:
    source = as_yaml(minimal()).replace("format: likert5\n", "format: likert6\n", 1)
    instrument, problems = inspect_text(source)
    assert instrument is None
    [problem] = problems
    line_of_format = source.splitlines().index("  format: likert6") + 1
    assert problem.line == line_of_format
    assert problem.message("ru").startswith(f"items[0].format (строка {line_of_format}): ")
    assert "должно быть одним из" in problem.message("ru")


def test_yaml_syntax_error_and_duplicate_keys() -> None:
    _, problems = inspect_text("id: demo\nitems: [a, b\n")
    assert [p.code for p in problems] == ["yaml_syntax"]
    assert "line" in problems[0].message()

    doubled = as_yaml(minimal()).replace("title:", "intro:\n  ru: x\n  en: y\ntitle:", 1)
    _, problems = inspect_text(doubled)
    assert ("intro", "duplicate_key") in [(p.path, p.code) for p in problems]


def test_top_level_must_be_a_mapping() -> None:
    _, problems = inspect_text("- just\n- a list\n")
    assert [(p.path, p.code) for p in problems] == [("", "expected_mapping")]


def test_files_too_large_or_unreadable(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert [p.code for p in inspect_file(big)[1]] == ["file_too_large"]
    assert [p.code for p in inspect_file(tmp_path / "absent.yaml")[1]] == ["file_unreadable"]
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("id: caf\xe9\n".encode("latin-1"))
    assert [p.code for p in inspect_file(latin1)[1]] == ["file_unreadable"]


def test_load_file_round_trip(tmp_path: Path) -> None:
    file = tmp_path / "demo.yaml"
    file.write_text(as_yaml(minimal()), encoding="utf-8")
    assert load_file(file) == parse(minimal())
    with pytest.raises(InvalidInstrument):
        load_text("id: demo\n")


def test_canonical_form_round_trips_with_the_same_fingerprint() -> None:
    instrument = parse(minimal())
    again = parse(instrument.to_dict())
    assert again == instrument
    assert again.fingerprint == instrument.fingerprint


def test_fingerprint_ignores_layout_and_explicit_defaults() -> None:
    data = minimal()
    explicit = minimal()
    explicit["privacy"] = "confidential"
    explicit["items"][0]["required"] = False
    explicit["scales"][0]["min_answered"] = 2
    flow = as_yaml(explicit).replace("title:", "# a comment\ntitle:", 1)
    assert load_text(flow).fingerprint == parse(data).fingerprint


@pytest.mark.parametrize(
    "mutate",
    [
        _set("items.0.text.ru", "другой вопрос"),
        _set("items.0.required", True),
        _set("items.1.reverse", False),
        _set("items.3.options", list(reversed(minimal()["items"][3]["options"]))),
        _set("scales.0.min_answered", 3),
        _set("version", 2),
        _set("intro.en", "Another introduction"),
    ],
)
def test_fingerprint_changes_with_content(mutate: Mutation) -> None:
    changed = minimal()
    mutate(changed)
    fingerprint = parse(changed).fingerprint
    assert fingerprint != parse(minimal()).fingerprint
    assert len(fingerprint) == 64


def test_number_date_text_and_multichoice_fields() -> None:
    data = minimal()
    data["items"] += [
        {"id": "n", "page": "p1", "text": text(), "format": "number", "integer": True,
         "min": 1, "max": 10, "unit": text("шт.", "pcs")},
        {"id": "d", "page": "p1", "text": text(), "format": "date", "earliest": "2020-01-01"},
        {"id": "t", "page": "p1", "text": text(), "format": "text", "max_length": 50},
        {"id": "m", "page": "p1", "text": text(), "format": "multichoice", "max_choices": 1,
         "options": [{"value": "x", "label": text()}, {"value": "y", "label": text()}]},
        {"id": "yn", "page": "p1", "text": text(), "format": "yesno"},
    ]  # fmt: skip
    instrument = parse(data)
    number = instrument.item("n")
    assert (number.minimum, number.maximum, number.integer) == (1.0, 10.0, True)
    assert number.unit is not None
    assert number.unit.en == "pcs"
    assert str(instrument.item("d").earliest) == "2020-01-01"
    assert instrument.item("t").max_length == 50
    assert instrument.item("q1").max_length is None
    assert instrument.item("m").variables == ("m_x", "m_y")
    assert instrument.item("yn").format is Format.YESNO
    assert parse(instrument.to_dict()) == instrument


def test_default_text_limit_is_2000() -> None:
    data = minimal()
    data["items"].append({"id": "t", "page": "p1", "text": text(), "format": "text"})
    assert parse(data).item("t").max_length == 2000


def test_multichoice_dummy_clashing_with_an_item_id() -> None:
    data = minimal()
    data["items"] += [
        {"id": "m", "page": "p1", "text": text(), "format": "multichoice",
         "options": [{"value": "x", "label": text()}, {"value": "y", "label": text()}]},
        {"id": "m_x", "page": "p1", "text": text(), "format": "likert5"},
    ]  # fmt: skip
    assert ("items[7].id", "variable_clash") in problems_of(data)


def test_scored_mirrors_reverse_items() -> None:
    instrument = parse(minimal())
    assert [instrument.item("q2").scored(v) for v in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert instrument.item("q1").scored(2) == 2


HEAD = """\
id: tiny
version: 1
stakeholder: customers
title: {ru: Мини, en: Tiny}
intro: {ru: Пара вопросов, en: A couple of questions}
"""

BAD_FILES: list[tuple[str, str, list[str]]] = [
    (
        "missing English text",
        HEAD + "items:\n  - id: q1\n    format: likert5\n    text: {ru: Вопрос}\n",
        ["items[0].text (line 9): lacks the 'en' text (both ru and en are required)"],
    ),
    (
        "unknown format",
        HEAD + "items:\n  - id: q1\n    format: slider\n    text: {ru: Вопрос, en: Question}\n",
        [
            "items[0].format (line 8): must be one of likert5, likert7, nps, allocation100, "
            "text, choice, multichoice, number, date, yesno, got 'slider'"
        ],
    ),
    (
        "scale naming an unknown item",
        HEAD
        + "items:\n  - id: q1\n    format: likert5\n    text: {ru: Вопрос, en: Question}\n"
        + "scales:\n  - id: s\n    title: {ru: Шкала, en: Scale}\n    items: [q1, q2]\n",
        ["scales[0].items[1] (line 13): no item has the id 'q2'"],
    ),
    (
        "allocation block that cannot reach 100",
        HEAD
        + "items:\n  - id: q1\n    format: likert5\n    text: {ru: Вопрос, en: Question}\n"
        + "  - id: q2\n    format: likert5\n    text: {ru: Вопрос 2, en: Question 2}\n"
        + "blocks:\n  - id: b\n    items: [q1, q2]\n",
        [
            "blocks[0].items[0] (line 15): the item 'q1' has the format likert5; an allocation "
            "block holds only allocation100 items, or its points could not add up to 100",
            "blocks[0].items[1] (line 15): the item 'q2' has the format likert5; an allocation "
            "block holds only allocation100 items, or its points could not add up to 100",
        ],
    ),
    (
        "duplicate item ids",
        HEAD
        + "items:\n  - id: q1\n    format: nps\n    text: {ru: Вопрос, en: Question}\n"
        + "  - id: q1\n    format: text\n    text: {ru: Вопрос 2, en: Question 2}\n",
        ["items[1].id (line 10): the id 'q1' is used more than once"],
    ),
    (
        "bad version",
        HEAD.replace("version: 1", "version: 1.1")
        + "items:\n  - id: q1\n    format: nps\n    text: {ru: Вопрос, en: Question}\n",
        ["version (line 2): must be a whole number from 1 up, got 1.1"],
    ),
]


@pytest.mark.parametrize(
    ("source", "expected"), [pytest.param(s, e, id=name) for name, s, e in BAD_FILES]
)
def test_small_bad_files_give_clear_messages(
    tmp_path: Path, source: str, expected: list[str]
) -> None:
    file = tmp_path / "tiny.yaml"
    file.write_text(source, encoding="utf-8")
    with pytest.raises(InvalidInstrument) as caught:
        load_file(file)
    assert [str(p) for p in caught.value.problems] == expected
    assert str(caught.value).splitlines()[1:] == [f"  {line}" for line in expected]
