"""Synthetic survey waves whose true scores are known exactly.

Each respondent gets one whole-number level ``v`` per scale, and answers every item of the
scale with ``v`` (mirrored on reverse-keyed items, so the scored value is ``v`` again). ``v``
is ``floor(μ)`` or ``floor(μ) + 1`` with the probability that makes ``E[v] = μ`` exactly, so
a scale's true mean is the ``μ`` asked for, and its true 0–100 value is
``100·(μ − low)/(high − low)``. NPS items are drawn from given detractor/passive/promoter
shares (answers 3, 8 and 10), so the true NPS is ``100·(pro − det)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from orientir.instruments import builtin_library
from orientir.instruments.model import RANGES, Format, Instrument, Stakeholder
from orientir.orientation.inputs import WaveData

LIBRARY = builtin_library()


def instrument(name: str) -> Instrument:
    return LIBRARY.resolve(name)


def levels(mu: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` whole numbers with expectation exactly ``mu``."""
    base = float(np.floor(mu))
    out: np.ndarray = base + (rng.random(n) < (mu - base)).astype(float)
    return out


def norm(mu: float, low: float = 1.0, high: float = 5.0) -> float:
    """The 0–100 value of a mean ``mu`` on ``low..high``."""
    return 100.0 * (mu - low) / (high - low)


def frame(
    inst: Instrument,
    n: int,
    rng: np.random.Generator,
    *,
    scales: Mapping[str, float] | None = None,
    nps: Mapping[str, tuple[float, float, float]] | None = None,
    department: str | None = None,
    respondents: Sequence[str] | None = None,
    default: float = 3.0,
    fixed: Mapping[str, Sequence[float]] | None = None,
) -> pd.DataFrame:
    """``n`` responses to ``inst``; scales not named get mean ``default``.

    ``fixed`` gives a scale's level row by row (whole numbers), instead of drawing it.
    """
    scales = dict(scales or {})
    drawn: dict[str, np.ndarray] = {k: np.asarray(v, dtype=float) for k, v in (fixed or {}).items()}
    nps = dict(nps or {})
    columns: dict[str, object] = {
        "respondent": list(respondents) if respondents is not None else [None] * n,
        "department": [department] * n,
        "complete": [True] * n,
    }
    scale_of = {i: s.id for s in inst.scales for i in s.items}
    for item in inst.items:
        if item.format is Format.NPS:
            det, pas, _pro = nps.get(item.id, (0.3, 0.4, 0.3))
            u = rng.random(n)
            columns[item.id] = np.where(u < det, 3.0, np.where(u < det + pas, 8.0, 10.0))
        elif item.format in (Format.LIKERT5, Format.LIKERT7):
            low, high = RANGES[item.format]
            scale = scale_of.get(item.id, item.id)
            if scale not in drawn:
                drawn[scale] = levels(scales.get(scale, default), n, rng)
            v = drawn[scale]
            columns[item.id] = (low + high - v) if item.reverse else v.copy()
        elif item.format in (Format.ALLOCATION100, Format.NUMBER):
            columns[item.id] = np.full(n, np.nan)
        else:
            columns[item.id] = [None] * n
    return pd.DataFrame(columns)


def wave(
    name: str,
    parts: Sequence[pd.DataFrame],
    *,
    label: str | None = None,
    org: str = "acme",
    closes_on: date = date(2025, 3, 31),
    mode: str = "confidential",
    audience: Stakeholder | None = None,
) -> WaveData:
    responses = pd.concat(list(parts), ignore_index=True)
    return WaveData(
        org=org,
        wave=label or f"{name} {closes_on.isoformat()}",
        instrument=instrument(name),
        closes_on=closes_on,
        mode=mode,
        responses=responses,
        audience=audience,
    )


def employees(
    rng: np.random.Generator,
    by_department: Mapping[Any, tuple[int, float]],  # department path or None → (n, mean)
    *,
    name: str = "employee-co",
    scales: Sequence[str] = ("needs", "enjoyment"),
    identified: bool = True,
    **kwargs: object,
) -> WaveData:
    """A wave of an employee instrument: department → (n, scale mean) for ``scales``."""
    parts = []
    counter = 0
    for dep, (n, mu) in by_department.items():
        ids = [f"p{counter + i}" for i in range(n)] if identified else None
        counter += n
        parts.append(
            frame(
                instrument(name),
                n,
                rng,
                scales=dict.fromkeys(scales, mu),
                department=dep,
                respondents=ids,
            )
        )
    return wave(name, parts, **kwargs)  # type: ignore[arg-type]
