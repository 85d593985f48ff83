"""What the admin pages share: rendering inside the admin layout, and safe redirects."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from orientir.services.access import Permission, organisations_of
from orientir.services.sessions import Session
from orientir.web.deps import CSRF_FIELD, OrgContext
from orientir.web.lang import remember_lang
from orientir.web.render import render
from orientir.web.state import web_state

# The sections of the navigation, each shown only to roles holding its permission.
SECTIONS: tuple[tuple[str, str, Permission], ...] = (
    ("", "admin.nav.overview", Permission.MEMBER),
    ("waves", "admin.nav.waves", Permission.READ_WAVES),
    ("dashboard", "admin.nav.dashboard", Permission.READ_DASHBOARDS),
    ("people", "admin.nav.people", Permission.READ_PEOPLE),
    ("contacts", "admin.nav.contacts", Permission.READ_PEOPLE),
    ("instruments", "admin.nav.instruments", Permission.MEMBER),
    ("customers", "admin.nav.customers", Permission.READ_DASHBOARDS),
    ("program", "admin.nav.program", Permission.READ_DASHBOARDS),
    ("cases", "admin.nav.cases", Permission.CASES),
    ("reports", "admin.nav.reports", Permission.READ_DASHBOARDS),
    ("users", "admin.nav.users", Permission.MANAGE_USERS),
    ("audit", "admin.nav.audit", Permission.READ_AUDIT),
)


def org_url(ctx: OrgContext, *parts: str) -> str:
    return "/".join([f"/admin/o/{quote(ctx.org.slug)}", *(quote(p, safe="") for p in parts)])


def admin_page(
    request: Request,
    template: str,
    *,
    lang: str,
    session: Session,
    ctx: OrgContext | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    state = web_state(request)
    response = render(
        request,
        template,
        lang=lang,
        status_code=status_code,
        session=session,
        ctx=ctx,
        orgs=organisations_of(state.db, session.principal),
        csrf_field=CSRF_FIELD,
        csrf_token=session.csrf_token,
        sections=[s for s in SECTIONS if ctx is not None and ctx.can(s[2])],
        url=(lambda *parts: org_url(ctx, *parts)) if ctx is not None else None,
        **context,
    )
    remember_lang(request, response, secure=state.secure_cookies)
    return response


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def safe_next(target: str | None) -> str:
    """Only a path inside the admin area: never another site (an open redirect)."""
    if (
        target
        and target.startswith("/admin")
        and not target.startswith("//")
        and "\\" not in target
    ):
        return target
    return "/admin/"
