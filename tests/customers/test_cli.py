"""``orientir customers …``: every command, JSON/CSV/text output, both languages, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from orientir.cli import customers
from orientir.cli.main import OrientirGroup

COMMANDS = ("abc", "xyz", "matrix", "rfm", "cohorts", "summary", "clv")


def _root() -> typer.Typer:
    root = typer.Typer(cls=OrientirGroup, pretty_exceptions_enable=False)

    @root.callback()
    def main() -> None:
        """Test root."""

    root.add_typer(customers.app, name="customers")
    return root


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(_root(), ["customers", *args], env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_json_is_all_that_is_printed(command: str, export: Path) -> None:
    code, out, _err = _invoke(command, "--input", str(export), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["analysis"] == command
    assert payload["meta"]["transactions"] == 6919
    assert payload["meta"]["source"]["encoding"] == "cp1251"
    assert payload["rows"]


def test_json_values(export: Path) -> None:
    abc = json.loads(_invoke("abc", "--input", str(export), "--json")[1])["rows"]
    assert abc[0] == {
        "customer_id": "1901",
        "revenue": pytest.approx(6552.70),
        "share": pytest.approx(0.026845, abs=1e-6),
        "cumulative_share": pytest.approx(0.026845, abs=1e-6),
        "rank": 1,
        "abc_class": "A",
    }
    summary = json.loads(
        _invoke(
            "summary", "--input", str(export), "--json", "--end", "1997-09-30", "--time-scaler", "7"
        )[1]
    )
    first = summary["rows"][0]
    assert first["customer_id"] == "0001"
    assert first["frequency"] == 2
    assert first["recency"] == pytest.approx(30.428571)
    assert first["T"] == pytest.approx(38.857143)
    clv = json.loads(
        _invoke(
            "clv", "--input", str(export), "--json", "--end", "1997-09-30", "--time-scaler", "7"
        )[1]
    )
    params = clv["meta"]["transaction_model"]["params"]
    assert round(params["r"], 3) == 0.243
    assert round(params["alpha"], 3) == 4.414
    assert clv["meta"]["spend_model_customers"] == 946
    assert clv["rows"][0]["clv"] >= clv["rows"][-1]["clv"]


def test_csv_output(export: Path) -> None:
    code, out, _ = _invoke("rfm", "--input", str(export), "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2357
    assert rows[0]["customer_id"] == "0001"
    assert rows[0]["rfm_score"] == "444"
    code, _, err = _invoke("rfm", "--input", str(export), "--csv", "--json")
    assert code == 1
    assert "choose one of --json and --csv" in err


@pytest.mark.parametrize(
    ("lang", "heading", "segment"),
    [("en", "RFM segments", "Champions"), ("ru", "RFM-сегменты", "Чемпионы")],
)
def test_text_report_in_both_languages(export: Path, lang: str, heading: str, segment: str) -> None:
    code, out, _ = _invoke("rfm", "--input", str(export), env={"ORIENTIR_LANG": lang})
    assert code == 0
    assert heading in out
    assert segment in out


@pytest.mark.parametrize("command", COMMANDS)
def test_text_reports(command: str, export: Path) -> None:
    code, out, _ = _invoke(command, "--input", str(export))
    assert code == 0
    assert "6919 transactions read, engine duckdb" in out


def test_options_reach_the_analyses(export: Path) -> None:
    out = _invoke("abc", "--input", str(export), "--json", "--a", "50", "--b", "30", "--c", "20")
    classes = [r["abc_class"] for r in json.loads(out[1])["rows"]]
    assert classes.count("A") < 400  # 50 % of revenue needs far fewer customers than 80 %
    code, _, err = _invoke("abc", "--input", str(export), "--a", "50")
    assert code == 1
    assert "add up to 100" in err
    code, _, err = _invoke("abc", "--input", str(export), "--col", "client=Контрагент")
    assert code == 1
    assert "ROLE=HEADER" in err
    code, _, err = _invoke("clv", "--input", str(export), "--model", "magic")
    assert code == 1
    assert "bgnbd or pareto" in err


def test_bad_rows_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "customer;date;amount\nc1;01.01.2024;10\nc2;31.02.2024;5\n;02.01.2024;x\n", encoding="utf-8"
    )
    code, out, err = _invoke("abc", "--input", str(path), "--json")
    assert code == 1
    assert out == ""
    assert "2 of 3 rows rejected" in err
    assert "row 3, column 'date'" in err
    assert "row 4, column 'amount'" in err


@pytest.mark.spark
def test_spark_engine_from_the_command_line(export: Path, spark_session: object) -> None:
    code, out, _ = _invoke("abc", "--input", str(export), "--json", "--engine", "spark")
    assert code == 0
    payload = json.loads(out)
    assert payload["meta"]["engine"] == "spark"
    assert payload["rows"][0]["customer_id"] == "1901"
