"""SQLite writers of several processes take turns through an operating-system lock.

SQLite lets one connection write at a time. Every transaction of the application takes that
lock at its start (``BEGIN IMMEDIATE``, see storage/database.py), and a connection that finds
it taken waits in SQLite's busy handler, which *sleeps* and retries: 1 ms, 2, 5, 10, 15, 20,
25… (``sqliteDefaultBusyCallback`` in SQLite's ``main.c``). A survey post holds the lock for
about 0.2 ms, so with two server processes posting at once every collision cost a millisecond
or more of a blocked event loop, and two workers on one file served *fewer* posts than one
(``docs/benchmarks.md``, "Web").

:class:`QueuedWriterConnection` is the ``sqlite3`` connection of every engine the application
opens on a file: before ``BEGIN IMMEDIATE`` it takes an exclusive ``flock`` on a lock file
beside the database, and it lets go right after ``COMMIT`` or ``ROLLBACK``. A writer that
finds the lock file taken polls it every 50 µs to 1 ms, so it follows the one before it within
a fraction of a millisecond. SQLite's own lock stays the authority: the lock file only orders
this application's writers among themselves. A process that dies holding it releases it (the
kernel drops a dead process's ``flock``); a writer that has waited :data:`QUEUE_SECONDS` stops
queueing and goes on to ``BEGIN IMMEDIATE`` and SQLite's busy timeout, exactly as before, so no
wait is longer than it was without the queue by more than that.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

QUEUE_SECONDS = 2.0
_FIRST_PAUSE = 0.00005
_LONGEST_PAUSE = 0.001
LOCK_SUFFIX = "-writers.lock"


def lock_path(database: str) -> str | None:
    """The lock file of a database file; None for an in-memory or URI database."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return database + LOCK_SUFFIX


class QueuedWriterConnection(sqlite3.Connection):
    """A ``sqlite3`` connection whose write transactions queue on the database's lock file."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        self._holding = False
        self._lock_fd: int | None = None
        path = lock_path(os.fspath(database)) if fcntl is not None else None
        if path is not None:
            with contextlib.suppress(OSError):  # a read-only folder: SQLite's busy handler alone
                self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def begin_immediate(self) -> None:
        """``BEGIN IMMEDIATE`` after this connection's turn in the queue."""
        self._queue()
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._leave()
            raise

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._leave()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._leave()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._leave()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def _queue(self) -> None:
        if self._lock_fd is None or self._holding:
            return
        deadline = None
        pause = _FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                now = time.monotonic()
                if deadline is None:
                    deadline = now + QUEUE_SECONDS
                elif now >= deadline:
                    return  # SQLite's busy timeout decides from here
                time.sleep(pause)
                pause = min(pause * 2, _LONGEST_PAUSE)
                continue
            self._holding = True
            return

    def _leave(self) -> None:
        if self._holding and self._lock_fd is not None:
            self._holding = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)


def begin_immediate(driver_connection: Any) -> None:
    """``BEGIN IMMEDIATE`` on any ``sqlite3`` connection, queued if it can queue."""
    if isinstance(driver_connection, QueuedWriterConnection):
        driver_connection.begin_immediate()
    else:
        driver_connection.execute("BEGIN IMMEDIATE")
