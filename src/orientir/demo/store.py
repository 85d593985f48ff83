"""Writing a generated company into the application database, in bulk.

The demo stores thousands of answers; going through the respondent services one submission at a
time would take minutes, so this module writes closed waves, their invitations and their
responses with one multi-row statement each — through the same tables and repositories the
application uses, so everything afterwards reads them exactly as it reads real answers.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert

from orientir.domain.organisations import Contact, ContactKind, Person, slugify
from orientir.domain.waves import WaveMode, WaveStatus
from orientir.instruments.model import Instrument
from orientir.services.instruments import canonical_json
from orientir.services.waves import token_hash
from orientir.storage import organisations as org_repo
from orientir.storage import people as people_repo
from orientir.storage import waves as wave_repo
from orientir.storage.tables import invitations, responses


@dataclass(frozen=True)
class Answered:
    """One response of a generated wave."""

    respondent: str | None  # external id of the person or contact; None for anonymous waves
    department: str | None
    answers: dict[str, Any]


@dataclass(frozen=True)
class GeneratedWave:
    label: str
    instrument: Instrument
    mode: WaveMode
    opens_on: date
    closes_on: date
    invited: Sequence[str]  # external ids; empty for anonymous waves
    answered: Sequence[Answered]
    contacts_not_people: bool = False


def store_organisation(
    conn: Connection, *, name: str, founded: int, headcount: int, sector: str
) -> int:
    return org_repo.create_organisation(
        conn, name=name, slug=slugify(name), founded=founded, headcount=headcount, sector=sector
    ).id


def store_people(conn: Connection, *, org_id: int, persons: Sequence[Person]) -> None:
    people_repo.save_people(conn, org_id=org_id, persons=persons)


def store_contacts(conn: Connection, *, org_id: int, contacts: Sequence[Contact]) -> None:
    people_repo.save_contacts(conn, org_id=org_id, items=contacts)


def store_wave(conn: Connection, *, org_id: int, wave: GeneratedWave) -> int:
    """A closed wave with its invitations and responses; returns the number of responses."""
    instrument = wave.instrument
    version = wave_repo.store_instrument_version(
        conn,
        ref=instrument.ref,
        fingerprint=instrument.fingerprint,
        content=canonical_json(instrument),
    )
    anonymous = wave.mode is WaveMode.ANONYMOUS
    stored = wave_repo.insert_wave(
        conn,
        org_id=org_id,
        label=wave.label,
        instrument_version_id=version,
        mode=wave.mode,
        audience="all",
        opens_on=wave.opens_on,
        closes_on=wave.closes_on,
        shared_token_hash=token_hash(secrets.token_urlsafe(24)) if anonymous else None,
    )
    wave_repo.set_wave_status(conn, wave_id=stored.id, status=WaveStatus.CLOSED)
    departments = org_repo.department_ids(conn, org_id=org_id)
    invitation_ids: dict[str, int] = {}
    if not anonymous and wave.invited:
        ids = wave_repo.respondent_ids(
            conn, org_id=org_id, contacts_not_people=wave.contacts_not_people
        )
        link = "contact_id" if wave.contacts_not_people else "person_id"
        answered = {a.respondent for a in wave.answered}
        rows = [
            {
                "wave_id": stored.id,
                "token_hash": token_hash(secrets.token_urlsafe(24)),
                link: ids[ext],
                "status": "completed" if ext in answered else "invited",
            }
            for ext in wave.invited
        ]
        result = conn.execute(
            insert(invitations).returning(invitations.c.id, sort_by_parameter_order=True), rows
        )
        invitation_ids = dict(zip(wave.invited, result.scalars().all(), strict=True))
    rows_out = [
        {
            "wave_id": stored.id,
            "invitation_id": None if anonymous else invitation_ids.get(a.respondent or ""),
            "department_id": None if anonymous else departments.get(a.department or ""),
            "complete": True,
            "answers": json.dumps(a.answers, ensure_ascii=False),
            "submitted_on": wave.closes_on,
            "idempotency_key": None,
        }
        for a in wave.answered
    ]
    if rows_out:
        conn.execute(insert(responses), rows_out)
    return len(rows_out)


def as_person(employee: Any) -> Person:
    return Person(
        external_id=employee.external_id,
        name=employee.name,
        email=employee.email,
        department=employee.department,
        manager_external_id=employee.manager,
        hire_date=employee.hire_date,
        role=employee.role,
    )


def as_contact(external_id: str, kind: ContactKind, company: str, email: str) -> Contact:
    return Contact(external_id=external_id, kind=kind, company=company, email=email)
