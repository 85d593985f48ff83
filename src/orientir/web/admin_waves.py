"""Admin pages of waves: list, create (links shown once), open, close, remind, live progress,
and the export of responses.

A wave's audience here is ``all`` or ``department:PATH``. The command line also accepts
``file:PATH``, a file on the server; from the web that would let a user make the server read
any file it can, so it is refused.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import JSONResponse, Response

from orientir.domain.waves import WaveMode
from orientir.errors import AlreadyExists, InvalidInput, NotFound, localized
from orientir.instruments import builtin_library
from orientir.services import access, waves
from orientir.services.reminders import remind
from orientir.services.responses_io import FORMATS, response_frame, write_export
from orientir.services.waves import Invitation
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.admin_common import admin_page, org_url, see_other
from orientir.web.deps import Form, Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}/waves")
P = access.Permission
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "sav": "application/x-spss-sav",
}


def web_audience(text: str) -> str:
    audience = " ".join(text.split()) or "all"
    if not (audience == "all" or audience.startswith("department:")):
        raise InvalidInput(
            "the audience must be 'all' or 'department:PATH'",
            key="err.web.audience_must_all_department",
        )
    return audience


def _date(value: object) -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date (YYYY-MM-DD)", key="err.web.not_a_date", params={"text": text}
        ) from None


def links_csv(request: Request, invitations: list[Invitation]) -> str:
    settings = web_state(request).settings
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["respondent", "email", "link"])
    for invitation in invitations:
        writer.writerow(
            [invitation.respondent, invitation.email or "", settings.survey_link(invitation.token)]
        )
    return out.getvalue()


@router.get("")
def wave_list(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_WAVES))]
) -> Response:
    db = web_state(request).db
    listed = [
        (w, waves.wave_progress(db, org=ctx.org.slug, wave=str(w.id)))
        for w in waves.list_waves(db, org=ctx.org.slug)
    ]
    return admin_page(
        request, "admin/waves.html", lang=lang, session=ctx.session, ctx=ctx, waves=listed
    )


def _new_form(
    request: Request,
    lang: str,
    ctx: OrgContext,
    form: Mapping[str, object],
    error: str | None,
    status: int = 200,
) -> Response:
    return admin_page(
        request,
        "admin/wave_new.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        instruments=sorted(builtin_library().latest(), key=lambda i: i.ref),
        modes=[m.value for m in WaveMode],
        form=form,
        error=error,
        status_code=status,
    )


@router.get("/new")
def new_wave(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.MANAGE_WAVES))]
) -> Response:
    return _new_form(request, lang, ctx, {}, None)


@router.post("")
def create_wave(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_WAVES, post=True))],
) -> Response:
    state = web_state(request)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        mode = fields.get("mode") or None
        created = waves.create_wave(
            state.db,
            waves.NewWave(
                org=ctx.org.slug,
                instrument=fields.get("instrument", ""),
                audience=web_audience(fields.get("audience", "all")),
                mode=WaveMode(mode) if mode in {m.value for m in WaveMode} else None,
                label=fields.get("label", "").strip() or None,
                opens_on=_date(fields.get("opens_on")),
                closes_on=_date(fields.get("closes_on")),
            ),
            limits=state.settings.limits,
            actor=ctx.actor,
        )
    except (InvalidInput, AlreadyExists, NotFound) as exc:
        return _new_form(request, lang, ctx, fields, localized(exc, lang), status=422)
    return admin_page(
        request,
        "admin/wave_links.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        wave=created.wave,
        invitations=created.invitations,
        links=links_csv(request, created.invitations),
        shared=state.settings.survey_link(created.shared_token) if created.shared_token else None,
        reminder=False,
    )


@router.get("/{wave}")
def wave_page(
    request: Request,
    wave: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.READ_WAVES))],
) -> Response:
    db = web_state(request).db
    found = waves.find_wave(db, org=ctx.org.slug, wave=wave)
    progress = waves.wave_progress(db, org=ctx.org.slug, wave=str(found.id))
    return admin_page(
        request,
        "admin/wave.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        wave=found,
        progress=progress,
        formats=FORMATS,
        error=None,
    )


@router.get("/{wave}/progress.json")
def wave_progress_json(
    request: Request, wave: str, ctx: Annotated[OrgContext, Depends(require(P.READ_WAVES))]
) -> Response:
    """What the wave page's script polls to keep the response count live."""
    progress = waves.wave_progress(web_state(request).db, org=ctx.org.slug, wave=wave)
    body = asdict(progress) | {"status": progress.status.value, "rate": progress.response_rate}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


def _change(request: Request, lang: str, ctx: OrgContext, wave: str, action: str) -> Response:
    db = web_state(request).db
    change = waves.open_wave if action == "open" else waves.close_wave
    try:
        found = change(db, org=ctx.org.slug, wave=wave, actor=ctx.actor)
    except InvalidInput as exc:
        found = waves.find_wave(db, org=ctx.org.slug, wave=wave)
        return admin_page(
            request,
            "admin/wave.html",
            lang=lang,
            session=ctx.session,
            ctx=ctx,
            wave=found,
            progress=waves.wave_progress(db, org=ctx.org.slug, wave=str(found.id)),
            formats=FORMATS,
            error=localized(exc, lang),
            status_code=422,
        )
    return see_other(org_url(ctx, "waves", str(found.id)))


@router.post("/{wave}/open")
def open_wave(
    request: Request,
    wave: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_WAVES, post=True))],
) -> Response:
    return _change(request, lang, ctx, wave, "open")


@router.post("/{wave}/close")
def close_wave(
    request: Request,
    wave: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_WAVES, post=True))],
) -> Response:
    return _change(request, lang, ctx, wave, "close")


@router.post("/{wave}/remind")
def remind_wave(
    request: Request,
    wave: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_WAVES, post=True))],
) -> Response:
    db = web_state(request).db
    found = waves.find_wave(db, org=ctx.org.slug, wave=wave)
    try:
        issued = remind(db, org=ctx.org.slug, wave=str(found.id), actor=ctx.actor)
    except InvalidInput as exc:
        return admin_page(
            request,
            "admin/wave.html",
            lang=lang,
            session=ctx.session,
            ctx=ctx,
            wave=found,
            progress=waves.wave_progress(db, org=ctx.org.slug, wave=str(found.id)),
            formats=FORMATS,
            error=localized(exc, lang),
            status_code=422,
        )
    return admin_page(
        request,
        "admin/wave_links.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        wave=found,
        invitations=issued,
        links=links_csv(request, issued),
        shared=None,
        reminder=True,
    )


@router.get("/{wave}/export")
def export(
    request: Request,
    wave: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.EXPORT))],
    format: Annotated[str, Query(pattern="^(csv|xlsx|parquet|sav)$")] = "csv",
) -> Response:
    state = web_state(request)
    exported = response_frame(
        state.db, org=ctx.org.slug, wave=wave, k=state.settings.min_group_size, actor=ctx.actor
    )
    found = waves.find_wave(state.db, org=ctx.org.slug, wave=wave)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{format}"
        write_export(exported, fmt=format, out=path, lang=lang)
        data = path.read_bytes()
    filename = f"wave-{found.id}.{format}"
    return Response(
        data,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
