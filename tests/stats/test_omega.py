"""Omega and its factor-analysis pieces against published psych output on bfi."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InsufficientData
from orientir.stats import omega
from orientir.stats._factor import minres, oblimin, varimax

ACE = [f"{trait}{i}" for trait in "ACE" for i in range(1, 6)]

# psych::omega(bfi[, 1:15]) as printed in M. Clark, "Factor analysis with the psych package":
# Alpha 0.81, Omega Hierarchical 0.54, Omega Total 0.85, and the Schmid-Leiman table.
PUBLISHED_G = {
    "A1": 0.24,
    "A2": 0.52,
    "A3": 0.59,
    "A4": 0.39,
    "A5": 0.56,
    "C2": 0.23,
    "C3": 0.21,
    "C4": 0.25,
    "C5": 0.28,
    "E1": 0.37,
    "E2": 0.48,
    "E3": 0.47,
    "E4": 0.54,
    "E5": 0.41,
}  # fmt: skip  (C1's g is below the 0.2 print cut-off)
PUBLISHED_H2 = [0.16, 0.47, 0.56, 0.25, 0.44, 0.31, 0.42, 0.32, 0.41, 0.34,
                0.37, 0.53, 0.37, 0.51, 0.33]  # fmt: skip


@pytest.fixture(scope="module")
def ace_omega(bfi: pd.DataFrame):  # type: ignore[no-untyped-def]
    return omega(bfi[ACE])


def test_omega_matches_psych_on_fifteen_bfi_items(ace_omega) -> None:  # type: ignore[no-untyped-def]
    assert round(ace_omega.total, 2) == 0.85
    assert round(ace_omega.hierarchical, 2) == 0.54
    assert round(ace_omega.alpha, 2) == 0.81
    assert ace_omega.n == 2800


def test_schmid_leiman_loadings_match_psych(ace_omega) -> None:  # type: ignore[no-untyped-def]
    for item, loading in PUBLISHED_G.items():
        assert round(ace_omega.general[item], 2) == pytest.approx(loading, abs=1e-9), item
    assert abs(ace_omega.general["C1"]) < 0.2
    np.testing.assert_allclose(ace_omega.communality.round(2).to_numpy(), PUBLISHED_H2, atol=1e-9)
    # psych marks A1-, C4-, C5-, E1-, E2- as flipped.
    assert set(ace_omega.flipped) == {"A1", "C4", "C5", "E1", "E2"}


def test_omega_follows_its_own_definition(ace_omega, bfi: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    corr = bfi[ACE].corr().to_numpy()
    keys = np.where(np.isin(ACE, ace_omega.flipped), -1.0, 1.0)
    vt = (corr * np.outer(keys, keys)).sum()
    assert ace_omega.hierarchical == pytest.approx(ace_omega.general.sum() ** 2 / vt, rel=1e-12)
    assert ace_omega.total == pytest.approx(
        (vt - (1 - ace_omega.communality).sum()) / vt, rel=1e-12
    )
    # Schmid-Leiman keeps each item's common variance: g² + Σ group² = h².
    explained = ace_omega.general**2 + (ace_omega.group**2).sum(axis=1)
    np.testing.assert_allclose(explained.to_numpy(), ace_omega.communality.to_numpy(), atol=1e-6)


def test_two_factor_solution_matches_psych_fa(bfi: pd.DataFrame) -> None:
    # psych::fa(A1-A5 + N1-N5, 2) in the same walkthrough: communalities 0.144 0.467 0.563
    # 0.237 0.395 for A1-A5, h2 0.61 0.58 0.58 0.36 0.29 for N1-N5, factor correlation -0.186.
    items = bfi[["A1", "A2", "A3", "A4", "A5", "N1", "N2", "N3", "N4", "N5"]]
    loadings, _ = minres(items.corr().to_numpy(), 2)
    h2 = (loadings**2).sum(axis=1)
    np.testing.assert_allclose(h2[:5].round(3), [0.144, 0.467, 0.563, 0.237, 0.395], atol=1e-9)
    np.testing.assert_allclose(h2[5:].round(2), [0.61, 0.58, 0.58, 0.36, 0.29], atol=1e-9)
    pattern, phi = oblimin(varimax(loadings))
    assert abs(phi[0, 1]) == pytest.approx(0.186, abs=5e-4)
    # Published pattern (MR1, MR2) for A2 and N1: 0.05/0.69 and 0.78/-0.03, up to factor order
    # and sign.
    by_size = np.sort(np.abs(pattern), axis=1)[:, ::-1]
    assert by_size[1, 0] == pytest.approx(0.69, abs=5e-3)
    assert by_size[5, 0] == pytest.approx(0.78, abs=5e-3)


def test_minres_recovers_a_known_structure() -> None:
    true = np.array([[0.8, 0.0], [0.7, 0.0], [0.6, 0.1], [0.0, 0.7], [0.1, 0.6], [0.0, 0.8]])
    corr = true @ true.T
    np.fill_diagonal(corr, 1.0)
    loadings, psi = minres(corr, 2)
    np.testing.assert_allclose(loadings @ loadings.T + np.diag(psi), corr, atol=1e-6)


def test_oblimin_is_rotation_invariant() -> None:
    rng = np.random.default_rng(5)
    base = np.abs(rng.normal(size=(9, 3))) * np.kron(np.eye(3), np.ones((3, 1))) + 0.05
    angle = 0.4
    turn = np.array(
        [[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0], [0, 0, 1]]
    )
    p1, _ = oblimin(base)
    p2, _ = oblimin(base @ turn)
    # Same criterion value whatever the start: compare the sorted absolute patterns.
    np.testing.assert_allclose(
        np.sort(np.abs(p1), axis=None), np.sort(np.abs(p2), axis=None), atol=1e-5
    )


def test_omega_refuses_too_few_items() -> None:
    with pytest.raises(InsufficientData):
        omega(pd.DataFrame(np.random.default_rng(0).normal(size=(50, 4))))
