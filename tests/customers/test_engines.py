"""One suite over every engine: the same analyses, the same expected values.

Each test loads the log into the engine's own storage (a DuckDB table, a Spark temporary
view, a PostgreSQL table — "a warehouse table, read in place") and compares the result with
an independent pandas computation from the definitions, or with ``lifetimes``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from lifetimes.utils import summary_data_from_transaction_data

from orientir.customers import (
    AbcThresholds,
    XyzThresholds,
    abc,
    abc_xyz,
    abc_xyz_matrix,
    btyd_summary,
    cohorts,
    rfm,
    standardise,
    xyz,
)
from orientir.errors import InvalidInput

from .conftest import Engine
from .reference import (
    abc_reference,
    assert_frame_matches,
    cohorts_reference,
    rfm_reference,
    xyz_reference,
)


def _lifetimes_summary(
    log: pa.Table, freq: str, multiplier: float = 1.0, end: str | None = None
) -> pd.DataFrame:
    df = log.to_pandas()
    df = df[df["amount"] >= 0].copy()  # orientir's rule: returns are not purchases
    df["date"] = pd.to_datetime(df["date"])
    ref = summary_data_from_transaction_data(
        df,
        "customer_id",
        "date",
        "amount",
        freq=freq,
        freq_multiplier=multiplier,
        observation_period_end=end if end is not None else df["date"].max(),
    ).sort_index()
    ref = ref.reset_index().rename(columns={"index": "customer_id"})
    ref["frequency"] = ref["frequency"].astype("int64")
    return ref[["customer_id", "frequency", "recency", "T", "monetary_value"]]


@pytest.mark.parametrize(("unit", "freq"), [("days", "D"), ("weeks", "W")])
def test_summary_equals_lifetimes(engine: Engine, log: pa.Table, unit: str, freq: str) -> None:
    result = btyd_summary(engine.load(log), unit=unit, backend=engine.backend)
    # The summary's observation end is the last date of the whole log (a return may be last);
    # lifetimes sees only the purchases, so give it the same end.
    end = str(log.column("date").to_pandas().max())
    expected = _lifetimes_summary(log, freq, end=end)
    assert_frame_matches(result, expected)
    assert result.schema.metadata[b"orientir.time_unit"] == unit.encode()
    assert "R0" not in result.column("customer_id").to_pylist()  # nothing but a return


def test_cdnow_calibration_summary(engine: Engine, cdnow: pd.DataFrame) -> None:
    table = pa.Table.from_pandas(cdnow, preserve_index=False)
    result = btyd_summary(
        engine.load(table), unit="days", time_scaler=7.0, end="1997-09-30", backend=engine.backend
    )
    expected = _lifetimes_summary(table, "D", multiplier=7.0, end="1997-09-30")
    assert_frame_matches(result, expected)
    assert result.num_rows == 2357
    assert sum(f > 0 for f in result.column("frequency").to_pylist()) == 946


def test_summary_in_months(engine: Engine, log: pa.Table) -> None:
    result = btyd_summary(engine.load(log), unit="months", backend=engine.backend).to_pandas()
    df = log.to_pandas()
    df = df[df["amount"] >= 0]
    month = pd.to_datetime(df["date"]).dt.to_period("M")
    end = pd.Period(max(log.column("date").to_pylist()), freq="M")
    per = df.assign(month=month).groupby("customer_id")["month"].agg(["min", "max", "nunique"])
    assert result["customer_id"].tolist() == sorted(per.index)
    for row in result.itertuples():
        first, last, n = per.loc[row.customer_id]
        assert row.frequency == n - 1
        assert row.recency == (last - first).n
        assert (end - first).n == row.T


@pytest.mark.parametrize("unit", ["days", "weeks", "months"])
def test_summary_duckdb_fast_path_equals_portable(
    log: pa.Table, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """On DuckDB the first period's amount comes from ``arg_min``; elsewhere from Ibis's
    portable ``argmin``: on DuckDB both give the same table (floats to the rounding of a
    parallel sum, whose order the engine does not fix)."""
    import ibis

    from orientir.customers import summary

    extra = pa.table(  # several purchases in the first period, and in a later one
        {
            "customer_id": ["F1", "F1", "F1", "F1", "F2", "F2"],
            "date": [date(2023, 2, d) for d in (1, 1, 3, 3)] + [date(2023, 3, 6)] * 2,
            "amount": [1.5, 2.25, 4.0, 8.0, 3.0, 0.0],
        },
        schema=log.schema,
    )
    data = pa.concat_tables([log, extra])
    con = ibis.duckdb.connect()
    table = con.create_table("tx", data)
    assert "arg_min" in ibis.to_sql(summary.btyd_summary_expr(table, unit=unit)).lower()
    fast = btyd_summary(table, unit=unit, backend=con)
    original = summary._first_amount
    monkeypatch.setattr(
        summary, "_first_amount", lambda periods, duckdb: original(periods, duckdb=False)
    )
    sql = ibis.to_sql(summary.btyd_summary_expr(table, unit=unit)).lower()
    assert "arg_min" not in sql
    portable = btyd_summary(table, unit=unit, backend=con)
    assert fast.schema.equals(portable.schema)
    assert_frame_matches(fast, portable.to_pandas(), rtol=1e-12)
    rows = {r["customer_id"]: r for r in fast.to_pylist()}
    if unit == "days":
        assert rows["F1"]["frequency"] == 1
        assert rows["F1"]["monetary_value"] == 12.0
    assert rows["F2"]["frequency"] == 0
    assert rows["F2"]["monetary_value"] == 0.0


def test_abc(engine: Engine, log: pa.Table) -> None:
    result = abc(engine.load(log), backend=engine.backend)
    assert_frame_matches(result, abc_reference(log))
    classes = result.column("abc_class").to_pylist()
    assert classes[0] == "A"
    assert set(classes) == {"A", "B", "C"}
    ties = [r for r in result.to_pylist() if r["customer_id"].startswith("T")]
    assert [r["customer_id"] for r in sorted(ties, key=lambda r: r["rank"])] == [
        f"T{i}" for i in range(5)
    ]


def test_abc_boundaries(engine: Engine) -> None:
    result = abc(engine.load(_BOUNDARY), backend=engine.backend).to_pylist()
    assert [(r["customer_id"], r["abc_class"]) for r in result] == [
        ("a", "A"),
        ("b", "A"),
        ("c", "B"),
        ("d", "B"),
        ("e", "C"),
        ("f", "C"),
    ]
    assert [r["cumulative_share"] for r in result[:5]] == pytest.approx([0.5, 0.8, 0.9, 0.95, 1])


def test_abc_thresholds() -> None:  # plain literals in the SQL: one engine is enough
    other = abc(_BOUNDARY, thresholds=AbcThresholds(50, 40, 10))
    assert other.column("abc_class").to_pylist() == ["A", "B", "B", "C", "C", "C"]
    with pytest.raises(InvalidInput, match="add up to 100"):
        AbcThresholds(80, 15, 10)


_BOUNDARY = pa.table(
    {
        "customer_id": ["a", "b", "c", "d", "e", "f"],
        "date": pa.array([date(2024, 1, 1)] * 6, pa.date32()),
        "amount": [50.0, 30.0, 10.0, 5.0, 5.0, -3.0],
    }
)


def test_xyz(engine: Engine, log: pa.Table) -> None:
    result = xyz(engine.load(log), backend=engine.backend)
    assert_frame_matches(result, xyz_reference(log), rtol=1e-7)


def test_xyz_counts_the_months_without_purchases(engine: Engine) -> None:
    days = [date(2024, 1, 5), date(2024, 2, 5), date(2024, 3, 5), date(2024, 5, 5)]
    table = pa.table(
        {
            "customer_id": ["s"] * 4 + ["g"] * 4 + ["late"],
            "date": pa.array(
                [
                    *days,
                    date(2024, 1, 9),
                    date(2024, 2, 9),
                    date(2024, 3, 9),
                    date(2024, 4, 9),
                    date(2024, 5, 1),
                ],
                pa.date32(),
            ),
            "amount": [100.0, 100.0, 100.0, 100.0, 100.0, 105.0, 95.0, 100.0, 10.0],
        }
    )
    rows = {
        r["customer_id"]: r
        for r in xyz(
            engine.load(table), thresholds=XyzThresholds(min_months=2), backend=engine.backend
        ).to_pylist()
    }
    # "s" bought 100 in Jan, Feb, Mar and May: April is a zero month, so CV = 0.5 → Z.
    assert rows["s"]["months"] == 5
    assert rows["s"]["active_months"] == 4
    assert rows["s"]["cv"] == pytest.approx(0.5)
    assert rows["s"]["xyz_class"] == "Z"
    # "g": 100, 105, 95, 100 and an empty May (the log ends in May): mean 80, σ = √1610.
    assert rows["g"]["mean_demand"] == pytest.approx(80.0)
    assert rows["g"]["cv"] == pytest.approx(math.sqrt(1610.0) / 80.0)
    assert rows["g"]["xyz_class"] == "Z"
    assert rows["late"]["cv"] is None
    assert rows["late"]["xyz_class"] is None


def test_matrix(engine: Engine, log: pa.Table) -> None:
    matrix = abc_xyz_matrix(engine.load(log), backend=engine.backend).to_pandas()
    assert len(matrix) == 12
    classes = abc_reference(log).merge(xyz_reference(log), on="customer_id", how="left")
    for row in matrix.itertuples():
        mask = classes["abc_class"] == row.abc_class
        mask &= (
            classes["xyz_class"].isna()
            if pd.isna(row.xyz_class)
            else classes["xyz_class"] == row.xyz_class
        )
        assert row.customers == int(mask.sum())
        assert row.revenue == pytest.approx(classes.loc[mask, "revenue"].sum())
    assert matrix["customers"].sum() == len(classes)
    assert matrix["revenue_share"].sum() == pytest.approx(1.0)


def test_abc_xyz_per_customer(log: pa.Table) -> None:
    per_customer = abc_xyz(log).to_pandas().set_index("customer_id")
    classes = abc_reference(log).merge(xyz_reference(log), on="customer_id", how="left")
    classes = classes.set_index("customer_id")
    assert per_customer["abc_class"].to_dict() == classes["abc_class"].to_dict()
    for cid, row in per_customer.iterrows():
        expected = classes.loc[cid, "xyz_class"]
        assert (pd.isna(row["xyz_class"]) and pd.isna(expected)) or row["xyz_class"] == expected
        assert (pd.isna(row["cell"]) and pd.isna(expected)) or row["cell"] == row[
            "abc_class"
        ] + row["xyz_class"]


def test_rfm(engine: Engine, log: pa.Table) -> None:
    result = rfm(engine.load(log), backend=engine.backend, lang="ru")
    expected = rfm_reference(log)
    assert_frame_matches(result.drop(["segment_name"]), expected)
    names = dict(
        zip(
            result.column("segment").to_pylist(),
            result.column("segment_name").to_pylist(),
            strict=True,
        )
    )
    assert names.get("champions", "Чемпионы") == "Чемпионы"


def test_cohorts(engine: Engine, log: pa.Table) -> None:
    result = cohorts(engine.load(log), backend=engine.backend)
    assert_frame_matches(result, cohorts_reference(log))
    first = result.filter(pa.compute.equal(result.column("period"), 0))
    assert set(first.column("retention").to_pylist()) == {1.0}


@pytest.mark.postgres
@pytest.mark.xfail(
    strict=True,
    reason="known gap: PostgreSQL orders text by the column's collation; under a linguistic "
    "collation (here ICU 'en-x-icu') the customer_id tie-break differs from the byte order of "
    "DuckDB, Spark and a C/C.UTF-8 PostgreSQL database. Ibis cannot request a collation.",
)
def test_tie_break_under_a_linguistic_collation(postgres_backend: object) -> None:
    backend: Any = postgres_backend
    name = "tx_collated"
    backend.raw_sql(
        f'CREATE TABLE {name} (customer_id text COLLATE "en-x-icu", date date, amount float8)'
    )
    backend.raw_sql(f"INSERT INTO {name} VALUES ('a', '2024-01-01', 10), ('B', '2024-01-01', 10)")
    result = abc(backend.table(name), backend=backend)
    assert result.column("customer_id").to_pylist() == ["B", "a"]  # byte order, as DuckDB


def test_a_warehouse_table_with_its_own_column_names(engine: Engine) -> None:
    raw = pa.table(
        {
            "client": ["x", "y", "x"],
            "day": pa.array([date(2024, 1, 1), date(2024, 1, 2), date(2024, 2, 1)], pa.date32()),
            "total": [10.0, 5.0, 20.0],
            "region": ["n", "s", "n"],
        }
    )
    table = standardise(engine.load(raw), customer_id="client", date="day", amount="total")
    assert table.columns == ("customer_id", "date", "amount", "region")
    result = abc(table, backend=engine.backend).to_pylist()
    assert [(r["customer_id"], r["revenue"]) for r in result] == [("x", 30.0), ("y", 5.0)]
    with pytest.raises(InvalidInput, match="no column"):
        standardise(engine.load(raw), customer_id="who", date="day", amount="total")
