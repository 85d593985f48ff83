"""What advocates and the worker do to a case: assign, start, resolve, close, note, escalate,
and reprioritise once customer values are known.

Every change writes a line of the case's history and, where someone must hear of it, outbox
rows — all in one transaction. A transition is checked against the case's current state and
applied only if that state is still current, so two people acting at once cannot both win.
"""

from __future__ import annotations

from datetime import datetime

from orientir.domain.cases import ACTIVE_STATUSES, Case, CaseStatus, check_transition
from orientir.domain.program import ProgramRole
from orientir.errors import InvalidInput, NotFound
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._clock import utc_now
from orientir.services.case_rules import rules_for
from orientir.services.cases import ValueLookup, announce
from orientir.storage import cases as repo
from orientir.storage import organisations as org_repo
from orientir.storage import program as program_repo
from orientir.storage.cases import CaseFilter
from orientir.storage.database import Database

MAX_NOTE = 5000


def _clean_note(note: str | None, *, required: bool) -> str | None:
    text = (note or "").strip()
    if required and not text:
        raise InvalidInput(
            "a note is needed: say what was done for the customer",
            key="err.cases.note_needed_say_what",
        )
    if len(text) > MAX_NOTE:
        raise InvalidInput(
            f"the note is {len(text)} characters; the limit is {MAX_NOTE}",
            key="err.cases.note_characters_limit",
            params={"length": len(text), "limit": MAX_NOTE},
        )
    return text or None


_EVENTS = {CaseStatus.RESOLVED: "case.resolved", CaseStatus.CLOSED: "case.closed"}


def _move(
    db: Database,
    *,
    org: str,
    case_id: int,
    wanted: CaseStatus,
    note: str | None,
    author: str | None,
    now: datetime | None,
) -> Case:
    text = _clean_note(note, required=wanted is CaseStatus.RESOLVED)
    at = now or utc_now()
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        case = repo.get_case(conn, org_id=organisation.id, case_id=case_id)
        check_transition(case.status, wanted)
        if not repo.change_status(
            conn, case_id=case.id, current=case.status, wanted=wanted, now=at
        ):
            raise InvalidInput(
                f"case {case_id} changed meanwhile; look at it again",
                key="err.cases.case_changed_meanwhile_look",
                params={"case_id": case_id},
            )
        repo.add_event(
            conn,
            case_id=case.id,
            at=at,
            kind="status",
            author=author,
            from_status=case.status.value,
            to_status=wanted.value,
            text=text,
        )
        moved = repo.get_case(conn, org_id=organisation.id, case_id=case.id)
        if wanted in _EVENTS:
            # The advocate made this change; only the channels need to hear of it.
            rules = rules_for(conn, org_id=organisation.id)
            announce(conn, moved, _EVENTS[wanted], rules, now=at, assignee=False)
    return moved


def start_case(
    db: Database,
    *,
    org: str,
    case_id: int,
    note: str | None = None,
    author: str | None = None,
    now: datetime | None = None,
) -> Case:
    """open → in_progress, or take a resolved case up again."""
    return _move(
        db,
        org=org,
        case_id=case_id,
        wanted=CaseStatus.IN_PROGRESS,
        note=note,
        author=author,
        now=now,
    )


def resolve_case(
    db: Database,
    *,
    org: str,
    case_id: int,
    note: str,
    author: str | None = None,
    now: datetime | None = None,
) -> Case:
    """in_progress → resolved; the note (what was done) is required."""
    return _move(
        db, org=org, case_id=case_id, wanted=CaseStatus.RESOLVED, note=note, author=author, now=now
    )


def close_case(
    db: Database,
    *,
    org: str,
    case_id: int,
    note: str | None = None,
    author: str | None = None,
    now: datetime | None = None,
) -> Case:
    """resolved → closed: nothing more will happen on it."""
    return _move(
        db, org=org, case_id=case_id, wanted=CaseStatus.CLOSED, note=note, author=author, now=now
    )


