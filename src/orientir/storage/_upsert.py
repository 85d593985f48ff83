"""Insert-or-update by ``(org_id, external_id)``, counting what really changed.

Imports are re-run by people who fix a file and try again; a row whose values are unchanged must
not be written (so nothing else moves), and the report must say how many were new, changed or
untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @classmethod
    def of(cls, outcomes: Mapping[str, str]) -> UpsertCounts:
        """Count a mapping ``external_id → created | updated | unchanged``."""
        values = list(outcomes.values())
        return cls(values.count(CREATED), values.count(UPDATED), values.count(UNCHANGED))


def existing_rows(conn: Connection, table: Table, *, org_id: int) -> dict[str, dict[str, Any]]:
    rows = conn.execute(select(table).where(table.c.org_id == org_id)).mappings()
    return {row["external_id"]: dict(row) for row in rows}


def upsert_by_external_id(
    conn: Connection,
    table: Table,
    *,
    org_id: int,
    records: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, str], dict[str, int]]:
    """Write ``records`` (each with ``external_id``).

    Returns what happened to each record (``external_id → created | updated | unchanged``) and
    the database id of every stored row (``external_id → id``).
    """
    current = existing_rows(conn, table, org_id=org_id)
    outcomes: dict[str, str] = {}
    ids = {ext: row["id"] for ext, row in current.items()}
    fresh: list[dict[str, Any]] = []
    for record in records:
        ext = record["external_id"]
        old = current.get(ext)
        if old is None:
            fresh.append({**record, "org_id": org_id})
            outcomes[ext] = CREATED
            continue
        changes = {k: v for k, v in record.items() if old.get(k) != v}
        if changes:
            conn.execute(update(table).where(table.c.id == old["id"]).values(**changes))
        outcomes[ext] = UPDATED if changes else UNCHANGED
    if fresh:
        # One multi-row statement: imports of thousands of rows would otherwise pay one round
        # trip per row. Ids come back in the order of the rows.
        inserted = conn.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), fresh
        ).scalars()
        ids.update(zip((r["external_id"] for r in fresh), inserted, strict=True))
    return outcomes, ids
