"""Survey data as the analysis layers take it: waves as frames, and an organisation's facts.

The analysis layers (``stats``, ``orientation``) never read the database; this module reads it
once and hands them :class:`~orientir.orientation.inputs.WaveData` and
:class:`~orientir.orientation.inputs.OrgFacts`. Respondents appear as opaque ids (the invitation's
person or contact, never a name), and not at all in anonymous waves.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from orientir.domain.waves import WaveMode, WaveStatus
from orientir.instruments.model import Format, Instrument
from orientir.orientation.inputs import OrgFacts, WaveData
from orientir.services.instruments import thaw
from orientir.storage import organisations as org_repo
from orientir.storage import waves as repo
from orientir.storage.database import Database

FACT_SHEET = "readiness-13"


def _frame(
    instrument: Instrument, stored: list[repo.StoredResponse], anonymous: bool
) -> pd.DataFrame:
    rows = []
    numeric = {
        i.id
        for i in instrument.items
        if i.format not in (Format.TEXT, Format.CHOICE, Format.MULTICHOICE, Format.DATE)
    }
    for response in stored:
        answers = json.loads(response.answers)
        row: dict[str, object] = {
            "respondent": None if anonymous else response.respondent,
            "department": response.department,
            "complete": response.complete,
        }
        for item in instrument.items:
            value = answers.get(item.id)
            if item.id in numeric:
                row[item.id] = float(value) if value is not None else float("nan")
            else:
                row[item.id] = value
        rows.append(row)
    columns = ["respondent", "department", "complete", *(i.id for i in instrument.items)]
    frame = pd.DataFrame(rows, columns=columns)
    frame["complete"] = frame["complete"].astype(bool)
    frame["respondent"] = frame["respondent"].astype(object)
    frame["department"] = frame["department"].astype(object)
    return frame


def load_waves(
    db: Database, *, org: str, labels: list[str] | None = None, include_open: bool = False
) -> list[WaveData]:
    """The organisation's waves (closed ones unless ``include_open``), oldest first."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        waves = repo.list_waves(conn, org_id=organisation.id)
        if labels:
            wanted = {repo.get_wave(conn, org_id=organisation.id, reference=w).id for w in labels}
            waves = [w for w in waves if w.id in wanted]
        elif not include_open:
            waves = [w for w in waves if w.status is WaveStatus.CLOSED]
        result = []
        for wave in waves:
            instrument = thaw(repo.instrument_content(conn, wave_id=wave.id))
            stored = repo.wave_responses(conn, wave_id=wave.id)
            result.append(
                WaveData(
                    org=organisation.slug,
                    wave=wave.label,
                    instrument=instrument,
                    closes_on=wave.closes_on or date.today(),
                    mode=wave.mode.value,
                    responses=_frame(instrument, stored, wave.mode is WaveMode.ANONYMOUS),
                )
            )
    return sorted(result, key=lambda w: (w.closes_on, w.wave))


def _latest_fact_sheet(waves: list[WaveData]) -> dict[str, object]:
    sheets = [w for w in waves if w.instrument.id == FACT_SHEET and w.n]
    if not sheets:
        return {}
    frame = sheets[-1].responses
    last = frame[frame["complete"]].tail(1)
    if last.empty:
        return {}
    return {str(k): v for k, v in last.iloc[0].to_dict().items() if v is not None and v == v}


def org_facts(
    db: Database, *, org: str, waves: list[WaveData] | None = None, as_of: date | None = None
) -> OrgFacts:
    """What is known about the organisation: its record, then its latest fact sheet."""
    waves = waves if waves is not None else load_waves(db, org=org)
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        n_departments = len(org_repo.list_departments(conn, org_id=organisation.id))
    sheet = _latest_fact_sheet(waves)

    def number(key: str) -> float | None:
        value = sheet.get(key)
        return float(value) if isinstance(value, int | float) else None

    def flag(key: str) -> bool | None:
        value = sheet.get(key)
        return bool(value) if value is not None else None

    start = sheet.get("program_start")
    founded = number("founded") or organisation.founded
    headcount = number("headcount") or organisation.headcount
    size = number("driver_team_size")
    return OrgFacts(
        org=organisation.slug,
        as_of=as_of or (waves[-1].closes_on if waves else date.today()),
        founded=int(founded) if founded else None,
        headcount=int(headcount) if headcount else None,
        departments=int(number("departments") or n_departments) or None,
        driver_team=flag("driver_team"),
        driver_team_size=int(size) if size else None,
        budget_per_year=number("budget"),
        outside_help=flag("outside_help"),
        program_start=date.fromisoformat(start) if isinstance(start, str) else None,
        hiring_screen=flag("hiring_screen"),
    )
