"""Vectorised per-group sums over group-sorted data.

Every grouped statistic in :mod:`orientir.stats` reduces to a few per-group sums: counts,
sums of values, and (for covariance-based statistics) per-group cross-product matrices
``X_gᵀ Y_g``. They are computed here without a Python loop over groups:

* plain sums are one :func:`numpy.bincount` per column over the integer group codes;
* for cross products, rows are ordered by group once (a stable argsort of the codes);
* cross products cut each group into *segments* of ``block`` rows (a group's last segment
  is padded), multiply many segments at once in a batched :func:`numpy.matmul`, and add the
  segment products up per group with ``reduceat``. Padding costs at most ``block − 1`` rows
  per group, and padded rows add nothing.

The segments are processed in batches of about ``BATCH_ROWS`` rows, so the working arrays
stay small (cache-friendly, and memory stays flat however long the table is) instead of
padded copies of the whole table. That loop runs over row batches, never over groups.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InvalidInput

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

# Keep each product small. On the project's busy 2-core machine a batch of 40×256 by 256×40
# products ran about 20× faster than 1,024-row segments, and one 80-column product took 20×
# as long as two 40-column ones: past a size threshold OpenBLAS goes multi-threaded, and its
# threads thrash when the cores are shared.
DEFAULT_BLOCK = 256
BATCH_ROWS = 32_768


@dataclass(frozen=True)
class GroupLayout:
    """Group codes of the rows, and where each group's rows sit once ordered by group."""

    labels: pd.Index  # one label per group, sorted
    codes: IntArray  # group code of each row, in the caller's row order
    counts: IntArray  # rows per group

    @property
    def n_groups(self) -> int:
        return len(self.labels)

    @cached_property
    def order(self) -> IntArray:
        """Row indices that order the data by group (stable); only cross products need it."""
        return np.argsort(self.codes, kind="stable").astype(np.intp)

    @cached_property
    def starts(self) -> IntArray:
        """Offset of each group's first row in :attr:`order`."""
        starts = np.zeros(len(self.labels), dtype=np.intp)
        np.cumsum(self.counts[:-1], out=starts[1:])
        return starts


def layout(groups: Sequence[Any] | npt.ArrayLike | pd.Series) -> GroupLayout:
    """Factorise group labels; missing labels are refused."""
    codes, labels = pd.factorize(pd.Series(np.asarray(groups)), sort=True)
    if (codes < 0).any():
        raise InvalidInput("every row needs a group; some group labels are missing")
    codes = codes.astype(np.intp)
    counts = np.bincount(codes, minlength=len(labels)).astype(np.intp)
    return GroupLayout(pd.Index(labels), codes, counts)