def add_note(
    db: Database,
    *,
    org: str,
    case_id: int,
    note: str,
    author: str | None = None,
    now: datetime | None = None,
) -> Case:
    text = _clean_note(note, required=True)
    at = now or utc_now()
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        case = repo.get_case(conn, org_id=organisation.id, case_id=case_id)
        repo.add_event(conn, case_id=case.id, at=at, kind="note", author=author, text=text)
        repo.update_case(conn, case_id=case.id, values={"updated_at": at})
        return repo.get_case(conn, org_id=organisation.id, case_id=case.id)


def assign_case(
    db: Database,
    *,
    org: str,
    case_id: int,
    advocate: str,
    author: str | None = None,
    now: datetime | None = None,
) -> Case:
    """Give the case to an advocate (a person holding the ``advocate`` program role)."""
    at = now or utc_now()
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        case = repo.get_case(conn, org_id=organisation.id, case_id=case_id)
        if case.status is CaseStatus.CLOSED:
            raise InvalidInput(
                f"case {case_id} is closed",
                key="err.cases.case_closed",
                params={"case_id": case_id},
            )
        try:
            person = program_repo.person_id(conn, org_id=organisation.id, external_id=advocate)
        except NotFound as exc:
            # The case exists; what is wrong is the request's advocate: invalid input (422),
            # not a missing object (404).
            raise InvalidInput(*exc.args, key=exc.key, params=exc.params) from None
        if not program_repo.has_role(
            conn, org_id=organisation.id, person=person, role=ProgramRole.ADVOCATE
        ):
            raise InvalidInput(
                f"{advocate} is not an advocate: `orientir program team add {advocate} "
                "--role advocate` first",
                key="err.cases.not_advocate_orientir_program",
                params={"advocate": advocate},
            )
        repo.update_case(conn, case_id=case.id, values={"assignee_id": person, "updated_at": at})
        repo.add_event(conn, case_id=case.id, at=at, kind="assigned", author=author, text=advocate)
        assigned = repo.get_case(conn, org_id=organisation.id, case_id=case.id)
        rules = rules_for(conn, org_id=organisation.id)
        announce(conn, assigned, "case.assigned", rules, now=at)
    return assigned


def escalate_overdue(
    db: Database, *, org: str | None = None, now: datetime | None = None
) -> list[Case]:
    """Mark every active case past its due date as escalated — once — and tell the driver team,
    the assignee and the channels. Safe to run from several workers at once."""
    at = now or utc_now()
    escalated: list[Case] = []
    with db.engine.begin() as conn:
        org_id = None if org is None else org_repo.find_organisation(conn, org).id
        for case in repo.overdue_unescalated(conn, org_id=org_id, now=at):
            if not repo.mark_escalated(conn, case_id=case.id, now=at):
                continue
            repo.add_event(conn, case_id=case.id, at=at, kind="escalated")
            marked = repo.get_case(conn, org_id=case.org_id, case_id=case.id)
            rules = rules_for(conn, org_id=case.org_id)
            announce(conn, marked, "case.escalated", rules, now=at, drivers=True)
            escalated.append(marked)
    return escalated


def reprioritise(
    db: Database, *, org: str, values: ValueLookup | None = None, now: datetime | None = None
) -> list[Case]:
    """Recompute priority and due date of the active cases once customer values are known —
    by default from the organisation's stored transaction log, as a new case gets them;
    returns the cases that changed."""
    at = now or utc_now()
    changed: list[Case] = []
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        if values is None:
            # Here, not at the top: the customer analytics it needs (Ibis, the models) would
            # otherwise load in `orientir worker`, which imports this module to escalate.
            from orientir.services.case_values import stored_values

            values = stored_values(conn, org_id=organisation.id)
        rules = rules_for(conn, org_id=organisation.id)
        active = repo.list_cases(
            conn, org_id=organisation.id, where=CaseFilter(statuses=ACTIVE_STATUSES)
        )
        for case in active:
            value = values(case.customer) if case.customer else None
            priority = rules.policy.priority(value)
            if priority is case.priority:
                continue
            repo.update_case(
                conn,
                case_id=case.id,
                values={
                    "priority": priority.value,
                    "abc_class": value.abc_class if value else None,
                    "clv": value.clv if value else None,
                    "due_at": rules.due_at(case.opened_at, priority),
                    "updated_at": at,
                },
            )
            changed.append(repo.get_case(conn, org_id=organisation.id, case_id=case.id))
    return changed
