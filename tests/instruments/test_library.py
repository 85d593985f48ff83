"""The built-in library and the name@version rules."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from orientir.errors import AlreadyExists, InvalidInput, NotFound
from orientir.i18n import catalogue
from orientir.instruments import (
    Format,
    Instrument,
    InstrumentLibrary,
    InvalidInstrument,
    Privacy,
    Stakeholder,
    Text,
    builtin_instruments,
    builtin_library,
    codebook,
    load_directory,
    paired_items,
    parse,
    parse_ref,
)
from tests.instruments.factory import as_yaml, minimal

BUILTIN_REFS = [
    "candidate@1",
    "culture@1",
    "customer-view@1",
    "employee-co@1",
    "leadership@1",
    "management-view@1",
    "partner-view@1",
    "readiness-13@1",
]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LIBRARY = builtin_library()


def texts(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every bilingual text in a canonical form, with where it is."""
    if isinstance(node, dict):
        if set(node) == {"ru", "en"}:
            yield path, node
            return
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{path}[{index}]")


def test_every_builtin_instrument_loads() -> None:
    assert [i.ref for i in builtin_instruments()] == BUILTIN_REFS
    assert [i.ref for i in LIBRARY] == BUILTIN_REFS


@pytest.mark.parametrize("ref", BUILTIN_REFS)
def test_every_text_is_in_russian_and_in_english(ref: str) -> None:
    instrument = LIBRARY.resolve(ref)
    found = list(texts(instrument.to_dict()))
    # title, intro and one text per item at least
    assert len(found) >= 2 + len(instrument.items)
    for where, pair in found:
        assert pair["ru"].strip(), where
        assert pair["en"].strip(), where
        assert CYRILLIC.search(pair["ru"]), f"{ref}{where}: Russian text without Cyrillic"
        assert not CYRILLIC.search(pair["en"]), f"{ref}{where}: English text with Cyrillic"


@pytest.mark.parametrize("ref", BUILTIN_REFS)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_instrument_renders_a_codebook_in_both_languages(ref: str, lang: str) -> None:
    instrument = LIBRARY.resolve(ref)
    variables = codebook(instrument, lang)
    assert len({v.name for v in variables}) == len(variables)
    assert all(v.label for v in variables)
    likert = [v for v in variables if v.format in (Format.LIKERT5, Format.LIKERT7)]
    assert all(len(v.value_labels) in (5, 7) for v in likert)


@pytest.mark.parametrize("ref", BUILTIN_REFS)
def test_builtins_round_trip_through_their_canonical_form(ref: str) -> None:
    instrument = LIBRARY.resolve(ref)
    assert parse(instrument.to_dict()).fingerprint == instrument.fingerprint


@pytest.mark.parametrize("ref", [r for r in BUILTIN_REFS if not r.startswith("culture")])
def test_no_two_items_of_an_instrument_say_the_same(ref: str) -> None:
    # culture repeats each description for "now" and "preferred" on purpose.
    instrument = LIBRARY.resolve(ref)
    for lang in ("ru", "en"):
        said = [i.text.get(lang) for i in instrument.items]
        assert len(set(said)) == len(said)


def test_employee_co() -> None:
    employee = LIBRARY.resolve("employee-co")
    assert employee.stakeholder is Stakeholder.EMPLOYEES
    assert [s.id for s in employee.scales] == ["needs", "enjoyment"]
    for scale in employee.scales:
        assert 4 <= len(scale.items) <= 6
        assert any(employee.item(i).reverse for i in scale.items), scale.id
    enps = employee.item("enps")
    assert (enps.format, enps.required, employee.outcome) == (Format.NPS, True, "enps")


def test_customer_and_management_views_pair_item_by_item() -> None:
    customer = LIBRARY.resolve("customer-view")
    management = LIBRARY.resolve("management-view")
    assert (customer.counterpart, management.counterpart) == ("management-view", "customer-view")
    assert [s.id for s in customer.scales] == [s.id for s in management.scales]
    assert [s.id for s in customer.scales] == ["needs", "responsiveness", "promises"]
    pairs = paired_items(management, customer)
    assert len(pairs) == 12 == sum(len(s.items) for s in management.scales)
    assert pairs == paired_items(customer, management)
    for _, item_id in pairs:  # same keying, or the gap would compare mirrored numbers
        assert management.item(item_id).reverse == customer.item(item_id).reverse
    assert management.stakeholder is Stakeholder.MANAGEMENT


def test_customer_view_outcomes() -> None:
    customer = LIBRARY.resolve("customer-view")
    formats = {i.id: i.format for i in customer.items if i.id in ("nps", "csat", "ces", "comment")}
    assert formats == {
        "nps": Format.NPS,
        "csat": Format.LIKERT5,
        "ces": Format.LIKERT7,
        "comment": Format.TEXT,
    }
    assert dict(customer.item("csat").labels)[5] == Text(
        "Полностью удовлетворены", "Very satisfied"
    )
    assert dict(customer.item("ces").labels)[7].en == "Very easy"  # high number = low effort


def test_partner_view() -> None:
    partner = LIBRARY.resolve("partner-view")
    assert [s.id for s in partner.scales] == ["trust", "fairness", "communication"]
    assert partner.item("nps").format is Format.NPS
    assert partner.item("comment").format is Format.TEXT


