"""The foundation's commands, through the CLI runner and once as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orientir import __version__
from orientir.cli.main import app

runner = CliRunner()


def invoke(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", database_url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"orientir {__version__}"


def test_org_create_and_list_json(database_url: str) -> None:
    code, out, _ = invoke(
        database_url, "org", "create", "Ромашка", "--founded", "1999", "--headcount", "120"
    )
    assert code == 0, out
    assert "ромашка" in out
    code, out, _ = invoke(database_url, "org", "list", "--json")
    assert code == 0
    (org,) = json.loads(out)
    assert (org["name"], org["founded"], org["headcount"], org["slug"]) == (
        "Ромашка",
        1999,
        120,
        "ромашка",
    )


def test_duplicate_org_and_bad_year_are_clear_errors(database_url: str) -> None:
    assert invoke(database_url, "org", "create", "Acme")[0] == 0
    code, out, err = invoke(database_url, "org", "create", "ACME")
    assert code == 1
    assert "already exists" in err
    assert out == ""
    code, _, err = invoke(database_url, "org", "create", "Zeta", "--founded", "3001")
    assert code == 1
    assert "founding year 3001" in err


def test_people_import_list_and_rejection(database_url: str, tmp_path: Path) -> None:
    invoke(database_url, "org", "create", "Acme")
    good = tmp_path / "people.csv"
    good.write_text(
        "id;name;department;manager\n1;Ann;Sales;\n2;Bob;Sales/North;1\n", encoding="utf-8"
    )
    code, out, _ = invoke(database_url, "people", "import", str(good), "--org", "acme", "--json")
    assert code == 0
    assert json.loads(out)["created"] == 2
    code, out, _ = invoke(database_url, "people", "list", "--org", "acme", "--json")
    assert [(p["external_id"], p["manager_external_id"]) for p in json.loads(out)] == [
        ("1", None),
        ("2", "1"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,email\n3,Cid,nope\n4,,d@example.ru\n", encoding="utf-8")
    code, out, err = invoke(database_url, "people", "import", str(bad), "--org", "acme")
    assert code == 1
    assert "row 2, column 'email'" in err
    assert "row 3, column 'name'" in err
    assert "nothing was written" in err
    code, out, _ = invoke(database_url, "people", "list", "--org", "acme", "--json")
    assert len(json.loads(out)) == 2


def test_people_import_check_writes_nothing(database_url: str, tmp_path: Path) -> None:
    invoke(database_url, "org", "create", "Acme")
    good = tmp_path / "people.csv"
    good.write_text("id,name\n1,Ann\n", encoding="utf-8")
    code, out, _ = invoke(database_url, "people", "import", str(good), "--org", "acme", "--check")
    assert code == 0
    assert "Nothing was written" in out
    assert json.loads(invoke(database_url, "people", "list", "--org", "acme", "--json")[1]) == []


def test_contacts_commands(database_url: str, tmp_path: Path) -> None:
    invoke(database_url, "org", "create", "Acme")
    path = tmp_path / "contacts.csv"
    path.write_text("id,kind,company\nC1,customer,Luch\nP1,partner,Most\n", encoding="utf-8")
    assert invoke(database_url, "contacts", "import", str(path), "--org", "acme")[0] == 0
    code, out, _ = invoke(database_url, "contacts", "list", "--org", "acme", "--json")
    assert code == 0
    assert {c["external_id"]: c["kind"] for c in json.loads(out)} == {
        "C1": "customer",
        "P1": "partner",
    }


def test_db_upgrade(database_url: str) -> None:
    code, out, _ = invoke(database_url, "db", "upgrade")
    assert code == 0
    assert "up to date" in out or "Upgraded" in out


def test_real_process_on_the_embedded_default(tmp_path: Path) -> None:
    """The console script, the default SQLite file in ORIENTIR_DATA_DIR, and JSON on stdout."""
    env = {**os.environ, "ORIENTIR_DATA_DIR": str(tmp_path / "data")}
    env.pop("ORIENTIR_DATABASE_URL", None)
    exe = Path(sys.executable).with_name("orientir")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "orientir"]
    created = subprocess.run(
        [*command, "org", "create", "Acme", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(created.stdout)["slug"] == "acme"
    listed = subprocess.run(
        [*command, "org", "list", "--json"], env=env, capture_output=True, text=True, check=True
    )
    assert [o["name"] for o in json.loads(listed.stdout)] == ["Acme"]
    assert (tmp_path / "data" / "orientir.db").exists()
    missing = subprocess.run(
        [*command, "people", "list", "--org", "nope"], env=env, capture_output=True, text=True
    )
    assert missing.returncode == 1
    assert "no organisation 'nope'" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.parametrize("command", [["org"], ["people"], ["contacts"], ["db"]])
def test_every_noun_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
