"""Trajectory: a known linear trend reaches its target in a known quarter."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from orientir.errors import InsufficientData
from orientir.orientation import index_series, index_trajectory, trajectory
from tests.orientation import _synth as synth
from tests.orientation.test_index import PEOPLE

START = date(2024, 2, 15)
QUARTERLY = [
    date(2024, 2, 15),
    date(2024, 5, 15),
    date(2024, 8, 15),
    date(2024, 11, 15),
    date(2025, 2, 15),
    date(2025, 5, 15),
]


def _series(
    intercept: float, slope: float, noise: float, seed: int = 0
) -> list[tuple[date, float]]:
    rng = np.random.default_rng(seed)
    years = [(d - START).days / 365.25 for d in QUARTERLY]
    return [
        (d, intercept + slope * t + rng.normal(0, noise))
        for d, t in zip(QUARTERLY, years, strict=True)
    ]


def test_a_known_trend_reaches_the_target_in_the_known_quarter() -> None:
    # Truth: 40 + 8 points a year reaches 60 after 2.5 years, on 2026-08-15 (2026-Q3).
    result = trajectory(_series(40, 8, 0.3), 60)
    crossing = START + timedelta(days=round(2.5 * 365.25))
    assert result.estimate_quarter == "2026-Q3"
    assert result.earliest is not None
    assert result.latest is not None
    assert result.earliest <= crossing <= result.latest
    assert result.slope_ci[0] <= 8 <= result.slope_ci[1]
    # The last wave is in 2025-Q2; the data rule out the next quarter (2025-Q3).
    assert result.next_quarter == "2025-Q3"
    assert result.verdict == "not within the next quarter"
    assert "2025-Q3" in result.summary.text("ru")
    assert "Не в следующем квартале" in (result.summary.text("ru"))


def test_a_steep_trend_may_arrive_next_quarter() -> None:
    # 50 + 30 a year reaches 90 after 1.33 years (mid-June 2025), right after the last wave.
    result = trajectory(_series(50, 30, 0.5), 90)
    assert result.verdict == "possible within the next quarter"
    assert result.estimate_quarter in ("2025-Q2", "2025-Q3")


def test_a_falling_trend_is_not_in_sight_and_a_high_one_has_arrived() -> None:
    falling = trajectory(_series(55, -2, 0.5), 70)
    assert falling.verdict == "not in sight"
    assert falling.estimate is None
    arrived = trajectory(_series(72, 1, 0.5), 70)
    assert arrived.verdict == "reached"


def test_fewer_than_three_waves_give_a_clear_refusal() -> None:
    with pytest.raises(InsufficientData, match="at least 3 waves"):
        trajectory(_series(40, 8, 0.3)[:2], 60)


def test_quarterly_index_series_from_waves() -> None:
    rng = np.random.default_rng(9)
    levels = {
        date(2024, 3, 20): 3.0,
        date(2024, 6, 20): 3.2,
        date(2024, 9, 20): 3.4,
        date(2024, 12, 20): 3.6,
    }
    waves = [synth.employees(rng, {None: (400, mu)}, closes_on=d) for d, mu in levels.items()]
    waves.append(
        synth.wave(
            "customer-view",
            [synth.frame(synth.instrument("customer-view"), 10, rng)],
            closes_on=date(2025, 3, 20),
        )
    )
    series = index_series(PEOPLE, waves)
    assert [p.label for p in series.points] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    for point, mu in zip(series.points, levels.values(), strict=True):
        assert point.value == pytest.approx(synth.norm(mu), abs=2.5)
    assert series.skipped[0][0] == "2025-Q1"  # a quarter without the model's data
    # Truth: 20 points a year from 50 (0.2 a quarter on 1–5); 92.5 is reached 2.125 years
    # after the first wave, on 2026-05-05 (2026-Q2).
    result = index_trajectory(PEOPLE, waves, 92.5)
    assert result.slope_ci[0] <= 20 <= result.slope_ci[1]
    assert result.estimate_quarter == "2026-Q2"
    assert result.verdict == "not within the next quarter"
    json.dumps(result.to_dict(), allow_nan=False, ensure_ascii=False)
    with pytest.raises(InsufficientData, match="at least 3 quarters"):
        index_trajectory(PEOPLE, waves[:2], 92.5)
