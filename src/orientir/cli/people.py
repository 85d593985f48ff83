"""``orientir people`` and ``orientir contacts``: who works at and around an organisation."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.cli.messages import columns
from orientir.i18n import t
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


def print_report(report: ImportReport, *, noun: str, as_json: bool, lang: str) -> None:
    """``noun`` is ``people`` or ``contacts``."""
    if as_json:
        emit_json(asdict(report))
        return
    console().print(
        t(
            "cli.import.done" if report.written else "cli.import.checked",
            lang,
            total=report.total_rows,
            noun=t(f"cli.import.{noun}", lang),
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
    )
    if report.ignored_columns:
        console().print(t("cli.import.ignored", lang, columns=", ".join(report.ignored_columns)))


@app.command("import")
def import_(
    ctx: typer.Context, file: Path = FILE, org: str = ORG, check: bool = CHECK, as_json: bool = JSON
) -> None:
    """Import or update employees; all-or-nothing, every bad row reported."""
    settings = settings_from(ctx)
    report = service.import_people(
        open_app_database(settings), org=org, path=file, limits=settings.limits, check_only=check
    )
    print_report(report, noun="people", as_json=as_json, lang=settings.lang)


@app.command("list")
def list_(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """List an organisation's employees."""
    settings = settings_from(ctx)
    persons = service.list_people(open_app_database(settings), org=org)
    if as_json:
        emit_json([asdict(p) for p in persons])
        return
    table = Table(*columns("cli.people.columns", settings.lang))
    yes, no = t("cli.yes", settings.lang), t("cli.no", settings.lang)
    for p in persons:
        table.add_row(
            p.external_id,
            p.name,
            p.email or "",
            p.department or "",
            p.manager_external_id or "",
            str(p.hire_date or ""),
            p.role or "",
            yes if p.active else no,
        )
    console().print(table)
