"""Shared fixtures: a fresh real database per test, on SQLite and (when reachable) PostgreSQL.

The ``database_url`` fixture is parametrised over both engines, so every storage test runs
twice with the same code (the ``postgres`` marker lets a run select or skip the second). A
PostgreSQL database is cloned from a migrated template, which keeps a fresh one per test cheap.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from orientir.storage.database import Database, open_database

# Property tests and fuzzing draw the same examples on every run by default, so a test run
# (and CI) passes or fails on the code alone; a run with HYPOTHESIS_PROFILE=explore draws new
# random examples each time, to look for failures the fixed ones miss (a failure it finds
# prints the example to keep as a regression test). A random example failing a CI run once
# cost a whole submission.
settings.register_profile("reproducible", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))

DATA = Path(__file__).parent / "data"
POSTGRES_ADMIN_URL = os.environ.get(
    "ORIENTIR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
_TEMPLATE = f"orientir_tpl_{uuid.uuid4().hex[:8]}"


def _admin_engine():  # type: ignore[no-untyped-def]
    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _url_for(database: str) -> str:
    return make_url(POSTGRES_ADMIN_URL).set(database=database).render_as_string(hide_password=False)


@contextmanager
def scratch_postgres(prefix: str, template: str | None = None) -> Iterator[str]:
    """The URL of a new PostgreSQL database (a copy of ``template`` when given, else empty),
    dropped on leaving however the test ended."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield _url_for(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated PostgreSQL database to clone; skips the test when no server answers."""
    try:
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{_TEMPLATE}"'))
    except OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc.orig}")
    db = open_database(_url_for(_TEMPLATE), migrate=True)
    db.dispose()
    yield _TEMPLATE
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{_TEMPLATE}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty, migrated database of each engine, dropped after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'orientir.db'}"
        return
    with scratch_postgres("orientir_t", request.getfixturevalue("postgres_template")) as url:
        yield url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url, migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'orientir.db'}"
