"""``orientir responses``: exports of a wave's answers, and imports from other survey tools."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer

from orientir.cli._common import console, emit_json, settings_from
from orientir.cli.messages import say
from orientir.services import responses_io as service
from orientir.services.database import open_app_database

app = typer.Typer(help="Answers of a wave: export and import.", no_args_is_help=True)
ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
WAVE = typer.Option(..., "--wave", help="Wave label or id.")


@app.command("export")
def export(
    ctx: typer.Context,
    org: str = ORG,
    wave: str = WAVE,
    fmt: str = typer.Option("csv", "--format", help="csv, xlsx, parquet or sav."),
    out: Path = typer.Option(..., "--out", help="The file to write."),
) -> None:
    """Export answers in codebook columns; privacy rules apply (see docs)."""
    settings = settings_from(ctx)
    frame = service.response_frame(
        open_app_database(settings), org=org, wave=wave, k=settings.min_group_size
    )
    written = service.write_export(frame, fmt=fmt, out=out, lang=settings.lang)
    console().print(say(ctx, "cli.responses.written", n=written, file=out))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="CSV or XLSX with one response per row."),
    org: str = ORG,
    wave: str = WAVE,
    mapping: Path | None = typer.Option(
        None, "--mapping", help="YAML: columns (file column: item id), values (label: value)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Import answers collected elsewhere; all-or-nothing, every bad cell reported."""
    settings = settings_from(ctx)
    report = service.import_responses(
        open_app_database(settings),
        org=org,
        wave=wave,
        path=file,
        mapping_path=mapping,
        limits=settings.limits,
    )
    if as_json:
        emit_json(asdict(report))
        return
    some_present = report.already_present > 0
    key = "cli.responses.imported_some_present" if some_present else "cli.responses.imported"
    console().print(
        say(
            ctx,
            key,
            stored=report.stored,
            total=report.total_rows,
            present=report.already_present,
        )
    )
