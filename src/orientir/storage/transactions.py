"""An organisation's customer transaction log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from orientir.storage.tables import transactions

LOG_COLUMNS = ("customer_id", "date", "amount", "order_id", "product", "channel")
_BATCH = 20_000  # rows per statement: large enough to be fast, small enough for SQLite's limits


def count_transactions(conn: Connection, *, org_id: int) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(transactions).where(transactions.c.org_id == org_id)
        ).scalar_one()
    )


def add_transactions(conn: Connection, *, org_id: int, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows whose ``row_key`` is new for the organisation; returns how many were new."""
    before = count_transactions(conn, org_id=org_id)
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(transactions).on_conflict_do_nothing(
        index_elements=["org_id", "row_key"]
    )
    for start in range(0, len(rows), _BATCH):
        batch = [{**row, "org_id": org_id} for row in rows[start : start + _BATCH]]
        conn.execute(statement, batch)
    return count_transactions(conn, org_id=org_id) - before


def transaction_log(conn: Connection, *, org_id: int) -> pa.Table:
    """The whole log as Arrow, in the column layout of :mod:`orientir.customers`."""
    result = conn.execute(
        select(*(transactions.c[name] for name in LOG_COLUMNS))
        .where(transactions.c.org_id == org_id)
        .order_by(transactions.c.id)
    )
    columns = list(zip(*result.all(), strict=False)) or [()] * len(LOG_COLUMNS)
    types = (pa.string(), pa.date32(), pa.float64(), pa.string(), pa.string(), pa.string())
    return pa.table(
        {
            name: pa.array(list(values), type=kind)
            for name, values, kind in zip(LOG_COLUMNS, columns, types, strict=True)
        }
    )
