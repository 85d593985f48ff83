"""Connecting to the application database and keeping its schema current.

SQLite (the embedded default) gets WAL journaling, foreign keys and a busy timeout on every
connection; its file is created and migrated on first use. PostgreSQL is migrated only by
``orientir db upgrade``: a production schema changes when an operator says so, and until then
:func:`open_database` refuses with :class:`SchemaOutOfDate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from orientir.errors import InvalidInput, SchemaOutOfDate, StorageError
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.direct import begin_immediate
from orientir.storage.sqlite_writers import QueuedWriterConnection

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, say when a transaction begins (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A deferred transaction that later writes cannot wait for the lock: SQLite fails it at once
    # with "database is locked". Taking the write lock at the start makes concurrent writers
    # queue on busy_timeout instead; WAL keeps readers of committed data unblocked.
    # On the driver's connection: through exec_driver_sql this one statement cost 0.05 ms of
    # SQLAlchemy's execution machinery on every transaction (storage/direct.py says more).
    begin_immediate(connection.connection.driver_connection, connection.dialect)


def _no_nul_characters(
    _conn: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any, _many: bool
) -> None:
    # PostgreSQL refuses a NUL character in text with a DataError (a 500, whose message quotes
    # the values); SQLite would store it. Refused alike on both, as the caller's bad input,
    # before the statement is sent: the importers report it per row and column
    # (services/_records.py), this catches every other way in (a name typed in a form, an API
    # body). The survey posts' statements on the driver (storage/direct.py) do not pass here:
    # their text is the answers' JSON, which escapes the character.
    if _contains_nul(parameters):
        raise InvalidInput(
            "a text contains a NUL character (byte 0), which text may not hold",
            key="err.database.nul_character",
        )


def _contains_nul(parameters: Any) -> bool:
    """Whether a string among ``parameters`` holds a NUL: the rows of an executemany (dicts or
    tuples), one row, or the flat tuple of many rows that SQLAlchemy's "insertmanyvalues" sends
    as one statement, and strings inside a value (an array). About 0.4 µs a row of eight
    values: 0.4 s over a million imported transactions."""
    rows = parameters if isinstance(parameters, list) else (parameters,)
    for row in rows:
        values: Iterable[Any]
        if isinstance(row, dict):
            values = row.values()
        elif isinstance(row, tuple | list):
            values = row
        else:
            values = (row,)
        for value in values:
            if value.__class__ is str:
                if "\x00" in value:
                    return True
            elif isinstance(value, tuple | list | dict) and _contains_nul(value):
                return True
    return False


def create_database_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite the file's folder is created and pragmas set."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Writers of several processes (server workers, the CLI) take turns through a lock file
        # instead of SQLite's sleeping busy handler: storage/sqlite_writers.py.
        engine = create_engine(url, connect_args={"factory": QueuedWriterConnection})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "before_cursor_execute", _no_nul_characters)
    return engine


def _alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        raise StorageError(
            "the package ships no migrations", key="err.database.package_ships_no_migrations"
        )
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Apply migrations up to ``revision``; returns the revision the database is now at."""
    try:
        command.upgrade(_alembic_config(engine), revision)
    except OperationalError as exc:
        raise StorageError(
            f"cannot migrate the database: {exc.orig}",
            key="err.database.cannot_migrate_database",
            params={"reason": exc.orig},
        ) from None
    now = current_revision(engine)
    assert now is not None
    return now


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(_alembic_config(engine), revision)


@dataclass(frozen=True)
class Database:
    """An engine whose schema is known to be current.

    ``unpinged``: the same server database through a pool that does not ping on checkout and
    whose connections are in autocommit, for the survey posts' single-write blocks on the
    driver, which notice a dropped connection on their first statement and try again on
    ``engine`` (storage.direct.run_on_driver). None on SQLite, whose pool has nothing to ping.
    """

    engine: Engine
    unpinged: Engine | None = None

    @property
    def driver_engine(self) -> Engine:
        """The engine for :func:`~orientir.storage.direct.run_on_driver`."""
        return self.unpinged if self.unpinged is not None else self.engine

    def dispose(self) -> None:
        self.engine.dispose()
        if self.unpinged is not None:
            self.unpinged.dispose()


def open_database(url: str, *, migrate: bool | None = None) -> Database:
    """Connect and make sure the schema is current.

    ``migrate=None`` means: migrate automatically for SQLite (the embedded default), refuse for
    any other database whose schema is behind.
    """
    engine = create_database_engine(url)
    try:
        at = current_revision(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StorageError(
            f"cannot open the database {make_url(url).render_as_string()}: "
            f"{getattr(exc, 'orig', exc)}",
            key="err.database.cannot_open_database",
            params={"url": make_url(url).render_as_string(), "reason": getattr(exc, "orig", exc)},
        ) from None
    head = head_revision()
    if at != head:
        auto = engine.dialect.name == "sqlite" if migrate is None else migrate
        if not auto:
            engine.dispose()
            raise SchemaOutOfDate(
                f"the database is at schema {at or 'none'}, this orientir needs {head}: "
                "run `orientir db upgrade`",
                key="err.database.database_schema_orientir_needs",
                params={"at": at or "none", "head": head},
            )
        upgrade(engine)
    if engine.dialect.name == "sqlite":
        return Database(engine=engine)
    # Connections are made on first use: a process that never posts a survey opens none.
    # In autocommit, as the single-write blocks run (storage.direct.driver_transaction), so
    # neither they nor the pool switch it or roll back on every checkout and return.
    unpinged = create_engine(engine.url, isolation_level="AUTOCOMMIT", pool_reset_on_return=None)
    return Database(engine=engine, unpinged=unpinged)
