"""The REST routes of initiatives and cases: pages, changes, problem details, and objects found
only within the organisation of the URL. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from orientir.config import Limits
from orientir.domain.cases import CaseStatus
from orientir.services.cases import show_case
from orientir.services.customer_base import import_transactions
from orientir.services.program import get_initiative
from orientir.storage.tables import cases as cases_table
from tests.web.conftest import World
from tests.web.program_helpers import ProgramData, add_program

PROBLEM = "application/problem+json"


@pytest.fixture
def data(world: World) -> ProgramData:
    return add_program(world.db, world.org_a, world.tmp, advocate_email=world.email("advocate"))


def _auth(world: World, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def _base(world: World) -> str:
    return f"/api/v1/orgs/{world.org_a}"


def test_initiatives_are_created_listed_in_pages_and_changed(
    client: TestClient, world: World, data: ProgramData
) -> None:
    driver = _auth(world, "driver")
    created = client.post(
        _base(world) + "/initiatives",
        headers=driver,
        json={
            "title": "Единое окно",
            "owner": "2",
            "budget": "250000.50",
            "currency": "RUB",
            "starts_on": "2026-07-01",
            "component": "service",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["budget"] == "250000.50"
    assert body["owner_name"] == "Борис"
    assert body["status"] == "planned"
    duplicate = client.post(
        _base(world) + "/initiatives", headers=driver, json={"title": "Единое окно"}
    )
    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == PROBLEM
    no_currency = client.post(
        _base(world) + "/initiatives", headers=driver, json={"title": "Дорого", "budget": 10}
    )
    assert no_currency.status_code == 422
    assert no_currency.json()["detail"] == "a budget needs its currency (e.g. RUB)"
    first = client.get(_base(world) + "/initiatives?limit=1", headers=_auth(world, "viewer"))
    assert first.status_code == 200
    assert [i["title"] for i in first.json()["items"]] == ["Звонки новым клиентам"]
    assert first.json()["items"][0]["milestones"][0]["title"] == "Скрипт"
    cursor = first.json()["next_cursor"]
    assert cursor
    second = client.get(
        _base(world) + f"/initiatives?limit=1&cursor={cursor}", headers=_auth(world, "viewer")
    )
    assert [i["title"] for i in second.json()["items"]] == ["Единое окно"]
    assert second.json()["next_cursor"] is None
    changed = client.patch(
        _base(world) + f"/initiatives/{body['id']}",
        headers=driver,
        json={"status": "active", "ends_on": "2026-12-31"},
    )
    assert changed.status_code == 200
    assert (changed.json()["status"], changed.json()["ends_on"]) == ("active", "2026-12-31")
    assert changed.json()["title"] == "Единое окно"
    stored = get_initiative(world.db, org=world.org_a, initiative=str(body["id"]))
    assert stored.status.value == "active"
    milestone = client.post(
        _base(world) + f"/initiatives/{body['id']}/milestones",
        headers=driver,
        json={"title": "Запуск", "due_on": "2026-08-01"},
    )
    assert milestone.status_code == 201
    assert [m["title"] for m in milestone.json()["milestones"]] == ["Запуск"]
    step = milestone.json()["milestones"][0]["id"]
    done = client.post(
        _base(world) + f"/initiatives/{body['id']}/milestones/{step}/done", headers=driver, json={}
    )
    assert done.status_code == 200
    assert done.json()["milestones"][0]["done"] is True
    stored_step = get_initiative(world.db, org=world.org_a, initiative=str(body["id"]))
    assert stored_step.milestones[0].done_on is not None
    undone = client.post(
        _base(world) + f"/initiatives/{body['id']}/milestones/{step}/done",
        headers=driver,
        json={"done": False},
    )
    assert undone.json()["milestones"][0]["done"] is False
    foreign_step = client.post(
        _base(world) + f"/initiatives/{body['id']}/milestones/{data.milestone}/done",
        headers=driver,
        json={},
    )
    assert foreign_step.status_code == 404  # a milestone of another initiative
    by_title = client.get(
        _base(world) + "/initiatives/Единое окно", headers=_auth(world, "analyst")
    )
    assert by_title.json()["id"] == body["id"]
    refused = client.post(
        _base(world) + "/initiatives", headers=_auth(world, "analyst"), json={"title": "Нет"}
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == PROBLEM


def test_an_advocate_moves_a_case_through_its_states(
    client: TestClient, world: World, data: ProgramData
) -> None:
    advocate = _auth(world, "advocate")
    listed = client.get(_base(world) + "/cases", headers=advocate)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert sorted(c["customer"] for c in items) == ["C1", "C3"]  # never the anonymous wave
    assert all(c["assignee"] == "7" and c["status"] == "open" for c in items)
    case = data.cases["C1"]
    detail = client.get(_base(world) + f"/cases/{case}", headers=advocate).json()
    assert {a["item"]: a["value"] for a in detail["answers"]}["nps"] == 3
    assert [e["kind"] for e in detail["history"]] == ["opened"]
    url = _base(world) + f"/cases/{case}/transition"
    skipped = client.post(url, headers=advocate, json={"to": "closed"})
    assert skipped.status_code == 422
    assert skipped.headers["content-type"] == PROBLEM
    assert "cannot become closed" in skipped.json()["detail"]
    started = client.post(url, headers=advocate, json={"to": "in_progress"})
    assert started.json()["case"]["status"] == "in_progress"
    silent = client.post(url, headers=advocate, json={"to": "resolved"})
    assert silent.status_code == 422
    assert "a note is needed" in silent.json()["detail"]
    resolved = client.post(url, headers=advocate, json={"to": "resolved", "note": "Извинились"})
    assert resolved.status_code == 200
    last = resolved.json()["history"][-1]
    assert (last["from_status"], last["to_status"], last["text"], last["author"]) == (
        "in_progress",
        "resolved",
        "Извинились",
        world.email("advocate"),
    )
    assert show_case(world.db, org=world.org_a, case_id=case).case.status is CaseStatus.RESOLVED
    only_resolved = client.get(_base(world) + "/cases?status=resolved", headers=advocate).json()
    assert [c["id"] for c in only_resolved["items"]] == [case]
    note = client.post(
        _base(world) + f"/cases/{case}/notes", headers=advocate, json={"note": "Клиент доволен"}
    )
    assert note.status_code == 201
    assert note.json()["history"][-1]["text"] == "Клиент доволен"
    wrong = client.post(
        _base(world) + f"/cases/{case}/assign", headers=advocate, json={"advocate": "2"}
    )
    assert wrong.status_code == 422
    assert "is not an advocate" in wrong.json()["detail"]
    nobody = client.post(
        _base(world) + f"/cases/{case}/assign",
        headers={**advocate, "Accept-Language": "ru"},
        json={"advocate": "no-such-person"},
    )
    assert nobody.status_code == 422  # the case exists; the advocate named in the body does not
    assert "no-such-person" in nobody.json()["detail"]
    assert nobody.headers["content-language"] == "ru"
    assert client.get(_base(world) + "/cases", headers=_auth(world, "analyst")).status_code == 403


def test_objects_of_another_organisation_answer_404(
    client: TestClient, world: World, data: ProgramData
) -> None:
    other = add_program(world.db, world.org_b, world.tmp, advocate_email="advocate@b.example.ru")
    owner_a = _auth(world, "owner")
    foreign_case = other.cases["C1"]
    for method, path, body in (
        ("GET", f"/initiatives/{other.initiative}", None),
        ("PATCH", f"/initiatives/{other.initiative}", {"status": "stopped"}),
        ("GET", f"/cases/{foreign_case}", None),
        ("POST", f"/cases/{foreign_case}/transition", {"to": "in_progress"}),
    ):
        answer = client.request(method, _base(world) + path, headers=owner_a, json=body)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"] == PROBLEM
    # B's owner sees B's objects; A's token cannot reach B's organisation at all.
    assert (
        client.get(
            f"/api/v1/orgs/{world.org_b}/cases/{foreign_case}", headers=_auth(world, "other")
        ).status_code
        == 200
    )
    assert client.get(f"/api/v1/orgs/{world.org_b}/cases", headers=owner_a).status_code == 404
    assert show_case(world.db, org=world.org_b, case_id=foreign_case).case.status is (
        CaseStatus.OPEN
    )


def test_the_team_and_the_timeline_are_read_within_the_organisation(
    client: TestClient, world: World, data: ProgramData
) -> None:
    viewer = _auth(world, "viewer")
    team = client.get(_base(world) + "/program/team", headers=viewer)
    assert team.status_code == 200
    roles = {(m["external_id"], m["role"]) for m in team.json()}
    assert {("1", "driver"), ("7", "advocate")} <= roles
    assert all("email" not in m for m in team.json())
    timeline = client.get(_base(world) + "/program/timeline", headers=viewer)
    assert timeline.status_code == 200
    body = timeline.json()
    (row,) = [r for r in body["rows"] if r["title"] == "Звонки новым клиентам"]
    assert [c["quarter"] for c in row["cells"]] == body["quarters"]
    assert any(c["active"] for c in row["cells"])
    initiative = get_initiative(world.db, org=world.org_a, initiative=str(row["initiative"]))
    due = {m.id for m in initiative.milestones}
    assert {m for c in row["cells"] for m in c["milestones"]} == due
    assert body["index"] == {}  # no closed wave of an index instrument: nothing to show
    other = client.get(f"/api/v1/orgs/{world.org_b}/program/team", headers=viewer)
    assert other.status_code == 404
    assert other.headers["content-type"] == PROBLEM


def test_null_empties_an_optional_field_and_absent_keeps_it(
    client: TestClient, world: World, data: ProgramData
) -> None:
    driver = _auth(world, "driver")
    url = _base(world) + f"/initiatives/{data.initiative}"
    emptied = client.patch(url, headers=driver, json={"ends_on": None, "budget": None})
    assert emptied.status_code == 200, emptied.text
    body = emptied.json()
    assert (body["ends_on"], body["budget"], body["currency"]) == (None, None, None)
    assert body["starts_on"] == "2026-01-15"  # not in the request: kept
    assert body["owner"] == "1"
    stored = get_initiative(world.db, org=world.org_a, initiative=str(data.initiative))
    assert (stored.ends_on, stored.budget) == (None, None)
    refused = client.patch(url, headers=driver, json={"title": None})
    assert refused.status_code == 422  # a title cannot be emptied


def test_an_unknown_owner_in_the_body_is_a_bad_request_not_a_missing_resource(
    client: TestClient, world: World, data: ProgramData
) -> None:
    driver = _auth(world, "driver")
    created = client.post(
        _base(world) + "/initiatives", headers=driver, json={"title": "X", "owner": "999"}
    )
    assert created.status_code == 422
    assert created.headers["content-type"] == PROBLEM
    assert "999" in created.json()["detail"]
    changed = client.patch(
        _base(world) + f"/initiatives/{data.initiative}", headers=driver, json={"owner": "999"}
    )
    assert changed.status_code == 422
    missing = client.patch(
        _base(world) + "/initiatives/424242", headers=driver, json={"owner": "1"}
    )
    assert missing.status_code == 404  # the initiative of the URL itself is still a 404


def test_a_driver_escalates_overdue_cases_and_recomputes_priorities(
    client: TestClient, world: World, data: ProgramData
) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from orientir.services._clock import utc_now

    driver = _auth(world, "driver")
    late = data.cases["C1"]
    with world.db.engine.begin() as conn:  # C1 fell due yesterday; C3 is still on time
        past = utc_now() - timedelta(days=1)
        conn.execute(update(cases_table).where(cases_table.c.id == late).values(due_at=past))
    escalated = client.post(_base(world) + "/cases/escalate-overdue", headers=driver)
    assert escalated.status_code == 200
    assert [(c["id"], c["overdue"]) for c in escalated.json()] == [(late, True)]
    again = client.post(_base(world) + "/cases/escalate-overdue", headers=driver)
    assert again.json() == []  # once each
    history = client.get(_base(world) + f"/cases/{late}", headers=_auth(world, "advocate"))
    assert [e["kind"] for e in history.json()["history"]] == ["opened", "escalated"]

    listed = client.get(_base(world) + "/cases", headers=_auth(world, "owner")).json()["items"]
    assert {c["customer"]: (c["priority"], c["abc_class"]) for c in listed} == {
        "C1": ("normal", None),  # no transaction log yet: value unknown
        "C3": ("normal", None),
    }
    log = world.tmp / "log.csv"  # C1 brings 80 % of revenue (class A), C4 15 % (B), C3 5 % (C)
    log.write_text(
        "customer_id,date,amount\nC1,2025-10-01,500\nC1,2026-01-15,300\n"
        "C4,2025-11-03,150\nC3,2025-12-20,50\n",
        encoding="utf-8",
    )
    import_transactions(world.db, org=world.org_a, path=log, limits=Limits())
    changed = client.post(_base(world) + "/cases/reprioritise", headers=driver)
    assert changed.status_code == 200
    assert sorted((c["customer"], c["priority"], c["abc_class"]) for c in changed.json()) == [
        ("C1", "high", "A"),
        ("C3", "low", "C"),
    ]
    assert client.post(_base(world) + "/cases/reprioritise", headers=driver).json() == []
    refused = client.post(_base(world) + "/cases/reprioritise", headers=_auth(world, "advocate"))
    assert refused.status_code == 403
