"""Scores of one wave: every scale and NPS item, overall and per group, guarded.

For each scale: the mean score (items averaged after reverse keying; see
:func:`orientir.stats.scale_scores`), its reliability (Cronbach's alpha with Feldt's interval)
and per-group means. For each 0–10 item: NPS with its adjusted-Wald interval. Groups are
departments (each department counts everyone in its subtree), stakeholder groups or tenure
bands; every group table goes through :func:`orientir.stats.suppress`, which hides groups
under *k* and the cells that would let a hidden one be recomputed by subtraction.

**Stakeholder groups.** A wave records who answered through its instrument's stakeholder
group and, per response, the respondent's person or contact id (never in anonymous waves).
A contact counts in ``customers``, ``partners`` or ``other`` by its kind; a person in an
employee wave counts in ``managers`` when someone in the organisation reports to them, else
in ``employees``; a management wave's respondents are ``managers`` and a candidate wave's
``candidates``. A response whose respondent is unknown (a deleted person) joins no group but
still counts in the whole, which the guard treats as a hidden remainder.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from orientir.domain.organisations import Person, department_ancestors
from orientir.errors import InsufficientData, InvalidInput
from orientir.instruments.model import RANGES, Format, Instrument, Stakeholder
from orientir.orientation.inputs import WaveData
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.people import list_contacts, list_people
from orientir.services.survey_data import load_waves
from orientir.services.waves import CONTACT_STAKEHOLDERS
from orientir.stats import (
    Release,
    ScaleSpec,
    cronbach_alpha,
    nps,
    reverse,
    scale_scores,
    suppress_releases,
)
from orientir.storage.database import Database

ALL = "(all)"
GROUPINGS = ("department", "stakeholder", "tenure")
# The group a person's answer counts in, by the stakeholder group of the wave's instrument.
PEOPLE_GROUPS = {
    Stakeholder.MANAGEMENT: "managers",
    Stakeholder.CANDIDATES: "candidates",
}
CONTACT_GROUPS = {"customer": "customers", "partner": "partners", "other": "other"}
TENURE_BANDS = ((0, 1, "<1y"), (1, 3, "1-3y"), (3, 5, "3-5y"), (5, 200, "5y+"))


@dataclass(frozen=True)
class ScaleScore:
    scale: str
    title: dict[str, str]
    n: int
    mean: float | None
    sd: float | None
    alpha: float | None
    alpha_ci: tuple[float, float] | None


@dataclass(frozen=True)
class NpsScore:
    item: str
    n: int
    nps: float | None
    ci: tuple[float, float] | None


@dataclass(frozen=True)
class WaveScores:
    wave: str
    instrument: str
    responses: int
    k: int
    scales: list[ScaleScore]
    nps: list[NpsScore]
    by: str | None = None
    groups: list[dict[str, Any]] = field(default_factory=list)  # guarded rows


def specs(instrument: Instrument) -> list[ScaleSpec]:
    out = []
    for scale in instrument.scales:
        first = instrument.item(scale.items[0])
        low, high = RANGES[first.format]
        out.append(
            ScaleSpec(
                name=scale.id,
                items=scale.items,
                low=low,
                high=high,
                reversed_items=frozenset(i for i in scale.items if instrument.item(i).reverse),
                min_answered=scale.min_answered,
            )
        )
    return out


def _finite(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _overall(
    wave: WaveData, scores: pd.DataFrame, k: int
) -> tuple[list[ScaleScore], list[NpsScore]]:
    scales = []
    frame = wave.responses
    for spec, scale in zip(specs(wave.instrument), wave.instrument.scales, strict=True):
        column = scores[spec.name].dropna()
        alpha = None
        if len(column) >= max(k, 3) and len(spec.items) > 1:
            items = frame[list(spec.items)].astype(float)
            for name in spec.reversed_items:  # alpha needs every item pointing the same way
                items[name] = reverse(items[name].to_numpy(), spec.low, spec.high)
            try:
                alpha = cronbach_alpha(items)
            except (InvalidInput, InsufficientData):
                alpha = None  # no spread or too few shared answers: reliability is undefined
        scales.append(
            ScaleScore(
                scale=scale.id,
                title=scale.title.to_dict(),
                n=len(column),
                mean=_finite(column.mean()) if len(column) >= k else None,
                sd=_finite(column.std()) if len(column) >= k else None,
                alpha=_finite(alpha.alpha) if alpha else None,
                alpha_ci=(alpha.ci[0], alpha.ci[1]) if alpha else None,
            )
        )
    promoters = []
    for item in wave.instrument.items:
        if item.format is not Format.NPS:
            continue
        values = frame[item.id].dropna().to_numpy(dtype=float)
        if len(values) >= k:
            outcome = nps(values)
            promoters.append(NpsScore(item.id, len(values), outcome.nps, outcome.ci))
        else:
            promoters.append(NpsScore(item.id, len(values), None, None))
    return scales, promoters


def _tenure_groups(people: list[Person], wave: WaveData, as_of: date) -> list[str | None]:
    hired = {p.external_id: p.hire_date for p in people}
    groups: list[str | None] = []
    for respondent in wave.responses["respondent"]:
        day = hired.get(respondent) if isinstance(respondent, str) else None
        if day is None:
            groups.append(None)
            continue
        years = (as_of - day).days / 365.25
        # A hire date after the wave (a re-hire, a typo) fits no band: the answer joins no group.
        groups.append(
            next((label for low, high, label in TENURE_BANDS if low <= years < high), None)
        )
    return groups


def _stakeholder_groups(
    db: Database, org: str, wave: WaveData, people: list[Person]
) -> list[str | None]:
    """The stakeholder group of each response (see the module notes)."""
    respondents = wave.responses["respondent"].tolist()
    if wave.instrument.stakeholder in CONTACT_STAKEHOLDERS:
        kinds = {c.external_id: CONTACT_GROUPS[c.kind.value] for c in list_contacts(db, org=org)}
        return [kinds.get(r) if isinstance(r, str) else None for r in respondents]
    known = {p.external_id for p in people}
    fixed = PEOPLE_GROUPS.get(wave.instrument.stakeholder)
    managers = {p.manager_external_id for p in people if p.manager_external_id}
    return [
        None
        if not isinstance(r, str) or r not in known
        else fixed or ("managers" if r in managers else "employees")
        for r in respondents
    ]


def _group_figure(column: pd.Series, nps: bool) -> float | None:
    """A group's figure: the mean of a scale, or for a 0–10 recommendation item the Net
    Promoter Score (% answering 9–10 minus % answering 0–6; Reichheld 2003)."""
    if not nps:
        return _finite(column.mean())
    answered = column.dropna()
    if answered.empty:
        return None
    return 100.0 * float((answered >= 9).mean() - (answered <= 6).mean())


def _group_cells(
    values: pd.DataFrame,
    groups: list[str | None],
    ids: list[Hashable],
    *,
    tree: bool,
    nps: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, list[frozenset[Hashable]]]:
    """One row per group (a department counts its whole subtree) plus the whole as a root;
    the columns named in ``nps`` give the group's NPS, the others its mean.

    Also the respondents of each cell (``ids``: one opaque id per row), for the guard's
    comparison of cells across tables and waves.
    """
    members: dict[str, list[int]] = {ALL: list(range(len(values)))}
    parents: dict[str, str | None] = {ALL: None}
    for row, group in enumerate(groups):
        if group is None:
            continue
        for key in department_ancestors(group) if tree else [group]:
            members.setdefault(key, []).append(row)
            parents[key] = key.rsplit("/", 1)[0] if tree and "/" in key else ALL
    rows = []
    for key, rows_in in members.items():
        subset = values.iloc[rows_in]
        rows.append(
            {
                "group": key,
                "parent": parents[key],
                "n": len(rows_in),
                **{c: _group_figure(subset[c], c in nps) for c in values.columns},
            }
        )
    sets = [frozenset(ids[r] for r in rows_in) for rows_in in members.values()]
    return pd.DataFrame(rows), sets


def _wave_scores(data: WaveData) -> pd.DataFrame:
    scores = scale_scores(data.responses, specs(data.instrument))
    for item in data.instrument.items:
        if item.format is Format.NPS:
            scores[item.id] = data.responses[item.id].astype(float)
    return scores


def _release_name(wave: str, by: str, tenure: str | None) -> str:
    return f"{wave}|{by}" + (f"|tenure={tenure}" if tenure else "")


def _releases(db: Database, org: str, requested: WaveData, as_of: date | None) -> list[Release]:
    """Every group table a reader can ask for, for every wave of the requested instrument.

    The guard runs over all of them together (:func:`orientir.stats.suppress_releases`): a
    department view, its tenure-filtered versions, the stakeholder and tenure views, of
    this wave and of the others with the same instrument — so no two figures a reader can
    obtain, in any order, differ by fewer than k people. Waves are ordered by closing date;
    a later wave's cell gives way to an earlier one's.
    """
    waves = [
        w
        for w in load_waves(db, org=org)
        if w.instrument.ref == requested.instrument.ref and w.wave != requested.wave
    ]
    waves = sorted([*waves, requested], key=lambda w: (w.closes_on, w.wave))
    people = list_people(db, org=org)
    out = []
    for epoch, data in enumerate(waves):
        if data.mode == "anonymous":
            continue  # never broken down: only the whole wave is shown
        scores = _wave_scores(data)
        nps_items = frozenset(i.id for i in data.instrument.items if i.format is Format.NPS)
        ids: list[Hashable] = [
            r if isinstance(r, str) else ("row", data.wave, i)
            for i, r in enumerate(data.responses["respondent"].tolist())
        ]
        day = as_of if data is requested and as_of else data.closes_on
        tenure = _tenure_groups(people, data, day)
        groupings: dict[str, list[str | None]] = {
            "department": data.departments(),
            "stakeholder": _stakeholder_groups(db, org, data, people),
            "tenure": tenure,
        }
        for by, groups in groupings.items():
            cells, members = _group_cells(
                scores, groups, ids, tree=by == "department", nps=nps_items
            )
            out.append(
                Release(
                    _release_name(data.wave, by, None), data.instrument.ref, cells, members, epoch
                )
            )
        for _, _, band in TENURE_BANDS:
            rows = [i for i, t in enumerate(tenure) if t == band]
            cells, members = _group_cells(
                scores.iloc[rows],
                [groupings["department"][i] for i in rows],
                [ids[i] for i in rows],
                tree=True,
                nps=nps_items,
            )
            out.append(
                Release(
                    _release_name(data.wave, "department", band),
                    data.instrument.ref,
                    cells,
                    members,
                    epoch,
                )
            )
    return out


def _guarded_universe(
    db: Database, org: str, data: WaveData, scores: pd.DataFrame, as_of: date | None, k: int
) -> dict[str, pd.DataFrame]:
    """Every release of ``data``'s universe (:func:`_releases`) by name, guarded together;
    ``scores`` are ``data``'s (:func:`_wave_scores`), whose columns are the figures."""
    releases = _releases(db, org, data, as_of)
    figures = [*scores.columns, "n"]
    guarded = suppress_releases(releases, k=k, figures=figures)
    return {r.name: cells for r, cells in zip(releases, guarded, strict=True)}


