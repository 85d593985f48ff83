"""Representative rows for every table of a schema, made from the schema itself (reflected from a
database, so it works at any migration revision): two rows per table, parents first, foreign
keys pointing at existing rows (a table's own rows too), awkward but valid values — Cyrillic and
emoji, strings of the column's full length, integers past 2^53, floats that decimal cannot
write exactly, times with microseconds — and every nullable column empty in the second row."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    insert,
    select,
)


def value_for(column: Column[Any], n: int, tag: str) -> Any:
    kind = column.type
    if isinstance(kind, Boolean):
        return n % 2 == 0
    if isinstance(kind, BigInteger):
        return 2**53 + 1 + n
    if isinstance(kind, Integer):
        return 7 + n
    if isinstance(kind, Float | Numeric):
        return 0.1 + n / 3 if n == 0 else 1.0e300
    if isinstance(kind, DateTime):
        return datetime(2026, 3, 10, 9, 30, 15, 123456) + timedelta(days=n, microseconds=n)
    if isinstance(kind, Date):
        return date(2026, 3, 10) + timedelta(days=40 * n)
    if isinstance(kind, String):
        text = f"{tag}-{n} Ёлка «{column.table.name}.{column.name}» 🙂 \"q\" 'a'\n\tend"
        length = getattr(kind, "length", None)
        if length and n == 0:  # exactly the full length
            return (text * (length // len(text) + 1))[:length]
        return text[:length] if length else text * 40
    raise TypeError(f"no sample value for {column.table.name}.{column.name}: {kind!r}")


def _keys(engine: Engine, table: Table) -> list[Any]:
    key = next(iter(table.primary_key.columns))
    with engine.connect() as conn:
        return list(conn.execute(select(key).order_by(key)).scalars())


def fill(
    engine: Engine, *, rows: int = 2, metadata: MetaData | None = None
) -> dict[str, list[Any]]:
    """Insert ``rows`` rows into every table (of ``metadata``, or as reflected); returns the
    primary keys inserted per table."""
    if metadata is None:
        metadata = MetaData()
        metadata.reflect(engine)
    tag = uuid.uuid4().hex[:6]
    inserted: dict[str, list[Any]] = {}
    for table in metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        own_keys: list[Any] = []
        for n in range(rows):
            values: dict[str, Any] = {}
            for column in table.columns:
                fks = list(column.foreign_keys)
                if fks:
                    parent = fks[0].column.table
                    if parent is table:
                        values[column.name] = own_keys[-1] if own_keys else None
                        continue
                    choices = inserted.get(parent.name) or _keys(engine, parent)
                    values[column.name] = choices[n % len(choices)]
                    continue
                if column.primary_key and isinstance(column.type, Integer):
                    continue  # the database numbers it
                if column.primary_key:
                    values[column.name] = str(uuid.uuid4())
                    continue
                if n == 1 and column.nullable:
                    values[column.name] = None
                    continue
                values[column.name] = value_for(column, n, tag)
            with engine.begin() as conn:
                result = conn.execute(insert(table).values(values))
                key = result.inserted_primary_key
            own_keys.append(key[0] if key and key[0] is not None else values.get("id"))
        inserted[table.name] = own_keys
    return inserted


def dump(engine: Engine, metadata: MetaData) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
    return out
