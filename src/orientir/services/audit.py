"""The audit log of administrative actions: who did what, to which object, when, from where.

An event is written by the service that performs the action, on the *same connection and
transaction*: an action that rolls back leaves no event, and an event never exists without its
action. The record holds identifiers only — a wave's label, a role name, an e-mail of a staff
user — never answers, comments, passwords, tokens or session ids.

Actions are named ``noun.verb`` (:class:`Action`). The actor comes from the interface: the web
and the API pass the signed-in user and the client's address (:class:`Actor`); a call without
one (the command line, a script on the server) is recorded as ``system``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection

from orientir.services._clock import utc_now
from orientir.storage import audit as repo
from orientir.storage import audit_chain
from orientir.storage import organisations as org_repo
from orientir.storage.database import Database


class Action(StrEnum):
    ORG_CREATE = "org.create"
    USER_CREATE = "user.create"
    USER_PASSWORD = "user.password"
    ROLE_GRANT = "role.grant"
    ROLE_REVOKE = "role.revoke"
    PEOPLE_IMPORT = "people.import"
    CONTACTS_IMPORT = "contacts.import"
    WAVE_CREATE = "wave.create"
    WAVE_OPEN = "wave.open"
    WAVE_CLOSE = "wave.close"
    WAVE_REMIND = "wave.remind"
    TOKEN_CREATE = "token.create"
    TOKEN_REVOKE = "token.revoke"
    RESPONSES_EXPORT = "responses.export"
    REPORT_DOWNLOAD = "report.download"
    INITIATIVE_CREATE = "initiative.create"
    INITIATIVE_UPDATE = "initiative.update"
    MILESTONE_ADD = "milestone.add"
    MILESTONE_DONE = "milestone.done"
    MILESTONE_UNDONE = "milestone.undone"
    PROGRAM_ROLE_GRANT = "program_role.grant"
    PROGRAM_ROLE_REVOKE = "program_role.revoke"
    CASE_RULES_SET = "case_rules.set"
    NOTIFICATIONS_REPLAY = "notifications.replay"
    CHANNEL_ADD = "channel.add"
    CHANNEL_REMOVE = "channel.remove"


VIAS = ("web", "api", "system")


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user (through ``web`` or ``api``) or ``system``."""

    user_id: int | None = None
    email: str = "system"
    via: str = "system"
    address: str | None = None


SYSTEM = Actor()


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    via: str
    action: str
    object_type: str
    object_id: str | None
    address: str | None


def record(
    conn: Connection,
    actor: Actor | None,
    action: Action,
    *,
    org_id: int | None,
    object_type: str,
    object_id: str | int | None = None,
    now: datetime | None = None,
) -> None:
    """Write one event on ``conn`` — call it inside the action's own transaction."""
    who = actor or SYSTEM
    repo.insert_event(
        conn,
        org_id=org_id,
        actor_user_id=who.user_id,
        actor=who.email,
        via=who.via if who.via in VIAS else "system",
        action=action.value,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        address=who.address,
        now=now or utc_now(),
    )


def record_now(
    db: Database,
    actor: Actor | None,
    action: Action,
    *,
    org_id: int | None,
    object_type: str,
    object_id: str | int | None = None,
) -> None:
    """An event of an action that writes nothing else (an export, a download)."""
    with db.engine.begin() as conn:
        record(conn, actor, action, org_id=org_id, object_type=object_type, object_id=object_id)


def list_events(
    db: Database, *, org: str | None, limit: int = 200, before_id: int | None = None
) -> list[AuditEvent]:
    """The newest events of ``org`` (slug, name or id); ``None``: those of no organisation
    (API tokens, new users). Callers check that the reader may see them (owners only)."""
    limit = max(1, min(limit, 10_000))
    with db.engine.connect() as conn:
        org_id = org_repo.find_organisation(conn, org).id if org is not None else None
        rows = repo.events(conn, org_id=org_id, limit=limit, before_id=before_id)
    return [
        AuditEvent(
            r.id, r.created_at, r.actor, r.via, r.action, r.object_type, r.object_id, r.address
        )
        for r in rows
    ]


ChainCheck = audit_chain.ChainCheck


def verify_chain(db: Database, *, org: str | None) -> ChainCheck:
    """Recompute the hash chain of ``org``'s events (``None``: those of no organisation) and
    say where it first breaks, if it does: an edited or removed event (storage/audit_chain.py).
    Callers check that the reader may see the log (owners only)."""
    with db.engine.connect() as conn:
        org_id = org_repo.find_organisation(conn, org).id if org is not None else None
        return audit_chain.verify(conn, org_id)
