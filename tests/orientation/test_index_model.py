"""Index models: the built-in ones, the format's rules and their messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orientir.errors import NotFound
from orientir.instruments.model import Stakeholder
from orientir.orientation import (
    IndexModel,
    InvalidIndexModel,
    builtin_model,
    builtin_models,
    inspect_model,
    load_model_file,
    load_model_text,
    parse_model,
)


def _model(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "mine",
        "title": {"ru": "Моя", "en": "Mine"},
        "components": [
            {
                "id": "people",
                "title": {"ru": "Люди", "en": "People"},
                "weight": 0.6,
                "measure": {"instrument": "employee-co", "scales": ["needs", "enjoyment"]},
            },
            {
                "id": "loyalty",
                "title": {"ru": "Лояльность", "en": "Loyalty"},
                "weight": 0.4,
                "measure": {"instrument": "customer-view", "item": "nps"},
            },
        ],
    }
    data.update(over)
    return data


def _problems(data: object) -> list[str]:
    model, problems = inspect_model(data)
    assert model is None
    return [str(p) for p in problems]


def test_the_two_built_in_models() -> None:
    assert {m.id for m in builtin_models()} == {"stakeholder", "service-quarter"}
    quarter = builtin_model("service-quarter")
    # Rule 1: service is one of four equal parts.
    assert quarter.weights == {"service": 0.25, "people": 0.25, "leadership": 0.25, "culture": 0.25}
    assert quarter.component("service").measure.instrument == "customer-view"
    stakeholder = builtin_model("stakeholder")
    groups = {c.stakeholder for c in stakeholder.components}
    assert groups == {Stakeholder.EMPLOYEES, Stakeholder.CUSTOMERS, Stakeholder.PARTNERS}
    # The commentator: led by culture, so culture carries the largest weight.
    assert max(stakeholder.weights, key=stakeholder.weights.__getitem__) == "culture"
    assert sum(stakeholder.weights.values()) == pytest.approx(1.0)
    with pytest.raises(NotFound, match="known: service-quarter, stakeholder"):
        builtin_model("nope")


def test_a_valid_model_parses_and_round_trips() -> None:
    model = parse_model(_model())
    assert isinstance(model, IndexModel)
    assert model.component("loyalty").measure.item == "nps"
    assert model.component("people").stakeholder is Stakeholder.EMPLOYEES
    assert parse_model(model.to_dict()) == model


def test_weights_must_sum_to_one_unless_normalised() -> None:
    data = _model()
    data["components"][1]["weight"] = 0.5
    assert any("add up to 1.1, not 1" in p for p in _problems(data))
    model = parse_model({**data, "normalise": True})
    assert model.weights == pytest.approx({"people": 0.6 / 1.1, "loyalty": 0.5 / 1.1})


def test_every_problem_is_reported_with_its_path() -> None:
    data = _model()
    data["components"][0]["weight"] = -1
    data["components"][1]["measure"] = {"instrument": "customer-veiw", "item": "nps"}
    data["extra"] = 1
    problems = _problems(data)
    assert "components[0].weight: a weight must be above zero, not -1" in problems
    assert any(
        p.startswith("components[1].measure.instrument: unknown instrument 'customer-veiw'")
        and "customer-view" in p
        for p in problems
    )
    assert any(p.startswith("extra: unknown field") for p in problems)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            {"instrument": "employee-co", "scale": "care"},
            "employee-co@1 has no scale 'care'; its scales: needs, enjoyment",
        ),
        ({"instrument": "customer-view", "item": "comment"}, "only rating items"),
        ({"instrument": "customer-view", "item": "nope"}, "has no item 'nope'"),
        ({"instrument": "customer-view", "item": "nps", "scale": "needs"}, "exactly one of"),
        ({"instrument": "customer-view@9", "item": "nps"}, "unknown instrument"),
    ],
)
def test_measures_must_exist(measure: dict[str, Any], expected: str) -> None:
    data = _model()
    data["components"][0]["measure"] = measure
    assert any(expected in p for p in _problems(data))


def test_problems_read_in_russian_too() -> None:
    data = _model()
    data["components"][0]["measure"] = {"instrument": "employee-co", "scale": "care"}
    _, problems = inspect_model(data)
    assert "нет шкалы 'care'" in problems[0].message("ru")


def test_yaml_files_load_and_duplicate_keys_are_refused(tmp_path: Path) -> None:
    text = """
id: people-only
title: {ru: Люди, en: People}
components:
  - id: people
    title: {ru: Люди, en: People}
    weight: 1
    measure: {instrument: employee-co, scales: [needs]}
"""
    file = tmp_path / "people-only.yaml"
    file.write_text(text, encoding="utf-8")
    assert load_model_file(file).id == "people-only"
    with pytest.raises(InvalidIndexModel, match="appears twice"):
        load_model_text(text + "id: again\n")
    with pytest.raises(InvalidIndexModel, match="not valid YAML"):
        load_model_text("id: [unclosed")
    with pytest.raises(InvalidIndexModel, match="cannot read the file"):
        load_model_file(tmp_path / "missing.yaml")
