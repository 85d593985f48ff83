"""The migrations build exactly the tables the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from orientir.errors import SchemaOutOfDate, StorageError
from orientir.storage.database import (
    create_database_engine,
    current_revision,
    downgrade,
    head_revision,
    open_database,
    upgrade,
)
from orientir.storage.tables import metadata


def test_migrated_schema_matches_the_declared_tables(database_url: str) -> None:
    db = open_database(database_url, migrate=True)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    db.dispose()
    assert diff == []


def test_downgrade_to_nothing_and_back(database_url: str) -> None:
    engine = create_database_engine(database_url)
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert "organisations" not in inspect(engine).get_table_names()
    assert upgrade(engine) == head_revision()
    engine.dispose()


def test_sqlite_is_created_and_migrated_on_first_use(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "nested" / "folder" / "orientir.db"  # type: ignore[operator]
    db = open_database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert current_revision(db.engine) == head_revision()
    db.dispose()


@pytest.mark.postgres
def test_postgres_is_never_migrated_behind_the_operators_back(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL only")
    engine = create_database_engine(database_url)
    downgrade(engine, "base")
    engine.dispose()
    with pytest.raises(SchemaOutOfDate, match="orientir db upgrade"):
        open_database(database_url)
    engine = create_database_engine(database_url)
    upgrade(engine)
    engine.dispose()
    open_database(database_url).dispose()


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(StorageError, match="cannot open the database"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none")
