"""Choosing the language as it was before it was made faster, kept verbatim as a reference.

``orientir.web.lang`` now caches ``Accept-Language`` choices and skips empty query strings;
the tests compare it with this copy of the old code, which must stay as it was.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from orientir.config import LANGUAGES
from orientir.web.lang import _preferred_language

COOKIE = "orientir_lang"
YEAR = 365 * 24 * 3600


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser prefers most, or None (the parsing itself did not
    change: only the caching around it)."""
    return _preferred_language(header or "")


def choose_lang(request: Request, default: str = "en") -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return str(remembered)
    return from_accept_language(request.headers.get("accept-language")) or default


def remember_lang(request: Request, response: Response, *, secure: bool) -> None:
    """Keep a language chosen with ``?lang=`` for the next pages."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE, str(asked), max_age=YEAR, httponly=True, samesite="lax", secure=secure
        )
