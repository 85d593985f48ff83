"""The ASGI application: survey pages at ``/s``, the admin area at ``/admin``, the REST API at
``/api/v1`` and this package's own static files at ``/static`` (no CDN: everything works
offline).

:func:`create_app` is a factory, so tests and several worker processes each build their own
application on the database they are given; :func:`app_from_environment` is what
``orientir serve`` hands to uvicorn (``factory=True``), reading the settings from ``ORIENTIR_*``
variables in each worker.
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from orientir import __version__
from orientir.config import Settings, load_settings
from orientir.services.database import Database, open_app_database
from orientir.services.sessions import LoginPolicy
from orientir.web import (
    admin_audit,
    admin_auth,
    admin_cases,
    admin_dash,
    admin_org,
    admin_program,
    admin_reports,
    admin_waves,
    survey,
)
from orientir.web.api import create_api
from orientir.web.pages_errors import install
from orientir.web.security import NO_TELEMETRY, RequestLimits, SecurityHeaders
from orientir.web.state import WebState
from orientir.web.survey_dispatch import SurveyPosts

STATIC = Path(__file__).with_name("static")
# "1" or "0" forces the Secure flag on cookies; unset: on when ORIENTIR_BASE_URL is https.
SECURE_COOKIES_ENV = "ORIENTIR_SECURE_COOKIES"


def _secure_default(settings: Settings, env: dict[str, str] | None = None) -> bool:
    forced = (env if env is not None else os.environ).get(SECURE_COOKIES_ENV, "")
    if forced in {"0", "1"}:
        return forced == "1"
    return settings.base_url.startswith("https://")


@asynccontextmanager
async def _one_database_thread(_app: FastAPI) -> AsyncIterator[None]:
    """On SQLite, run the plain (threaded) handlers one at a time.

    Every SQLite transaction here takes the write lock first (``BEGIN IMMEDIATE``), so handlers
    on several threads would only queue on the database — and SQLite's busy handler waits by
    sleeping and retrying, which adds tens of milliseconds to the slowest requests. Queueing
    them on one thread instead hands the database over at once. Async work (reading request
    bodies, sending responses) still overlaps.
    """
    anyio.to_thread.current_default_thread_limiter().total_tokens = 1
    yield


def _survey_threads(settings: Settings, db: Database) -> ThreadPoolExecutor | None:
    """The threads that run the survey posts on PostgreSQL (web.survey, ``_run_post``).

    Its threads start when first used. The application never shuts it down: a lifespan may end
    more than once (a test client's, each time), and at exit the interpreter joins the idle
    threads."""
    if db.engine.dialect.name != "postgresql" or settings.survey_threads == 0:
        return None
    return ThreadPoolExecutor(settings.survey_threads, thread_name_prefix="orientir-survey")


def create_app(
    settings: Settings,
    *,
    db: Database | None = None,
    secure_cookies: bool | None = None,
    login_policy: LoginPolicy | None = None,
) -> FastAPI:
    """The whole web application on ``settings``' database (or ``db`` when given)."""
    database = db if db is not None else open_app_database(settings)
    state = WebState(
        settings=settings,
        db=database,
        secure_cookies=_secure_default(settings) if secure_cookies is None else secure_cookies,
        login_policy=login_policy or LoginPolicy(),
        survey_threads=_survey_threads(settings, database),
    )
    app = FastAPI(
        title="orientir",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        lifespan=_one_database_thread if settings.is_sqlite else None,
        telemetry=NO_TELEMETRY,
    )
    app.state.orientir = state
    install(app)
    for module in (
        survey,
        admin_auth,
        admin_org,
        admin_waves,
        admin_dash,
        admin_audit,
        admin_program,
        admin_cases,
        admin_reports,
    ):
        app.include_router(module.router)
    api = create_api()
    api.state.orientir = state
    app.mount("/api/v1", api)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def root() -> Response:
        return RedirectResponse("/admin/", status_code=303)

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    app.add_middleware(SurveyPosts, routes=survey.POST_ROUTES)  # innermost: inside the limits
    app.add_middleware(
        RequestLimits,
        rates=settings.rates,
        max_upload_bytes=settings.limits.max_upload_bytes,
        buckets=settings.data_dir / "rate-limits",
    )
    app.add_middleware(SecurityHeaders, https=state.secure_cookies)  # outermost: on every answer
    return app


def app_from_environment() -> FastAPI:
    """The application as configured by ``ORIENTIR_*`` variables (one per worker process)."""
    app = create_app(load_settings())
    _freeze_the_heap()
    return app


def _freeze_the_heap() -> None:
    """Keep what start-up made out of the garbage collector's full collections.

    A worker holds about 280,000 tracked objects once its modules are imported (functions,
    tuples, dicts of some 2,300 modules), all of them alive for as long as the process is.
    A full collection walks every one: 120–175 ms on the 2-core machine, during which the
    worker answers nothing (its requests waited up to 250 ms) — every few seconds under
    load, as the few objects each request keeps (a remembered link, a connection's state)
    add up. ``gc.freeze`` moves them to a generation no collection visits; what the requests
    make is collected as before. Only for the served application, one per worker process:
    the tests build many applications in one process, whose garbage a freeze would keep for
    good. (docs/benchmarks.md, "The submit without a lookup, and a worker's full garbage
    collection".)
    """
    gc.collect()
    gc.freeze()
