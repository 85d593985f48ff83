"""The program, cases, case-rules and dead-letter pages of the admin area, through the real
application on SQLite and PostgreSQL: what each role sees and may change, and what each
change leaves in the database."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from orientir.domain.cases import CaseStatus
from orientir.domain.notifications import OutboxStatus
from orientir.services import notifications
from orientir.services.case_rules import show_rules
from orientir.services.cases import show_case
from orientir.services.program import get_initiative, list_initiatives
from orientir.services.senders import SmtpSettings
from orientir.services.worker import WorkerOptions, deliver_due
from tests.web.conftest import World, csrf_of, login
from tests.web.program_helpers import ProgramData, add_program


@pytest.fixture
def data(world: World) -> ProgramData:
    return add_program(world.db, world.org_a, world.tmp, advocate_email=world.email("advocate"))


def _url(world: World, *parts: str) -> str:
    return "/".join([f"/admin/o/{world.org_a}", *parts])


def test_the_program_page_shows_team_initiatives_and_timeline(
    client: TestClient, world: World, data: ProgramData
) -> None:
    login(client, world.email("viewer"))
    page = client.get(_url(world, "program"))
    assert page.status_code == 200
    html = page.text
    assert "Анна" in html
    assert "driver" in html
    assert "advocate" in html
    assert "Звонки новым клиентам" in html
    assert "1 500 000.00 RUB" in html
    assert "0/1" in html  # milestones done of all
    assert "1 overdue" in html  # Скрипт was due on 2026-02-01 and is not done
    # The timeline has a column per quarter from the start to today's quarter at least.
    quarters = re.findall(r'<th scope="col" class="num">(\d{4}-Q\d)</th>', html)
    assert quarters[0] == "2026-Q1"
    assert "2026-Q3" in quarters
    assert "Index (0–100)" in html
    # A viewer reads but gets no form, and a post is refused.
    assert "New initiative" not in html
    assert "Mark done" not in html
    refused = client.post(_url(world, "program", "initiatives"), data={"csrf_token": csrf_of(html)})
    assert refused.status_code == 403


def test_an_advocate_may_not_read_the_program(
    client: TestClient, world: World, data: ProgramData
) -> None:
    login(client, world.email("advocate"))
    assert client.get(_url(world, "program")).status_code == 403


def test_a_driver_creates_edits_and_records_milestones(
    client: TestClient, world: World, data: ProgramData
) -> None:
    login(client, world.email("driver"))
    page = client.get(_url(world, "program"))
    token = csrf_of(page.text)
    bad = client.post(
        _url(world, "program", "initiatives"),
        data={"csrf_token": token, "title": "Без валюты", "budget": "100"},
    )
    assert bad.status_code == 422
    assert "a budget needs its currency" in bad.text
    assert [i.title for i in list_initiatives(world.db, org=world.org_a)] == [
        "Звонки новым клиентам"
    ]
    created = client.post(
        _url(world, "program", "initiatives"),
        data={
            "csrf_token": token,
            "title": "Единое окно",
            "owner": "2",
            "budget": "250 000,50",
            "currency": "rub",
            "status": "planned",
            "starts_on": "2026-07-01",
            "ends_on": "",
            "component": "service",
        },
    )
    assert created.status_code == 303
    new = get_initiative(world.db, org=world.org_a, initiative="Единое окно")
    assert created.headers["location"].endswith(f"/program/initiatives/{new.id}")
    assert (new.owner, str(new.budget), new.currency, new.component) == (
        "2",
        "250000.50",
        "RUB",
        "service",
    )
    page = client.get(created.headers["location"])
    assert "Единое окно" in page.text
    assert "Борис" in page.text
    edited = client.post(
        created.headers["location"],
        data={"csrf_token": token, "status": "active", "ends_on": "2026-12-31"},
    )
    assert edited.status_code == 303
    changed = get_initiative(world.db, org=world.org_a, initiative=str(new.id))
    assert changed.status.value == "active"
    assert changed.ends_on == date(2026, 12, 31)
    assert changed.title == "Единое окно"  # what was not sent stays
    wrong = client.post(
        created.headers["location"], data={"csrf_token": token, "ends_on": "2026-01-01"}
    )
    assert wrong.status_code == 422
    assert "before it starts" in wrong.text
    added = client.post(
        created.headers["location"] + "/milestones",
        data={"csrf_token": token, "title": "Запуск", "due_on": "2026-08-01"},
    )
    assert added.status_code == 303
    step = get_initiative(world.db, org=world.org_a, initiative=str(new.id)).milestones[0]
    assert (step.title, step.due_on, step.done) == ("Запуск", date(2026, 8, 1), False)
    done = client.post(
        created.headers["location"] + f"/milestones/{step.id}/done", data={"csrf_token": token}
    )
    assert done.status_code == 303
    step = get_initiative(world.db, org=world.org_a, initiative=str(new.id)).milestones[0]
    assert step.done
    assert step.done_on == date.today()
    again = client.get(created.headers["location"])
    assert "Not done after all" in again.text
    timeline = client.get(_url(world, "program")).text
    assert "✓1" in timeline  # the done milestone in its quarter
    emptied = client.post(
        created.headers["location"],
        data={"csrf_token": token, "owner": "", "budget": "", "ends_on": "", "component": ""},
    )
    assert emptied.status_code == 303
    cleared = get_initiative(world.db, org=world.org_a, initiative=str(new.id))
    assert (cleared.owner, cleared.budget, cleared.currency) == (None, None, None)
    assert (cleared.ends_on, cleared.component) == (None, None)
    assert (cleared.title, cleared.status.value) == ("Единое окно", "active")  # not sent: kept


def test_another_organisations_initiative_is_not_found(
    client: TestClient, world: World, data: ProgramData
) -> None:
    other = add_program(world.db, world.org_b, world.tmp, advocate_email="x@b.example.ru")
    assert other.initiative != data.initiative
    login(client, world.email("owner"))
    page = _url(world, "program", "initiatives", str(other.initiative))
    assert client.get(page).status_code == 404
    token = csrf_of(client.get(_url(world, "program")).text)
    changed = client.post(page, data={"csrf_token": token, "status": "stopped"})
    assert changed.status_code == 404
    assert (
        get_initiative(world.db, org=world.org_b, initiative=str(other.initiative)).status.value
        == "active"
    )


def test_an_advocate_lists_filters_and_works_a_case(
    client: TestClient, world: World, data: ProgramData
) -> None:
    login(client, world.email("advocate"))
    page = client.get(_url(world, "cases"))
    assert page.status_code == 200
    # Only the confidential wave's unhappy customers: C2 was happy, the anonymous one never.
    assert sorted(data.cases) == ["C1", "C3"]
    assert "Альфа" in page.text
    assert "Гамма" in page.text
    assert "Бета" not in page.text
    mine = client.get(_url(world, "cases") + "?mine=1")
    assert "Альфа" in mine.text  # auto-assigned to the only advocate, who is this user
    assert "Альфа" not in client.get(_url(world, "cases") + "?overdue=1").text
    case = data.cases["C1"]
    view = client.get(_url(world, "cases", str(case)))
    assert "Долго отвечали на письма" in view.text  # the customer's answer, for the follow-up
    token = csrf_of(view.text)
    assert (
        client.post(
            _url(world, "cases", str(case), "move"), data={"csrf_token": token, "to": "start"}
        ).status_code
        == 303
    )
    no_note = client.post(
        _url(world, "cases", str(case), "move"), data={"csrf_token": token, "to": "resolve"}
    )
    assert no_note.status_code == 422
    assert "write in the note what was done" in no_note.text
    assert show_case(world.db, org=world.org_a, case_id=case).case.status is CaseStatus.IN_PROGRESS
    resolved = client.post(
        _url(world, "cases", str(case), "move"),
        data={"csrf_token": token, "to": "resolve", "note": "Позвонили, извинились"},
    )
    assert resolved.status_code == 303
    detail = show_case(world.db, org=world.org_a, case_id=case)
    assert detail.case.status is CaseStatus.RESOLVED
    last = detail.events[-1]
    assert (last.from_status, last.to_status, last.text, last.author) == (
        "in_progress",
        "resolved",
        "Позвонили, извинились",
        world.email("advocate"),
    )
    # Closed is not reachable from open; the page explains instead of failing.
    other = data.cases["C3"]
    refused = client.post(
        _url(world, "cases", str(other), "move"), data={"csrf_token": token, "to": "close"}
    )
    assert refused.status_code == 422
    assert "cannot become closed" in refused.text
    noted = client.post(
        _url(world, "cases", str(other), "note"), data={"csrf_token": token, "note": "Перезвонить"}
    )
    assert noted.status_code == 303
    history = client.get(_url(world, "cases", str(other))).text
    assert "Перезвонить" in history
    assigned = client.post(
        _url(world, "cases", str(other), "assign"), data={"csrf_token": token, "advocate": "2"}
    )
    assert assigned.status_code == 422
    assert "is not an advocate" in assigned.text
    assert client.get(_url(world, "cases") + "?state=resolved").text.count("Альфа") == 1


def test_cases_of_another_organisation_are_not_found(
    client: TestClient, world: World, data: ProgramData
) -> None:
    other = add_program(world.db, world.org_b, world.tmp, advocate_email="x@b.example.ru")
    login(client, world.email("owner"))
    token = csrf_of(client.get(_url(world, "cases")).text)
    mine = set(data.cases.values())
    for case in set(other.cases.values()) - mine:
        assert client.get(_url(world, "cases", str(case))).status_code == 404
        moved = client.post(
            _url(world, "cases", str(case), "move"), data={"csrf_token": token, "to": "start"}
        )
        assert moved.status_code == 404
        assert show_case(world.db, org=world.org_b, case_id=case).case.status is CaseStatus.OPEN


def test_a_driver_reads_and_edits_the_case_rules(
    client: TestClient, world: World, data: ProgramData
) -> None:
    login(client, world.email("driver"))
    page = client.get(_url(world, "case-rules"))
    assert page.status_code == 200
    assert "detractor" in page.text
    token = csrf_of(page.text)
    bad = client.post(
        _url(world, "case-rules"), data={"csrf_token": token, "document": "rules: nonsense: ["}
    )
    assert bad.status_code == 422
    assert "not valid YAML" in bad.text
    assert "detractor" in show_rules(world.db, org=world.org_a)
    document = "rules:\n  - id: angry\n    item: nps\n    at_most: 4\ndue_days: {normal: 3}\n"
    saved = client.post(_url(world, "case-rules"), data={"csrf_token": token, "document": document})
    assert saved.status_code == 303
    assert show_rules(world.db, org=world.org_a) == document
    assert "saved" in client.get(saved.headers["location"]).text
    login(client, world.email("advocate"))
    assert client.get(_url(world, "case-rules")).status_code == 403


def test_an_owner_replays_dead_notifications(
    client: TestClient, world: World, data: ProgramData
) -> None:
    # E-mail is not configured, so every notification dies on its single attempt.
    options = WorkerOptions(max_attempts=1, timeout=2, lease=10)
    deliver_due(world.db, options, smtp=SmtpSettings.from_env({}))
    dead = notifications.list_outbox(world.db, status=OutboxStatus.DEAD, org=world.org_a)
    assert len(dead) == 2  # case.opened to the advocate, twice
    login(client, world.email("owner"))
    page = client.get(_url(world, "notifications", "dead"))
    assert page.status_code == 200
    assert all(m.id in page.text for m in dead)
    token = csrf_of(page.text)
    foreign = client.post(
        _url(world, "notifications", "dead", "replay"),
        data={"csrf_token": token, "id": "00000000-0000-0000-0000-000000000000"},
    )
    assert foreign.status_code == 422
    one = client.post(
        _url(world, "notifications", "dead", "replay"), data={"csrf_token": token, "id": dead[0].id}
    )
    assert one.status_code == 303
    assert one.headers["location"].endswith("replayed=1")
    assert notifications.outbox_counts(world.db, org=world.org_a)["dead"] == 1
    everything = client.post(
        _url(world, "notifications", "dead", "replay"), data={"csrf_token": token, "all": "1"}
    )
    assert everything.status_code == 303
    counts = notifications.outbox_counts(world.db, org=world.org_a)
    assert counts.get("dead", 0) == 0
    assert counts["pending"] == 2
    login(client, world.email("driver"))
    assert client.get(_url(world, "notifications", "dead")).status_code == 403


def test_every_page_renders_in_russian(client: TestClient, world: World, data: ProgramData) -> None:
    login(client, world.email("owner"))
    titles = {
        _url(world, "program"): "Программа изменений",
        _url(world, "program", "initiatives", str(data.initiative)): "Добавить веху",
        _url(world, "cases"): "Только мои",
        _url(world, "cases", str(data.cases["C1"])): "Взять в работу",
        _url(world, "case-rules"): "Правила обращений",
        _url(world, "notifications", "dead"): "Недоставленные уведомления",
        _url(world, "reports"): "Отчёт для руководства",
    }
    for url, title in titles.items():
        page = client.get(url + "?lang=ru")
        assert page.status_code == 200, url
        assert title in page.text, url
        assert '<html lang="ru">' in page.text


def test_the_timeline_carries_the_index_of_each_quarter(
    client: TestClient, world: World, data: ProgramData
) -> None:
    from orientir.services.responding import save_answers, submit_answers
    from orientir.services.waves import close_wave
    from tests.web.conftest import open_wave_with_links
    from tests.web.survey_helpers import pages

    tokens = open_wave_with_links(world.db, world.org_a, label="spring")
    answers = {k: int(v) for form in pages("employee-co@1") for k, v in form.items()}
    for number, token in enumerate(tokens):
        enps = [9, 10, 3, 7, 9, 2, 8][number]  # 3 promoters, 2 detractors of 7
        save_answers(world.db, token=token, answers={**answers, "enps": enps})
        submit_answers(world.db, token=token, answers={}, idempotency_key=f"k{number}")
    close_wave(world.db, org=world.org_a, wave="spring")
    expected = f"{(100 * 1 / 7 + 100) / 2:.1f}"  # eNPS on the index's 0–100 scale
    assert expected == "57.1"
    login(client, world.email("analyst"))
    html = client.get(_url(world, "program")).text
    quarters = re.findall(r'<th scope="col" class="num">(\d{4}-Q\d)</th>', html)
    today = date.today()
    this_quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    row = re.search(r'<tr class="index-row">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
    assert len(cells) == len(quarters)
    assert cells[quarters.index(this_quarter)] == expected
    assert all(c == "—" for q, c in zip(quarters, cells, strict=True) if q != this_quarter)
    assert "<svg" in html
    assert f">{expected}</text>" in html  # the point of the chart carries its value too


def test_a_driver_gives_and_takes_back_program_roles(
    client: TestClient, world: World, data: ProgramData
) -> None:
    from orientir.domain.program import ProgramRole
    from orientir.services.program import program_team

    def team() -> set[tuple[str, str]]:
        return {(m.external_id, m.role.value) for m in program_team(world.db, org=world.org_a)}

    login(client, world.email("driver"))
    token = csrf_of(client.get(_url(world, "program")).text)
    url = _url(world, "program", "team")
    given = client.post(url, data={"csrf_token": token, "person": "2", "role": "advocate"})
    assert given.status_code == 303
    assert team() == {("1", "driver"), ("7", "advocate"), ("2", "advocate")}
    assert "Борис" in client.get(_url(world, "program")).text
    unknown = client.post(url, data={"csrf_token": token, "person": "99", "role": "driver"})
    assert unknown.status_code == 422
    assert "99" in unknown.text
    taken = client.post(
        url, data={"csrf_token": token, "person": "2", "role": "advocate", "action": "remove"}
    )
    assert taken.status_code == 303
    assert ("2", ProgramRole.ADVOCATE.value) not in team()
    again = client.post(
        url, data={"csrf_token": token, "person": "2", "role": "advocate", "action": "remove"}
    )
    assert again.status_code == 422
    assert "holds no such granted role" in again.text
    login(client, world.email("analyst"))
    refused = client.post(
        url,
        data={
            "csrf_token": csrf_of(client.get(_url(world, "program")).text),
            "person": "3",
            "role": "driver",
        },
    )
    assert refused.status_code == 403
    assert ("3", "driver") not in team()
