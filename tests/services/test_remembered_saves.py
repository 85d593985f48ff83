"""Page saves on a link this process saved last (services.responding's ``_SAVED``): the next
save — and the submit — updates the response without looking the link up, and only while the
response is exactly as this process left it, its invitation still the token's and its wave
open. Every other case goes the usual way, and nothing is lost or written where it must not
be."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from orientir.errors import SurveyUnavailable
from orientir.services import responding
from orientir.services.responding import (
    InvalidAnswers,
    PageSave,
    SurveySession,
    save_page,
    submit_answers,
)
from orientir.services.waves import NewWave, close_wave, create_wave, open_wave, token_hash
from orientir.storage import survey_links
from orientir.storage.database import Database
from orientir.storage.tables import invitations, responses
from tests.services.test_waves_and_answers import FULL, LIMITS, TODAY
from tests.services.test_waves_and_answers import org as org


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The token hashes looked up by a page save, in order (the lookup is wrapped, not
    replaced)."""
    seen: list[str] = []
    real = survey_links.by_invitation

    def counted(conn: Any, *, token_hash: str) -> Any:
        seen.append(token_hash)
        return real(conn, token_hash=token_hash)

    monkeypatch.setattr(survey_links, "by_invitation", counted)
    return seen


def _tokens(db: Database, org: str, label: str = "w") -> list[str]:
    created = create_wave(db, NewWave(org, "employee-co", label=label), limits=LIMITS)
    open_wave(db, org=org, wave=label)
    return [invitation.token for invitation in created.invitations]


def _save(db: Database, token: str, answers: Mapping[str, Any]) -> PageSave:
    def read(_session: SurveySession) -> Mapping[str, Any]:
        return answers

    return save_page(db, token=token, read=read, today=TODAY)


def _stored(db: Database, token: str) -> tuple[bool, dict[str, Any]]:
    with db.engine.connect() as conn:
        complete, answers = conn.execute(
            select(responses.c.complete, responses.c.answers)
            .join(invitations, invitations.c.id == responses.c.invitation_id)
            .where(invitations.c.token_hash == token_hash(token))
        ).one()
    return bool(complete), json.loads(answers)


def test_the_next_page_is_saved_without_a_lookup(
    db: Database, org: str, lookups: list[str]
) -> None:
    token = _tokens(db, org)[0]
    first = _save(db, token, {"needs1": 4})
    assert set(lookups) == {token_hash(token)}  # (twice if the instrument was not yet parsed)
    looked_up = len(lookups)
    second = _save(db, token, {"needs2": 5})
    third = _save(db, token, {"needs1": 2, "needs3": 3})
    assert len(lookups) == looked_up  # no lookup after the first save
    assert first.receipt is not None
    assert second.receipt is not None
    assert third.receipt is not None
    assert second.session.answers == {"needs1": 4}  # the survey as it stood before that save
    assert third.session.answers == {"needs1": 4, "needs2": 5}
    assert _stored(db, token) == (False, {"needs1": 2, "needs2": 5, "needs3": 3})


def test_a_response_changed_elsewhere_is_read_afresh_and_nothing_is_lost(
    db: Database, org: str, lookups: list[str]
) -> None:
    """Another process (or device) saved a page in between: the remembered answers are stale,
    the save reads the link again and merges into what is stored."""
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    looked_up = len(lookups)
    with db.engine.begin() as conn:  # what another worker process's save would leave
        conn.execute(update(responses).values(answers=json.dumps({"needs1": 4, "needs2": 1})))
    saved = _save(db, token, {"needs3": 3})
    assert len(lookups) > looked_up  # read afresh
    assert saved.session.answers == {"needs1": 4, "needs2": 1}
    assert _stored(db, token) == (False, {"needs1": 4, "needs2": 1, "needs3": 3})


def test_a_closed_wave_takes_no_remembered_save(db: Database, org: str) -> None:
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    close_wave(db, org=org, wave="w")
    with pytest.raises(SurveyUnavailable, match="closed"):
        _save(db, token, {"needs2": 5})
    assert _stored(db, token) == (False, {"needs1": 4})


def test_a_wave_whose_closing_day_has_passed_takes_no_remembered_save(
    db: Database, org: str
) -> None:
    from orientir.storage.tables import waves

    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    with db.engine.begin() as conn:
        conn.execute(update(waves).values(closes_on=TODAY.replace(day=TODAY.day - 1)))
    with pytest.raises(SurveyUnavailable, match="closed"):
        _save(db, token, {"needs2": 5})
    assert _stored(db, token) == (False, {"needs1": 4})


