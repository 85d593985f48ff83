"""The one-pass kernel of the BTYD summary gives the Ibis expression's table, exactly.

The expression (``kernel=False``, run by DuckDB) is the definition; it is itself checked
against ``lifetimes`` in ``test_engines.py``. Here random logs — ids that are prefixes of one
another, several purchases on one day, returns, rows in any order, every time unit, an end
date inside the log — must give the same ids in the same order, the same frequency, recency
and T, and monetary values equal to rounding.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifetimes.utils import summary_data_from_transaction_data

from orientir.customers import btyd_summary, summary_kernel

START = date(2023, 1, 1)
IDS = st.text(alphabet="AB0Яz", min_size=1, max_size=4)  # Я is two bytes: up to 8 bytes


def _log(rows: list[tuple[str, int, float]]) -> pa.Table:
    return pa.table(
        {
            "customer_id": pa.array([r[0] for r in rows], pa.string()),
            "date": pa.array([START + timedelta(days=r[1]) for r in rows], pa.date32()),
            "amount": pa.array([r[2] for r in rows], pa.float64()),
        }
    )


def assert_same(fast: pa.Table, slow: pa.Table) -> None:
    assert fast.schema == slow.schema
    assert fast.column("customer_id").to_pylist() == slow.column("customer_id").to_pylist()
    for name in ("frequency", "recency", "T"):
        assert fast.column(name).to_pylist() == slow.column(name).to_pylist(), name
    np.testing.assert_allclose(
        fast.column("monetary_value").to_numpy(),
        slow.column("monetary_value").to_numpy(),
        rtol=1e-12,
        atol=1e-9,
    )


ROWS = st.lists(
    st.tuples(
        IDS,
        st.integers(min_value=0, max_value=800),
        st.sampled_from([0.0, 1.5, 10.0, 99.99, 250.0, -5.0, -120.0]),
    ),
    min_size=1,
    max_size=120,
)


@settings(max_examples=60, deadline=None)
@given(
    rows=ROWS,
    unit=st.sampled_from(["days", "weeks", "months"]),
    scaler=st.sampled_from([1.0, 7.0]),
    end=st.one_of(st.none(), st.integers(min_value=0, max_value=800)),
)
def test_kernel_equals_expression(
    rows: list[tuple[str, int, float]], unit: str, scaler: float, end: int | None
) -> None:
    log = _log(rows)
    end_date = None if end is None else START + timedelta(days=end)
    fast = summary_kernel.summarise(
        log,
        unit=unit,
        time_scaler=scaler,
        end_day=None if end_date is None else (end_date - date(1970, 1, 1)).days,
    )
    slow = btyd_summary(log, unit=unit, time_scaler=scaler, end=end_date, kernel=False)
    assert fast is not None
    assert_same(fast.replace_schema_metadata(slow.schema.metadata), slow)


def _random_log(customers: int, rows: int, *, seed: int, shuffled: bool) -> pa.Table:
    rng = np.random.default_rng(seed)
    who = rng.integers(0, customers, rows)
    days = np.sort(rng.integers(0, 730, rows))  # in date order, as exports are
    amount = np.round(rng.gamma(2.0, 40.0, rows), 2)
    amount[rng.random(rows) < 0.03] *= -1  # a few returns
    ids = np.char.add("K", np.arange(customers).astype(str))
    order = rng.permutation(rows) if shuffled else np.arange(rows)
    return pa.table(
        {
            "customer_id": pa.array(ids[who[order]], pa.string()),
            "date": pa.array(
                (np.datetime64("2023-01-01") + days[order]).astype("datetime64[D]"), pa.date32()
            ),
            "amount": amount[order],
        }
    )


@pytest.mark.parametrize("shuffled", [False, True], ids=["date-order", "shuffled"])
@pytest.mark.parametrize("unit", ["days", "weeks", "months"])
def test_kernel_on_a_large_log(shuffled: bool, unit: str) -> None:
    """More customers than the first hash table holds (it grows), many same-day purchases;
    a shuffled log takes the recount of customers whose rows came out of order."""
    log = _random_log(120_000, summary_kernel.MIN_ROWS, seed=7, shuffled=shuffled)
    fast = btyd_summary(log, unit=unit)  # large enough: the kernel runs by default
    assert_same(fast, btyd_summary(log, unit=unit, kernel=False))


def test_kernel_matches_lifetimes_on_cdnow(cdnow: pd.DataFrame) -> None:
    """The CDNOW calibration summary of Fader, Hardie & Lee (2005), from the kernel."""
    table = pa.Table.from_pandas(cdnow, preserve_index=False)
    fast = btyd_summary(table, unit="days", time_scaler=7.0, end="1997-09-30", kernel=True)
    frame = cdnow.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    expected = summary_data_from_transaction_data(
        frame[frame["date"] <= "1997-09-30"],
        "customer_id",
        "date",
        "amount",
        freq="D",
        freq_multiplier=7,
        observation_period_end="1997-09-30",
    ).sort_index()
    got = fast.to_pandas().set_index("customer_id")
    assert list(got.index) == [str(i) for i in expected.index]
    for name in ("frequency", "recency", "T", "monetary_value"):
        np.testing.assert_allclose(got[name].to_numpy(), expected[name].to_numpy(), rtol=1e-9)


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        ([("a-customer-id-of-20b", 1, 5.0)], "an id longer than 8 bytes"),
        ([("", 1, 5.0)], "an empty id"),
        ([("A\x00", 1, 5.0)], "a NUL byte in an id"),
        ([("A", 1, float("nan"))], "a NaN amount"),
    ],
)
def test_unsuitable_logs_go_to_the_expression(rows: list[tuple[str, int, float]], why: str) -> None:
    log = _log([*rows, ("B", 2, 7.0), ("B", 9, 3.0)])
    assert summary_kernel.summarise(log, unit="days", time_scaler=1.0, end_day=None) is None, why
    # btyd_summary still answers, from the expression
    assert_same(btyd_summary(log, kernel=True), btyd_summary(log, kernel=False))


def test_missing_values_go_to_the_expression() -> None:
    log = pa.table(
        {
            "customer_id": pa.array(["A", None, "B"], pa.string()),
            "date": pa.array([START, START, START], pa.date32()),
            "amount": pa.array([1.0, 2.0, None], pa.float64()),
        }
    )
    assert summary_kernel.summarise(log, unit="days", time_scaler=1.0, end_day=None) is None


def test_pandas_frames_and_other_column_types() -> None:
    """A pandas frame, timestamps for dates, whole-number amounts, large strings."""
    frame = pd.DataFrame(
        {
            "customer_id": ["A", "B", "A", "A", "B"],
            "date": pd.to_datetime(
                ["2024-01-01", "2024-01-03", "2024-01-01", "2024-02-10", "2024-01-01"]
            ),
            "amount": [10, 20, 5, 7, 1],
        }
    )
    fast = btyd_summary(frame, kernel=True)
    slow = btyd_summary(frame, kernel=False)
    assert_same(fast, slow)
    assert fast.column("frequency").to_pylist() == [1, 1]
    assert fast.column("monetary_value").to_pylist() == [7.0, 20.0]
    large = pa.table(
        {
            "customer_id": pa.array(["A", "B"], pa.large_string()),
            "date": pa.array([START, START], pa.date32()),
            "amount": [1.0, 2.0],
        }
    )
    assert summary_kernel.summarise(large, unit="days", time_scaler=1.0, end_day=None) is not None


def test_a_large_file_is_summarised_by_the_kernel(tmp_path: Path) -> None:
    """``orientir customers summary --input FILE`` hands the validated Arrow table to the
    analysis (not a memtable), so a large log takes the kernel — and gets the same table."""
    import pyarrow.parquet as pq

    from orientir.config import load_settings
    from orientir.services.transactions import analyse_file

    log = _random_log(50_000, summary_kernel.MIN_ROWS + 10, seed=3, shuffled=False)
    path = tmp_path / "log.parquet"
    pq.write_table(log, path)
    calls: list[int] = []
    original = summary_kernel.summarise

    def counted(table: pa.Table, **options: Any) -> pa.Table | None:
        calls.append(table.num_rows)
        return original(table, **options)

    summary_kernel.summarise = counted  # type: ignore[assignment]
    try:
        result = analyse_file(path, "summary", limits=load_settings({}).limits)
    finally:
        summary_kernel.summarise = original  # type: ignore[assignment]
    assert calls == [log.num_rows]
    assert_same(result.table, btyd_summary(log, kernel=False))


def test_a_slice_of_a_table_reads_only_its_rows() -> None:
    """Arrow slices share their parent's buffers with an offset: the kernel must honour it."""
    log = _random_log(300, 5_000, seed=11, shuffled=True)
    part = log.slice(1_234, 2_000)
    fast = summary_kernel.summarise(part, unit="days", time_scaler=1.0, end_day=None)
    assert fast is not None
    slow = btyd_summary(part, kernel=False)
    assert_same(fast.replace_schema_metadata(slow.schema.metadata), slow)
