"""Fixtures of the customer-analytics tests: the engines, and the reference data.

``engine`` is parametrised over DuckDB, Apache Spark (one local session per test run) and
PostgreSQL (a throwaway database, skipped when no server answers), so the same test body
checks every engine against the same expected values — ibis's own habit.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from sqlalchemy.engine import make_url

DATA = Path(__file__).resolve().parents[1] / "data"
POSTGRES_ADMIN_URL = os.environ.get(
    "ORIENTIR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class Engine:
    """An Ibis backend and a way to put a table into it, as a warehouse would hold it."""

    name: str
    backend: Any
    load: Callable[[pa.Table], Any]


@pytest.fixture(scope="session")
def spark_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    pytest.importorskip("pyspark")
    from orientir.services.transactions import local_spark_session

    session = local_spark_session(str(tmp_path_factory.mktemp("spark-warehouse")))
    yield session
    session.stop()


@pytest.fixture(scope="session")
def postgres_backend() -> Iterator[Any]:
    import psycopg

    url = make_url(POSTGRES_ADMIN_URL)
    admin = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
        "dbname": url.database or "postgres",
    }
    name = f"orientir_customers_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(**admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    backend = ibis.postgres.connect(
        host=admin["host"],
        port=admin["port"],
        user=admin["user"],
        password=admin["password"],
        database=name,
    )
    yield backend
    backend.disconnect()
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _table_name() -> str:
    return f"tx_{uuid.uuid4().hex[:10]}"


@pytest.fixture(
    params=[
        "duckdb",
        pytest.param("spark", marks=pytest.mark.spark),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if request.param == "duckdb":
        backend = ibis.duckdb.connect()
        yield Engine("duckdb", backend, lambda t: backend.create_table(_table_name(), t))
        backend.disconnect()
    elif request.param == "spark":
        session = request.getfixturevalue("spark_session")
        backend = ibis.pyspark.connect(session)

        def load_spark(table: pa.Table) -> Any:
            name = _table_name()
            session.createDataFrame(table.to_pandas()).createOrReplaceTempView(name)
            return backend.table(name)

        yield Engine("spark", backend, load_spark)
    else:
        backend = request.getfixturevalue("postgres_backend")
        yield Engine("postgres", backend, lambda t: backend.create_table(_table_name(), t))


# -- reference data --------------------------------------------------------------------------
def read_cdnow() -> pd.DataFrame:
    """The CDNOW sample as a transaction log (``customer_id`` zero-padded text)."""
    raw = pd.read_csv(
        DATA / "CDNOW_sample.txt",
        sep=r"\s+",
        header=None,
        names=["master", "id", "date", "cds", "amount"],
        dtype={"date": str},
    )
    return pd.DataFrame(
        {
            "customer_id": raw["id"].astype(str).str.zfill(4),
            "date": pd.to_datetime(raw["date"], format="%Y%m%d").dt.date,
            "amount": raw["amount"].astype(float),
        }
    )


@pytest.fixture(scope="session")
def cdnow() -> pd.DataFrame:
    return read_cdnow()


@pytest.fixture(scope="session")
def cdnow_calibration_summary(cdnow: pd.DataFrame) -> pa.Table:
    """Fader & Hardie's calibration data: 39 weeks to 1997-09-30, time in weeks."""
    from orientir.customers import btyd_summary

    return btyd_summary(cdnow, unit="days", time_scaler=7.0, end="1997-09-30")


def synthetic_log(seed: int = 7, customers: int = 300) -> pa.Table:
    """A small log with the awkward cases: returns, zero amounts, several purchases on one
    day, tied revenues, customers with only returns, gaps of whole months."""
    rng = np.random.default_rng(seed)
    start = date(2023, 1, 1)
    rows: list[tuple[str, date, float]] = []
    for c in range(customers):
        cid = f"C{c:04d}"
        first = int(rng.integers(0, 500))
        n = int(rng.geometric(0.25))
        days = np.sort(first + rng.integers(0, 730 - first, size=n))
        days[0] = first
        for d in days:
            amount = round(float(rng.gamma(2.0, 40.0)), 2)
            rows.append((cid, start + timedelta(days=int(d)), amount))
        if rng.random() < 0.15:  # a second purchase on the same day
            rows.append((cid, start + timedelta(days=int(days[-1])), 10.0))
        if rng.random() < 0.1:  # a return
            rows.append((cid, start + timedelta(days=int(days[-1]) + 3), -25.5))
    for c in range(5):  # equal revenues, broken by customer_id
        rows.append((f"T{c}", start + timedelta(days=100), 50.0))
    rows.append(("Z0", start + timedelta(days=50), 0.0))  # a free order
    rows.append(("R0", start + timedelta(days=60), -15.0))  # nothing but a return
    customer_id, when, amount = zip(*rows, strict=True)
    return pa.table(
        {
            "customer_id": pa.array(customer_id, pa.string()),
            "date": pa.array(when, pa.date32()),
            "amount": pa.array(amount, pa.float64()),
        }
    )


@pytest.fixture(scope="session")
def log() -> pa.Table:
    return synthetic_log()


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, cdnow: pd.DataFrame) -> Path:
    """CDNOW written the way 1C exports it: Windows-1251, ';', dd.mm.yyyy, decimal commas."""
    path = tmp_path_factory.mktemp("cli") / "продажи.csv"
    frame = pd.DataFrame(
        {
            "Контрагент": cdnow["customer_id"],
            "Дата": pd.to_datetime(cdnow["date"]).dt.strftime("%d.%m.%Y"),
            "Сумма": cdnow["amount"].map(lambda v: f"{v:.2f}".replace(".", ",")),
        }
    )
    frame.to_csv(path, sep=";", index=False, encoding="cp1251")
    return path
