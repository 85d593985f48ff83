"""Cronbach's alpha against published psych output, pingouin, and a from-scratch check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import cronbach_alpha, cronbach_alpha_by, reverse


def agreeableness(bfi: pd.DataFrame) -> pd.DataFrame:
    items = bfi[["A1", "A2", "A3", "A4", "A5"]].copy()
    items["A1"] = reverse(items["A1"], 1, 6)  # psych keys A1 as 7 − x
    return items


def test_neuroticism_matches_psych_to_six_digits(bfi: pd.DataFrame) -> None:
    # Revelle, personality-project.org FAQ "Comparing alpha": print(alpha(bfi[16:20])$total,
    # digits = 6) shows raw_alpha 0.813963 and std.alpha 0.814675 (pairwise, cov2cor).
    result = cronbach_alpha(bfi[["N1", "N2", "N3", "N4", "N5"]])
    assert result.alpha == pytest.approx(0.813963, abs=5e-7)
    assert result.std_alpha == pytest.approx(0.814675, abs=5e-7)


def test_std_alpha_uses_the_covariance_not_pairwise_correlations(bfi: pd.DataFrame) -> None:
    # Pairwise correlations give 0.71266 for A1–A5; psych (and we) get 0.71303 from cov2cor.
    items = agreeableness(bfi)
    k = 5
    pairwise = items.corr().to_numpy().sum()
    from_pairwise_corr = k / (k - 1) * (1 - k / pairwise)
    result = cronbach_alpha(items)
    assert result.std_alpha == pytest.approx(0.7130286, abs=1e-6)
    assert abs(result.std_alpha - from_pairwise_corr) > 1e-4


def test_agreeableness_matches_psych_printed_output(bfi: pd.DataFrame) -> None:
    # psych::alpha(A1..A5, check.keys = TRUE) as printed in M. Clark's psych walkthrough:
    # raw_alpha 0.70 (feldt list: 0.703), Feldt 0.685 to 0.72, r.drop and alpha if dropped.
    result = cronbach_alpha(agreeableness(bfi))
    assert result.alpha == pytest.approx(0.703, abs=5e-4)
    assert round(result.std_alpha, 2) == 0.71
    assert result.ci[0] == pytest.approx(0.685, abs=5e-4)
    assert result.ci[1] == pytest.approx(0.72, abs=5e-4)
    assert result.n == 2800
    np.testing.assert_allclose(
        result.item_total.round(2).to_numpy(), [0.31, 0.56, 0.59, 0.39, 0.49], atol=1e-9
    )
    np.testing.assert_allclose(
        result.alpha_if_deleted.round(2).to_numpy(), [0.72, 0.62, 0.60, 0.69, 0.64], atol=1e-9
    )
    assert list(result.item_total.index) == ["A1", "A2", "A3", "A4", "A5"]


def test_matches_pingouin_on_its_own_example(pingouin_frames: dict[str, pd.DataFrame]) -> None:
    wide = pingouin_frames["cronbach_alpha"]
    expected, (low, high) = pg.cronbach_alpha(data=wide)
    result = cronbach_alpha(wide)
    assert result.alpha == pytest.approx(expected, abs=1e-12)
    assert result.ci == pytest.approx((low, high), abs=5e-4)  # pingouin rounds to 3 places


def test_matches_pingouin_with_missing_answers(pingouin_frames: dict[str, pd.DataFrame]) -> None:
    # pingouin's default nan_policy is pairwise too.
    wide = pingouin_frames["cronbach_wide_missing"]
    assert wide.isna().any().any()
    expected, _ = pg.cronbach_alpha(data=wide)
    assert cronbach_alpha(wide).alpha == pytest.approx(expected, abs=1e-12)


def test_item_statistics_from_first_principles() -> None:
    rng = np.random.default_rng(7)
    latent = rng.normal(size=400)
    items = pd.DataFrame(
        {f"q{i}": latent * w + rng.normal(size=400) for i, w in enumerate([1.0, 0.8, 0.6, 0.3])}
    )
    result = cronbach_alpha(items)
    total = items.sum(axis=1)
    k = 4
    expected = k / (k - 1) * (1 - items.var().sum() / total.var())
    assert result.alpha == pytest.approx(expected, abs=1e-12)
    for name in items.columns:
        rest = total - items[name]
        assert result.item_total[name] == pytest.approx(
            np.corrcoef(items[name], rest)[0, 1], abs=1e-12
        )
        others = items.drop(columns=name)
        drop = (k - 1) / (k - 2) * (1 - others.var().sum() / others.sum(axis=1).var())
        assert result.alpha_if_deleted[name] == pytest.approx(drop, abs=1e-12)
        corr = others.corr().to_numpy().sum()
        drop_std = (k - 1) / (k - 2) * (1 - (k - 1) / corr)
        assert result.std_alpha_if_deleted[name] == pytest.approx(drop_std, abs=1e-12)


def test_grouped_alpha_equals_one_group_at_a_time(bfi: pd.DataFrame) -> None:
    items = ["N1", "N2", "N3", "N4", "N5"]
    frame = bfi[[*items, "education"]].dropna(subset=["education"])
    table = cronbach_alpha_by(frame, items, "education")
    assert list(table.index) == [1.0, 2.0, 3.0, 4.0, 5.0]
    for level, row in table.iterrows():
        one = cronbach_alpha(frame.loc[frame["education"] == level, items])
        assert row["alpha"] == pytest.approx(one.alpha, abs=1e-12)
        assert row["std_alpha"] == pytest.approx(one.std_alpha, abs=1e-12)
        assert row["ci_low"] == pytest.approx(one.ci[0], abs=1e-12)
        assert row["n"] == one.n


def test_grouped_alpha_matches_pingouin_per_group_on_complete_data() -> None:
    rng = np.random.default_rng(3)
    n = 3000
    groups = rng.integers(0, 40, n)
    latent = rng.normal(size=n) + groups / 20
    data = pd.DataFrame(
        np.clip(np.round(3 + latent[:, None] + rng.normal(size=(n, 6))), 1, 5),
        columns=[f"i{j}" for j in range(6)],
    )
    data["dept"] = groups
    table = cronbach_alpha_by(data, [f"i{j}" for j in range(6)], "dept")
    for dept in (0, 17, 39):
        expected, _ = pg.cronbach_alpha(data=data.loc[data["dept"] == dept].drop(columns="dept"))
        assert table.loc[dept, "alpha"] == pytest.approx(expected, abs=1e-10)


def test_grouped_alpha_blanks_groups_too_small_to_compute() -> None:
    frame = pd.DataFrame(
        {"a": [1, 2, 3, 4, 5, 1, 2], "b": [2, 2, 4, 4, 5, 3, 3], "g": list("xxxxxyy")}
    )
    table = cronbach_alpha_by(frame, ["a", "b"], "g")
    assert np.isnan(table.loc["y", "alpha"])
    assert not np.isnan(table.loc["x", "alpha"])


def test_refuses_what_it_cannot_compute() -> None:
    with pytest.raises(InvalidInput):
        cronbach_alpha(pd.DataFrame({"a": [1, 2, 3]}))
    with pytest.raises(InsufficientData):
        cronbach_alpha(pd.DataFrame({"a": [1, 2], "b": [2, 1]}))
    with pytest.raises(InsufficientData):
        cronbach_alpha(pd.DataFrame({"a": [3, 3, 3, 3], "b": [1, 2, 3, 4]}))
    with pytest.raises(InvalidInput):
        cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [2, 1, 3]}), ci=1.5)
