"""The reports page: choose the waves and the language, download the executive report as one
self-contained HTML file or a PDF — built by :func:`orientir.services.report.build_report` and
rendered by :func:`orientir.services.report.render`, exactly as ``orientir report`` does.

An organisation without a single closed wave has nothing to report: the download answers with a
page that says so (422) instead of an empty report.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from orientir.config import LANGUAGES
from orientir.domain.waves import WaveStatus
from orientir.errors import InsufficientData, InvalidInput, NotFound, localized
from orientir.services import access, audit, waves
from orientir.services.report import Format, ReportOptions, build_report, render
from orientir.web.admin_common import admin_page
from orientir.web.deps import Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}/reports")
P = access.Permission
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _page(
    request: Request,
    lang: str,
    ctx: OrgContext,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    closed = [
        w
        for w in waves.list_waves(web_state(request).db, org=ctx.org.slug)
        if w.status is WaveStatus.CLOSED
    ]
    return admin_page(
        request,
        "admin/reports.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        waves=closed,
        languages=LANGUAGES,
        error=error,
        status_code=status,
    )


@router.get("")
def reports_page(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))]
) -> Response:
    return _page(request, lang, ctx)


def _limiter(request: Request) -> anyio.CapacityLimiter:
    """Reports are built on threads of their own, at most two at a time per process: a PDF of a
    demo-sized organisation takes about ten seconds, and on SQLite every other request shares a
    single thread (see ``orientir.web.app``), which a report must not hold that long."""
    limiter = getattr(request.app.state, "report_limiter", None)
    if limiter is None:
        limiter = anyio.CapacityLimiter(2)
        request.app.state.report_limiter = limiter
    assert isinstance(limiter, anyio.CapacityLimiter)
    return limiter


@router.get("/download")
async def download(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.READ_DASHBOARDS))],
    format: Annotated[str, Query(pattern="^(html|pdf)$")] = "html",
    report_lang: Annotated[str | None, Query(alias="report_lang", pattern="^(ru|en)$")] = None,
    wave: Annotated[list[str] | None, Query(max_length=200)] = None,
) -> Response:
    """The report of the chosen waves (default: the latest closed wave of each questionnaire)."""
    build = partial(_download, request, lang, ctx, format, report_lang, tuple(wave or ()))
    return await anyio.to_thread.run_sync(build, limiter=_limiter(request))


def _download(
    request: Request,
    lang: str,
    ctx: OrgContext,
    format: str,
    report_lang: str | None,
    chosen: tuple[str, ...],
) -> Response:
    state = web_state(request)
    db = state.db
    closed = [w for w in waves.list_waves(db, org=ctx.org.slug) if w.status is WaveStatus.CLOSED]
    if not closed:
        return _page(request, lang, ctx, error="web.reports.no_data", status=422)
    known = {w.label for w in closed} | {str(w.id) for w in closed}
    if any(w not in known for w in chosen):
        return _page(request, lang, ctx, error="web.reports.unknown_wave", status=422)
    by_id = {str(w.id): w.label for w in closed}
    options = ReportOptions(
        org=ctx.org.slug,
        waves=tuple(by_id.get(w, w) for w in chosen),
        k=state.settings.min_group_size,
        comment_k=state.settings.min_comment_group,
    )
    try:
        data = build_report(db, options, limits=state.settings.limits)
    except (InsufficientData, InvalidInput, NotFound) as exc:
        return _page(request, lang, ctx, error=localized(exc, lang), status=422)
    output: Format = "pdf" if format == "pdf" else "html"
    body = render(data, output=output, lang=report_lang or lang)
    audit.record_now(
        db,
        ctx.actor,
        audit.Action.REPORT_DOWNLOAD,
        org_id=ctx.org.id,
        object_type="report",
        object_id=f"{output} {','.join(options.waves) or 'latest'}",
    )
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ctx.org.slug).strip("-") or "org"
    filename = f"report-{slug}-{data.meta.as_of.isoformat()}.{output}"
    return Response(
        body,
        media_type=MEDIA[output],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
