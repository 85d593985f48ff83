"""Waves from creation to closing, and answers stored exactly once however often retried."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from orientir.config import Limits
from orientir.domain.waves import WaveMode, WaveStatus
from orientir.errors import AlreadyExists, InvalidInput, NotFound, SurveyUnavailable
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_contacts, import_people
from orientir.services.responding import (
    InvalidAnswers,
    open_survey,
    save_answers,
    submit_answers,
)
from orientir.services.waves import (
    NewWave,
    close_wave,
    create_wave,
    list_waves,
    open_wave,
    token_hash,
    wave_progress,
)
from orientir.storage.database import Database
from orientir.storage.tables import invitations, responses

LIMITS = Limits()
TODAY = date(2026, 3, 10)
STAFF = (
    "id,name,email,department,manager\n"
    "1,Анна,anna@example.ru,Продажи,\n"
    "2,Борис,boris@example.ru,Продажи/Москва,1\n"
    "3,Вера,,Продажи/Москва,2\n"
    "4,Глеб,,Сервис,1\n"
)
FULL = {"needs1": 4, "needs2": 5, "needs3": 4, "needs4": 2, "enps": 9}


@pytest.fixture
def org(db: Database, tmp_path: Path) -> str:
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_people(db, org=slug, path=staff, limits=LIMITS)
    return slug


def count(db: Database, table: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_confidential_wave_issues_one_unguessable_token_per_person(db: Database, org: str) -> None:
    created = create_wave(
        db, NewWave(org, "employee-co@1", mode=WaveMode.CONFIDENTIAL), limits=LIMITS
    )
    assert created.wave.status is WaveStatus.DRAFT
    assert created.shared_token is None
    assert [i.respondent for i in created.invitations] == ["1", "2", "3", "4"]
    tokens = {i.token for i in created.invitations}
    assert len(tokens) == 4
    assert all(len(t) >= 32 for t in tokens)  # 24 random bytes, base64url
    with db.engine.connect() as conn:
        stored = set(conn.execute(select(invitations.c.token_hash)).scalars())
    assert stored == {token_hash(t) for t in tokens}  # only hashes are kept
    assert not tokens & stored


def test_department_audience_takes_the_subtree(db: Database, org: str) -> None:
    created = create_wave(
        db, NewWave(org, "employee-co", audience="department:Продажи"), limits=LIMITS
    )
    assert [i.respondent for i in created.invitations] == ["1", "2", "3"]


def test_file_audience_and_unknown_ids(db: Database, org: str, tmp_path: Path) -> None:
    listing = tmp_path / "who.csv"
    listing.write_text("id\n2\n4\n", encoding="utf-8")
    created = create_wave(
        db, NewWave(org, "employee-co", audience=f"file:{listing}"), limits=LIMITS
    )
    assert [i.respondent for i in created.invitations] == ["2", "4"]
    listing.write_text("id\n2\n99\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="1 unknown ids: 99"):
        create_wave(
            db, NewWave(org, "employee-co", audience=f"file:{listing}", label="x"), limits=LIMITS
        )


def test_customer_waves_invite_contacts(db: Database, org: str, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "id,kind,email\nC1,customer,c1@x.ru\nP1,partner,\nC2,customer,\n", encoding="utf-8"
    )
    import_contacts(db, org=org, path=path, limits=LIMITS)
    created = create_wave(
        db, NewWave(org, "customer-view", mode=WaveMode.CONFIDENTIAL), limits=LIMITS
    )
    assert [(i.respondent, i.email) for i in created.invitations] == [
        ("C1", "c1@x.ru"),
        ("C2", None),
    ]


def test_lifecycle_and_progress(db: Database, org: str) -> None:
    created = create_wave(db, NewWave(org, "employee-co", label="q1"), limits=LIMITS)
    token = created.invitations[0].token
    with pytest.raises(SurveyUnavailable) as caught:
        open_survey(db, token=token, today=TODAY)
    assert caught.value.reason == "not_open"
    assert open_wave(db, org=org, wave="q1").status is WaveStatus.OPEN
    save_answers(db, token=token, answers={"needs1": 4}, today=TODAY)
    session = open_survey(db, token=token, today=TODAY)
    assert session.answers == {"needs1": 4}  # resumes where it stopped
    assert session.instrument.ref == "employee-co@1"
    save_answers(db, token=created.invitations[1].token, answers={"needs2": 3}, today=TODAY)
    submit_answers(
        db,
        token=token,
        answers={k: v for k, v in FULL.items() if k != "needs1"},
        idempotency_key="k1",
        today=TODAY,
    )
    progress = wave_progress(db, org=org, wave="q1")
    assert (progress.invited, progress.started, progress.completed) == (4, 2, 1)
    assert progress.response_rate == pytest.approx(0.25)
    close_wave(db, org=org, wave="q1")
    with pytest.raises(SurveyUnavailable) as caught:
        save_answers(db, token=created.invitations[2].token, answers={"needs1": 1}, today=TODAY)
    assert caught.value.reason == "closed"
    with pytest.raises(InvalidInput, match="cannot become open"):
        open_wave(db, org=org, wave="q1")
    assert [w.label for w in list_waves(db, org=org)] == ["q1"]


def test_retried_submission_is_stored_once_and_a_used_token_cannot_answer_again(
    db: Database, org: str
) -> None:
    created = create_wave(db, NewWave(org, "employee-co", label="w"), limits=LIMITS)
    open_wave(db, org=org, wave="w")
    token = created.invitations[0].token
    first = submit_answers(db, token=token, answers=FULL, idempotency_key="abc", today=TODAY)
    again = submit_answers(db, token=token, answers=FULL, idempotency_key="abc", today=TODAY)
    assert first == again
    assert count(db, responses) == 1
    with pytest.raises(SurveyUnavailable) as caught:
        submit_answers(db, token=token, answers=FULL, idempotency_key="other", today=TODAY)
    assert caught.value.reason == "used"
    with pytest.raises(SurveyUnavailable):
        open_survey(db, token=token, today=TODAY)


def test_racing_retries_store_one_response(db: Database, org: str) -> None:
    created = create_wave(
        db, NewWave(org, "employee-co", label="w", mode=WaveMode.ANONYMOUS), limits=LIMITS
    )
    open_wave(db, org=org, wave="w")
    assert created.shared_token is not None
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            submit_answers(
                db,
                token=created.shared_token or "",
                answers=FULL,
                idempotency_key="same",
                today=TODAY,
            )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert count(db, responses) == 1


def test_posts_run_on_the_driver_unless_they_need_more(db: Database, org: str) -> None:
    """A save or submit of an employee's link runs on the driver (no SQLAlchemy transaction);
    the first request for an instrument this process has not parsed, and a submit on a shared
    link (its retry is looked up by key), run again in an ordinary transaction — with the same
    result, stored once."""
    from sqlalchemy import event

    from orientir.services import responding

    ordinary: list[object] = []

    def counted(_conn: object) -> None:
        ordinary.append(_conn)

    created = create_wave(db, NewWave(org, "employee-co", label="w"), limits=LIMITS)
    anonymous = create_wave(
        db, NewWave(org, "employee-co", label="a", mode=WaveMode.ANONYMOUS), limits=LIMITS
    )
    open_wave(db, org=org, wave="w")
    open_wave(db, org=org, wave="a")
    first, second, third = (i.token for i in created.invitations[:3])
    responding._INSTRUMENTS.clear()
    event.listen(db.engine, "begin", counted)
    try:
        save_answers(db, token=first, answers={"needs1": 4}, today=TODAY)
        assert len(ordinary) == 1  # the instrument had to be read
        save_answers(db, token=first, answers={"needs2": 5}, today=TODAY)
        save_answers(db, token=second, answers={"needs1": 2}, today=TODAY)
        submit_answers(db, token=first, answers=FULL, idempotency_key="k", today=TODAY)
        submit_answers(db, token=first, answers=FULL, idempotency_key="k", today=TODAY)
        submit_answers(db, token=third, answers=FULL, idempotency_key="t", today=TODAY)
        assert len(ordinary) == 1  # all on the driver
        assert anonymous.shared_token is not None
        for _ in range(2):
            submit_answers(
                db, token=anonymous.shared_token, answers=FULL, idempotency_key="s", today=TODAY
            )
        assert len(ordinary) == 3  # a shared link's submit: the ordinary transaction
    finally:
        event.remove(db.engine, "begin", counted)
    with db.engine.connect() as conn:
        stored = conn.execute(select(responses.c.complete, responses.c.answers)).all()
        statuses = dict(conn.execute(select(invitations.c.token_hash, invitations.c.status)).all())
    assert sorted(((bool(c), json.loads(a)) for c, a in stored), key=str) == sorted(
        [(True, FULL), (True, FULL), (True, FULL), (False, {"needs1": 2})], key=str
    )
    # Each response's write and its invitation's status: one statement on PostgreSQL (a second
    # write on the driver would have raised there), two on SQLite; either way both happened.
    assert [statuses[token_hash(t)] for t in (first, second, third)] == [
        "completed",
        "started",
        "completed",
    ]


def test_a_completed_response_is_never_changed_by_a_late_write(db: Database, org: str) -> None:
    """A page save that read its link just before the submit of the same link committed writes
    after it: the completed response stays as it is (storage/survey_links.py), on the driver as
    in the combined statement of PostgreSQL, and however the status write goes."""
    from orientir.domain.waves import InvitationStatus
    from orientir.storage import survey_links
    from orientir.storage.direct import driver_transaction

    created = create_wave(db, NewWave(org, "employee-co", label="late"), limits=LIMITS)
    open_wave(db, org=org, wave="late")
    token = created.invitations[0].token
    save_answers(db, token=token, answers={"needs1": 2}, today=TODAY)
    with db.engine.connect() as conn:
        stale = survey_links.by_invitation(conn, token_hash=token_hash(token))  # read before…
    submit_answers(db, token=token, answers=FULL, idempotency_key="k", today=TODAY)  # …the submit
    assert stale is not None
    assert stale.response is not None
    assert stale.invitation is not None
    late = {"answers": json.dumps({"needs1": 1}), "complete": False}
    for status in (None, InvitationStatus.STARTED):
        with driver_transaction(db.engine, single_write=True) as tx:
            kept = survey_links.store_response(
                tx,
                response_id=stale.response.id,
                values=late,
                invitation_id=stale.invitation.id,
                invitation_status=status,
            )
        assert kept == stale.response.id
    with db.engine.connect() as conn:
        complete, answers = conn.execute(select(responses.c.complete, responses.c.answers)).one()
    assert bool(complete) is True
    assert json.loads(answers) == FULL
    with pytest.raises(SurveyUnavailable, match="used"):
        open_survey(db, token=token, today=TODAY)


def test_anonymous_waves_keep_no_link_to_a_person(db: Database, org: str) -> None:
    created = create_wave(
        db, NewWave(org, "employee-co", label="anon", mode=WaveMode.ANONYMOUS), limits=LIMITS
    )
    assert created.invitations == []
    shared = created.shared_token
    assert shared is not None
    open_wave(db, org=org, wave="anon")
    receipt = save_answers(db, token=shared, answers={"needs1": 5}, today=TODAY)
    assert receipt.resume_key
    resumed = open_survey(db, token=shared, resume_key=receipt.resume_key, today=TODAY)
    assert resumed.answers == {"needs1": 5}
    assert open_survey(db, token=shared, today=TODAY).answers == {}  # others start afresh
    submit_answers(
        db,
        token=shared,
        answers={k: v for k, v in FULL.items() if k != "needs1"},
        resume_key=receipt.resume_key,
        idempotency_key="z",
        today=TODAY,
    )
    submit_answers(db, token=shared, answers=FULL, idempotency_key="y", today=TODAY)
    with db.engine.connect() as conn:
        rows = conn.execute(select(responses)).mappings().all()
    assert len(rows) == 2
    for row in rows:
        assert row["invitation_id"] is None
        assert row["department_id"] is None
        assert row["submitted_on"] == TODAY  # a day, never a time
    assert sorted(json.loads(row["answers"])["needs1"] for row in rows) == [4, 5]


def test_bad_answers_are_refused_and_nothing_is_stored(db: Database, org: str) -> None:
    created = create_wave(db, NewWave(org, "employee-co", label="w"), limits=LIMITS)
    open_wave(db, org=org, wave="w")
    token = created.invitations[0].token
    with pytest.raises(InvalidAnswers) as caught:
        save_answers(db, token=token, answers={"needs1": 9, "nope": 1}, today=TODAY)
    assert {p.item for p in caught.value.problems} == {"needs1", "nope"}
    with pytest.raises(InvalidAnswers) as caught:
        submit_answers(db, token=token, answers={"needs1": 3}, idempotency_key="k", today=TODAY)
    assert "enps" in {p.item for p in caught.value.problems}  # required for completion
    assert count(db, responses) == 0


def test_unknown_token_and_duplicate_label(db: Database, org: str) -> None:
    with pytest.raises(SurveyUnavailable) as caught:
        open_survey(db, token="nope", today=TODAY)
    assert caught.value.reason == "unknown"
    create_wave(db, NewWave(org, "employee-co", label="w"), limits=LIMITS)
    with pytest.raises(AlreadyExists):
        create_wave(db, NewWave(org, "employee-co", label="w"), limits=LIMITS)
    with pytest.raises(NotFound):
        create_wave(db, NewWave(org, "no-such-instrument"), limits=LIMITS)


def test_waves_of_another_organisation_are_invisible(db: Database, org: str) -> None:
    other = create_organisation(db, NewOrganisation("Другая"), this_year=2026).slug
    create_wave(db, NewWave(org, "employee-co", label="mine"), limits=LIMITS)
    assert list_waves(db, org=other) == []
    with pytest.raises(NotFound):
        open_wave(db, org=other, wave="mine")
