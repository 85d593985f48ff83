"""The program: driver team, initiatives, milestones and the timeline — as services on both
engines, and the `orientir program`, `cases` and `worker` commands end to end."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.domain.program import InitiativeStatus, ProgramRole, Quarter
from orientir.errors import AlreadyExists, InvalidInput, NotFound
from orientir.services import program as service
from orientir.storage.database import open_database
from tests.program.conftest import World, build_world

runner = CliRunner()


def test_team_initiatives_milestones_and_timeline(world: World) -> None:
    db, org = world.db, world.org
    assert [(m.external_id, m.source) for m in service.driver_team(db, org=org)] == [
        ("D1", "people")  # "Драйвер" in the people file
    ]
    assert service.grant_role(db, org=org, person="E1", role=ProgramRole.DRIVER)
    assert not service.grant_role(db, org=org, person="E1", role=ProgramRole.DRIVER)
    assert [m.external_id for m in service.driver_team(db, org=org)] == ["D1", "E1"]
    assert {m.external_id for m in service.program_team(db, org=org)} == {"A1", "A2", "D1", "E1"}
    assert service.revoke_role(db, org=org, person="E1", role=ProgramRole.DRIVER)
    with pytest.raises(NotFound):
        service.grant_role(db, org=org, person="nobody", role=ProgramRole.DRIVER)

    created = service.add_initiative(
        db,
        service.NewInitiative(
            org=org,
            title="Звонки новым клиентам",
            owner="D1",
            budget="1 500 000,50",
            currency="rub",
            starts_on=date(2026, 2, 1),
            ends_on=date(2026, 7, 31),
            component="service",
        ),
    )
    assert (created.owner, created.budget, created.currency) == ("D1", Decimal("1500000.50"), "RUB")
    assert created.status is InitiativeStatus.PLANNED
    with pytest.raises(AlreadyExists):
        service.add_initiative(db, service.NewInitiative(org=org, title="Звонки новым клиентам"))
    with pytest.raises(InvalidInput, match="currency"):
        service.add_initiative(db, service.NewInitiative(org=org, title="X", budget="10"))
    with pytest.raises(InvalidInput, match="before it starts"):
        service.update_initiative(
            db,
            org=org,
            initiative=str(created.id),
            changes=service.InitiativeChanges(ends_on=date(2026, 1, 1)),
        )
    changed = service.update_initiative(
        db,
        org=org,
        initiative="Звонки новым клиентам",
        changes=service.InitiativeChanges(status=InitiativeStatus.ACTIVE, budget="2000000"),
    )
    assert (changed.status, changed.budget) == (InitiativeStatus.ACTIVE, Decimal("2000000.00"))
    service.add_milestone(
        db, org=org, initiative=str(created.id), title="Скрипт", due_on=date(2026, 2, 20)
    )
    service.add_milestone(
        db, org=org, initiative=str(created.id), title="Все A", due_on=date(2026, 6, 30)
    )
    with pytest.raises(AlreadyExists):
        service.add_milestone(
            db, org=org, initiative=str(created.id), title="Скрипт", due_on=date(2026, 3, 1)
        )
    done = service.complete_milestone(
        db, org=org, initiative=str(created.id), milestone="Скрипт", today=date(2026, 2, 19)
    )
    assert [(m.title, m.done, m.done_on) for m in done.milestones] == [
        ("Скрипт", True, date(2026, 2, 19)),
        ("Все A", False, None),
    ]
    service.add_initiative(db, service.NewInitiative(org=org, title="Someday"))
    timeline = service.initiative_timeline(db, org=org, today=date(2026, 3, 1))
    assert timeline.quarters == ("2026-Q1", "2026-Q2", "2026-Q3")
    assert [c.active for c in timeline.rows[0].cells] == [True, True, True]
    assert [i.title for i in timeline.unscheduled] == ["Someday"]
    narrow = service.initiative_timeline(db, org=org, first=Quarter(2026, 2), last=Quarter(2026, 2))
    assert [len(c.milestones) for c in narrow.rows[0].cells] == [1]
    assert [
        i.title for i in service.list_initiatives(db, org=org, status=InitiativeStatus.ACTIVE)
    ] == ["Звонки новым клиентам"]


def _run(url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", url, "--lang", "en", *args])
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _fails(url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", url, "--lang", "en", *args])
    assert result.exit_code == 1, result.stdout
    return result.stderr


def test_commands_end_to_end(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ORIENTIR_SMTP_HOST", raising=False)  # e-mail must fail below
    db = open_database(sqlite_url)
    world = build_world(db, tmp_path)
    org, url = world.org, sqlite_url
    assert "Дина" in _run(url, "program", "team", "--org", org)
    assert "A1" in _run(url, "program", "team", "add", "A1", "--org", org, "--role", "driver")
    team = json.loads(_run(url, "program", "team", "--org", org, "--role", "driver", "--json"))
    assert [m["external_id"] for m in team] == ["A1", "D1"]
    added = json.loads(
        _run(
            url, "program", "initiative", "add", "--org", org, "--title", "Onboarding calls",
            "--owner", "D1", "--budget", "250000", "--currency", "RUB", "--start", "2026-01-15",
            "--end", "2026-09-30", "--component", "service", "--json",
        )
    )  # fmt: skip
    assert added["budget"] == "250000.00"
    ref = str(added["id"])
    _run(
        url,
        "program",
        "initiative",
        "milestone",
        "add",
        ref,
        "--org",
        org,
        "--title",
        "Script",
        "--due",
        "2026-02-01",
    )
    _run(url, "program", "initiative", "milestone", "done", ref, "Script", "--org", org)
    assert "Onboarding calls" in _run(
        url,
        "--lang",
        "ru",
        "program",
        "initiative",
        "update",
        ref,
        "--org",
        org,
        "--status",
        "active",
    )
    listed = _run(url, "program", "initiative", "list", "--org", org)
    assert "1/1" in listed
    assert "active" in listed
    text = _run(url, "program", "timeline", "--org", org, "--from", "2026-Q1", "--to", "2026-Q4")
    assert "2026-Q1" in text
    assert "2026-Q4" in text
    assert "✓1" in text
    assert "█" in text
    timeline = json.loads(_run(url, "program", "timeline", "--org", org, "--json"))
    assert timeline["rows"][0]["cells"][0]["milestones"][0]["title"] == "Script"
    assert "not like 2026-Q1" in _fails(url, "program", "timeline", "--org", org, "--from", "Q9")

    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {id: low, item: nps, at_most: 6}\nlang: ru\n", encoding="utf-8")
    assert "(1 rules)" in _run(url, "cases", "rules", "check", str(rules))
    _run(url, "cases", "rules", "set", str(rules), "--org", org)
    assert _run(url, "cases", "rules", "show", "--org", org) == rules.read_text(encoding="utf-8")
    out = _run(url, "cases", "channel", "add", "--org", org, "--webhook", "http://127.0.0.1:9/h")
    assert "whsec_" in out
    assert "127.0.0.1:9" in _run(url, "cases", "channel", "list", "--org", org)
    world.answer("C1", nps=1, comment="Плохо")
    cases = json.loads(_run(url, "cases", "list", "--org", org, "--json"))
    assert [(c["customer"], c["status"], c["assignee"]) for c in cases] == [("C1", "open", "A1")]
    case = str(cases[0]["id"])
    assert cases[0]["priority"] == "normal"  # no transaction log yet
    log = tmp_path / "log.csv"  # C1 brings 80 % of the revenue: class A
    log.write_text("customer_id,date,amount\nC1,2025-10-01,800\nC4,2025-11-03,200\n", "utf-8")
    _run(url, "customers", "import", str(log), "--org", org)
    changed = json.loads(_run(url, "cases", "reprioritise", "--org", org, "--json"))
    assert [(c["customer"], c["priority"], c["abc_class"]) for c in changed] == [
        ("C1", "high", "A")
    ]
    assert "reprioritised: 0." in _run(url, "cases", "reprioritise", "--org", org)
    assert "cannot become resolved" in _fails(
        url, "cases", "resolve", case, "--org", org, "--note", "x"
    )
    _run(url, "cases", "assign", case, "--org", org, "--to", "A2", "--by", "lead")
    _run(url, "cases", "start", case, "--org", org, "--by", "alla")
    _run(url, "cases", "note", case, "Перезвонить в пятницу", "--org", org)
    _run(url, "cases", "resolve", case, "--org", org, "--note", "Вернули деньги")
    assert "closed" in _run(url, "cases", "close", case, "--org", org)
    shown = _run(url, "--lang", "ru", "cases", "show", case, "--org", org)
    assert "Ответы" in shown
    assert "Плохо" in shown
    assert "Вернули деньги" in shown
    assert "lead" in shown
    assert "escalated: 0." in _run(url, "cases", "escalate-overdue")
    assert "C1" in _run(url, "cases", "list", "--org", org, "--status", "closed")

    # nothing listens on port 9, and e-mail is not configured: everything goes dead
    _run(url, "worker", "--once", "--max-attempts", "1", "--timeout", "2", "--lease", "5")
    dead = json.loads(_run(url, "worker", "dead", "list", "--json"))
    assert len(dead) >= 2
    assert all(m["attempts"] == 1 for m in dead)
    assert "Outbox: pending 0, delivered 0" in _run(url, "worker", "status")
    assert "id" in _fails(url, "worker", "dead", "replay")
    assert "again: 1." in _run(url, "worker", "dead", "replay", dead[0]["id"])
    assert f"again: {len(dead) - 1}." in _run(
        url, "worker", "dead", "replay", "--all", "--org", org
    )
    assert json.loads(_run(url, "worker", "status", "--json"))["dead"] == 0
    db.dispose()
