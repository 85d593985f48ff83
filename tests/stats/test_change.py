"""Wave-over-wave change: hand-checked cases and independent peers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import (
    compare,
    compare_by,
    compare_favourable,
    compare_favourable_by,
    compare_nps,
    compare_nps_by,
    verdict,
)


def test_verdict_rules() -> None:
    assert verdict((0.1, 0.5)) == "rising"
    assert verdict((-0.5, -0.1)) == "falling"
    assert verdict((-0.1, 0.5)) == "stable"
    # A smallest meaningful difference: the whole interval must clear it.
    assert verdict((0.1, 0.5), min_difference=0.2) == "stable"
    assert verdict((0.3, 0.5), min_difference=0.2) == "rising"
    assert verdict((-0.6, -0.25), min_difference=0.2) == "falling"
    with pytest.raises(InvalidInput):
        verdict((0.1, 0.2), min_difference=-1)


def test_hand_checked_independent_means() -> None:
    # before: 1,2,3,4,5 (mean 3, var 2.5); after: 3,4,5,6,7 (mean 5, var 2.5).
    # se = √(0.5 + 0.5) = 1, Welch df = 1/(0.25/4 · 2) = 8, t(0.975, 8) = 2.306004.
    # Hedges' g = 2/√2.5 · (1 − 3/(4·10 − 9)) = 1.264911 · 0.903226 = 1.142500.
    result = compare([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    assert result.difference == pytest.approx(2.0)
    assert result.ci == pytest.approx((2 - 2.306004, 2 + 2.306004), abs=1e-6)
    assert result.effect_size == pytest.approx(1.142500, abs=1e-6)
    assert result.effect_measure == "hedges_g"
    assert result.verdict == "stable"  # the interval reaches below 0


def test_independent_matches_scipy_and_pingouin() -> None:
    rng = np.random.default_rng(1)
    before, after = rng.normal(0, 1, 40), rng.normal(0.5, 1.3, 55)
    result = compare(before, after)
    ci = stats.ttest_ind(after, before, equal_var=False).confidence_interval(0.95)
    assert result.ci == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert result.effect_size == pytest.approx(
        pg.compute_effsize(after, before, eftype="hedges"), abs=1e-12
    )
    assert result.verdict == "rising"


def test_paired_uses_differences() -> None:
    before = np.array([3.0, 4, 2, 5, 3, 4, 2, 3])
    after = before + np.array([1.0, 0.5, 1, 1.5, 0, 1, 0.5, 1])
    result = compare(before, after, paired=True)
    d = after - before  # mean 0.8125, sd 0.4580
    assert result.difference == pytest.approx(d.mean())
    ci = stats.ttest_rel(after, before).confidence_interval(0.95)
    assert result.ci == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert result.effect_size == pytest.approx(d.mean() / d.std(ddof=1), abs=1e-12)
    assert result.effect_measure == "cohens_dz"
    assert result.verdict == "rising"
    # The same numbers as independent samples cannot tell the change from noise.
    assert compare(before, after).verdict == "stable"


def test_paired_drops_incomplete_pairs() -> None:
    result = compare([1, 2, np.nan, 4], [2, 3, 4, np.nan], paired=True)
    assert result.n_before == result.n_after == 2
    with pytest.raises(InvalidInput):
        compare([1, 2, 3], [1, 2], paired=True)


def test_nps_difference_by_hand() -> None:
    # Wave 1: 50 promoters, 30 passives, 20 detractors (NPS 30); wave 2: 60/5/15 of 80 (56.25).
    # Adjusted: NPS̃₁ = 0.291262, Var̃₁ = 0.609341, ñ₁ = 103; NPS̃₂ = 0.542169,
    # Var̃₂ = 0.638336, ñ₂ = 83 → half = 1.959964 · √(0.005916 + 0.007691) = 0.228551.
    before = np.r_[np.full(50, 9), np.full(30, 8), np.full(20, 0)]
    after = np.r_[np.full(60, 10), np.full(5, 7), np.full(15, 6)]
    result = compare_nps(before, after)
    assert result.difference == pytest.approx(26.25)
    assert result.ci == pytest.approx((2.3356, 47.8457), abs=1e-4)
    assert result.verdict == "rising"
    assert result.effect_size is None
    assert compare_nps(before, after, min_difference=5).verdict == "stable"


def test_favourable_difference_matches_statsmodels_newcombe() -> None:
    before = np.r_[np.full(30, 5), np.full(70, 2)]  # 30 % favourable
    after = np.r_[np.full(45, 4), np.full(55, 1)]  # 45 %
    result = compare_favourable(before, after, scale_max=5)
    low, high = confint_proportions_2indep(45, 100, 30, 100, method="newcomb", compare="diff")
    assert result.difference == pytest.approx(0.15)
    assert result.ci == pytest.approx((low, high), abs=1e-12)
    h = 2 * np.arcsin(np.sqrt(0.45)) - 2 * np.arcsin(np.sqrt(0.30))
    assert result.effect_size == pytest.approx(h)
    assert result.verdict == "rising"


def test_grouped_versions_equal_one_group_at_a_time() -> None:
    rng = np.random.default_rng(4)
    b_groups, a_groups = rng.choice(list("abc"), 600), rng.choice(list("abcd"), 700)
    b_scores = rng.normal(3, 1, 600)
    a_scores = rng.normal(3.2, 1, 700)
    table = compare_by(b_scores, b_groups, a_scores, a_groups)
    for g in "abc":
        one = compare(b_scores[b_groups == g], a_scores[a_groups == g])
        assert table.loc[g, "difference"] == pytest.approx(one.difference, abs=1e-12)
        assert table.loc[g, "ci_low"] == pytest.approx(one.ci[0], abs=1e-9)
        assert table.loc[g, "effect_size"] == pytest.approx(one.effect_size, abs=1e-12)
        assert table.loc[g, "verdict"] == one.verdict
    assert np.isnan(table.loc["d", "difference"])  # only in the second wave
    assert pd.isna(table.loc["d", "verdict"])

    b_nps, a_nps = rng.integers(0, 11, 600), rng.integers(0, 11, 700)
    nps_table = compare_nps_by(b_nps, b_groups, a_nps, a_groups)
    one_nps = compare_nps(b_nps[b_groups == "b"], a_nps[a_groups == "b"])
    assert nps_table.loc["b", "ci_high"] == pytest.approx(one_nps.ci[1], abs=1e-9)

    fav_table = compare_favourable_by(b_nps / 2, b_groups, a_nps / 2, a_groups, scale_max=5)
    one_fav = compare_favourable(
        b_nps[b_groups == "c"] / 2, a_nps[a_groups == "c"] / 2, scale_max=5
    )
    assert fav_table.loc["c", "ci_low"] == pytest.approx(one_fav.ci[0], abs=1e-12)


def test_refuses_tiny_waves() -> None:
    with pytest.raises(InsufficientData):
        compare([1.0], [2.0, 3.0])
