"""Stratified bootstrap of a mean.

Rows are resampled with replacement *within* each stratum (a wave), so every replicate keeps
each wave's size — the design the figures came from (Davison & Hinkley 1997, *Bootstrap
Methods and their Application*, §3.2 "stratified sampling"). Each replicate's mean is the
sum over strata divided by the total count.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from orientir.orientation._common import FloatArray

# Draw at most this many indices at once, to bound memory for large strata.
_CHUNK = 2_000_000


def boot_means(
    values: FloatArray, strata: npt.NDArray[np.intp], n_boot: int, rng: np.random.Generator
) -> FloatArray:
    """``n_boot`` replicate means of ``values``, resampled within each stratum."""
    totals = np.zeros(n_boot, dtype=np.float64)
    if n_boot == 0 or values.size == 0:
        return totals
    for stratum in np.unique(strata):
        own = values[strata == stratum]
        size = own.size
        step = max(1, _CHUNK // size)
        for start in range(0, n_boot, step):
            stop = min(n_boot, start + step)
            picks = rng.integers(0, size, size=(stop - start, size))
            totals[start:stop] += own[picks].sum(axis=1)
    means: FloatArray = totals / values.size
    return means
