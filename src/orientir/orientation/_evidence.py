"""Figures the readiness diagnostic and the portfolio read off waves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from orientir.instruments.model import Privacy
from orientir.orientation._common import FloatArray
from orientir.orientation._measures import scale_values
from orientir.orientation.inputs import WaveData


def latest(
    waves: Sequence[WaveData], instrument: str, *, modes: Iterable[Privacy] | None = None
) -> WaveData | None:
    """The wave of ``instrument`` that closed last (optionally only in ``modes``)."""
    allowed = set(modes) if modes is not None else set(Privacy)
    found = [w for w in waves if w.instrument.id == instrument and w.privacy in allowed]
    return max(found, key=lambda w: (w.closes_on, w.wave)) if found else None


def leadership_scores(wave: WaveData) -> tuple[FloatArray, FloatArray]:
    """``wanting`` and ``acting`` on 0–100 for each response that has both."""
    where = f"wave {wave.wave!r}"
    wanting = scale_values(wave.instrument, wave.responses, ("wanting",), where)
    acting = scale_values(wave.instrument, wave.responses, ("acting",), where)
    both = np.isfinite(wanting) & np.isfinite(acting)
    return wanting[both], acting[both]


def leadership_commitment(waves: Sequence[WaveData]) -> float | None:
    """Mean ``acting`` score (0–100) of the latest leadership wave: commitment shown in action.

    The commentator's point on rule 5 is that wanting is not enough, so the portfolio reads
    commitment from the ``acting`` scale.
    """
    wave = latest(waves, "leadership")
    if wave is None:
        return None
    _, acting = leadership_scores(wave)
    return float(acting.mean()) if acting.size else None


def employee_scores(wave: WaveData, scales: tuple[str, ...] = ("needs", "enjoyment")) -> FloatArray:
    """Each response's own customer orientation on 0–100 (mean of the scales it has)."""
    values = scale_values(wave.instrument, wave.responses, scales, f"wave {wave.wave!r}")
    out: FloatArray = values[np.isfinite(values)]
    return out