def test_leadership_separates_wanting_from_acting() -> None:
    leadership = LIBRARY.resolve("leadership")
    wanting, acting = leadership.scale("wanting"), leadership.scale("acting")
    assert not set(wanting.items) & set(acting.items)
    assert len(acting.items) >= 4
    assert len(wanting.items) >= 4


def test_culture_profile_and_cultural_web() -> None:
    culture = LIBRARY.resolve("culture")
    dimensions = ["dominant", "leadership", "staff", "glue", "strategy", "success"]
    assert [b.id for b in culture.blocks] == [
        f"{d}_{w}" for d in dimensions for w in ("now", "pref")
    ]
    for block in culture.blocks:
        assert len(block.items) == 4
        assert {culture.item(i).format for i in block.items} == {Format.ALLOCATION100}
        assert block.instruction is not None
    types = ["clan", "adhocracy", "market", "hierarchy"]
    now_items = {i for t in types for i in culture.scale(f"{t}_now").items}
    assert len(now_items) == 24
    for element in ["paradigm", "stories", "rituals", "symbols", "structure", "control", "power"]:
        scale = culture.scale(element)
        assert {culture.item(i).format for i in scale.items} == {Format.LIKERT5}
    assert len(culture.scale("web").items) == 14


def test_readiness_fact_sheet_formats() -> None:
    readiness = LIBRARY.resolve("readiness-13")
    formats = {i.id: i.format.value for i in readiness.items}
    assert formats == {
        "founded": "number",
        "headcount": "number",
        "departments": "number",
        "driver_team": "yesno",
        "driver_team_size": "number",
        "program_start": "date",
        "budget": "number",
        "budget_currency": "choice",
        "outside_help": "yesno",
        "outside_help_kinds": "multichoice",
        "hiring_screen": "yesno",
    }
    assert readiness.privacy is Privacy.IDENTIFIED
    assert readiness.item("headcount").integer
    assert readiness.item("founded").minimum == 1800


def test_candidate_screen_is_identified_with_both_scales() -> None:
    candidate = LIBRARY.resolve("candidate")
    assert (candidate.stakeholder, candidate.privacy) == (
        Stakeholder.CANDIDATES,
        Privacy.IDENTIFIED,
    )
    assert [s.id for s in candidate.scales] == ["customer_orientation", "effectiveness"]
    for scale in candidate.scales:
        assert any(candidate.item(i).reverse for i in scale.items)


def _demo(version: int = 1, title: str = "Demo") -> Instrument:
    data = minimal()
    data["version"] = version
    data["title"]["en"] = title
    return parse(data)


def test_resolve_latest_and_exact_versions() -> None:
    library = InstrumentLibrary([_demo(1), _demo(3), _demo(2)])
    assert library.resolve("demo").version == 3
    assert library.resolve("demo@2").version == 2
    assert library.versions("demo") == [1, 2, 3]
    assert [i.ref for i in library.latest()] == ["demo@3"]
    assert "demo@2" in library
    assert "demo@4" not in library
    assert "Demo" not in library
    assert len(library) == 3


def test_one_reference_never_holds_two_contents() -> None:
    library = InstrumentLibrary([_demo(1)])
    library.add(_demo(1))  # the same content again is fine
    with pytest.raises(AlreadyExists, match="demo@1 already exists with different content"):
        library.add(_demo(1, title="Demo, edited"))
    assert library.resolve("demo@1").title.en == "Demo"
    library.add(_demo(2, title="Demo, edited"))  # a new version is the way to change it
    assert library.resolve("demo").title.en == "Demo, edited"


def test_builtin_library_refuses_an_edited_builtin() -> None:
    library = builtin_library()
    edited = replace(library.resolve("employee-co@1"), intro=Text("Другое", "Other"))
    assert library.conflict(edited) is not None
    with pytest.raises(AlreadyExists):
        library.add(edited)
    assert builtin_library().resolve("employee-co@1").intro.en != "Other"  # nothing leaked


def test_unknown_references() -> None:
    with pytest.raises(NotFound, match="no instrument named 'nope'; known: candidate, culture"):
        LIBRARY.resolve("nope")
    with pytest.raises(NotFound, match="versions of employee-co: 1"):
        LIBRARY.resolve("employee-co@7")


@pytest.mark.parametrize("bad", ["employee-co@", "employee-co@0", "Employee", "a@b", "", "x@1.0"])
def test_bad_references(bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not an instrument reference"):
        parse_ref(bad)


def test_parse_ref() -> None:
    assert parse_ref("employee-co@12") == ("employee-co", 12)
    assert parse_ref(" readiness-13 ") == ("readiness-13", None)


def test_load_directory(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(as_yaml(minimal()), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an instrument", encoding="utf-8")
    assert [i.ref for i in load_directory(tmp_path)] == ["demo@1"]
    broken = minimal()
    broken["items"][0]["format"] = "slider"
    (tmp_path / "broken.yaml").write_text(as_yaml(broken), encoding="utf-8")
    with pytest.raises(InvalidInstrument) as caught:
        load_directory(tmp_path)
    assert "broken.yaml: items[0].format" in str(caught.value)


def test_instrument_messages_have_the_same_placeholders_in_both_languages() -> None:
    fields = string.Formatter()
    checked = 0
    for key, texts_ in catalogue().items():
        if not key.startswith("instruments."):
            continue
        names = {
            lang: {f for _, f, _, _ in fields.parse(texts_[lang]) if f} for lang in ("en", "ru")
        }
        assert names["en"] == names["ru"], key
        checked += 1
    assert checked > 60
