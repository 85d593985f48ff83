"""What a dashboard shows of one wave: how many answered, and scale scores and NPS per
department — every figure through the anonymity guard (:func:`orientir.stats.suppress`).

Cells form the department tree: the whole wave at the root (key ``""``), then every department
that has complete responses in its subtree, each counting the responses of its subtree. Each
figure (a scale, an NPS item, the respondent count itself) is guarded on its own count, so a
scale that few people answered is hidden even where the group is large.

On top of that, a department the cross-table guard hides (:func:`orientir.stats.
suppress_releases`, the guard of ``orientir score``: the same department in other waves, its
tenure bands, the stakeholder and tenure views — see ``docs/anonymity.md``) is hidden here
too, so the page never shows a cell the command line would refuse to show.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from orientir.domain.organisations import department_ancestors
from orientir.domain.waves import Wave, WaveProgress
from orientir.errors import InsufficientData
from orientir.instruments.model import RANGES, Format, Instrument, Text
from orientir.services import dashboard_cache
from orientir.services.instruments import thaw
from orientir.services.scoring import ALL, hidden_department_cells
from orientir.stats import ScaleSpec, nps_by, scale_scores, suppress
from orientir.storage import organisations as org_repo
from orientir.storage import waves as repo
from orientir.storage.database import Database

ROOT = ""


@dataclass(frozen=True)
class Figure:
    """A column of the heatmap: a scale (mean on ``low``..``high``) or an NPS item."""

    id: str
    title: Text
    kind: str  # scale | nps
    low: float
    high: float


@dataclass(frozen=True)
class Cell:
    value: float | None  # None: hidden by the guard, or nobody answered
    hidden: bool

    def level(self, figure: Figure) -> int | None:
        """0..4, the heat band of the value on the figure's range (for colour, never alone)."""
        if self.value is None:
            return None
        share = (self.value - figure.low) / (figure.high - figure.low)
        return min(4, max(0, int(share * 5)))


@dataclass(frozen=True)
class Row:
    department: str  # "" for the whole wave
    depth: int
    respondents: int | None  # None when hidden
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class WaveDashboard:
    wave: Wave
    instrument: Instrument
    progress: WaveProgress
    figures: tuple[Figure, ...]
    rows: tuple[Row, ...]
    k: int


def _figures(instrument: Instrument) -> list[Figure]:
    figures = []
    for scale in instrument.scales:
        low, high = RANGES[instrument.item(scale.items[0]).format]
        figures.append(Figure(scale.id, scale.title, "scale", low, high))
    figures += [
        Figure(item.id, item.text, "nps", -100.0, 100.0)
        for item in instrument.items
        if item.format is Format.NPS
    ]
    return figures


def _specs(instrument: Instrument) -> list[ScaleSpec]:
    specs = []
    for scale in instrument.scales:
        low, high = RANGES[instrument.item(scale.items[0]).format]
        specs.append(
            ScaleSpec(
                name=scale.id,
                items=scale.items,
                reversed_items=frozenset(i for i in scale.items if instrument.item(i).reverse),
                low=low,
                high=high,
                min_answered=scale.min_answered,
            )
        )
    return specs


def _item_frame(instrument: Instrument, answers: Sequence[dict[str, Any]]) -> pd.DataFrame:
    numeric = [i.id for i in instrument.items if i.format in RANGES]
    data = {
        item: [float(a[item]) if isinstance(a.get(item), int | float) else np.nan for a in answers]
        for item in numeric
    }
    return pd.DataFrame(data, index=range(len(answers)), dtype=np.float64)


def _cells_of(path: str | None) -> list[str]:
    return [ROOT, *(department_ancestors(path) if path else [])]


def _parent(cell: str) -> str | None:
    if cell == ROOT:
        return None
    return cell.rsplit("/", 1)[0] if "/" in cell else ROOT


def _guarded(keys: list[str], counts: pd.Series, values: pd.Series, k: int) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "group": keys,
            "parent": [_parent(key) for key in keys],
            "n": [int(counts.get(key, 0)) for key in keys],
            "value": [values.get(key, np.nan) for key in keys],
        }
    )
    return suppress(table, k=k, figures=["value"]).set_index("group")


def _number(value: object) -> float | None:
    """A figure of the guarded table, or None where it is missing or hidden."""
    if value is None or value is pd.NA or not isinstance(value, int | float | np.number):
        return None
    number = float(value)
    return None if math.isnan(number) else number


Hidden = Mapping[str, frozenset[str]]


