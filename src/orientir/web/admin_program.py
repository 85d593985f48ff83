"""Admin pages of the change program: the driver team, initiatives (create, edit, milestones)
and a timeline across quarters next to the customer-orientation index of the same quarters.

Everyone who reads dashboards reads the program; owners and drivers (``manage_program``)
change it. The timeline is a plain table and an inline SVG drawn on the server: no script, no
inline style (the Content-Security-Policy forbids both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from orientir.domain.program import Initiative, InitiativeStatus, ProgramRole, Timeline
from orientir.errors import AlreadyExists, InvalidInput, NotFound, localized
from orientir.services import access, dashboard_cache, people, program
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.admin_common import admin_page, org_url, see_other
from orientir.web.deps import Form, Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}/program")
P = access.Permission
STATUSES = [s.value for s in InitiativeStatus]
FIELDS = ("title", "owner", "budget", "currency", "status", "starts_on", "ends_on", "component")


def _date(value: str | None, what: str) -> date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{what}: {text!r} is not a date (YYYY-MM-DD)",
            key="err.web.not_date_yyyy_mm",
            params={"what": what, "text": text},
        ) from None


def _status(value: str | None) -> InitiativeStatus | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return InitiativeStatus(text)
    except ValueError:
        raise InvalidInput(
            f"unknown status {text!r}", key="err.web.unknown_status", params={"text": text}
        ) from None


def _text(fields: Mapping[str, str], name: str) -> str | None:
    return fields.get(name, "").strip() or None


@dataclass(frozen=True)
class Bar:
    """One quarter's index as a bar of an inline SVG (the value is written above it)."""

    quarter: str
    value: float
    height: float  # pixels of ``BAR_SCALE`` for 0–100


BAR_SCALE = 60


def index_bars(quarters: tuple[str, ...], index: Mapping[str, float]) -> list[Bar | None]:
    """A bar per timeline quarter (None where the index is unknown), so the chart sits in the
    timeline table's own columns."""
    return [
        Bar(q, index[q], round(max(0.0, min(100.0, index[q])) / 100 * BAR_SCALE, 1))
        if q in index
        else None
        for q in quarters
    ]


def _program_page(
    request: Request,
    lang: str,
    ctx: OrgContext,
    *,
    form: Mapping[str, str] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    state = web_state(request)
    db = state.db
    timeline: Timeline = program.initiative_timeline(db, org=ctx.org.slug)
    k = state.settings.min_group_size
    # About a second on a demo-sized organisation: kept until a wave closes or gets answers.
    version = dashboard_cache.data_version(db, org=ctx.org.slug)
    index = dashboard_cache.remembered(
        db,
        ("program.index_by_quarter", ctx.org.slug, k, version),
        lambda: program.index_by_quarter(db, org=ctx.org.slug, k=k),
    )
    return admin_page(
        request,
        "admin/program.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        team=program.program_team(db, org=ctx.org.slug),
        initiatives=program.list_initiatives(db, org=ctx.org.slug),
        timeline=timeline,
        index=index,
        bars=index_bars(timeline.quarters, index),
        bar_scale=BAR_SCALE,
        people=people.list_people(db, org=ctx.org.slug),
        statuses=STATUSES,
        form=form or {},
        error=error,
        status_code=status,
        today=date.today(),
    )


@router.get("")
def program_page(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    return _program_page(request, lang, ctx)


def _fields(form: Mapping[str, object]) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/initiatives")
def create_initiative(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM, post=True))],
) -> Response:
    fields = _fields(form)
    try:
        created = program.add_initiative(
            web_state(request).db,
            program.NewInitiative(
                org=ctx.org.slug,
                title=fields.get("title", ""),
                owner=_text(fields, "owner"),
                budget=_text(fields, "budget"),
                currency=_text(fields, "currency"),
                status=_status(fields.get("status")) or InitiativeStatus.PLANNED,
                starts_on=_date(fields.get("starts_on"), "start"),
                ends_on=_date(fields.get("ends_on"), "end"),
                component=_text(fields, "component"),
                description=_text(fields, "description"),
            ),
            actor=ctx.actor,
        )
    except (InvalidInput, AlreadyExists, NotFound) as exc:
        return _program_page(
            request, lang, ctx, form=fields, error=localized(exc, lang), status=422
        )
    return see_other(org_url(ctx, "program", "initiatives", str(created.id)))


