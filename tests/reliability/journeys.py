"""What a crash test checks afterwards: every acknowledged survey submission is stored exactly
once, complete, with the answers its journey sent."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import create_engine, func, select, text

from orientir.storage.tables import invitations, responses
from tests.web.survey_helpers import pages as survey_pages

INSTRUMENT = "employee-co@1"


def idempotency_key(token: str) -> str:
    return f"crash-{token[:20]}"


def check_stored(url: str, acknowledged: set[str]) -> None:
    forms = survey_pages(INSTRUMENT)
    sent = {item: str(value) for form in forms for item, value in form.items()}
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    invitations.c.token_hash,
                    invitations.c.status,
                    responses.c.complete,
                    responses.c.answers,
                    responses.c.idempotency_key,
                ).join(responses, responses.c.invitation_id == invitations.c.id)
            ).all()
            per_invitation = conn.execute(
                select(responses.c.invitation_id, func.count())
                .group_by(responses.c.invitation_id)
                .having(func.count() > 1)
            ).all()
            complete = conn.execute(
                select(func.count()).select_from(responses).where(responses.c.complete.is_(True))
            ).scalar_one()
            if engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    finally:
        engine.dispose()
    assert per_invitation == []  # no invitation has two responses
    by_hash = {row.token_hash: row for row in rows}
    for token in acknowledged:  # every acknowledged submission is there, complete, as sent
        row = by_hash[hashlib.sha256(token.encode()).hexdigest()]
        assert row.status == "completed"
        assert row.complete is True
        assert row.idempotency_key == idempotency_key(token)
        stored = {k: str(v) for k, v in json.loads(row.answers).items()}
        assert stored == sent, (sorted(set(sent.items()) ^ set(stored.items())), row)
    assert complete == len(acknowledged)  # and exactly once: nothing else completed