def group_sum(values: npt.ArrayLike, lay: GroupLayout) -> FloatArray:
    """Sum ``values`` (rows, or rows × columns) within each group: one ``bincount`` per column."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 1:
        return np.bincount(lay.codes, weights=arr, minlength=lay.n_groups).astype(np.float64)
    flat = arr.reshape(arr.shape[0], -1)
    out = np.empty((lay.n_groups, flat.shape[1]))
    for j in range(flat.shape[1]):  # columns, not groups: a handful of O(n) passes
        out[:, j] = np.bincount(lay.codes, weights=flat[:, j], minlength=lay.n_groups)
    return out.reshape((lay.n_groups, *arr.shape[1:]))


@dataclass(frozen=True)
class Segments:
    """Rows cut into per-group segments of ``block`` rows, ready for batched products."""

    source: IntArray  # for each padded position, the row it holds (−1: padding)
    group: IntArray  # group code of each segment
    count: int  # segments in all
    block: int


def segments(lay: GroupLayout, block: int = DEFAULT_BLOCK) -> Segments:
    """Plan the padding: group g's rows fill, in order, its own run of segments."""
    seg_per_group = -(-lay.counts // block)  # ceiling division
    seg_starts = np.zeros_like(seg_per_group)
    np.cumsum(seg_per_group[:-1], out=seg_starts[1:])
    count = int(seg_per_group.sum())
    sorted_codes = lay.codes[lay.order]
    position = np.arange(lay.codes.shape[0], dtype=np.intp) - lay.starts[sorted_codes]
    source = np.full(count * block, -1, dtype=np.intp)
    source[seg_starts[sorted_codes] * block + position] = lay.order
    group = np.repeat(np.arange(lay.n_groups, dtype=np.intp), seg_per_group)
    return Segments(source, group, count, block)


def _batches(seg: Segments) -> Iterator[tuple[slice, IntArray]]:
    """Consecutive segment ranges of about BATCH_ROWS rows, with the rows they hold."""
    step = max(1, BATCH_ROWS // seg.block)
    for first in range(0, seg.count, step):
        part = slice(first, min(first + step, seg.count))
        yield part, seg.source[part.start * seg.block : part.stop * seg.block]


def _accumulate(total: FloatArray, groups: IntArray, products: FloatArray) -> None:
    """Add segment products into their groups' totals (segments arrive sorted by group)."""
    edges = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    total[groups[edges]] += np.add.reduceat(products, edges, axis=0)


def group_crossproducts(
    pairs: Sequence[tuple[FloatArray, FloatArray]],
    lay: GroupLayout,
    *,
    block: int = DEFAULT_BLOCK,
) -> list[FloatArray]:
    """Per-group ``A_gᵀ B_g`` for each ``(A, B)`` pair of rows × k matrices (groups × k × k)."""
    seg = segments(lay, block)
    totals = [np.zeros((lay.n_groups, a.shape[1], b.shape[1])) for a, b in pairs]
    for part, rows in _batches(seg):
        pad_rows = rows < 0
        for total, (a, b) in zip(totals, pairs, strict=True):
            pa, pb = a[rows], b[rows]
            pa[pad_rows] = 0.0
            pb[pad_rows] = 0.0
            n_seg = part.stop - part.start
            prods = np.matmul(
                pa.reshape(n_seg, block, -1).transpose(0, 2, 1), pb.reshape(n_seg, block, -1)
            )
            _accumulate(total, seg.group[part], prods)
    return totals


def _centre(x: FloatArray) -> FloatArray:
    """A whole-number constant per item near the data (the rounded mean of the first rows).

    Covariances ignore it; it keeps raw sums small, and being whole it keeps whole-number
    answers whole, which the exact single-precision path below relies on.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an item empty in the sample
        centre = np.nanmean(x[:10_000], axis=0) if x.shape[0] else np.zeros(x.shape[1])
    return np.where(np.isnan(centre), 0.0, np.rint(centre))


# Whole numbers up to this size (after centring) keep every single-precision product sum
# of one segment exact: 256 rows · 250² = 16.0 million < 2²⁴, float32's exact-integer limit.
EXACT_FLOAT32_LIMIT = 250.0


def moment_products(
    values: npt.ArrayLike, lay: GroupLayout, kinds: Sequence[str], *, block: int = DEFAULT_BLOCK
) -> dict[str, FloatArray]:
    """Per-group pairwise building blocks of items with missing answers (NaN).

    With ``m`` the answered-mask and ``x`` the centred answers (0 where missing), ``kinds``
    picks from: ``"nn"`` = ``mᵀm`` (pair counts), ``"sn"`` = ``xᵀm`` (``[i, j]`` = Σ x_i over
    rows where i and j are answered), ``"pp"`` = ``xᵀx`` and ``"qn"`` = ``(x²)ᵀm``. Each is
    groups × k × k.

    Survey answers are whole numbers on short scales. For such a batch the segment products
    are computed in single precision, which is exact there (every partial sum is a whole
    number below 2²⁴) and about twice as fast; the sums across segments are double precision.
    """
    if block * EXACT_FLOAT32_LIMIT**2 >= 2**24:
        raise InvalidInput("segments that long would make single-precision sums inexact")
    # Row order matters: pandas hands out column-major arrays, and gathering rows from one
    # is 3× slower than copying it to row-major first (measured at 1M × 40).
    x = np.ascontiguousarray(values, dtype=np.float64)
    k = x.shape[1]
    centre = _centre(x)
    seg = segments(lay, block)
    totals = {kind: np.zeros((lay.n_groups, k, k)) for kind in kinds}
    for part, rows in _batches(seg):
        n_seg = part.stop - part.start
        xb = x[rows]
        missing = np.isnan(xb)
        missing[rows < 0] = True
        xb -= centre
        xb[missing] = 0.0
        exact = bool(np.abs(xb).max(initial=0.0) <= EXACT_FLOAT32_LIMIT) and bool(
            (xb == np.rint(xb)).all()
        )
        dtype = np.float32 if exact else np.float64
        xs = xb.astype(dtype, copy=False).reshape(n_seg, block, k)
        mask = (~missing).astype(dtype).reshape(n_seg, block, k)
        operands = {"nn": (mask, mask), "sn": (xs, mask), "pp": (xs, xs)}
        if "qn" in totals:
            operands["qn"] = (np.square(xs), mask)
        for kind, total in totals.items():
            a, b = operands[kind]
            prods = np.matmul(a.transpose(0, 2, 1), b).astype(np.float64, copy=False)
            _accumulate(total, seg.group[part], prods)
    return totals


def pairwise_moments(
    values: npt.ArrayLike, lay: GroupLayout, *, block: int = DEFAULT_BLOCK
) -> tuple[FloatArray, FloatArray]:
    """Per-group pairwise-complete covariance matrices and pair counts.

    ``values`` is rows × k with NaN for a missing answer. For each group and item pair the
    covariance uses only the rows where both items were answered, with those rows' own
    means — the same as R's ``cov(x, use = "pairwise")`` and pandas' ``DataFrame.cov``:

    ``C_ij = (Σ x_i x_j − (Σ x_i)(Σ x_j) / n_ij) / (n_ij − 1)``, all sums over the pair's rows.
    """
    sums = moment_products(values, lay, ("nn", "sn", "pp"), block=block)
    n_pair, s_pair, p_pair = sums["nn"], sums["sn"], sums["pp"]
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (p_pair - s_pair * s_pair.transpose(0, 2, 1) / n_pair) / (n_pair - 1.0)
    cov[n_pair < 2] = np.nan
    return cov, n_pair


def pairwise_correlations(values: npt.ArrayLike, *, block: int = DEFAULT_BLOCK) -> FloatArray:
    """Pairwise-complete Pearson correlations of one table's columns (items × items).

    Like R's ``cor(x, use = "pairwise")`` and pandas' ``DataFrame.corr``: each pair uses the
    rows where both items were answered, with that subset's own means *and* variances,

    ``r_ij = C_ij / √(V_i|j · V_j|i)``, ``V_i|j`` the variance of item i on the pair's rows.
    """
    x = np.asarray(values, dtype=np.float64)
    lay = layout(np.zeros(x.shape[0], dtype=np.intp))
    sums = moment_products(x, lay, ("nn", "sn", "pp", "qn"), block=block)
    n_pair, s_pair, p_pair, q_pair = (sums[kind][0] for kind in ("nn", "sn", "pp", "qn"))
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = p_pair - s_pair * s_pair.T / n_pair
        var_i = q_pair - s_pair**2 / n_pair  # item i over the rows where j is answered
        corr: FloatArray = cov / np.sqrt(var_i * var_i.T)
    corr[n_pair < 3] = np.nan
    np.fill_diagonal(corr, np.where(np.diag(var_i) > 0, 1.0, np.nan))
    return corr
