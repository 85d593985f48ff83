"""Answers to any instrument from latent levels: how one respondent fills in a questionnaire.

``levels`` maps a scale id to the respondent's latent level on it (standard-normal units, 0 is
the scale's middle); items outside scales take ``levels["overall"]``. See
:mod:`orientir.demo.model` for the response model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import numpy as np

from orientir.instruments.model import RANGES, Format, Instrument, Item

CARELESS_SHARE = 0.03
MISSING_SHARE = 0.02
TextWriter = Callable[[Item, float, np.random.Generator], str | None]


def _likert(item: Item, level: float, noise: float) -> int:
    """``noise`` is a standard-normal draw, scaled here to the model's error SD of 0.65."""
    low, high = RANGES[item.format]
    middle = (low + high) / 2
    spread = (high - low) / 4
    value = min(high, max(low, round(middle + spread * (0.95 * level + 0.65 * noise))))
    return item.scored(value)  # a reverse-keyed item is answered the other way round


def _nps(level: float, noise: float) -> int:
    return min(10, max(0, round(7.4 + 1.9 * level + 1.3 * noise)))


def _allocations(
    instrument: Instrument, levels: Mapping[str, float], rng: np.random.Generator
) -> dict[str, int]:
    """Points over each block's items, leaning towards items whose scale level is high."""
    answers: dict[str, int] = {}
    scale_of = {item: s.id for s in instrument.scales for item in s.items}
    for block in instrument.blocks:
        latent = [levels.get(scale_of.get(i, ""), 0.0) + rng.normal(0, 0.3) for i in block.items]
        weights = np.exp(np.array(latent))
        shares = weights / weights.sum() * 100
        points = np.floor(shares).astype(int)
        points[int(np.argmax(shares - points))] += 100 - int(points.sum())
        answers.update({i: int(p) for i, p in zip(block.items, points, strict=True)})
    return answers


def answer(
    instrument: Instrument,
    levels: Mapping[str, float],
    rng: np.random.Generator,
    *,
    facts: Mapping[str, Any] | None = None,
    write_text: TextWriter | None = None,
) -> dict[str, Any]:
    """One respondent's complete answers; ``facts`` answers factual items by id."""
    scale_of = {item: s.id for s in instrument.scales for item in s.items}
    overall = levels.get("overall", 0.0)
    careless = rng.random() < CARELESS_SHARE
    # A careless respondent either ticks one column throughout or clicks at random.
    straight = int(rng.integers(1, 6)) if rng.random() < 0.5 else None
    answers: dict[str, Any] = {}
    if instrument.blocks:
        answers.update(_allocations(instrument, levels, rng))
    # One draw per item up front: drawing item by item costs more than the rest of the model.
    noises = rng.standard_normal(len(instrument.items))
    skips = rng.random(len(instrument.items)) < MISSING_SHARE
    for item, noise, skip in zip(instrument.items, noises, skips, strict=True):
        if item.id in answers:
            continue
        if facts is not None and item.id in facts:
            if facts[item.id] is not None:
                answers[item.id] = facts[item.id]
            continue
        level = levels.get(scale_of.get(item.id, ""), overall)
        value: Any
        if item.format in (Format.LIKERT5, Format.LIKERT7):
            if careless:
                low, high = RANGES[item.format]
                value = min(straight, high) if straight else int(rng.integers(low, high + 1))
            else:
                value = _likert(item, level, float(noise))
        elif item.format is Format.NPS:
            value = _nps(level, float(noise))
        elif item.format is Format.TEXT:
            value = write_text(item, level, rng) if write_text else None
        elif item.format is Format.CHOICE:
            value = item.options[int(rng.integers(len(item.options)))].value
        elif item.format is Format.MULTICHOICE:
            value = [item.options[0].value]
        elif item.format is Format.YESNO:
            value = bool(level > 0)
        elif item.format is Format.DATE:
            value = date.today().isoformat()
        elif item.format is Format.NUMBER:
            value = item.minimum if item.minimum is not None else 1
        else:
            continue
        if value is None:
            continue
        if skip and not item.required and item.format is not Format.TEXT:
            continue  # a skipped question
        answers[item.id] = value
    return answers
