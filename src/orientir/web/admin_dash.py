"""Dashboards: per wave the response rate, and scale scores and NPS per department as a heatmap
table — every figure through the anonymity guard, the value written in each cell so that
colour is never the only carrier of meaning. Analyses that do not exist yet (the index, NPS by
ABC class, customer analytics, the program, reports, cases) get a page that says so plainly."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from orientir.services import access, waves
from orientir.services.dashboard import trend, wave_dashboard
from orientir.web.admin_common import admin_page
from orientir.web.deps import Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}")
P = access.Permission


@router.get("/dashboard")
def dashboards(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    db = web_state(request).db
    listed = [
        (w, waves.wave_progress(db, org=ctx.org.slug, wave=str(w.id)))
        for w in waves.list_waves(db, org=ctx.org.slug)
    ]
    return admin_page(
        request, "admin/dashboards.html", lang=lang, session=ctx.session, ctx=ctx, waves=listed
    )


@router.get("/dashboard/{wave}")
def wave_board(
    request: Request,
    wave: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))],
) -> Response:
    state = web_state(request)
    k = state.settings.min_group_size
    board = wave_dashboard(state.db, org=ctx.org.slug, wave=wave, k=k)
    points = trend(state.db, org=ctx.org.slug, wave=str(board.wave.id), k=k)
    return admin_page(
        request,
        "admin/dashboard.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        board=board,
        points=points,
    )


def _not_yet(request: Request, lang: str, ctx: OrgContext, topic: str) -> Response:
    return admin_page(
        request, "admin/not_yet.html", lang=lang, session=ctx.session, ctx=ctx, topic=topic
    )


@router.get("/customers")
def customers(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    return _not_yet(request, lang, ctx, "customers")


@router.get("/program")
def program(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    return _not_yet(request, lang, ctx, "program")


@router.get("/reports")
def reports(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    return _not_yet(request, lang, ctx, "reports")


@router.get("/cases")
def cases(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.CASES))]
) -> Response:
    return _not_yet(request, lang, ctx, "cases")
