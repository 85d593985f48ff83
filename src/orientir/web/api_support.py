"""What the REST API shares: problem details (RFC 9457), bearer-token authentication,
organisation scoping and cursor pagination.

Pagination: ``?limit=`` (1–500, default 100) and ``?cursor=`` — an opaque string taken from the
``next_cursor`` of the previous page; ``next_cursor`` is null on the last page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Query, Request
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
)
from orientir.services.access import Permission, Principal, member_organisation
from orientir.services.api_tokens import principal_for_token
from orientir.web.state import web_state

PROBLEM = "application/problem+json"
T = TypeVar("T")


class ApiError(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        self.status, self.detail, self.headers = status, detail, headers or {}
        super().__init__(detail)


def problem(
    request: Request,
    status: int,
    detail: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
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
        return problem(request, exc.status, exc.detail, headers=exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        headers = dict(exc.headers) if exc.headers else None
        return problem(request, exc.status_code, str(exc.detail), headers=headers)

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"location": list(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
        ]
        return problem(request, 422, "the request is not valid", errors=errors)

    async def domain_error(request: Request, exc: Exception) -> Response:
        status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 400)
        extra: dict[str, Any] = {}
        if isinstance(exc, ImportRejected):
            extra["problems"] = [
                {"row": p.row, "column": p.column, "reason": p.reason} for p in exc.problems
            ]
        return problem(request, status, str(exc), **extra)

    async def unexpected(request: Request, _exc: Exception) -> Response:
        return problem(request, 500, "an unexpected error; it has been logged")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(OrientirError, domain_error)
    app.add_exception_handler(Exception, unexpected)


_bearer = HTTPBearer(auto_error=False, description="A personal API token (oat_…).")


def api_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    who = None
    if credentials is not None and credentials.scheme.lower() == "bearer":
        who = principal_for_token(web_state(request).db, credentials.credentials)
    if who is None:
        raise ApiError(401, "a valid personal API token is needed", {"WWW-Authenticate": "Bearer"})
    return who


ApiPrincipal = Annotated[Principal, Depends(api_principal)]


@dataclass(frozen=True)
class ApiOrg:
    principal: Principal
    org: Organisation


def org_access(permission: Permission) -> Callable[..., ApiOrg]:
    """The ``{org}`` of the URL when the token's user holds ``permission`` there.

    Another organisation's slug gets 404, exactly like one that does not exist.
    """

    def dependency(request: Request, org: str, who: ApiPrincipal) -> ApiOrg:
        organisation = member_organisation(web_state(request).db, who, org)
        if not who.can(organisation.id, permission):
            raise ApiError(403, f"your role here does not allow {permission.value}")
        return ApiOrg(who, organisation)

    return dependency


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode() + b"==").decode()
        kind, _, number = text.partition(":")
        offset = int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, "the cursor is not one this API handed out") from None
    if kind != "o" or offset < 0:
        raise ApiError(400, "the cursor is not one this API handed out")
    return offset


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


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
        str | None, Query(max_length=100, description="`next_cursor` of the previous page.")
    ] = None,
) -> PageParams:
    return PageParams(limit, _decode_cursor(cursor))


Paging = Annotated[PageParams, Depends(page_params)]
