"""Dependencies of the admin pages: the session, the organisation in the URL, role and CSRF
checks. Written as typed aliases (``AdminSession``, ``require(...)``) so a route states what it
needs in its signature, and a route without a check stands out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request
from starlette.datastructures import FormData

from orientir.domain.organisations import Organisation
from orientir.errors import NotFound
from orientir.services.access import Permission, Principal, member_organisation
from orientir.services.audit import Actor
from orientir.services.sessions import Session, load_session, tokens_match
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.lang import choose_lang
from orientir.web.pages_errors import CsrfRejected, Forbidden, LoginRequired
from orientir.web.state import web_state

SESSION_COOKIE = "orientir_session"
CSRF_FIELD = "csrf_token"


def client_address(request: Request) -> str | None:
    """The client's address as the server sees it (uvicorn applies X-Forwarded-For only from
    the trusted proxy), for rate limits and the audit log."""
    return request.client.host if request.client else None


def actor_of(request: Request, who: Principal, *, via: str = "web") -> Actor:
    """The signed-in user behind this request, as the audit log records them."""
    return Actor(user_id=who.user_id, email=who.email, via=via, address=client_address(request))


def page_lang(request: Request) -> str:
    return choose_lang(request, web_state(request).settings.lang)


Lang = Annotated[str, Depends(page_lang)]
# A numeric id in a path, bounded to the databases' integers (no overflow into a 500).
ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def admin_session(request: Request) -> Session:
    known = getattr(request.state, "orientir_session", None)
    if isinstance(known, Session):  # loaded already by signed_in_before_body
        return known
    cookie = request.cookies.get(SESSION_COOKIE)
    state = web_state(request)
    session = load_session(state.db, cookie, policy=state.login_policy) if cookie else None
    if session is None:
        raise LoginRequired()
    request.state.orientir_session = session
    return session


def signed_in_before_body(request: Request) -> None:
    """An admin form is read only for a signed-in user: nobody without a session makes the
    server parse (and spool to disk) a request body. The sign-in form itself is exempt."""
    path = request.url.path
    if path.startswith("/admin/") and path != "/admin/login":
        admin_session(request)


AdminSession = Annotated[Session, Depends(admin_session)]


async def csrf_checked(request: Request, session: AdminSession) -> Session:
    """The session, once the posted form proves it came from one of our pages."""
    form = await request.form()  # Starlette caches it, so the route reads it again for free
    given = form.get(CSRF_FIELD)
    if not tokens_match(session.csrf_token, given if isinstance(given, str) else None):
        raise CsrfRejected()
    return session


CheckedSession = Annotated[Session, Depends(csrf_checked)]


async def posted_form(
    request: Request, _signed_in: Annotated[None, Depends(signed_in_before_body)]
) -> FormData:
    """The request's form, read on the event loop so the route itself can be a plain function."""
    return await request.form()


Form = Annotated[FormData, Depends(posted_form)]


@dataclass(frozen=True)
class OrgContext:
    """The organisation named in the URL, and what the signed-in user may do in it."""

    session: Session
    org: Organisation
    permissions: frozenset[Permission]
    actor: Actor  # who acts, for the audit log

    def can(self, permission: Permission | str) -> bool:
        return Permission(permission) in self.permissions


def _context(request: Request, session: Session, org: str, permission: Permission) -> OrgContext:
    try:
        organisation = member_organisation(web_state(request).db, session.principal, org)
    except NotFound:
        raise NotFound("no such organisation", key="err.web.no_such_organisation") from None
    granted = session.principal.permissions(organisation.id)
    if permission not in granted:
        raise Forbidden()
    return OrgContext(session, organisation, granted, actor_of(request, session.principal))


def require(permission: Permission, *, post: bool = False) -> Callable[..., OrgContext]:
    """A dependency: the URL's organisation, if the user holds ``permission`` there.

    With ``post=True`` the form's CSRF token is checked first.
    """

    # Plain functions: FastAPI runs them in its thread pool, so their database calls never
    # block the event loop.
    if post:

        def checked(request: Request, org: str, session: CheckedSession) -> OrgContext:
            return _context(request, session, org, permission)

        return checked

    def unchecked(request: Request, org: str, session: AdminSession) -> OrgContext:
        return _context(request, session, org, permission)

    return unchecked
