"""The one clock of the program, cases and outbox: naive UTC, as the tables store it.

Naive because SQLite has no time zones and both engines must compare the same values; UTC so
that a worker and a web process in different zones agree on what is due.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
