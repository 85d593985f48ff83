"""A short path through the application for the survey posts, its busiest requests.

Every request normally passes FastAPI's exception and exit-stack layers and its router,
which tries the application's routes one by one until one matches: for a survey post that
cost about a quarter of the request (bench/web/cost.py; "Survey posts" in
docs/benchmarks.md). :class:`SurveyPosts` sits inside the security middleware (so headers,
rate limits and body limits apply unchanged) and hands a request that one of the survey's
plain POST routes matches straight to that route. The routes themselves stay registered with
the router: they are the one definition of the paths, and anything the short path does not
take (another method, another path) goes the usual way and gets the usual answer.

An exception raised while handling is answered by the handler the application registered for
it, looked up exactly as Starlette's ``ExceptionMiddleware`` would; anything without one
(an unexpected error) propagates to the outer ``ServerErrorMiddleware`` as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

Handlers = tuple[dict[Any, Any], dict[int, Any]]


class SurveyPosts:
    """Pure ASGI middleware: POSTs matching ``routes`` skip the router."""

    def __init__(self, app: ASGIApp, *, routes: Sequence[Route]) -> None:
        self.app = app
        self.routes = tuple(routes)
        self._handlers: Handlers | None = None

    def _exception_handlers(self, application: Any) -> Handlers:
        # Read on the first request, when every handler has been registered; the split is
        # Starlette's: 500/Exception belong to ServerErrorMiddleware, integer keys are
        # handlers by status, the rest by exception class.
        if self._handlers is None:
            by_class: dict[Any, Any] = {}
            by_status: dict[int, Any] = {}
            for key, handler in application.exception_handlers.items():
                if key in (500, Exception):
                    continue
                if isinstance(key, int):
                    by_status[key] = handler
                else:
                    by_class[key] = handler
            self._handlers = (by_class, by_status)
        return self._handlers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            for route in self.routes:
                match, child = route.matches(scope)
                if match is Match.FULL:
                    application = scope["app"]
                    scope = {
                        **scope,
                        **child,
                        "router": application.router,
                        "starlette.exception_handlers": self._exception_handlers(application),
                    }
                    await route.handle(scope, receive, send)
                    return
        await self.app(scope, receive, send)
