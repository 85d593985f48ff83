"""The index on constructed data whose true level is known, and the anonymity guard."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InsufficientData, InvalidInput
from orientir.orientation import IndexModel, compute_index, parse_model
from tests.orientation import _synth as synth


def one_component(
    instrument: str,
    *,
    scales: list[str] | None = None,
    item: str | None = None,
    model_id: str = "one",
) -> IndexModel:
    measure: dict[str, Any] = {"instrument": instrument}
    if item is not None:
        measure["item"] = item
    else:
        measure["scales"] = scales
    title = {"ru": "т", "en": "t"}
    component = {"id": "only", "title": title, "weight": 1, "measure": measure}
    return parse_model({"id": model_id, "title": title, "components": [component]})


PEOPLE = one_component("employee-co", scales=["needs", "enjoyment"])
TWO_PARTS = parse_model(
    {
        "id": "two",
        "title": {"ru": "д", "en": "t"},
        "components": [
            {
                "id": "people",
                "title": {"ru": "л", "en": "p"},
                "weight": 0.75,
                "measure": {"instrument": "employee-co", "scales": ["needs", "enjoyment"]},
            },
            {
                "id": "loyalty",
                "title": {"ru": "л", "en": "l"},
                "weight": 0.25,
                "measure": {"instrument": "customer-view", "item": "nps"},
            },
        ],
    }
)


def test_likert_and_nps_are_put_on_0_to_100_exactly() -> None:
    rng = np.random.default_rng(0)
    # Every answer 4 on 1–5 (reverse items mirrored by the generator): 100·(4−1)/4 = 75.
    emp = synth.employees(rng, {None: (10, 4.0)})
    assert compute_index(PEOPLE, [emp], n_boot=0).value == pytest.approx(75.0)
    # 50 promoters, 20 passives, 30 detractors: NPS 20 → (20 + 100)/2 = 60.
    frame = synth.frame(synth.instrument("customer-view"), 100, rng)
    frame["nps"] = [10.0] * 50 + [7.0] * 20 + [0.0] * 30
    cust = synth.wave("customer-view", [frame])
    assert compute_index(one_component("customer-view", item="nps"), [cust], n_boot=0).value == (
        pytest.approx(60.0)
    )


def test_reverse_keyed_items_are_mirrored() -> None:
    frame = synth.frame(synth.instrument("employee-co"), 1, np.random.default_rng(0))
    for item in ("needs1", "needs2", "needs3", "needs5"):
        frame[item] = 5.0
    frame["needs4"] = 1.0  # reverse-keyed: 1 scores as 5
    model = one_component("employee-co", scales=["needs"])
    result = compute_index(model, [synth.wave("employee-co", [frame])], k=3, n_boot=0)
    assert result.suppressed
    assert result.components[0].reason == "small"
    frame = pd.concat([frame] * 5, ignore_index=True)
    result = compute_index(model, [synth.wave("employee-co", [frame])], n_boot=0)
    assert result.value == pytest.approx(100.0)


def test_known_department_levels_are_recovered_with_intervals() -> None:
    rng = np.random.default_rng(11)
    truth = {"Продажи": (300, 4.2), "Склад": (300, 2.9), "ИТ": (250, 3.6)}
    wave = synth.employees(rng, truth)
    result = compute_index(PEOPLE, [wave], by="department", n_boot=600, seed=1)
    for dep, (_, mu) in truth.items():
        group = result.group(dep)
        assert group.ci is not None
        assert group.value is not None
        assert group.ci[0] <= synth.norm(mu) <= group.ci[1], dep
        assert group.ci[1] - group.ci[0] < 8
    overall = sum(n * synth.norm(mu) for n, mu in truth.values()) / sum(
        n for n, _ in truth.values()
    )
    assert result.ci is not None
    assert result.ci[0] <= overall <= result.ci[1]
    assert result.group("Продажи").ci[0] > result.group("ИТ").ci[1]  # type: ignore[index]


def test_weights_combine_components_and_groups_split_by_stakeholder() -> None:
    rng = np.random.default_rng(12)
    emp = synth.employees(rng, {None: (400, 3.8)})
    frame = synth.frame(synth.instrument("customer-view"), 600, rng, nps={"nps": (0.2, 0.3, 0.5)})
    cust = synth.wave("customer-view", [frame])
    result = compute_index(TWO_PARTS, [emp, cust], by="stakeholder", n_boot=500, seed=2)
    people, loyalty = synth.norm(3.8), (100 * (0.5 - 0.2) + 100) / 2  # 70 and 65
    truth = 0.75 * people + 0.25 * loyalty
    assert result.ci is not None
    assert result.ci[0] <= truth <= result.ci[1]
    assert result.value == pytest.approx(
        0.75 * result.components[0].value + 0.25 * result.components[1].value  # type: ignore[operator]
    )
    groups = {g.group: g for g in result.groups}
    assert set(groups) == {"employees", "customers"}
    assert groups["customers"].ci[0] <= loyalty <= groups["customers"].ci[1]  # type: ignore[index]
    assert groups["employees"].weight_covered == pytest.approx(0.75)


def test_the_bootstrap_interval_covers_the_truth_about_95_times_in_100() -> None:
    # 200 independent waves of 60 people with a true level of 57.5 (mean 3.3 on 1–5).
    rng = np.random.default_rng(2024)
    hits = 0
    for seed in range(200):
        wave = synth.employees(rng, {None: (60, 3.3)})
        ci = compute_index(PEOPLE, [wave], n_boot=250, seed=seed).ci
        assert ci is not None
        hits += ci[0] <= synth.norm(3.3) <= ci[1]
    assert 0.90 <= hits / 200 <= 0.985


def test_same_seed_same_interval_and_by_does_not_move_the_overall_one() -> None:
    rng = np.random.default_rng(3)
    wave = synth.employees(rng, {"A": (40, 3.4), "B": (40, 3.9)})
    first = compute_index(PEOPLE, [wave], n_boot=300, seed=7)
    again = compute_index(PEOPLE, [wave], by="department", n_boot=300, seed=7)
    other = compute_index(PEOPLE, [wave], n_boot=300, seed=8)
    assert first.ci == again.ci
    assert first.ci != other.ci


def test_a_small_department_and_its_complement_are_suppressed() -> None:
    rng = np.random.default_rng(4)
    wave = synth.employees(
        rng, {"Продажи/Москва": (30, 4.0), "Продажи/Казань": (3, 2.0), "Склад": (25, 3.0)}
    )
    result = compute_index(PEOPLE, [wave], by="department", n_boot=100)
    kazan, moscow = result.group("Продажи/Казань"), result.group("Продажи/Москва")
    assert kazan.suppressed
    assert kazan.reason == "small"
    assert kazan.value is None
    assert kazan.n is None  # a count is a figure too
    # Продажи is shown, so Москва would give Казань away by subtraction.
    assert moscow.suppressed
    assert moscow.reason == "complement"
    assert not result.group("Продажи").suppressed
    assert not result.group("Склад").suppressed
    assert not result.suppressed


def test_a_small_component_hides_a_sibling_under_a_shown_parent() -> None:
    rng = np.random.default_rng(6)
    emp = synth.employees(rng, {None: (50, 3.5)})
    cust = synth.wave("customer-view", [synth.frame(synth.instrument("customer-view"), 3, rng)])
    result = compute_index(TWO_PARTS, [emp, cust], n_boot=50)
    people, loyalty = result.components
    assert loyalty.suppressed
    assert loyalty.reason == "small"
    # The index is a weighted sum: shown with people, it would reveal loyalty.
    assert people.suppressed
    assert people.reason == "complement"
    assert not result.suppressed
    assert result.value is not None


def test_missing_components_are_named_or_reweighted() -> None:
    emp = synth.employees(np.random.default_rng(0), {None: (20, 3.0)})
    with pytest.raises(InsufficientData, match="loyalty needs a wave of customer-view"):
        compute_index(TWO_PARTS, [emp])
    partial = compute_index(TWO_PARTS, [emp], n_boot=0, allow_missing=True)
    assert partial.missing_components == ("loyalty",)
    assert not partial.complete
    assert partial.components[0].weight == 1.0
    assert "loyalty" in partial.notes[0].text("ru")


def test_bad_arguments_are_refused() -> None:
    emp = synth.employees(np.random.default_rng(0), {None: (20, 3.0)})
    with pytest.raises(InvalidInput, match="at least 3"):
        compute_index(PEOPLE, [emp], k=2)
    with pytest.raises(InvalidInput, match="by must be"):
        compute_index(PEOPLE, [emp], by="team")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="no waves"):
        compute_index(PEOPLE, [])


def test_result_is_json_ready() -> None:
    rng = np.random.default_rng(8)
    wave = synth.employees(
        rng, {"A": (20, 3.5), "B": (3, 3.0), "C": (20, 4.0)}, closes_on=date(2025, 6, 30)
    )
    data = compute_index(PEOPLE, [wave], by="department", n_boot=50).to_dict()
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    assert data["kind"] == "index"
    assert data["as_of"] == "2025-06-30"
    assert {g["group"] for g in data["groups"]} == {"A", "B", "C"}
    assert "NaN" not in text
