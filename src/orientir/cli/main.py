"""The ``orientir`` command: root options and the registry of noun sub-commands."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from orientir import __version__
from orientir.cli._common import CliState, error_console
from orientir.errors import ImportRejected, OrientirError


class OrientirGroup(TyperGroup):
    """Turns library errors into one line on stderr and exit code 1, wherever they are raised."""

    def invoke(self, ctx: Any) -> Any:  # Any: typer vendors its own click Context type
        try:
            return super().invoke(ctx)
        except ImportRejected as exc:
            out = error_console()
            out.print(f"[bold red]error:[/] {exc}")
            for problem in exc.problems:
                out.print(f"  {problem}")
            raise typer.Exit(1) from None
        except OrientirError as exc:
            error_console().print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None


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


def _register() -> None:
    # One line per noun; each module exposes ``app``. Imported here so `--version` stays fast.
    from orientir.cli import (
        contacts,
        db,
        demo,
        instrument,
        org,
        orientation,
        people,
        responses,
        score,
        wave,
    )

    app.add_typer(db.app, name="db")
    app.add_typer(org.app, name="org")
    app.add_typer(people.app, name="people")
    app.add_typer(contacts.app, name="contacts")
    app.add_typer(instrument.app, name="instrument")
    app.add_typer(wave.app, name="wave")
    app.add_typer(responses.app, name="responses")
    from orientir.cli import comments, culture

    app.add_typer(culture.app, name="culture")
    app.add_typer(comments.app, name="comments")
    from orientir.cli import customer_base, customers

    app.add_typer(customers.app, name="customers")
    customers.app.command("import")(customer_base.import_)
    customers.app.command("voice")(customer_base.voice)
    app.command("score")(score.score)
    app.command("demo")(demo.demo)
    for command in (
        orientation.index,
        orientation.readiness,
        orientation.trajectory,
        orientation.portfolio,
    ):
        app.command(command.__name__)(command)
    from orientir.cli import cases, program, worker

    app.add_typer(program.app, name="program")
    app.add_typer(cases.app, name="cases")
    app.add_typer(worker.app, name="worker")
    from orientir.cli import serve, user

    app.add_typer(user.app, name="user")
    app.command("serve")(serve.serve)
    from orientir.cli import report

    app.command("report")(report.report)


_register()


def run() -> None:
    """Entry point of the console script."""
    app()
