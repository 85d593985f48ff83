"""Statements run on the driver's cursor (storage/direct.py) give what ``Connection.execute``
gives — the same values with the same Python types, the same exceptions — on both engines,
inside the caller's transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from orientir.storage.database import Database
from orientir.storage.direct import (
    DirectStatement,
    DriverTransaction,
    driver_transaction,
    run_on_driver,
)

scratch = MetaData()
things = Table(
    "direct_things",
    scratch,
    Column("id", Integer, primary_key=True),
    Column("name", String(50), nullable=False, unique=True),
    Column("note", Text),
    Column("done", Boolean, nullable=False),
    Column("day", Date),
)
defaulted = Table(
    "direct_defaulted",
    scratch,
    Column("id", Integer, primary_key=True),
    Column("flag", Boolean, default=False),
)

INSERT = DirectStatement(insert(things).returning(things.c.id))
BY_NAME = DirectStatement(
    select(things.c.id, things.c.note, things.c.done, things.c.day.label("when")).where(
        things.c.name == bindparam("name")
    )
)
SET = DirectStatement(update(things).where(things.c.id == bindparam("thing_id")))


@pytest.fixture
def tables(db: Database) -> Database:
    scratch.create_all(db.engine)
    return db


def test_values_and_types_are_sqlalchemys(tables: Database) -> None:
    engine = tables.engine
    with engine.begin() as conn:
        first = INSERT.returning(
            conn,
            {"name": "Ёлка", "note": "ответ", "done": True, "day": date(2026, 11, 30)},
            values=["name", "note", "done", "day"],
        )
        second = INSERT.returning(conn, {"name": "b", "done": False}, values=["name", "done"])
        assert isinstance(first, int)
        assert second != first
    with engine.begin() as conn:
        for name in ("Ёлка", "b"):
            direct = BY_NAME.first(conn, {"name": name})
            expected = conn.execute(BY_NAME.statement, {"name": name}).mappings().one()
            assert direct == dict(expected)
            assert direct is not None
            assert [type(v) for v in direct.values()] == [type(v) for v in expected.values()]
        assert BY_NAME.first(conn, {"name": "nobody"}) is None
    row = BY_NAME.first(engine.connect(), {"name": "Ёлка"})
    assert row == {"id": first, "note": "ответ", "done": True, "when": date(2026, 11, 30)}

    with engine.begin() as conn:  # an UPDATE of a chosen set of columns
        SET.write(conn, {"thing_id": second, "day": date(2027, 1, 2)}, values=["day"])
        SET.write(conn, {"thing_id": second, "done": True, "note": None}, values=["done", "note"])
        after = conn.execute(select(things).where(things.c.id == second)).mappings().one()
    assert (after["day"], after["done"], after["note"]) == (date(2027, 1, 2), True, None)


def test_a_driver_error_is_sqlalchemys_without_the_values(tables: Database) -> None:
    secret = "тайный ответ"  # in a column that is no part of the violated key
    columns = ["name", "note", "done"]
    with tables.engine.begin() as conn:
        INSERT.returning(conn, {"name": "a", "note": "x", "done": False}, values=columns)
    with tables.engine.begin() as conn:
        INSERT.returning(conn, {"name": "fresh", "note": "x", "done": True}, values=columns)
        with pytest.raises(IntegrityError) as caught:
            INSERT.returning(conn, {"name": "a", "note": secret, "done": True}, values=columns)
        conn.rollback()  # as a caller whose statement failed: the transaction is abandoned
    assert secret not in str(caught.value)
    assert "[parameters" not in str(caught.value)
    with tables.engine.connect() as conn:  # the failed transaction left nothing behind
        assert BY_NAME.first(conn, {"name": "fresh"}) is None


def test_the_callers_transaction_rolls_back(tables: Database) -> None:
    def write_then_fail() -> None:
        with tables.engine.begin() as conn:
            INSERT.returning(conn, {"name": "gone", "done": True}, values=["name", "done"])
            raise RuntimeError("after the write")

    with pytest.raises(RuntimeError):
        write_then_fail()
    with tables.engine.connect() as conn:
        assert BY_NAME.first(conn, {"name": "gone"}) is None


def test_a_table_with_python_side_defaults_is_refused() -> None:
    with pytest.raises(ValueError, match=r"direct_defaulted\.flag has a Python-side default"):
        DirectStatement(insert(defaulted))


def test_a_statement_rendered_at_execution_time_is_refused(tables: Database) -> None:
    """An expanding IN list is rendered by SQLAlchemy's execution, which this skips."""
    expanding = DirectStatement(
        select(things.c.id).where(things.c.id.in_(bindparam("ids", expanding=True)))
    )
    with tables.engine.connect() as conn, pytest.raises(ValueError, match="post-compiled"):
        expanding.first(conn, {"ids": [1, 2]})


