"""Notification channels and the outbox the worker delivers from.

Claiming: a worker takes due rows by setting ``claimed_until`` (a lease) and its own
``claim_token`` in a short transaction, and sends after that transaction committed — never with a
transaction held open across the network. On PostgreSQL the candidate rows are read ``FOR
UPDATE SKIP LOCKED``, so concurrent workers never wait on one another nor take the same row; on
SQLite the engine opens every transaction with ``BEGIN IMMEDIATE`` (see ``storage.database``),
which serialises claimers. A worker killed mid-delivery leaves its lease behind; once it
expires the row is due again and another worker delivers it — at least once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, delete, func, insert, or_, select, update

from orientir.domain.notifications import (
    Channel,
    ChannelKind,
    OutboxMessage,
    OutboxStatus,
    parse_events,
)
from orientir.errors import AlreadyExists, NotFound
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.tables import notification_channels, outbox

MAX_ERROR = 2000


def _channel(row: RowMapping) -> Channel:
    return Channel(
        id=row["id"],
        org_id=row["org_id"],
        kind=ChannelKind(row["kind"]),
        destination=row["destination"],
        events=parse_events(row["events"]),
        lang=row["lang"],
        active=bool(row["active"]),
        has_secret=row["secret"] is not None,
    )


def add_channel(
    conn: Connection,
    *,
    org_id: int,
    kind: ChannelKind,
    destination: str,
    secret: str | None,
    events: Sequence[str],
    lang: str,
) -> Channel:
    taken = conn.execute(
        select(notification_channels.c.id).where(
            notification_channels.c.org_id == org_id,
            notification_channels.c.kind == kind.value,
            notification_channels.c.destination == destination,
        )
    ).first()
    if taken is not None:
        raise AlreadyExists(
            f"a {kind.value} channel to {destination} already exists",
            key="err.outbox.channel_already_exists",
            params={"kind": kind.value, "destination": destination},
        )
    new_id = conn.execute(
        insert(notification_channels)
        .values(
            org_id=org_id,
            kind=kind.value,
            destination=destination,
            secret=secret,
            events=",".join(events),
            lang=lang,
            active=True,
        )
        .returning(notification_channels.c.id)
    ).scalar_one()
    return get_channel(conn, org_id=org_id, channel_id=int(new_id))


def get_channel(conn: Connection, *, org_id: int, channel_id: int) -> Channel:
    row = (
        conn.execute(
            select(notification_channels).where(
                notification_channels.c.id == channel_id,
                notification_channels.c.org_id == org_id,
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(
            f"no notification channel {channel_id} in this organisation",
            key="err.outbox.no_notification_channel_organisation",
            params={"channel_id": channel_id},
        )
    return _channel(row)


def list_channels(conn: Connection, *, org_id: int) -> list[Channel]:
    rows = conn.execute(
        select(notification_channels)
        .where(notification_channels.c.org_id == org_id)
        .order_by(notification_channels.c.id)
    ).mappings()
    return [_channel(row) for row in rows]


def remove_channel(conn: Connection, *, org_id: int, channel_id: int) -> None:
    get_channel(conn, org_id=org_id, channel_id=channel_id)
    conn.execute(delete(notification_channels).where(notification_channels.c.id == channel_id))


def channel_secret(conn: Connection, *, channel_id: int | None) -> str | None:
    if channel_id is None:
        return None
    found = conn.execute(
        select(notification_channels.c.secret).where(notification_channels.c.id == channel_id)
    ).scalar()
    return None if found is None else str(found)


def enqueue(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(outbox), list(rows))


def _message(row: RowMapping) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        org_id=row["org_id"],
        channel_id=row["channel_id"],
        kind=ChannelKind(row["kind"]),
        event=row["event"],
        destination=row["destination"],
        payload=row["payload"],
        status=OutboxStatus(row["status"]),
        attempts=int(row["attempts"]),
        next_attempt_at=row["next_attempt_at"],
        created_at=row["created_at"],
        last_error=row["last_error"],
        delivered_at=row["delivered_at"],
    )


def claim_due(
    conn: Connection, *, now: datetime, lease_until: datetime, token: str, limit: int
) -> list[OutboxMessage]:
    """Take up to ``limit`` due, unclaimed (or lease-expired) rows for this worker."""
    due = (
        select(outbox.c.id)
        .where(
            outbox.c.status == OutboxStatus.PENDING.value,
            outbox.c.next_attempt_at <= now,
            or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now),
        )
        .order_by(outbox.c.next_attempt_at, outbox.c.created_at)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(conn.execute(due).scalars())
    if not ids:
        return []
    conn.execute(
        update(outbox)
        .where(outbox.c.id.in_(ids))
        .values(claimed_until=lease_until, claim_token=token)
    )
    rows = conn.execute(
        select(outbox).where(outbox.c.id.in_(ids)).order_by(outbox.c.next_attempt_at)
    ).mappings()
    return [_message(row) for row in rows]


def mark_delivered(conn: Connection, *, message_id: str, now: datetime) -> None:
    # Whoever holds the claim now, the receiver has it: a late success still counts.
    conn.execute(
        update(outbox)
        .where(outbox.c.id == message_id, outbox.c.status == OutboxStatus.PENDING.value)
        .values(
            status=OutboxStatus.DELIVERED.value,
            delivered_at=now,
            attempts=outbox.c.attempts + 1,
            claimed_until=None,
            claim_token=None,
            last_error=None,
        )
    )


def mark_failed(
    conn: Connection,
    *,
    message_id: str,
    token: str,
    error: str,
    next_attempt_at: datetime,
    dead: bool,
) -> None:
    """Count a failed attempt, only while this worker still holds the claim (a worker whose
    lease ran out must not count a failure twice)."""
    conn.execute(
        update(outbox)
        .where(
            outbox.c.id == message_id,
            outbox.c.claim_token == token,
            outbox.c.status == OutboxStatus.PENDING.value,
        )
        .values(
            status=(OutboxStatus.DEAD if dead else OutboxStatus.PENDING).value,
            attempts=outbox.c.attempts + 1,
            last_error=error[:MAX_ERROR],
            next_attempt_at=next_attempt_at,
            claimed_until=None,
            claim_token=None,
        )
    )


def list_messages(
    conn: Connection, *, status: OutboxStatus | None, org_id: int | None = None, limit: int = 1000
) -> list[OutboxMessage]:
    query = select(outbox).order_by(outbox.c.created_at, outbox.c.id).limit(limit)
    if status is not None:
        query = query.where(outbox.c.status == status.value)
    if org_id is not None:
        query = query.where(outbox.c.org_id == org_id)
    return [_message(row) for row in conn.execute(query).mappings()]


def replay(
    conn: Connection, *, now: datetime, message_id: str | None = None, org_id: int | None = None
) -> int:
    """Send dead rows again under their own ids, with a fresh count of attempts."""
    conditions = [outbox.c.status == OutboxStatus.DEAD.value]
    if message_id is not None:
        conditions.append(outbox.c.id == message_id)
    if org_id is not None:
        conditions.append(outbox.c.org_id == org_id)
    result = conn.execute(
        update(outbox)
        .where(and_(*conditions))
        .values(
            status=OutboxStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            claimed_until=None,
            claim_token=None,
        )
    )
    return int(result.rowcount)


def counts(conn: Connection, *, org_id: int | None = None) -> dict[str, int]:
    query = select(outbox.c.status, func.count()).group_by(outbox.c.status)
    if org_id is not None:
        query = query.where(outbox.c.org_id == org_id)
    found = {status.value: 0 for status in OutboxStatus}
    found.update({str(s): int(n) for s, n in conn.execute(query).all()})
    return found


def get_message(conn: Connection, *, message_id: str) -> OutboxMessage:
    row = conn.execute(select(outbox).where(outbox.c.id == message_id)).mappings().first()
    if row is None:
        raise NotFound(
            f"no notification {message_id}",
            key="err.outbox.no_notification",
            params={"message_id": message_id},
        )
    return _message(row)
