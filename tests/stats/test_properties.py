"""Invariances that any correct implementation keeps (hypothesis property tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from orientir.stats import (
    ScaleSpec,
    compare,
    cronbach_alpha,
    cronbach_alpha_by,
    icc,
    nps,
    reverse,
    scale_scores,
)

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def likert_items(draw: st.DrawFn) -> pd.DataFrame:
    """Respondents × items on 1–5 with a shared factor, so alpha is defined and not trivial."""
    n = draw(st.integers(20, 80))
    k = draw(st.integers(3, 7))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 1))
    values = np.clip(np.round(3 + latent + rng.normal(size=(n, k))), 1, 5)
    values[rng.random((n, k)) < draw(st.sampled_from([0.0, 0.05]))] = np.nan
    frame = pd.DataFrame(values, columns=[f"q{i}" for i in range(k)])
    if (frame.var() <= 0).any() or frame.notna().sum().min() < 5:
        frame.iloc[:2] = [[1.0] * k, [5.0] * k]
    return frame


@SETTINGS
@given(likert_items(), st.randoms(use_true_random=False))
def test_alpha_does_not_depend_on_item_order(items: pd.DataFrame, random) -> None:  # type: ignore[no-untyped-def]
    order = list(items.columns)
    random.shuffle(order)
    a, b = cronbach_alpha(items), cronbach_alpha(items[order])
    assert a.alpha == pytest.approx(b.alpha, abs=1e-10)
    assert a.std_alpha == pytest.approx(b.std_alpha, abs=1e-10)
    pd.testing.assert_series_equal(a.item_total[order], b.item_total, atol=1e-10)


@SETTINGS
@given(likert_items(), st.floats(-50, 50))
def test_alpha_does_not_change_when_a_constant_is_added(items: pd.DataFrame, shift: float) -> None:
    a, b = cronbach_alpha(items), cronbach_alpha(items + shift)
    assert a.alpha == pytest.approx(b.alpha, abs=1e-9)
    assert a.std_alpha == pytest.approx(b.std_alpha, abs=1e-9)
    assert a.ci == pytest.approx(b.ci, abs=1e-9)
    pd.testing.assert_series_equal(a.alpha_if_deleted, b.alpha_if_deleted, atol=1e-9)


@SETTINGS
@given(likert_items())
def test_one_group_alpha_equals_plain_alpha(items: pd.DataFrame) -> None:
    table = cronbach_alpha_by(items, list(items.columns), np.zeros(len(items)))
    assert table["alpha"].iloc[0] == pytest.approx(cronbach_alpha(items).alpha, abs=1e-10)


@SETTINGS
@given(arrays(np.float64, st.integers(1, 50), elements=st.integers(1, 7).map(float)))
def test_reverse_keying_twice_is_the_identity(values: np.ndarray) -> None:
    np.testing.assert_array_equal(reverse(reverse(values, 1, 7), 1, 7), values)


@SETTINGS
@given(likert_items())
def test_reversing_an_item_twice_leaves_the_scale_score(items: pd.DataFrame) -> None:
    cols = tuple(items.columns)
    twice = items.copy()
    twice[cols[0]] = reverse(reverse(items[cols[0]], 1, 5), 1, 5)
    spec = ScaleSpec("s", cols, low=1, high=5)
    pd.testing.assert_frame_equal(scale_scores(items, [spec]), scale_scores(twice, [spec]))
    # And reverse keying an item in the spec equals reversing its column by hand.
    keyed = ScaleSpec("s", cols, frozenset({cols[0]}), low=1, high=5)
    by_hand = items.copy()
    by_hand[cols[0]] = reverse(items[cols[0]], 1, 5)
    pd.testing.assert_frame_equal(scale_scores(items, [keyed]), scale_scores(by_hand, [spec]))


@SETTINGS
@given(
    arrays(np.float64, st.integers(1, 200), elements=st.integers(0, 10).map(float)), st.randoms()
)
def test_nps_does_not_depend_on_answer_order(scores: np.ndarray, random) -> None:  # type: ignore[no-untyped-def]
    shuffled = scores.copy()
    random.shuffle(shuffled)
    a, b = nps(scores), nps(shuffled)
    assert a.nps == pytest.approx(b.nps)
    assert a.ci == pytest.approx(b.ci)
    assert a.promoters + a.passives + a.detractors == pytest.approx(1.0)
    assert -100 <= a.ci[0] <= a.ci[1] <= 100


@SETTINGS
@given(
    arrays(np.float64, st.integers(3, 60), elements=st.floats(1, 5)),
    arrays(np.float64, st.integers(3, 60), elements=st.floats(1, 5)),
    st.floats(-10, 10),
)
def test_change_is_shift_invariant_and_antisymmetric(
    before: np.ndarray, after: np.ndarray, shift: float
) -> None:
    if np.ptp(before) == 0 and np.ptp(after) == 0:
        return
    base = compare(before, after)
    moved = compare(before + shift, after + shift)
    assert moved.ci == pytest.approx(base.ci, abs=1e-7)
    swapped = compare(after, before)
    assert swapped.difference == pytest.approx(-base.difference)
    assert swapped.ci == pytest.approx((-base.ci[1], -base.ci[0]), abs=1e-9)
    assert {base.verdict, swapped.verdict} in ({"stable"}, {"rising", "falling"})


@SETTINGS
@given(st.integers(0, 2**32 - 1), st.floats(-100, 100))
def test_icc_is_shift_invariant(seed: int, shift: float) -> None:
    rng = np.random.default_rng(seed)
    groups = np.repeat(np.arange(6), 5)
    values = rng.normal(size=30) + groups * 0.3
    a, b = icc(values, groups), icc(values + shift, groups)
    assert a.icc1 == pytest.approx(b.icc1, abs=1e-9)
    assert a.icc2 == pytest.approx(b.icc2, abs=1e-9)
