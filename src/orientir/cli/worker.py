"""``orientir worker``: deliver queued notifications; inspect and replay the dead-letter list."""

from __future__ import annotations

import signal
from types import FrameType

import typer
from rich.table import Table

from orientir.cli._common import console, emit_json, error_console, settings_from
from orientir.domain.notifications import Backoff, OutboxMessage, OutboxStatus
from orientir.errors import InvalidInput
from orientir.i18n import t
from orientir.services import notifications as outbox
from orientir.services import program_messages as _messages  # noqa: F401  (registers texts)
from orientir.services.database import open_app_database
from orientir.services.worker import PassReport, RunControl, WorkerOptions, run_worker

app = typer.Typer(
    help="Deliver notifications (e-mail, webhooks) with retries; without a sub-command, run.",
    invoke_without_command=True,
)
dead_app = typer.Typer(help="Notifications that ran out of attempts.", no_args_is_help=True)
app.add_typer(dead_app, name="dead")

JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
ORG = typer.Option(None, "--org", help="Only this organisation's.")


@app.callback()
def worker(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help="One pass over what is due, then exit."),
    drain: bool = typer.Option(False, "--drain", help="Exit when nothing is pending."),
    max_attempts: int = typer.Option(8, "--max-attempts", help="Failures before dead."),
    backoff_base: float = typer.Option(5.0, "--backoff-base", help="First retry delay, s."),
    backoff_cap: float = typer.Option(3600.0, "--backoff-cap", help="Longest retry delay, s."),
    lease: float = typer.Option(120.0, "--lease", help="Claim lease per delivery, s."),
    timeout: float = typer.Option(15.0, "--timeout", help="Network timeout per delivery, s."),
    batch: int = typer.Option(20, "--batch", help="Rows claimed per pass."),
    poll: float = typer.Option(2.0, "--poll", help="Seconds between passes when idle."),
    escalate_every: float = typer.Option(
        300.0, "--escalate-every", help="Seconds between overdue-case sweeps; 0: never."
    ),
) -> None:
    """Run the delivery worker until stopped (Ctrl+C or SIGTERM finish the current delivery)."""
    if ctx.invoked_subcommand is not None:
        return
    options = WorkerOptions(
        max_attempts=max_attempts,
        backoff=Backoff(base=backoff_base, cap=backoff_cap),
        lease=lease,
        timeout=timeout,
        batch=batch,
        poll_interval=poll,
        escalate_every=escalate_every,
    )
    settings = settings_from(ctx)
    lang = settings.lang
    db = open_app_database(settings)
    control = RunControl()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        control.stop.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    err = error_console()
    if not once:
        err.print(t("worker.started", lang, max=max_attempts, lease=lease))

    def progress(report: PassReport) -> None:
        err.print(t("worker.pass", lang, **_counts(report)))
        for line in report.errors:
            err.print(f"  {line}")

    try:
        total = run_worker(db, options, once=once, drain=drain, control=control, on_pass=progress)
    finally:
        db.dispose()
        for sig, handler in previous.items():  # give a host process its handlers back
            signal.signal(sig, handler)
    console().print(t("worker.finished", lang, **_counts(total)))


def _counts(report: PassReport) -> dict[str, int]:
    return {"delivered": report.delivered, "retried": report.retried, "dead": report.dead}


@app.command("status")
def status(ctx: typer.Context, org: str | None = ORG, as_json: bool = JSON) -> None:
    """How many notifications are pending, delivered and dead."""
    counts = outbox.outbox_counts(open_app_database(settings_from(ctx)), org=org)
    if as_json:
        emit_json(counts)
        return
    console().print(t("worker.status", settings_from(ctx).lang, **counts))


def _message_dict(message: OutboxMessage) -> dict[str, object]:
    return {
        "id": message.id,
        "event": message.event,
        "kind": message.kind.value,
        "destination": message.destination,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "created_at": message.created_at,
    }


@dead_app.command("list")
def dead_list(ctx: typer.Context, org: str | None = ORG, as_json: bool = JSON) -> None:
    """List the dead-letter notifications, oldest first."""
    lang = settings_from(ctx).lang
    found = outbox.list_outbox(
        open_app_database(settings_from(ctx)), status=OutboxStatus.DEAD, org=org
    )
    if as_json:
        emit_json([_message_dict(m) for m in found])
        return
    if not found:
        console().print(t("worker.dead_empty", lang))
        return
    columns = ("id", "event", "kind", "destination", "attempts", "error", "created")
    table = Table(*(t(f"worker.col.{c}", lang) for c in columns))
    for m in found:
        table.add_row(
            m.id,
            m.event,
            m.kind.value,
            m.destination,
            str(m.attempts),
            m.last_error or "",
            f"{m.created_at:%Y-%m-%d %H:%M}",
        )
    console().print(table)


@dead_app.command("replay")
def dead_replay(
    ctx: typer.Context,
    message: str | None = typer.Argument(None, help="A notification id."),
    replay_all: bool = typer.Option(False, "--all", help="Every dead notification."),
    org: str | None = ORG,
) -> None:
    """Queue dead notifications again, under their own ids."""
    lang = settings_from(ctx).lang
    if (message is None) == (not replay_all):
        raise InvalidInput(t("worker.replay_what", lang))
    count = outbox.replay_dead(open_app_database(settings_from(ctx)), message_id=message, org=org)
    console().print(t("worker.replayed", lang, count=count))
