"""Cases for customer advocates: opened by the rules, prioritised by value, followed to closure.

:func:`on_response_completed` runs inside the transaction that stores a completed response
(``services.responding``), so the case and its notifications commit — or roll back — with the
answer itself. It opens a case only for a response of a confidential or identified wave given by
a contact of a kind the rules name (customers and partners by default); an anonymous wave
never opens one, and its answers are never shown in a case.

What a case shows the advocate: the customer (contact id, company, person) and their answers,
because following an unhappy customer up personally is the point of a confidential customer
wave. Notifications carry the case, the rules that matched and the customer's id — never the
answers or the comment text; the advocate reads those in orientir.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from orientir.domain.cases import (
    Case,
    CaseEvent,
    CaseRules,
    CaseStatus,
    CustomerValue,
    match_rules,
)
from orientir.domain.program import ProgramRole
from orientir.domain.waves import WaveMode
from orientir.errors import InvalidInput
from orientir.instruments.model import Format
from orientir.services._clock import utc_now
from orientir.services.case_rules import DEFAULT_DOCUMENT, parse_rules, rules_for
from orientir.services.instruments import thaw
from orientir.services.notifications import Recipient, notify
from orientir.storage import cases as repo
from orientir.storage import organisations as org_repo
from orientir.storage import program as program_repo
from orientir.storage.cases import CaseFilter
from orientir.storage.database import Database

ValueLookup = Callable[[str], CustomerValue | None]
"""A customer's value by contact external id; ``None`` when unknown."""


def unknown_value(_customer: str) -> CustomerValue | None:
    """The lookup used until customer analytics are wired in: every value is unknown, so every
    case gets the rules' ``priority.unknown`` (normal by default)."""
    return None


def values_from(mapping: Mapping[str, CustomerValue]) -> ValueLookup:
    return mapping.get


def _case_data(case: Case, org_slug: str) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "org": org_slug,
        "status": case.status.value,
        "priority": case.priority.value,
        "due_at": case.due_at.isoformat(timespec="minutes"),
        "customer": case.customer,
        "company": case.company,
        "wave": case.wave,
        "assignee": case.assignee,
        "assignee_name": case.assignee_name,
        "reasons": [r.to_dict() for r in case.reasons],
    }


def announce(
    conn: Connection,
    case: Case,
    event: str,
    rules: CaseRules,
    *,
    now: datetime,
    assignee: bool = True,
    drivers: bool = False,
) -> None:
    """Queue ``event`` for the channels, the assignee and (on escalation) the driver team."""
    recipients: list[Recipient] = []
    if assignee and case.assignee is not None:
        person = program_repo.person_id(conn, org_id=case.org_id, external_id=case.assignee)
        email = repo.person_email(conn, person=person)
        if email:
            recipients.append(Recipient(email, rules.lang))
    if drivers:
        team = program_repo.team(conn, org_id=case.org_id, role=ProgramRole.DRIVER)
        recipients += [Recipient(m.email, rules.lang) for m in team if m.email]
    slug = repo.org_slug(conn, org_id=case.org_id)
    notify(
        conn,
        org_id=case.org_id,
        event=event,
        data=_case_data(case, slug),
        recipients=recipients,
        now=now,
    )


def on_response_completed(
    conn: Connection,
    *,
    response_id: int,
    now: datetime | None = None,
    values: ValueLookup = unknown_value,
) -> int | None:
    """Open a case for a completed response when the organisation's rules say so; returns its
    id. Runs in the caller's transaction; a second call for the same response does nothing."""
    who = repo.respondent(conn, response_id=response_id)
    if who is None or who.wave_mode is WaveMode.ANONYMOUS or who.contact_external_id is None:
        return None
    try:
        rules = rules_for(conn, org_id=who.org_id)
    except InvalidInput:
        # A stored document that a newer orientir no longer accepts must not cost a customer
        # their answer: fall back to the defaults (`cases rules show` reveals the problem).
        rules = parse_rules(DEFAULT_DOCUMENT)
    if who.contact_kind not in rules.respondents:
        return None
    if repo.case_for_response(conn, response_id=response_id) is not None:
        return None
    instrument = thaw(who.instrument)
    text_items = frozenset(i.id for i in instrument.items if i.format is Format.TEXT)
    reasons = match_rules(rules, json.loads(who.answers), text_items=text_items)
    if not reasons:
        return None
    at = now or utc_now()
    value = values(who.contact_external_id)
    priority = rules.policy.priority(value)
    assignee = repo.least_loaded_advocate(conn, org_id=who.org_id) if rules.auto_assign else None
    case_id = repo.insert_case(
        conn,
        org_id=who.org_id,
        response_id=response_id,
        wave_id=who.wave_id,
        contact_id=who.contact_id,
        reasons=json.dumps([r.to_dict() for r in reasons], ensure_ascii=False),
        priority=priority.value,
        abc_class=value.abc_class if value else None,
        clv=value.clv if value else None,
        status=CaseStatus.OPEN.value,
        assignee_id=assignee,
        opened_at=at,
        due_at=rules.due_at(at, priority),
        updated_at=at,
    )
    repo.add_event(conn, case_id=case_id, at=at, kind="opened", to_status=CaseStatus.OPEN.value)
    case = repo.get_case(conn, org_id=who.org_id, case_id=case_id)
    announce(conn, case, "case.opened", rules, now=at)
    return case_id


@dataclass(frozen=True)
class CaseQuery:
    """Filters of :func:`list_cases`: statuses (default: every status), an advocate's external
    id, only unassigned, only overdue."""

    statuses: frozenset[CaseStatus] | None = None
    assignee: str | None = None
    unassigned: bool = False
    overdue: bool = False


def list_cases(
    db: Database, *, org: str, query: CaseQuery | None = None, now: datetime | None = None
) -> list[Case]:
    """Cases soonest due first."""
    query = query or CaseQuery()
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        assignee_id = (
            program_repo.person_id(conn, org_id=organisation.id, external_id=query.assignee)
            if query.assignee
            else None
        )
        return repo.list_cases(
            conn,
            org_id=organisation.id,
            where=CaseFilter(
                statuses=query.statuses,
                assignee_id=assignee_id,
                unassigned=query.unassigned,
                overdue_at=(now or utc_now()) if query.overdue else None,
            ),
        )


@dataclass(frozen=True)
class AnswerLine:
    item: str
    text: str  # the question in the requested language
    value: Any


@dataclass(frozen=True)
class CaseDetail:
    """A case with its history and — unless its wave was anonymous — the customer's answers."""

    case: Case
    events: tuple[CaseEvent, ...]
    answers: tuple[AnswerLine, ...] | None


def show_case(db: Database, *, org: str, case_id: int, lang: str = "en") -> CaseDetail:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        case = repo.get_case(conn, org_id=organisation.id, case_id=case_id)
        history = repo.events(conn, case_id=case.id)
        response = repo.case_response(conn, case_id=case.id)
    answers: tuple[AnswerLine, ...] | None = None
    # Defence in depth: the rules never open a case on an anonymous wave, and this never shows
    # one's answers even if a case were made by other means.
    if response is not None and response.wave_mode is not WaveMode.ANONYMOUS:
        instrument = thaw(response.instrument)
        given = json.loads(response.answers)
        answers = tuple(
            AnswerLine(item.id, item.text.get(lang), given[item.id])
            for item in instrument.items
            if item.id in given
        )
    return CaseDetail(case, tuple(history), answers)
