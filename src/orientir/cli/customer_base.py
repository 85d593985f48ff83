"""``orientir customers import`` and ``orientir customers voice``: an organisation's stored
transaction log, and its customers' answers joined to their value."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.cli.messages import columns, say
from orientir.services import customer_base as service
from orientir.services.database import open_app_database
from orientir.services.transactions import ColumnMapping, ReadOptions

ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Transaction log: CSV (1C exports too), XLSX, Parquet."),
    org: str = ORG,
    customer: str | None = typer.Option(None, "--customer-column", help="Customer id header."),
    day: str | None = typer.Option(None, "--date-column", help="Date header."),
    amount: str | None = typer.Option(None, "--amount-column", help="Amount header."),
    check: bool = typer.Option(False, "--check", help="Validate only; write nothing."),
    as_json: bool = JSON,
) -> None:
    """Store a transaction log; all-or-nothing, rows already stored are not added twice."""
    settings = settings_from(ctx)
    options = ReadOptions(ColumnMapping(customer_id=customer, date=day, amount=amount))
    report = service.import_transactions(
        open_app_database(settings),
        org=org,
        path=file,
        limits=settings.limits,
        options=options,
        check_only=check,
    )
    if as_json:
        emit_json(asdict(report))
        return
    console().print(
        say(
            ctx,
            "cli.transactions.checked" if check else "cli.transactions.imported",
            total=report.total_rows,
            customers=report.customers,
            added=report.added,
            present=report.already_present,
        )
    )


def voice(
    ctx: typer.Context,
    org: str = ORG,
    wave: str | None = typer.Option(
        None, "--wave", help="A customer-view wave (default: the latest)."
    ),
    as_json: bool = JSON,
) -> None:
    """NPS and CSAT by ABC class and RFM segment, guarded."""
    settings = settings_from(ctx)
    result = service.customer_voice(
        open_app_database(settings),
        org=org,
        wave=wave,
        k=settings.min_group_size,
        lang=settings.lang,
    )
    if as_json:
        emit_json(asdict(result))
        return
    out = console()
    out.print(
        say(
            ctx,
            "cli.voice.header",
            wave=result.wave,
            matched=result.matched,
            respondents=result.respondents,
            k=result.k,
        )
    )
    groups = (("cli.voice.abc", result.by_abc), ("cli.voice.segment", result.by_segment))
    for title, cells in groups:
        table = Table(say(ctx, title), *columns("cli.voice.columns", settings.lang))
        for c in cells:
            table.add_row(
                c.group,
                "—" if c.n is None else str(c.n),
                "—" if c.nps is None else f"{c.nps:.0f}",
                ""
                if c.nps_ci is None
                else say(
                    ctx, "cli.voice.interval", low=f"{c.nps_ci[0]:.0f}", high=f"{c.nps_ci[1]:.0f}"
                ),
                "—" if c.csat is None else f"{c.csat:.2f}",
                c.reason or "",
            )
        out.print(table)
    hidden = result.a_detractors is None
    detractors = say(ctx, "cli.voice.hidden") if hidden else result.a_detractors
    out.print(say(ctx, "cli.voice.detractors", value=detractors))
    for note in result.notes:
        out.print(note)
