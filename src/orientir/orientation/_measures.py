"""Per-response values of a measure on the common 0–100 range.

* **Scales.** Each scale is scored with :func:`orientir.stats.scale_scores` (reverse keys
  mirrored, the scale's ``min_answered`` rule), then rescaled linearly,
  ``100·(m − low)/(high − low)`` with the items' response range (1–5 for likert5, 1–7 for
  likert7, 0–10 for nps items, 0–100 for allocation100). Several scales: the mean of the
  rescaled scores the response has (missing only when it has none).
* **An NPS item.** Promoter (9–10) → 100, passive (7–8) → 50, detractor (0–6) → 0. The mean
  of these is ``50·(p_pro − p_det) + 50 = (NPS + 100)/2``: the NPS rescaled from −100..100.
* **Another rating item** (likert, allocation100): reverse-keyed if the item says so, then
  rescaled like a scale.

Writing every measure as a per-response value makes a component's score a plain mean, so the
same bootstrap and the same group sums serve scales and NPS alike.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from orientir.errors import InvalidInput
from orientir.instruments.model import RANGES, Format, Instrument, Scale
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._common import FloatArray
from orientir.orientation.index_model import Measure
from orientir.stats import ScaleSpec, scale_scores


def rescale(values: FloatArray, low: float, high: float) -> FloatArray:
    """``100·(x − low)/(high − low)``; missing stays missing."""
    return 100.0 * (values - low) / (high - low)


def scale_range(instrument: Instrument, scale: Scale) -> tuple[int, int]:
    ranges = {RANGES.get(instrument.item(i).format) for i in scale.items}
    if len(ranges) != 1:
        raise InvalidInput(
            f"{instrument.ref}: scale {scale.id!r} mixes response ranges",
            key="err.orientation.scale_mixes_response_ranges",
            params={"ref": instrument.ref, "id": scale.id},
        )
    only = ranges.pop()
    if only is None:
        raise InvalidInput(
            f"{instrument.ref}: scale {scale.id!r} has no numeric range",
            key="err.orientation.scale_no_numeric_range",
            params={"ref": instrument.ref, "id": scale.id},
        )
    return only


def scale_spec(
    instrument: Instrument, scale_id: str, items: tuple[str, ...] | None = None
) -> ScaleSpec:
    """The :class:`ScaleSpec` of one scale of ``instrument`` (optionally on a subset of items)."""
    try:
        scale = instrument.scale(scale_id)
    except KeyError:
        known = ", ".join(s.id for s in instrument.scales) or "-"
        raise InvalidInput(
            f"{instrument.ref} has no scale {scale_id!r} (its scales: {known})",
            key="err.orientation.no_scale_scales",
            params={"ref": instrument.ref, "scale_id": scale_id, "known": known},
        ) from None
    low, high = scale_range(instrument, scale)
    chosen = scale.items if items is None else items
    reversed_items = frozenset(i for i in chosen if instrument.item(i).reverse)
    needed = min(scale.min_answered, len(chosen))
    return ScaleSpec(scale.id, tuple(chosen), reversed_items, float(low), float(high), needed)


def _numeric(frame: pd.DataFrame, columns: list[str], where: str) -> pd.DataFrame:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"{where}: responses lack the item columns {missing}",
            key="err.orientation.responses_lack_item_columns",
            params={"where": where, "missing": missing},
        )
    try:
        return frame.loc[:, columns].astype(np.float64)
    except (TypeError, ValueError):
        raise InvalidInput(
            f"{where}: answers to {columns} must be numbers",
            key="err.orientation.answers_must_numbers",
            params={"where": where, "columns": columns},
        ) from None


def scale_values(
    instrument: Instrument, frame: pd.DataFrame, scale_ids: tuple[str, ...], where: str
) -> FloatArray:
    """Mean of the rescaled (0–100) scores of ``scale_ids`` per row."""
    specs = [scale_spec(instrument, s) for s in scale_ids]
    items = sorted({i for spec in specs for i in spec.items})
    scores = scale_scores(_numeric(frame, items, where), specs)
    rescaled = np.column_stack(
        [rescale(scores[s.name].to_numpy(np.float64), s.low, s.high) for s in specs]
    )
    answered = np.isfinite(rescaled)
    counts = answered.sum(axis=1)
    totals = np.where(answered, rescaled, 0.0).sum(axis=1)
    out: FloatArray = np.full(len(frame), np.nan)
    np.divide(totals, counts, out=out, where=counts > 0)
    return out


def nps_points(values: FloatArray, where: str) -> FloatArray:
    """0–10 answers → 0 (detractor), 50 (passive), 100 (promoter); missing stays missing."""
    answered = np.isfinite(values)
    valid = values[answered]
    if ((valid < 0) | (valid > 10) | (valid != np.round(valid))).any():
        raise InvalidInput(
            f"{where}: NPS answers must be whole numbers from 0 to 10",
            key="err.orientation.nps_answers_must_whole",
            params={"where": where},
        )
    out: FloatArray = np.full(values.shape, np.nan)
    out[answered & (values <= 6)] = 0.0
    out[answered & (values >= 7) & (values <= 8)] = 50.0
    out[answered & (values >= 9)] = 100.0
    return out


def item_values(
    instrument: Instrument, frame: pd.DataFrame, item_id: str, where: str
) -> FloatArray:
    if not instrument.has_item(item_id):
        raise InvalidInput(
            f"{where}: {instrument.ref} has no item {item_id!r}",
            key="err.orientation.no_item",
            params={"where": where, "ref": instrument.ref, "item_id": item_id},
        )
    item = instrument.item(item_id)
    raw = _numeric(frame, [item_id], where)[item_id].to_numpy(np.float64)
    if item.format is Format.NPS:
        return nps_points(raw, where)
    bounds = item.value_range
    if bounds is None:
        raise InvalidInput(
            f"{where}: item {item_id!r} is not a rating item",
            key="err.orientation.item_not_rating_item",
            params={"where": where, "item_id": item_id},
        )
    low, high = bounds
    answered = np.isfinite(raw)
    if ((raw[answered] < low) | (raw[answered] > high)).any():
        raise InvalidInput(
            f"{where}: answers to {item_id!r} must lie between {low} and {high}",
            key="err.orientation.answers_must_lie_between",
            params={"where": where, "item_id": item_id, "low": low, "high": high},
        )
    if item.reverse:
        raw = (low + high) - raw
    return rescale(raw, low, high)


def measure_values(
    instrument: Instrument, frame: pd.DataFrame, measure: Measure, where: str
) -> FloatArray:
    """Per-row values of ``measure`` on 0–100 (NaN where the row gives none)."""
    if measure.item is not None:
        return item_values(instrument, frame, measure.item, where)
    return scale_values(instrument, frame, measure.scales, where)
