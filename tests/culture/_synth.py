"""Synthetic culture and employee waves with a known culture → index effect.

A respondent's 100 points per (dimension, state) are a Dirichlet draw around the profile of
their department, so the department's true type means are known; the cultural-web items are
whole numbers around a department mean. The outcome is the employee-co ``needs`` scale, and
:data:`NEEDS_MODEL` turns it into a one-component index (0–100), so the truth of the link is
set by how the department's ``needs`` mean is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from orientir.culture import TYPES
from orientir.instruments import builtin_library
from orientir.instruments.model import Format, Stakeholder, Text
from orientir.orientation import Component, IndexModel, Measure, WaveData

LIBRARY = builtin_library()
CULTURE = LIBRARY.resolve("culture")
EMPLOYEE = LIBRARY.resolve("employee-co")
DIMENSIONS = ("dominant", "leadership", "staff", "glue", "strategy", "success")
NEEDS_MODEL = IndexModel(
    id="needs",
    title=Text("Потребности", "Needs"),
    components=(
        Component(
            "needs",
            Text("Потребности", "Needs"),
            1.0,
            Stakeholder.EMPLOYEES,
            Measure("employee-co", scales=("needs",)),
        ),
    ),
)


def allocations(
    profile: Sequence[float], n: int, rng: np.random.Generator, concentration: float = 40.0
) -> np.ndarray:
    """``n`` whole-number allocations of 100 points around ``profile`` (sums to 100)."""
    shares = rng.dirichlet(np.asarray(profile, dtype=float) / 100.0 * concentration, size=n)
    points = np.floor(shares * 100.0)
    points[:, 0] += 100.0 - points.sum(axis=1)  # rounding remainder to the first type
    return points


def culture_frame(
    n: int,
    rng: np.random.Generator,
    *,
    now: Sequence[float],
    pref: Sequence[float],
    department: str | None,
    web_mean: float = 3.0,
    by_dimension: Mapping[str, Sequence[float]] | None = None,
) -> pd.DataFrame:
    columns: dict[str, object] = {
        "respondent": [None] * n,
        "department": [department] * n,
        "complete": [True] * n,
    }
    for state, profile in (("now", now), ("pref", pref)):
        for dim in DIMENSIONS:
            chosen = (by_dimension or {}).get(dim, profile) if state == "now" else profile
            points = allocations(chosen, n, rng)
            for j, kind in enumerate(TYPES):
                columns[f"{dim}_{kind}_{state}"] = points[:, j]
    for item in CULTURE.items:
        if item.format is Format.LIKERT5:
            v = np.clip(np.round(rng.normal(web_mean, 0.8, n)), 1, 5)
            columns[item.id] = 6.0 - v if item.reverse else v
    return pd.DataFrame(columns)


def employee_frame(
    n: int, rng: np.random.Generator, *, needs: float, department: str
) -> pd.DataFrame:
    columns: dict[str, object] = {
        "respondent": [None] * n,
        "department": [department] * n,
        "complete": [True] * n,
    }
    for item in EMPLOYEE.items:
        if item.format is Format.NPS:
            columns[item.id] = rng.integers(0, 11, n).astype(float)
        elif item.format in (Format.LIKERT5, Format.LIKERT7):
            v = np.clip(np.round(rng.normal(needs, 0.7, n)), 1, 5)
            columns[item.id] = 6.0 - v if item.reverse else v
        else:
            columns[item.id] = [None] * n
    return pd.DataFrame(columns)


def wave(name: str, frames: Sequence[pd.DataFrame], closes_on: date, org: str = "acme") -> WaveData:
    return WaveData(
        org=org,
        wave=f"{name} {closes_on.isoformat()}",
        instrument=CULTURE if name == "culture" else EMPLOYEE,
        closes_on=closes_on,
        mode="anonymous",
        responses=pd.concat(list(frames), ignore_index=True),
    )


QUARTER_ENDS = (date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31))


def panel(
    rng: np.random.Generator,
    *,
    departments: int = 24,
    quarters: int = 4,
    per_department: int = 8,
    lag_effect: float = 0.06,
    same_effect: float = 0.0,
    org: str = "acme",
) -> list[WaveData]:
    """Culture and employee waves per quarter, ``per_department`` answers per department.

    A department's clan points drift by a random walk; its ``needs`` mean (1–5) is
    ``3 + lag_effect·(clan(t−1) − 30) + same_effect·(clan(t) − 30) + 0.5·(needs(t−1) − 3)``
    plus noise, so with both effects 0 culture and the index are unrelated.
    """
    clan = rng.uniform(15, 45, departments)
    needs = 3.0 + rng.normal(0, 0.3, departments)
    waves: list[WaveData] = []
    for q in range(quarters):
        previous_clan = clan.copy()
        clan = np.clip(clan + rng.normal(0, 6, departments), 5, 60)
        needs = (
            3.0
            + lag_effect * (previous_clan - 30)
            + same_effect * (clan - 30)
            + 0.5 * (needs - 3.0)
            + rng.normal(0, 0.15, departments)
        )
        needs = np.clip(needs, 1.5, 4.5)
        culture_parts, employee_parts = [], []
        for d in range(departments):
            rest = (100 - clan[d]) / 3
            now = [clan[d], rest, rest, rest]
            culture_parts.append(
                culture_frame(
                    per_department, rng, now=now, pref=[40, 20, 20, 20], department=f"D{d:02d}"
                )
            )
            employee_parts.append(
                employee_frame(per_department, rng, needs=float(needs[d]), department=f"D{d:02d}")
            )
        waves.append(wave("culture", culture_parts, QUARTER_ENDS[q], org))
        waves.append(wave("employee-co", employee_parts, QUARTER_ENDS[q], org))
    return waves