def _delete_and_reissue(db: Database, deleted: str, reissued: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(delete(invitations).where(invitations.c.token_hash == token_hash(deleted)))
        conn.execute(
            update(invitations)
            .where(invitations.c.token_hash == token_hash(reissued))
            .values(token_hash=token_hash("a new token"))
        )


def test_a_deleted_or_reissued_invitation_takes_no_remembered_save(db: Database, org: str) -> None:
    """Deleting an invitation keeps its response (``invitation_id`` set to NULL); a new token
    replaces the old one. Either way the old token must not write to the response."""
    deleted, reissued = _tokens(db, org)[:2]
    _save(db, deleted, {"needs1": 4})
    _save(db, reissued, {"needs1": 3})
    _delete_and_reissue(db, deleted, reissued)
    for token in (deleted, reissued):
        with pytest.raises(SurveyUnavailable, match="unknown"):
            _save(db, token, {"needs2": 5})
    with db.engine.connect() as conn:
        stored = [json.loads(a) for a in conn.execute(select(responses.c.answers)).scalars()]
    assert sorted(answers["needs1"] for answers in stored) == [3, 4]
    assert all(len(answers) == 1 for answers in stored)  # neither changed


def test_after_the_submit_a_page_save_is_refused(db: Database, org: str) -> None:
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    assert token_hash(token) in responding._SAVED
    submit_answers(db, token=token, answers=FULL, idempotency_key="k", today=TODAY)
    assert token_hash(token) not in responding._SAVED  # the submit forgot it
    with pytest.raises(SurveyUnavailable, match="used"):
        _save(db, token, {"needs1": 1})
    assert _stored(db, token) == (True, FULL)


def test_a_submit_by_another_process_is_not_undone_by_a_remembered_save(
    db: Database, org: str
) -> None:
    """This process remembers the link; the submit came through another one, which this
    process's memory knows nothing about."""
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    remembered = responding._SAVED[token_hash(token)]
    submit_answers(db, token=token, answers=FULL, idempotency_key="k", today=TODAY)
    responding._SAVED[token_hash(token)] = remembered  # as if the submit ran elsewhere
    with pytest.raises(SurveyUnavailable, match="used"):
        _save(db, token, {"needs1": 1})
    assert _stored(db, token) == (True, FULL)


def test_answers_the_instrument_refuses_go_the_usual_way(db: Database, org: str) -> None:
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    refused = _save(db, token, {"needs2": 99})
    assert refused.receipt is None
    assert [problem.item for problem in refused.problems] == ["needs2"]
    assert _stored(db, token) == (False, {"needs1": 4})
    assert _save(db, token, {"needs2": 5}).receipt is not None
    assert _stored(db, token) == (False, {"needs1": 4, "needs2": 5})


def test_the_memory_is_bounded(
    db: Database, org: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(responding, "_SAVED", {})
    monkeypatch.setattr(responding, "_MAX_SAVED", 2)
    tokens = _tokens(db, org)[:3]
    for token in tokens:
        _save(db, token, {"needs1": 4})
        assert len(responding._SAVED) <= 2
    assert token_hash(tokens[2]) in responding._SAVED
    for token in tokens:  # remembered or not, every next save lands
        assert _save(db, token, {"needs2": 5}).receipt is not None
        assert _stored(db, token) == (False, {"needs1": 4, "needs2": 5})


def _invitation(db: Database, token: str) -> tuple[str, Any, Any]:
    """The invitation's status, with its response's ``submitted_on`` and idempotency key."""
    with db.engine.connect() as conn:
        status, submitted_on, key = conn.execute(
            select(invitations.c.status, responses.c.submitted_on, responses.c.idempotency_key)
            .join(responses, responses.c.invitation_id == invitations.c.id)
            .where(invitations.c.token_hash == token_hash(token))
        ).one()
    return str(status), submitted_on, key


def _submit(db: Database, token: str, key: str = "k") -> None:
    receipt = submit_answers(db, token=token, answers={}, idempotency_key=key, today=TODAY)
    assert receipt.complete


def test_the_submit_after_a_remembered_save_needs_no_lookup_and_is_stored_once(
    db: Database, org: str, lookups: list[str]
) -> None:
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4, "needs2": 5})
    _save(db, token, {"needs3": 4, "needs4": 2, "enps": 9})
    looked_up = len(lookups)
    _submit(db, token, "k")
    assert len(lookups) == looked_up  # the submit looked nothing up
    assert token_hash(token) not in responding._SAVED
    assert _stored(db, token) == (True, FULL)
    assert _invitation(db, token) == ("completed", TODAY, "k")
    _submit(db, token, "k")  # a retry: the usual way finds its own stored submission
    assert len(lookups) == looked_up + 1
    with pytest.raises(SurveyUnavailable, match="used"):
        _submit(db, token, "another key")
    assert _stored(db, token) == (True, FULL)
    assert _invitation(db, token) == ("completed", TODAY, "k")


