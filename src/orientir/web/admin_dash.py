"""Dashboards: per wave the response rate, and scale scores and NPS per department as a heatmap
table — every figure through the anonymity guard, the value written in each cell so that
colour is never the only carrier of meaning. The analysis pages — the customer-orientation
index, customers (ABC, XYZ, RFM, lifetime value, NPS by ABC class), culture and comments — each
call one service of :mod:`orientir.services` and draw the report's own SVG charts
(:mod:`orientir.web.dash_views`). Analyses that do not exist yet get a page that says so."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from orientir.i18n import t
from orientir.services import access, waves
from orientir.services.dashboard import trend, wave_dashboard
from orientir.services.dashboard_culture import comments_board, culture_board
from orientir.services.dashboard_customers import customers_board, voice_board
from orientir.services.dashboard_index import COMPARED, index_board
from orientir.web.admin_common import admin_page
from orientir.web.dash_views import (
    customers_charts,
    formatters,
    index_charts,
    nps_chart,
    voice_label,
)
from orientir.web.deps import Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}")
P = access.Permission


@router.get("/dashboard")
def dashboards(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    db = web_state(request).db
    k = web_state(request).settings.min_group_size
    listed = [
        (w, waves.wave_progress(db, org=ctx.org.slug, wave=str(w.id)))
        for w in waves.list_waves(db, org=ctx.org.slug)
    ]
    board = index_board(db, org=ctx.org.slug, k=k)
    voice = voice_board(db, org=ctx.org.slug, k=k, lang=lang)
    return admin_page(
        request,
        "admin/dashboards.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        waves=listed,
        board=board,
        voice=voice,
        voice_label=lambda group: voice_label(group, lang),
        f=formatters(lang, k),
    )


def _analysis(
    request: Request, lang: str, ctx: OrgContext, template: str, **context: Any
) -> Response:
    k = web_state(request).settings.min_group_size
    return admin_page(
        request,
        template,
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        k=k,
        f=formatters(lang, k),
        **context,
    )


@router.get("/index")
def index_page(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))],
    as_of: Annotated[str | None, Query(max_length=100)] = None,
    model: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """The index now or as of a wave, by quarter, by group and by department."""
    state = web_state(request)
    chosen_model = model if model in COMPARED else COMPARED[0]  # never a file on the server
    board = index_board(
        state.db,
        org=ctx.org.slug,
        k=state.settings.min_group_size,
        model=chosen_model,
        as_of=as_of or None,
    )
    return _analysis(
        request,
        lang,
        ctx,
        "admin/dash_index.html",
        board=board,
        models=COMPARED,
        chosen_model=chosen_model,
        charts=index_charts(board, lang),
    )


@router.get("/culture")
def culture_page(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    state = web_state(request)
    board = culture_board(state.db, org=ctx.org.slug, k=state.settings.min_group_size)
    return _analysis(request, lang, ctx, "admin/dash_culture.html", board=board)


@router.get("/comments")
def comments_page(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))],
    wave: Annotated[list[str] | None, Query(max_length=100)] = None,
) -> Response:
    state = web_state(request)
    board = comments_board(
        state.db,
        org=ctx.org.slug,
        k=state.settings.min_group_size,
        comment_k=state.settings.min_comment_group,
        waves=(wave or [])[:50],
    )
    return _analysis(request, lang, ctx, "admin/dash_comments.html", board=board)


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
    """ABC, XYZ, the matrix, RFM and lifetime value of the stored log; NPS by ABC class."""
    state = web_state(request)
    k = state.settings.min_group_size
    board = customers_board(state.db, org=ctx.org.slug, k=k)
    voice = voice_board(state.db, org=ctx.org.slug, k=k, lang=lang)
    charts = customers_charts(board, lang, k)
    if voice.voice is not None:
        charts["nps"] = nps_chart(voice.voice.by_abc, lang, k, t("dash.nps.title", lang))
    return _analysis(
        request,
        lang,
        ctx,
        "admin/customers.html",
        board=board,
        voice=voice,
        voice_label=lambda group: voice_label(group, lang),
        charts=charts,
    )
