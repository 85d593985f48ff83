"""Coverage (rule 7): the share of employees whose own customer orientation reaches a threshold.

A person's score is the mean of their ``employee-co`` scale scores (``needs`` and
``enjoyment`` by default, each the mean of its items after reverse keying) on the answer scale
(1–5). The person *reaches* the threshold when the score is at least ``threshold`` (default
4.0, "agree" on average; 75 on the 0–100 index range). Per department (and every ancestor of
a path) and for the organisation:

* ``share = reached / n`` with a Wilson (1927) score interval;
* **rule 7's reading** (Mann: the company is customer-oriented only when every employee is):
  ``every_one`` is true only when all ``n`` reached it — and, when ``headcounts`` are given,
  when everyone in the department answered (``n`` equals the headcount), since a person who
  did not answer cannot be counted as reaching it (``headcounts`` maps department paths, and
  ``"(organisation)"`` for the whole, to the number of employees);
* **the counterpoint's reading** (extremes are not needed): ``target`` is ``met`` when the
  interval's lower end is at or above ``target_share`` (default 0.70), ``not met`` when its
  upper end is below, ``unclear`` otherwise.

The whole organisation is the cell ``"(organisation)"`` (its label for people:
``orientation.coverage.organisation``).

Only confidential or identified waves are accepted: coverage counts people, and an anonymous
wave cannot tell one person from another (a person answering twice would count twice). In
those waves a respondent id appearing twice keeps its last response. Every cell goes through
the anonymity guard (primary and secondary suppression over the department tree). The
counterpart of the threshold rule is group disclosure: a shown department where
``every_one`` is true tells each member's side of the threshold — the price of rule 7's own
reading, so it is shown only for cells of at least ``k`` people, like every figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from orientir.domain.organisations import department_ancestors
from orientir.errors import InsufficientData, InvalidInput
from orientir.instruments.model import Privacy
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._common import (
    FloatArray,
    Interval,
    Message,
    check_level,
    ci_list,
    reason_code,
    wilson,
)
from orientir.orientation._measures import scale_spec
from orientir.orientation.inputs import WaveData
from orientir.stats import DEFAULT_K, check_k, scale_scores, suppress

Target = Literal["met", "not met", "unclear"]
ORG = "(organisation)"


@dataclass(frozen=True)
class CoverageCell:
    group: str  # a department path, or ORG for the whole organisation
    parent: str | None
    n: int | None
    reached: int | None
    share: float | None
    ci: Interval | None
    every_one: bool | None
    target: Target | None
    headcount: int | None
    suppressed: bool
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "parent": self.parent,
            "n": self.n,
            "reached": self.reached,
            "share": self.share,
            "ci": ci_list(self.ci),
            "every_one": self.every_one,
            "target": self.target,
            "headcount": self.headcount,
            "suppressed": self.suppressed,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class CoverageResult:
    org: str
    wave: str
    threshold: float
    threshold_index: float  # the threshold on 0–100
    target_share: float
    scales: tuple[str, ...]
    k: int
    level: float
    cells: tuple[CoverageCell, ...]

    @property
    def overall(self) -> CoverageCell:
        return self.cells[0]

    def cell(self, group: str) -> CoverageCell:
        for c in self.cells:
            if c.group == group:
                return c
        raise KeyError(group)

    @property
    def readings(self) -> dict[str, Message]:
        """Both readings for the organisation: rule 7's ``every_one`` and the ``target``."""
        o = self.overall
        if o.suppressed or o.share is None or o.ci is None or o.target is None:
            hidden = Message("orientation.coverage.hidden")
            return {"every_one": hidden, "target": hidden}
        params = {
            "share": o.share,
            "low": o.ci[0],
            "high": o.ci[1],
            "n": o.n,
            "threshold": self.threshold,
            "target": self.target_share,
        }
        every = "every_one_yes" if o.every_one else "every_one_no"
        return {
            "every_one": Message(f"orientation.coverage.{every}", params),
            "target": Message(f"orientation.coverage.{o.target.replace(' ', '_')}", params),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "coverage",
            "org": self.org,
            "wave": self.wave,
            "threshold": self.threshold,
            "threshold_index": self.threshold_index,
            "target_share": self.target_share,
            "scales": list(self.scales),
            "k": self.k,
            "level": self.level,
            "cells": [c.to_dict() for c in self.cells],
            "readings": {name: m.to_dict() for name, m in self.readings.items()},
        }


