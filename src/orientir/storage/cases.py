"""Cases, their history and the organisation's case-rules document."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, update

from orientir.domain.cases import (
    ACTIVE_STATUSES,
    Case,
    CaseEvent,
    CaseStatus,
    Priority,
    Reason,
)
from orientir.domain.program import ProgramRole
from orientir.domain.waves import WaveMode
from orientir.errors import NotFound
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage import program as program_repo
from orientir.storage.tables import (
    case_events,
    case_settings,
    cases,
    contacts,
    instrument_versions,
    invitations,
    organisations,
    people,
    responses,
    waves,
)


def rules_document(conn: Connection, *, org_id: int) -> str | None:
    found = conn.execute(
        select(case_settings.c.document).where(case_settings.c.org_id == org_id)
    ).scalar()
    return None if found is None else str(found)


def save_rules_document(conn: Connection, *, org_id: int, document: str, now: datetime) -> None:
    changed = conn.execute(
        update(case_settings)
        .where(case_settings.c.org_id == org_id)
        .values(document=document, updated_at=now)
    )
    if not changed.rowcount:
        conn.execute(insert(case_settings).values(org_id=org_id, document=document, updated_at=now))


@dataclass(frozen=True)
class Respondent:
    """What the rules need to know about a completed response and who gave it."""

    org_id: int
    wave_id: int
    wave_mode: WaveMode
    answers: str
    contact_id: int | None
    contact_external_id: str | None
    contact_kind: str | None
    instrument: str  # the wave's frozen questionnaire (canonical JSON)


def respondent(conn: Connection, *, response_id: int) -> Respondent | None:
    row = conn.execute(
        select(
            waves.c.org_id,
            waves.c.id,
            waves.c.mode,
            responses.c.answers,
            contacts.c.id.label("contact_id"),
            contacts.c.external_id,
            contacts.c.kind,
            instrument_versions.c.content,
        )
        .select_from(
            responses.join(waves, responses.c.wave_id == waves.c.id)
            .join(instrument_versions, waves.c.instrument_version_id == instrument_versions.c.id)
            .outerjoin(invitations, responses.c.invitation_id == invitations.c.id)
            .outerjoin(contacts, invitations.c.contact_id == contacts.c.id)
        )
        .where(responses.c.id == response_id)
    ).first()
    if row is None:
        return None
    org_id, wave_id, mode, answers, contact_id, external_id, kind, content = row
    return Respondent(
        int(org_id), int(wave_id), WaveMode(mode), answers, contact_id, external_id, kind, content
    )


def case_for_response(conn: Connection, *, response_id: int) -> int | None:
    found = conn.execute(select(cases.c.id).where(cases.c.response_id == response_id)).scalar()
    return None if found is None else int(found)


def insert_case(conn: Connection, **values: Any) -> int:
    return int(conn.execute(insert(cases).values(**values).returning(cases.c.id)).scalar_one())


def add_event(
    conn: Connection,
    *,
    case_id: int,
    at: datetime,
    kind: str,
    author: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    text: str | None = None,
) -> None:
    conn.execute(
        insert(case_events).values(
            case_id=case_id,
            at=at,
            kind=kind,
            author=author,
            from_status=from_status,
            to_status=to_status,
            text=text,
        )
    )


def events(conn: Connection, *, case_id: int) -> list[CaseEvent]:
    rows = conn.execute(
        select(case_events)
        .where(case_events.c.case_id == case_id)
        .order_by(case_events.c.at, case_events.c.id)
    ).mappings()
    return [
        CaseEvent(r["at"], r["kind"], r["author"], r["from_status"], r["to_status"], r["text"])
        for r in rows
    ]


def _select_cases() -> Any:
    return select(
        cases,
        contacts.c.external_id.label("customer"),
        contacts.c.kind.label("customer_kind"),
        contacts.c.company,
        contacts.c.person.label("contact_person"),
        waves.c.label.label("wave"),
        people.c.external_id.label("assignee"),
        people.c.name.label("assignee_name"),
    ).select_from(
        cases.outerjoin(contacts, cases.c.contact_id == contacts.c.id)
        .outerjoin(waves, cases.c.wave_id == waves.c.id)
        .outerjoin(people, cases.c.assignee_id == people.c.id)
    )


def _case(row: RowMapping) -> Case:
    return Case(
        id=row["id"],
        org_id=row["org_id"],
        status=CaseStatus(row["status"]),
        priority=Priority(row["priority"]),
        reasons=tuple(Reason(**r) for r in json.loads(row["reasons"])),
        opened_at=row["opened_at"],
        due_at=row["due_at"],
        updated_at=row["updated_at"],
        escalated_at=row["escalated_at"],
        customer=row["customer"],
        customer_kind=row["customer_kind"],
        company=row["company"],
        contact_person=row["contact_person"],
        wave=row["wave"],
        assignee=row["assignee"],
        assignee_name=row["assignee_name"],
        abc_class=row["abc_class"],
        clv=row["clv"],
    )


def get_case(conn: Connection, *, org_id: int, case_id: int) -> Case:
    row = (
        conn.execute(_select_cases().where(cases.c.id == case_id, cases.c.org_id == org_id))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(
            f"no case {case_id} in this organisation",
            key="err.cases.no_case_organisation",
            params={"case_id": case_id},
        )
    return _case(row)


@dataclass(frozen=True)
class CaseFilter:
    """Which cases to list; ``None`` fields do not filter. ``overdue_at`` keeps only cases still
    active and past their due date at that moment."""

    statuses: frozenset[CaseStatus] | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    overdue_at: datetime | None = None


def list_cases(conn: Connection, *, org_id: int, where: CaseFilter) -> list[Case]:
    query = _select_cases().where(cases.c.org_id == org_id)
    if where.statuses is not None:
        query = query.where(cases.c.status.in_([s.value for s in where.statuses]))
    if where.assignee_id is not None:
        query = query.where(cases.c.assignee_id == where.assignee_id)
    if where.unassigned:
        query = query.where(cases.c.assignee_id.is_(None))
    if where.overdue_at is not None:
        query = query.where(
            cases.c.status.in_([s.value for s in ACTIVE_STATUSES]),
            cases.c.due_at < where.overdue_at,
        )
    rows = conn.execute(query.order_by(cases.c.due_at, cases.c.id)).mappings()
    return [_case(row) for row in rows]


def change_status(
    conn: Connection, *, case_id: int, current: CaseStatus, wanted: CaseStatus, now: datetime
) -> bool:
    """Move the case only if it is still ``current``: two advocates acting at once cannot both
    win, the second is told the case moved meanwhile."""
    result = conn.execute(
        update(cases)
        .where(cases.c.id == case_id, cases.c.status == current.value)
        .values(status=wanted.value, updated_at=now)
    )
    return bool(result.rowcount)


def update_case(conn: Connection, *, case_id: int, values: Mapping[str, Any]) -> None:
    conn.execute(update(cases).where(cases.c.id == case_id).values(**values))


def mark_escalated(conn: Connection, *, case_id: int, now: datetime) -> bool:
    """``False`` when another worker escalated the case first (each case escalates once)."""
    result = conn.execute(
        update(cases)
        .where(cases.c.id == case_id, cases.c.escalated_at.is_(None))
        .values(escalated_at=now, updated_at=now)
    )
    return bool(result.rowcount)


def overdue_unescalated(conn: Connection, *, org_id: int | None, now: datetime) -> list[Case]:
    query = _select_cases().where(
        cases.c.status.in_([s.value for s in ACTIVE_STATUSES]),
        cases.c.due_at < now,
        cases.c.escalated_at.is_(None),
    )
    if org_id is not None:
        query = query.where(cases.c.org_id == org_id)
    return [_case(row) for row in conn.execute(query.order_by(cases.c.id)).mappings()]


def least_loaded_advocate(conn: Connection, *, org_id: int) -> int | None:
    """The advocate with the fewest active cases (ties: the smallest external id)."""
    advocates = program_repo.team(conn, org_id=org_id, role=ProgramRole.ADVOCATE)
    if not advocates:
        return None
    ids = {
        m.external_id: program_repo.person_id(conn, org_id=org_id, external_id=m.external_id)
        for m in advocates
    }
    rows = conn.execute(
        select(cases.c.assignee_id, func.count())
        .where(
            cases.c.org_id == org_id,
            cases.c.status.in_([s.value for s in ACTIVE_STATUSES]),
            cases.c.assignee_id.in_(list(ids.values())),
        )
        .group_by(cases.c.assignee_id)
    ).all()
    load = {int(person): int(n) for person, n in rows}
    chosen = min(sorted(ids), key=lambda ext: load.get(ids[ext], 0))
    return ids[chosen]


@dataclass(frozen=True)
class CaseResponse:
    """The response behind a case, for the advocate to read."""

    wave_mode: WaveMode
    answers: str
    instrument: str


def case_response(conn: Connection, *, case_id: int) -> CaseResponse | None:
    row = conn.execute(
        select(waves.c.mode, responses.c.answers, instrument_versions.c.content)
        .select_from(
            cases.join(responses, cases.c.response_id == responses.c.id)
            .join(waves, responses.c.wave_id == waves.c.id)
            .join(instrument_versions, waves.c.instrument_version_id == instrument_versions.c.id)
        )
        .where(cases.c.id == case_id)
    ).first()
    if row is None:
        return None
    return CaseResponse(WaveMode(row[0]), row[1], row[2])


def person_email(conn: Connection, *, person: int | None) -> str | None:
    if person is None:
        return None
    found = conn.execute(select(people.c.email).where(people.c.id == person)).scalar()
    return None if found is None else str(found)


def org_slug(conn: Connection, *, org_id: int) -> str:
    return str(
        conn.execute(select(organisations.c.slug).where(organisations.c.id == org_id)).scalar_one()
    )
