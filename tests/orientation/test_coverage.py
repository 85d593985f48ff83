"""Coverage (rule 7) on employees whose scores are set exactly."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.orientation import coverage
from orientir.orientation.inputs import WaveData
from tests.orientation import _synth as synth


def _people(rng: np.random.Generator, dep: str, scores: list[float], start: int) -> pd.DataFrame:
    """One row per person whose needs and enjoyment scores are both ``score`` exactly."""
    ids = [f"p{start + i}" for i in range(len(scores))]
    levels = {"needs": scores, "enjoyment": scores}
    return synth.frame(
        synth.instrument("employee-co"),
        len(scores),
        rng,
        fixed=levels,
        department=dep,
        respondents=ids,
    )


def _wave(mode: str = "confidential") -> WaveData:
    rng = np.random.default_rng(0)
    parts = [
        _people(rng, "Продажи", [5.0] * 30 + [3.0] * 10, 0),  # 30 of 40 reach 4: share 0.75
        _people(rng, "Сервис", [4.0] * 50, 100),  # every one reaches it
        _people(rng, "Склад", [5.0] * 10 + [2.0] * 40, 200),  # 10 of 50: share 0.2
    ]
    return synth.wave("employee-co", parts, mode=mode)


def test_known_shares_and_both_readings() -> None:
    result = coverage(_wave(), threshold=4.0, target_share=0.7)
    sales, service, store = (result.cell(d) for d in ("Продажи", "Сервис", "Склад"))
    assert (sales.n, sales.reached, sales.share) == (40, 30, 0.75)
    assert sales.every_one is False
    assert sales.target == "unclear"
    assert service.share == 1.0
    assert service.every_one is True
    assert service.target == "met"
    assert store.share == pytest.approx(0.2)
    assert store.target == "not met"
    overall = result.overall
    assert (overall.n, overall.reached) == (140, 90)
    assert overall.ci is not None
    assert overall.ci[0] < 90 / 140 < overall.ci[1]
    assert result.threshold_index == 75.0
    readings = result.readings
    assert "каждый" in readings["every_one"].text("ru")
    assert "70%" in readings["target"].text("en")


def test_a_stricter_threshold_lowers_the_share() -> None:
    result = coverage(_wave(), threshold=4.5)
    assert result.cell("Сервис").share == 0.0  # 4.0 < 4.5
    assert result.cell("Продажи").share == 0.75  # 5.0 ≥ 4.5


def test_anonymous_waves_are_refused() -> None:
    frame = _wave().responses.assign(respondent=None)
    wave = WaveData(
        "acme", "anon", synth.instrument("employee-co"), _wave().closes_on, "anonymous", frame
    )
    with pytest.raises(InvalidInput, match="anonymous"):
        coverage(wave)


def test_a_person_answering_twice_counts_once() -> None:
    wave = _wave()
    again = wave.responses.iloc[[0]].copy()  # p0 again, now below the threshold
    again["needs1"] = again["needs2"] = again["needs3"] = again["needs5"] = 1.0
    again["needs4"] = 5.0
    again[["enjoy1", "enjoy2", "enjoy4", "enjoy5"]] = 1.0
    again["enjoy3"] = 5.0
    frame = pd.concat([wave.responses, again], ignore_index=True)
    result = coverage(synth.wave("employee-co", [frame]))
    assert result.cell("Продажи").n == 40
    assert result.cell("Продажи").reached == 29  # the later answer counts


def test_a_small_department_and_its_complement_are_suppressed() -> None:
    rng = np.random.default_rng(1)
    parts = [
        _people(rng, "Офис/Москва", [5.0] * 20, 0),
        _people(rng, "Офис/Тверь", [5.0, 2.0], 50),
        _people(rng, "Склад", [4.0] * 10, 100),
    ]
    result = coverage(synth.wave("employee-co", parts))
    assert result.cell("Офис/Тверь").suppressed
    assert result.cell("Офис/Тверь").reason == "small"
    assert result.cell("Офис/Москва").suppressed
    assert result.cell("Офис/Москва").reason == "complement"
    assert result.cell("Офис/Москва").share is None
    assert not result.cell("Офис").suppressed


def test_headcounts_keep_every_one_honest() -> None:
    result = coverage(_wave(), headcounts={"Сервис": 55})
    # 50 of 55 answered: the five silent ones cannot be counted as reaching the threshold.
    assert result.cell("Сервис").share == 1.0
    assert result.cell("Сервис").every_one is False


def test_result_is_json_ready() -> None:
    json.dumps(coverage(_wave()).to_dict(), allow_nan=False, ensure_ascii=False)
