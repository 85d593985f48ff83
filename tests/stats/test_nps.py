"""NPS and its adjusted-Wald interval, checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import nps, nps_by


def sample(promoters: int, passives: int, detractors: int) -> np.ndarray:
    return np.r_[np.full(promoters, 10), np.full(passives, 7), np.full(detractors, 3)].astype(float)


def test_categories_follow_the_0_to_10_rule() -> None:
    scores = np.array([0, 6, 7, 8, 9, 10, np.nan])
    result = nps(scores)
    assert result.n == 6
    assert result.detractors == pytest.approx(2 / 6)
    assert result.passives == pytest.approx(2 / 6)
    assert result.promoters == pytest.approx(2 / 6)
    assert result.nps == pytest.approx(0.0)


def test_adjusted_wald_interval_by_hand() -> None:
    # 50 promoters, 30 passives, 20 detractors. Rocks' adjustment adds 3/4, 3/2, 3/4:
    # ñ = 103, p̃_pro = 50.75/103 = 0.492718, p̃_det = 20.75/103 = 0.201456,
    # NPS̃ = 0.291262, Var̃ = 0.694175 − 0.291262² = 0.609341,
    # half width = 1.959964 · √(0.609341/103) = 0.150751 → [14.05, 44.20].
    result = nps(sample(50, 30, 20))
    assert result.nps == pytest.approx(30.0)
    assert result.ci[0] == pytest.approx(14.0511, abs=1e-4)
    assert result.ci[1] == pytest.approx(44.2013, abs=1e-4)
    assert result.level == 0.95


def test_interval_is_not_the_plain_wald_one() -> None:
    # The plain Wald interval would be centred on 30 with Var = 0.7 − 0.09 = 0.61, n = 100.
    result = nps(sample(50, 30, 20))
    plain_half = 1.959964 * math.sqrt(0.61 / 100) * 100
    assert result.ci[0] != pytest.approx(30 - plain_half, abs=1e-3)
    assert (result.ci[0] + result.ci[1]) / 2 == pytest.approx(29.1262, abs=1e-4)


def test_all_promoters_still_get_an_interval_inside_the_range() -> None:
    result = nps(np.full(12, 10.0))
    assert result.nps == 100.0
    assert -100.0 <= result.ci[0] < 100.0
    assert result.ci[1] == 100.0  # clipped


def test_wider_level_gives_wider_interval() -> None:
    narrow = nps(sample(40, 40, 20), level=0.80)
    wide = nps(sample(40, 40, 20), level=0.99)
    assert wide.ci[0] < narrow.ci[0] < narrow.ci[1] < wide.ci[1]


def test_grouped_nps_equals_one_group_at_a_time() -> None:
    rng = np.random.default_rng(11)
    scores = rng.integers(0, 11, 5000).astype(float)
    scores[rng.random(5000) < 0.05] = np.nan
    groups = rng.choice(["sales", "support", "it", "hr"], 5000)
    table = nps_by(scores, groups)
    for name, row in table.iterrows():
        one = nps(scores[groups == name])
        assert row["nps"] == pytest.approx(one.nps, abs=1e-12)
        assert row["ci_low"] == pytest.approx(one.ci[0], abs=1e-12)
        assert row["ci_high"] == pytest.approx(one.ci[1], abs=1e-12)
        assert row["n"] == one.n


def test_refuses_bad_answers() -> None:
    with pytest.raises(InvalidInput):
        nps([11, 3])
    with pytest.raises(InvalidInput):
        nps([7.5])
    with pytest.raises(InsufficientData):
        nps([np.nan])
    with pytest.raises(InvalidInput):
        nps([5, 9], level=95)
