"""Answering a survey: open a link, save answers as you go, submit once.

Safe to retry: the final submission carries an idempotency key, and however often it arrives —
a double click, a network retry, two racing requests — the answers are stored exactly once and
every retry gets the same receipt. A completed invitation cannot answer again.

Anonymous waves have one shared link. A respondent who saves part-way gets a *resume key* that
only they hold (only its hash is stored), so they can continue later without the answers ever
being linked to who they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from orientir.domain.waves import InvitationStatus, Wave, WaveStatus
from orientir.errors import InvalidInput, SurveyUnavailable
from orientir.instruments.answers import AnswerProblem, validate_answers
from orientir.instruments.model import Instrument
from orientir.services.case_values import stored_values
from orientir.services.cases import on_response_completed
from orientir.services.instruments import thaw
from orientir.services.waves import new_token, token_hash
from orientir.storage import survey_links as links
from orientir.storage import waves as repo
from orientir.storage.database import Database
from orientir.storage.direct import Runner, run_on_driver
from orientir.storage.survey_links import SurveyLink
from orientir.storage.waves import ResponseRow

MAX_IDEMPOTENCY_KEY = 100


class InvalidAnswers(InvalidInput):
    """Answers that break the instrument's rules; ``problems`` says which and why."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class SurveySession:
    """What a respondent's page needs: the wave, its frozen instrument, answers saved so far."""

    wave: Wave
    instrument: Instrument
    answers: dict[str, Any]
    complete: bool
    resume_key: str | None = None


@dataclass(frozen=True)
class Receipt:
    """The answer to a save or a submit; identical for every retry of the same submission."""

    wave: str
    complete: bool
    resume_key: str | None = None


# A page save or a submit runs on the driver (storage.direct.run_on_driver): the common case
# needs nothing but the link's SELECT and one write (storage.survey_links.store_response: one
# statement on PostgreSQL, two on SQLite), so on PostgreSQL it needs neither BEGIN and COMMIT
# nor the pool's ping, three round trips of five. The rare cases that need
# SQLAlchemy's Connection — an instrument this process has not parsed yet, a retried submit on a
# shared link, a customer's completed answer that may open a case — say so before writing
# anything, and the whole operation runs again in an ordinary transaction.
class _NeedsConnection(Exception):
    pass


def _sqlalchemy(conn: Runner) -> Connection:
    if not isinstance(conn, Connection):
        raise _NeedsConnection
    return conn


_Result = TypeVar("_Result")


def _transaction(db: Database, work: Callable[[Runner], _Result]) -> _Result:
    """``work`` in one transaction: on the driver if it can, else on SQLAlchemy's Connection.

    On the driver ``work`` writes with one statement at most (``_store``), so on PostgreSQL it
    runs without BEGIN and COMMIT (``single_write``), on a pool that does not ping
    (``Database.driver_engine``; a dropped connection is retried on the pinging one)."""
    try:
        return run_on_driver(work, engine=db.driver_engine, pinged=db.engine, single_write=True)
    except _NeedsConnection:
        pass  # rolled back before anything was written
    with db.engine.begin() as conn:
        return work(conn)


def _find(conn: Runner, hashed: str, resume_key: str | None) -> SurveyLink:
    """The link of the token hashed ``hashed`` with everything a page needs, in one query (two
    for a shared link, which is looked up only when no invitation has this token)."""
    link = links.by_invitation(conn, token_hash=hashed)
    if link is None:
        resume_hash = token_hash(resume_key) if resume_key else None
        link = links.by_shared_token(conn, token_hash=hashed, resume_key_hash=resume_hash)
    if link is None:
        raise SurveyUnavailable("unknown")
    return link


# Parsed instruments by fingerprint (the SHA-256 of their content, kept with every stored
# version): a wave's frozen instrument never changes, so each is read and parsed once per
# process, and a request needs only the fingerprint its link query returns anyway.
_INSTRUMENTS: dict[str, Instrument] = {}
_MAX_INSTRUMENTS = 256


def _instrument(conn: Runner, link: SurveyLink) -> Instrument:
    found = _INSTRUMENTS.get(link.instrument_fingerprint)
    if found is None:
        found = thaw(repo.instrument_content(_sqlalchemy(conn), wave_id=link.wave.id))
        if len(_INSTRUMENTS) >= _MAX_INSTRUMENTS:
            _INSTRUMENTS.clear()
        _INSTRUMENTS[link.instrument_fingerprint] = found
    return found


