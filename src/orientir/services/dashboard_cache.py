"""A small in-process memo for the dashboards' heavier analyses.

The index (a bootstrap of 1000 replicates per grouping), the customer models (BG/NBD and
Gamma-Gamma fitted by maximum likelihood), the culture link and the comment themes take a second
or more each on a demo-sized organisation. Their inputs change only when answers, waves,
people, contacts or transactions change, so a result is kept under a key made of what it was
computed from and the organisation's **data version**: per wave its id, status and response
counts (with the highest response id), the number of stored transactions, and the count,
highest id and total name length of people and contacts (names matter to the masking of
comments). A new answer, a closed wave, an import of people, contacts or transactions gives a
new version, and so a fresh computation. Analyses that read waves still open (culture,
comments) are not kept while any open wave has answers, since those change in place.

The memo is per process (each web worker has its own), bounded (least recently used entries
leave first) and thread-safe. The database's URL is part of every key, so two databases served
by one process never share an entry.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import case, func, select

from orientir.domain.waves import WaveStatus
from orientir.storage import organisations as org_repo
from orientir.storage.database import Database
from orientir.storage.tables import contacts, people, responses, transactions, waves

T = TypeVar("T")
MAX_ENTRIES = 64

_lock = threading.Lock()
_entries: OrderedDict[Hashable, Any] = OrderedDict()


def data_version(
    db: Database, *, org: str, open_waves: bool = False
) -> tuple[Hashable, ...] | None:
    """What the organisation's analyses depend on, as a comparable value (see the notes).

    With ``open_waves=False`` (analyses that read closed waves only: the index, NPS by ABC class)
    only closed waves count. With ``open_waves=True`` (culture, comments) a wave still being
    answered makes the result ``None``: answers saved page by page change a stored response in
    place, which no count reveals, so such a result is never kept.
    """
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        per_wave = conn.execute(
            select(
                waves.c.id,
                waves.c.status,
                func.count(responses.c.id),
                func.coalesce(func.sum(case((responses.c.complete, 1), else_=0)), 0),
                func.coalesce(func.max(responses.c.id), 0),
            )
            .select_from(waves.outerjoin(responses, responses.c.wave_id == waves.c.id))
            .where(waves.c.org_id == organisation.id)
            .group_by(waves.c.id, waves.c.status)
            .order_by(waves.c.id)
        ).all()
        names = tuple(
            tuple(
                int(v or 0)
                for v in conn.execute(
                    select(func.count(), func.max(table.c.id), func.sum(func.length(column)))
                    .select_from(table)
                    .where(table.c.org_id == organisation.id)
                ).one()
            )
            for table, column in ((people, people.c.name), (contacts, contacts.c.person))
        )
        stored = conn.execute(
            select(func.count())
            .select_from(transactions)
            .where(transactions.c.org_id == organisation.id)
        ).scalar_one()
    closed = WaveStatus.CLOSED.value
    if open_waves and any(str(status) != closed and n for _, status, n, _, _ in per_wave):
        return None
    return (
        organisation.id,
        tuple(
            (int(a), str(b), int(c), int(d), int(e))
            for a, b, c, d, e in per_wave
            if open_waves or str(b) == closed
        ),
        names,
        int(stored),
    )


def transaction_count(db: Database, *, org: str) -> tuple[int, int]:
    """(organisation id, number of stored transactions): the key of the customer models."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        count = conn.execute(
            select(func.count())
            .select_from(transactions)
            .where(transactions.c.org_id == organisation.id)
        ).scalar_one()
    return organisation.id, int(count)


def remembered(db: Database, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The value kept under ``key`` for this database, or ``compute()`` kept from now on.

    Two requests missing at once both compute (no lock is held while computing); the results
    are equal, and the later one is kept.
    """
    full = (db.engine.url.render_as_string(hide_password=True), *key)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _entries[full] = value
        _entries.move_to_end(full)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget_all() -> None:
    """Empty the memo (tests, and after restoring a database from a backup)."""
    with _lock:
        _entries.clear()