def hidden_across_releases(db: Database, *, org: str, wave: str, k: int) -> Hidden:
    """Per wave label: the department cells (``""`` for the whole wave) that ``orientir score
    --by department`` hides once every table a reader could request is guarded together — for
    ``wave`` and every closed wave of its instrument, computed in one pass.

    Seconds on a demo-sized organisation, so it is kept in the dashboards' memo until the
    organisation's data change (not while a wave is being answered: see ``dashboard_cache``).
    """

    def compute() -> Hidden:
        try:
            found = hidden_department_cells(db, org=org, wave=wave, k=k)
        except InsufficientData:
            return {}
        return {
            label: frozenset(ROOT if cell == ALL else cell for cell in cells)
            for label, cells in found.items()
        }

    version = dashboard_cache.data_version(db, org=org, open_waves=True)
    if version is None:
        return compute()
    return dashboard_cache.remembered(db, ("releases", org, wave, k, version), compute)


def wave_dashboard(
    db: Database, *, org: str, wave: str, k: int, hidden: Hidden | None = None
) -> WaveDashboard:
    """One wave's heatmap; ``hidden``: :func:`hidden_across_releases` when already at hand."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_wave(conn, org_id=organisation.id, reference=wave)
        instrument = thaw(repo.instrument_content(conn, wave_id=found.id))
        stored = [r for r in repo.wave_responses(conn, wave_id=found.id) if r.complete]
        progress = repo.progress(conn, wave=found)
    answers = [json.loads(r.answers) for r in stored]
    frame = _item_frame(instrument, answers)
    scores = scale_scores(frame, _specs(instrument)) if instrument.scales else pd.DataFrame()
    membership = [(i, cell) for i, r in enumerate(stored) for cell in _cells_of(r.department)]
    rows_idx = [i for i, _ in membership]
    cell_of = pd.Series([cell for _, cell in membership], dtype=object)
    keys = sorted(set(cell_of) | {ROOT}, key=lambda c: c.split("/") if c else [])
    respondents = _guarded(keys, cell_of.value_counts(), pd.Series(dtype=float), k)
    figures = _figures(instrument)
    columns: list[pd.DataFrame] = []
    for figure in figures:
        if figure.kind == "scale":
            per_row = scores[figure.id].to_numpy()[rows_idx] if rows_idx else np.array([])
            series = pd.Series(per_row, dtype=np.float64)
            answered = series.notna().groupby(cell_of).sum() if rows_idx else pd.Series()
            means = series.groupby(cell_of).mean() if rows_idx else pd.Series()
        else:
            raw = frame[figure.id].to_numpy()[rows_idx] if rows_idx else np.array([])
            answered = pd.Series(raw).notna().groupby(cell_of).sum() if rows_idx else pd.Series()
            means = nps_by(raw, cell_of.to_numpy())["nps"] if rows_idx else pd.Series()
        columns.append(_guarded(keys, answered, means, k))
    across: frozenset[str] = frozenset()
    if stored and found.mode.value != "anonymous":
        if hidden is None or found.label not in hidden:
            hidden = hidden_across_releases(db, org=org, wave=str(found.id), k=k)
        across = hidden.get(found.label, frozenset())
    rows = []
    for key in keys:
        cells = []
        for guarded in columns:
            if key in across:
                cells.append(Cell(None, True))
                continue
            value = _number(guarded.at[key, "value"])
            cells.append(Cell(value, bool(guarded.at[key, "suppressed"])))
        nobody = bool(respondents.at[key, "suppressed"]) or key in across
        count = None if nobody else _number(respondents.at[key, "n"])
        depth = 0 if key == ROOT else key.count("/") + 1
        rows.append(Row(key, depth, None if count is None else int(count), tuple(cells)))
    return WaveDashboard(found, instrument, progress, tuple(figures), tuple(rows), k)


@dataclass(frozen=True)
class TrendPoint:
    wave: Wave
    respondents: int | None
    values: dict[str, float | None]  # figure id -> whole-wave value (None when hidden)


def trend(db: Database, *, org: str, wave: str, k: int) -> list[TrendPoint]:
    """The whole-wave figures of every wave of the same instrument, in wave order."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_wave(conn, org_id=organisation.id, reference=wave)
        same = [
            w
            for w in repo.list_waves(conn, org_id=organisation.id)
            if w.instrument_ref.split("@")[0] == found.instrument_ref.split("@")[0]
        ]
    hidden = hidden_across_releases(db, org=org, wave=str(found.id), k=k)
    points = []
    for other in same:
        board = wave_dashboard(db, org=org, wave=str(other.id), k=k, hidden=hidden)
        root = board.rows[0]
        values = {f.id: c.value for f, c in zip(board.figures, root.cells, strict=True)}
        points.append(TrendPoint(other, root.respondents, values))
    return points
