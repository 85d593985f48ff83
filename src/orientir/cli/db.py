"""``orientir db``: the application database's schema."""

from __future__ import annotations

import typer

from orientir.cli._common import console, settings_from
from orientir.cli.messages import say
from orientir.services.database import upgrade_database

app = typer.Typer(help="The application database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Apply every pending schema migration (PostgreSQL needs this after each release)."""
    before, after = upgrade_database(settings_from(ctx))
    if before == after:
        console().print(say(ctx, "cli.db.current", schema=after))
    else:
        none = say(ctx, "cli.none")
        console().print(say(ctx, "cli.db.upgraded", before=before or none, after=after))
