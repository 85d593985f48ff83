"""Errors of the services reach the command line in the language of ``--lang`` (or
``ORIENTIR_LANG``); English stays the default."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from orientir.cli.main import app

runner = CliRunner()


def test_a_taken_name_and_a_missing_wave_are_reported_in_russian(sqlite_url: str) -> None:
    assert runner.invoke(app, ["--db", sqlite_url, "org", "create", "Acme"]).exit_code == 0
    again = runner.invoke(app, ["--db", sqlite_url, "--lang", "ru", "org", "create", "Acme"])
    assert again.exit_code == 1
    assert "ошибка:" in again.stderr
    assert "организация с названием 'Acme' уже существует" in again.stderr
    missing = runner.invoke(
        app,
        ["--db", sqlite_url, "wave", "open", "nope", "--org", "acme"],
        env={"ORIENTIR_LANG": "ru"},
    )
    assert missing.exit_code == 1
    assert "в этой организации нет волны 'nope'" in missing.stderr
    english = runner.invoke(app, ["--db", sqlite_url, "wave", "open", "nope", "--org", "acme"])
    assert "no wave 'nope' in this organisation" in english.stderr


def test_a_file_problem_is_reported_in_russian(sqlite_url: str, tmp_path: Path) -> None:
    runner.invoke(app, ["--db", sqlite_url, "org", "create", "Acme"])
    empty = tmp_path / "people.csv"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["--db", sqlite_url, "--lang", "ru", "people", "import", str(empty), "--org", "acme"]
    )
    assert result.exit_code == 1
    assert "файл пуст" in result.stderr
    assert "the file is empty" not in result.stderr
