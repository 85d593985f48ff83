"""``orientir instrument``: list, show and validate, through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orientir.cli.instrument import app
from orientir.errors import InvalidInput, NotFound
from orientir.instruments import builtin_library
from tests.instruments.factory import as_yaml, minimal

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORIENTIR_LANG", raising=False)


def test_list_json_is_json_only() -> None:
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [entry["ref"] for entry in listed] == [i.ref for i in builtin_library()]
    employee = next(e for e in listed if e["ref"] == "employee-co@1")
    assert employee["items"] == 11
    assert employee["scales"] == 2
    assert employee["title"]["ru"] == "Клиентоориентированность сотрудника"
    assert len(employee["fingerprint"]) == 64


def test_list_table_in_russian() -> None:
    result = runner.invoke(app, ["list", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert "readiness-13@1" in result.stdout
    assert "Культура компании" in result.stdout


def test_show_renders_pages_items_formats_scales_and_outcome() -> None:
    result = runner.invoke(app, ["show", "employee-co@1", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("employee-co@1 — Клиентоориентированность сотрудника\n")
    assert "Страница 1 из 3: Понимание клиентов" in out
    assert "[needs4] Честно говоря" in out
    assert "likert5 (1–5), 1 = Полностью не согласен;" in out
    assert "обратный" in out
    assert "Шкалы" in out
    assert "needs — Понимание потребностей клиентов" in out
    assert "Итоговый показатель: enps" in out


def test_show_latest_in_english_with_blocks() -> None:
    result = runner.invoke(app, ["show", "culture", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "culture@1 — Company culture" in result.stdout
    assert "block dominant_now: these items share 100 points" in result.stdout


def test_show_json_is_the_canonical_form() -> None:
    result = runner.invoke(app, ["show", "customer-view", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    instrument = builtin_library().resolve("customer-view")
    assert shown.pop("ref") == "customer-view@1"
    assert shown.pop("fingerprint") == instrument.fingerprint
    assert shown == instrument.to_dict()


def test_show_unknown_instrument_raises_not_found() -> None:
    result = runner.invoke(app, ["show", "employee-co@9"])
    assert result.exit_code == 1
    assert isinstance(result.exception, NotFound)


def test_show_refuses_an_unknown_language() -> None:
    result = runner.invoke(app, ["show", "employee-co", "--lang", "de"])
    assert isinstance(result.exception, InvalidInput)


def test_validate_a_good_file(tmp_path: Path) -> None:
    file = tmp_path / "demo.yaml"
    file.write_text(as_yaml(minimal()), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "valid: demo@1, 6 items, 1 scales\n"


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    data = minimal()
    data["items"][0]["format"] = "slider"
    del data["items"][1]["text"]["en"]
    file = tmp_path / "bad.yaml"
    file.write_text(as_yaml(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"invalid: {file}, 2 problem(s)"
    assert lines[1].startswith("  items[0].format (line ")
    assert "must be one of likert5" in lines[1]
    assert "items[1].text (line " in lines[2]
    assert "lacks the 'en' text" in lines[2]


def test_validate_json(tmp_path: Path) -> None:
    data = minimal()
    data["version"] = "one"
    file = tmp_path / "bad.yaml"
    file.write_text(as_yaml(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert [(p["path"], p["code"]) for p in payload["problems"]] == [("version", "bad_version")]
    assert payload["problems"][0]["line"] == 2


def test_validate_refuses_changed_content_under_a_builtin_reference(tmp_path: Path) -> None:
    data = builtin_library().resolve("employee-co@1").to_dict()
    data["items"][0]["text"]["en"] = "A reworded question."
    file = tmp_path / "employee-co.yaml"
    file.write_text(as_yaml(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file), "--lang", "ru"])
    assert result.exit_code == 1
    assert "employee-co@1 уже существует с другим содержанием" in result.stdout
    data["version"] = 2
    file.write_text(as_yaml(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "корректен: employee-co@2, вопросов: 11, шкал: 2\n"


def test_validate_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 1
    assert "cannot read the file" in result.stdout
