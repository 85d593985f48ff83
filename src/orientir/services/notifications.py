"""Notifications through the transactional outbox: channels, enqueueing, the dead-letter list.

:func:`notify` writes outbox rows on the connection of the caller's transaction, so a
notification exists if and only if the event that causes it was committed: a case that rolls
back sends nothing, a committed case can never lose its notification. ``orientir worker``
(:mod:`orientir.services.worker`) delivers the rows.

Channels belong to an organisation: an e-mail address or a webhook URL, the events it wants
(``*`` for all) and the language of its e-mails. People the event concerns directly (the
assigned advocate, the driver team on an escalation) get e-mail at their own address too.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection

from orientir.config import LANGUAGES
from orientir.domain.notifications import (
    Channel,
    ChannelKind,
    OutboxMessage,
    OutboxStatus,
    parse_events,
)
from orientir.domain.organisations import is_valid_email
from orientir.errors import InvalidInput, NotFound
from orientir.i18n import t
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services import program_messages as _messages  # noqa: F401  (registers texts)
from orientir.services._clock import utc_now
from orientir.services.audit import Action, Actor, record
from orientir.storage import organisations as org_repo
from orientir.storage import outbox as repo
from orientir.storage.database import Database

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24
MAX_DESTINATION = 2000


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 24 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def check_webhook_secret(secret: str) -> str:
    if not secret.startswith(SECRET_PREFIX):
        raise InvalidInput(
            "a webhook secret starts with whsec_",
            key="err.notifications.webhook_secret_starts_whsec",
        )
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except ValueError:
        raise InvalidInput(
            "a webhook secret is whsec_ followed by base64",
            key="err.notifications.webhook_secret_whsec_followed",
        ) from None
    if not 24 <= len(key) <= 64:
        raise InvalidInput(
            "a webhook secret holds 24 to 64 bytes",
            key="err.notifications.webhook_secret_holds_bytes",
        )
    return secret


def _check_destination(kind: ChannelKind, destination: str) -> str:
    value = destination.strip()
    if not value or len(value) > MAX_DESTINATION:
        raise InvalidInput(
            f"a destination of 1 to {MAX_DESTINATION} characters is needed",
            key="err.notifications.destination_characters_needed",
            params={"limit": MAX_DESTINATION},
        )
    if kind is ChannelKind.EMAIL:
        if not is_valid_email(value):
            raise InvalidInput(
                f"{value!r} is not an e-mail address",
                key="err.notifications.not_mail_address",
                params={"value": value},
            )
        return value
    parts = urlsplit(value)
    control = any(ord(c) < 32 or ord(c) == 127 for c in value)  # urlsplit keeps a NUL
    if control or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f"{value!r} is not an http(s) URL",
            key="err.notifications.not_http_url",
            params={"value": value},
        )
    return value


@dataclass(frozen=True)
class NewChannel:
    org: str
    kind: ChannelKind
    destination: str
    events: str = "*"
    lang: str = "en"
    secret: str | None = None  # webhooks: generated when not given


@dataclass(frozen=True)
class AddedChannel:
    channel: Channel
    secret: str | None  # shown once to whoever configures the receiver


def add_channel(db: Database, new: NewChannel, *, actor: Actor | None = None) -> AddedChannel:
    destination = _check_destination(new.kind, new.destination)
    if new.lang not in LANGUAGES:
        raise InvalidInput(
            f"lang must be one of {', '.join(LANGUAGES)}",
            key="err.notifications.lang_must",
            params={"languages": ", ".join(LANGUAGES)},
        )
    secret: str | None = None
    if new.kind is ChannelKind.WEBHOOK:
        secret = check_webhook_secret(new.secret) if new.secret else new_webhook_secret()
    elif new.secret:
        raise InvalidInput(
            "only a webhook channel has a secret",
            key="err.notifications.only_webhook_channel_secret",
        )
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, new.org)
        channel = repo.add_channel(
            conn,
            org_id=organisation.id,
            kind=new.kind,
            destination=destination,
            secret=secret,
            events=parse_events(new.events),
            lang=new.lang,
        )
        # A channel sends the organisation's events elsewhere: who added it is on record.
        record(
            conn,
            actor,
            Action.CHANNEL_ADD,
            org_id=organisation.id,
            object_type="channel",
            object_id=channel.id,
        )
    return AddedChannel(channel, secret)


def list_channels(db: Database, *, org: str) -> list[Channel]:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.list_channels(conn, org_id=organisation.id)


def remove_channel(db: Database, *, org: str, channel_id: int, actor: Actor | None = None) -> None:
    """Remove a channel; its undelivered webhooks can no longer be signed and go dead."""
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        repo.remove_channel(conn, org_id=organisation.id, channel_id=channel_id)
        record(
            conn,
            actor,
            Action.CHANNEL_REMOVE,
            org_id=organisation.id,
            object_type="channel",
            object_id=channel_id,
        )


@dataclass(frozen=True)
class Recipient:
    """A person the event concerns, e-mailed at their own address in ``lang``."""

    email: str
    lang: str


def render_email(event: str, data: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """Subject and body of the e-mail for ``event`` in ``lang``."""
    params = {key: "" if value is None else value for key, value in data.items()}
    params["reasons"] = "\n".join(
        f"  - {_reason_text(r, lang)}" for r in data.get("reasons", ())
    ) or t("notify.reason.none", lang)
    params["priority"] = t(f"cases.priority.{data.get('priority', 'normal')}", lang)
    return t(f"notify.{event}.subject", lang, **params), t(f"notify.{event}.body", lang, **params)


def _reason_text(reason: Mapping[str, Any], lang: str) -> str:
    if reason.get("keyword"):
        return t("notify.reason.keyword", lang, **reason)
    value = reason.get("value")
    shown = int(value) if isinstance(value, float) and value.is_integer() else value
    return t("notify.reason.score", lang, **{**reason, "value": shown})


def notify(
    conn: Connection,
    *,
    org_id: int,
    event: str,
    data: Mapping[str, Any],
    recipients: Sequence[Recipient] = (),
    now: datetime | None = None,
) -> list[str]:
    """Write one outbox row per channel that wants ``event`` and per recipient, in the caller's
    transaction; returns their ids. An address reached twice (a channel and a person) gets one."""
    at = now or utc_now()
    envelope = {"type": event, "timestamp": at.isoformat() + "Z", "data": dict(data)}
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: ChannelKind, destination: str, payload: Any, channel_id: int | None) -> None:
        key = (kind.value, destination.lower() if kind is ChannelKind.EMAIL else destination)
        if key in seen:
            return
        seen.add(key)
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "org_id": org_id,
                "channel_id": channel_id,
                "kind": kind.value,
                "event": event,
                "destination": destination,
                "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
                "status": OutboxStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": at,
                "created_at": at,
            }
        )

    def email(address: str, lang: str) -> dict[str, str]:
        subject, body = render_email(event, data, lang)
        return {"to": address, "subject": subject, "body": body, "lang": lang}

    for channel in repo.list_channels(conn, org_id=org_id):
        if not channel.wants(event):
            continue
        if channel.kind is ChannelKind.WEBHOOK:
            add(channel.kind, channel.destination, envelope, channel.id)
        else:
            payload = email(channel.destination, channel.lang)
            add(channel.kind, channel.destination, payload, channel.id)
    for person in recipients:
        add(ChannelKind.EMAIL, person.email, email(person.email, person.lang), None)
    repo.enqueue(conn, rows)
    return [row["id"] for row in rows]


def _org_id(conn: Connection, org: str | None) -> int | None:
    return None if org is None else org_repo.find_organisation(conn, org).id


def list_outbox(
    db: Database,
    *,
    status: OutboxStatus | None = None,
    org: str | None = None,
    limit: int = 1000,
) -> list[OutboxMessage]:
    """Notifications by status (oldest first, the first ``limit``); ``OutboxStatus.DEAD`` is
    the dead-letter list."""
    with db.engine.connect() as conn:
        return repo.list_messages(conn, status=status, org_id=_org_id(conn, org), limit=limit)


def outbox_counts(db: Database, *, org: str | None = None) -> dict[str, int]:
    with db.engine.connect() as conn:
        return repo.counts(conn, org_id=_org_id(conn, org))


def replay_dead(
    db: Database,
    *,
    message_id: str | None = None,
    org: str | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> int:
    """Queue dead notifications again — one by id, or all (of an organisation); they keep their
    ids, so a receiver that did get an earlier copy can tell. Returns how many were queued.
    With ``org``, a ``message_id`` of another organisation is not found."""
    with db.engine.begin() as conn:
        org_id = _org_id(conn, org)
        if message_id is not None:
            _dead_message(conn, message_id=message_id, org_id=org_id)
        return _replay(conn, message_id=message_id, org_id=org_id, at=now or utc_now(), actor=actor)


def _replay(
    conn: Connection,
    *,
    message_id: str | None,
    org_id: int | None,
    at: datetime,
    actor: Actor | None,
) -> int:
    """Queue one dead notification again (all, without ``message_id``) and record it."""
    count = repo.replay(conn, now=at, message_id=message_id, org_id=org_id)
    record(
        conn,
        actor,
        Action.NOTIFICATIONS_REPLAY,
        org_id=org_id,
        object_type="notification",
        object_id=message_id or f"{count} dead",
    )
    return count


def _dead_message(conn: Connection, *, message_id: str, org_id: int | None) -> OutboxMessage:
    """The dead notification ``message_id`` (of organisation ``org_id`` when given): another
    organisation's is not found, exactly like one that does not exist."""
    try:
        found: OutboxMessage | None = repo.get_message(conn, message_id=message_id)
    except NotFound:
        if org_id is None:
            raise
        found = None
    if found is None or (org_id is not None and found.org_id != org_id):
        raise NotFound(
            f"no notification {message_id} in this organisation",
            key="err.notifications.no_notification_organisation",
            params={"message_id": message_id},
        )
    if found.status is not OutboxStatus.DEAD:
        raise InvalidInput(
            f"notification {message_id} is {found.status.value}, not dead",
            key="err.notifications.notification_not_dead",
            params={"message_id": message_id, "status": found.status.value},
        )
    return found


def replay_messages(
    db: Database,
    *,
    org: str,
    message_ids: Sequence[str],
    now: datetime | None = None,
    actor: Actor | None = None,
) -> int:
    """Queue the given dead notifications of ``org`` again — all of them or, when one is
    unknown, of another organisation or not dead, none. One audit event per notification."""
    wanted = list(dict.fromkeys(message_ids))  # once each, in the order given
    at = now or utc_now()
    with db.engine.begin() as conn:
        org_id = org_repo.find_organisation(conn, org).id
        for message_id in wanted:
            _dead_message(conn, message_id=message_id, org_id=org_id)
        return sum(
            _replay(conn, message_id=message_id, org_id=org_id, at=at, actor=actor)
            for message_id in wanted
        )
