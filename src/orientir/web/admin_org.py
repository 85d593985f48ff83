"""Admin pages of one organisation: overview, people and contacts (with import), instruments,
and its users with their roles."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from orientir.errors import AlreadyExists, ImportRejected, InvalidInput, NotFound, localized
from orientir.instruments import builtin_library
from orientir.services import access, people
from orientir.services.import_messages import reason_text
from orientir.services.passwords import WeakPassword
from orientir.services.waves import list_waves, wave_progress
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.admin_common import admin_page, org_url, see_other
from orientir.web.deps import Form, Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}")
P = access.Permission
UPLOAD_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx"}


@router.get("/")
def overview(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.MEMBER))]
) -> Response:
    db = web_state(request).db
    waves = []
    if ctx.can(P.READ_WAVES):
        waves = [
            (w, wave_progress(db, org=ctx.org.slug, wave=str(w.id)))
            for w in list_waves(db, org=ctx.org.slug)
        ]
    return admin_page(
        request, "admin/overview.html", lang=lang, session=ctx.session, ctx=ctx, waves=waves
    )


@router.get("/people")
def people_page(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_PEOPLE))]
) -> Response:
    listed = people.list_people(web_state(request).db, org=ctx.org.slug)
    return admin_page(
        request,
        "admin/people.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        people=listed,
        report=None,
        problems=None,
        error=None,
    )


@router.get("/contacts")
def contacts_page(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.READ_PEOPLE))]
) -> Response:
    listed = people.list_contacts(web_state(request).db, org=ctx.org.slug)
    return admin_page(
        request,
        "admin/contacts.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        contacts=listed,
        report=None,
        problems=None,
        error=None,
    )


def _import(request: Request, lang: Lang, ctx: OrgContext, form: Form, what: str) -> Response:
    state = web_state(request)
    upload = form.get("file")
    check_only = form.get("check") == "1"
    report = problems = error = None
    if not isinstance(upload, UploadFile) or not upload.filename:
        error = "admin.import.no_file"
    elif Path(upload.filename).suffix.lower() not in UPLOAD_SUFFIXES:
        error = "admin.import.bad_type"
    elif (upload.size or 0) > state.settings.limits.max_upload_bytes:
        error = "admin.import.too_big"
    else:
        suffix = Path(upload.filename).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            upload.file.seek(0)
            path.write_bytes(upload.file.read())
            run = people.import_people if what == "people" else people.import_contacts
            try:
                report = run(
                    state.db,
                    org=ctx.org.slug,
                    path=path,
                    limits=state.settings.limits,
                    check_only=check_only,
                    actor=ctx.actor,
                )
            except ImportRejected as exc:
                # the same rejection, each row's reason in the page's language
                problems = ImportRejected(
                    [replace(p, reason=reason_text(p, lang)) for p in exc.problems],
                    total_rows=exc.total_rows,
                )
            except InvalidInput as exc:
                error = localized(exc, lang)
    db = state.db
    listed = (
        people.list_people(db, org=ctx.org.slug)
        if what == "people"
        else people.list_contacts(db, org=ctx.org.slug)
    )
    return admin_page(
        request,
        f"admin/{what}.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        status_code=200 if report else 422,
        report=report,
        problems=problems,
        error=error,
        **{what: listed},
    )


@router.post("/people/import")
def import_people(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PEOPLE, post=True))],
) -> Response:
    return _import(request, lang, ctx, form, "people")


@router.post("/contacts/import")
def import_contacts(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_PEOPLE, post=True))],
) -> Response:
    return _import(request, lang, ctx, form, "contacts")


@router.get("/instruments")
def instruments(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.MEMBER))]
) -> Response:
    library = builtin_library()
    return admin_page(
        request,
        "admin/instruments.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        instruments=sorted(library, key=lambda i: i.ref),
        shown=None,
    )


@router.get("/instruments/{ref}")
def instrument(
    request: Request,
    ref: str,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(P.MEMBER))],
) -> Response:
    try:
        shown = builtin_library().resolve(ref)
    except (KeyError, InvalidInput, NotFound):
        raise NotFound(
            f"no instrument {ref!r}", key="err.web.no_instrument", params={"ref": ref}
        ) from None
    return admin_page(
        request, "admin/instrument.html", lang=lang, session=ctx.session, ctx=ctx, shown=shown
    )


def _users(
    request: Request, lang: str, ctx: OrgContext, error: str | None, status: int
) -> Response:
    listed = access.members(web_state(request).db, org_id=ctx.org.id)
    return admin_page(
        request,
        "admin/users.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        members=listed,
        roles=[r.value for r in access.Role],
        error=error,
        status_code=status,
    )


@router.get("/users")
def users(
    request: Request, lang: Lang, ctx: Annotated[OrgContext, Depends(require(P.MANAGE_USERS))]
) -> Response:
    return _users(request, lang, ctx, None, 200)


@router.post("/users")
def add_user(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_USERS, post=True))],
) -> Response:
    """Give a role to a user; a new e-mail needs a first password (the policy applies)."""
    db = web_state(request).db
    email, role = str(form.get("email", "")), str(form.get("role", ""))
    password = str(form.get("password", ""))
    try:
        access.parse_role(role)
        if not access.user_exists(db, email=email):
            if not password:
                raise InvalidInput(
                    "a new user needs a first password", key="err.web.new_user_needs_first"
                )
            access.create_user(
                db, email=email, password=password, actor=ctx.actor, org_id=ctx.org.id
            )
        access.grant_role(db, email=email, org=ctx.org.slug, role=role, actor=ctx.actor)
    except WeakPassword as exc:  # the reason in the page's language
        return _users(request, lang, ctx, exc.key, 422)
    except (InvalidInput, AlreadyExists, NotFound) as exc:
        return _users(request, lang, ctx, localized(exc, lang), 422)
    return see_other(org_url(ctx, "users"))


@router.post("/users/remove")
def remove_user(
    request: Request,
    lang: Lang,
    form: Form,
    ctx: Annotated[OrgContext, Depends(require(P.MANAGE_USERS, post=True))],
) -> Response:
    try:
        access.revoke_role(
            web_state(request).db,
            email=str(form.get("email", "")),
            org=ctx.org.slug,
            role=str(form.get("role", "")),
            actor=ctx.actor,
        )
    except (InvalidInput, NotFound) as exc:
        return _users(request, lang, ctx, localized(exc, lang), 422)
    return see_other(org_url(ctx, "users"))
