"""``orientir wave``: send an instrument to an audience, open and close it, watch progress."""

from __future__ import annotations

import csv
from dataclasses import asdict
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, lang_of, settings_from
from orientir.cli.messages import columns, say
from orientir.domain.waves import Wave, WaveMode
from orientir.services import waves as service
from orientir.services.database import open_app_database

app = typer.Typer(help="Survey waves: an instrument sent to an audience.", no_args_is_help=True)
ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
WAVE = typer.Argument(..., help="Wave label or id.")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")


def _wave_dict(wave: Wave) -> dict[str, object]:
    return {**asdict(wave), "mode": wave.mode.value, "status": wave.status.value}


@app.command("create")
def create(
    ctx: typer.Context,
    org: str = ORG,
    instrument: str = typer.Option(..., "--instrument", help="NAME, NAME@VERSION or a YAML file."),
    audience: str = typer.Option("all", "--audience", help="all, department:PATH or file:FILE."),
    mode: WaveMode | None = typer.Option(None, "--mode", help="Default: the instrument's own."),
    label: str | None = typer.Option(None, "--label", help="A name for the wave."),
    opens: str | None = typer.Option(None, "--opens", help="First day, YYYY-MM-DD."),
    closes: str | None = typer.Option(None, "--closes", help="Last day, YYYY-MM-DD."),
    links: Path | None = typer.Option(
        None, "--links", help="Write each invitee's personal link to this CSV file."
    ),
    as_json: bool = JSON,
) -> None:
    """Create a wave (a draft; `wave open` starts it)."""
    settings = settings_from(ctx)
    created = service.create_wave(
        open_app_database(settings),
        service.NewWave(
            org=org,
            instrument=instrument,
            audience=audience,
            mode=mode,
            label=label,
            opens_on=date.fromisoformat(opens) if opens else None,
            closes_on=date.fromisoformat(closes) if closes else None,
        ),
        limits=settings.limits,
    )
    if links is not None:
        with links.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["respondent", "email", "link"])
            for invitation in created.invitations:
                writer.writerow(
                    [
                        invitation.respondent,
                        invitation.email or "",
                        settings.survey_link(invitation.token),
                    ]
                )
    shared = settings.survey_link(created.shared_token) if created.shared_token else None
    if as_json:
        emit_json(
            {
                "wave": _wave_dict(created.wave),
                "invited": len(created.invitations),
                "shared_link": shared,
                "links_file": str(links) if links else None,
            }
        )
        return
    out = console()
    out.print(
        say(
            ctx,
            "cli.wave.created",
            label=created.wave.label,
            instrument=created.wave.instrument_ref,
            mode=created.wave.mode.value,
        )
    )
    if shared:
        out.print(say(ctx, "cli.wave.shared_link", link=shared))
    elif links:
        out.print(say(ctx, "cli.wave.invited_saved", n=len(created.invitations), file=links))
    else:
        out.print(say(ctx, "cli.wave.invited_unsaved", n=len(created.invitations)))


@app.command("open")
def open_(ctx: typer.Context, wave: str = WAVE, org: str = ORG) -> None:
    """Open a wave: its questionnaire is frozen and answers are accepted."""
    found = service.open_wave(open_app_database(settings_from(ctx)), org=org, wave=wave)
    console().print(say(ctx, "cli.wave.opened", label=found.label))


@app.command("close")
def close(ctx: typer.Context, wave: str = WAVE, org: str = ORG) -> None:
    """Close a wave: no more answers are accepted."""
    found = service.close_wave(open_app_database(settings_from(ctx)), org=org, wave=wave)
    console().print(say(ctx, "cli.wave.closed", label=found.label))


@app.command("list")
def list_(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """List an organisation's waves."""
    found = service.list_waves(open_app_database(settings_from(ctx)), org=org)
    if as_json:
        emit_json([_wave_dict(w) for w in found])
        return
    table = Table(*columns("cli.wave.columns", lang_of(ctx)))
    for w in found:
        table.add_row(
            str(w.id),
            w.label,
            w.instrument_ref,
            w.mode.value,
            w.audience,
            w.status.value,
            str(w.opens_on or ""),
            str(w.closes_on or ""),
        )
    console().print(table)


@app.command("status")
def status(ctx: typer.Context, wave: str = WAVE, org: str = ORG, as_json: bool = JSON) -> None:
    """Invited, started and completed responses, and the response rate."""
    progress = service.wave_progress(open_app_database(settings_from(ctx)), org=org, wave=wave)
    payload = {
        **asdict(progress),
        "status": progress.status.value,
        "response_rate": progress.response_rate,
    }
    if as_json:
        emit_json(payload)
        return
    rate = progress.response_rate
    invited = (
        say(ctx, "cli.wave.invited_count", n=progress.invited)
        if progress.invited is not None
        else ""
    )
    console().print(
        say(
            ctx,
            "cli.wave.status",
            label=progress.wave,
            status=progress.status.value,
            invited=invited,
            started=progress.started,
            completed=progress.completed,
            rate=say(ctx, "cli.wave.rate", rate=f"{rate:.0%}") if rate is not None else ".",
        )
    )
