"""Rendering Jinja2 templates with the page's language and the security context."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from orientir import __version__
from orientir.i18n import t
from orientir.web import messages as _messages  # noqa: F401  (registers the texts)

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def lang_url(request: Request, lang: str) -> str:
    """This page's address in another language (the query string is kept)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return quote(request.url.path) + "?" + urlencode([*params, ("lang", lang)])


def render(
    request: Request,
    template: str,
    *,
    lang: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    def translate(key: str, **params: object) -> str:
        return t(key, lang, **params)

    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            lang=lang,
            _=translate,
            other_lang="en" if lang == "ru" else "ru",
            lang_url=lambda code: lang_url(request, code),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code, headers=headers)
