"""``orientir user``: people who sign in to the admin area, their roles, and API tokens."""

from __future__ import annotations

import sys

import typer

from orientir.cli._common import console, settings_from
from orientir.services import access
from orientir.services.api_tokens import create_token_for
from orientir.services.database import open_app_database

app = typer.Typer(help="Users of the admin area, their roles and API tokens.", no_args_is_help=True)
ORG = typer.Option(..., "--org", help="Organisation: short name, name or id.")
ROLE = typer.Option(..., "--role", help="owner, driver, analyst, viewer or advocate.")
STDIN = typer.Option(
    False, "--password-stdin", help="Read the password from the first line of standard input."
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("create")
def create(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="E-mail address; it is the sign-in name."),
    org: str = ORG,
    role: str = ROLE,
    name: str | None = typer.Option(None, "--name", help="Full name."),
    password_stdin: bool = STDIN,
) -> None:
    """Create a user with a role in an organisation (the first owner, for instance).

    The password needs at least 12 characters of at least two kinds.
    """
    access.parse_role(role)
    db = open_app_database(settings_from(ctx))
    access.create_user(db, email=email, password=_password(password_stdin), name=name)
    access.grant_role(db, email=email, org=org, role=role)
    console().print(f"created {email} with the role {role}")


@app.command("grant")
def grant(
    ctx: typer.Context, email: str = typer.Argument(...), org: str = ORG, role: str = ROLE
) -> None:
    """Give an existing user a role in an organisation (a consultant may hold many)."""
    new = access.grant_role(open_app_database(settings_from(ctx)), email=email, org=org, role=role)
    console().print(f"{email} {'now has' if new else 'already had'} the role {role}")


@app.command("revoke")
def revoke(
    ctx: typer.Context, email: str = typer.Argument(...), org: str = ORG, role: str = ROLE
) -> None:
    """Take a role away (an organisation keeps at least one owner)."""
    access.revoke_role(open_app_database(settings_from(ctx)), email=email, org=org, role=role)
    console().print(f"{email} no longer has the role {role}")


@app.command("password")
def password(
    ctx: typer.Context, email: str = typer.Argument(...), password_stdin: bool = STDIN
) -> None:
    """Set a new password; every session of the user ends."""
    access.set_password(
        open_app_database(settings_from(ctx)), email=email, password=_password(password_stdin)
    )
    console().print(f"password of {email} changed")


@app.command("token")
def token(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="What the token is for, e.g. 'nightly export'."),
    user: str = typer.Option(..., "--user", help="E-mail of the user the token acts for."),
) -> None:
    """Create a personal API token; it is printed once and stored only as a hash."""
    value = create_token_for(open_app_database(settings_from(ctx)), email=user, name=name)
    typer.echo(value)