def test_a_remembered_submit_with_answers_missing_is_refused_the_usual_way(
    db: Database, org: str, lookups: list[str]
) -> None:
    token = _tokens(db, org)[0]
    _save(db, token, {"needs1": 4})
    looked_up = len(lookups)
    with pytest.raises(InvalidAnswers) as refused:
        _submit(db, token)
    assert len(lookups) > looked_up  # the usual way told why
    assert {problem.item for problem in refused.value.problems} == {"enps"}  # required
    assert _stored(db, token) == (False, {"needs1": 4})
    assert _invitation(db, token) == ("started", None, None)
    _save(db, token, {key: value for key, value in FULL.items() if key != "needs1"})
    _submit(db, token)
    assert _stored(db, token) == (True, FULL)


def test_a_remembered_submit_of_a_response_changed_elsewhere_keeps_the_change(
    db: Database, org: str, lookups: list[str]
) -> None:
    """Another process saved a page after this one: submitting this process's copy would undo
    that page; the submit reads the response afresh instead."""
    token = _tokens(db, org)[0]
    _save(db, token, FULL)
    changed = {**FULL, "needs1": 1}
    with db.engine.begin() as conn:
        conn.execute(update(responses).values(answers=json.dumps(changed)))
    looked_up = len(lookups)
    _submit(db, token)
    assert len(lookups) > looked_up
    assert _stored(db, token) == (True, changed)


def test_a_closed_wave_takes_no_remembered_submit(db: Database, org: str) -> None:
    closed, passed = _tokens(db, org)[:2]
    _save(db, closed, FULL)
    _save(db, passed, FULL)
    from orientir.storage.tables import waves

    with db.engine.begin() as conn:
        conn.execute(update(waves).values(closes_on=TODAY.replace(day=TODAY.day - 1)))
    with pytest.raises(SurveyUnavailable, match="closed"):
        _submit(db, passed)
    close_wave(db, org=org, wave="w")
    with pytest.raises(SurveyUnavailable, match="closed"):
        _submit(db, closed)
    for token in (closed, passed):
        assert _stored(db, token) == (False, FULL)
        assert _invitation(db, token) == ("started", None, None)


def test_a_deleted_or_reissued_invitation_takes_no_remembered_submit(
    db: Database, org: str
) -> None:
    deleted, reissued = _tokens(db, org)[:2]
    _save(db, deleted, FULL)
    _save(db, reissued, FULL)
    _delete_and_reissue(db, deleted, reissued)
    for token in (deleted, reissued):
        with pytest.raises(SurveyUnavailable, match="unknown"):
            _submit(db, token)
    with db.engine.connect() as conn:
        assert conn.execute(select(responses.c.complete)).scalars().all() == [False, False]
        assert conn.execute(select(invitations.c.status)).scalars().all().count("completed") == 0


def test_a_submit_by_another_process_is_answered_not_repeated(db: Database, org: str) -> None:
    """This process remembers the link; the submit came through another one. A retry of that
    submit gets its receipt; a second submission is refused; the stored one stays as it was."""
    token = _tokens(db, org)[0]
    _save(db, token, FULL)
    remembered = responding._SAVED[token_hash(token)]
    _submit(db, token, "k")
    responding._SAVED[token_hash(token)] = remembered  # as if the submit ran elsewhere
    _submit(db, token, "k")
    responding._SAVED[token_hash(token)] = remembered
    with pytest.raises(SurveyUnavailable, match="used"):
        _submit(db, token, "another key")
    assert _stored(db, token) == (True, FULL)
    assert _invitation(db, token) == ("completed", TODAY, "k")