def _require_open(wave: Wave, today: date) -> None:
    if wave.status is WaveStatus.DRAFT or (wave.opens_on and today < wave.opens_on):
        raise SurveyUnavailable("not_open")
    if wave.status is WaveStatus.CLOSED or (wave.closes_on and today > wave.closes_on):
        raise SurveyUnavailable("closed")


def open_survey(
    db: Database, *, token: str, resume_key: str | None = None, today: date | None = None
) -> SurveySession:
    """The survey behind ``token`` with the answers saved so far; refuses unusable links."""
    with db.engine.connect() as conn:
        link = _find(conn, token_hash(token), resume_key)
        return _session(conn, link, resume_key, today or date.today())


def _session(conn: Runner, link: SurveyLink, resume_key: str | None, today: date) -> SurveySession:
    if link.invitation is not None and link.invitation.status is InvitationStatus.COMPLETED:
        raise SurveyUnavailable("used")
    _require_open(link.wave, today)
    row = link.response
    answers = json.loads(row.answers) if row else {}
    return SurveySession(
        link.wave,
        _instrument(conn, link),
        answers,
        bool(row and row.complete),
        resume_key if row else None,
    )


PageReader = Callable[[SurveySession], "Mapping[str, Any] | None"]


@dataclass(frozen=True)
class PageSave:
    """What :func:`save_page` did: ``receipt`` is None when nothing was stored, either because
    the reader kept nothing or because the answers broke the instrument's rules (``problems``)."""

    session: SurveySession  # the survey as it stood before this save
    receipt: Receipt | None
    problems: list[AnswerProblem]


def save_page(
    db: Database,
    *,
    token: str,
    read: PageReader,
    resume_key: str | None = None,
    today: date | None = None,
) -> PageSave:
    """Open the survey and keep what ``read`` makes of a posted page, in one transaction.

    ``read`` is given the survey as saved so far (its instrument says how to read the page)
    and returns the answers to keep, or None to keep nothing. Refuses unusable links like
    :func:`open_survey`; the answers are checked like :func:`save_answers`'. One transaction,
    one lookup: a page save is the commonest request a respondent sends. The next page of a
    link this process saved last needs no lookup at all (``_SAVED``).
    """
    day = today or date.today()
    hashed = token_hash(token)
    remembered = _SAVED.pop(hashed, None)
    if remembered is not None:
        saved = _transaction(db, lambda conn: _save_remembered(conn, remembered, hashed, read, day))
        if saved is not None:
            return saved

    def work(conn: Runner) -> PageSave:
        link = _find(conn, hashed, resume_key)
        session = _session(conn, link, resume_key, day)
        answers = read(session)
        if answers is None:
            return PageSave(session, None, [])
        try:
            receipt = _store(
                conn,
                link,
                session.instrument,
                answers=answers,
                complete=False,
                idempotency_key=None,
                resume_key=resume_key,
                today=day,
                remember_as=hashed,
            )
        except InvalidAnswers as exc:
            return PageSave(session, None, exc.problems)
        return PageSave(session, receipt, [])

    return _transaction(db, work)


# Personal links whose last page save this process stored, by token hash, with the response
# as it stored it. A respondent's next page usually comes to the same process (a browser keeps
# its connection), which then updates the response without looking the link up first — one
# statement instead of two on PostgreSQL — provided the response is still exactly as this
# process left it and its wave still takes answers (storage.survey_links.
# update_unchanged_response). Anything else, or anything unusual about the page, and the save
# goes the usual way. The submit that follows is one statement too, for an employee's link
# (``_submit_remembered``), and forgets the link either way, as any other write does
# (``_write``). Not for shared links. Bounded, and emptied when full: a forgotten link costs
# one lookup.
_SAVED: dict[str, SurveyLink] = {}
_MAX_SAVED = 4096


def _remember(token_hashed: str, link: SurveyLink) -> None:
    if len(_SAVED) >= _MAX_SAVED:
        _SAVED.clear()
    _SAVED[token_hashed] = link


