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
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)

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
        # Small integer codes sort by radix (stable, linear time): 40× faster at 1M rows.
        narrow = np.int16 if self.n_groups <= np.iinfo(np.int16).max else np.int64
        return np.argsort(self.codes.astype(narrow), kind="stable").astype(np.intp)

    @cached_property
    def starts(self) -> IntArray:
        """Offset of each group's first row in :attr:`order`."""
        starts = np.zeros(len(self.labels), dtype=np.intp)
        np.cumsum(self.counts[:-1], out=starts[1:])
        return starts


def layout(groups: Sequence[Any] | npt.ArrayLike | pd.Series) -> GroupLayout:
    """Factorise group labels; missing labels are refused."""
    values = np.asarray(groups)
    if values.dtype == np.int64 and values.size:
        low, high = int(values.min()), int(values.max())
        if high - low < 2 * values.size + 65_536:
            # Whole-number labels in a short range (department codes): counting them is
            # three times faster than hashing, and gives the same sorted factorisation.
            offset = (values - low).astype(np.intp, copy=False)
            tally = np.bincount(offset)
            present = tally > 0
            codes = (np.cumsum(present) - 1).astype(np.intp)[offset]
            labels = pd.Index(np.flatnonzero(present).astype(np.int64) + low)
            return GroupLayout(labels, codes, tally[present].astype(np.intp))
    codes, labels = pd.factorize(pd.Series(values), sort=True)
    if (codes < 0).any():
        raise InvalidInput(
            "every row needs a group; some group labels are missing",
            key="err.stats.group_labels_missing",
        )
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
    # The i-th row in group order goes to position i + (its group's padded start − its
    # group's start); the groups' runs are consecutive, so a repeat spells the shift out.
    shift = np.repeat(seg_starts * block - lay.starts, lay.counts)
    target = np.arange(lay.codes.shape[0], dtype=np.intp)
    target += shift
    source = np.full(count * block, -1, dtype=np.intp)
    source[target] = lay.order
    group = np.repeat(np.arange(lay.n_groups, dtype=np.intp), seg_per_group)
    return Segments(source, group, count, block)


