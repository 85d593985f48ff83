"""Delivery in-process against a real SMTP server and a real HTTP receiver: retries with
back-off, the dead-letter list and replay. A fake clock skips the back-off waits."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from orientir.domain.notifications import Backoff, ChannelKind, OutboxStatus
from orientir.errors import InvalidInput, NotFound
from orientir.services import notifications
from orientir.services._clock import utc_now
from orientir.services.senders import SmtpSettings
from orientir.services.worker import WorkerOptions, deliver_due
from orientir.storage.database import Database
from tests.program.conftest import World
from tests.program.receivers import HttpReceiver, SmtpReceiver, free_port

OPTIONS = WorkerOptions(max_attempts=4, backoff=Backoff(base=1, cap=2), lease=10, timeout=5)


class Clock:
    def __init__(self) -> None:
        self.at = utc_now()

    def __call__(self) -> datetime:
        return self.at

    def tick(self, seconds: float = 5) -> None:
        self.at += timedelta(seconds=seconds)


def _pump(db: Database, smtp: SmtpSettings, clock: Clock, passes: int = 8) -> None:
    for _ in range(passes):
        deliver_due(db, OPTIONS, smtp=smtp, now=clock)
        clock.tick()
        if notifications.outbox_counts(db)["pending"] == 0:
            return


def _webhook(world: World, url: str, secret: str | None = None) -> str:
    added = notifications.add_channel(
        world.db,
        notifications.NewChannel(
            world.org, ChannelKind.WEBHOOK, url, events="case.opened", secret=secret
        ),
    )
    assert added.secret is not None
    return added.secret


def test_retries_until_the_receivers_accept(
    world: World, smtp_server: SmtpReceiver, http_receiver: HttpReceiver
) -> None:
    http_receiver.state.secret = _webhook(world, http_receiver.url)
    http_receiver.state.refuse_first = 2
    smtp_server.refuse_first = 1
    notifications.add_channel(
        world.db,
        notifications.NewChannel(world.org, ChannelKind.EMAIL, "care@romashka.example", lang="ru"),
    )
    world.answer("C1", nps=2)
    queued = {m.destination: m for m in notifications.list_outbox(world.db)}
    assert set(queued) == {http_receiver.url, "care@romashka.example", "artem@example.ru"}
    _pump(world.db, SmtpSettings.from_env(smtp_server.env()), Clock())
    done = {m.destination: m for m in notifications.list_outbox(world.db)}
    assert all(m.status is OutboxStatus.DELIVERED for m in done.values())
    assert done[http_receiver.url].attempts == 3  # two refusals, then accepted
    hook_id = queued[http_receiver.url].id
    deliveries = http_receiver.state.deliveries
    assert [(d.id, d.answered) for d in deliveries] == [
        (hook_id, 503),
        (hook_id, 503),
        (hook_id, 200),
    ]
    assert all(d.signature_ok for d in deliveries)
    body = json.loads(deliveries[-1].body)
    assert body["type"] == "case.opened"
    assert body["data"]["customer"] == "C1"
    mail_ids = {
        queued["care@romashka.example"].id: "care@romashka.example",
        queued["artem@example.ru"].id: "artem@example.ru",
    }
    received = {str(m["Message-ID"]): str(m["To"]) for m in smtp_server.messages}
    assert received == {f"<{i}@romashka.example>": to for i, to in mail_ids.items()}
    assert smtp_server.attempts == 3  # one refused with 451, then both accepted
    russian = next(m for m in smtp_server.messages if m["To"] == "care@romashka.example")
    assert str(russian["Subject"]).startswith("[orientir] Новый кейс")
    assert "Причины:" in russian.get_content()


def test_dead_letters_are_listed_and_replayed_under_the_same_id(
    world: World, smtp_server: SmtpReceiver
) -> None:
    port = free_port()  # nobody listens here yet: connection refused
    secret = _webhook(world, f"http://127.0.0.1:{port}/hooks")
    world.answer("C1", nps=2)
    clock = Clock()
    no_smtp = SmtpSettings.from_env({})  # e-mail not configured: every attempt fails
    _pump(world.db, no_smtp, clock)
    dead = notifications.list_outbox(world.db, status=OutboxStatus.DEAD, org=world.org)
    assert len(dead) == 2
    assert all(m.attempts == OPTIONS.max_attempts for m in dead)
    errors = {m.kind: m.last_error or "" for m in dead}
    assert "cannot reach" in errors[ChannelKind.WEBHOOK]
    assert "ORIENTIR_SMTP_HOST" in errors[ChannelKind.EMAIL]
    hook = next(m for m in dead if m.kind is ChannelKind.WEBHOOK)
    mail = next(m for m in dead if m.kind is ChannelKind.EMAIL)
    _pump(world.db, no_smtp, clock)
    assert notifications.outbox_counts(world.db)["dead"] == 2  # dead stays dead

    receiver = HttpReceiver(port)
    receiver.state.secret = secret
    receiver.start()
    try:
        assert notifications.replay_dead(world.db, message_id=hook.id, now=clock()) == 1
        with pytest.raises(InvalidInput, match="not dead"):
            notifications.replay_dead(world.db, message_id=hook.id)
        with pytest.raises(NotFound):
            notifications.replay_dead(world.db, message_id="no-such-id")
        _pump(world.db, no_smtp, clock, passes=1)
        assert receiver.acknowledged() == [hook.id]
        assert notifications.replay_dead(world.db, org=world.org, now=clock()) == 1
        _pump(world.db, SmtpSettings.from_env(smtp_server.env()), clock)
    finally:
        receiver.stop()
    assert smtp_server.message_ids() == [f"<{mail.id}@romashka.example>"]
    assert notifications.outbox_counts(world.db, org=world.org) == {
        "pending": 0,
        "delivered": 2,
        "dead": 0,
    }
