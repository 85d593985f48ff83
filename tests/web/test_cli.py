"""``orientir user`` and ``orientir serve`` through the CLI runner."""

from __future__ import annotations

from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.services.access import principal
from orientir.services.api_tokens import principal_for_token
from orientir.storage.access import user_by_email
from orientir.storage.database import open_database

runner = CliRunner()


def test_first_owner_from_the_command_line(database_url: str) -> None:
    assert runner.invoke(app, ["--db", database_url, "org", "create", "Ромашка"]).exit_code == 0
    weak = runner.invoke(
        app,
        [
            "--db",
            database_url,
            "user",
            "create",
            "boss@x.ru",
            "--org",
            "ромашка",
            "--role",
            "owner",
            "--password-stdin",
        ],
        input="aaaaaaaaaaaaaaaa\n",
    )
    assert weak.exit_code == 1
    assert "password" in weak.stderr
    made = runner.invoke(
        app,
        [
            "--db",
            database_url,
            "user",
            "create",
            "Boss@X.ru",
            "--org",
            "ромашка",
            "--role",
            "owner",
            "--password-stdin",
        ],
        input="Correct-Horse-42\n",
    )
    assert made.exit_code == 0, made.stderr
    token = runner.invoke(
        app, ["--db", database_url, "user", "token", "cron", "--user", "boss@x.ru"]
    )
    assert token.exit_code == 0
    assert token.stdout.startswith("oat_")
    granted = runner.invoke(
        app,
        [
            "--db",
            database_url,
            "user",
            "grant",
            "boss@x.ru",
            "--org",
            "ромашка",
            "--role",
            "analyst",
        ],
    )
    assert granted.exit_code == 0
    last = runner.invoke(
        app,
        [
            "--db",
            database_url,
            "user",
            "revoke",
            "boss@x.ru",
            "--org",
            "ромашка",
            "--role",
            "owner",
        ],
    )
    assert last.exit_code == 1
    assert "at least one owner" in last.stderr
    db = open_database(database_url)
    try:
        who = principal_for_token(db, token.stdout.strip())
        assert who is not None
        assert who.email == "boss@x.ru"
        with db.engine.connect() as conn:
            user = user_by_email(conn, email="boss@x.ru")
        assert user is not None
        assert user.password_hash.startswith("$argon2id$")
        found = principal(db, user_id=user.id)
        assert found is not None
        assert {r.value for roles in found.roles.values() for r in roles} == {"owner", "analyst"}
    finally:
        db.dispose()
