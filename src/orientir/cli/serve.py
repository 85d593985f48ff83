"""``orientir serve``: run the web application under uvicorn.

Each worker process builds its own application from the same settings, on PostgreSQL or on the
embedded SQLite file (whose writers take turns through a lock file: storage/sqlite_writers.py).
The access log is off by default because survey links carry their token in the path.
"""

from __future__ import annotations

import inspect
import os

import typer

from orientir.cli import messages as _messages  # noqa: F401  (registers texts)
from orientir.cli._common import settings_from
from orientir.config import Settings
from orientir.i18n import t
from orientir.services.database import open_app_database

APP = "orientir.web.app:app_from_environment"  # a string: the CLI never imports the web layer


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
    access_log: bool = typer.Option(
        False, "--access-log/--no-access-log", help="Log every request (paths include tokens)."
    ),
) -> None:
    """Serve the survey pages, the admin area and the REST API."""
    run_server(settings_from(ctx), host=host, port=port, workers=workers, access_log=access_log)


def run_server(
    settings: Settings, *, host: str, port: int, workers: int = 1, access_log: bool = False
) -> None:
    """Start uvicorn on ``settings``' database (also what ``orientir demo --serve`` calls)."""
    import uvicorn

    open_app_database(settings).dispose()  # migrates SQLite, refuses an outdated PostgreSQL
    os.environ["ORIENTIR_DATABASE_URL"] = settings.database_url
    os.environ["ORIENTIR_LANG"] = settings.lang
    os.environ["ORIENTIR_DATA_DIR"] = str(settings.data_dir)
    engine = settings.database_url.split(":")[0]
    typer.echo(t("cli.serve.listening", settings.lang, host=host, port=port, engine=engine))
    options: dict[str, object] = {}
    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
        # A spawned worker re-imports the ``orientir`` script (the whole CLI) before the app;
        # on a busy machine that takes longer than uvicorn's 5-second health check, which would
        # kill and restart the worker for ever.
        options["timeout_worker_healthcheck"] = 120
    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        proxy_headers=True,
        log_level="info",
        **options,  # type: ignore[arg-type]
    )
