"""REST routes of the change program and the cases, included by :func:`orientir.web.api.create_api`.

Every object is looked up within the ``{org}`` of its URL only: an initiative or a case of
another organisation answers 404, exactly like one that does not exist. Reading initiatives
needs ``read_dashboards``; changing them ``manage_program`` (owners, drivers); cases need
``cases`` (owners, advocates).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field, WithJsonSchema

from orientir.domain.cases import Case, CaseStatus
from orientir.domain.program import Initiative, InitiativeStatus
from orientir.errors import InvalidInput, NotFound
from orientir.services import access, case_actions, cases, program
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._clock import utc_now
from orientir.web.api_support import ApiOrg, ObjectId, Paging, org_access
from orientir.web.state import web_state

P = access.Permission
router = APIRouter()
ReadProgram = Annotated[ApiOrg, Depends(org_access(P.READ_DASHBOARDS))]
ManageProgram = Annotated[ApiOrg, Depends(org_access(P.MANAGE_PROGRAM))]
Advocate = Annotated[ApiOrg, Depends(org_access(P.CASES))]


class MilestoneOut(BaseModel):
    id: int
    title: str
    due_on: date
    done: bool
    done_on: date | None


class InitiativeOut(BaseModel):
    id: int
    title: str
    status: str
    description: str | None
    owner: str | None = Field(description="The owner's external id (people file).")
    owner_name: str | None
    budget: str | None = Field(description="A decimal amount as text, exact to the cent.")
    currency: str | None
    starts_on: date | None
    ends_on: date | None
    component: str | None = Field(description="The index component it aims to move.")
    milestones: list[MilestoneOut]


class InitiativePage(BaseModel):
    items: list[InitiativeOut]
    next_cursor: str | None


Status = Literal["planned", "active", "done", "stopped"]
# An amount: a number, or text of digits with up to two decimals. The description says which
# strings are amounts, so a client (and schemathesis) sends none the model would refuse.
Budget = Annotated[
    Decimal,
    Field(ge=0, le=Decimal("999999999999.99")),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 999999999999.99},
                {"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$"},
            ]
        }
    ),
]


class NewInitiativeIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    owner: str | None = Field(None, max_length=100)
    budget: Budget | None = None
    currency: str | None = Field(None, min_length=3, max_length=3)
    status: Status = "planned"
    starts_on: date | None = None
    ends_on: date | None = None
    component: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=5000)


class InitiativeChangesIn(BaseModel):
    """Only the fields given change; ``null`` empties an optional field (owner, budget with its
    currency, starts_on, ends_on, component, description)."""

    title: str | None = Field(None, min_length=1, max_length=200)
    owner: str | None = Field(None, max_length=100)
    budget: Budget | None = None
    currency: str | None = Field(None, min_length=3, max_length=3)
    status: Status | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    component: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=5000)


class NewMilestoneIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    due_on: date


class ReasonOut(BaseModel):
    rule: str
    item: str
    value: float | None
    keyword: str | None


class CaseOut(BaseModel):
    id: int
    status: str
    priority: str
    abc_class: str | None
    clv: float | None
    opened_at: datetime
    due_at: datetime
    overdue: bool
    escalated_at: datetime | None
    customer: str | None
    customer_kind: str | None
    company: str | None
    wave: str | None
    assignee: str | None
    assignee_name: str | None
    reasons: list[ReasonOut]


class CasePage(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None


class EventOut(BaseModel):
    at: datetime
    kind: str
    author: str | None
    from_status: str | None
    to_status: str | None
    text: str | None


class AnswerOut(BaseModel):
    item: str
    text: str
    value: Any


class CaseDetailOut(BaseModel):
    case: CaseOut
    history: list[EventOut]
    answers: list[AnswerOut] | None = Field(
        description="The customer's answers; null for a wave that was anonymous."
    )


class TransitionIn(BaseModel):
    to: Literal["in_progress", "resolved", "closed"]
    note: str | None = Field(None, max_length=5000)


class AssignIn(BaseModel):
    advocate: str = Field(min_length=1, max_length=100, description="A person's external id.")


class NoteIn(BaseModel):
    note: str = Field(min_length=1, max_length=5000)


def initiative_out(i: Initiative) -> InitiativeOut:
    return InitiativeOut(
        id=i.id,
        title=i.title,
        status=i.status.value,
        description=i.description,
        owner=i.owner,
        owner_name=i.owner_name,
        budget=None if i.budget is None else str(i.budget),
        currency=i.currency,
        starts_on=i.starts_on,
        ends_on=i.ends_on,
        component=i.component,
        milestones=[
            MilestoneOut(id=m.id, title=m.title, due_on=m.due_on, done=m.done, done_on=m.done_on)
            for m in i.milestones
        ],
    )


def case_out(c: Case, now: datetime) -> CaseOut:
    return CaseOut(
        id=c.id,
        status=c.status.value,
        priority=c.priority.value,
        abc_class=c.abc_class,
        clv=c.clv,
        opened_at=c.opened_at,
        due_at=c.due_at,
        overdue=c.overdue(now),
        escalated_at=c.escalated_at,
        customer=c.customer,
        customer_kind=c.customer_kind,
        company=c.company,
        wave=c.wave,
        assignee=c.assignee,
        assignee_name=c.assignee_name,
        reasons=[ReasonOut(**r.to_dict()) for r in c.reasons],
    )


@router.get("/orgs/{org}/initiatives", response_model=InitiativePage, tags=["program"])
def list_initiatives(
    request: Request,
    scope: ReadProgram,
    paging: Paging,
    status: Annotated[Status | None, Query()] = None,
) -> InitiativePage:
    """Initiatives with their milestones, earliest start first."""
    found = program.list_initiatives(
        web_state(request).db,
        org=scope.org.slug,
        status=InitiativeStatus(status) if status else None,
    )
    items, cursor = paging.page(found)
    return InitiativePage(items=[initiative_out(i) for i in items], next_cursor=cursor)


class TeamMemberOut(BaseModel):
    external_id: str = Field(description="The person's id in the people file.")
    name: str
    department: str | None
    role: Literal["driver", "advocate"]
    source: str = Field(description="'program' when granted, 'people' when read from the file.")


@router.get("/orgs/{org}/program/team", response_model=list[TeamMemberOut], tags=["program"])
def program_team(request: Request, scope: ReadProgram) -> list[TeamMemberOut]:
    """The driver team and the customer advocates (no e-mail addresses)."""
    return [
        TeamMemberOut(
            external_id=m.external_id,
            name=m.name,
            department=m.department,
            role="driver" if m.role.value == "driver" else "advocate",
            source=m.source,
        )
        for m in program.program_team(web_state(request).db, org=scope.org.slug)
    ]


class TimelineCellOut(BaseModel):
    quarter: str
    active: bool
    milestones: list[int] = Field(description="Ids of the milestones due in the quarter.")


class TimelineRowOut(BaseModel):
    initiative: int
    title: str
    status: str
    component: str | None
    cells: list[TimelineCellOut]


class TimelineOut(BaseModel):
    quarters: list[str]
    index: dict[str, float] = Field(
        description="The customer-orientation index of each quarter with closed waves; a "
        "quarter the anonymity guard hides, or without data, is absent."
    )
    rows: list[TimelineRowOut]
    unscheduled: list[int] = Field(description="Initiatives with neither dates nor milestones.")


@router.get("/orgs/{org}/program/timeline", response_model=TimelineOut, tags=["program"])
def program_timeline(request: Request, scope: ReadProgram) -> TimelineOut:
    """Initiatives by quarter beside the index of the same quarters (the stakeholder model)."""
    state = web_state(request)
    slug = scope.org.slug
    timeline = program.initiative_timeline(state.db, org=slug)
    index = program.index_by_quarter(state.db, org=slug, k=state.settings.min_group_size)
    return TimelineOut(
        quarters=list(timeline.quarters),
        index={q: round(v, 2) for q, v in index.items()},
        rows=[
            TimelineRowOut(
                initiative=row.initiative.id,
                title=row.initiative.title,
                status=row.initiative.status.value,
                component=row.initiative.component,
                cells=[
                    TimelineCellOut(
                        quarter=cell.quarter,
                        active=cell.active,
                        milestones=[m.id for m in cell.milestones],
                    )
                    for cell in row.cells
                ],
            )
            for row in timeline.rows
        ],
        unscheduled=[i.id for i in timeline.unscheduled],
    )


@contextmanager
def _people_in_body() -> Iterator[None]:
    """An owner the request body names but the organisation lacks is a bad request (422),
    not a missing resource: the objects of the URL were all found."""
    try:
        yield
    except NotFound as exc:
        raise InvalidInput(str(exc), key=exc.key, params=exc.params) from None


@router.post(
    "/orgs/{org}/initiatives", response_model=InitiativeOut, status_code=201, tags=["program"]
)
def create_initiative(
    request: Request, body: NewInitiativeIn, scope: ManageProgram
) -> InitiativeOut:
    with _people_in_body():
        created = program.add_initiative(
            web_state(request).db,
            program.NewInitiative(
                org=scope.org.slug,
                title=body.title,
                owner=body.owner,
                budget=body.budget,
                currency=body.currency,
                status=InitiativeStatus(body.status),
                starts_on=body.starts_on,
                ends_on=body.ends_on,
                component=body.component,
                description=body.description,
            ),
            actor=scope.actor,
        )
    return initiative_out(created)


@router.get("/orgs/{org}/initiatives/{initiative}", response_model=InitiativeOut, tags=["program"])
def show_initiative(request: Request, initiative: str, scope: ReadProgram) -> InitiativeOut:
    """By id or exact title, within the organisation."""
    return initiative_out(
        program.get_initiative(web_state(request).db, org=scope.org.slug, initiative=initiative)
    )


@router.patch(
    "/orgs/{org}/initiatives/{initiative}", response_model=InitiativeOut, tags=["program"]
)
def update_initiative(
    request: Request, initiative: str, body: InitiativeChangesIn, scope: ManageProgram
) -> InitiativeOut:
    db = web_state(request).db
    found = program.get_initiative(db, org=scope.org.slug, initiative=initiative)
    with _people_in_body():
        changed = _update(request, scope, found.id, body)
    return initiative_out(changed)


def _update(
    request: Request, scope: ApiOrg, initiative_id: int, body: InitiativeChangesIn
) -> Initiative:
    return program.update_initiative(
        web_state(request).db,
        org=scope.org.slug,
        initiative=str(initiative_id),
        changes=program.InitiativeChanges(
            title=body.title,
            owner=body.owner,
            budget=body.budget,
            currency=body.currency,
            status=InitiativeStatus(body.status) if body.status else None,
            starts_on=body.starts_on,
            ends_on=body.ends_on,
            component=body.component,
            description=body.description,
            clear=frozenset(
                name
                for name in program.CLEARABLE
                if name in body.model_fields_set and getattr(body, name) is None
            ),
        ),
        actor=scope.actor,
    )


@router.post(
    "/orgs/{org}/initiatives/{initiative}/milestones",
    response_model=InitiativeOut,
    status_code=201,
    tags=["program"],
)
def add_milestone(
    request: Request, initiative: str, body: NewMilestoneIn, scope: ManageProgram
) -> InitiativeOut:
    db = web_state(request).db
    found = program.get_initiative(db, org=scope.org.slug, initiative=initiative)
    return initiative_out(
        program.add_milestone(
            db,
            org=scope.org.slug,
            initiative=str(found.id),
            title=body.title,
            due_on=body.due_on,
            actor=scope.actor,
        )
    )


class MilestoneDoneIn(BaseModel):
    done: bool = Field(True, description="false: not done after all.")


@router.post(
    "/orgs/{org}/initiatives/{initiative}/milestones/{milestone}/done",
    response_model=InitiativeOut,
    tags=["program"],
)
def milestone_done(
    request: Request,
    initiative: str,
    milestone: int,
    body: MilestoneDoneIn,
    scope: ManageProgram,
) -> InitiativeOut:
    """Record progress: the milestone (by id) is done today — or, with ``done: false``, open
    again."""
    db = web_state(request).db
    found = program.get_initiative(db, org=scope.org.slug, initiative=initiative)
    return initiative_out(
        program.complete_milestone(
            db,
            org=scope.org.slug,
            initiative=str(found.id),
            milestone=str(milestone),
            done=body.done,
        )
    )


@router.get("/orgs/{org}/cases", response_model=CasePage, tags=["cases"])
def list_cases(
    request: Request,
    scope: Advocate,
    paging: Paging,
    status: Annotated[
        list[CaseStatus] | None, Query(description="Only these (repeatable).")
    ] = None,
    assignee: Annotated[str | None, Query(max_length=100)] = None,
    overdue: bool = False,
) -> CasePage:
    """Cases soonest due first."""
    now = utc_now()
    found = cases.list_cases(
        web_state(request).db,
        org=scope.org.slug,
        query=cases.CaseQuery(
            statuses=frozenset(status) if status else None, assignee=assignee, overdue=overdue
        ),
        now=now,
    )
    items, cursor = paging.page(found)
    return CasePage(items=[case_out(c, now) for c in items], next_cursor=cursor)


@router.post("/orgs/{org}/cases/escalate-overdue", response_model=list[CaseOut], tags=["cases"])
def escalate_overdue(request: Request, scope: ManageProgram) -> list[CaseOut]:
    """Escalate the active cases past their due date — each once — and notify the driver team,
    the assignee and the channels; the cases escalated now. ``orientir worker`` does this on
    its own every few minutes."""
    now = utc_now()
    escalated = case_actions.escalate_overdue(web_state(request).db, org=scope.org.slug, now=now)
    return [case_out(c, now) for c in escalated]


@router.post("/orgs/{org}/cases/reprioritise", response_model=list[CaseOut], tags=["cases"])
def reprioritise(request: Request, scope: ManageProgram) -> list[CaseOut]:
    """Recompute the priority and due date of the active cases from the stored transaction
    log (after a new log was imported, or the case rules changed); the cases that changed."""
    now = utc_now()
    changed = case_actions.reprioritise(web_state(request).db, org=scope.org.slug, now=now)
    return [case_out(c, now) for c in changed]


def _detail(request: Request, scope: ApiOrg, case_id: int) -> CaseDetailOut:
    detail = cases.show_case(web_state(request).db, org=scope.org.slug, case_id=case_id)
    return CaseDetailOut(
        case=case_out(detail.case, utc_now()),
        history=[
            EventOut(
                at=e.at,
                kind=e.kind,
                author=e.author,
                from_status=e.from_status,
                to_status=e.to_status,
                text=e.text,
            )
            for e in detail.events
        ],
        answers=None
        if detail.answers is None
        else [AnswerOut(item=a.item, text=a.text, value=a.value) for a in detail.answers],
    )


@router.get("/orgs/{org}/cases/{case}", response_model=CaseDetailOut, tags=["cases"])
def show_case(request: Request, case: ObjectId, scope: Advocate) -> CaseDetailOut:
    """The case, its history and the customer's answers (never those of an anonymous wave)."""
    return _detail(request, scope, case)


