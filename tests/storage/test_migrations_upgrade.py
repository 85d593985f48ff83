"""Upgrading from every earlier schema keeps the data: for each Alembic revision (found in the
migrations folder, so a new one is covered without touching this file) an empty database is
migrated to that revision, given representative rows for every table that exists there (made
from the schema reflected at that revision, see ``tests/reliability/rows.py``), and upgraded to
the head. Every row must come through with the value of every column it had, and the schema
must then equal the declared tables — on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, select

from orientir.storage.audit_chain import verify as verify_audit_chain
from orientir.storage.database import (
    MIGRATIONS,
    create_database_engine,
    current_revision,
    head_revision,
    upgrade,
)
from orientir.storage.tables import metadata
from tests.conftest import scratch_postgres
from tests.reliability.rows import fill

# Tables or columns a later migration removes on purpose, as {revision: {"table" or
# "table.column"}}; empty while no migration drops anything.
DROPPED_LATER: dict[str, set[str]] = {}


def revisions() -> list[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_revisions_are_found() -> None:
    found = revisions()
    assert found[0] == "0001"
    assert found[-1] == head_revision()
    assert len(found) >= 5


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    request.getfixturevalue("postgres_template")  # skips when no server answers
    with scratch_postgres("orientir_m") as url:  # empty: each test migrates it step by step
        yield url


def _names(table: Any) -> list[str]:
    return [column.name for column in table.columns]


def _rows(conn: Any, table: Any, columns: list[str]) -> dict[Any, tuple[Any, ...]]:
    key = next(iter(table.primary_key.columns)).name
    query = select(*(table.c[c] for c in columns)).order_by(table.c[key])
    return {row[columns.index(key)]: tuple(row) for row in conn.execute(query)}


@pytest.mark.parametrize("revision", revisions())
def test_data_written_at_every_revision_survives_the_upgrade(revision: str, empty_url: str) -> None:
    engine = create_database_engine(empty_url)
    try:
        assert upgrade(engine, revision) == revision
        old = MetaData()
        old.reflect(engine)
        old_tables = [t for t in old.sorted_tables if t.name != "alembic_version"]
        assert old_tables, f"revision {revision} has no tables"
        fill(engine, rows=3, metadata=old)
        with engine.connect() as conn:
            before = {t.name: _rows(conn, t, _names(t)) for t in old_tables}
        assert all(len(rows) == 3 for rows in before.values())

        assert upgrade(engine) == head_revision()
        assert current_revision(engine) == head_revision()
        new = MetaData()
        new.reflect(engine)
        dropped = set().union(*DROPPED_LATER.values()) if DROPPED_LATER else set()
        with engine.connect() as conn:
            for table in old_tables:
                if table.name in dropped:
                    continue
                assert table.name in new.tables, f"{table.name} was lost by the upgrade"
                kept = [c for c in _names(table) if f"{table.name}.{c}" not in dropped]
                missing = [c for c in kept if c not in new.tables[table.name].c]
                assert missing == [], f"{table.name} lost columns {missing}"
                after = _rows(conn, new.tables[table.name], kept)
                expected = {
                    key: tuple(v for c, v in zip(_names(table), row, strict=True) if c in kept)
                    for key, row in before[table.name].items()
                }
                assert after == expected, table.name
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
            audit = old.tables.get("audit_events")
            if audit is not None and "chain_hash" not in audit.c:
                # Events written before the chain are chained by its migration (0007).
                for org_id in {row.org_id for row in conn.execute(select(audit.c.org_id))}:
                    assert verify_audit_chain(conn, org_id).first_broken is None
        assert diff == []
    finally:
        engine.dispose()
