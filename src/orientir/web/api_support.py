"""What the REST API shares: problem details (RFC 9457), bearer-token authentication,
organisation scoping and cursor pagination.

Pagination: ``?limit=`` (1–500, default 100) and ``?cursor=`` — a string taken from the
``next_cursor`` of the previous page (``o`` and a position); ``next_cursor`` is null on the
last page. Its pattern is in the OpenAPI description, so every cursor the schema allows is one
the API can read (a position past the end gives an empty page).

Every operation's description lists the problem details it can answer with (400, 401, 403,
404, 409, 413, 422, 429, 500, 503), added by :func:`document_problems` to whatever routes are
included, so a route added later is described the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from orientir.domain.organisations import Organisation
from orientir.errors import (
    AlreadyExists,
    ImportRejected,
    InsufficientData,
    InvalidInput,
    LimitExceeded,
    NotFound,
    OrientirError,
    SchemaOutOfDate,
    SurveyUnavailable,
    localized,
)
from orientir.i18n import t
from orientir.services.access import Permission, Principal, member_organisation
from orientir.services.api_tokens import principal_for_token
from orientir.services.audit import Actor
from orientir.services.import_messages import reason_text
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.lang import choose_lang
from orientir.web.problem_texts import english_phrase, status_title, validation_errors
from orientir.web.security import BodyTooLarge
from orientir.web.state import web_state

PROBLEM = "application/problem+json"
log = logging.getLogger("orientir.web.api")
T = TypeVar("T")


class ApiError(Exception):
    """A refusal of the API layer itself (token, role, cursor). ``detail`` is English; ``key``
    and ``params`` name the same text in :mod:`orientir.i18n`, for :meth:`text`."""

    def __init__(
        self,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        *,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.status, self.detail, self.headers = status, detail, headers or {}
        self.key = key
        self.params: dict[str, object] = dict(params or {})
        super().__init__(detail)

    def text(self, lang: str) -> str:
        """The detail in ``lang`` (English when there is no key or it cannot be filled in)."""
        if self.key is None:
            return self.detail
        try:
            return t(self.key, lang, **self.params)
        except (KeyError, IndexError, ValueError):
            return self.detail


# FastAPI's detail for a JSON body that does not parse (fastapi.routing); answered in the
# caller's language instead.
FASTAPI_BODY_NOT_PARSED = "There was an error parsing the body"


def problem(
    request: Request,
    status: int,
    detail: str | None = None,
    *,
    lang: str = "en",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """Problem details with the status's title in ``lang`` (the only way RFC 9457 lets a
    title vary); the handlers pass :func:`choose_lang`'s choice and say it in
    ``Content-Language``."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": status_title(status, lang),
        "status": status,
        "instance": request.url.path,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


_STATUS: tuple[tuple[type[OrientirError], int], ...] = (
    (NotFound, 404),
    (AlreadyExists, 409),
    (LimitExceeded, 413),
    (ImportRejected, 422),
    (InvalidInput, 422),
    (InsufficientData, 422),
    (SurveyUnavailable, 410),
    (SchemaOutOfDate, 503),
)


def install_problem_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        lang = choose_lang(request)
        headers = {**exc.headers, "Content-Language": lang}
        return problem(request, exc.status, exc.text(lang), lang=lang, headers=headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        lang = choose_lang(request)
        headers = {**(exc.headers or {}), "Content-Language": lang}
        if isinstance(exc, BodyTooLarge):  # a body cut off while it streamed in
            detail = exc.text(lang)
        elif str(exc.detail) == english_phrase(exc.status_code):
            # The framework's own refusal (an unknown route, a method the route does not
            # take): its detail is only the status's English phrase.
            detail = status_title(exc.status_code, lang)
        elif exc.status_code == 400 and str(exc.detail) == FASTAPI_BODY_NOT_PARSED:
            detail = t("err.api.body_not_parsed", lang)
        else:
            detail = str(exc.detail)
        return problem(request, exc.status_code, detail, lang=lang, headers=headers)

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        lang = choose_lang(request)
        errors = validation_errors(exc.errors(), lang)
        detail = t("err.api.request_not_valid", lang)
        headers = {"Content-Language": lang}
        return problem(request, 422, detail, lang=lang, headers=headers, errors=errors)

    async def domain_error(request: Request, exc: Exception) -> Response:
        # The detail in the caller's language (Accept-Language, else English); the status and
        # the problem type do not depend on it.
        status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 400)
        lang = choose_lang(request)
        extra: dict[str, Any] = {}
        if isinstance(exc, ImportRejected):
            extra["problems"] = [
                {"row": p.row, "column": p.column, "reason": reason_text(p, lang)}
                for p in exc.problems
            ]
        headers = {"Content-Language": lang}
        return problem(request, status, localized(exc, lang), lang=lang, headers=headers, **extra)

    async def unexpected(request: Request, exc: Exception) -> Response:
        # The method, the path and the traceback: never headers (the bearer token), the query
        # or the body (answers).
        log.error("unexpected error in %s %s", request.method, request.url.path, exc_info=exc)
        lang = choose_lang(request)
        detail = t("err.api.unexpected", lang)
        return problem(request, 500, detail, lang=lang, headers={"Content-Language": lang})

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(OrientirError, domain_error)
    app.add_exception_handler(Exception, unexpected)
    document_problems(app)


_PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": (
        "RFC 9457 problem details. `title` (the status's phrase), `detail` and the messages "
        "of `errors` are in the language named by Content-Language (from Accept-Language)."
    ),
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "location": {"type": "array", "items": {}},
                    "type": {"type": "string", "description": "pydantic's error type"},
                    "message": {"type": "string", "description": "in Content-Language"},
                },
            },
        },
        "problems": {"type": "array", "items": {"type": "object"}},
    },
}
_PROBLEMS = {
    "400": "The request cannot be read (a malformed value).",
    "401": "A valid personal API token is needed.",
    "403": "Your role in this organisation does not allow this.",
    "404": "No such object in an organisation of yours.",
    "409": "It exists already.",
    "410": "No longer available.",
    "413": "The request body is too large.",
    "422": "The request is not valid; `errors` lists where and why.",
    "429": "Too many requests from this address; see Retry-After.",
    "500": "An unexpected error (logged; nothing internal is shown).",
    "503": "The database schema is out of date.",
}


def document_problems(app: FastAPI) -> None:
    """Describe the problem details every operation may answer with in ``app``'s OpenAPI."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema and app.openapi_schema.get("x-problems-documented"):
            return app.openapi_schema
        schema = generate()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = _PROBLEM_SCHEMA
        for schema_name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(schema_name, None)
        content = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for code, text in _PROBLEMS.items():
                    responses[code] = {"description": text, "content": content}
        schema["x-problems-documented"] = True
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


_bearer = HTTPBearer(auto_error=False, description="A personal API token (oat_…).")


def api_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    who = None
    if credentials is not None and credentials.scheme.lower() == "bearer":
        who = principal_for_token(web_state(request).db, credentials.credentials)
    if who is None:
        raise ApiError(
            401,
            "a valid personal API token is needed",
            {"WWW-Authenticate": "Bearer"},
            key="err.api.token_needed",
        )
    return who


ApiPrincipal = Annotated[Principal, Depends(api_principal)]


@dataclass(frozen=True)
class ApiOrg:
    principal: Principal
    org: Organisation
    actor: Actor  # who acts, for the audit log


def org_access(permission: Permission) -> Callable[..., ApiOrg]:
    """The ``{org}`` of the URL when the token's user holds ``permission`` there.

    Another organisation's slug gets 404, exactly like one that does not exist.
    """

    def dependency(request: Request, org: str, who: ApiPrincipal) -> ApiOrg:
        organisation = member_organisation(web_state(request).db, who, org)
        if not who.can(organisation.id, permission):
            raise ApiError(
                403,
                f"your role here does not allow {permission.value}",
                key="err.api.role_does_not_allow",
                params={"permission": permission.value},
            )
        address = request.client.host if request.client else None
        return ApiOrg(who, organisation, Actor(who.user_id, who.email, "api", address))

    return dependency


CURSOR_PATTERN = r"^o[0-9]{1,12}$"


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not re.fullmatch(CURSOR_PATTERN, cursor):  # the Query pattern has refused it already
        raise ApiError(
            400, "the cursor is not one this API handed out", key="err.api.cursor_unknown"
        )
    return int(cursor[1:])


def _encode_cursor(offset: int) -> str:
    return f"o{offset}"


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int

    def page(self, items: Sequence[T]) -> tuple[list[T], str | None]:
        chunk = list(items[self.offset : self.offset + self.limit])
        end = self.offset + len(chunk)
        return chunk, (_encode_cursor(end) if end < len(items) else None)


def page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 100,
    cursor: Annotated[
        str | None,
        Query(pattern=CURSOR_PATTERN, description="`next_cursor` of the previous page."),
    ] = None,
) -> PageParams:
    return PageParams(limit, _decode_cursor(cursor))


Paging = Annotated[PageParams, Depends(page_params)]

# A numeric id in a path: bounded to what the databases store (a larger one would overflow
# SQLite's and PostgreSQL's integers and fail as a 500 instead of a 422).
ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]
