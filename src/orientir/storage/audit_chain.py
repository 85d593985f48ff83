"""The audit log as a hash chain, one per organisation (and one for events of none).

Each event stores ``chain_hash = SHA-256(previous chain_hash + "\\n" + its fields)``, the
previous being the last event of the same organisation (64 zeros for the first). Editing an
event's fields, removing an event or slipping one in between breaks the chain from there on:
recomputing it (:func:`verify`) finds the first event whose stored hash no longer follows.
The newest events can be removed without a trace in what is left, and someone who can write to
the database can rebuild the whole chain; both show against a head hash recorded elsewhere
(``orientir audit --verify`` prints it), which is what an owner keeps.

The fields are those an event is written with, after the columns' own truncation, encoded as
one JSON array; ``actor_user_id`` is left out, because removing a user sets it to NULL
(``ON DELETE SET NULL``) and the chain must not call that tampering — the actor's e-mail is in.
Appends to one chain take turns: on PostgreSQL a transaction-scoped advisory lock per chain,
held until the event's transaction ends; on SQLite every writing transaction already holds the
database's write lock from its start (storage/database.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, select, text

from orientir.storage.tables import audit_events

GENESIS = "0" * 64
CHAINED = (
    "org_id",
    "actor",
    "via",
    "action",
    "object_type",
    "object_id",
    "address",
    "created_at",
)
_LOCK_CLASS = 0x4F524E54  # "ORNT": the first key of the advisory lock; the second, the chain


def _field(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    return value


def link(previous: str, event: Mapping[Any, Any]) -> str:
    """The chain hash of ``event`` (its :data:`CHAINED` fields) after ``previous``."""
    fields = json.dumps([_field(event[name]) for name in CHAINED], ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{fields}".encode()).hexdigest()


def _of_chain(org_id: int | None) -> Any:
    column = audit_events.c.org_id
    return column.is_(None) if org_id is None else column == org_id


def head(conn: Connection, org_id: int | None) -> str:
    """The chain hash of the newest event of ``org_id``'s chain (:data:`GENESIS` if none)."""
    found = conn.execute(
        select(audit_events.c.chain_hash)
        .where(_of_chain(org_id))
        .order_by(audit_events.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return GENESIS if found is None else str(found)


def lock(conn: Connection, org_id: int | None) -> None:
    """Take ``org_id``'s chain for this transaction (see the module's docstring)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:kind, :chain)"),
            {"kind": _LOCK_CLASS, "chain": 0 if org_id is None else org_id},
        )


@dataclass(frozen=True)
class ChainCheck:
    events: int
    head: str  # the stored hash of the newest event (GENESIS when there is none)
    first_broken: int | None  # the id of the first event that does not follow, if any


def verify(conn: Connection, org_id: int | None) -> ChainCheck:
    """Recompute ``org_id``'s chain from the start, in the order the events were written."""
    previous = GENESIS
    count = 0
    broken: int | None = None
    for row in _in_order(conn, org_id):
        count += 1
        if broken is None and link(previous, row) != row["chain_hash"]:
            broken = int(row["id"])
        previous = str(row["chain_hash"])
    return ChainCheck(count, previous, broken)


def _in_order(conn: Connection, org_id: int | None) -> Iterator[RowMapping]:
    query = (
        select(audit_events.c.id, audit_events.c.chain_hash, *(audit_events.c[n] for n in CHAINED))
        .where(_of_chain(org_id))
        .order_by(audit_events.c.id)
    )
    yield from conn.execution_options(yield_per=2000).execute(query).mappings()
