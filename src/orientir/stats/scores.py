"""Scale scores and percent favourable.

A *scale score* is the mean of a respondent's answers to a scale's items after reverse-keyed
items are mirrored, ``x' = low + high − x`` (so 1↔5 on a 1–5 scale, 1↔7 on 1–7). It is
reported only when the respondent answered at least ``min_answered`` of the items (a
prorated mean, as *psych*'s ``scoreItems(impute = "none")`` averages the answered items).
The default, half of the items rounded up, keeps a score from resting on one answer.

*Percent favourable* is the top-two-box share: the share of answers in the two highest
response options.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from orientir.errors import InsufficientData, InvalidInput
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._grouped import group_sum, layout


@dataclass(frozen=True)
class ScaleSpec:
    """How to score one scale.

    ``items`` are the column names; ``reversed_items`` those scored in the opposite
    direction; ``low``/``high`` the response range (1 and 5 for a 5-point Likert item);
    ``min_answered`` the fewest answered items for a score (None: half, rounded up).
    """

    name: str
    items: tuple[str, ...]
    reversed_items: frozenset[str] = field(default_factory=frozenset)
    low: float = 1.0
    high: float = 5.0
    min_answered: int | None = None

    def __post_init__(self) -> None:
        if not self.items:
            raise InvalidInput(
                f"scale {self.name!r} has no items",
                key="err.stats.scale_no_items",
                params={"name": self.name},
            )
        if len(set(self.items)) != len(self.items):
            raise InvalidInput(
                f"scale {self.name!r} lists an item twice",
                key="err.stats.scale_item_twice",
                params={"name": self.name},
            )
        unknown = set(self.reversed_items) - set(self.items)
        if unknown:
            raise InvalidInput(
                f"scale {self.name!r}: reversed items not in the scale: {sorted(unknown)}",
                key="err.stats.scale_reversed_not_in_scale",
                params={"name": self.name, "unknown": sorted(unknown)},
            )
        if not self.low < self.high:
            raise InvalidInput(
                f"scale {self.name!r}: low must be below high",
                key="err.stats.scale_low_below_high",
                params={"name": self.name},
            )
        if self.min_answered is not None and not 1 <= self.min_answered <= len(self.items):
            raise InvalidInput(
                f"scale {self.name!r}: min_answered must be 1 to {len(self.items)}",
                key="err.stats.scale_min_answered",
                params={"name": self.name, "count": len(self.items)},
            )

    def required(self, default: int | None = None) -> int:
        """Fewest answered items that still give a score."""
        if self.min_answered is not None:
            return self.min_answered
        if default is not None:
            return min(default, len(self.items))
        return math.ceil(len(self.items) / 2)


def reverse(values: npt.ArrayLike, low: float, high: float) -> npt.NDArray[np.float64]:
    """Mirror answers on a ``low``–``high`` scale: ``low + high − x`` (missing stays missing)."""
    arr = np.asarray(values, dtype=np.float64)
    return (low + high) - arr


def _checked_block(frame: pd.DataFrame, spec: ScaleSpec) -> npt.NDArray[np.float64]:
    missing = [c for c in spec.items if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"scale {spec.name!r}: columns not found: {missing}",
            key="err.stats.scale_columns_not_found",
            params={"name": spec.name, "missing": missing},
        )
    # A copy: pandas may hand out a read-only view, and reverse keying writes in place.
    block = np.array(frame.loc[:, list(spec.items)].to_numpy(dtype=np.float64, na_value=np.nan))
    answered = ~np.isnan(block)
    if ((block < spec.low) & answered).any() or ((block > spec.high) & answered).any():
        raise InvalidInput(
            f"scale {spec.name!r}: answers must lie between {spec.low:g} and {spec.high:g}",
            key="err.stats.scale_answers_out_of_range",
            params={"name": spec.name, "low": spec.low, "high": spec.high},
        )
    flip = np.array([c in spec.reversed_items for c in spec.items])
    block[:, flip] = reverse(block[:, flip], spec.low, spec.high)
    return block


def scale_scores(
    frame: pd.DataFrame,
    scales: Iterable[ScaleSpec],
    *,
    min_answered: int | None = None,
) -> pd.DataFrame:
    """Score every respondent (row) on every scale; one column per scale.

    score = mean of the answered items after reverse keying, or missing when fewer than
    the scale's ``min_answered`` items were answered (``ScaleSpec.min_answered`` first,
    then this argument, then half the items rounded up). Row-wise and vectorised.
    """
    out: dict[str, npt.NDArray[np.float64]] = {}
    for spec in scales:  # a handful of scales, not groups: each one is one vectorised pass
        if spec.name in out:
            raise InvalidInput(
                f"two scales are named {spec.name!r}",
                key="err.stats.scale_named_twice",
                params={"name": spec.name},
            )
        block = _checked_block(frame, spec)
        answered = (~np.isnan(block)).sum(axis=1)
        totals = np.nansum(block, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = totals / answered
        score[answered < spec.required(min_answered)] = np.nan
        out[spec.name] = score
    return pd.DataFrame(out, index=frame.index)


@dataclass(frozen=True)
class Favourable:
    """Top-two-box result: ``share`` in 0–1 of ``n`` answers, ``favourable`` of them."""

    share: float
    favourable: int
    n: int


def _favourable_mask(
    values: npt.ArrayLike, scale_max: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    arr = np.asarray(values, dtype=np.float64)
    answered = ~np.isnan(arr)
    if (arr[answered] > scale_max).any():
        raise InvalidInput(
            f"answers above the scale maximum {scale_max}",
            key="err.stats.answers_above_maximum",
            params={"scale_max": scale_max},
        )
    return (arr >= scale_max - 1) & answered, answered


def percent_favourable(values: npt.ArrayLike, *, scale_max: int) -> Favourable:
    """Share of answers in the top two response options (top-two box).

    Favourable means ``x >= scale_max − 1``: 4–5 on a 1–5 scale, 6–7 on a 1–7 scale
    (the top two of seven, not the top three), 9–10 on a 0–10 scale. Missing answers are
    left out of ``n``.
    """
    fav, answered = _favourable_mask(values, scale_max)
    n = int(answered.sum())
    if n == 0:
        raise InsufficientData(
            "no answers to compute percent favourable from",
            key="err.stats.favourable_no_answers",
        )
    k = int(fav.sum())
    return Favourable(share=k / n, favourable=k, n=n)


def percent_favourable_by(
    values: npt.ArrayLike, groups: Sequence[object] | npt.ArrayLike, *, scale_max: int
) -> pd.DataFrame:
    """Percent favourable for every group in one pass; columns ``share``, ``favourable``, ``n``."""
    fav, answered = _favourable_mask(values, scale_max)
    lay = layout(groups)
    n = group_sum(answered.astype(np.float64), lay)
    k = group_sum(fav.astype(np.float64), lay)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, k / n, np.nan)
    return pd.DataFrame(
        {"share": share, "favourable": k.astype(np.int64), "n": n.astype(np.int64)},
        index=lay.labels,
    )
