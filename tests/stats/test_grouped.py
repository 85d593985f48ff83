"""The vectorised group machinery against plain per-group numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.stats._grouped import (
    PREP_ROWS,
    group_crossproducts,
    group_sum,
    layout,
    moment_products,
    pairwise_correlations,
    pairwise_moments,
    prepare,
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


def _survey(rng: np.random.Generator, rows: int, items: int, missing: float) -> np.ndarray:
    answers = rng.integers(1, 6, (rows, items)).astype(float)
    answers[rng.random((rows, items)) < missing] = np.nan
    return answers


@pytest.mark.parametrize("missing", [0.0, 0.02, 0.3])
@pytest.mark.parametrize("block", [3, 256])
def test_complete_incomplete_split_gives_the_same_sums(missing: float, block: int) -> None:
    # Complete rows skip the pair-count product; the sums must be what treating every row
    # as incomplete gives, to the last bit (every sum on this path is exact).
    rng = np.random.default_rng(11)
    x = _survey(rng, 1500, 6, missing)
    groups = rng.choice(["all complete", "none complete", "mixed", "empty rows"], 1500)
    # One group answers every item, one never does (each row misses one item), one has rows
    # without a single answer.
    x[groups == "all complete"] = rng.integers(1, 6, ((groups == "all complete").sum(), 6))
    gaps = np.flatnonzero(groups == "none complete")
    x[gaps, rng.integers(0, 6, gaps.size)] = np.nan
    x[np.flatnonzero(groups == "empty rows")[::5]] = np.nan
    lay = layout(groups)
    kinds = ("nn", "sn", "pp", "qn")
    split = moment_products(x, lay, kinds, block=block)
    whole = moment_products(x, lay, kinds, block=block, split=False)
    for kind in kinds:
        np.testing.assert_array_equal(split[kind], whole[kind])
    cov, counts = pairwise_moments(x, lay, block=block)
    for g, label in enumerate(lay.labels):
        part = pd.DataFrame(x[groups == label])
        np.testing.assert_allclose(cov[g], part.cov().to_numpy(), rtol=1e-12, atol=1e-14)
        present = part.notna().astype(int)
        np.testing.assert_array_equal(counts[g], present.T @ present)


def test_prepare_flags_answered_and_complete_rows() -> None:
    x = np.array([[1.0, 2.0], [np.nan, 3.0], [np.nan, np.nan], [4.0, 5.0]])
    for values in (x, np.asfortranarray(x), x * 1000.5):  # row-, column-major, double path
        prepared = prepare(values)
        np.testing.assert_array_equal(prepared.answered, [True, True, False, True])
        np.testing.assert_array_equal(prepared.complete, [True, False, False, True])


def test_prepare_chunks_cover_a_long_column_major_table() -> None:
    # More rows than one preparation chunk, stored by column like a frame's values.
    rng = np.random.default_rng(12)
    x = np.asfortranarray(_survey(rng, 2 * PREP_ROWS + 7, 5, 0.05))
    prepared = prepare(x)
    assert prepared.store.dtype == np.int8
    shifted = np.nan_to_num(x - (np.nanmin(x, axis=0) - 1.0), nan=0.0)
    np.testing.assert_array_equal(prepared.store[:-1], shifted)
    np.testing.assert_array_equal(prepared.store[-1], 0)
    np.testing.assert_array_equal(prepared.complete, ~np.isnan(x).any(axis=1))


@pytest.mark.parametrize(
    "labels",
    [
        np.array([7, -3, 7, 12, -3, 0, 12, 12], dtype=np.int64),  # counted: short range
        np.array([5, 2**40, 5, -(2**50)], dtype=np.int64),  # hashed: range too wide
        np.array([3, 1, 3], dtype=np.int32),
    ],
)
def test_layout_of_whole_number_labels_equals_factorize(labels: np.ndarray) -> None:
    lay = layout(labels)
    codes, uniques = pd.factorize(pd.Series(labels), sort=True)
    pd.testing.assert_index_equal(lay.labels, pd.Index(uniques))
    np.testing.assert_array_equal(lay.codes, codes)
    np.testing.assert_array_equal(lay.counts, np.bincount(codes))
    assert lay.codes.dtype == np.intp
    assert lay.counts.dtype == np.intp
