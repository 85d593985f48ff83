"""Choosing the language of a page: ``?lang=`` (remembered in a cookie), then the cookie,
then the browser's ``Accept-Language`` (RFC 9110 §12.5.4, by quality), then the settings."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from orientir.config import LANGUAGES

COOKIE = "orientir_lang"
YEAR = 365 * 24 * 3600


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser prefers most, or None."""
    best: tuple[float, str] | None = None
    for position, part in enumerate((header or "").split(",")):
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
