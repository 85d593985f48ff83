"""``orientir score --by stakeholder``: employees and managers apart, through the guard."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.services.responding import submit_answers
from orientir.storage.database import open_database

runner = CliRunner()


def run(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def _answered_wave(url: str, tmp_path: Path, managers: int, employees: int) -> None:
    """An employee wave: ``managers`` people each with a report among ``employees`` others.

    Managers answer needs1 = 5, employees needs1 = 1, so each group's mean is recognisable.
    """
    assert run(url, "org", "create", "Acme")[0] == 0
    lines = [f"m{i},Manager {i},Sales,\n" for i in range(managers)]
    lines += [f"e{i},Employee {i},Sales,m{i % managers}\n" for i in range(employees)]
    staff = tmp_path / "staff.csv"
    staff.write_text("id,name,department,manager\n" + "".join(lines), encoding="utf-8")
    code, _, err = run(url, "people", "import", str(staff), "--org", "acme")
    assert code == 0, err
    links = tmp_path / "links.csv"
    code, _, err = run(
        url, "wave", "create", "--org", "acme", "--instrument", "employee-co@1",
        "--label", "q1", "--links", str(links),
    )  # fmt: skip
    assert code == 0, err
    assert run(url, "wave", "open", "q1", "--org", "acme")[0] == 0
    db = open_database(url)
    for i, row in enumerate(csv.DictReader(links.open(encoding="utf-8"))):
        value = 5 if row["respondent"].startswith("m") else 1
        submit_answers(
            db,
            token=row["link"].rsplit("/", 1)[1],
            idempotency_key=str(i),
            answers={"needs1": value, "needs2": 3, "needs3": 3, "needs4": 3, "enps": 8},
        )
    db.dispose()
    assert run(url, "wave", "close", "q1", "--org", "acme")[0] == 0


def _groups(url: str) -> dict[str, dict[str, object]]:
    code, out, err = run(
        url, "score", "--wave", "q1", "--org", "acme", "--by", "stakeholder", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["by"] == "stakeholder"
    return {row["group"]: row for row in result["groups"]}


def test_employees_and_managers_scored_apart(sqlite_url: str, tmp_path: Path) -> None:
    _answered_wave(sqlite_url, tmp_path, managers=5, employees=7)
    groups = _groups(sqlite_url)
    assert set(groups) == {"(all)", "employees", "managers"}
    assert (groups["managers"]["n"], groups["employees"]["n"], groups["(all)"]["n"]) == (5, 7, 12)
    # needs = mean of four items (needs4 reverse-keyed: 3 stays 3).
    assert groups["managers"]["needs"] == pytest.approx((5 + 3 + 3 + 3) / 4)
    assert groups["employees"]["needs"] == pytest.approx((1 + 3 + 3 + 3) / 4)
    assert not any(row["suppressed"] for row in groups.values())


def test_a_small_group_and_its_complement_are_both_hidden(sqlite_url: str, tmp_path: Path) -> None:
    # Three managers: under k = 5. Employees = all − managers, so showing the employees beside
    # the whole would give the managers' answers away; the guard hides them too.
    _answered_wave(sqlite_url, tmp_path, managers=3, employees=9)
    groups = _groups(sqlite_url)
    assert groups["managers"]["suppressed"]
    assert groups["managers"]["needs"] is None
    assert groups["managers"]["n"] is None  # a count is a figure too
    assert groups["employees"]["suppressed"]
    assert groups["employees"]["needs"] is None
    assert not groups["(all)"]["suppressed"]


def test_table_output_and_refused_grouping(sqlite_url: str, tmp_path: Path) -> None:
    _answered_wave(sqlite_url, tmp_path, managers=5, employees=5)
    code, out, err = run(
        sqlite_url, "score", "--wave", "q1", "--org", "acme", "--by", "stakeholder"
    )
    assert code == 0, err
    assert "managers" in out
    assert "employees" in out
    code, _, _ = run(sqlite_url, "score", "--wave", "q1", "--org", "acme", "--by", "colour")
    assert code != 0


def test_department_view_and_its_tenure_filter_do_not_differ_by_a_few(
    sqlite_url: str, tmp_path: Path
) -> None:
    # Sales: 10 people hired two years before the wave, 2 hired this year. "Sales" next to
    # "Sales, tenure 1-3y" would give the two newcomers' answers by subtraction.
    assert run(sqlite_url, "org", "create", "Acme")[0] == 0
    lines = [f"s{i},S {i},Sales,2024-01-15\n" for i in range(10)]
    lines += [f"n{i},N {i},Sales,2026-09-01\n" for i in range(2)]
    lines += [f"o{i},O {i},Ops,2024-01-15\n" for i in range(10)]
    staff = tmp_path / "staff.csv"
    staff.write_text("id,name,department,hired\n" + "".join(lines), encoding="utf-8")
    assert run(sqlite_url, "people", "import", str(staff), "--org", "acme")[0] == 0
    links = tmp_path / "links.csv"
    code, _, err = run(
        sqlite_url, "wave", "create", "--org", "acme", "--instrument", "employee-co@1",
        "--label", "q1", "--links", str(links),
    )  # fmt: skip
    assert code == 0, err
    assert run(sqlite_url, "wave", "open", "q1", "--org", "acme")[0] == 0
    db = open_database(sqlite_url)
    for i, row in enumerate(csv.DictReader(links.open(encoding="utf-8"))):
        submit_answers(
            db,
            token=row["link"].rsplit("/", 1)[1],
            idempotency_key=str(i),
            answers={"needs1": 1 + i % 5, "needs2": 3, "needs3": 3, "needs4": 3, "enps": 8},
        )
    db.dispose()
    assert run(sqlite_url, "wave", "close", "q1", "--org", "acme")[0] == 0
    views = []
    for extra in ([], ["--tenure", "1-3y"]):
        code, out, err = run(
            sqlite_url, "score", "--wave", "q1", "--org", "acme", "--by", "department",
            "--json", *extra,
        )  # fmt: skip
        assert code == 0, err
        views.append({row["group"]: row for row in json.loads(out)["groups"]})
    plain, filtered = views
    assert plain["Sales"]["n"] == 12 or plain["Sales"]["suppressed"]
    # Never both: one of the two Sales figures is hidden.
    assert plain["Sales"]["suppressed"] or filtered["Sales"]["suppressed"]
    code, _, _ = run(sqlite_url, "score", "--wave", "q1", "--org", "acme", "--tenure", "<1y")
    assert code != 0  # a tenure filter needs the department view
