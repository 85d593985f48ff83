"""``orientir backup FILE`` and ``orientir restore FILE``: the whole database in one portable
archive (see :mod:`orientir.services.backup`)."""

from __future__ import annotations

from pathlib import Path

import typer

from orientir.cli._common import console, settings_from
from orientir.services.backup import backup_database, restore_database
from orientir.services.database import open_app_database


def backup(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="The archive to write (a .zip file)."),
    org: str | None = typer.Option(None, "--org", help="Only this organisation's rows."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
) -> None:
    """Write every table of the database (or one organisation) to a checksummed archive."""
    settings = settings_from(ctx)
    db = open_app_database(settings)
    try:
        summary = backup_database(db, file, org=org, overwrite=force, lang=settings.lang)
    finally:
        db.dispose()
    console().print(summary.message(settings.lang))


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="An archive written by `orientir backup`."),
    force: bool = typer.Option(
        False, "--force", help="Replace everything in a database that is not empty."
    ),
) -> None:
    """Load an archive into a database of the same schema; refuses a non-empty one."""
    settings = settings_from(ctx)
    db = open_app_database(settings)
    try:
        summary = restore_database(db, file, force=force, lang=settings.lang)
    finally:
        db.dispose()
    console().print(summary.message(settings.lang, restored=True))
