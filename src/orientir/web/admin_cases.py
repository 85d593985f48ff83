"""Admin pages of the closed loop: cases for customer advocates (list, one case with its
history, notes, moves open → in progress → resolved → closed, assignment), the organisation's
case rules (owners and drivers) and the notification dead-letter list with replay (owners).

Cases exist only for confidential or identified customer waves (the rules in
:mod:`orientir.services.cases` never open one for an anonymous wave), and
:func:`~orientir.services.cases.show_case` never shows an anonymous wave's answers. A signed-in
user is matched to an advocate (a *person*) by e-mail for "my cases" and as the default author.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from orientir.domain.cases import ACTIVE_STATUSES, CaseStatus
from orientir.domain.notifications import OutboxStatus
from orientir.domain.program import ProgramRole, TeamMember
from orientir.errors import InvalidInput, NotFound, localized
from orientir.services import access, case_actions, case_rules, cases, notifications, program
from orientir.services._clock import utc_now
from orientir.web.admin_common import admin_page, org_url, see_other
from orientir.web.deps import Form, Lang, ObjectId, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}")
P = access.Permission
MOVES = {
    "start": CaseStatus.IN_PROGRESS,
    "resolve": CaseStatus.RESOLVED,
    "close": CaseStatus.CLOSED,
}


def advocates(request: Request, ctx: OrgContext) -> list[TeamMember]:
    return program.program_team(web_state(request).db, org=ctx.org.slug, role=ProgramRole.ADVOCATE)


def me(team: list[TeamMember], ctx: OrgContext) -> TeamMember | None:
    """The advocate whose e-mail is the signed-in user's, if any."""
    email = ctx.session.principal.email.lower()
    return next((m for m in team if m.email and m.email.lower() == email), None)


def author(ctx: OrgContext) -> str:
    who = ctx.session.principal
    return who.name or who.email


@router.get("/cases")
def case_list(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.CASES))],
    state: Annotated[str, Query(pattern="^(|active|open|in_progress|resolved|closed|all)$")] = "",
    mine: Annotated[str, Query(pattern="^(|1)$")] = "",
    overdue: Annotated[str, Query(pattern="^(|1)$")] = "",
) -> Response:
    chosen = state or "active"
    statuses: frozenset[CaseStatus] | None = None
    if chosen == "active":
        statuses = ACTIVE_STATUSES
    elif chosen != "all":
        statuses = frozenset({CaseStatus(chosen)})
    team = advocates(request, ctx)
    myself = me(team, ctx)
    listed = []
    if not mine or myself is not None:
        listed = cases.list_cases(
            web_state(request).db,
            org=ctx.org.slug,
            query=cases.CaseQuery(
                statuses=statuses,
                assignee=myself.external_id if mine and myself else None,
                overdue=bool(overdue),
            ),
        )
    return admin_page(
        request,
        "admin/cases.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        cases=listed,
        state=chosen,
        mine=bool(mine),
        overdue=bool(overdue),
        myself=myself,
        now=utc_now(),
    )


def _case_page(
    request: Request,
    lang: str,
    ctx: OrgContext,
    case_id: int,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    detail = cases.show_case(web_state(request).db, org=ctx.org.slug, case_id=case_id, lang=lang)
    team = advocates(request, ctx)
    return admin_page(
        request,
        "admin/case.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        detail=detail,
        case=detail.case,
        advocates=team,
        myself=me(team, ctx),
        now=utc_now(),
        error=error,
        status_code=status,
    )


@router.get("/cases/{case}")
def case_page(
    request: Request,
    case: ObjectId,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.CASES))],
) -> Response:
    return _case_page(request, lang, ctx, case)


def _act(
    request: Request, lang: str, ctx: OrgContext, case: int, action: str, form: Form
) -> Response:
    db = web_state(request).db
    cases.show_case(db, org=ctx.org.slug, case_id=case)  # 404 before anything else
    fields: Mapping[str, str] = {k: v for k, v in form.items() if isinstance(v, str)}
    note = fields.get("note", "").strip() or None
    try:
        if action == "move":
            wanted = MOVES.get(fields.get("to", ""))
            if wanted is None:
                raise InvalidInput("web.cases.choose_move")
            if wanted is CaseStatus.IN_PROGRESS:
                case_actions.start_case(
                    db, org=ctx.org.slug, case_id=case, note=note, author=author(ctx)
                )
            elif wanted is CaseStatus.RESOLVED:
                if note is None:
                    raise InvalidInput("web.cases.note_needed")
                case_actions.resolve_case(
                    db, org=ctx.org.slug, case_id=case, note=note or "", author=author(ctx)
                )
            else:
                case_actions.close_case(
                    db, org=ctx.org.slug, case_id=case, note=note, author=author(ctx)
                )
        elif action == "note":
            case_actions.add_note(
                db, org=ctx.org.slug, case_id=case, note=note or "", author=author(ctx)
            )
        else:
            advocate = fields.get("advocate", "").strip()
            if not advocate:
                raise InvalidInput("web.cases.choose_advocate")
            case_actions.assign_case(
                db, org=ctx.org.slug, case_id=case, advocate=advocate, author=author(ctx)
            )
    except (InvalidInput, NotFound) as exc:
        return _case_page(request, lang, ctx, case, error=localized(exc, lang), status=422)
    return see_other(org_url(ctx, "cases", str(case)))


