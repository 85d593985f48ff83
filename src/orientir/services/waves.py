"""Waves: create one for an audience, open and close it, and watch it fill.

Confidential and identified waves issue one single-use token per invited person (or contact):
192 random bits from :mod:`secrets`, of which only the SHA-256 hash is stored, so a copy of the
database cannot be used to answer in someone's name. Anonymous waves issue one shared token and
keep no link between an answer and a person.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, select

from orientir.config import Limits
from orientir.domain.waves import Audience, Wave, WaveMode, WaveProgress, WaveStatus
from orientir.errors import InvalidInput
from orientir.instruments.model import Instrument, Stakeholder
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._records import Column, parse_table
from orientir.services.audit import Action, Actor, record
from orientir.services.instruments import canonical_json, resolve_instrument, thaw
from orientir.services.tabular import read_table
from orientir.storage import organisations as org_repo
from orientir.storage import waves as repo
from orientir.storage.database import Database
from orientir.storage.tables import contacts, departments, people

TOKEN_BYTES = 24  # 192 bits: unguessable, and short enough for a link
CONTACT_STAKEHOLDERS = {
    Stakeholder.CUSTOMERS: "customer",
    Stakeholder.PARTNERS: "partner",
    Stakeholder.OTHER: "other",
}


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewWave:
    org: str
    instrument: str  # name, name@version or a YAML file
    audience: str = "all"
    mode: WaveMode | None = None  # None: the instrument's default privacy
    label: str | None = None
    opens_on: date | None = None
    closes_on: date | None = None


@dataclass(frozen=True)
class Invitation:
    """A link to hand to one respondent; the token is shown once and never stored."""

    respondent: str  # external id of the person or contact
    email: str | None
    token: str


@dataclass(frozen=True)
class CreatedWave:
    wave: Wave
    invitations: list[Invitation] = field(default_factory=list)
    shared_token: str | None = None


def _audience_ids(path: Path, limits: Limits) -> set[str]:
    table = read_table(path, limits)
    parsed = parse_table(
        table,
        [Column("external_id", ("id", "код", "ид", "табельный номер"), required=True)],
        limits,
    )
    return {r["external_id"] for r in parsed.records if r.get("external_id")}


def _invitees(
    conn: Connection, *, org_id: int, instrument: Instrument, audience: Audience, limits: Limits
) -> list[tuple[str, str | None, dict[str, int]]]:
    """``(external id, e-mail, {"person_id"|"contact_id": id})`` of everyone invited."""
    kind = CONTACT_STAKEHOLDERS.get(instrument.stakeholder)
    if kind is not None:
        if audience.kind == "department":
            raise InvalidInput(
                "a department audience applies to employees, not to contacts",
                key="err.waves.department_audience_applies_employees",
            )
        query = select(contacts.c.id, contacts.c.external_id, contacts.c.email).where(
            contacts.c.org_id == org_id, contacts.c.kind == kind
        )
        key = "contact_id"
    else:
        query = (
            select(people.c.id, people.c.external_id, people.c.email)
            .select_from(people.outerjoin(departments))
            .where(people.c.org_id == org_id, people.c.active.is_(True))
        )
        key = "person_id"
        if audience.kind == "department":
            path = audience.value or ""
            query = query.where(
                (departments.c.path == path) | departments.c.path.startswith(path + "/")
            )
    rows = conn.execute(query.order_by(query.selected_columns[1])).all()
    if audience.kind == "file":
        wanted = _audience_ids(Path(audience.value or ""), limits)
        found = {ext for _, ext, _ in rows}
        unknown = sorted(wanted - found)
        if unknown:
            shown = ", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "")
            raise InvalidInput(
                f"the audience file names {len(unknown)} unknown ids: {shown}",
                key="err.waves.audience_file_names_unknown",
                params={"count": len(unknown), "shown": shown},
            )
        rows = [r for r in rows if r[1] in wanted]
    if not rows:
        raise InvalidInput(
            f"the audience {audience} has nobody in it",
            key="err.waves.audience_nobody",
            params={"audience": audience},
        )
    return [(ext, email, {key: row_id}) for row_id, ext, email in rows]


def create_wave(
    db: Database, new: NewWave, *, limits: Limits, actor: Actor | None = None
) -> CreatedWave:
    instrument = resolve_instrument(new.instrument)
    mode = new.mode or WaveMode(instrument.privacy.value)
    audience = Audience.parse(new.audience)
    if new.opens_on and new.closes_on and new.closes_on < new.opens_on:
        raise InvalidInput(
            "the wave closes before it opens", key="err.waves.wave_closes_before_opens"
        )
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, new.org)
        label = new.label or f"{instrument.id}-{repo.count_waves(conn, org_id=organisation.id) + 1}"
        version_id = repo.store_instrument_version(
            conn,
            ref=instrument.ref,
            fingerprint=instrument.fingerprint,
            content=canonical_json(instrument),
        )
        shared = new_token() if mode is WaveMode.ANONYMOUS else None
        if mode is WaveMode.ANONYMOUS and audience.kind != "all":
            # A shared link reaches whoever holds it; naming an audience would suggest otherwise.
            raise InvalidInput(
                "an anonymous wave has one shared link: its audience must be 'all'",
                key="err.waves.anonymous_wave_shared_link",
            )
        wave = repo.insert_wave(
            conn,
            org_id=organisation.id,
            label=label,
            instrument_version_id=version_id,
            mode=mode,
            audience=str(audience),
            opens_on=new.opens_on,
            closes_on=new.closes_on,
            shared_token_hash=token_hash(shared) if shared else None,
        )
        issued: list[Invitation] = []
        if mode is not WaveMode.ANONYMOUS:
            invitees = _invitees(
                conn,
                org_id=organisation.id,
                instrument=instrument,
                audience=audience,
                limits=limits,
            )
            rows = []
            for ext, email, link in invitees:
                token = new_token()
                issued.append(Invitation(ext, email, token))
                rows.append({"token_hash": token_hash(token), **link})
            repo.insert_invitations(conn, wave_id=wave.id, rows=rows)
        record(
            conn,
            actor,
            Action.WAVE_CREATE,
            org_id=organisation.id,
            object_type="wave",
            object_id=wave.label,
        )
    return CreatedWave(wave=wave, invitations=issued, shared_token=shared)


def _change_status(
    db: Database, *, org: str, wave: str, to: WaveStatus, actor: Actor | None = None
) -> Wave:
    allowed = {WaveStatus.OPEN: {WaveStatus.DRAFT}, WaveStatus.CLOSED: {WaveStatus.OPEN}}
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_wave(conn, org_id=organisation.id, reference=wave)
        if found.status is to:
            return found
        if found.status not in allowed[to]:
            raise InvalidInput(
                f"wave {found.label!r} is {found.status.value}; it cannot become {to.value}",
                key="err.waves.wave_cannot_become",
                params={"label": found.label, "status": found.status.value, "wanted": to.value},
            )
        repo.set_wave_status(conn, wave_id=found.id, status=to)
        action = Action.WAVE_OPEN if to is WaveStatus.OPEN else Action.WAVE_CLOSE
        record(
            conn, actor, action, org_id=organisation.id, object_type="wave", object_id=found.label
        )
        return repo.get_wave(conn, org_id=organisation.id, reference=str(found.id))


def open_wave(db: Database, *, org: str, wave: str, actor: Actor | None = None) -> Wave:
    """Open a draft wave; from now on its questionnaire is frozen and answers are accepted."""
    return _change_status(db, org=org, wave=wave, to=WaveStatus.OPEN, actor=actor)


def close_wave(db: Database, *, org: str, wave: str, actor: Actor | None = None) -> Wave:
    return _change_status(db, org=org, wave=wave, to=WaveStatus.CLOSED, actor=actor)


def list_waves(db: Database, *, org: str) -> list[Wave]:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.list_waves(conn, org_id=organisation.id)


def find_wave(db: Database, *, org: str, wave: str) -> Wave:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.get_wave(conn, org_id=organisation.id, reference=wave)


def wave_progress(db: Database, *, org: str, wave: str) -> WaveProgress:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_wave(conn, org_id=organisation.id, reference=wave)
        return repo.progress(conn, wave=found)


def wave_instrument(db: Database, *, wave: Wave) -> Instrument:
    with db.engine.connect() as conn:
        return thaw(repo.instrument_content(conn, wave_id=wave.id))
