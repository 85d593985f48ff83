"""Cases opened by completed responses, in the response's own transaction; their life from open
to closed; escalation of overdue cases. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from orientir.domain.cases import CaseStatus, CustomerValue, Priority
from orientir.domain.notifications import ChannelKind, OutboxStatus
from orientir.errors import InvalidInput, NotFound
from orientir.services import case_actions as actions
from orientir.services import cases as service
from orientir.services import notifications, responding
from orientir.services._clock import utc_now
from orientir.services.case_rules import set_rules, show_rules
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.waves import token_hash
from orientir.storage import cases as case_repo
from orientir.storage.database import Database
from orientir.storage.organisations import find_organisation
from orientir.storage.tables import cases, outbox, responses
from tests.program.conftest import TODAY, World

DETRACTOR = {"nps": 3, "csat": 4, "comment": "Долго отвечали"}


def _count(db: Database, table: object, *where: object) -> int:
    with db.engine.connect() as conn:
        query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
        return int(conn.execute(query).scalar_one())


def _outbox(db: Database) -> list[tuple[str, str, str]]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.kind, outbox.c.event, outbox.c.destination)).all()
    return sorted((str(k), str(e), str(d)) for k, e, d in rows)


def _channels(world: World) -> str:
    added = notifications.add_channel(
        world.db,
        notifications.NewChannel(world.org, ChannelKind.WEBHOOK, "http://127.0.0.1:9/hooks"),
    )
    notifications.add_channel(
        world.db,
        notifications.NewChannel(
            world.org, ChannelKind.EMAIL, "care@romashka.example", events="case.opened", lang="ru"
        ),
    )
    assert added.secret is not None
    assert added.secret.startswith("whsec_")
    return added.secret


def test_low_scores_and_complaints_open_cases_only_from_linked_customer_waves(
    world: World,
) -> None:
    _channels(world)
    world.answer("C1", **DETRACTOR)
    world.answer("C2", nps=9, csat=5, comment="Всё хорошо")  # a promoter: no case
    world.answer("C3", nps=9, comment="Хочу оформить возврат денег")  # a complaint
    world.answer("P1", nps=2)  # a partner of an identified wave
    world.answer_anonymously(nps=0, csat=1, comment="жалоба")  # anonymous: never a case
    found = service.list_cases(world.db, org=world.org)
    assert [(c.customer, c.customer_kind) for c in found] == [
        ("C1", "customer"),
        ("C3", "customer"),
        ("P1", "partner"),
    ]
    first = found[0]
    assert [(r.rule, r.item, r.value) for r in first.reasons] == [("detractor", "nps", 3.0)]
    assert found[1].reasons[0].keyword == "возврат денег"
    assert first.status is CaseStatus.OPEN
    assert first.priority is Priority.NORMAL
    assert first.due_at - first.opened_at == timedelta(days=5)
    assert first.wave == "cx"
    assert found[2].wave == "px"
    # auto-assigned to the least loaded advocate, in turn
    assert [c.assignee for c in found] == ["A1", "A2", "A1"]
    # one webhook per case, the channel mailbox for case.opened, and the advocate's own address
    sent = _outbox(world.db)
    assert sent.count(("webhook", "case.opened", "http://127.0.0.1:9/hooks")) == 3
    assert sent.count(("email", "case.opened", "care@romashka.example")) == 3
    assert ("email", "case.opened", "artem@example.ru") in sent
    assert ("email", "case.opened", "alla@example.ru") in sent
    with world.db.engine.connect() as conn:
        body = json.loads(conn.execute(select(outbox.c.payload).limit(1)).scalar_one())
    assert "Долго отвечали" not in json.dumps(body, ensure_ascii=False)  # no answers in transit


def test_case_and_notification_commit_or_roll_back_with_the_response(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _channels(world)

    def broken(*_args: object, **_kwargs: object) -> list[str]:
        raise RuntimeError("the outbox is unavailable")

    monkeypatch.setattr(service, "notify", broken)
    with pytest.raises(RuntimeError):
        world.answer("C1", **DETRACTOR)
    assert _count(world.db, responses) == 0  # the answer went back with the case
    assert _count(world.db, cases) == 0
    monkeypatch.undo()
    world.answer("C1", **DETRACTOR)
    assert (_count(world.db, responses), _count(world.db, cases)) == (1, 1)
    assert _count(world.db, outbox) == 3  # webhook, channel mailbox, advocate


def test_a_customer_who_saves_page_by_page_then_submits_gets_a_case(world: World) -> None:
    """A page save remembers the link (services.responding's ``_SAVED``) so that the submit can
    be one statement; a customer's submit must still go the way that opens cases."""
    token = world.tokens["C1"]
    saved = responding.save_page(
        world.db, token=token, read=lambda _session: DETRACTOR, today=TODAY
    )
    assert saved.receipt is not None
    assert token_hash(token) in responding._SAVED
    responding.submit_answers(world.db, token=token, answers={}, idempotency_key="k", today=TODAY)
    found = service.list_cases(world.db, org=world.org)
    assert [(c.customer, [r.rule for r in c.reasons]) for c in found] == [("C1", ["detractor"])]


def test_rules_are_configurable_per_organisation(world: World) -> None:
    assert "at_most: 6" in show_rules(world.db, org=world.org)
    document = (
        "respondents: [customer]\nlang: ru\nrules:\n  - {id: harsh, item: nps, at_most: 4}\n"
        "  - {id: complaint, keywords: ['жалоб*']}\n"
    )
    set_rules(world.db, org=world.org, document=document)
    assert show_rules(world.db, org=world.org) == document
    world.answer("C1", nps=5, csat=1)  # CSAT is no longer a rule here
    world.answer("P1", nps=0)  # partners are not followed up here
    world.answer("C2", nps=4, comment="Пишу жалобу")
    found = service.list_cases(world.db, org=world.org)
    assert [(c.customer, [r.rule for r in c.reasons]) for c in found] == [
        ("C2", ["harsh", "complaint"])
    ]
    messages = notifications.list_outbox(world.db, status=OutboxStatus.PENDING)
    assert [(m.destination, m.attempts) for m in messages] == [("artem@example.ru", 0)]
    assert messages[0].next_attempt_at <= utc_now()
    mail = json.loads(messages[0].payload)  # in the organisation's language
    assert mail["subject"] == f"[orientir] Новый кейс {found[0].id}: приоритет обычный, клиент C2"
    assert "«жалоб*» в ответе comment (правило complaint)" in mail["body"]
    assert "nps = 4 (правило harsh)" in mail["body"]
    with pytest.raises(InvalidInput, match="at_most"):
        set_rules(world.db, org=world.org, document="rules:\n  - {item: nps}\n")
    other = create_organisation(world.db, NewOrganisation("Other"), this_year=2026).slug
    assert "at_most: 6" in show_rules(world.db, org=other)  # the defaults elsewhere
    with world.db.engine.begin() as conn:  # a document a newer orientir no longer accepts
        org_id = find_organisation(conn, world.org).id
        case_repo.save_rules_document(conn, org_id=org_id, document="colour: red\n", now=utc_now())
    world.answer("C3", nps=6)  # still answered, and the default rules apply
    assert [c.customer for c in service.list_cases(world.db, org=world.org)] == ["C2", "C3"]


def test_priority_from_value_and_the_case_lifecycle(world: World) -> None:
    world.answer("C1", **DETRACTOR)
    world.answer("C2", **DETRACTOR)
    case_id = service.list_cases(world.db, org=world.org)[0].id
    changed = actions.reprioritise(
        world.db,
        org=world.org,
        values=service.values_from({"C1": CustomerValue("A", 120_000.0), "C2": CustomerValue()}),
    )
    assert [(c.id, c.priority, c.abc_class) for c in changed] == [(case_id, Priority.HIGH, "A")]
    assert changed[0].due_at - changed[0].opened_at == timedelta(days=2)
    with pytest.raises(InvalidInput, match="cannot become resolved"):
        actions.resolve_case(world.db, org=world.org, case_id=case_id, note="done")
    with pytest.raises(InvalidInput, match="not an advocate"):
        actions.assign_case(world.db, org=world.org, case_id=case_id, advocate="E1")
    actions.assign_case(world.db, org=world.org, case_id=case_id, advocate="A2", author="lead")
    actions.start_case(world.db, org=world.org, case_id=case_id, author="alla")
    actions.add_note(world.db, org=world.org, case_id=case_id, note="Позвонила, жду ответа")
    with pytest.raises(InvalidInput, match="a note is needed"):
        actions.resolve_case(world.db, org=world.org, case_id=case_id, note="  ")
    actions.resolve_case(world.db, org=world.org, case_id=case_id, note="Скидка и извинения")
    closed = actions.close_case(world.db, org=world.org, case_id=case_id)
    assert closed.status is CaseStatus.CLOSED
    with pytest.raises(InvalidInput, match="closed cannot become"):
        actions.start_case(world.db, org=world.org, case_id=case_id)
    detail = service.show_case(world.db, org=world.org, case_id=case_id, lang="ru")
    assert [(e.kind, e.to_status) for e in detail.events] == [
        ("opened", "open"),
        ("assigned", None),
        ("status", "in_progress"),
        ("note", None),
        ("status", "resolved"),
        ("status", "closed"),
    ]
    assert detail.events[4].text == "Скидка и извинения"
    assert detail.answers is not None
    assert {a.item: a.value for a in detail.answers} == DETRACTOR
    assert detail.answers[0].text.startswith("Насколько вероятно")  # the question, in Russian
    events = [e for _, e, _ in _outbox(world.db)]
    assert set(events) == {"case.opened", "case.assigned"}  # no channels: only the advocates
    query = service.CaseQuery(statuses=frozenset({CaseStatus.CLOSED}))
    assert [c.id for c in service.list_cases(world.db, org=world.org, query=query)] == [case_id]
    mine = service.list_cases(world.db, org=world.org, query=service.CaseQuery(assignee="A2"))
    assert [c.id for c in mine] == [case_id, case_id + 1]
    other = create_organisation(world.db, NewOrganisation("Other"), this_year=2026).slug
    with pytest.raises(NotFound):
        service.show_case(world.db, org=other, case_id=case_id)


def test_overdue_cases_escalate_once_and_reach_the_driver_team(world: World) -> None:
    world.answer("C1", **DETRACTOR)
    world.answer("C2", **DETRACTOR)
    first, second = service.list_cases(world.db, org=world.org)
    actions.start_case(world.db, org=world.org, case_id=second.id)
    actions.resolve_case(world.db, org=world.org, case_id=second.id, note="Решено")
    later = first.due_at + timedelta(minutes=1)
    assert actions.escalate_overdue(world.db, now=first.due_at - timedelta(minutes=1)) == []
    escalated = actions.escalate_overdue(world.db, org=world.org, now=later)
    assert [c.id for c in escalated] == [first.id]  # the resolved one is not chased
    assert escalated[0].escalated_at == later
    assert actions.escalate_overdue(world.db, now=later + timedelta(days=1)) == []  # only once
    overdue = service.list_cases(
        world.db, org=world.org, query=service.CaseQuery(overdue=True), now=later
    )
    assert [c.id for c in overdue] == [first.id]
    with world.db.engine.connect() as conn:
        rows = conn.execute(
            select(outbox.c.destination, outbox.c.payload).where(outbox.c.event == "case.escalated")
        ).all()
    assert sorted(d for d, _ in rows) == ["artem@example.ru", "dina@example.ru"]
    mail = json.loads(rows[0][1])
    assert mail["subject"].startswith("[orientir] Overdue: case")
    assert "detractor" in mail["body"]
    history = service.show_case(world.db, org=world.org, case_id=first.id).events
    assert history[-1].kind == "escalated"
