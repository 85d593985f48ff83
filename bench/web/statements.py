"""What a survey post's statements cost: SQLAlchemy's ``Connection.execute`` (the peer)
against :class:`orientir.storage.direct.DirectStatement` and the bare driver, on the link
lookup every post starts with, and what an empty ``engine.begin()`` transaction costs.

Run from the project root:

    .venv/bin/python -m bench.web.statements                  # SQLite
    .venv/bin/python -m bench.web.statements --engine postgres

Each figure is the median of five passes over ``--links`` invitations, in milliseconds per
statement (or per transaction); the database is seeded like ``bench.web.run``'s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.web.run import fresh_database, seed
from orientir.services.waves import token_hash
from orientir.storage import survey_links
from orientir.storage.database import Database, open_database


def _per_item(run: Callable[[], int]) -> float:
    run()  # warm: compiled-statement caches, prepared statements
    times = []
    for _ in range(5):
        start = time.perf_counter()
        count = run()
        times.append((time.perf_counter() - start) / count * 1000)
    return statistics.median(times)


def measure(db: Database, hashes: list[str]) -> dict[str, float]:
    lookup = survey_links._BY_INVITATION  # the statement every survey post runs first
    sql = str(lookup.statement.compile(dialect=db.engine.dialect))
    positional = db.engine.dialect.positional

    def through_execute() -> int:
        with db.engine.begin() as conn:
            for h in hashes:
                conn.execute(lookup.statement, {"token_hash": h}).mappings().first()
        return len(hashes)

    def through_direct() -> int:
        with db.engine.begin() as conn:
            for h in hashes:
                lookup.first(conn, {"token_hash": h})
        return len(hashes)

    def on_the_driver() -> int:
        with db.engine.begin() as conn:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            for h in hashes:
                cursor.execute(sql, (h,) if positional else {"token_hash": h})
                cursor.fetchone()
            cursor.close()
        return len(hashes)

    def empty_transactions() -> int:
        for _ in hashes:
            with db.engine.begin():
                pass
        return len(hashes)

    return {
        "select through Connection.execute (peer)": _per_item(through_execute),
        "select through DirectStatement": _per_item(through_direct),
        "select on the driver's cursor": _per_item(on_the_driver),
        "empty engine.begin() transaction": _per_item(empty_transactions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--links", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, fresh_database(args.engine, Path(temp)) as url:
        tokens = seed(url, args.links, Path(temp))
        db = open_database(url)
        try:
            figures = measure(db, [token_hash(t) for t in tokens])
        finally:
            db.dispose()
    peer = figures["select through Connection.execute (peer)"]
    print(f"{args.engine}: ms per statement (median of 5 passes over {args.links} links)")
    for name, value in figures.items():
        ratio = f"  (peer ÷ this {peer / value:.1f}×)" if name.startswith("select") else ""
        print(f"  {name}: {value:.4f}{ratio}")


if __name__ == "__main__":
    main()