def _batches(seg: Segments) -> Iterator[tuple[slice, IntArray]]:
    """Consecutive segment ranges of about BATCH_ROWS rows, with the rows they hold."""
    step = max(1, BATCH_ROWS // seg.block)
    for first in range(0, seg.count, step):
        part = slice(first, min(first + step, seg.count))
        yield part, seg.source[part.start * seg.block : part.stop * seg.block]


def _accumulate(total: FloatArray, groups: IntArray, products: npt.NDArray[Any]) -> None:
    """Add segment products into their groups' totals (segments arrive sorted by group).

    Single-precision products are added up per group in single precision, which the
    caller must know to be exact (whole numbers whose batch sums stay below 2²⁴), and only
    the per-group sums are widened.
    """
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


def _shift(x: FloatArray) -> FloatArray:
    """A whole number per item just below its smallest answer (``floor(min) − 1``).

    Subtracted from the answers it leaves every answer ≥ 1, so 0 can stand for "missing"
    and the answered-mask is simply ``value != 0`` — no second array to build and gather.
    Covariances ignore the shift; being whole, it keeps whole-number answers whole, which
    the exact single-precision path below relies on, and it keeps raw sums small.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an item without any answer
        low = np.nanmin(x, axis=0) if x.shape[0] else np.zeros(x.shape[1])
    return np.where(np.isnan(low), 0.0, np.floor(low) - 1.0)


# Whole numbers up to this size (after the shift) are stored as int8 (whose limit it is),
# and every single-precision product sum of one segment stays exact: 256 rows · 127² =
# 4.1 million < 2²⁴, float32's exact-integer limit.
EXACT_FLOAT32_LIMIT = 127.0
# Pair counts and pair sums of one segment share one single-precision product: with every
# answer ≤ 127 and ≤ 256 rows, Σ x_i m_j ≤ 32,512 < PACK, and PACK · 256 + 32,512 < 2²⁴.
PACK = 32_768.0
# Rows per preparation chunk: a few megabytes, cache-resident. Not a power of two: the
# chunk's columns, that many bytes apart, would then share cache sets, and turning them
# row-major ran four times slower (8,192 rows: 50 ms at a million rows; 6,000: 13 ms).
PREP_ROWS = 6_000
TRANSPOSE_ROWS = 1_000  # rows per column-to-row-major copy: 40 kB for 40 one-byte items


@dataclass(frozen=True)
class Prepared:
    """Answers ready for grouped products: shifted (≥ 1), 0 where missing, row-major.

    ``store`` has one extra zero row at the end, where padding positions point. It is
    ``int8`` when every shifted answer is a whole number up to :data:`EXACT_FLOAT32_LIMIT`
    (products then run in single precision, exactly), else ``float64``. ``answered`` flags
    the rows with at least one answer, ``complete`` the rows that answer every item.
    """

    store: npt.NDArray[np.int8] | FloatArray
    answered: npt.NDArray[np.bool_]
    complete: npt.NDArray[np.bool_]

    @property
    def compute(self) -> type[np.floating[Any]]:
        return np.float32 if self.store.dtype == np.int8 else np.float64


def prepare(values: npt.ArrayLike) -> Prepared:
    """Shift, mark missing answers and check the precision once, in cache-sized row chunks.

    One pass over the input instead of one per product batch; the batches then only gather
    a byte per answer and read the mask off it (``!= 0``).
    """
    x = np.asarray(values, dtype=np.float64)
    n, k = x.shape
    shift = _shift(x)
    answered = np.empty(n, dtype=bool)
    complete = np.empty(n, dtype=bool)
    for dtype in (np.int8, np.float64):
        store = np.empty((n + 1, k), dtype=dtype)
        store[n] = 0
        exact = True
        for start in range(0, n, PREP_ROWS):
            stop = min(start + PREP_ROWS, n)
            # Shift, mask and cast in the input's own layout (a frame's values are stored
            # by column); only the small result is turned row-major, below.
            chunk = np.subtract(x[start:stop], shift)
            np.fmax(chunk, 0.0, out=chunk)  # NaN → 0 (fmax ignores NaN; answers are ≥ 1)
            if dtype is np.int8:
                # The cast truncates fractions and garbles values beyond int8 (which are > 127
                # here): the copy equals the chunk exactly when every answer is whole and fits.
                with np.errstate(invalid="ignore", over="ignore"):
                    part = chunk.astype(np.int8)
                if not np.array_equal(part, chunk):
                    exact = False
                    break
            else:
                part = chunk
            # Column-major to row-major in pieces that stay in the fastest cache: about
            # seven times faster for bytes than one chunk-sized copy.
            for first in range(0, stop - start, TRANSPOSE_ROWS):
                last = min(first + TRANSPOSE_ROWS, stop - start)
                store[start + first : start + last] = part[first:last]
            # Answers are ≥ 1 and missing ones 0 here. Row extremes, not counts of zeros: on a
            # column-major chunk a min or max across the row runs column by column, and
            # stays in the element type (a count would widen every element first). The
            # initial values only matter for a table without items.
            np.greater(part.max(axis=1, initial=0), 0, out=answered[start:stop])
            np.greater(part.min(axis=1, initial=1), 0, out=complete[start:stop])
        if exact:
            return Prepared(store, answered, complete)
    raise AssertionError("unreachable")  # pragma: no cover: the double pass is always exact


def _split_layout(lay: GroupLayout, complete: npt.NDArray[np.bool_]) -> GroupLayout:
    """Each group cut in two: sub-group ``g`` holds group g's complete rows, ``G + g`` the rest.

    Ordering rows by sub-group puts every complete row (of every group) before every
    incomplete one, so the segments of the two kinds form two consecutive runs.
    """
    codes = lay.codes + lay.n_groups * (~complete).astype(np.intp)
    counts = np.bincount(codes, minlength=2 * lay.n_groups).astype(np.intp)
    return GroupLayout(pd.RangeIndex(2 * lay.n_groups), codes, counts)


def moment_products(
    values: npt.ArrayLike | Prepared,
    lay: GroupLayout,
    kinds: Sequence[str],
    *,
    block: int = DEFAULT_BLOCK,
    split: bool = True,
) -> dict[str, FloatArray]:
    """Per-group pairwise building blocks of items with missing answers (NaN).

    With ``m`` the answered-mask and ``x`` the shifted answers (0 where missing), ``kinds``
    picks from: ``"nn"`` = ``mᵀm`` (pair counts), ``"sn"`` = ``xᵀm`` (``[i, j]`` = Σ x_i over
    rows where i and j are answered), ``"pp"`` = ``xᵀx`` and ``"qn"`` = ``(x²)ᵀm``. Each is
    groups × k × k.

    Survey answers are whole numbers on short scales. For such data the answers are kept
    as one byte each and the segment products are computed in single precision, which is
    exact there (every partial sum is a whole number below 2²⁴) and about twice as fast; the
    sums across segments are double precision. Shifting, masking and the precision check
    happen once (:func:`prepare`); each batch only gathers its rows (padding points at a
    zero row), reads the mask off them and multiplies.

    Rows that answer every item (``split``, the default) need no pair counts: on them
    ``m = 1``, so ``mᵀm`` is their number, ``xᵀm`` has Σ x_i in every column ``j`` and
    ``(x²)ᵀm`` the diagonal of ``xᵀx`` — column sums, O(rows · k). Only ``xᵀx`` takes a
    product there. Each group's complete and incomplete rows are therefore summed
    separately (two sub-groups per group) and the parts added. That is done on the exact
    single-precision path only, where the order of additions cannot change a sum, so the
    results are the same to the last bit; ``split=False`` treats every row as incomplete
    (the reference the tests compare against).
    """
    if block * EXACT_FLOAT32_LIMIT**2 >= 2**24:
        raise InvalidInput(
            "segments that long would make single-precision sums inexact",
            key="err.stats.segments_too_long",
        )
    prepared = values if isinstance(values, Prepared) else prepare(values)
    store, dtype = prepared.store, prepared.compute
    packed = dtype is np.float32 and block * (EXACT_FLOAT32_LIMIT + 1) <= PACK
    n, k = store.shape[0] - 1, store.shape[1]
    n_groups = lay.n_groups
    step = max(1, BATCH_ROWS // block)
    # On the exact path a batch's counts (≤ its rows) and sums (≤ rows · 127) add up
    # exactly in single precision; its squares too when rows · (largest answer)² < 2²⁴.
    exact = dtype is np.float32
    top = float(store.max()) if exact and store.size else 0.0
    wide_squares = np.float32 if exact and step * block * top**2 < 2**24 else np.float64
    wide_sums = np.float32 if exact else np.float64
    # Only where every sum is exact (single precision on whole numbers) is the split free:
    # in double precision adding the two parts would round differently than before.
    split = split and dtype is np.float32
    complete = prepared.complete if split else np.zeros(n, dtype=bool)
    sub = _split_layout(lay, complete)
    seg = segments(sub, block)
    source = np.where(seg.source < 0, n, seg.source)
    totals = {kind: np.zeros((n_groups, k, k)) for kind in kinds}

    # Each row as one opaque record: taking whole records is faster than rows of a table.
    records = store.view(np.dtype((np.void, store.strides[0]))).reshape(-1) if k else None

    def gather(first: int, last: int) -> npt.NDArray[Any]:
        rows = source[first * block : last * block]
        if records is None:
            return np.take(store, rows, axis=0).reshape((last - first, block, k))
        return np.take(records, rows).view(store.dtype).reshape((last - first, block, k))

    # Complete rows: one product (xᵀx) and column sums per segment.
    n_complete = int(np.searchsorted(seg.group, n_groups))  # their segments come first
    col_sums = np.zeros((n_groups, k))
    squares = np.zeros((n_groups, k, k))
    for first in range(0, n_complete, step):
        last = min(first + step, n_complete)
        xs = gather(first, last).astype(dtype, copy=False)
        groups = seg.group[first:last]
        if "pp" in totals or "qn" in totals:
            prods = np.matmul(xs.transpose(0, 2, 1), xs).astype(wide_squares, copy=False)
            _accumulate(squares, groups, prods)
        if "sn" in totals:
            _accumulate(col_sums, groups, xs.sum(axis=1).astype(wide_sums, copy=False))
    if "nn" in totals:
        totals["nn"] += sub.counts[:n_groups, None, None]
    if "sn" in totals:
        totals["sn"] += col_sums[:, :, None]
    if "pp" in totals:
        totals["pp"] += squares
    if "qn" in totals:
        totals["qn"] += np.diagonal(squares, axis1=1, axis2=2)[:, :, None]

    # Incomplete rows: pair counts and pair sums need the answered-mask.
    for first in range(n_complete, seg.count, step):
        last = min(first + step, seg.count)
        raw = gather(first, last)
        groups = seg.group[first:last] - n_groups
        xs = raw.astype(dtype, copy=False)
        ms = (raw != 0).astype(dtype)
        operands = {"nn": (ms, ms), "sn": (xs, ms), "pp": (xs, xs)}
        if "qn" in totals:
            operands["qn"] = (np.square(xs), ms)
        todo = list(totals)
        if packed and "nn" in totals and "sn" in totals:
            # One product for two: (x + c·m)ᵀm = xᵀm + c·mᵀm, both parts whole numbers and
            # xᵀm < c, so the two separate exactly (see PACK).
            both = np.matmul((xs + PACK * ms).transpose(0, 2, 1), ms)
            counts = np.floor(both / PACK)
            _accumulate(totals["nn"], groups, counts)
            both -= PACK * counts
            _accumulate(totals["sn"], groups, both)
            todo = [kind for kind in todo if kind not in ("nn", "sn")]
        for kind in todo:
            a, b = operands[kind]
            wide = wide_squares if kind in ("pp", "qn") else wide_sums
            prods = np.matmul(a.transpose(0, 2, 1), b).astype(wide, copy=False)
            _accumulate(totals[kind], groups, prods)
    return totals


def pairwise_moments(
    values: npt.ArrayLike | Prepared, lay: GroupLayout, *, block: int = DEFAULT_BLOCK
) -> tuple[FloatArray, FloatArray]:
    """Per-group pairwise-complete covariance matrices and pair counts.

    ``values`` is rows × k with NaN for a missing answer (or already :func:`prepare`-d).
    For each group and item pair the covariance uses only the rows where both items were
    answered, with those rows' own means — the same as R's ``cov(x, use = "pairwise")`` and
    pandas' ``DataFrame.cov``:

    ``C_ij = (Σ x_i x_j − (Σ x_i)(Σ x_j) / n_ij) / (n_ij − 1)``, all sums over the pair's rows.
    """
    sums = moment_products(values, lay, ("nn", "sn", "pp"), block=block)
    n_pair, s_pair, p_pair = sums["nn"], sums["sn"], sums["pp"]
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (p_pair - s_pair * s_pair.transpose(0, 2, 1) / n_pair) / (n_pair - 1.0)
    cov[n_pair < 2] = np.nan
    return cov, n_pair


def _correlations_from(sums: dict[str, FloatArray]) -> FloatArray:
    n_pair, s_pair, p_pair, q_pair = (sums[kind] for kind in ("nn", "sn", "pp", "qn"))
    s_t = s_pair.transpose(0, 2, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = p_pair - s_pair * s_t / n_pair
        var_i = q_pair - s_pair**2 / n_pair  # item i over the rows where j is answered
        corr: FloatArray = cov / np.sqrt(var_i * var_i.transpose(0, 2, 1))
    corr[n_pair < 3] = np.nan
    k = corr.shape[1]
    diag = np.diagonal(var_i, axis1=1, axis2=2)
    corr[:, np.arange(k), np.arange(k)] = np.where(diag > 0, 1.0, np.nan)
    return corr


def pairwise_correlations(values: npt.ArrayLike, *, block: int = DEFAULT_BLOCK) -> FloatArray:
    """Pairwise-complete Pearson correlations of one table's columns (items × items).

    Like R's ``cor(x, use = "pairwise")`` and pandas' ``DataFrame.corr``: each pair uses the
    rows where both items were answered, with that subset's own means *and* variances,

    ``r_ij = C_ij / √(V_i|j · V_j|i)``, ``V_i|j`` the variance of item i on the pair's rows.
    """
    x = np.asarray(values, dtype=np.float64)
    lay = layout(np.zeros(x.shape[0], dtype=np.intp))
    corr: FloatArray = _correlations_from(
        moment_products(x, lay, ("nn", "sn", "pp", "qn"), block=block)
    )[0]
    return corr


def pairwise_correlations_by(
    values: npt.ArrayLike | Prepared, lay: GroupLayout, *, block: int = DEFAULT_BLOCK
) -> FloatArray:
    """:func:`pairwise_correlations` of every group at once (groups × items × items)."""
    return _correlations_from(moment_products(values, lay, ("nn", "sn", "pp", "qn"), block=block))
