"""Per-group omega in one call equals the one-group function on each group's rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import omega, omega_by
from orientir.stats._factor import minres, minres_many, oblimin, oblimin_many, varimax, varimax_many

ACE = [f"{trait}{i}" for trait in "ACE" for i in range(1, 6)]


@pytest.fixture(scope="module")
def bfi_groups(bfi: pd.DataFrame) -> pd.Series:
    # Education (with a missing level of its own) × gender: 12 groups of 81 to 893 people.
    education = bfi["education"].fillna(0).astype(int).astype(str)
    return education + "-" + bfi["gender"].astype(str)


@pytest.mark.parametrize("n_factors", [1, 2, 3])
def test_omega_by_equals_omega_on_each_group(
    bfi: pd.DataFrame, bfi_groups: pd.Series, n_factors: int
) -> None:
    table = omega_by(bfi, ACE, bfi_groups, n_factors=n_factors)
    assert list(table.index) == sorted(bfi_groups.unique())
    for label, row in table.iterrows():
        alone = omega(bfi.loc[bfi_groups == label, ACE], n_factors=n_factors)
        assert row["n"] == alone.n
        assert row["total"] == pytest.approx(alone.total, abs=1e-7), label
        assert row["hierarchical"] == pytest.approx(alone.hierarchical, abs=1e-6), label
        assert row["alpha"] == pytest.approx(alone.alpha, abs=1e-12), label


def test_one_group_reproduces_psych_through_omega_by(bfi: pd.DataFrame) -> None:
    # psych::omega(bfi[, 1:15]): Omega Hierarchical 0.54, Omega Total 0.85, Alpha 0.81.
    table = omega_by(bfi, ACE, np.zeros(len(bfi)))
    assert round(float(table["total"].iloc[0]), 2) == 0.85
    assert round(float(table["hierarchical"].iloc[0]), 2) == 0.54
    assert round(float(table["alpha"].iloc[0]), 2) == 0.81


def test_groups_without_defined_correlations_get_missing_figures(bfi: pd.DataFrame) -> None:
    frame = bfi[ACE].iloc[:300].copy()
    frame["dept"] = ["big"] * 298 + ["tiny"] * 2  # two people: no correlation is defined
    table = omega_by(frame, ACE, "dept")
    assert table.loc["tiny", "n"] == 2
    assert table.loc["tiny", ["total", "hierarchical", "alpha"]].isna().all()
    alone = omega(frame.loc[frame["dept"] == "big", ACE])
    assert table.loc["big", "total"] == pytest.approx(alone.total, abs=1e-7)


def test_omega_by_refuses_what_omega_refuses(bfi: pd.DataFrame) -> None:
    with pytest.raises(InvalidInput):
        omega_by(bfi, ACE, "gender", n_factors=0)
    with pytest.raises(InsufficientData):
        omega_by(bfi, ACE[:4], "gender", n_factors=3)


def test_batched_factor_steps_equal_the_one_matrix_steps(bfi: pd.DataFrame) -> None:
    stack = np.stack([bfi.loc[bfi["gender"] == g, ACE].corr().to_numpy() for g in (1, 2)])
    loadings, psi = minres_many(stack, 3)
    rotated = varimax_many(loadings)
    pattern, phi = oblimin_many(rotated)
    for i in range(stack.shape[0]):
        one, one_psi = minres(stack[i], 3)
        np.testing.assert_allclose(psi[i], one_psi, atol=1e-6)
        # Eigenvector signs are arbitrary: compare the loadings' outer product.
        np.testing.assert_allclose(loadings[i] @ loadings[i].T, one @ one.T, atol=1e-6)
        one_pattern, one_phi = oblimin(varimax(loadings[i]))
        np.testing.assert_allclose(pattern[i], one_pattern, atol=1e-8)
        np.testing.assert_allclose(phi[i], one_phi, atol=1e-8)
