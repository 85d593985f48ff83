"""The cultural-web audit: the paradigm and its six elements, summarised per element.

Each element is a scale of the culture instrument (two 1–5 agreement items, one of them
reverse-keyed in most elements) scored by :func:`orientir.stats.scale_scores` with the
scale's own ``min_answered``. Per element and group: the mean on 1–5 with a Student-t
interval, the same mean on 0–100 (``100·(m − 1)/4``, the range the index uses), and the share
of respondents whose element score is 4 or more (they agree, on average, that the element
works for the customer). ``weakest`` and ``strongest`` name the elements with the lowest and
highest mean — where a change program would start and what it can build on. ``web`` is the
whole audit when the instrument has that scale.

Groups and anonymity are those of :mod:`orientir.culture.profile`: the whole wave and, with
``by="department"``, every department, through :func:`orientir.stats.suppress`; an element
answered by fewer than ``k`` people in a shown group is hidden on its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from orientir.culture._cells import department_cells, guard_cells
from orientir.culture.layout import WEB_OVERALL, culture_layout
from orientir.culture.profile import By, mean_ci
from orientir.instruments.model import RANGES
from orientir.orientation import WaveData
from orientir.stats import DEFAULT_K, ScaleSpec, check_k, scale_scores


@dataclass(frozen=True)
class ElementFigure:
    element: str
    n: int | None
    mean: float | None  # 1–5
    ci: tuple[float, float] | None
    score: float | None  # 0–100
    share_agree: float | None
    suppressed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "n": self.n,
            "mean": self.mean,
            "ci": None if self.ci is None else list(self.ci),
            "score": self.score,
            "share_agree": self.share_agree,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class WebCell:
    group: str
    parent: str | None
    n: int | None
    suppressed: bool
    reason: str | None
    elements: tuple[ElementFigure, ...] = ()
    overall: ElementFigure | None = None

    def element(self, name: str) -> ElementFigure:
        return next(e for e in self.elements if e.element == name)

    @property
    def weakest(self) -> str | None:
        shown = [e for e in self.elements if e.mean is not None]
        return min(shown, key=lambda e: (e.mean, e.element)).element if shown else None

    @property
    def strongest(self) -> str | None:
        shown = [e for e in self.elements if e.mean is not None]
        return max(shown, key=lambda e: (e.mean or 0.0, e.element)).element if shown else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "parent": self.parent,
            "n": self.n,
            "suppressed": self.suppressed,
            "reason": self.reason,
            "elements": [e.to_dict() for e in self.elements],
            "overall": None if self.overall is None else self.overall.to_dict(),
            "weakest": self.weakest,
            "strongest": self.strongest,
        }


@dataclass(frozen=True)
class WebAudit:
    wave: str
    closes_on: date
    k: int
    level: float
    cells: tuple[WebCell, ...]

    @property
    def organisation(self) -> WebCell:
        return self.cells[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "wave": self.wave,
            "closes_on": self.closes_on.isoformat(),
            "k": self.k,
            "level": self.level,
            "organisation": self.cells[0].to_dict(),
            "departments": [c.to_dict() for c in self.cells[1:]],
        }


@functools.lru_cache(maxsize=16)
def element_scores(wave: WaveData) -> pd.DataFrame:
    """Per response, the 1–5 score of every web element present (and ``web`` overall).

    Cached by wave like :func:`orientir.culture.profile.profile_scores`; callers must not
    modify the frame returned.
    """
    layout = culture_layout(wave.instrument)
    names = [*layout.web_elements, *([WEB_OVERALL] if layout.has_web_overall else [])]
    specs = []
    for name in names:
        scale = wave.instrument.scale(name)
        low, high = RANGES[wave.instrument.item(scale.items[0]).format]
        reversed_items = frozenset(i for i in scale.items if wave.instrument.item(i).reverse)
        specs.append(
            ScaleSpec(
                name, scale.items, reversed_items, float(low), float(high), scale.min_answered
            )
        )
    items = sorted({i for s in specs for i in s.items})
    frame = wave.responses.loc[:, items].apply(pd.to_numeric, errors="coerce")
    return scale_scores(frame.astype(np.float64), specs)


def _figure(name: str, values: np.ndarray[Any, Any], k: int, level: float) -> ElementFigure:
    values = values[np.isfinite(values)]
    if values.size < k or values.size < 2:
        return ElementFigure(name, None, None, None, None, None, True)
    mean, ci = mean_ci(values, level)
    return ElementFigure(
        name,
        int(values.size),
        mean,
        ci,
        100.0 * (mean - 1.0) / 4.0,
        float((values >= 4.0).mean()),
        False,
    )


def web_audit(
    wave: WaveData, *, by: By | None = None, k: int = DEFAULT_K, level: float = 0.95
) -> WebAudit:
    """The cultural-web summary of one culture wave (see the module notes)."""
    k = check_k(k)
    scores = element_scores(wave)
    answered = scores.notna().any(axis=1).to_numpy()
    departments = [d for d, keep in zip(wave.departments(), answered, strict=True) if keep]
    scores = scores.loc[answered]
    cells = department_cells(departments, by == "department")
    hidden = guard_cells(cells, k)
    out = []
    for group, parent, rows in cells:
        if group in hidden:
            out.append(WebCell(group, parent, None, True, hidden[group]))
            continue
        part = scores.loc[rows]
        figures = {c: _figure(c, part[c].to_numpy(np.float64), k, level) for c in part.columns}
        overall = figures.pop(WEB_OVERALL, None)
        out.append(
            WebCell(group, parent, int(rows.sum()), False, None, tuple(figures.values()), overall)
        )
    return WebAudit(wave.wave, wave.closes_on, k, level, tuple(out))
