"""``orientir people`` and ``orientir contacts``: who works at and around an organisation."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.services import people as service
from orientir.services.database import open_app_database
from orientir.services.people import ImportReport

app = typer.Typer(help="Employees of an organisation.", no_args_is_help=True)

FILE = typer.Argument(
    ...,
    exists=False,
    help="A CSV (any of , ; tab; UTF-8 or Windows-1251) or XLSX file with a header row.",
)
ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
CHECK = typer.Option(
    False, "--check", help="Validate the file against the database; write nothing."
)
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")


def print_report(report: ImportReport, *, noun: str, as_json: bool) -> None:
    if as_json:
        emit_json(asdict(report))
        return
    verb = "Checked" if not report.written else "Imported"
    console().print(
        f"{verb} {report.total_rows} {noun}: {report.created} new, {report.updated} changed, "
        f"{report.unchanged} unchanged." + ("" if report.written else " Nothing was written.")
    )
    if report.ignored_columns:
        console().print("Ignored columns: " + ", ".join(report.ignored_columns))


@app.command("import")
def import_(
    ctx: typer.Context, file: Path = FILE, org: str = ORG, check: bool = CHECK, as_json: bool = JSON
) -> None:
    """Import or update employees; all-or-nothing, every bad row reported."""
    settings = settings_from(ctx)
    report = service.import_people(
        open_app_database(settings), org=org, path=file, limits=settings.limits, check_only=check
    )
    print_report(report, noun="people", as_json=as_json)


@app.command("list")
def list_(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """List an organisation's employees."""
    persons = service.list_people(open_app_database(settings_from(ctx)), org=org)
    if as_json:
        emit_json([asdict(p) for p in persons])
        return
    table = Table("id", "name", "e-mail", "department", "manager", "hired", "role", "active")
    for p in persons:
        table.add_row(
            p.external_id,
            p.name,
            p.email or "",
            p.department or "",
            p.manager_external_id or "",
            str(p.hire_date or ""),
            p.role or "",
            "yes" if p.active else "no",
        )
    console().print(table)
