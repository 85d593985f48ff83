"""The audit log: every administrative action leaves one event in its own transaction, with
who, what, when and from where — and nothing secret; owners read it on a page and from the
command line. On SQLite and PostgreSQL (the ``database_url`` fixture)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from orientir.cli.main import app as cli
from orientir.config import load_settings
from orientir.errors import InvalidInput
from orientir.services import access, audit
from orientir.services.people import import_people
from orientir.services.waves import NewWave, close_wave, create_wave
from tests.web.conftest import PASSWORD, World, csrf_of, login, open_wave_with_links
from tests.web.survey_helpers import pages

ACTOR = audit.Actor(user_id=None, email="tester@a.example.ru", via="web", address="10.0.0.1")


def _actions(world: World, org: str | None) -> list[str]:
    return [e.action for e in audit.list_events(world.db, org=org)]


def test_services_record_their_actions_in_the_same_transaction(world: World) -> None:
    before = _actions(world, world.org_a)
    created = create_wave(
        world.db,
        NewWave(world.org_a, "employee-co@1", label="w-audit"),
        limits=load_settings({}).limits,
        actor=ACTOR,
    )
    events = audit.list_events(world.db, org=world.org_a)
    assert len(events) == len(before) + 1
    newest = events[0]
    assert (newest.action, newest.object_type, newest.object_id) == (
        "wave.create",
        "wave",
        created.wave.label,
    )
    assert (newest.actor, newest.via, newest.address) == ("tester@a.example.ru", "web", "10.0.0.1")
    # A refused action rolls back, and its event with it.
    with pytest.raises(InvalidInput):
        access.revoke_role(
            world.db, email=world.email("owner"), org=world.org_a, role="owner", actor=ACTOR
        )
    assert len(audit.list_events(world.db, org=world.org_a)) == len(events)


def test_a_check_only_import_leaves_no_event(world: World, tmp_path: Path) -> None:
    staff = tmp_path / "more.csv"
    staff.write_text("id,name,department\n99,Зоя,Сервис\n", encoding="utf-8")
    limits = load_settings({}).limits
    before = _actions(world, world.org_a)
    import_people(world.db, org=world.org_a, path=staff, limits=limits, check_only=True)
    assert _actions(world, world.org_a) == before
    import_people(world.db, org=world.org_a, path=staff, limits=limits, actor=ACTOR)
    assert _actions(world, world.org_a) == ["people.import", *before]


def test_web_actions_are_logged_with_the_user_and_address(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    a = world.org_a
    page = client.get(f"/admin/o/{a}/users")
    csrf = csrf_of(page.text)
    new_password = "Fresh-Audit-Pass-91"
    assert (
        client.post(
            f"/admin/o/{a}/users",
            data={
                "csrf_token": csrf,
                "email": "new@a.example.ru",
                "role": "viewer",
                "password": new_password,
            },
        ).status_code
        == 303
    )
    assert (
        client.post(
            f"/admin/o/{a}/users/remove",
            data={"csrf_token": csrf, "email": "new@a.example.ru", "role": "viewer"},
        ).status_code
        == 303
    )
    made = client.post(
        f"/admin/o/{a}/waves",
        data={"csrf_token": csrf, "instrument": "employee-co@1", "label": "w-web"},
    )
    assert made.status_code == 200
    for step in ("open", "close"):
        assert client.post(
            f"/admin/o/{a}/waves/w-web/{step}", data={"csrf_token": csrf}
        ).is_redirect
    assert client.get(f"/admin/o/{a}/waves/w-web/export?format=csv").status_code == 200
    tokens_page = client.get("/admin/tokens")
    created = client.post(
        "/admin/tokens", data={"csrf_token": csrf_of(tokens_page.text), "name": "script"}
    )
    token = re.search(r"oat_[A-Za-z0-9_-]+", created.text)
    assert token is not None
    client.post("/admin/tokens/revoke", data={"csrf_token": csrf, "name": "script"})
    orgs_page = client.get("/admin/orgs")
    assert client.post(
        "/admin/orgs", data={"csrf_token": csrf_of(orgs_page.text), "name": "Новая"}
    ).is_redirect

    events = audit.list_events(world.db, org=a)
    got = [(e.action, e.object_id) for e in events]
    assert got[:7] == [
        ("responses.export", "w-web"),
        ("wave.close", "w-web"),
        ("wave.open", "w-web"),
        ("wave.create", "w-web"),
        ("role.revoke", "new@a.example.ru viewer"),
        ("role.grant", "new@a.example.ru viewer"),
        ("user.create", "new@a.example.ru"),
    ]
    assert {(e.actor, e.via, e.address) for e in events[:7]} == {
        (world.email("owner"), "web", "testclient")
    }
    personal = [e.action for e in audit.list_events(world.db, org=None)]
    assert personal[:2] == ["token.revoke", "token.create"]
    assert _actions(world, "новая")[:2] == ["role.grant", "org.create"]
    # Nothing secret in any event.
    every = audit.list_events(world.db, org=a) + audit.list_events(world.db, org=None)
    text = json.dumps([vars(e) for e in every], default=str)
    for secret in (new_password, PASSWORD, token.group(0), csrf):
        assert secret not in text


def test_api_actions_are_logged_as_api(client: TestClient, world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['driver']}"}
    made = client.post(
        f"/api/v1/orgs/{world.org_a}/waves",
        headers=headers,
        json={"instrument": "employee-co@1", "label": "w-api"},
    )
    assert made.status_code == 201
    assert client.post(f"/api/v1/orgs/{world.org_a}/waves/w-api/open", headers=headers).is_success
    newest = audit.list_events(world.db, org=world.org_a)[:2]
    assert [(e.action, e.via, e.actor) for e in newest] == [
        ("wave.open", "api", world.email("driver")),
        ("wave.create", "api", world.email("driver")),
    ]


def test_the_page_is_for_owners_only(client: TestClient, world: World) -> None:
    open_wave_with_links(world.db, world.org_a, label="w-page")
    access.grant_role(
        world.db, email=world.email("viewer"), org=world.org_a, role="analyst", actor=ACTOR
    )
    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/audit")
    assert page.status_code == 200
    assert "role.grant" in page.text
    assert "10.0.0.1" in page.text
    assert client.get(f"/admin/o/{world.org_b}/audit").status_code == 404
    english = client.get(f"/admin/o/{world.org_a}/audit?lang=en").text
    russian = client.get(f"/admin/o/{world.org_a}/audit?lang=ru").text
    assert "Audit log" in english
    assert "Журнал действий" in russian
    for role in ("driver", "analyst", "viewer", "advocate"):
        other = TestClient(client.app, follow_redirects=False)
        login(other, world.email(role))
        assert other.get(f"/admin/o/{world.org_a}/audit").status_code == 403, role


def test_the_command_line_lists_the_log(world: World, database_url: str) -> None:
    access.grant_role(
        world.db, email=world.email("viewer"), org=world.org_a, role="analyst", actor=ACTOR
    )
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", database_url, "audit", "--org", world.org_a, "--json"])
    assert listed.exit_code == 0, listed.output
    events = json.loads(listed.stdout)
    assert events[0]["action"] == "role.grant"
    assert events[0]["object_id"] == f"{world.email('viewer')} analyst"
    assert events[0]["address"] == "10.0.0.1"
    table = runner.invoke(cli, ["--db", database_url, "audit", "--org", world.org_a])
    assert table.exit_code == 0
    assert "role.grant" in table.stdout
    unknown = runner.invoke(cli, ["--db", database_url, "audit", "--org", "nowhere"])
    assert unknown.exit_code == 1


def test_a_report_download_is_logged(client: TestClient, world: World) -> None:
    tokens = open_wave_with_links(world.db, world.org_a, label="w-rep")
    for token in tokens[:3]:
        for number, form in enumerate(pages("employee-co@1"), 1):
            client.post(f"/s/{token}/p/{number}", data={**form, "nav": "next"})
        review = client.get(f"/s/{token}/review")
        key = re.search(r'name="idempotency_key" value="([^"]+)"', review.text)
        assert key is not None
        client.post(f"/s/{token}/submit", data={"idempotency_key": key.group(1)})
    close_wave(world.db, org=world.org_a, wave="w-rep")  # the command line: "system"
    login(client, world.email("analyst"))
    report = client.get(f"/admin/o/{world.org_a}/reports/download?format=html&wave=w-rep")
    assert report.status_code == 200
    events = audit.list_events(world.db, org=world.org_a)[:2]
    assert [(e.action, e.actor, e.object_id) for e in events] == [
        ("report.download", world.email("analyst"), "html w-rep"),
        ("wave.close", "system", "w-rep"),
    ]


def test_program_changes_are_logged(client: TestClient, world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['driver']}"}
    base = f"/api/v1/orgs/{world.org_a}/initiatives"
    made = client.post(base, headers=headers, json={"title": "Быстрые ответы"})
    assert made.status_code == 201, made.text
    number = made.json()["id"]
    changed = client.patch(f"{base}/{number}", headers=headers, json={"status": "active"})
    assert changed.status_code == 200, changed.text
    added = client.post(
        f"{base}/{number}/milestones",
        headers=headers,
        json={"title": "Скрипт ответа", "due_on": "2026-12-01"},
    )
    assert added.status_code == 201, added.text
    events = audit.list_events(world.db, org=world.org_a)[:3]
    assert [(e.action, e.via, e.actor) for e in events] == [
        ("milestone.add", "api", world.email("driver")),
        ("initiative.update", "api", world.email("driver")),
        ("initiative.create", "api", world.email("driver")),
    ]
    assert {e.object_id for e in events} == {str(number)}


def test_case_rules_and_notification_replays_are_logged(client: TestClient, world: World) -> None:
    from orientir.services.case_rules import DEFAULT_DOCUMENT

    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/case-rules")
    csrf = csrf_of(page.text)
    saved = client.post(
        f"/admin/o/{world.org_a}/case-rules",
        data={"csrf_token": csrf, "document": DEFAULT_DOCUMENT},
    )
    assert saved.status_code == 303, saved.text
    replayed = client.post(
        f"/admin/o/{world.org_a}/notifications/dead/replay", data={"csrf_token": csrf, "all": "1"}
    )
    assert replayed.status_code == 303
    events = audit.list_events(world.db, org=world.org_a)[:2]
    assert [(e.action, e.object_id, e.actor) for e in events] == [
        ("notifications.replay", "0 dead", world.email("owner")),
        ("case_rules.set", None, world.email("owner")),
    ]


# ---- the hash chain (storage/audit_chain.py) ---------------------------------------------------


def _record(world: World, n: int, org: str | None = None) -> None:
    slug = world.org_a if org is None else org
    for i in range(n):
        audit.record_now(
            world.db,
            ACTOR,
            audit.Action.RESPONSES_EXPORT,
            org_id=_org_id(world, slug),
            object_type="wave",
            object_id=f"w{i}",
        )


def _org_id(world: World, slug: str) -> int:
    from orientir.storage.organisations import find_organisation

    with world.db.engine.connect() as conn:
        return find_organisation(conn, slug).id


def _ids(world: World, org: str) -> list[int]:
    return sorted(e.id for e in audit.list_events(world.db, org=org))


def _tamper(world: World, statement: str, **params: object) -> None:
    from sqlalchemy import text

    with world.db.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_an_edited_or_removed_event_breaks_the_chain(world: World, database_url: str) -> None:
    _record(world, 5)
    check = audit.verify_chain(world.db, org=world.org_a)
    assert check.first_broken is None
    assert check.events == len(_ids(world, world.org_a))
    assert len(check.head) == 64
    # Another organisation's chain is its own: tampering with one leaves the other intact.
    _record(world, 2, org=world.org_b)
    assert audit.verify_chain(world.db, org=world.org_b).first_broken is None
    ids = _ids(world, world.org_a)
    actor = {e.id: e.actor for e in audit.list_events(world.db, org=world.org_a)}[ids[2]]
    runner = CliRunner()
    verify = ["--db", database_url, "audit", "--org", world.org_a, "--verify"]
    intact = runner.invoke(cli, verify)
    assert intact.exit_code == 0, intact.output
    assert check.head in intact.stdout.replace("\n", "")
    # Who did it, rewritten:
    _tamper(world, "UPDATE audit_events SET actor = 'someone@else.ru' WHERE id = :id", id=ids[2])
    assert audit.verify_chain(world.db, org=world.org_a).first_broken == ids[2]
    assert audit.verify_chain(world.db, org=world.org_b).first_broken is None
    broken = runner.invoke(cli, [*verify, "--json"])
    assert broken.exit_code == 1
    assert json.loads(broken.stdout) == {
        "events": len(ids),
        "head": check.head,
        "intact": False,
        "first_broken": ids[2],
    }
    russian = runner.invoke(cli, ["--lang", "ru", *verify])
    assert russian.exit_code == 1
    assert f"нарушена на событии №{ids[2]}" in russian.stdout
    # Put back, then an event removed: the chain breaks at the one after it.
    _tamper(world, "UPDATE audit_events SET actor = :who WHERE id = :id", who=actor, id=ids[2])
    assert audit.verify_chain(world.db, org=world.org_a).first_broken is None
    _tamper(world, "DELETE FROM audit_events WHERE id = :id", id=ids[1])
    assert audit.verify_chain(world.db, org=world.org_a).first_broken == ids[2]


def test_the_chain_survives_a_removed_user(world: World) -> None:
    """Removing a user sets ``actor_user_id`` to NULL (ON DELETE SET NULL): not tampering."""
    from sqlalchemy import update

    from orientir.storage.tables import audit_events

    _record(world, 2)
    with world.db.engine.begin() as conn:
        conn.execute(update(audit_events).values(actor_user_id=None))
    assert audit.verify_chain(world.db, org=world.org_a).first_broken is None


def test_appends_from_many_threads_keep_one_chain(world: World) -> None:
    """Appends to one chain take turns (an advisory lock on PostgreSQL, the write lock on
    SQLite): no two events may follow the same one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        # list(): an exception of any thread is raised here and fails the test
        list(pool.map(lambda _: _record(world, 15), range(4)))
    check = audit.verify_chain(world.db, org=world.org_a)
    assert check.first_broken is None
    assert check.events == len(_ids(world, world.org_a))


def test_an_owner_checks_the_chain_on_the_page(client: TestClient, world: World) -> None:
    _record(world, 3)
    login(client, world.email("owner"))
    page = f"/admin/o/{world.org_a}/audit"
    listing = client.get(page)
    assert listing.status_code == 200
    assert "Check that no entry was edited or removed" in listing.text
    assert "The log is intact" not in listing.text  # read on request only
    checked = client.get(f"{page}?verify=true")
    head = audit.verify_chain(world.db, org=world.org_a).head
    assert "The log is intact" in checked.text
    assert head in checked.text
    newest = _ids(world, world.org_a)[-1]
    _tamper(world, "UPDATE audit_events SET address = '10.6.6.6' WHERE id = :id", id=newest)
    broken = client.get(f"{page}?verify=true", headers={"Accept-Language": "ru"})
    assert f"цепочка нарушена на записи №{newest}" in broken.text
    assert 'role="alert"' in broken.text
