"""The REST API, mounted at ``/api/v1`` with its OpenAPI description at
``/api/v1/openapi.json``. Every route is a thin call to a service; every object lives under
``/orgs/{org}`` and is found only within that organisation."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from starlette.responses import Response

from orientir import __version__
from orientir.domain.waves import Wave, WaveMode
from orientir.errors import InvalidInput, NotFound
from orientir.instruments import Instrument, builtin_library
from orientir.services import access, people, waves
from orientir.services.dashboard import wave_dashboard
from orientir.services.reminders import remind
from orientir.services.responses_io import response_frame, write_export
from orientir.services.waves import Invitation
from orientir.web import api_admin, api_program
from orientir.web import api_schemas as s
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.admin_waves import MEDIA, web_audience
from orientir.web.api_support import (
    ApiOrg,
    ApiPrincipal,
    Paging,
    install_problem_handlers,
    org_access,
)
from orientir.web.security import NO_TELEMETRY
from orientir.web.state import web_state

P = access.Permission


def _wave(w: Wave) -> s.WaveOut:
    return s.WaveOut(
        id=w.id,
        label=w.label,
        instrument=w.instrument_ref,
        mode=w.mode.value,
        audience=w.audience,
        status=w.status.value,
        opens_on=w.opens_on,
        closes_on=w.closes_on,
    )


def _links(request: Request, issued: list[Invitation]) -> list[s.LinkOut]:
    settings = web_state(request).settings
    return [
        s.LinkOut(respondent=i.respondent, email=i.email, link=settings.survey_link(i.token))
        for i in issued
    ]


def _instrument(i: Instrument) -> s.InstrumentOut:
    return s.InstrumentOut(
        ref=i.ref,
        stakeholder=i.stakeholder.value,
        privacy=i.privacy.value,
        title=i.title.to_dict(),
        items=len(i.items),
        fingerprint=i.fingerprint,
    )


ReadPeople = Annotated[ApiOrg, Depends(org_access(P.READ_PEOPLE))]
ReadWaves = Annotated[ApiOrg, Depends(org_access(P.READ_WAVES))]
ManageWaves = Annotated[ApiOrg, Depends(org_access(P.MANAGE_WAVES))]
ReadDashboards = Annotated[ApiOrg, Depends(org_access(P.READ_DASHBOARDS))]
Export = Annotated[ApiOrg, Depends(org_access(P.EXPORT))]
router = APIRouter()


@router.get("/orgs", response_model=s.OrganisationPage, tags=["organisations"])
def list_orgs(request: Request, who: ApiPrincipal, paging: Paging) -> s.OrganisationPage:
    """The organisations you belong to, with your roles in each."""
    orgs = access.organisations_of(web_state(request).db, who)
    items, cursor = paging.page(orgs)
    return s.OrganisationPage(
        items=[
            s.OrganisationOut(
                slug=o.slug,
                name=o.name,
                founded=o.founded,
                headcount=o.headcount,
                sector=o.sector,
                roles=sorted(r.value for r in who.roles.get(o.id, ())),
            )
            for o in items
        ],
        next_cursor=cursor,
    )


@router.get("/orgs/{org}/people", response_model=s.PersonPage, tags=["people"])
def list_people(request: Request, scope: ReadPeople, paging: Paging) -> Any:
    listed = people.list_people(web_state(request).db, org=scope.org.slug)
    items, cursor = paging.page(listed)
    return {"items": [vars(p) for p in items], "next_cursor": cursor}


@router.get("/orgs/{org}/contacts", response_model=s.ContactPage, tags=["people"])
def list_contacts(request: Request, scope: ReadPeople, paging: Paging) -> Any:
    listed = people.list_contacts(web_state(request).db, org=scope.org.slug)
    items, cursor = paging.page(listed)
    return {
        "items": [vars(c) | {"kind": c.kind.value} for c in items],
        "next_cursor": cursor,
    }


@router.get("/instruments", response_model=s.InstrumentPage, tags=["instruments"])
def list_instruments(who: ApiPrincipal, paging: Paging) -> s.InstrumentPage:
    """The built-in library, every version."""
    items, cursor = paging.page(sorted(builtin_library(), key=lambda i: i.ref))
    return s.InstrumentPage(items=[_instrument(i) for i in items], next_cursor=cursor)


@router.get("/instruments/{ref}", tags=["instruments"])
def show_instrument(ref: str, who: ApiPrincipal) -> dict[str, Any]:
    """The instrument in its canonical form (``name`` gives the latest version)."""
    try:
        return builtin_library().resolve(ref).to_dict()
    except InvalidInput:
        raise NotFound(
            f"no instrument {ref!r}", key="err.web.no_instrument", params={"ref": ref}
        ) from None


@router.get("/orgs/{org}/waves", response_model=s.WavePage, tags=["waves"])
def list_waves(request: Request, scope: ReadWaves, paging: Paging) -> s.WavePage:
    items, cursor = paging.page(waves.list_waves(web_state(request).db, org=scope.org.slug))
    return s.WavePage(items=[_wave(w) for w in items], next_cursor=cursor)


@router.post("/orgs/{org}/waves", response_model=s.CreatedWaveOut, status_code=201, tags=["waves"])
def create_wave(request: Request, body: s.NewWaveIn, scope: ManageWaves) -> s.CreatedWaveOut:
    """A draft wave. The personal links are in this answer only: keep them."""
    state = web_state(request)
    created = waves.create_wave(
        state.db,
        waves.NewWave(
            org=scope.org.slug,
            instrument=body.instrument,
            audience=web_audience(body.audience),
            mode=WaveMode(body.mode) if body.mode else None,
            label=body.label,
            opens_on=body.opens_on,
            closes_on=body.closes_on,
        ),
        limits=state.settings.limits,
        actor=scope.actor,
    )
    shared = created.shared_token
    return s.CreatedWaveOut(
        wave=_wave(created.wave),
        links=_links(request, created.invitations),
        shared_link=state.settings.survey_link(shared) if shared else None,
    )


@router.get("/orgs/{org}/waves/{wave}", response_model=s.WaveOut, tags=["waves"])
def show_wave(request: Request, wave: str, scope: ReadWaves) -> s.WaveOut:
    return _wave(waves.find_wave(web_state(request).db, org=scope.org.slug, wave=wave))


@router.post("/orgs/{org}/waves/{wave}/open", response_model=s.WaveOut, tags=["waves"])
def open_wave(request: Request, wave: str, scope: ManageWaves) -> s.WaveOut:
    db = web_state(request).db
    return _wave(waves.open_wave(db, org=scope.org.slug, wave=wave, actor=scope.actor))


@router.post("/orgs/{org}/waves/{wave}/close", response_model=s.WaveOut, tags=["waves"])
def close_wave(request: Request, wave: str, scope: ManageWaves) -> s.WaveOut:
    db = web_state(request).db
    return _wave(waves.close_wave(db, org=scope.org.slug, wave=wave, actor=scope.actor))


@router.post("/orgs/{org}/waves/{wave}/remind", response_model=s.LinksOut, tags=["waves"])
def remind_wave(request: Request, wave: str, scope: ManageWaves) -> s.LinksOut:
    """New links for everyone who has not finished; their old links stop working."""
    issued = remind(web_state(request).db, org=scope.org.slug, wave=wave, actor=scope.actor)
    return s.LinksOut(links=_links(request, issued))


@router.get("/orgs/{org}/waves/{wave}/status", response_model=s.ProgressOut, tags=["waves"])
def wave_status(request: Request, wave: str, scope: ReadWaves) -> s.ProgressOut:
    p = waves.wave_progress(web_state(request).db, org=scope.org.slug, wave=wave)
    return s.ProgressOut(
        wave=p.wave,
        status=p.status.value,
        invited=p.invited,
        started=p.started,
        completed=p.completed,
        response_rate=p.response_rate,
    )


@router.get(
    "/orgs/{org}/waves/{wave}/dashboard", response_model=s.DashboardOut, tags=["dashboards"]
)
def dashboard(request: Request, wave: str, scope: ReadDashboards) -> Any:
    """Scale scores and NPS per department; hidden cells come back as null."""
    state = web_state(request)
    board = wave_dashboard(state.db, org=scope.org.slug, wave=wave, k=state.settings.min_group_size)
    rows = [
        {
            "department": row.department,
            "respondents": row.respondents,
            "cells": [
                {"figure": f.id, "value": c.value, "hidden": c.hidden}
                for f, c in zip(board.figures, row.cells, strict=True)
            ],
        }
        for row in board.rows
    ]
    return {"wave": board.wave.label, "k": board.k, "rows": rows}


@router.get(
    "/orgs/{org}/waves/{wave}/responses",
    tags=["responses"],
    responses={
        200: {
            "description": "A JSON page of responses, or the whole file in another format.",
            "content": {
                "application/json": {"schema": s.ResponsePage.model_json_schema()},
                **{media: {} for media in MEDIA.values()},
            },
        }
    },
)
def export_responses(
    request: Request,
    wave: str,
    scope: Export,
    paging: Paging,
    format: Annotated[str, Query(pattern="^(json|csv|xlsx|parquet|sav)$")] = "json",
    lang: Annotated[str, Query(pattern="^(ru|en)$")] = "en",
) -> Any:
    """The responses in codebook columns, privacy applied (as ``orientir responses
    export``): JSON pages, or a whole file in another format."""
    state = web_state(request)
    exported = response_frame(
        state.db, org=scope.org.slug, wave=wave, k=state.settings.min_group_size, actor=scope.actor
    )
    if format == "json":
        records = json.loads(exported.frame.to_json(orient="records", date_format="iso"))
        items, cursor = paging.page(records)
        clean = [
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in items
        ]
        return {"items": clean, "next_cursor": cursor}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"responses.{format}"
        write_export(exported, fmt=format, out=path, lang=lang)
        data = path.read_bytes()
    return Response(
        data,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="responses.{format}"'},
    )


def create_api() -> FastAPI:
    api = FastAPI(
        title="orientir API",
        version=__version__,
        description=(
            "Organisations, people, instruments, waves and responses of orientir; the change "
            "program, cases, case rules and notifications. "
            "Authenticate with a personal API token: `Authorization: Bearer oat_…`. "
            "Errors are RFC 9457 problem details. Lists are paged with `limit` and `cursor`."
        ),
        openapi_url="/openapi.json",
        docs_url=None,  # the interactive pages load scripts from a CDN; the JSON is enough
        redoc_url=None,
        telemetry=NO_TELEMETRY,
    )
    install_problem_handlers(api)
    api.include_router(router)
    api.include_router(api_program.router)
    api.include_router(api_admin.router)
    return api
