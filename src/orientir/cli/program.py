"""``orientir program``: the driver team, initiatives with milestones, and their timeline."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, lang_of, settings_from
from orientir.domain.program import (
    Initiative,
    InitiativeStatus,
    ProgramRole,
    Quarter,
    TeamMember,
    Timeline,
)
from orientir.i18n import t
from orientir.services import program as service
from orientir.services import program_messages as _messages  # noqa: F401  (registers texts)
from orientir.services.database import open_app_database

app = typer.Typer(
    help="The change program: driver team, initiatives, timeline.", no_args_is_help=True
)
initiative_app = typer.Typer(help="Initiatives and their milestones.", no_args_is_help=True)
milestone_app = typer.Typer(help="Milestones of an initiative.", no_args_is_help=True)
team_app = typer.Typer(
    help="The driver team and the advocates; without a sub-command, list them.",
    invoke_without_command=True,
)
app.add_typer(initiative_app, name="initiative")
app.add_typer(team_app, name="team")
initiative_app.add_typer(milestone_app, name="milestone")

ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
INITIATIVE = typer.Argument(..., help="Initiative id or exact title.")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _initiative_dict(item: Initiative) -> dict[str, Any]:
    data = asdict(item)
    data["status"] = item.status.value
    data["budget"] = None if item.budget is None else str(item.budget)
    return data


@initiative_app.command("add")
def add(
    ctx: typer.Context,
    org: str = ORG,
    title: str = typer.Option(..., "--title", help="What the initiative is."),
    owner: str | None = typer.Option(None, "--owner", help="Owner: a person's external id."),
    budget: str | None = typer.Option(None, "--budget", help="Amount, e.g. 1500000 or 1 500,50."),
    currency: str | None = typer.Option(None, "--currency", help="ISO code, e.g. RUB."),
    status: InitiativeStatus = typer.Option(InitiativeStatus.PLANNED, "--status"),
    start: str | None = typer.Option(None, "--start", help="First day, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--end", help="Last day, YYYY-MM-DD."),
    component: str | None = typer.Option(
        None, "--component", help="The index component it aims to move (e.g. service)."
    ),
    description: str | None = typer.Option(None, "--description"),
    as_json: bool = JSON,
) -> None:
    """Add an initiative."""
    created = service.add_initiative(
        open_app_database(settings_from(ctx)),
        service.NewInitiative(
            org=org,
            title=title,
            owner=owner,
            budget=budget,
            currency=currency,
            status=status,
            starts_on=_day(start),
            ends_on=_day(end),
            component=component,
            description=description,
        ),
    )
    if as_json:
        emit_json(_initiative_dict(created))
        return
    console().print(t("program.added", lang_of(ctx), id=created.id, title=created.title))


@initiative_app.command("update")
def update(
    ctx: typer.Context,
    initiative: str = INITIATIVE,
    org: str = ORG,
    title: str | None = typer.Option(None, "--title"),
    owner: str | None = typer.Option(None, "--owner"),
    budget: str | None = typer.Option(None, "--budget"),
    currency: str | None = typer.Option(None, "--currency"),
    status: InitiativeStatus | None = typer.Option(None, "--status"),
    start: str | None = typer.Option(None, "--start"),
    end: str | None = typer.Option(None, "--end"),
    component: str | None = typer.Option(None, "--component"),
    description: str | None = typer.Option(None, "--description"),
    as_json: bool = JSON,
) -> None:
    """Change an initiative: only the options given."""
    changed = service.update_initiative(
        open_app_database(settings_from(ctx)),
        org=org,
        initiative=initiative,
        changes=service.InitiativeChanges(
            title=title,
            owner=owner,
            budget=budget,
            currency=currency,
            status=status,
            starts_on=_day(start),
            ends_on=_day(end),
            component=component,
            description=description,
        ),
    )
    if as_json:
        emit_json(_initiative_dict(changed))
        return
    console().print(t("program.updated", lang_of(ctx), id=changed.id, title=changed.title))


def _period(item: Initiative) -> str:
    if not item.starts_on and not item.ends_on:
        return ""
    return f"{item.starts_on or '…'} – {item.ends_on or '…'}"


@initiative_app.command("list")
def list_(
    ctx: typer.Context,
    org: str = ORG,
    status: InitiativeStatus | None = typer.Option(None, "--status"),
    as_json: bool = JSON,
) -> None:
    """List initiatives, earliest start first."""
    lang = lang_of(ctx)
    found = service.list_initiatives(open_app_database(settings_from(ctx)), org=org, status=status)
    if as_json:
        emit_json([_initiative_dict(i) for i in found])
        return
    if not found:
        console().print(t("program.no_initiatives", lang))
        return
    table = Table(
        *(
            t(f"program.col.{c}", lang)
            for c in ("id", "title", "owner", "status", "budget", "period", "component")
        ),
        t("program.col.milestones", lang),
    )
    for item in found:
        done = sum(m.done for m in item.milestones)
        table.add_row(
            str(item.id),
            item.title,
            item.owner_name or item.owner or "",
            t(f"program.status.{item.status.value}", lang),
            f"{item.budget:,.2f} {item.currency or ''}".replace(",", " ") if item.budget else "",
            _period(item),
            item.component or "",
            f"{done}/{len(item.milestones)}",
        )
    console().print(table)


@milestone_app.command("add")
def milestone_add(
    ctx: typer.Context,
    initiative: str = INITIATIVE,
    org: str = ORG,
    title: str = typer.Option(..., "--title"),
    due: str = typer.Option(..., "--due", help="Due date, YYYY-MM-DD."),
) -> None:
    """Add a milestone to an initiative."""
    found = service.add_milestone(
        open_app_database(settings_from(ctx)),
        org=org,
        initiative=initiative,
        title=title,
        due_on=date.fromisoformat(due),
    )
    console().print(
        t("program.milestone_added", lang_of(ctx), title=title, due=due, initiative=found.title)
    )


@milestone_app.command("done")
def milestone_done(
    ctx: typer.Context,
    initiative: str = INITIATIVE,
    milestone: str = typer.Argument(..., help="Milestone id or exact title."),
    org: str = ORG,
    undo: bool = typer.Option(False, "--undo", help="Mark it not done after all."),
) -> None:
    """Mark a milestone done."""
    found = service.complete_milestone(
        open_app_database(settings_from(ctx)),
        org=org,
        initiative=initiative,
        milestone=milestone,
        done=not undo,
    )
    key = "program.milestone_undone" if undo else "program.milestone_done"
    console().print(t(key, lang_of(ctx), title=milestone, initiative=found.title))


def _member_dict(member: TeamMember) -> dict[str, Any]:
    return {**asdict(member), "role": member.role.value}


@team_app.callback()
def team(
    ctx: typer.Context,
    org: str | None = typer.Option(None, "--org", help="Organisation (to list the team)."),
    role: ProgramRole | None = typer.Option(None, "--role", help="Only this role."),
    as_json: bool = JSON,
) -> None:
    """List who holds a program role: drivers (rule 6) and advocates."""
    if ctx.invoked_subcommand is not None:
        return
    if org is None:
        raise typer.BadParameter("--org is needed to list the team")
    lang = lang_of(ctx)
    members = service.program_team(open_app_database(settings_from(ctx)), org=org, role=role)
    if as_json:
        emit_json([_member_dict(m) for m in members])
        return
    if not members:
        console().print(t("program.no_team", lang))
        return
    table = Table(
        *(t(f"program.col.{c}", lang) for c in ("person", "name", "role", "department", "source"))
    )
    for m in members:
        table.add_row(
            m.external_id,
            m.name,
            t(f"program.role.{m.role.value}", lang),
            m.department or "",
            t(f"program.source.{m.source}", lang),
        )
    console().print(table)


PERSON = typer.Argument(..., help="The person's external id.")
ROLE = typer.Option(ProgramRole.DRIVER, "--role", help="driver or advocate.")


@team_app.command("add")
def team_add(
    ctx: typer.Context, person: str = PERSON, org: str = ORG, role: ProgramRole = ROLE
) -> None:
    """Give a person a program role."""
    added = service.grant_role(
        open_app_database(settings_from(ctx)), org=org, person=person, role=role
    )
    lang = lang_of(ctx)
    key = "program.granted" if added else "program.already"
    console().print(t(key, lang, person=person, role=t(f"program.role.{role.value}", lang)))


@team_app.command("remove")
def team_remove(
    ctx: typer.Context, person: str = PERSON, org: str = ORG, role: ProgramRole = ROLE
) -> None:
    """Take a granted program role back."""
    removed = service.revoke_role(
        open_app_database(settings_from(ctx)), org=org, person=person, role=role
    )
    lang = lang_of(ctx)
    key = "program.revoked" if removed else "program.not_held"
    console().print(t(key, lang, person=person, role=t(f"program.role.{role.value}", lang)))


def _timeline_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "quarters": list(timeline.quarters),
        "rows": [
            {
                "initiative": _initiative_dict(row.initiative),
                "cells": [asdict(cell) for cell in row.cells],
            }
            for row in timeline.rows
        ],
        "unscheduled": [_initiative_dict(i) for i in timeline.unscheduled],
    }


def _cell_text(active: bool, due: int, done: int) -> str:
    text = "█" * 4 if active else "·" * 4
    if due:
        text += f" ◆{due}"
    if done:
        text += f" ✓{done}"
    return text


@app.command("timeline")
def timeline(
    ctx: typer.Context,
    org: str = ORG,
    first: str | None = typer.Option(None, "--from", help="First quarter, e.g. 2026-Q1."),
    last: str | None = typer.Option(None, "--to", help="Last quarter, e.g. 2026-Q4."),
    as_json: bool = JSON,
) -> None:
    """Initiatives across quarters (columns), with their milestones."""
    lang = lang_of(ctx)
    laid_out = service.initiative_timeline(
        open_app_database(settings_from(ctx)),
        org=org,
        first=Quarter.parse(first) if first else None,
        last=Quarter.parse(last) if last else None,
    )
    if as_json:
        emit_json(_timeline_dict(laid_out))
        return
    out = console()
    if not laid_out.rows and not laid_out.unscheduled:
        out.print(t("program.no_initiatives", lang))
        return
    table = Table(t("program.col.title", lang), t("program.col.status", lang))
    for quarter in laid_out.quarters:
        table.add_column(quarter, no_wrap=True)
    for row in laid_out.rows:
        table.add_row(
            row.initiative.title,
            t(f"program.status.{row.initiative.status.value}", lang),
            *(
                _cell_text(
                    cell.active,
                    sum(not m.done for m in cell.milestones),
                    sum(m.done for m in cell.milestones),
                )
                for cell in row.cells
            ),
        )
    out.print(table)
    out.print(t("program.legend", lang))
    if laid_out.unscheduled:
        titles = ", ".join(i.title for i in laid_out.unscheduled)
        out.print(t("program.unscheduled", lang, titles=titles))
