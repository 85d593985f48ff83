"""Signing in and out, choosing the organisation, creating one, and personal API tokens.

The sign-in form is protected against CSRF before any session exists with a double-submit
cookie: a random value in a cookie that the form must repeat. A site elsewhere can make the
browser send the cookie but cannot read it to put it in the form.
"""

from __future__ import annotations

import contextlib
import secrets
from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from orientir.errors import AlreadyExists, InvalidInput, NotFound, localized
from orientir.services import api_tokens
from orientir.services.access import Role, grant_role, member_organisation, organisations_of
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.sessions import (
    SignInRefused,
    TooManyAttempts,
    authenticate,
    end_session,
    start_session,
    switch_organisation,
    tokens_match,
)
from orientir.web.admin_common import admin_page, safe_next, see_other
from orientir.web.deps import (
    SESSION_COOKIE,
    AdminSession,
    CheckedSession,
    Form,
    Lang,
    actor_of,
    client_address,
)
from orientir.web.lang import remember_lang
from orientir.web.pages_errors import Forbidden
from orientir.web.render import render
from orientir.web.state import web_state

router = APIRouter()
LOGIN_CSRF_COOKIE = "orientir_login_csrf"


def _login_form(
    request: Request, lang: str, *, error: str | None = None, status_code: int = 200
) -> Response:
    state = web_state(request)
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "admin/login.html",
        lang=lang,
        status_code=status_code,
        login_csrf=token,
        error=error,
        next=safe_next(request.query_params.get("next")),
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=state.secure_cookies,
        path="/admin/login",
    )
    remember_lang(request, response, secure=state.secure_cookies)
    return response


def _set_session_cookie(request: Request, response: Response, session_id: str) -> None:
    state = web_state(request)
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=int(state.login_policy.session_lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=state.secure_cookies,
        path="/admin",
    )


@router.get("/admin/login")
def login_page(request: Request, lang: Lang) -> Response:
    return _login_form(request, lang)


@router.post("/admin/login")
def login(request: Request, lang: Lang, form: Form) -> Response:
    state = web_state(request)
    given = form.get("login_csrf")
    if not tokens_match(
        request.cookies.get(LOGIN_CSRF_COOKIE), given if isinstance(given, str) else None
    ):
        return _login_form(request, lang, error="admin.login.expired", status_code=403)
    try:
        user_id = authenticate(
            state.db,
            email=str(form.get("email", "")),
            password=str(form.get("password", "")),
            address=client_address(request),
            policy=state.login_policy,
        )
    except TooManyAttempts as exc:
        response = _login_form(request, lang, error="admin.login.too_many", status_code=429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except SignInRefused:
        return _login_form(request, lang, error="admin.login.refused", status_code=401)
    # Always a new session id: one planted in the browser before sign-in is thrown away.
    session_id = start_session(
        state.db,
        user_id=user_id,
        policy=state.login_policy,
        previous=request.cookies.get(SESSION_COOKIE),
    )
    response = see_other(safe_next(str(form.get("next", ""))))
    _set_session_cookie(request, response, session_id)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/admin/login")
    return response


@router.post("/admin/logout")
def logout(request: Request, session: CheckedSession) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        end_session(web_state(request).db, cookie)
    response = see_other("/admin/login")
    response.delete_cookie(SESSION_COOKIE, path="/admin")
    return response


@router.get("/admin/")
def home(request: Request, session: AdminSession) -> Response:
    orgs = organisations_of(web_state(request).db, session.principal)
    chosen = next((o for o in orgs if o.id == session.org_id), None)
    if chosen is None and len(orgs) == 1:
        chosen = orgs[0]
    if chosen is None:
        return see_other("/admin/orgs")
    return see_other(f"/admin/o/{quote(chosen.slug)}/")


@router.get("/admin")
def home_without_slash() -> Response:
    return RedirectResponse("/admin/", status_code=308)


@router.get("/admin/orgs")
def organisations(request: Request, session: AdminSession, lang: Lang) -> Response:
    return admin_page(request, "admin/orgs.html", lang=lang, session=session, error=None, form={})


@router.post("/admin/orgs")
def create_org(request: Request, session: CheckedSession, lang: Lang, form: Form) -> Response:
    """Any owner may open a new organisation (a consultant taking a new client) and owns it."""
    if not session.principal.owns_any:
        raise Forbidden()
    state = web_state(request)
    founded = str(form.get("founded", "")).strip()
    try:
        organisation = create_organisation(
            state.db,
            NewOrganisation(
                name=str(form.get("name", "")),
                founded=int(founded) if founded.isascii() and founded.isdigit() else None,
                sector=str(form.get("sector", "")).strip() or None,
            ),
            this_year=date.today().year,
            actor=actor_of(request, session.principal),
        )
    except (InvalidInput, AlreadyExists) as exc:
        return admin_page(
            request,
            "admin/orgs.html",
            lang=lang,
            session=session,
            error=localized(exc, lang),
            form=dict(form),
            status_code=422,
        )
    grant_role(
        state.db,
        email=session.principal.email,
        org=organisation.slug,
        role=Role.OWNER,
        actor=actor_of(request, session.principal),
    )
    return see_other(f"/admin/o/{quote(organisation.slug)}/")


@router.post("/admin/switch")
def switch(request: Request, session: CheckedSession, form: Form) -> Response:
    """Choose the organisation to work in: a form with the CSRF token (a GET would let any
    site switch a signed-in user's organisation), and a new session id afterwards."""
    state = web_state(request)
    org = str(form.get("org", ""))[:200]
    try:
        organisation = member_organisation(state.db, session.principal, org)
    except NotFound:
        return see_other("/admin/orgs")
    response = see_other(f"/admin/o/{quote(organisation.slug)}/")
    cookie = request.cookies.get(SESSION_COOKIE)
    new_id = switch_organisation(state.db, cookie, org_id=organisation.id) if cookie else None
    if new_id is not None:
        _set_session_cookie(request, response, new_id)
    return response


@router.get("/admin/tokens")
def tokens(request: Request, session: AdminSession, lang: Lang) -> Response:
    listed = api_tokens.list_tokens(web_state(request).db, user_id=session.principal.user_id)
    return admin_page(
        request,
        "admin/tokens.html",
        lang=lang,
        session=session,
        tokens=listed,
        new_token=None,
        error=None,
    )


@router.post("/admin/tokens")
def create_token(request: Request, session: CheckedSession, lang: Lang, form: Form) -> Response:
    db = web_state(request).db
    new_token, error = None, None
    try:
        new_token = api_tokens.create_token(
            db,
            user_id=session.principal.user_id,
            name=str(form.get("name", "")),
            actor=actor_of(request, session.principal),
        )
    except (InvalidInput, AlreadyExists) as exc:
        error = localized(exc, lang)
    listed = api_tokens.list_tokens(db, user_id=session.principal.user_id)
    return admin_page(
        request,
        "admin/tokens.html",
        lang=lang,
        session=session,
        tokens=listed,
        new_token=new_token,
        error=error,
        status_code=422 if error else 200,
    )


@router.post("/admin/tokens/revoke")
def revoke_token(request: Request, session: CheckedSession, form: Form) -> Response:
    with contextlib.suppress(NotFound):  # already gone: the page shows the truth
        api_tokens.revoke_token(
            web_state(request).db,
            user_id=session.principal.user_id,
            name=str(form.get("name", "")),
            actor=actor_of(request, session.principal),
        )
    return see_other("/admin/tokens")
