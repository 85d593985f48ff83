"""The vectorised group machinery against plain per-group numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.stats._grouped import (
    group_crossproducts,
    group_sum,
    layout,
    pairwise_correlations,
    pairwise_moments,
)


@pytest.mark.parametrize("block", [1, 3, 16, 256])
def test_crossproducts_equal_per_group_matmul(block: int) -> None:
    rng = np.random.default_rng(0)
    groups = rng.choice(["b", "a", "c", "d"], 500, p=[0.7, 0.2, 0.09, 0.01])
    x = rng.normal(size=(500, 4))
    y = rng.normal(size=(500, 4))
    lay = layout(groups)
    (xy,) = group_crossproducts([(x, y)], lay, block=block)
    for i, label in enumerate(lay.labels):
        rows = groups == label
        np.testing.assert_allclose(xy[i], x[rows].T @ y[rows], atol=1e-10)


def test_group_sum_and_layout() -> None:
    lay = layout(["z", "x", "z", "y"])
    assert list(lay.labels) == ["x", "y", "z"]
    np.testing.assert_array_equal(group_sum([1.0, 2.0, 3.0, 4.0], lay), [2.0, 4.0, 4.0])
    with pytest.raises(InvalidInput):
        layout(["a", None])


def test_pairwise_moments_match_pandas_pairwise_cov() -> None:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(rng.integers(1, 6, (300, 5)).astype(float))
    frame = frame.mask(rng.random((300, 5)) < 0.15)
    groups = rng.integers(0, 3, 300)
    cov, counts = pairwise_moments(frame.to_numpy(), layout(groups))
    for g in range(3):
        part = frame[groups == g]
        np.testing.assert_allclose(cov[g], part.cov().to_numpy(), atol=1e-12)
        np.testing.assert_array_equal(
            counts[g], part.notna().astype(int).T @ part.notna().astype(int)
        )


def test_pairwise_correlations_match_pandas() -> None:
    rng = np.random.default_rng(2)
    base = rng.normal(size=(400, 1))
    frame = pd.DataFrame(base + rng.normal(size=(400, 6)))
    frame = frame.mask(rng.random((400, 6)) < 0.2)
    np.testing.assert_allclose(
        pairwise_correlations(frame.to_numpy()), frame.corr().to_numpy(), atol=1e-12
    )


@pytest.mark.parametrize("scale", [1.0, 1000.0, 0.37])
def test_both_precision_paths_agree_with_pandas(scale: float) -> None:
    # Whole numbers on short scales take the exact single-precision path; large whole
    # numbers (beyond its exact range) and fractions take double precision.
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(rng.integers(0, 11, (2000, 4)) * scale + 1e6 * (scale == 1000.0))
    frame = frame.mask(rng.random((2000, 4)) < 0.1)
    cov, _ = pairwise_moments(frame.to_numpy(), layout(np.zeros(2000)))
    np.testing.assert_allclose(cov[0], frame.cov().to_numpy(), rtol=1e-11)
