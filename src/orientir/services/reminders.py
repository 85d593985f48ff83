"""Reminding the invitees of an open wave who have not finished yet.

Tokens are kept only as hashes, so a reminder cannot repeat the first link: each unfinished
invitation gets a new token and the old link stops working. Answers saved under the old link
stay with the invitation, so the respondent goes on where they stopped. orientir does not send
e-mail itself yet; the caller hands the new links out.
"""

from __future__ import annotations

from orientir.domain.waves import WaveMode, WaveStatus
from orientir.errors import InvalidInput
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.audit import Action, Actor, record
from orientir.services.waves import Invitation, new_token, token_hash
from orientir.storage import organisations as org_repo
from orientir.storage import reminders as repo
from orientir.storage import waves as wave_repo
from orientir.storage.database import Database


def remind(db: Database, *, org: str, wave: str, actor: Actor | None = None) -> list[Invitation]:
    """New links for everyone invited to ``wave`` who has not completed it."""
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = wave_repo.get_wave(conn, org_id=organisation.id, reference=wave)
        if found.mode is WaveMode.ANONYMOUS:
            raise InvalidInput(
                "an anonymous wave has one shared link: share it again",
                key="err.reminders.anonymous_wave_shared_link",
            )
        if found.status is not WaveStatus.OPEN:
            raise InvalidInput(
                f"wave {found.label!r} is {found.status.value}; only an open one",
                key="err.reminders.wave_only_open",
                params={"label": found.label, "status": found.status.value},
            )
        issued: list[Invitation] = []
        for pending in repo.pending_invitations(conn, wave_id=found.id):
            token = new_token()
            repo.replace_token_hash(conn, invitation_id=pending.id, token_hash=token_hash(token))
            issued.append(Invitation(pending.respondent or "", pending.email, token))
        record(
            conn,
            actor,
            Action.WAVE_REMIND,
            org_id=organisation.id,
            object_type="wave",
            object_id=found.label,
        )
    return issued