def _save_remembered(
    conn: Runner, link: SurveyLink, token_hashed: str, read: PageReader, today: date
) -> PageSave | None:
    """A page save on a remembered link (``_SAVED``): the save, or None when it must go the
    usual way — nothing was written then."""
    row = link.response
    assert row is not None
    saved_answers = json.loads(row.answers)
    session = SurveySession(link.wave, _instrument(conn, link), saved_answers, False)
    answers = read(session)
    if answers is None:
        return None  # the usual way tells why, from the link as it is now
    try:
        text = _merged_text(session.instrument, saved_answers, answers, complete=False)
    except InvalidAnswers:
        return None
    updated = links.update_unchanged_response(
        conn,
        response_id=row.id,
        token_hash=token_hashed,
        expected_answers=row.answers,
        today=today,
        values={"answers": text, "complete": False},
    )
    if not updated:
        return None  # changed by another process or device, completed, or the wave closed
    _remember(token_hashed, replace(link, response=replace(row, answers=text)))
    return PageSave(session, Receipt(link.wave.label, complete=False), [])


def _is_employees(link: SurveyLink) -> bool:
    return link.invitation is not None and link.invitation.contact_id is None


def _submit_remembered(
    conn: Runner,
    link: SurveyLink,
    token_hashed: str,
    answers: Mapping[str, Any],
    *,
    idempotency_key: str,
    today: date,
) -> Receipt | None:
    """The submit of a remembered employee's link (``_SAVED``): one statement that completes
    the response and its invitation if both are still as this process left them and the wave
    takes answers; None when it must go the usual way — nothing was written then. Answers the
    instrument refuses go the usual way too, which says why."""
    row, invitation = link.response, link.invitation
    assert row is not None
    assert invitation is not None
    instrument = _instrument(conn, link)
    try:
        text = _merged_text(instrument, json.loads(row.answers), answers, complete=True)
    except InvalidAnswers:
        return None
    completed = links.complete_unchanged_response(
        conn,
        response_id=row.id,
        invitation_id=invitation.id,
        token_hash=token_hashed,
        expected_answers=row.answers,
        today=today,
        values={
            "answers": text,
            "complete": True,
            "submitted_on": today,
            "idempotency_key": idempotency_key,
        },
    )
    return Receipt(link.wave.label, complete=True) if completed else None


def _merged_text(
    instrument: Instrument,
    saved: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    complete: bool,
) -> str:
    """``new`` merged into ``saved``, checked against ``instrument``, as the stored JSON text;
    :class:`InvalidAnswers` if the merged answers break its rules."""
    merged = _merge(saved, new)
    problems = validate_answers(instrument, merged, complete=complete)
    if problems:
        raise InvalidAnswers(problems)
    return json.dumps(merged, ensure_ascii=False)


