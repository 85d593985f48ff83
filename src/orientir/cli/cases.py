"""``orientir cases``: follow up unhappy customers — list, read, assign, move, escalate; the case
rules and the notification channels of an organisation."""

from __future__ import annotations

import getpass
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from orientir.cli import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.cli._common import console, emit_json, lang_of, settings_from
from orientir.domain.cases import Case, CaseStatus, Reason
from orientir.domain.notifications import ChannelKind
from orientir.errors import InvalidInput
from orientir.i18n import t
from orientir.services import case_actions as actions
from orientir.services import case_rules as rules_service
from orientir.services import cases as service
from orientir.services import notifications as channels
from orientir.services import program_messages as _messages  # noqa: F401  (registers texts)
from orientir.services._clock import utc_now
from orientir.services.database import open_app_database

app = typer.Typer(help="Cases for customer advocates.", no_args_is_help=True)
rules_app = typer.Typer(help="The organisation's case rules (YAML).", no_args_is_help=True)
channel_app = typer.Typer(help="Where notifications go: e-mail, webhooks.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(channel_app, name="channel")

ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
CASE = typer.Argument(..., help="Case number.")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
BY = typer.Option(None, "--by", help="Who acts (default: your login name).")


def _author(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "cli"


def _reason(reason: Reason) -> str:
    return f"{reason.rule}: {reason.item}" + (
        f" «{reason.keyword}»" if reason.keyword else f" = {reason.value:g}"
    )


def _case_dict(case: Case) -> dict[str, Any]:
    data = asdict(case)
    data.update(status=case.status.value, priority=case.priority.value)
    data["overdue"] = case.overdue(utc_now())
    return data


@app.command("list")
def list_(
    ctx: typer.Context,
    org: str = ORG,
    status: list[CaseStatus] = typer.Option([], "--status", help="Only these (repeatable)."),
    assignee: str | None = typer.Option(None, "--assignee", help="Only this advocate's."),
    unassigned: bool = typer.Option(False, "--unassigned"),
    overdue: bool = typer.Option(False, "--overdue", help="Only active cases past due."),
    as_json: bool = JSON,
) -> None:
    """List cases, soonest due first."""
    lang = lang_of(ctx)
    found = service.list_cases(
        open_app_database(settings_from(ctx)),
        org=org,
        query=service.CaseQuery(
            statuses=frozenset(status) or None,
            assignee=assignee,
            unassigned=unassigned,
            overdue=overdue,
        ),
    )
    if as_json:
        emit_json([_case_dict(c) for c in found])
        return
    if not found:
        console().print(t("cases.none", lang))
        return
    now = utc_now()
    columns = ("id", "status", "priority", "due", "customer", "wave", "assignee", "reasons")
    table = Table(*(t(f"cases.col.{c}", lang) for c in columns))
    for case in found:
        due = case.due_at.strftime("%Y-%m-%d %H:%M")
        if case.overdue(now):
            due += f" [red]{t('cases.overdue', lang)}[/]"
        table.add_row(
            str(case.id),
            t(f"cases.status.{case.status.value}", lang),
            t(f"cases.priority.{case.priority.value}", lang),
            due,
            case.customer or "",
            case.wave or "",
            case.assignee or "",
            "; ".join(_reason(r) for r in case.reasons),
        )
    console().print(table)


@app.command("show")
def show(ctx: typer.Context, case: int = CASE, org: str = ORG, as_json: bool = JSON) -> None:
    """A case with the customer's answers and its history."""
    lang = lang_of(ctx)
    detail = service.show_case(
        open_app_database(settings_from(ctx)), org=org, case_id=case, lang=lang
    )
    if as_json:
        emit_json(
            {
                "case": _case_dict(detail.case),
                "events": [asdict(e) for e in detail.events],
                "answers": None if detail.answers is None else [asdict(a) for a in detail.answers],
            }
        )
        return
    c, out = detail.case, console()
    out.print(
        t(
            "cases.show.title",
            lang,
            id=c.id,
            status=t(f"cases.status.{c.status.value}", lang),
            priority=t(f"cases.priority.{c.priority.value}", lang),
        )
    )
    who = " ".join(x for x in (c.customer, c.company, c.contact_person) if x)
    out.print(f"{t('cases.show.customer', lang)}: {who} ({c.customer_kind or ''}, {c.wave or ''})")
    if c.abc_class or c.clv is not None:
        out.print(f"{t('cases.show.value', lang)}: ABC {c.abc_class or '?'}, CLV {c.clv or '?'}")
    out.print(f"{t('cases.show.opened', lang)}: {c.opened_at:%Y-%m-%d %H:%M} UTC")
    overdue = f" — {t('cases.overdue', lang)}" if c.overdue(utc_now()) else ""
    out.print(f"{t('cases.show.due', lang)}: {c.due_at:%Y-%m-%d %H:%M} UTC{overdue}")
    out.print(f"{t('cases.show.reasons', lang)}: " + "; ".join(_reason(r) for r in c.reasons))
    out.print(f"\n[bold]{t('cases.show.answers', lang)}[/]")
    if detail.answers is None:
        out.print(t("cases.show.no_answers", lang))
    else:
        for line in detail.answers:
            out.print(f"  {line.item}: {line.value}  [dim]{line.text}[/]")
    out.print(f"\n[bold]{t('cases.show.history', lang)}[/]")
    for e in detail.events:
        moved = f" {e.from_status or ''}→{e.to_status}" if e.to_status else ""
        out.print(
            f"  {e.at:%Y-%m-%d %H:%M} {t(f'cases.event.{e.kind}', lang)}{moved}"
            + (f" ({e.author})" if e.author else "")
            + (f": {e.text}" if e.text else "")
        )


@app.command("assign")
def assign(
    ctx: typer.Context,
    case: int = CASE,
    org: str = ORG,
    to: str = typer.Option(..., "--to", help="The advocate's external id."),
    by: str | None = BY,
) -> None:
    """Give a case to an advocate."""
    actions.assign_case(
        open_app_database(settings_from(ctx)),
        org=org,
        case_id=case,
        advocate=to,
        author=_author(by),
    )
    console().print(t("cases.assigned", lang_of(ctx), id=case, person=to))


def _moved(ctx: typer.Context, moved: Case) -> None:
    lang = lang_of(ctx)
    console().print(
        t("cases.moved", lang, id=moved.id, status=t(f"cases.status.{moved.status.value}", lang))
    )


NOTE = typer.Option(None, "--note", help="What was done or decided.")


@app.command("start")
def start(
    ctx: typer.Context,
    case: int = CASE,
    org: str = ORG,
    note: str | None = NOTE,
    by: str | None = BY,
) -> None:
    """Take a case up: open (or resolved) → in progress."""
    db = open_app_database(settings_from(ctx))
    _moved(ctx, actions.start_case(db, org=org, case_id=case, note=note, author=_author(by)))


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    case: int = CASE,
    org: str = ORG,
    note: str = typer.Option(..., "--note", help="What was done for the customer."),
    by: str | None = BY,
) -> None:
    """in progress → resolved (a note is required)."""
    db = open_app_database(settings_from(ctx))
    _moved(ctx, actions.resolve_case(db, org=org, case_id=case, note=note, author=_author(by)))


@app.command("close")
def close(
    ctx: typer.Context,
    case: int = CASE,
    org: str = ORG,
    note: str | None = NOTE,
    by: str | None = BY,
) -> None:
    """resolved → closed."""
    db = open_app_database(settings_from(ctx))
    _moved(ctx, actions.close_case(db, org=org, case_id=case, note=note, author=_author(by)))


@app.command("note")
def note_(
    ctx: typer.Context,
    case: int = CASE,
    text: str = typer.Argument(..., help="The note."),
    org: str = ORG,
    by: str | None = BY,
) -> None:
    """Add a note to a case's history."""
    actions.add_note(
        open_app_database(settings_from(ctx)), org=org, case_id=case, note=text, author=_author(by)
    )
    console().print(t("cases.noted", lang_of(ctx), id=case))


@app.command("escalate-overdue")
def escalate_overdue(
    ctx: typer.Context,
    org: str | None = typer.Option(None, "--org", help="One organisation (default: all)."),
    as_json: bool = JSON,
) -> None:
    """Escalate active cases past their due date (once each) and notify; the worker does this
    on its own every few minutes."""
    escalated = actions.escalate_overdue(open_app_database(settings_from(ctx)), org=org)
    if as_json:
        emit_json([_case_dict(c) for c in escalated])
        return
    console().print(t("cases.escalated", lang_of(ctx), count=len(escalated)))


@app.command("reprioritise")
def reprioritise(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """Recompute the priority and due date of active cases from the stored transaction log
    (after a new log was imported, or the case rules changed)."""
    changed = actions.reprioritise(open_app_database(settings_from(ctx)), org=org)
    if as_json:
        emit_json([_case_dict(c) for c in changed])
        return
    console().print(t("cases.reprioritised", lang_of(ctx), count=len(changed)))


@rules_app.command("show")
def rules_show(ctx: typer.Context, org: str = ORG) -> None:
    """Print the case rules (the defaults when none were set)."""
    typer.echo(rules_service.show_rules(open_app_database(settings_from(ctx)), org=org), nl=False)


@rules_app.command("set")
def rules_set(
    ctx: typer.Context,
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A YAML document."),
    org: str = ORG,
) -> None:
    """Replace the case rules with the document in FILE (checked first)."""
    document = file.read_text(encoding="utf-8")
    rules = rules_service.set_rules(
        open_app_database(settings_from(ctx)), org=org, document=document
    )
    count = len(rules.score_rules) + len(rules.keyword_rules)
    console().print(t("cases.rules_saved", lang_of(ctx), org=org, count=count))


@rules_app.command("check")
def rules_check(
    ctx: typer.Context,
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A YAML document."),
) -> None:
    """Check a case-rules document without saving it."""
    rules = rules_service.parse_rules(file.read_text(encoding="utf-8"))
    count = len(rules.score_rules) + len(rules.keyword_rules)
    console().print(t("cases.rules_valid", lang_of(ctx), count=count))


@channel_app.command("add")
def channel_add(
    ctx: typer.Context,
    org: str = ORG,
    email: str | None = typer.Option(None, "--email", help="An e-mail address."),
    webhook: str | None = typer.Option(None, "--webhook", help="An http(s) URL."),
    events: str = typer.Option("*", "--events", help="Comma-separated event types, or *."),
    mail_lang: str = typer.Option("en", "--mail-lang", help="Language of its e-mails: en or ru."),
    secret: str | None = typer.Option(
        None, "--secret", help="Webhook signing secret whsec_… (default: a new one)."
    ),
) -> None:
    """Add a notification channel."""
    if (email is None) == (webhook is None):
        raise InvalidInput(
            "give exactly one of --email and --webhook", key="err.cli.give_exactly_email_webhook"
        )
    kind = ChannelKind.EMAIL if email else ChannelKind.WEBHOOK
    added = channels.add_channel(
        open_app_database(settings_from(ctx)),
        channels.NewChannel(
            org=org,
            kind=kind,
            destination=email or webhook or "",
            events=events,
            lang=mail_lang,
            secret=secret,
        ),
    )
    out, ui = console(), lang_of(ctx)
    ch = added.channel
    out.print(
        t(
            "cases.channel_added",
            ui,
            id=ch.id,
            kind=ch.kind.value,
            destination=ch.destination,
            events=",".join(ch.events),
        )
    )
    if added.secret and not secret:
        out.print(t("cases.channel_secret", ui, secret=added.secret))


@channel_app.command("list")
def channel_list(ctx: typer.Context, org: str = ORG, as_json: bool = JSON) -> None:
    """List notification channels (secrets are never shown again)."""
    found = channels.list_channels(open_app_database(settings_from(ctx)), org=org)
    lang = lang_of(ctx)
    if as_json:
        emit_json([{**asdict(c), "kind": c.kind.value} for c in found])
        return
    if not found:
        console().print(t("cases.no_channels", lang))
        return
    table = Table(
        *(t(f"cases.col.{c}", lang) for c in ("channel", "kind", "destination", "events", "lang"))
    )
    for c in found:
        table.add_row(str(c.id), c.kind.value, c.destination, ",".join(c.events), c.lang)
    console().print(table)


@channel_app.command("remove")
def channel_remove(
    ctx: typer.Context, channel: int = typer.Argument(..., help="Channel id."), org: str = ORG
) -> None:
    """Remove a notification channel."""
    channels.remove_channel(open_app_database(settings_from(ctx)), org=org, channel_id=channel)
    console().print(t("cases.channel_removed", lang_of(ctx), id=channel))
