"""The foundation commands speak the language of ``--lang`` (or ``ORIENTIR_LANG``)."""

from __future__ import annotations

import string
from pathlib import Path

from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.i18n import catalogue, t

runner = CliRunner()


def test_every_cli_message_has_both_languages_and_the_same_placeholders() -> None:
    for key, texts in catalogue().items():
        if not key.startswith(("cli.", "demo.")):
            continue
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(texts[lang]) if name}
            for lang in ("en", "ru")
        ]
        assert fields[0] == fields[1], key
        assert texts["en"] != texts["ru"] or key in {"cli.contacts.columns"}, key


def test_org_and_wave_messages_in_russian(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "--lang", "ru", "org", "create", "Ромашка"])
    assert result.exit_code == 0, result.output
    assert "Создана организация 'Ромашка'" in result.stdout
    listed = runner.invoke(app, ["--db", sqlite_url, "--lang", "ru", "org", "list"])
    assert "краткое имя" in listed.stdout
    english = runner.invoke(app, ["--db", sqlite_url, "--lang", "en", "org", "list"])
    assert "short name" in english.stdout


def test_an_import_rejection_is_reported_in_russian(sqlite_url: str, tmp_path: Path) -> None:
    runner.invoke(app, ["--db", sqlite_url, "org", "create", "Acme"])
    bad = tmp_path / "people.csv"
    bad.write_text("id,name,email\n1,Анна,not-an-email\n2,Борис,b@example.ru\n", encoding="utf-8")
    result = runner.invoke(
        app, ["--db", sqlite_url, "--lang", "ru", "people", "import", str(bad), "--org", "acme"]
    )
    assert result.exit_code == 1
    assert "ошибка:" in result.stderr
    assert "отклонено строк: 1 из 2" in result.stderr
    assert "строка 2, столбец 'email': 'not-an-email' — не адрес e-mail" in result.stderr
    english = runner.invoke(
        app, ["--db", sqlite_url, "people", "import", str(bad), "--org", "acme"]
    )
    assert "1 of 2 rows rejected" in english.stderr
    assert "row 2, column 'email': 'not-an-email' is not an e-mail address" in english.stderr


def test_the_language_may_come_from_the_environment(sqlite_url: str) -> None:
    result = runner.invoke(
        app, ["--db", sqlite_url, "org", "create", "Acme"], env={"ORIENTIR_LANG": "ru"}
    )
    assert result.exit_code == 0, result.output
    assert "Создана организация" in result.stdout


def test_every_keyed_import_reason_reads_the_same_through_its_key() -> None:
    from orientir.services.import_messages import MESSAGES, problem, reason_text

    for key in MESSAGES:
        fields = {
            name: f"<{name}>"
            for _, name, _, _ in string.Formatter().parse(MESSAGES[key][0])
            if name
        }
        item = problem(3, "col", key, **fields)
        assert reason_text(item, "en") == item.reason
        russian = reason_text(item, "ru")
        assert russian != item.reason
        assert all(value in russian for value in fields.values()), key


def test_the_guard_reasons_of_score_have_both_languages() -> None:
    from orientir.cli.score import REASONS

    for reason, key in REASONS.items():
        assert t(key, "en") == reason
        assert t(key, "ru") != reason
