"""Invitations that are still unanswered, and replacing their tokens for a reminder.

Only token hashes are stored, so a reminder cannot resend the original link: it issues a new
token for the same invitation. Answers saved so far belong to the invitation, not to the token,
so the respondent continues where they stopped.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update

from orientir.domain.waves import InvitationStatus
from orientir.storage.tables import contacts, invitations, people


@dataclass(frozen=True)
class PendingInvitation:
    id: int
    respondent: str | None  # external id of the person or contact
    email: str | None


def pending_invitations(conn: Connection, *, wave_id: int) -> list[PendingInvitation]:
    query = (
        select(
            invitations.c.id,
            func.coalesce(people.c.external_id, contacts.c.external_id),
            func.coalesce(people.c.email, contacts.c.email),
        )
        .select_from(
            invitations.outerjoin(people, invitations.c.person_id == people.c.id).outerjoin(
                contacts, invitations.c.contact_id == contacts.c.id
            )
        )
        .where(
            invitations.c.wave_id == wave_id,
            invitations.c.status != InvitationStatus.COMPLETED.value,
        )
        .order_by(invitations.c.id)
    )
    return [PendingInvitation(int(i), r, e) for i, r, e in conn.execute(query).all()]


def replace_token_hash(conn: Connection, *, invitation_id: int, token_hash: str) -> None:
    conn.execute(
        update(invitations).where(invitations.c.id == invitation_id).values(token_hash=token_hash)
    )
