"""The ``orientir`` command: root options and the registry of noun sub-commands."""

from __future__ import annotations

import importlib
import os
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from orientir import __version__
from orientir.cli import messages as _messages  # noqa: F401  (registers texts)
from orientir.cli._common import CliState, error_console
from orientir.config import LANGUAGES
from orientir.errors import ImportRejected, OrientirError, localized
from orientir.i18n import DEFAULT_LANG, t
from orientir.services.import_messages import reason_text

# Every sub-command, by name: (module, attribute). The attribute is a Typer app (a noun with
# its own sub-commands) or a command function. Modules are imported only when their command
# runs, so `orientir worker` does not pay for pandas, Ibis and scikit-learn, and
# `orientir --version` answers at once. Add a command by adding a line here.
COMMANDS: dict[str, tuple[str, str]] = {
    "db": ("orientir.cli.db", "app"),
    "org": ("orientir.cli.org", "app"),
    "people": ("orientir.cli.people", "app"),
    "contacts": ("orientir.cli.contacts", "app"),
    "instrument": ("orientir.cli.instrument", "app"),
    "wave": ("orientir.cli.wave", "app"),
    "responses": ("orientir.cli.responses", "app"),
    "score": ("orientir.cli.score", "score"),
    "index": ("orientir.cli.orientation", "index"),
    "readiness": ("orientir.cli.orientation", "readiness"),
    "trajectory": ("orientir.cli.orientation", "trajectory"),
    "portfolio": ("orientir.cli.orientation", "portfolio"),
    "culture": ("orientir.cli.culture", "app"),
    "comments": ("orientir.cli.comments", "app"),
    "customers": ("orientir.cli.customers", "app"),
    "program": ("orientir.cli.program", "app"),
    "cases": ("orientir.cli.cases", "app"),
    "worker": ("orientir.cli.worker", "app"),
    "user": ("orientir.cli.user", "app"),
    "audit": ("orientir.cli.audit", "audit"),
    "serve": ("orientir.cli.serve", "serve"),
    "report": ("orientir.cli.report", "report"),
    "demo": ("orientir.cli.demo", "demo"),
    "backup": ("orientir.cli.backup", "backup"),
    "restore": ("orientir.cli.backup", "restore"),
}


def load_command(name: str) -> Any:  # Any: typer vendors its own click types
    """Import the module behind ``name`` and build its click command."""
    module_name, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(module_name), attribute)
    command: Any
    if isinstance(target, typer.Typer):
        # Always a group, even for a noun with one sub-command (``orientir db upgrade``).
        command = typer.main.get_group(target)
    else:
        # A lone function: a one-command Typer app turns into that command itself.
        single = typer.Typer(add_completion=False)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


class OrientirGroup(TyperGroup):
    """Loads sub-commands on demand (see :data:`COMMANDS`) and turns library errors into one
    line on stderr and exit code 1, wherever they are raised."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: Any) -> Any:  # Any: typer vendors its own click Context type
        try:
            return super().invoke(ctx)
        except ImportRejected as exc:
            lang = _error_lang(ctx)
            out = error_console()
            rows = len({p.row for p in exc.problems})
            summary = t(
                "cli.import_rejected",
                lang,
                rows=rows,
                total=exc.total_rows,
                problems=len(exc.problems),
            )
            out.print(f"[bold red]{t('cli.error', lang)}[/] {summary}")
            for p in exc.problems:
                reason = reason_text(p, lang)
                line = t("cli.row_problem", lang, row=p.row, column=p.column, reason=reason)
                out.print(f"  {line}")
            raise typer.Exit(1) from None
        except OrientirError as exc:
            lang = _error_lang(ctx)
            text = localized(exc, lang)  # the catalogue's text when the error names a key
            error_console().print(f"[bold red]{t('cli.error', lang)}[/] {text}")
            raise typer.Exit(1) from None


def _error_lang(ctx: Any) -> str:
    """The language for an error: the root ``--lang``, else ``ORIENTIR_LANG``, else English —
    read without loading the settings, which may be what failed."""
    state = ctx.obj if isinstance(ctx.obj, CliState) else None
    chosen = (state.lang if state else None) or os.environ.get("ORIENTIR_LANG", "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANG


app = typer.Typer(
    cls=OrientirGroup,
    help="orientir — measure and grow customer orientation (клиентоориентированность).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"orientir {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database: a SQLite file path or a SQLAlchemy URL "
        "(default: ORIENTIR_DATABASE_URL, else a SQLite file in the user's data folder).",
    ),
    lang: str | None = typer.Option(None, "--lang", help="Language of messages: ru or en."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    ctx.obj = CliState(db=db, lang=lang)


def run() -> None:
    """Entry point of the console script."""
    app()
