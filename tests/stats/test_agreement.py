"""rwg(j) and ICC(1)/ICC(2): hand-checked cases and pingouin's ICC on its own data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import icc, rwg_j, rwg_j_by


def test_rwg_j_by_hand() -> None:
    # Two items, four members, 5 options: σ²_EU = (25 − 1)/12 = 2.
    # item 1: 4,4,5,5 → var 1/3; item 2: 3,4,4,5 → var 2/3; mean variance s̄² = 0.5.
    # rwg(2) = 2(1 − 0.25) / (2(1 − 0.25) + 0.25) = 1.5 / 1.75 = 0.857143.
    items = pd.DataFrame({"q1": [4, 4, 5, 5], "q2": [3, 4, 4, 5]})
    result = rwg_j(items, options=5)
    assert result.null_variance == pytest.approx(2.0)
    assert result.mean_variance == pytest.approx(0.5)
    assert result.rwg_j == pytest.approx(1.5 / 1.75)
    assert result.n == 4
    assert result.items == 2


def test_rwg_j_full_agreement_and_no_agreement() -> None:
    assert rwg_j(pd.DataFrame({"a": [3, 3, 3], "b": [4, 4, 4]}), options=5).rwg_j == pytest.approx(
        1.0
    )
    # Answers spread wider than the uniform null (1s and 5s): truncated to 0.
    polarised = pd.DataFrame({"a": [1, 5, 1, 5], "b": [5, 1, 5, 1]})
    assert rwg_j(polarised, options=5).rwg_j == 0.0


def test_rwg_j_grouped_equals_one_group_at_a_time() -> None:
    rng = np.random.default_rng(2)
    items = pd.DataFrame(rng.integers(1, 6, (300, 4)), columns=list("abcd")).astype(float)
    items.iloc[::7, 1] = np.nan
    groups = rng.integers(0, 12, 300)
    table = rwg_j_by(items, groups, options=5)
    for g in (0, 5, 11):
        assert table.loc[g, "rwg_j"] == pytest.approx(
            rwg_j(items[groups == g], options=5).rwg_j, abs=1e-12
        )


def test_rwg_needs_two_members_and_options() -> None:
    with pytest.raises(InsufficientData):
        rwg_j(pd.DataFrame({"a": [3.0]}), options=5)
    with pytest.raises(InvalidInput):
        rwg_j(pd.DataFrame({"a": [3.0, 4.0]}), options=1)


def test_icc_by_hand() -> None:
    # Groups {1,2,3}, {4,5,6}, {7,8,9}: means 2, 5, 8; grand mean 5.
    # SSB = 3·(9 + 0 + 9) = 54, MSB = 27; SSW = 3·2 = 6, MSW = 1; k = 3.
    # ICC(1) = 26 / (27 + 2) = 0.896552; ICC(2) = 26/27 = 0.962963.
    values = np.arange(1.0, 10.0)
    groups = np.repeat(["x", "y", "z"], 3)
    result = icc(values, groups)
    assert result.ms_between == pytest.approx(27.0)
    assert result.ms_within == pytest.approx(1.0)
    assert result.icc1 == pytest.approx(26 / 29)
    assert result.icc2 == pytest.approx(26 / 27)
    assert result.f == pytest.approx(27.0)
    assert (result.df_between, result.df_within) == (2, 6)


def test_icc_matches_pingouin_one_way_on_its_wine_data(
    pingouin_frames: dict[str, pd.DataFrame],
) -> None:
    # Balanced data: Bliese's ICC(1) is Shrout & Fleiss ICC(1,1), his ICC(2) is ICC(1,k).
    import pingouin as pg

    data = pingouin_frames["icc"]
    table = pg.intraclass_corr(data=data, targets="Wine", raters="Judge", ratings="Scores")
    table = table.set_index("Type")
    result = icc(data["Scores"], data["Wine"])
    assert result.icc1 == pytest.approx(table.loc["ICC(1,1)", "ICC"], abs=1e-12)
    assert result.icc2 == pytest.approx(table.loc["ICC(1,k)", "ICC"], abs=1e-12)


def test_icc_with_unequal_groups_uses_the_mean_group_size() -> None:
    values = np.array([1.0, 2, 3, 4, 6, 7, 8, 9, 10])
    groups = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])
    result = icc(values, groups)
    assert result.mean_group_size == pytest.approx(4.5)
    msb, msw = result.ms_between, result.ms_within
    assert result.icc1 == pytest.approx((msb - msw) / (msb + 3.5 * msw))


def test_icc_refuses_one_group() -> None:
    with pytest.raises(InsufficientData):
        icc([1.0, 2.0, 3.0], ["a", "a", "a"])