def hidden_department_cells(
    db: Database, *, org: str, wave: str, k: int
) -> dict[str, frozenset[str]]:
    """Per wave of the release universe of ``wave`` (every closed wave of its instrument, and
    ``wave`` itself): the department cells the cross-table guard hides, ``(all)`` for the
    whole wave — what ``score --by department`` hides, for all those waves in one pass."""
    (data,) = load_waves(db, org=org, labels=[wave])
    if data.mode == "anonymous":
        return {}
    hidden: dict[str, frozenset[str]] = {}
    for name, cells in _guarded_universe(db, org, data, _wave_scores(data), None, k).items():
        label, _, by = name.partition("|")
        if by == "department":
            hidden[label] = frozenset(str(g) for g in cells.loc[cells["suppressed"], "group"])
    return hidden


def score_wave(
    db: Database,
    *,
    org: str,
    wave: str,
    by: str | None,
    k: int,
    as_of: date | None = None,
    tenure: str | None = None,
) -> WaveScores:
    """Scores of one wave, overall and (``by``) per group; ``tenure`` filters a department view.

    ``tenure`` is one of the bands ``<1y``, ``1-3y``, ``3-5y``, ``5y+`` (hire date to the
    wave's close) and applies with ``by="department"``: the department table of that band's
    respondents. Group tables are guarded together with every other table a reader could
    request (see :func:`_releases`).
    """
    if by is not None and by not in GROUPINGS:
        raise InvalidInput(
            f"--by must be one of {', '.join(GROUPINGS)}",
            key="err.scoring.by_must_be",
            params={"groupings": ", ".join(GROUPINGS)},
        )
    bands = [label for _, _, label in TENURE_BANDS]
    if tenure is not None and (by != "department" or tenure not in bands):
        raise InvalidInput(
            f"--tenure applies to --by department and is one of {', '.join(bands)}",
            key="err.scoring.tenure_applies_department",
            params={"bands": ", ".join(bands)},
        )
    (data,) = load_waves(db, org=org, labels=[wave])
    scores = _wave_scores(data)
    scales, promoters = _overall(data, scores, k)
    result = WaveScores(
        wave=data.wave,
        instrument=data.instrument.ref,
        responses=data.n,
        k=k,
        scales=scales,
        nps=promoters,
        by=by,
    )
    if by is None or data.mode == "anonymous":
        return result
    universe = _guarded_universe(db, org, data, scores, as_of, k)
    cells = universe[_release_name(data.wave, by, tenure)]
    rows = cells.replace({np.nan: None}).to_dict(orient="records")
    return WaveScores(
        **{**result.__dict__, "groups": [{str(k2): v for k2, v in r.items()} for r in rows]}
    )
