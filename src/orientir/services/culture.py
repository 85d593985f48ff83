"""Culture of an organisation (or a portfolio) from its waves in the database.

:func:`load_waves` turns stored waves into :class:`orientir.orientation.WaveData` — one row per
response with ``respondent`` (the person's or contact's external id; None in anonymous waves),
``department``, ``complete`` and one column per item (numbers as float, text and choices as
objects). A wave's place in time is its closing date, or while it has none, the last day a
response was submitted (else its opening day). Waves without responses are left out (a draft
wave can hold responses imported from another tool). :mod:`orientir.services.comments` reads
waves the same way.

:func:`culture_overview` is what ``orientir culture`` calls: the culture report of each
organisation (:func:`orientir.culture.culture_report`) and, for several organisations, the
consultant's link across them (:func:`orientir.culture.portfolio_link`). The anonymity
threshold is the settings' ``k``; every figure passes the guard inside the pure layer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orientir.culture import (
    CultureReport,
    LinkOptions,
    LinkResult,
    culture_report,
    portfolio_link,
)
from orientir.domain.waves import Wave, WaveMode
from orientir.errors import InvalidInput
from orientir.instruments.model import RANGES, Format, Instrument
from orientir.orientation import IndexModel, WaveData, builtin_model, load_model_file
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.instruments import thaw
from orientir.storage import organisations as org_repo
from orientir.storage import waves as repo
from orientir.storage.database import Database
from orientir.storage.waves import StoredResponse

_NUMERIC = frozenset({*RANGES, Format.NUMBER})


def _frame(instrument: Instrument, wave: Wave, stored: Sequence[StoredResponse]) -> pd.DataFrame:
    anonymous = wave.mode is WaveMode.ANONYMOUS
    columns: dict[str, list[Any]] = {
        "respondent": [None if anonymous else r.respondent for r in stored],
        "department": [r.department for r in stored],
        "complete": [bool(r.complete) for r in stored],
    }
    answers = [json.loads(r.answers) for r in stored]
    for item in instrument.items:
        if item.format in _NUMERIC:
            columns[item.id] = [
                float(a[item.id])
                if isinstance(a.get(item.id), int | float) and not isinstance(a.get(item.id), bool)
                else np.nan
                for a in answers
            ]
        else:
            columns[item.id] = [a.get(item.id) for a in answers]
    return pd.DataFrame(columns)


def _when(wave: Wave, stored: Sequence[StoredResponse], today: date) -> date:
    if wave.closes_on is not None:
        return wave.closes_on
    submitted = [r.submitted_on for r in stored if r.submitted_on is not None]
    if submitted:
        return max(submitted)
    return wave.opens_on or today


def load_waves(
    db: Database, *, org: str, waves: Sequence[str] | None = None, today: date | None = None
) -> list[WaveData]:
    """The organisation's answered waves (or the ones named) as pure-layer inputs."""
    today = today or date.today()
    out: list[WaveData] = []
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        if waves:
            chosen = [repo.get_wave(conn, org_id=organisation.id, reference=w) for w in waves]
        else:
            chosen = repo.list_waves(conn, org_id=organisation.id)
        for wave in chosen:
            stored = repo.wave_responses(conn, wave_id=wave.id)
            if not stored:
                continue
            instrument = thaw(repo.instrument_content(conn, wave_id=wave.id))
            out.append(
                WaveData(
                    org=organisation.slug,
                    wave=wave.label,
                    instrument=instrument,
                    closes_on=_when(wave, stored, today),
                    mode=wave.mode.value,
                    responses=_frame(instrument, wave, stored),
                )
            )
    return out


def resolve_model(model: str) -> IndexModel:
    """A built-in index model by id, or a model file (YAML)."""
    path = Path(model)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        return load_model_file(path)
    return builtin_model(model)


@dataclass(frozen=True)
class CultureOverview:
    reports: tuple[CultureReport, ...]
    portfolio: LinkResult | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "culture-overview",
            "organisations": [r.to_dict() for r in self.reports],
            "portfolio": None if self.portfolio is None else self.portfolio.to_dict(),
        }


def culture_overview(
    db: Database,
    *,
    orgs: Sequence[str],
    by_department: bool = False,
    model: str = "stakeholder",
    k: int = 5,
    level: float = 0.95,
    exclude_culture: bool = True,
) -> CultureOverview:
    """Culture reports of ``orgs`` and, for two or more, the link across them."""
    if not orgs:
        raise InvalidInput(
            "name at least one organisation", key="err.culture.name_least_organisation"
        )
    index_model = resolve_model(model)
    options = LinkOptions(k=k, level=level, exclude_culture=exclude_culture)
    loaded = {org: load_waves(db, org=org) for org in dict.fromkeys(orgs)}
    reports = tuple(
        culture_report(
            waves,
            index_model,
            by="department" if by_department else None,
            options=options,
        )
        for waves in loaded.values()
    )
    portfolio = None
    if len(loaded) > 1:
        portfolio = portfolio_link(
            {r.org: loaded[o] for r, o in zip(reports, loaded, strict=True)}, index_model, options
        )
    return CultureOverview(reports, portfolio)
