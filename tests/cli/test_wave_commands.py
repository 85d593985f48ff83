"""Wave and response commands end to end through the CLI runner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.services.responding import submit_answers
from orientir.storage.database import open_database

runner = CliRunner()


def run(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_wave_from_creation_to_export(sqlite_url: str, tmp_path: Path) -> None:
    run(sqlite_url, "org", "create", "Acme")
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "id,name,department\n" + "".join(f"{i},P{i},Sales\n" for i in range(6)), encoding="utf-8"
    )
    assert run(sqlite_url, "people", "import", str(staff), "--org", "acme")[0] == 0
    links = tmp_path / "links.csv"
    code, out, err = run(
        sqlite_url,
        "wave",
        "create",
        "--org",
        "acme",
        "--instrument",
        "employee-co@1",
        "--label",
        "q1",
        "--links",
        str(links),
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["invited"] == 6
    rows = list(csv.DictReader(links.open(encoding="utf-8")))
    assert len(rows) == 6
    assert all(r["link"].startswith("http://127.0.0.1:8000/s/") for r in rows)
    assert run(sqlite_url, "wave", "open", "q1", "--org", "acme")[0] == 0
    db = open_database(sqlite_url)
    for i, row in enumerate(rows):
        submit_answers(
            db,
            token=row["link"].rsplit("/", 1)[1],
            idempotency_key=str(i),
            answers={"needs1": 4, "needs2": 4, "needs3": 4, "needs4": 2, "enps": i},
        )
    db.dispose()
    code, out, _ = run(sqlite_url, "wave", "status", "q1", "--org", "acme", "--json")
    status = json.loads(out)
    assert (status["invited"], status["completed"], status["response_rate"]) == (6, 6, 1.0)
    assert run(sqlite_url, "wave", "close", "q1", "--org", "acme")[0] == 0
    code, out, err = run(sqlite_url, "score", "--wave", "q1", "--org", "acme", "--json")
    assert code == 0, err
    scores = json.loads(out)
    assert scores["responses"] == 6
    needs = next(s for s in scores["scales"] if s["scale"] == "needs")
    assert needs["mean"] == 4.0  # needs4 is reverse-keyed: 2 counts as 4
    (enps,) = scores["nps"]
    assert enps["nps"] == -100.0  # answers 0..5 are all detractors
    out_file = tmp_path / "q1.csv"
    code, out, _ = run(
        sqlite_url,
        "responses",
        "export",
        "--org",
        "acme",
        "--wave",
        "q1",
        "--format",
        "csv",
        "--out",
        str(out_file),
    )
    assert code == 0
    assert "Wrote 6 responses" in out
    exported = list(csv.DictReader(out_file.open(encoding="utf-8-sig")))
    assert sorted(int(r["enps"]) for r in exported) == list(range(6))
    waves = json.loads(run(sqlite_url, "wave", "list", "--org", "acme", "--json")[1])
    assert [(w["label"], w["status"]) for w in waves] == [("q1", "closed")]


def test_wave_errors_are_clear(sqlite_url: str) -> None:
    run(sqlite_url, "org", "create", "Acme")
    code, _, err = run(
        sqlite_url,
        "wave",
        "create",
        "--org",
        "acme",
        "--instrument",
        "employee-co",
        "--audience",
        "team:x",
    )
    assert code == 1
    assert "audience 'team:x'" in err
    code, _, err = run(sqlite_url, "wave", "open", "nope", "--org", "acme")
    assert code == 1
    assert "no wave 'nope'" in err
