"""Several models side by side: the departments whose verdict depends on the model are named."""

from __future__ import annotations

import json

import numpy as np
import pytest

from orientir.errors import InvalidInput
from orientir.orientation import builtin_models, compare_models
from orientir.orientation.comparison import group_verdict
from orientir.orientation.index_results import GroupScore
from orientir.orientation.inputs import WaveData
from tests.orientation import _synth as synth
from tests.orientation.test_index import one_component

PEOPLE = one_component("employee-co", scales=["needs", "enjoyment"])
CULTURE = one_component("culture", scales=["web"], model_id="culture-only")


def split_org(rng: np.random.Generator) -> list[WaveData]:
    # Truth: "Front" is high on people (4.4) but low on culture (2.6); "Back" is average on
    # both (3.5); "Mid" is 3.5 on people and 3.5 on culture.
    people = {"Front": (120, 4.4), "Back": (120, 3.0), "Mid": (120, 3.5)}
    culture = {"Front": (120, 2.6), "Back": (120, 3.0), "Mid": (120, 4.2)}
    return [
        synth.employees(rng, people),
        synth.employees(
            rng, culture, name="culture", scales=("web",), identified=False, mode="anonymous"
        ),
    ]


def test_the_department_whose_verdict_flips_is_named() -> None:
    waves = split_org(np.random.default_rng(21))
    comparison = compare_models([PEOPLE, CULTURE], waves, n_boot=400)
    # Under people-only, Front is above the organisation; under culture-only, below.
    assert dict(comparison.row("Front").verdicts) == {"one": "above", "culture-only": "below"}
    # Back is below the organisation under both models: no flip.
    assert dict(comparison.row("Back").verdicts) == {"one": "below", "culture-only": "below"}
    assert "Front" in comparison.differing
    assert "Back" not in comparison.differing
    assert "Front" in comparison.summary.text("ru")


def test_verdicts_read_the_interval_against_the_organisation() -> None:
    def group(ci: tuple[float, float] | None, hidden: bool = False) -> GroupScore:
        return GroupScore("g", None, 10, 50.0, ci, (), (), 1.0, hidden, None)

    assert group_verdict(group((61.0, 70.0)), 60.0) == "above"
    assert group_verdict(group((50.0, 59.0)), 60.0) == "below"
    assert group_verdict(group((55.0, 65.0)), 60.0) == "level"
    assert group_verdict(group(None, hidden=True), 60.0) is None


def test_the_built_in_models_compare_on_a_full_organisation() -> None:
    rng = np.random.default_rng(5)
    deps = {"Sales": (40, 4.0), "Ops": (40, 3.0)}
    waves = [
        synth.employees(rng, deps),
        synth.employees(
            rng, deps, name="culture", scales=("web",), identified=False, mode="anonymous"
        ),
        synth.wave("customer-view", [synth.frame(synth.instrument("customer-view"), 80, rng)]),
        synth.wave("partner-view", [synth.frame(synth.instrument("partner-view"), 12, rng)]),
        synth.wave("leadership", [synth.frame(synth.instrument("leadership"), 7, rng)]),
    ]
    comparison = compare_models(builtin_models(), waves, n_boot=200)
    assert comparison.models == ("service-quarter", "stakeholder")
    assert {r.group for r in comparison.rows} == {"Sales", "Ops"}
    json.dumps(comparison.to_dict(), allow_nan=False, ensure_ascii=False)


def test_a_comparison_needs_two_distinct_models_and_intervals() -> None:
    waves = split_org(np.random.default_rng(1))
    with pytest.raises(InvalidInput, match="at least two"):
        compare_models([PEOPLE], waves)
    with pytest.raises(InvalidInput, match="repeat"):
        compare_models([PEOPLE, PEOPLE], waves)
    with pytest.raises(InvalidInput, match="n_boot"):
        compare_models([PEOPLE, CULTURE], waves, n_boot=0)