def _merge(saved: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(saved)
    for key, value in new.items():
        if value is None or value == "" or value == []:
            merged.pop(key, None)  # a cleared answer
        else:
            merged[key] = value
    return merged


def _write(
    db: Database,
    *,
    hashed: str,
    answers: Mapping[str, Any],
    complete: bool,
    idempotency_key: str | None,
    resume_key: str | None,
    today: date,
) -> Receipt:
    _SAVED.pop(hashed, None)  # this write changes the response: no longer as saved

    def work(conn: Runner) -> Receipt:
        link = _find(conn, hashed, resume_key)
        wave, row = link.wave, link.response
        if idempotency_key is not None:
            if link.invitation is not None:
                # An invitation has one response: a retry finds its own stored submission.
                done = row if row is not None and row.idempotency_key == idempotency_key else None
            else:
                done = repo.find_response(
                    _sqlalchemy(conn), wave_id=wave.id, idempotency_key=idempotency_key
                )
            if done is not None and done.complete:
                return Receipt(wave.label, complete=True)  # a retry of a stored submission
        if link.invitation is not None and link.invitation.status is InvitationStatus.COMPLETED:
            raise SurveyUnavailable("used")
        _require_open(wave, today)
        return _store(
            conn,
            link,
            _instrument(conn, link),
            answers=answers,
            complete=complete,
            idempotency_key=idempotency_key,
            resume_key=resume_key,
            today=today,
        )

    return _transaction(db, work)


def _store(
    conn: Runner,
    link: SurveyLink,
    instrument: Instrument,
    *,
    answers: Mapping[str, Any],
    complete: bool,
    idempotency_key: str | None,
    resume_key: str | None,
    today: date,
    remember_as: str | None = None,
) -> Receipt:
    """Merge ``answers`` into the link's response and store it (in the caller's transaction).

    ``remember_as``: a page save's token hash, under which a personal link is remembered with
    the response as stored (``_SAVED``)."""
    wave, row = link.wave, link.response
    invitation = link.invitation
    # A customer's completed answer may open a case, which needs SQLAlchemy's Connection: asked
    # for here, before anything is written.
    opens_case = complete and invitation is not None and invitation.contact_id is not None
    on_case = _sqlalchemy(conn) if opens_case else None
    saved = json.loads(row.answers) if row else {}
    values: dict[str, Any] = {
        "answers": _merged_text(instrument, saved, answers, complete=complete),
        "complete": complete,
    }
    if complete:
        values.update(submitted_on=today, idempotency_key=idempotency_key)
    new_resume: str | None = None
    if row is None:
        if invitation is None and not complete:
            new_resume = resume_key or new_token()
            values["resume_key_hash"] = token_hash(new_resume)
        values.update(
            wave_id=wave.id,
            invitation_id=invitation.id if invitation else None,
            department_id=link.department_id,
        )
    status: InvitationStatus | None = None
    if invitation is not None:
        status = InvitationStatus.COMPLETED if complete else InvitationStatus.STARTED
        if invitation.status is status:  # saving page 2 of a started one changes nothing
            status = None
    # One statement on PostgreSQL (storage.survey_links.store_response), which is what lets
    # the whole post run without a transaction there (_transaction).
    response_id = links.store_response(
        conn,
        response_id=row.id if row is not None else None,
        values=values,
        invitation_id=invitation.id if invitation is not None else None,
        invitation_status=status,
    )
    # (A page save never reaches here with a complete response: its session refuses one.)
    if remember_as is not None and invitation is not None and not complete:
        started = replace(invitation, status=InvitationStatus.STARTED)
        stored = ResponseRow(response_id, False, values["answers"], None)
        _remember(remember_as, replace(link, invitation=started, response=stored))
    if on_case is not None:
        # In this transaction: a case and its notifications exist iff the answer does.
        # Only a contact's (customer's, partner's) identified answer can open a case, so
        # an employee's submit skips the lookup.
        # Its priority comes from the customer's value in the stored transaction log
        # (read only if a rule matches).
        on_response_completed(
            on_case, response_id=response_id, values=stored_values(on_case, org_id=wave.org_id)
        )
    return Receipt(
        wave.label, complete=complete, resume_key=None if complete else (new_resume or resume_key)
    )


def save_answers(
    db: Database,
    *,
    token: str,
    answers: Mapping[str, Any],
    resume_key: str | None = None,
    today: date | None = None,
) -> Receipt:
    """Keep partial answers; checks each given answer but not that required ones are there."""
    return _write(
        db,
        hashed=token_hash(token),
        answers=answers,
        complete=False,
        idempotency_key=None,
        resume_key=resume_key,
        today=today or date.today(),
    )


def submit_answers(
    db: Database,
    *,
    token: str,
    answers: Mapping[str, Any],
    idempotency_key: str,
    resume_key: str | None = None,
    today: date | None = None,
) -> Receipt:
    """Complete the response; stored exactly once per idempotency key, however often retried."""
    if (
        not idempotency_key
        or len(idempotency_key) > MAX_IDEMPOTENCY_KEY
        or not idempotency_key.isprintable()  # a NUL, which PostgreSQL refuses, and the like
    ):
        raise InvalidInput(
            f"an idempotency key of 1 to {MAX_IDEMPOTENCY_KEY} printable characters is needed"
        )
    day = today or date.today()
    hashed = token_hash(token)
    remembered = _SAVED.pop(hashed, None)
    # (A customer's or partner's answer may open a case, which the one statement cannot.)
    if remembered is not None and _is_employees(remembered):
        receipt = _transaction(
            db,
            lambda conn: _submit_remembered(
                conn, remembered, hashed, answers, idempotency_key=idempotency_key, today=day
            ),
        )
        if receipt is not None:
            return receipt
    for _ in range(3):
        try:
            return _write(
                db,
                hashed=hashed,
                answers=answers,
                complete=True,
                idempotency_key=idempotency_key,
                resume_key=resume_key,
                today=day,
            )
        except IntegrityError:
            # A racing retry of the same submission committed first; the next pass finds it.
            continue
    raise SurveyUnavailable("used")