# ---- transactions on the driver (driver_transaction) -------------------------------------------


def test_a_driver_transaction_commits_or_rolls_back_as_a_whole(tables: Database) -> None:
    with driver_transaction(tables.engine) as tx:
        kept = INSERT.returning(tx, {"name": "kept", "done": True}, values=["name", "done"])
        SET.write(tx, {"thing_id": kept, "note": "ещё"}, values=["note"])
        assert BY_NAME.first(tx, {"name": "kept"}) == {
            "id": kept,
            "note": "ещё",
            "done": True,
            "when": None,
        }

    def write_then_fail() -> None:
        with driver_transaction(tables.engine) as tx:
            INSERT.returning(tx, {"name": "gone", "done": True}, values=["name", "done"])
            SET.write(tx, {"thing_id": kept, "note": "changed"}, values=["note"])
            raise RuntimeError("the request failed after its writes")

    with pytest.raises(RuntimeError):
        write_then_fail()
    with tables.engine.connect() as conn:
        assert BY_NAME.first(conn, {"name": "gone"}) is None
        assert BY_NAME.first(conn, {"name": "kept"}) == {
            "id": kept,
            "note": "ещё",
            "done": True,
            "when": None,
        }


def test_a_write_error_in_a_driver_transaction_is_sqlalchemys(tables: Database) -> None:
    """An IntegrityError without the values, and nothing of the transaction is kept."""
    secret = "тайный ответ"
    with driver_transaction(tables.engine) as tx:
        taken = INSERT.returning(tx, {"name": "taken", "done": False}, values=["name", "done"])
        INSERT.returning(tx, {"name": "other", "done": False}, values=["name", "done"])

    def clash() -> None:
        with driver_transaction(tables.engine) as tx:
            SET.write(tx, {"thing_id": taken, "note": "lost"}, values=["note"])
            clashing = {"thing_id": taken, "name": "other", "note": secret}
            SET.write(tx, clashing, values=["name", "note"])

    with pytest.raises(IntegrityError) as caught:
        clash()
    assert secret not in str(caught.value)
    with tables.engine.connect() as conn:
        assert BY_NAME.first(conn, {"name": "taken"}) == {
            "id": taken,
            "note": None,
            "done": False,
            "when": None,
        }
    with driver_transaction(tables.engine) as tx:  # the pool's connection is usable again
        assert BY_NAME.first(tx, {"name": "other"}) is not None


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_connection_dropped_mid_transaction_leaves_the_pool(tables: Database) -> None:
    engine = tables.engine
    with driver_transaction(engine) as tx:
        backend = tx.driver_connection.info.backend_pid
        cursor = tx.cursor
    assert cursor is not None  # psycopg's cursor is made once per connection…

    def dropped() -> None:
        with driver_transaction(engine) as tx:
            assert tx.driver_connection.info.backend_pid == backend  # the pooled one again
            assert tx.cursor is cursor  # …and kept with it
            with engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            BY_NAME.first(tx, {"name": "anyone"})

    with pytest.raises(OperationalError):
        dropped()
    with driver_transaction(engine) as tx:  # a new connection, not the dead one
        assert tx.driver_connection.info.backend_pid != backend
        assert tx.cursor is not cursor
        assert BY_NAME.first(tx, {"name": "anyone"}) is None


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_transaction_on_the_autocommit_pool_is_still_one(tables: Database) -> None:
    """The pool for single-write blocks hands out connections in autocommit; a block that is
    not single-write still gets a transaction there, and the connection goes back as it was."""
    unpinged = tables.unpinged
    assert unpinged is not None

    def write_then_fail() -> None:
        with driver_transaction(unpinged) as tx:
            assert tx.driver_connection.autocommit is False
            INSERT.returning(tx, {"name": "a", "done": True}, values=["name", "done"])
            INSERT.returning(tx, {"name": "b", "done": True}, values=["name", "done"])
            raise RuntimeError("after two writes")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert (_count(tables.engine, "a"), _count(tables.engine, "b")) == (0, 0)
    with driver_transaction(unpinged, single_write=True) as tx:
        assert tx.driver_connection.autocommit is True
        INSERT.returning(tx, {"name": "a", "done": True}, values=["name", "done"])
    pooled = unpinged.raw_connection()
    try:
        assert pooled.driver_connection.autocommit is True
    finally:
        pooled.close()
    assert _count(tables.engine, "a") == 1


