"""``orientir audit``: the audit log of administrative actions."""

from __future__ import annotations

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, settings_from
from orientir.cli.messages import say
from orientir.services import audit as service
from orientir.services.database import Database, open_app_database


def audit(
    ctx: typer.Context,
    org: str | None = typer.Option(
        None,
        "--org",
        help="Organisation: short name, name or id. Without it: the events of no organisation "
        "(API tokens, passwords).",
    ),
    limit: int = typer.Option(200, "--limit", min=1, max=10_000, help="Newest N events."),
    verify: bool = typer.Option(
        False,
        "--verify",
        help="Check the log's hash chain instead of listing it; prints the head hash to keep "
        "elsewhere. Exit code 1 if an event was edited or removed.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who did what, when and from where: role changes, imports, waves, tokens, exports.

    The log holds identifiers only, never answers, comments, passwords or tokens.
    """
    db = open_app_database(settings_from(ctx))
    if verify:
        _verify(ctx, db, org, as_json)
        return
    events = service.list_events(db, org=org, limit=limit)
    if as_json:
        emit_json(
            [
                {
                    "id": e.id,
                    "at": e.at,
                    "actor": e.actor,
                    "via": e.via,
                    "action": e.action,
                    "object_type": e.object_type,
                    "object_id": e.object_id,
                    "address": e.address,
                }
                for e in events
            ]
        )
        return
    table = Table("time (UTC)", "who", "via", "action", "object", "address")
    for e in events:
        obj = e.object_type + (f": {e.object_id}" if e.object_id else "")
        table.add_row(
            e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.via, e.action, obj, e.address or ""
        )
    console().print(table)


def _verify(ctx: typer.Context, db: Database, org: str | None, as_json: bool) -> None:
    check = service.verify_chain(db, org=org)
    intact = check.first_broken is None
    if as_json:
        emit_json(
            {
                "events": check.events,
                "head": check.head,
                "intact": intact,
                "first_broken": check.first_broken,
            }
        )
    elif intact:
        console().print(say(ctx, "cli.audit.intact", events=check.events, head=check.head))
    else:
        console().print(say(ctx, "cli.audit.broken", event=check.first_broken, events=check.events))
    if not intact:
        raise typer.Exit(1)
