"""Frozen instrument versions, waves, invitations and responses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, or_, select, update

from orientir.domain.waves import InvitationStatus, Wave, WaveMode, WaveProgress, WaveStatus
from orientir.errors import AlreadyExists, NotFound
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.tables import (
    contacts,
    departments,
    instrument_versions,
    invitations,
    people,
    responses,
    waves,
)


def store_instrument_version(conn: Connection, *, ref: str, fingerprint: str, content: str) -> int:
    """The id of the stored ``ref``; stores it on first use. One ref never changes content."""
    row = conn.execute(
        select(instrument_versions.c.id, instrument_versions.c.fingerprint).where(
            instrument_versions.c.ref == ref
        )
    ).first()
    if row is not None:
        if row.fingerprint != fingerprint:
            raise AlreadyExists(
                f"{ref} is stored with different content; a changed instrument needs a new version",
                key="err.waves.stored_different_content_changed",
                params={"ref": ref},
            )
        return int(row.id)
    return int(
        conn.execute(
            insert(instrument_versions)
            .values(ref=ref, fingerprint=fingerprint, content=content)
            .returning(instrument_versions.c.id)
        ).scalar_one()
    )


def instrument_content(conn: Connection, *, wave_id: int) -> str:
    return str(
        conn.execute(
            select(instrument_versions.c.content)
            .select_from(waves.join(instrument_versions))
            .where(waves.c.id == wave_id)
        ).scalar_one()
    )


_WAVE_COLUMNS = (waves, instrument_versions.c.ref.label("instrument_ref"))


def _wave(row: RowMapping) -> Wave:
    return Wave(
        id=row["id"],
        org_id=row["org_id"],
        label=row["label"],
        instrument_ref=row["instrument_ref"],
        mode=WaveMode(row["mode"]),
        audience=row["audience"],
        status=WaveStatus(row["status"]),
        opens_on=row["opens_on"],
        closes_on=row["closes_on"],
    )


def _select_waves() -> Any:
    return select(*_WAVE_COLUMNS).select_from(waves.join(instrument_versions))


def insert_wave(
    conn: Connection,
    *,
    org_id: int,
    label: str,
    instrument_version_id: int,
    mode: WaveMode,
    audience: str,
    opens_on: date | None,
    closes_on: date | None,
    shared_token_hash: str | None,
) -> Wave:
    taken = conn.execute(
        select(waves.c.id).where(waves.c.org_id == org_id, waves.c.label == label)
    ).first()
    if taken is not None:
        raise AlreadyExists(
            f"a wave labelled {label!r} already exists",
            key="err.waves.wave_labelled_already_exists",
            params={"label": label},
        )
    wave_id = conn.execute(
        insert(waves)
        .values(
            org_id=org_id,
            label=label,
            instrument_version_id=instrument_version_id,
            mode=mode.value,
            audience=audience,
            status=WaveStatus.DRAFT.value,
            opens_on=opens_on,
            closes_on=closes_on,
            shared_token_hash=shared_token_hash,
        )
        .returning(waves.c.id)
    ).scalar_one()
    return get_wave(conn, org_id=org_id, reference=str(wave_id))


def get_wave(conn: Connection, *, org_id: int, reference: str) -> Wave:
    """By label or numeric id, within the organisation only."""
    condition = waves.c.label == reference
    if reference.isascii() and reference.isdigit():  # '¹'.isdigit(), but int('¹') fails
        condition = or_(condition, waves.c.id == int(reference))
    row = (
        conn.execute(_select_waves().where(waves.c.org_id == org_id, condition)).mappings().first()
    )
    if row is None:
        raise NotFound(
            f"no wave {reference!r} in this organisation",
            key="err.waves.no_wave_organisation",
            params={"reference": reference},
        )
    return _wave(row)


def list_waves(conn: Connection, *, org_id: int) -> list[Wave]:
    rows = conn.execute(
        _select_waves().where(waves.c.org_id == org_id).order_by(waves.c.closes_on, waves.c.id)
    ).mappings()
    return [_wave(row) for row in rows]


def count_waves(conn: Connection, *, org_id: int) -> int:
    return int(conn.execute(select(func.count()).where(waves.c.org_id == org_id)).scalar_one())


def set_wave_status(conn: Connection, *, wave_id: int, status: WaveStatus) -> None:
    conn.execute(update(waves).where(waves.c.id == wave_id).values(status=status.value))


def insert_invitations(conn: Connection, *, wave_id: int, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(
            insert(invitations),
            [{**row, "wave_id": wave_id, "status": InvitationStatus.INVITED.value} for row in rows],
        )


@dataclass(frozen=True)
class InvitationRow:
    id: int
    wave_id: int
    status: InvitationStatus
    person_id: int | None
    contact_id: int | None


def find_invitation(conn: Connection, *, token_hash: str) -> InvitationRow | None:
    row = (
        conn.execute(select(invitations).where(invitations.c.token_hash == token_hash))
        .mappings()
        .first()
    )
    if row is None:
        return None
    return InvitationRow(
        row["id"],
        row["wave_id"],
        InvitationStatus(row["status"]),
        row["person_id"],
        row["contact_id"],
    )


def set_invitation_status(
    conn: Connection, *, invitation_id: int, status: InvitationStatus
) -> None:
    conn.execute(
        update(invitations).where(invitations.c.id == invitation_id).values(status=status.value)
    )


def wave_by_id(conn: Connection, *, wave_id: int) -> Wave:
    row = conn.execute(_select_waves().where(waves.c.id == wave_id)).mappings().one()
    return _wave(row)


def wave_by_shared_hash(conn: Connection, *, token_hash: str) -> Wave | None:
    row = (
        conn.execute(_select_waves().where(waves.c.shared_token_hash == token_hash))
        .mappings()
        .first()
    )
    return None if row is None else _wave(row)


def person_department(conn: Connection, *, person_id: int | None) -> int | None:
    if person_id is None:
        return None
    value = conn.execute(select(people.c.department_id).where(people.c.id == person_id)).scalar()
    return None if value is None else int(value)


@dataclass(frozen=True)
class ResponseRow:
    id: int
    complete: bool
    answers: str
    idempotency_key: str | None


def find_response(
    conn: Connection,
    *,
    wave_id: int,
    invitation_id: int | None = None,
    resume_key_hash: str | None = None,
    idempotency_key: str | None = None,
) -> ResponseRow | None:
    """The response of an invitation, of a resume key, or carrying an idempotency key."""
    query = select(responses).where(responses.c.wave_id == wave_id)
    if invitation_id is not None:
        query = query.where(responses.c.invitation_id == invitation_id)
    elif resume_key_hash is not None:
        query = query.where(responses.c.resume_key_hash == resume_key_hash)
    elif idempotency_key is not None:
        query = query.where(responses.c.idempotency_key == idempotency_key)
    else:
        raise ValueError("find_response needs one key")
    row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return ResponseRow(row["id"], row["complete"], row["answers"], row["idempotency_key"])


def insert_response(conn: Connection, **values: Any) -> int:
    return int(
        conn.execute(insert(responses).values(**values).returning(responses.c.id)).scalar_one()
    )


def update_response(conn: Connection, *, response_id: int, **values: Any) -> None:
    conn.execute(update(responses).where(responses.c.id == response_id).values(**values))


def progress(conn: Connection, *, wave: Wave) -> WaveProgress:
    invited = conn.execute(
        select(invitations.c.status, func.count())
        .where(invitations.c.wave_id == wave.id)
        .group_by(invitations.c.status)
    ).all()
    by_status = {status: int(n) for status, n in invited}
    answered = conn.execute(
        select(responses.c.complete, func.count())
        .where(responses.c.wave_id == wave.id)
        .group_by(responses.c.complete)
    ).all()
    by_complete = {bool(done): int(n) for done, n in answered}
    return WaveProgress(
        wave=wave.label,
        status=wave.status,
        invited=sum(by_status.values()) if wave.mode is not WaveMode.ANONYMOUS else None,
        started=by_complete.get(False, 0) + by_complete.get(True, 0),
        completed=by_complete.get(True, 0),
    )


@dataclass(frozen=True)
class StoredResponse:
    complete: bool
    answers: str
    submitted_on: date | None
    department: str | None
    respondent: str | None  # external id of the person or contact; None when not linked


def wave_responses(conn: Connection, *, wave_id: int) -> list[StoredResponse]:
    """Every response of the wave with its department path and respondent's external id."""
    query = (
        select(
            responses.c.complete,
            responses.c.answers,
            responses.c.submitted_on,
            departments.c.path,
            func.coalesce(people.c.external_id, contacts.c.external_id),
        )
        .select_from(
            responses.outerjoin(departments, responses.c.department_id == departments.c.id)
            .outerjoin(invitations, responses.c.invitation_id == invitations.c.id)
            .outerjoin(people, invitations.c.person_id == people.c.id)
            .outerjoin(contacts, invitations.c.contact_id == contacts.c.id)
        )
        .where(responses.c.wave_id == wave_id)
        .order_by(responses.c.id)
    )
    return [StoredResponse(bool(c), a, s, d, r) for c, a, s, d, r in conn.execute(query).all()]


def respondent_ids(conn: Connection, *, org_id: int, contacts_not_people: bool) -> dict[str, int]:
    """``external id → row id`` of the organisation's contacts (or people)."""
    table = contacts if contacts_not_people else people
    rows = conn.execute(select(table.c.external_id, table.c.id).where(table.c.org_id == org_id))
    return {ext: int(row_id) for ext, row_id in rows.all()}


def insert_used_invitation(
    conn: Connection, *, wave_id: int, token_hash: str, link: str, row_id: int
) -> int:
    """An already-completed invitation, linking an imported answer to who gave it."""
    return int(
        conn.execute(
            insert(invitations)
            .values(
                wave_id=wave_id,
                token_hash=token_hash,
                status=InvitationStatus.COMPLETED.value,
                **{link: row_id},
            )
            .returning(invitations.c.id)
        ).scalar_one()
    )
