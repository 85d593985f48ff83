"""Scale scores with reverse keys and the minimum-answered rule; percent favourable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import (
    ScaleSpec,
    percent_favourable,
    percent_favourable_by,
    reverse,
    scale_scores,
)


def test_reverse_mirrors_the_scale() -> None:
    np.testing.assert_array_equal(reverse([1, 2, 3, 4, 5], 1, 5), [5, 4, 3, 2, 1])
    np.testing.assert_array_equal(reverse([0, 10, np.nan], 0, 10), [10, 0, np.nan])


def test_scale_scores_reverse_keys_and_minimum_answered() -> None:
    frame = pd.DataFrame(
        {"q1": [5, 4, np.nan, np.nan], "q2": [1, 2, 5, np.nan], "q3": [4, np.nan, np.nan, 3]}
    )
    spec = ScaleSpec("climate", ("q1", "q2", "q3"), reversed_items=frozenset({"q2"}))
    scores = scale_scores(frame, [spec])
    # row 0: (5 + 5 + 4)/3; row 1: (4 + 4)/2; row 2: one of three answered < 2 → missing.
    assert scores["climate"].iloc[0] == pytest.approx(14 / 3)
    assert scores["climate"].iloc[1] == pytest.approx(4.0)
    assert np.isnan(scores["climate"].iloc[2])
    assert np.isnan(scores["climate"].iloc[3])
    lenient = scale_scores(frame, [spec], min_answered=1)
    assert lenient["climate"].iloc[2] == pytest.approx(1.0)  # 5 reversed on 1–5
    strict = ScaleSpec("climate", ("q1", "q2", "q3"), frozenset({"q2"}), min_answered=3)
    assert scale_scores(frame, [strict])["climate"].notna().sum() == 1


def test_scale_scores_on_bfi_match_psych_keying(bfi: pd.DataFrame) -> None:
    spec = ScaleSpec("agree", ("A1", "A2", "A3", "A4", "A5"), frozenset({"A1"}), low=1, high=6)
    scores = scale_scores(bfi, [spec], min_answered=1)["agree"]
    # psych's alpha(..., check.keys = TRUE)$scores starts 4, 4.2, 3.8, 4.6 (Clark's output).
    np.testing.assert_allclose(scores.iloc[:4].to_numpy(), [4.0, 4.2, 3.8, 4.6])


def test_scale_spec_rejects_nonsense() -> None:
    with pytest.raises(InvalidInput):
        ScaleSpec("x", ())
    with pytest.raises(InvalidInput):
        ScaleSpec("x", ("a",), reversed_items=frozenset({"b"}))
    with pytest.raises(InvalidInput):
        ScaleSpec("x", ("a", "b"), min_answered=3)
    with pytest.raises(InvalidInput):
        scale_scores(pd.DataFrame({"a": [6]}), [ScaleSpec("x", ("a",))])
    with pytest.raises(InvalidInput):
        scale_scores(pd.DataFrame({"a": [1]}), [ScaleSpec("x", ("b",))])


def test_percent_favourable_top_two_box() -> None:
    assert percent_favourable([1, 2, 3, 4, 5, np.nan], scale_max=5).share == pytest.approx(2 / 5)
    seven = percent_favourable([1, 2, 3, 4, 5, 6, 7], scale_max=7)
    assert (seven.favourable, seven.n) == (2, 7)  # 6 and 7, not 5
    assert percent_favourable(list(range(11)), scale_max=10).favourable == 2  # 9 and 10
    with pytest.raises(InsufficientData):
        percent_favourable([np.nan], scale_max=5)
    with pytest.raises(InvalidInput):
        percent_favourable([6], scale_max=5)


def test_percent_favourable_by_group() -> None:
    table = percent_favourable_by(
        [5, 4, 1, 2, 5, np.nan], ["a", "a", "a", "b", "b", "b"], scale_max=5
    )
    assert table.loc["a", "share"] == pytest.approx(2 / 3)
    assert table.loc["b", "share"] == pytest.approx(1 / 2)
    assert table.loc["b", "n"] == 2