def person_scores(wave: WaveData, scales: tuple[str, ...]) -> tuple[FloatArray, list[str | None]]:
    """Each person's mean scale score on the answer scale, and their department."""
    specs = [scale_spec(wave.instrument, s) for s in scales]
    if len({(s.low, s.high) for s in specs}) != 1:
        raise InvalidInput(
            f"{wave.instrument.ref}: the coverage scales use different ranges",
            key="err.orientation.coverage_scales_use_different",
            params={"ref": wave.instrument.ref},
        )
    departments = wave.departments()
    ids = wave.responses["respondent"]
    # A person who answered twice counts once, with the last answer; rows without an id stay.
    last = ~ids.duplicated(keep="last").to_numpy() | ids.isna().to_numpy()
    rows = np.flatnonzero(last)
    frame = wave.responses.iloc[rows]
    items = sorted({i for s in specs for i in s.items})
    missing = [c for c in items if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"wave {wave.wave!r}: responses lack the item columns {missing}",
            key="err.orientation.wave_responses_lack_item",
            params={"wave": wave.wave, "missing": missing},
        )
    scores = scale_scores(frame.loc[:, items].astype(np.float64), specs).to_numpy(np.float64)
    answered = np.isfinite(scores)
    counts = answered.sum(axis=1)
    score: FloatArray = np.full(len(frame), np.nan)
    np.divide(np.where(answered, scores, 0.0).sum(axis=1), counts, out=score, where=counts > 0)
    keep = np.isfinite(score)
    return score[keep], [departments[r] for r, k in zip(rows, keep, strict=True) if k]


def _target(ci: Interval, target_share: float) -> Target:
    """The counterpoint's reading: is the target share met, judged by the interval?"""
    if ci[0] >= target_share:
        return "met"
    return "not met" if ci[1] < target_share else "unclear"


def coverage(
    wave: WaveData,
    *,
    threshold: float = 4.0,
    target_share: float = 0.7,
    scales: tuple[str, ...] = ("needs", "enjoyment"),
    k: int = DEFAULT_K,
    level: float = 0.95,
    headcounts: Mapping[str, int] | None = None,
) -> CoverageResult:
    """Coverage of one confidential or identified employee wave (see the module notes)."""
    if wave.privacy is Privacy.ANONYMOUS:
        raise InvalidInput(
            f"wave {wave.wave!r} is anonymous: coverage counts people, which needs a "
            "confidential or identified wave",
            key="err.orientation.wave_anonymous_coverage_counts",
            params={"wave": wave.wave},
        )
    k, level = check_k(k), check_level(level)
    if not 0.0 < target_share <= 1.0:
        raise InvalidInput(
            "target_share must be above 0 and at most 1",
            key="err.orientation.target_share_must_above",
        )
    score, departments = person_scores(wave, scales)
    if score.size == 0:
        raise InsufficientData(
            f"wave {wave.wave!r} has no scored employees",
            key="err.orientation.wave_no_scored_employees",
            params={"wave": wave.wave},
        )
    first = scale_spec(wave.instrument, scales[0])
    low, high = first.low, first.high
    if not low <= threshold <= high:
        raise InvalidInput(
            f"the threshold must lie on the answer scale, {low:g} to {high:g}",
            key="err.orientation.threshold_must_lie_answer",
            params={"low": low, "high": high},
        )
    reached = score >= threshold - 1e-9
    groups: dict[str, list[int]] = {ORG: list(range(score.size))}
    for row, dep in enumerate(departments):
        for path in department_ancestors(dep) if dep is not None else []:
            groups.setdefault(path, []).append(row)
    names = [ORG, *sorted(g for g in groups if g != ORG)]
    parents = [None] + [
        ORG if len(department_ancestors(p)) == 1 else department_ancestors(p)[-2] for p in names[1:]
    ]
    table = pd.DataFrame({"group": names, "parent": parents, "n": [len(groups[g]) for g in names]})
    guarded = suppress(table, k=k, figures=[])
    cells = []
    for name, parent, flag in zip(names, parents, guarded["suppressed"], strict=True):
        headcount = None if headcounts is None else headcounts.get(name)
        if flag:
            reason = reason_code(len(groups[name]), k)
            cells.append(
                CoverageCell(
                    name, parent, None, None, None, None, None, None, headcount, True, reason
                )
            )
            continue
        rows = groups[name]
        n, hit = len(rows), int(reached[rows].sum())
        ci = wilson(hit, n, level)
        target = _target(ci, target_share)
        every = hit == n and (headcount is None or n >= headcount)
        cells.append(
            CoverageCell(name, parent, n, hit, hit / n, ci, every, target, headcount, False, None)
        )
    return CoverageResult(
        org=wave.org,
        wave=wave.wave,
        threshold=float(threshold),
        threshold_index=100.0 * (threshold - low) / (high - low),
        target_share=float(target_share),
        scales=tuple(scales),
        k=k,
        level=level,
        cells=tuple(cells),
    )
