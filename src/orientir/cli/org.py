"""``orientir org``: organisations (tenants)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, lang_of, settings_from
from orientir.cli.messages import columns, say
from orientir.services.database import open_app_database
from orientir.services.organisations import NewOrganisation, create_organisation, list_organisations

app = typer.Typer(help="Organisations: the companies measured.", no_args_is_help=True)


@app.command("create")
def create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The organisation's name."),
    founded: int | None = typer.Option(None, "--founded", help="Founding year."),
    headcount: int | None = typer.Option(None, "--headcount", help="Number of employees."),
    sector: str | None = typer.Option(None, "--sector", help="Industry or sector."),
    as_json: bool = typer.Option(False, "--json", help="Print the organisation as JSON."),
) -> None:
    """Create an organisation."""
    db = open_app_database(settings_from(ctx))
    organisation = create_organisation(
        db,
        NewOrganisation(name=name, founded=founded, headcount=headcount, sector=sector),
        this_year=date.today().year,
    )
    if as_json:
        emit_json(asdict(organisation))
    else:
        console().print(
            say(
                ctx,
                "cli.org.created",
                name=organisation.name,
                id=organisation.id,
                slug=organisation.slug,
            )
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List organisations."""
    organisations = list_organisations(open_app_database(settings_from(ctx)))
    if as_json:
        emit_json([asdict(o) for o in organisations])
        return
    table = Table(*columns("cli.org.columns", lang_of(ctx)))
    for o in organisations:
        table.add_row(
            str(o.id), o.name, o.slug, str(o.founded or ""), str(o.headcount or ""), o.sector or ""
        )
    console().print(table)
