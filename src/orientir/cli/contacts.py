"""``orientir contacts``: people at customers, partners and other outside organisations."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.cli.messages import columns
from orientir.cli.people import CHECK, FILE, JSON, ORG, print_report
from orientir.services import people as service
from orientir.services.database import open_app_database

app = typer.Typer(help="Contacts at customers, partners and others.", no_args_is_help=True)


@app.command("import")
def import_(
    ctx: typer.Context, file: Path = FILE, org: str = ORG, check: bool = CHECK, as_json: bool = JSON
) -> None:
    """Import or update contacts; all-or-nothing, every bad row reported."""
    settings = settings_from(ctx)
    report = service.import_contacts(
        open_app_database(settings), org=org, path=file, limits=settings.limits, check_only=check
    )
    print_report(report, noun="contacts", as_json=as_json, lang=settings.lang)


@app.command("list")
def list_(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """List an organisation's contacts."""
    settings = settings_from(ctx)
    items = service.list_contacts(open_app_database(settings), org=org)
    if as_json:
        emit_json([{**asdict(c), "kind": c.kind.value} for c in items])
        return
    table = Table(*columns("cli.contacts.columns", settings.lang))
    for c in items:
        table.add_row(c.external_id, c.kind.value, c.company or "", c.person or "", c.email or "")
    console().print(table)
