"""``orientir customers … --table NAME --warehouse URL``: a warehouse table analysed in place.

The same CDNOW log, once as a file and once as a table with Russian column names in a DuckDB
database file and in PostgreSQL: the same tables come back, computed by the warehouse's engine.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest
from sqlalchemy.engine import make_url

from orientir.errors import InvalidInput
from orientir.services.transactions import ColumnMapping, analyse_table

from .conftest import POSTGRES_ADMIN_URL
from .test_cli import _invoke


def _russian(cdnow: pd.DataFrame) -> pa.Table:
    return pa.table(
        {
            "Клиент": pa.array(cdnow["customer_id"].astype(str)),
            "Дата": pa.array(pd.to_datetime(cdnow["date"]).dt.date, pa.date32()),
            "Сумма": pa.array(cdnow["amount"].astype(float)),
            "Канал": pa.array(["web"] * len(cdnow)),
        }
    )


@pytest.fixture
def duckdb_file(tmp_path: Path, cdnow: pd.DataFrame) -> str:
    path = tmp_path / "склад.duckdb"
    con = ibis.duckdb.connect(str(path))
    con.create_table("sales", _russian(cdnow))
    con.disconnect()
    return f"duckdb:///{path}"


def _rows(*args: str) -> list[dict[str, Any]]:
    code, out, err = _invoke(*args, "--json")
    assert code == 0, err
    payload = json.loads(out)
    return [dict(r) for r in payload["rows"]]


def assert_same_rows(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    """Equal row for row; sums may differ in the last bits (the engines add in other orders)."""
    assert len(got) == len(expected) > 0
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.keys() == theirs.keys()
        for key, value in theirs.items():
            if isinstance(value, float):
                assert mine[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key
            else:
                assert mine[key] == value, key


@pytest.mark.parametrize("command", ["abc", "rfm", "summary"])
def test_a_duckdb_table_gives_what_the_file_gives(
    command: str, duckdb_file: str, export: Path
) -> None:
    from_table = _rows(command, "--table", "sales", "--warehouse", duckdb_file)
    assert_same_rows(from_table, _rows(command, "--input", str(export)))


def test_meta_names_the_engine_and_the_columns_not_the_url(duckdb_file: str) -> None:
    code, out, _ = _invoke("abc", "--table", "sales", "--warehouse", duckdb_file, "--json")
    assert code == 0
    meta = json.loads(out)["meta"]
    assert meta["engine"] == "duckdb"
    assert meta["transactions"] == 6919
    assert meta["source"] == {
        "table": "sales",
        "columns": {"customer_id": "Клиент", "date": "Дата", "amount": "Сумма", "channel": "Канал"},
    }
    assert "склад" not in out  # the connection (a path here, a password elsewhere) stays out


def test_bad_sources_are_clear_errors(duckdb_file: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no table 'nope'"):
        analyse_table(duckdb_file, "nope", "abc")
    with pytest.raises(InvalidInput, match="no column 'Выручка' for amount"):
        analyse_table(duckdb_file, "sales", "abc", columns=ColumnMapping(amount="Выручка"))
    with pytest.raises(InvalidInput, match="cannot connect to the postgres warehouse"):
        analyse_table("postgres://nobody@127.0.0.1:1/none", "sales", "abc")
    code, _, err = _invoke("abc", "--table", "sales")
    assert code != 0
    assert "--warehouse" in err
    code, _, err = _invoke("abc")
    assert code != 0
    assert "--input" in err
    code, _, err = _invoke("abc", "--input", "x.csv", "--table", "sales", "--warehouse", "d")
    assert code != 0
    assert "either" in err


@pytest.mark.postgres
def test_a_postgresql_table_is_analysed_where_it_lives(cdnow: pd.DataFrame, export: Path) -> None:
    import psycopg

    url = make_url(POSTGRES_ADMIN_URL)
    name = f"orientir_wh_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            dbname=url.database,
            autocommit=True,
            connect_timeout=3,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable: {exc}")
    warehouse = url.set(database=name).render_as_string(hide_password=False)
    try:
        con = ibis.postgres.connect(host=url.host, port=url.port, user=url.username, database=name)
        con.create_table("sales", _russian(cdnow))
        con.disconnect()
        # The SQLAlchemy-style URL (as ORIENTIR_DATABASE_URL is written) is accepted.
        assert warehouse.startswith("postgresql+psycopg://")
        code, out, err = _invoke("abc", "--table", "sales", "--warehouse", warehouse, "--json")
        assert code == 0, err
        payload = json.loads(out)
        assert payload["meta"]["engine"] == "postgres"
        assert_same_rows(payload["rows"], _rows("abc", "--input", str(export)))
    finally:
        with psycopg.connect(
            host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