def _initiative_page(
    request: Request,
    lang: str,
    ctx: OrgContext,
    found: Initiative,
    *,
    form: Mapping[str, str] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    db = web_state(request).db
    return admin_page(
        request,
        "admin/initiative.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        initiative=found,
        people=people.list_people(db, org=ctx.org.slug),
        statuses=STATUSES,
        form=form,
        error=error,
        status_code=status,
        today=date.today(),
    )


@router.get("/initiatives/{initiative}")
def initiative_page(
    request: Request,
    initiative: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))],
) -> Response:
    found = program.get_initiative(web_state(request).db, org=ctx.org.slug, initiative=initiative)
    return _initiative_page(request, lang, ctx, found)


@router.post("/initiatives/{initiative}")
def update_initiative(
    request: Request,
    initiative: str,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM, post=True))],
) -> Response:
    db = web_state(request).db
    found = program.get_initiative(db, org=ctx.org.slug, initiative=initiative)
    fields = _fields(form)
    try:
        changed = program.update_initiative(
            db,
            org=ctx.org.slug,
            initiative=str(found.id),
            changes=program.InitiativeChanges(
                title=_text(fields, "title"),
                owner=_text(fields, "owner"),
                budget=_text(fields, "budget"),
                currency=_text(fields, "currency"),
                status=_status(fields.get("status")),
                starts_on=_date(fields.get("starts_on"), "start"),
                ends_on=_date(fields.get("ends_on"), "end"),
                component=_text(fields, "component"),
                description=fields.get("description"),
                # A field sent empty by the edit form is one the user emptied.
                clear=frozenset(
                    name
                    for name in program.CLEARABLE
                    if name in fields and not fields[name].strip() and name != "description"
                ),
            ),
            actor=ctx.actor,
        )
    except (InvalidInput, AlreadyExists, NotFound) as exc:
        return _initiative_page(
            request, lang, ctx, found, form=fields, error=localized(exc, lang), status=422
        )
    return see_other(org_url(ctx, "program", "initiatives", str(changed.id)))


@router.post("/initiatives/{initiative}/milestones")
def add_milestone(
    request: Request,
    initiative: str,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM, post=True))],
) -> Response:
    db = web_state(request).db
    found = program.get_initiative(db, org=ctx.org.slug, initiative=initiative)
    fields = _fields(form)
    try:
        due = _date(fields.get("due_on"), "due")
        if due is None:
            raise InvalidInput(
                "a milestone needs a due date (YYYY-MM-DD)", key="err.web.milestone_needs_due_date"
            )
        program.add_milestone(
            db,
            org=ctx.org.slug,
            initiative=str(found.id),
            title=fields.get("title", ""),
            due_on=due,
            actor=ctx.actor,
        )
    except (InvalidInput, AlreadyExists) as exc:
        return _initiative_page(request, lang, ctx, found, error=localized(exc, lang), status=422)
    return see_other(org_url(ctx, "program", "initiatives", str(found.id)))


@router.post("/initiatives/{initiative}/milestones/{milestone}/done")
def milestone_done(
    request: Request,
    initiative: str,
    milestone: int,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM, post=True))],
) -> Response:
    """Record progress: the milestone is done (``done=1``, the default) or open again."""
    db = web_state(request).db
    found = program.get_initiative(db, org=ctx.org.slug, initiative=initiative)
    done = form.get("done", "1") != "0"
    program.complete_milestone(
        db,
        org=ctx.org.slug,
        initiative=str(found.id),
        milestone=str(milestone),
        done=done,
        actor=ctx.actor,
    )
    return see_other(org_url(ctx, "program", "initiatives", str(found.id)))


@router.post("/team")
def change_team(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM, post=True))],
) -> Response:
    """Give a person (``person``: external id) a program role (``role``: driver or advocate),
    or take a granted one back (``action=remove``). A role read from the people file changes
    only with that file."""
    fields = _fields(form)
    person = fields.get("person", "").strip()
    try:
        if not person:
            raise InvalidInput("web.program.choose_person")
        try:
            role = ProgramRole(fields.get("role", ""))
        except ValueError:
            raise InvalidInput("web.program.choose_role") from None
        db = web_state(request).db
        if fields.get("action") == "remove":
            if not program.revoke_role(
                db, org=ctx.org.slug, person=person, role=role, actor=ctx.actor
            ):
                raise InvalidInput("web.program.not_granted")
        else:
            program.grant_role(db, org=ctx.org.slug, person=person, role=role, actor=ctx.actor)
    except (InvalidInput, NotFound) as exc:
        return _program_page(
            request, lang, ctx, form=fields, error=localized(exc, lang), status=422
        )
    return see_other(org_url(ctx, "program"))
