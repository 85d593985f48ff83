"""SQLite writers take turns through the lock file beside the database
(storage/sqlite_writers.py): held from ``BEGIN IMMEDIATE`` to ``COMMIT`` or ``ROLLBACK``, given
back whatever ends the transaction, dropped by the kernel when its holder dies, and never more
than a bounded wait in front of SQLite's own lock."""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from orientir.storage import sqlite_writers
from orientir.storage.database import create_database_engine
from orientir.storage.direct import driver_transaction
from orientir.storage.sqlite_writers import QueuedWriterConnection, lock_path


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "queue.db"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
        setup.execute("INSERT INTO counter VALUES (0)")
    return path


def _connect(path: Path) -> QueuedWriterConnection:
    connection = sqlite3.connect(
        path, factory=QueuedWriterConnection, isolation_level=None, check_same_thread=False
    )
    connection.execute("PRAGMA busy_timeout=10000")
    assert isinstance(connection, QueuedWriterConnection)
    return connection


def _lock_is_free(path: Path) -> bool:
    """Whether another open file description could take the lock file right now."""
    probe = os.open(str(path) + sqlite_writers.LOCK_SUFFIX, os.O_RDWR)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(probe)  # closing drops a lock the probe took
    return True


@pytest.fixture
def connections(database: Path) -> Iterator[tuple[QueuedWriterConnection, QueuedWriterConnection]]:
    first, second = _connect(database), _connect(database)
    yield first, second
    first.close()
    second.close()


def test_the_lock_is_held_from_begin_to_commit_or_rollback(
    database: Path, connections: tuple[QueuedWriterConnection, QueuedWriterConnection]
) -> None:
    writer, _ = connections
    assert Path(lock_path(str(database)) or "").exists()
    assert _lock_is_free(database)
    writer.begin_immediate()
    assert not _lock_is_free(database)
    writer.execute("UPDATE counter SET n = n + 1")
    writer.commit()
    assert _lock_is_free(database)
    writer.begin_immediate()
    assert not _lock_is_free(database)
    writer.rollback()
    assert _lock_is_free(database)
    writer.begin_immediate()
    writer.close()  # a connection closed mid-transaction gives its turn back too
    assert _lock_is_free(database)


def test_a_second_writer_waits_for_the_first_to_commit(
    connections: tuple[QueuedWriterConnection, QueuedWriterConnection],
) -> None:
    first, second = connections
    order: list[str] = []
    first.begin_immediate()
    first.execute("UPDATE counter SET n = n + 1")

    def later_writer() -> None:
        second.begin_immediate()
        order.append("second began")
        (value,) = second.execute("SELECT n FROM counter").fetchone()
        second.execute("UPDATE counter SET n = ?", (value + 10,))
        second.commit()

    thread = threading.Thread(target=later_writer)
    thread.start()
    time.sleep(0.2)
    order.append("first commits")
    first.commit()
    thread.join(timeout=10)
    assert order == ["first commits", "second began"]
    # The second writer read the first's committed value: they did not overlap.
    assert first.execute("SELECT n FROM counter").fetchone() == (11,)


def test_a_failed_begin_gives_the_turn_back(database: Path) -> None:
    outsider = sqlite3.connect(database, isolation_level=None)  # no queue: a foreign program
    outsider.execute("BEGIN IMMEDIATE")
    writer = _connect(database)
    writer.execute("PRAGMA busy_timeout=50")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            writer.begin_immediate()
        assert _lock_is_free(database)
    finally:
        outsider.rollback()
        outsider.close()
        writer.close()


def test_a_writer_stops_queueing_after_the_bound(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock file held for longer than QUEUE_SECONDS (here by a descriptor that holds no SQLite
    lock) delays a writer by that long, then SQLite's own lock decides."""
    monkeypatch.setattr(sqlite_writers, "QUEUE_SECONDS", 0.2)
    holder = os.open(str(database) + sqlite_writers.LOCK_SUFFIX, os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)
    writer = _connect(database)
    try:
        started = time.monotonic()
        writer.begin_immediate()
        waited = time.monotonic() - started
        writer.execute("UPDATE counter SET n = 5")
        writer.commit()
        assert 0.2 <= waited < 5
        assert writer.execute("SELECT n FROM counter").fetchone() == (5,)
    finally:
        os.close(holder)
        writer.close()


HOLD_AND_DIE = """
import os, signal, sqlite3, sys
from orientir.storage.sqlite_writers import QueuedWriterConnection
connection = sqlite3.connect(sys.argv[1], factory=QueuedWriterConnection, isolation_level=None)
connection.begin_immediate()
connection.execute("UPDATE counter SET n = 99")
print("holding", flush=True)
sys.stdin.readline()
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_writer_leaves_neither_lock_nor_write(database: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_DIE, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    assert process.stdout.readline().strip() == "holding"
    assert not _lock_is_free(database)
    process.stdin.write("\n")
    process.stdin.flush()
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert _lock_is_free(database)
    writer = _connect(database)
    try:
        writer.begin_immediate()
        assert writer.execute("SELECT n FROM counter").fetchone() == (0,)
        writer.rollback()
    finally:
        writer.close()


def test_memory_databases_have_no_lock_file(tmp_path: Path) -> None:
    assert lock_path(":memory:") is None
    assert lock_path("file:x.db?mode=ro") is None
    connection = sqlite3.connect(":memory:", factory=QueuedWriterConnection, isolation_level=None)
    assert isinstance(connection, QueuedWriterConnection)
    connection.begin_immediate()
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()


def test_the_application_engine_queues_both_kinds_of_transaction(database: Path) -> None:
    """SQLAlchemy's transactions (the ``begin`` listener) and the driver transactions of the
    survey posts both hold the lock file while they are open, and give it back."""
    engine = create_database_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as conn:
            assert isinstance(conn.connection.driver_connection, QueuedWriterConnection)
            assert not _lock_is_free(database)
            conn.execute(text("UPDATE counter SET n = 1"))
        assert _lock_is_free(database)
        with driver_transaction(engine) as tx:
            assert not _lock_is_free(database)
            tx.driver_connection.execute("UPDATE counter SET n = 2")
        assert _lock_is_free(database)

        def write_then_fail() -> None:
            with driver_transaction(engine) as tx:
                tx.driver_connection.execute("UPDATE counter SET n = 3")
                raise RuntimeError("the request failed")

        with pytest.raises(RuntimeError):
            write_then_fail()
        assert _lock_is_free(database)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT n FROM counter")).scalar_one() == 2
        with pytest.raises(sqlite3.OperationalError), driver_transaction(engine) as tx:
            tx.driver_connection.execute("UPDATE no_such_table SET n = 4")
        assert _lock_is_free(database)
    finally:
        engine.dispose()
