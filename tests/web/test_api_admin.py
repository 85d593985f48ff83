"""The REST routes of the case rules, the notification channels and the outbox: what each
answers, who may call them, the audit events they leave, and objects found only within the
organisation of the URL. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from orientir.domain.notifications import ChannelKind, OutboxStatus
from orientir.services import audit, notifications
from orientir.services.case_rules import DEFAULT_DOCUMENT, show_rules
from orientir.services.senders import SmtpSettings
from orientir.services.worker import WorkerOptions, deliver_due
from tests.web.conftest import World
from tests.web.program_helpers import ProgramData, add_program

PROBLEM = "application/problem+json"
RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}
SECRET = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY"  # base64 of 24 bytes
DEFAULT_SUMMARY = {
    "score_rules": [
        {"id": "detractor", "item": "nps", "at_most": 6.0, "at_least": None},
        {"id": "dissatisfied", "item": "csat", "at_most": 2.0, "at_least": None},
    ],
    "keyword_rules": [
        {
            "id": "complaint",
            "keywords": [
                "жалоб*",
                "претензи*",
                "верните деньги",
                "вернуть деньги",
                "возврат денег",
                "refund*",
                "complain*",
                "complaint*",
                "money back",
            ],
            "items": [],
        }
    ],
    "respondents": ["customer", "partner"],
    "priority": {
        "high_abc": ["A"],
        "high_clv_at_least": None,
        "low_abc": ["C"],
        "low_clv_below": None,
        "unknown": "normal",
    },
    "due_days": {"high": 2, "normal": 5, "low": 10},
    "auto_assign": True,
    "lang": "en",
}


def _auth(world: World, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def _base(world: World, org: str | None = None) -> str:
    return f"/api/v1/orgs/{org or world.org_a}"


def _kill_everything(world: World) -> None:
    """E-mail is not configured, so every pending notification dies on its single attempt."""
    deliver_due(
        world.db, WorkerOptions(max_attempts=1, timeout=2, lease=10), smtp=SmtpSettings.from_env({})
    )


@pytest.fixture
def data(world: World) -> ProgramData:
    return add_program(world.db, world.org_a, world.tmp, advocate_email=world.email("advocate"))


def test_the_case_rules_are_read_and_replaced(client: TestClient, world: World) -> None:
    url = _base(world) + "/case-rules"
    shown = client.get(url, headers=_auth(world, "driver"))
    assert shown.status_code == 200
    assert shown.json() == {"document": DEFAULT_DOCUMENT, "summary": DEFAULT_SUMMARY}
    document = "rules:\n  - id: angry\n    item: nps\n    at_most: 4\ndue_days: {normal: 3}\n"
    saved = client.put(url, headers=_auth(world, "driver"), json={"document": document})
    assert saved.status_code == 200, saved.text
    assert saved.json() == {
        "document": document,
        "summary": DEFAULT_SUMMARY
        | {
            "score_rules": [{"id": "angry", "item": "nps", "at_most": 4.0, "at_least": None}],
            "keyword_rules": [],
            "due_days": {"high": 2, "normal": 3, "low": 10},
        },
    }
    assert show_rules(world.db, org=world.org_a) == document
    assert client.get(url, headers=_auth(world, "owner")).json() == saved.json()
    (event, *_) = audit.list_events(world.db, org=world.org_a)
    assert (event.action, event.via, event.actor) == (
        "case_rules.set",
        "api",
        world.email("driver"),
    )
    for role in ("analyst", "viewer", "advocate"):
        assert client.get(url, headers=_auth(world, role)).status_code == 403, role
        refused = client.put(url, headers=_auth(world, role), json={"document": "lang: ru\n"})
        assert refused.status_code == 403, role
        assert refused.headers["content-type"] == PROBLEM
    assert show_rules(world.db, org=world.org_a) == document


def test_invalid_case_rules_are_a_422_in_the_callers_language(
    client: TestClient, world: World
) -> None:
    url = _base(world) + "/case-rules"
    owner = _auth(world, "owner")
    russian = client.put(url, headers={**owner, **RU}, json={"document": "due_days: {soon: 3}\n"})
    assert russian.status_code == 422
    assert russian.headers["content-type"] == PROBLEM
    assert russian.headers["content-language"] == "ru"
    assert russian.json()["detail"] == "в due_days неизвестный приоритет 'soon'"
    english = client.put(url, headers=owner, json={"document": "due_days: {soon: 3}\n"})
    assert english.json()["detail"] == "due_days has an unknown priority 'soon'"
    for document, detail in (
        ("rules: nonsense: [", "правила кейсов — не корректный YAML"),
        ("1: 2\n", "неизвестные ключи в правилах кейсов: 1"),  # a number as a key
        ("[" * 5000, "правила кейсов вложены слишком глубоко"),
        ("rules: [{item: nps, at_most: .inf}]", "rules[0].at_most должно быть числом"),
        ("lang: 2026-13-45\n", "правила кейсов — не корректный YAML: month must be in 1..12"),
        ("  \n", "правила кейсов пусты; чтобы вернуть правила по умолчанию, отправьте их"),
    ):
        refused = client.put(url, headers={**owner, **RU}, json={"document": document})
        assert refused.status_code == 422, document
        assert refused.json()["detail"].startswith(detail), refused.json()
    too_long = client.put(url, headers=owner, json={"document": "#" * 20_001})
    assert too_long.status_code == 422
    assert show_rules(world.db, org=world.org_a) == DEFAULT_DOCUMENT  # nothing was saved
    assert "case_rules.set" not in {e.action for e in audit.list_events(world.db, org=world.org_a)}


def test_channels_are_added_listed_and_removed_and_a_secret_is_shown_once(
    client: TestClient, world: World
) -> None:
    url = _base(world) + "/channels"
    owner = _auth(world, "owner")
    hook = client.post(
        url,
        headers=owner,
        json={
            "kind": "webhook",
            "destination": "https://hooks.example.ru/orientir",
            "events": ["case.opened", "case.escalated"],
        },
    )
    assert hook.status_code == 201, hook.text
    secret = hook.json()["secret"]
    assert secret.startswith("whsec_")
    notifications.check_webhook_secret(secret)
    hook_id = hook.json()["channel"]["id"]
    assert hook.json()["channel"] == {
        "id": hook_id,
        "kind": "webhook",
        "destination": "https://hooks.example.ru/orientir",
        "events": ["case.opened", "case.escalated"],
        "lang": "en",
        "active": True,
        "has_secret": True,
    }
    given = client.post(
        url,
        headers=owner,
        json={"kind": "webhook", "destination": "https://b.example.ru/h", "secret": SECRET},
    )
    assert given.status_code == 201
    assert given.json()["secret"] is None  # the caller knows it already
    mail = client.post(
        url, headers=owner, json={"kind": "email", "destination": "care@a.example.ru", "lang": "ru"}
    )
    assert mail.status_code == 201
    assert mail.json()["secret"] is None
    assert mail.json()["channel"]["events"] == ["*"]
    again = client.post(
        url, headers=owner, json={"kind": "email", "destination": "care@a.example.ru"}
    )
    assert again.status_code == 409
    bad = client.post(url, headers={**owner, **RU}, json={"kind": "webhook", "destination": "x"})
    assert bad.status_code == 422
    assert bad.json()["detail"] == "'x' — не URL http(s)"
    nul = client.post(url, headers=owner, json={"kind": "webhook", "destination": "http://a\x00b/"})
    assert nul.status_code == 422  # PostgreSQL cannot store it: refused, not a 500
    listed = client.get(url, headers=owner)
    assert listed.status_code == 200
    assert secret not in listed.text
    assert SECRET not in listed.text
    assert "secret" not in listed.json()["items"][0]
    assert [(c["kind"], c["destination"], c["has_secret"]) for c in listed.json()["items"]] == [
        ("webhook", "https://hooks.example.ru/orientir", True),
        ("webhook", "https://b.example.ru/h", True),
        ("email", "care@a.example.ru", False),
    ]
    first = client.get(url + "?limit=2", headers=owner).json()
    assert [c["id"] for c in first["items"]] == [hook_id, given.json()["channel"]["id"]]
    rest = client.get(url + f"?limit=2&cursor={first['next_cursor']}", headers=owner).json()
    assert (rest["items"], rest["next_cursor"]) == ([mail.json()["channel"]], None)
    removed = client.delete(url + f"/{hook_id}", headers=owner)
    assert removed.status_code == 204
    assert removed.content == b""
    assert [c.id for c in notifications.list_channels(world.db, org=world.org_a)] == [
        given.json()["channel"]["id"],
        mail.json()["channel"]["id"],
    ]
    assert client.delete(url + f"/{hook_id}", headers=owner).status_code == 404
    # Who added and removed channels is on record (a webhook sends events elsewhere).
    events = [
        (e.action, e.object_id, e.via)
        for e in audit.list_events(world.db, org=world.org_a)
        if e.action.startswith("channel.")
    ]
    assert events == [
        ("channel.remove", str(hook_id), "api"),
        ("channel.add", str(mail.json()["channel"]["id"]), "api"),
        ("channel.add", str(given.json()["channel"]["id"]), "api"),
        ("channel.add", str(hook_id), "api"),
    ]
    for role in ("driver", "analyst", "viewer", "advocate"):
        assert client.get(url, headers=_auth(world, role)).status_code == 403, role
        refused = client.post(
            url, headers=_auth(world, role), json={"kind": "email", "destination": "x@a.ru"}
        )
        assert refused.status_code == 403, role
        assert client.delete(url + f"/{hook_id}", headers=_auth(world, role)).status_code == 403


def test_the_outbox_is_listed_without_bodies_and_dead_letters_replayed(
    client: TestClient, world: World, data: ProgramData
) -> None:
    owner = _auth(world, "owner")
    url = _base(world) + "/outbox"
    queued = client.get(url, headers=owner)
    assert queued.status_code == 200
    assert queued.json()["counts"] == {"pending": 2, "delivered": 0, "dead": 0}
    _kill_everything(world)
    dead = notifications.list_outbox(world.db, status=OutboxStatus.DEAD, org=world.org_a)
    assert len(dead) == 2  # case.opened to the advocate, for C1 and C3
    listed = client.get(url + "?state=dead", headers=owner)
    assert listed.status_code == 200
    body = listed.json()
    assert body["counts"] == {"pending": 0, "delivered": 0, "dead": 2}
    assert body["next_cursor"] is None
    assert body["items"] == [
        {
            "id": m.id,
            "status": "dead",
            "event": "case.opened",
            "kind": "email",
            "destination": world.email("advocate"),
            "attempts": 1,
            "last_error": m.last_error,
            "created_at": m.created_at.isoformat(),
        }
        for m in dead
    ]
    assert all(m.last_error for m in dead)
    assert all('"subject"' in m.payload for m in dead)  # the e-mail itself stays out
    assert "subject" not in listed.text
    assert client.get(url + "?state=pending", headers=owner).json()["items"] == []
    first = client.get(url + "?limit=1", headers=owner).json()
    assert [m["id"] for m in first["items"]] == [dead[0].id]
    second = client.get(url + f"?limit=1&cursor={first['next_cursor']}", headers=owner).json()
    assert ([m["id"] for m in second["items"]], second["next_cursor"]) == ([dead[1].id], None)
    assert client.get(url + "?state=lost", headers=owner).status_code == 422

    replay = url + "/replay"
    one = client.post(replay, headers=owner, json={"ids": [dead[0].id, dead[0].id]})
    assert one.status_code == 200, one.text
    assert one.json() == {"replayed": 1}
    counts = client.get(url, headers=owner).json()["counts"]
    assert counts == {"pending": 1, "delivered": 0, "dead": 1}
    pending = client.get(url + "?state=pending", headers=owner).json()["items"]
    assert [(m["id"], m["status"], m["attempts"]) for m in pending] == [(dead[0].id, "pending", 0)]
    # All or none: a notification that is no longer dead refuses the whole request.
    mixed = client.post(replay, headers={**owner, **RU}, json={"ids": [dead[1].id, dead[0].id]})
    assert mixed.status_code == 422
    assert mixed.json()["detail"].startswith(f"уведомление {dead[0].id}")
    assert notifications.outbox_counts(world.db, org=world.org_a)["dead"] == 1
    typo = client.post(replay, headers=owner, json={"id": dead[1].id})
    assert typo.status_code == 422  # not a request to replay everything
    assert client.post(replay, headers=owner, json={"ids": []}).status_code == 422
    rest = client.post(replay, headers=owner, json={})
    assert rest.json() == {"replayed": 1}
    assert client.get(url, headers=owner).json()["counts"] == {
        "pending": 2,
        "delivered": 0,
        "dead": 0,
    }
    events = audit.list_events(world.db, org=world.org_a)[:2]
    assert [(e.action, e.object_id, e.via, e.actor) for e in events] == [
        ("notifications.replay", "1 dead", "api", world.email("owner")),
        ("notifications.replay", dead[0].id, "api", world.email("owner")),
    ]
    for role in ("driver", "analyst", "viewer", "advocate"):
        assert client.get(url, headers=_auth(world, role)).status_code == 403, role
        assert client.post(replay, headers=_auth(world, role), json={}).status_code == 403


def test_another_organisations_objects_answer_404_on_every_route(
    client: TestClient, world: World, data: ProgramData
) -> None:
    add_program(world.db, world.org_b, world.tmp, advocate_email="advocate@b.example.ru")
    theirs = notifications.add_channel(
        world.db,
        notifications.NewChannel(world.org_b, ChannelKind.WEBHOOK, "https://b.example.ru/h"),
    ).channel
    ours = notifications.add_channel(
        world.db,
        notifications.NewChannel(world.org_a, ChannelKind.EMAIL, "care@a.example.ru"),
    ).channel
    _kill_everything(world)
    foreign_dead = notifications.list_outbox(world.db, status=OutboxStatus.DEAD, org=world.org_b)
    assert len(foreign_dead) == 2  # case.opened to B's advocate, for C1 and C3
    requests = (
        ("GET", "/case-rules", None),
        ("PUT", "/case-rules", {"document": "lang: ru\n"}),
        ("GET", "/channels", None),
        ("POST", "/channels", {"kind": "email", "destination": "x@b.example.ru"}),
        ("DELETE", f"/channels/{ours.id}", None),
        ("GET", "/outbox", None),
        ("POST", "/outbox/replay", {}),
    )
    # B's owner on A's URLs, and A's owner on B's: the organisation itself is not found.
    for token, org in (("other", world.org_a), ("owner", world.org_b)):
        for method, path, body in requests:
            answer = client.request(
                method, _base(world, org) + path, headers=_auth(world, token), json=body
            )
            assert answer.status_code == 404, (token, method, path)
            assert answer.headers["content-type"] == PROBLEM
    # B's objects reached through A's own URL: not found either, and the same text as for an
    # object that does not exist.
    owner = _auth(world, "owner")
    gone = client.delete(_base(world) + f"/channels/{theirs.id}", headers=owner)
    assert gone.status_code == 404
    replay = _base(world) + "/outbox/replay"
    foreign = client.post(replay, headers=owner, json={"ids": [foreign_dead[0].id]})
    unknown = client.post(replay, headers=owner, json={"ids": ["no-such-id"]})
    assert (foreign.status_code, unknown.status_code) == (404, 404)
    assert foreign.json()["detail"] == (
        f"no notification {foreign_dead[0].id} in this organisation"
    )
    assert unknown.json()["detail"] == "no notification no-such-id in this organisation"
    assert client.post(replay, headers=owner, json={"ids": ["a\x00b"]}).status_code == 422
    mixed = client.post(replay, headers=owner, json={"ids": [foreign_dead[0].id, "x"]})
    assert mixed.status_code == 404
    ours_listed = client.get(_base(world) + "/outbox", headers=owner).json()
    assert {m["id"] for m in ours_listed["items"]}.isdisjoint({m.id for m in foreign_dead})
    assert [
        c["id"] for c in client.get(_base(world) + "/channels", headers=owner).json()["items"]
    ] == [ours.id]
    # Nothing of B changed.
    assert [c.id for c in notifications.list_channels(world.db, org=world.org_b)] == [theirs.id]
    assert notifications.outbox_counts(world.db, org=world.org_b) == {
        "pending": 0,
        "delivered": 0,
        "dead": 2,
    }
    assert show_rules(world.db, org=world.org_b) == DEFAULT_DOCUMENT
