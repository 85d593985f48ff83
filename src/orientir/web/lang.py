"""Choosing the language of a page: ``?lang=`` (remembered in a cookie), then the cookie,
then the browser's ``Accept-Language`` (RFC 9110 §12.5.4, by quality), then the settings.

This runs on every request, so it skips what it can: most requests have no query string to
parse, and a browser sends the same ``Accept-Language`` on every page, so its choice is cached.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response

from orientir.config import LANGUAGES

COOKIE = "orientir_lang"
YEAR = 365 * 24 * 3600
# Real headers are a few dozen characters. A client can send anything, so longer ones are
# parsed each time rather than cached: the cache then holds at most 256 × 256 characters.
_CACHED_HEADER_LENGTH = 256


def _preferred_language(header: str) -> str | None:
    best: tuple[float, str] | None = None
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            # Ties go to the earlier entry: subtracting a tiny amount keeps the header's order.
            score = quality - position * 1e-6
            if best is None or score > best[0]:
                best = (score, primary)
    return None if best is None else best[1]


_cached_preferred_language = lru_cache(maxsize=256)(_preferred_language)


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser prefers most, or None."""
    if not header:
        return None  # nothing to parse: an empty header names no language
    if len(header) > _CACHED_HEADER_LENGTH:
        return _preferred_language(header)
    return _cached_preferred_language(header)


def _asked(request: Request) -> str | None:
    """The ``?lang=`` of the request; most requests have no query string, so none is parsed."""
    if not request.scope["query_string"]:
        return None
    return request.query_params.get("lang")


def choose_lang(request: Request, default: str = "en") -> str:
    asked = _asked(request)
    if asked in LANGUAGES:
        return str(asked)
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return str(remembered)
    return from_accept_language(request.headers.get("accept-language")) or default


def remember_lang(request: Request, response: Response, *, secure: bool) -> None:
    """Keep a language chosen with ``?lang=`` for the next pages."""
    asked = _asked(request)
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE, str(asked), max_age=YEAR, httponly=True, samesite="lax", secure=secure
        )
