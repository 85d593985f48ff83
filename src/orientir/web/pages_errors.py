"""Error pages of the HTML areas (the API answers with problem details instead)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from orientir.errors import NotFound
from orientir.web.lang import choose_lang
from orientir.web.problem_texts import status_title
from orientir.web.render import render


class LoginRequired(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class Forbidden(Exception):
    """Signed in and a member, but the role does not allow this."""


class CsrfRejected(Exception):
    """A state-changing form came without the session's CSRF token."""


def _page(request: Request, status: int, key: str) -> Response:
    if request.url.path.startswith("/api/"):
        # A path under /api the API's mount does not match (a newline in it, say): the
        # client is a script, so it gets problem details like every other API answer.
        lang = choose_lang(request)
        return JSONResponse(
            {"type": "about:blank", "title": status_title(status, lang), "status": status},
            status_code=status,
            media_type="application/problem+json",
            headers={"Content-Language": lang},
        )
    return render(
        request,
        "error.html",
        lang=choose_lang(request, request.app.state.orientir.settings.lang),
        status_code=status,
        title_key=f"web.{key}.title",
        text_key=f"web.{key}.text",
    )


def install(app: FastAPI) -> None:
    async def login_required(request: Request, _exc: Exception) -> Response:
        target = request.url.path if request.method == "GET" else "/admin/"
        return RedirectResponse(f"/admin/login?next={quote(target)}", status_code=303)

    async def forbidden(request: Request, _exc: Exception) -> Response:
        return _page(request, 403, "forbidden")

    async def csrf(request: Request, _exc: Exception) -> Response:
        return _page(request, 403, "csrf")

    async def not_found(request: Request, _exc: Exception) -> Response:
        return _page(request, 404, "not_found")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            return _page(request, 404, "not_found")
        # Starlette's own refusals (405 Method Not Allowed, a form with too many fields…)
        # get a page in the reader's language, not the framework's English phrase; the
        # status and its headers (Allow) stay.
        response = _page(request, exc.status_code, "refused")
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(Forbidden, forbidden)
    app.add_exception_handler(CsrfRejected, csrf)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(RequestValidationError, not_found)
    app.add_exception_handler(StarletteHTTPException, http_error)
