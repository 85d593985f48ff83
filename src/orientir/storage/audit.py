"""Rows of the audit log: written inside the transaction of the action they record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select

from orientir.storage import audit_chain
from orientir.storage.tables import audit_events


@dataclass(frozen=True)
class AuditRow:
    id: int
    org_id: int | None
    actor_user_id: int | None
    actor: str
    via: str
    action: str
    object_type: str
    object_id: str | None
    address: str | None
    created_at: datetime


def insert_event(
    conn: Connection,
    *,
    org_id: int | None,
    actor_user_id: int | None,
    actor: str,
    via: str,
    action: str,
    object_type: str,
    object_id: str | None,
    address: str | None,
    now: datetime,
) -> None:
    event = {
        "org_id": org_id,
        "actor": actor[:320],
        "via": via[:10],
        "action": action[:50],
        "object_type": object_type[:50],
        "object_id": None if object_id is None else object_id[:200],
        "address": None if address is None else address[:64],
        "created_at": now,
    }
    audit_chain.lock(conn, org_id)  # until this transaction ends: one append at a time
    chain_hash = audit_chain.link(audit_chain.head(conn, org_id), event)
    conn.execute(
        insert(audit_events).values(**event, actor_user_id=actor_user_id, chain_hash=chain_hash)
    )


def events(
    conn: Connection, *, org_id: int | None, limit: int, before_id: int | None = None
) -> list[AuditRow]:
    """The newest ``limit`` events of ``org_id`` (None: events of no organisation)."""
    query = select(audit_events)
    if org_id is None:
        query = query.where(audit_events.c.org_id.is_(None))
    else:
        query = query.where(audit_events.c.org_id == org_id)
    if before_id is not None:
        query = query.where(audit_events.c.id < before_id)
    query = query.order_by(audit_events.c.id.desc()).limit(limit)
    return [
        AuditRow(
            int(r.id),
            r.org_id,
            r.actor_user_id,
            r.actor,
            r.via,
            r.action,
            r.object_type,
            r.object_id,
            r.address,
            r.created_at,
        )
        for r in conn.execute(query)
    ]