# ---- a block that writes once: no BEGIN and no COMMIT on PostgreSQL ----------------------------


def _count(engine: Engine, name: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(things.c.name == name)).scalar_one())


def test_a_single_write_block_commits_its_write_and_refuses_a_second(tables: Database) -> None:
    engine = tables.engine
    postgres = engine.dialect.name == "postgresql"

    def two_writes() -> None:
        with driver_transaction(engine, single_write=True) as tx:
            assert BY_NAME.first(tx, {"name": "first"}) is None
            INSERT.returning(tx, {"name": "first", "done": True}, values=["name", "done"])
            if postgres:
                # No transaction around it: the write is visible to others before the block ends.
                assert tx.driver_connection.info.transaction_status.name == "IDLE"
                assert _count(engine, "first") == 1
            INSERT.returning(tx, {"name": "second", "done": True}, values=["name", "done"])

    if postgres:
        with pytest.raises(RuntimeError, match="second write"):
            two_writes()
        assert (_count(engine, "first"), _count(engine, "second")) == (1, 0)  # never sent
    else:
        # SQLite keeps its transaction (the write lock comes first): two writes are fine.
        two_writes()
        assert (_count(engine, "first"), _count(engine, "second")) == (1, 1)

    # The pooled connection is an ordinary one again: a later transaction rolls back whole.
    def write_then_fail() -> None:
        with driver_transaction(engine) as tx:
            INSERT.returning(tx, {"name": "third", "done": True}, values=["name", "done"])
            INSERT.returning(tx, {"name": "fourth", "done": True}, values=["name", "done"])
            raise RuntimeError("after two writes")

    with pytest.raises(RuntimeError, match="after two writes"):
        write_then_fail()
    assert (_count(engine, "third"), _count(engine, "fourth")) == (0, 0)


def _terminate(engine: Engine, backend: int) -> None:
    with engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_connection_dropped_in_the_unpinged_pool_is_retried_before_any_write(
    tables: Database,
) -> None:
    assert tables.unpinged is not None
    assert tables.driver_engine is tables.unpinged
    backends: list[int] = []

    def read_then_write(tx: DriverTransaction) -> int:
        backends.append(tx.driver_connection.info.backend_pid)
        BY_NAME.first(tx, {"name": "once"})  # a dead connection fails here, before the write
        return int(INSERT.returning(tx, {"name": "once", "done": True}, values=["name", "done"]))

    def run() -> int:
        return run_on_driver(
            read_then_write, engine=tables.driver_engine, pinged=tables.engine, single_write=True
        )

    run_on_driver(
        lambda tx: backends.append(tx.driver_connection.info.backend_pid),
        engine=tables.driver_engine,
    )
    pooled = backends.pop()
    _terminate(tables.engine, pooled)  # as a restart of the server would, while it sits idle
    run()
    assert backends[0] == pooled  # tried, found dropped…
    assert backends[1] != pooled  # …and tried again on a new connection
    assert _count(tables.engine, "once") == 1

    # A connection dropped after the write was sent is not retried: the write may have landed.
    attempts: list[int] = []

    def write_then_drop(tx: DriverTransaction) -> None:
        attempts.append(tx.driver_connection.info.backend_pid)
        INSERT.returning(tx, {"name": "late", "done": True}, values=["name", "done"])
        _terminate(tables.engine, tx.driver_connection.info.backend_pid)
        BY_NAME.first(tx, {"name": "late"})

    with pytest.raises(OperationalError):
        run_on_driver(
            write_then_drop, engine=tables.driver_engine, pinged=tables.engine, single_write=True
        )
    assert len(attempts) == 1
    assert _count(tables.engine, "late") == 1


def test_an_update_returning_nothing_gives_none(tables: Database) -> None:
    renamed = DirectStatement(
        update(things).where(things.c.id == bindparam("thing_id")).returning(things.c.id)
    )
    with driver_transaction(tables.engine) as tx:
        kept = INSERT.returning(tx, {"name": "x", "done": False}, values=["name", "done"])
        assert renamed.returning(tx, {"thing_id": kept, "note": "y"}, values=["note"]) == kept
        nobody = {"thing_id": kept + 1000, "note": "y"}
        assert renamed.returning(tx, nobody, values=["note"]) is None
