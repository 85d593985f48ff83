"""Response headers that make the browser a partner in security.

The Content-Security-Policy allows scripts, styles and images from this origin only, and no
inline code at all (no ``unsafe-inline``): an injected ``<script>`` or ``style`` attribute does
nothing. ``Referrer-Policy: no-referrer`` matters for the survey links, whose token is in the
path: following any link from a survey page must not hand the token to another site.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from fastapi.telemetry import TelemetryConfig
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from orientir.config import RateLimits
from orientir.i18n import t
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.lang import choose_lang
from orientir.web.problem_texts import status_title
from orientir.web.rate_buckets import TokenBucket

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
# FastAPI records a span, metrics and log records of every request as soon as the process has
# an OpenTelemetry provider — which an operator's monitoring agent may install for the whole
# process. Those records would carry the survey token of the path (the key to a person's
# answers) and exception messages that may quote answers; the application sends none of them
# (tests/web/test_no_telemetry.py). It also spares every request the check for a provider.
NO_TELEMETRY: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
}
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
_NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders:
    """Pure ASGI middleware (cheaper per request than ``BaseHTTPMiddleware``)."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [h for h in _HEADERS if h[0] not in present]
                if self.https:
                    headers.append(_HSTS)
                if not static and b"cache-control" not in present:
                    # Pages carry answers, links and CSRF tokens: never keep them in a cache.
                    headers.append(_NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---- request limits: rate per client address, and body size while it streams in ------------


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(413, f"the request body is larger than {limit} bytes")

    def text(self, lang: str) -> str:
        return t("err.web.body_too_large", lang, limit=self.limit)


# Survey forms and API bodies are small; admin pages take file uploads (imports).
SMALL_BODY = 1024 * 1024
MULTIPART_OVERHEAD = 64 * 1024  # the form's other fields and part headers around the file


def _problem(
    status: int, detail: str, path: str, lang: str, headers: list[tuple[bytes, bytes]]
) -> Message:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": status_title(status, lang),
            "status": status,
            "detail": detail,
            "instance": path,
        }
    ).encode()
    return {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            *headers,
        ],
        "body": body,
    }


def _lang(scope: Scope) -> str:
    """The language of a refusal: ``?lang=``, the language cookie, then Accept-Language."""
    return choose_lang(Request(scope))


async def _send_problem(
    send: Send, status: int, detail: str, path: str, lang: str, extra: list[tuple[bytes, bytes]]
) -> None:
    """Problem details in ``lang``, said in ``Content-Language``, with the ``extra`` headers."""
    start = _problem(status, detail, path, lang, [(b"content-language", lang.encode()), *extra])
    body = start.pop("body")
    await send(start)
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """Rate limits per client address (the API; survey form posts) answered with 429, problem
    details and ``Retry-After``; and a cap on the request body enforced *while it streams in*:
    a declared ``Content-Length`` over the cap is refused before a byte is read, and a body
    that grows past it is cut off at the cap (413), so nothing larger ever reaches the form
    parser, the disk or memory."""

    def __init__(
        self, app: ASGIApp, *, rates: RateLimits, max_upload_bytes: int, buckets: Path
    ) -> None:
        """``buckets``: the folder of the buckets' files, shared by every worker process
        (web/rate_buckets.py)."""
        self.app = app
        self.api = (
            TokenBucket(
                buckets / "api.buckets", per_minute=rates.api_per_minute, burst=rates.api_burst
            )
            if rates.api_per_minute > 0
            else None
        )
        self.survey = (
            TokenBucket(
                buckets / "survey.buckets",
                per_minute=rates.survey_per_minute,
                burst=rates.survey_burst,
            )
            if rates.survey_per_minute > 0
            else None
        )
        self.upload_cap = max_upload_bytes + MULTIPART_OVERHEAD

    def _bucket(self, scope: Scope) -> TokenBucket | None:
        path = str(scope.get("path", ""))
        if path.startswith("/api/"):
            return self.api
        if path.startswith("/s/") and scope.get("method") == "POST":
            return self.survey
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        client = scope.get("client")
        address = str(client[0]) if client else "unknown"
        bucket = self._bucket(scope)
        if bucket is not None:
            wait = bucket.take(address)
            if wait > 0:
                retry = str(max(1, math.ceil(wait))).encode()
                lang = _lang(scope)
                detail = t("err.web.too_many_requests", lang)
                await _send_problem(send, 429, detail, path, lang, [(b"retry-after", retry)])
                return
        cap = self.upload_cap if path.startswith("/admin/") else SMALL_BODY
        declared = _content_length(scope)
        if declared is not None and declared > cap:
            lang = _lang(scope)
            await _send_problem(send, 413, BodyTooLarge(cap).text(lang), path, lang, [])
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        await self.app(scope, limited, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