@router.post("/cases/{case}/move")
def move_case(
    request: Request,
    case: ObjectId,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.CASES, post=True))],
) -> Response:
    """``to`` = start (→ in progress), resolve (→ resolved, a note is required) or close."""
    return _act(request, lang, ctx, case, "move", form)


@router.post("/cases/{case}/note")
def note_case(
    request: Request,
    case: ObjectId,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.CASES, post=True))],
) -> Response:
    return _act(request, lang, ctx, case, "note", form)


@router.post("/cases/{case}/assign")
def assign_case(
    request: Request,
    case: ObjectId,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.CASES, post=True))],
) -> Response:
    return _act(request, lang, ctx, case, "assign", form)


def _rules_page(
    request: Request,
    lang: str,
    ctx: OrgContext,
    document: str | None = None,
    *,
    error: str | None = None,
    saved: bool = False,
    status: int = 200,
) -> Response:
    db = web_state(request).db
    text = document if document is not None else case_rules.show_rules(db, org=ctx.org.slug)
    return admin_page(
        request,
        "admin/case_rules.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        document=text,
        default=case_rules.DEFAULT_DOCUMENT,
        error=error,
        saved=saved,
        status_code=status,
    )


@router.get("/case-rules")
def rules_page(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM))],
    saved: Annotated[str, Query(pattern="^(|1)$")] = "",
) -> Response:
    return _rules_page(request, lang, ctx, saved=bool(saved))


@router.post("/case-rules")
def save_rules(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PROGRAM, post=True))],
) -> Response:
    document = form.get("document")
    text = document.replace("\r\n", "\n") if isinstance(document, str) else ""
    try:
        if not text.strip():
            raise InvalidInput("web.rules.empty")
        case_rules.set_rules(
            web_state(request).db, org=ctx.org.slug, document=text, actor=ctx.actor
        )
    except InvalidInput as exc:
        return _rules_page(request, lang, ctx, text, error=localized(exc, lang), status=422)
    return see_other(org_url(ctx, "case-rules") + "?saved=1")


def _dead_page(
    request: Request, lang: str, ctx: OrgContext, *, error: str | None = None, status: int = 200
) -> Response:
    db = web_state(request).db
    return admin_page(
        request,
        "admin/dead_letters.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        messages=notifications.list_outbox(db, status=OutboxStatus.DEAD, org=ctx.org.slug),
        counts=notifications.outbox_counts(db, org=ctx.org.slug),
        replayed=request.query_params.get("replayed"),
        error=error,
        status_code=status,
    )


@router.get("/notifications/dead")
def dead_letters(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_NOTIFICATIONS))],
) -> Response:
    return _dead_page(request, lang, ctx)


@router.post("/notifications/dead/replay")
def replay(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_NOTIFICATIONS, post=True))],
) -> Response:
    """``id`` replays one dead notification of this organisation; ``all=1`` every one."""
    db = web_state(request).db
    wanted = form.get("id")
    if form.get("all") == "1":
        count = notifications.replay_dead(db, org=ctx.org.slug, actor=ctx.actor)
    elif isinstance(wanted, str) and wanted:
        dead = notifications.list_outbox(db, status=OutboxStatus.DEAD, org=ctx.org.slug)
        if wanted not in {m.id for m in dead}:
            # Another organisation's notification, or one that is no longer dead.
            return _dead_page(request, lang, ctx, error="web.dead.not_dead", status=422)
        count = notifications.replay_dead(db, message_id=wanted, org=ctx.org.slug, actor=ctx.actor)
    else:
        return _dead_page(request, lang, ctx, error="web.dead.choose", status=422)
    return see_other(org_url(ctx, "notifications", "dead") + f"?replayed={count}")