def _author(scope: ApiOrg) -> str:
    return scope.principal.name or scope.principal.email


@router.post("/orgs/{org}/cases/{case}/transition", response_model=CaseDetailOut, tags=["cases"])
def transition(
    request: Request, case: ObjectId, body: TransitionIn, scope: Advocate
) -> CaseDetailOut:
    """open → in_progress → resolved (a note is required) → closed; resolved → in_progress.
    Any other move is refused (422) with the allowed ones."""
    db = web_state(request).db
    cases.show_case(db, org=scope.org.slug, case_id=case)  # 404 for another organisation's
    kwargs: dict[str, Any] = {"org": scope.org.slug, "case_id": case, "author": _author(scope)}
    if body.to == "in_progress":
        case_actions.start_case(db, note=body.note, **kwargs)
    elif body.to == "resolved":
        if not (body.note or "").strip():
            raise InvalidInput(
                "a note is needed: say what was done for the customer",
                key="err.cases.note_needed_say_what",
            )
        case_actions.resolve_case(db, note=body.note or "", **kwargs)
    else:
        case_actions.close_case(db, note=body.note, **kwargs)
    return _detail(request, scope, case)


@router.post("/orgs/{org}/cases/{case}/assign", response_model=CaseDetailOut, tags=["cases"])
def assign(request: Request, case: ObjectId, body: AssignIn, scope: Advocate) -> CaseDetailOut:
    """Give the case to an advocate (a person holding the advocate role)."""
    case_actions.assign_case(
        web_state(request).db,
        org=scope.org.slug,
        case_id=case,
        advocate=body.advocate,
        author=_author(scope),
    )
    return _detail(request, scope, case)


@router.post(
    "/orgs/{org}/cases/{case}/notes",
    response_model=CaseDetailOut,
    status_code=201,
    tags=["cases"],
)
def add_note(request: Request, case: ObjectId, body: NoteIn, scope: Advocate) -> CaseDetailOut:
    case_actions.add_note(
        web_state(request).db,
        org=scope.org.slug,
        case_id=case,
        note=body.note,
        author=_author(scope),
    )
    return _detail(request, scope, case)
