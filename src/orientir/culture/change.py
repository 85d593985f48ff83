"""Culture from one wave to the next: every type (now and preferred) and every web element.

Consecutive culture waves (ordered by closing date) are compared with
:func:`orientir.stats.compare_by` (all groups of one depth of the department tree at once):
``after − before`` with Welch's interval, Hedges' g and a
rising/stable/falling verdict. The waves are treated as independent samples even where the
same people answered both: answers of one person are positively correlated over time, so the
independent interval is, if anything, wider than a paired one would be — the verdict errs
towards "stable". A group is compared only where the guard shows it in both waves
(:mod:`orientir.culture._cells`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from orientir.culture._cells import ROOT, department_cells, guard_cells
from orientir.culture.layout import TYPES
from orientir.culture.profile import By, profile_scores
from orientir.culture.web import element_scores
from orientir.domain.organisations import department_ancestors
from orientir.orientation import WaveData
from orientir.stats import DEFAULT_K, check_k, compare_by


@dataclass(frozen=True)
class ChangeRow:
    group: str
    measure: str  # clan_now … hierarchy_pref, or a web element
    before: str
    after: str
    n_before: int
    n_after: int
    difference: float
    ci: tuple[float, float]
    hedges_g: float | None
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "measure": self.measure,
            "before": self.before,
            "after": self.after,
            "n_before": self.n_before,
            "n_after": self.n_after,
            "difference": self.difference,
            "ci": list(self.ci),
            "hedges_g": self.hedges_g,
            "verdict": self.verdict,
        }


Measures = dict[str, np.ndarray[Any, np.dtype[np.float64]]]


def _measures(wave: WaveData) -> tuple[Measures, list[str | None], Measures, list[str | None]]:
    """Per-respondent type scores and web scores of one wave, with their departments."""
    scores = profile_scores(wave)
    every = np.ones(len(scores.departments), dtype=bool)
    types: Measures = {}
    for state in ("now", "pref"):
        block = scores.types(state, every)
        types |= {f"{kind}_{state}": block[:, j] for j, kind in enumerate(TYPES)}
    web = element_scores(wave)
    web_measures: Measures = {c: web[c].to_numpy(np.float64) for c in web.columns}
    return types, scores.departments, web_measures, wave.departments()


def _visible(departments: list[str | None], by: By | None, k: int) -> set[str]:
    cells = department_cells(departments, by == "department")
    hidden = guard_cells(cells, k)
    return {group for group, _, _ in cells if group not in hidden}


def _labels(departments: list[str | None], depth: int) -> np.ndarray[Any, np.dtype[np.object_]]:
    """Each respondent's group at one depth of the tree: ``""`` at 0, else the ancestor path."""
    out = []
    for path in departments:
        chain = department_ancestors(path) if path else []
        out.append(ROOT if depth == 0 else chain[depth - 1] if len(chain) >= depth else None)
    return np.asarray(out, dtype=object)


def _compare_pair(
    before: tuple[Measures, list[str | None]],
    after: tuple[Measures, list[str | None]],
    names: tuple[str, str],
    by: By | None,
    k: int,
    level: float,
) -> list[ChangeRow]:
    (measures_b, deps_b), (measures_a, deps_a) = before, after
    shown = _visible(deps_b, by, k) & _visible(deps_a, by, k)
    deepest = max((len(department_ancestors(p)) for p in deps_b + deps_a if p), default=0)
    depths = range(deepest + 1) if by == "department" else range(1)
    rows = []
    common = [m for m in measures_b if m in measures_a]
    for depth in depths:
        # One call per depth: every measure's groups stacked as "measure|group" keys.
        groups_b, groups_a = _labels(deps_b, depth), _labels(deps_a, depth)
        keep_b = np.array([g is not None for g in groups_b], dtype=bool)
        keep_a = np.array([g is not None for g in groups_a], dtype=bool)
        table = compare_by(
            np.concatenate([measures_b[m][keep_b] for m in common]),
            np.concatenate([[f"{m}|{g}" for g in groups_b[keep_b]] for m in common]),
            np.concatenate([measures_a[m][keep_a] for m in common]),
            np.concatenate([[f"{m}|{g}" for g in groups_a[keep_a]] for m in common]),
            level=level,
        )
        for key, row in table.iterrows():
            measure, group = str(key).split("|", 1)
            if group not in shown or min(row["n_before"], row["n_after"]) < k:
                continue
            if not np.isfinite(row["difference"]):
                continue
            g = row["effect_size"]
            rows.append(
                ChangeRow(
                    group,
                    measure,
                    names[0],
                    names[1],
                    int(row["n_before"]),
                    int(row["n_after"]),
                    float(row["difference"]),
                    (float(row["ci_low"]), float(row["ci_high"])),
                    float(g) if np.isfinite(g) else None,
                    str(row["verdict"]),
                )
            )
    return rows


def culture_change(
    waves: Sequence[WaveData], *, by: By | None = None, k: int = DEFAULT_K, level: float = 0.95
) -> tuple[ChangeRow, ...]:
    """Changes between consecutive culture waves (see the module notes)."""
    k = check_k(k)
    ordered = sorted(waves, key=lambda w: (w.closes_on, w.wave))
    rows: list[ChangeRow] = []
    for before, after in itertools.pairwise(ordered):
        b_types, b_deps, b_web, b_web_deps = _measures(before)
        a_types, a_deps, a_web, a_web_deps = _measures(after)
        names = (before.wave, after.wave)
        rows += _compare_pair((b_types, b_deps), (a_types, a_deps), names, by, k, level)
        rows += _compare_pair((b_web, b_web_deps), (a_web, a_web_deps), names, by, k, level)
    rows.sort(key=lambda r: (r.before, r.group, r.measure))
    return tuple(rows)
