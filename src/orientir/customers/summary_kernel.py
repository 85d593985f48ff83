"""A compiled one-pass kernel of the buy-till-you-die summary, for a log held in memory.

The definition of the summary is the Ibis expression of :mod:`orientir.customers.summary`;
it runs on every engine. This module computes the same numbers for an Arrow table (or a
pandas frame) on the default engine without a query engine's two hash aggregations: it
reads each row once and keeps, per customer, the first and last period, the count of
distinct periods, the net total and the total of the first period. Measured on the 10M-row
benchmark log it is several times faster than the DuckDB query of the same summary
(``docs/benchmarks.md``, "Customer base").

How it stays exact:

* **Customers are keyed by their id's bytes, not a hash of them.** An id of at most 8 bytes
  with no NUL byte is packed big-endian into one 64-bit integer, zero-padded: two ids get
  the same key only if they are the same string, and keys compare like the strings' bytes
  (the order DuckDB sorts ``customer_id`` in). The id is rebuilt from its key for the
  output. Longer ids, ids with a NUL byte, empty ids or missing values send the log to the
  Ibis expression instead (:func:`summarise` returns ``None``).
* **First period and its amount, last period, total** are order-free (min with the sum at
  the min, max, sum), so they are exact in any row order.
* **Distinct periods** are counted as "a period later than the customer's last one so far".
  That is exact when each customer's rows come in date order — as accounting exports and
  the benchmark log do — and a row earlier than its customer's latest marks that customer;
  marked customers are recounted exactly afterwards in a second pass over their rows only
  (sorted ``(customer, period)`` keys). A shuffled log costs that second pass, nothing else.

Returns (``amount < 0``) and rows after the end period are skipped as
:func:`orientir.customers._input.purchases` and the end filter skip them; a log with a
missing amount (null or NaN, which DuckDB orders above every number) goes to the
expression. Periods follow
:func:`orientir.customers._input.period_number`: days since 1970-01-01, Monday-based weeks
``floor((days + 3) / 7)``, months ``12·year + month − 1`` (the civil calendar from a day
number: H. Hinnant, "chrono-compatible low-level date algorithms", ``civil_from_days``).

The loops are C (``_summary_c.c``, built when the package is installed; without a compiler
the package installs without it and :func:`summarise` returns ``None``). A log under
:data:`MIN_ROWS` rows stays on the expression: DuckDB answers it in milliseconds and a second
implementation there would only be a second thing to trust.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

try:
    from orientir.customers import _summary_c
except ImportError:  # built without a C compiler: the expression does all the work
    _summary_c = None  # type: ignore[assignment]

__all__ = ["MIN_ROWS", "RECORD", "available", "summarise"]

MIN_ROWS = 200_000
"""Below this many rows :func:`orientir.customers.btyd_summary` runs the Ibis expression."""

RECORD = np.dtype(
    [
        ("first", np.int32),  # first period
        ("last", np.int32),  # last period so far
        ("count", np.int32),  # distinct periods (exact unless ``unordered``)
        ("unordered", np.int32),  # 1 once a row came earlier than the last period
        ("total", np.float64),  # sum of the purchases
        ("first_total", np.float64),  # sum of the purchases of the first period
    ]
)
"""One customer's state, ``struct record`` of ``_summary_c.c``: 32 bytes, half a cache line."""

_UNITS = {"days": 0, "weeks": 1, "months": 2}
_NO_END = 2**62
_OK, _FULL = 0, 1  # the statuses of _summary_c.scan (2: the log does not suit the kernel)
_SPAN = 2**31  # (customer, period) pairs are number · 2^31 + period offset


def available() -> bool:
    """Whether the compiled kernel was built with the package."""
    return _summary_c is not None


@dataclass
class _State:
    r"""The hash table (per slot: the key and the customer's number + 1, 0 when empty, kept
    at most half full), the customers' keys and their :data:`RECORD`\ s."""

    table: Any
    keys: Any
    records: Any
    customers: int = 0
    bits: int = 16
    max_day: int = -(2**31)

    @classmethod
    def new(cls) -> _State:
        return cls(
            table=np.zeros((1 << 16, 2), np.uint64),
            keys=np.empty(1 << 15, np.uint64),
            records=np.empty(1 << 15, RECORD),
        )

    def grow(self) -> None:
        """Double the table and the per-customer arrays."""
        assert _summary_c is not None
        self.bits += 1
        capacity = (1 << self.bits) // 2
        count = self.customers
        keys = np.empty(capacity, np.uint64)
        keys[:count] = self.keys[:count]
        records = np.empty(capacity, RECORD)
        records[:count] = self.records[:count]
        self.keys, self.records = keys, records
        self.table = np.zeros((1 << self.bits, 2), np.uint64)
        _summary_c.rehash(keys, count, self.bits, self.table)


@dataclass(frozen=True)
class _Columns:
    """One batch as the kernel reads it: the ids' offsets (``wide``: 64-bit) and bytes, day
    numbers and amounts, all views of the Arrow buffers (no copy)."""

    offsets: Any
    wide: bool
    data: Any
    days: Any
    amounts: Any

    def arguments(self) -> tuple[Any, bool, Any, Any, Any]:
        return (self.offsets, self.wide, self.data, self.days, self.amounts)


def _columns(batch: pa.RecordBatch) -> _Columns | None:
    """The kernel's view of one batch, or ``None`` when it does not suit the kernel (missing
    ids or dates, ids that are not text, dates or amounts of other types)."""
    ids, dates, amounts = (batch.column(name) for name in ("customer_id", "date", "amount"))
    if ids.null_count or dates.null_count:
        return None
    if not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        return None
    if not pa.types.is_date32(dates.type):
        if not (pa.types.is_timestamp(dates.type) or pa.types.is_date64(dates.type)):
            return None
        dates = pc.cast(dates, pa.date32())
    if amounts.type != pa.float64():
        if not (pa.types.is_integer(amounts.type) or pa.types.is_floating(amounts.type)):
            return None
        amounts = pc.cast(amounts, pa.float64())
    wide = pa.types.is_large_string(ids.type)
    offsets = np.frombuffer(ids.buffers()[1], np.int64 if wide else np.int32)
    data = ids.buffers()[2]
    return _Columns(
        offsets=offsets[ids.offset : ids.offset + len(ids) + 1],
        wide=wide,
        data=np.frombuffer(data, np.uint8) if data is not None else np.zeros(1, np.uint8),
        days=np.frombuffer(dates.buffers()[1], np.int32)[dates.offset : dates.offset + len(dates)],
        amounts=np.ascontiguousarray(amounts.to_numpy(zero_copy_only=False)),  # NaN if missing
    )


def _ids_from_keys(keys: Any) -> pa.Array:
    """The id strings back from their packed keys (big-endian bytes, zero padding dropped)."""
    raw = keys.astype(">u8").view(np.uint8).reshape(-1, 8)
    lengths = np.count_nonzero(raw, axis=1)  # no NUL inside an id, so the non-zero bytes lead
    offsets = np.zeros(len(keys) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    data = raw[np.arange(8) < lengths[:, None]]
    return pa.StringArray.from_buffers(
        len(keys), pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(data))
    )


def summarise(
    table: pa.Table, *, unit: str, time_scaler: float, end_day: int | None
) -> pa.Table | None:
    """The summary of ``table`` (columns ``customer_id``, ``date``, ``amount``) as
    :func:`orientir.customers.summary.btyd_summary` returns it, or ``None`` when the log
    does not suit the kernel (see the module doc) and the Ibis expression must run.

    ``end_day`` is the end of observation as days since 1970-01-01 (``None``: the last date
    in the log, returns included, as the expression does).
    """
    if _summary_c is None:
        return None
    unit_code = _UNITS[unit]
    end_period = _NO_END if end_day is None else _period(end_day, unit)
    batches = []
    for batch in table.select(["customer_id", "date", "amount"]).to_batches():
        columns = _columns(batch)
        if columns is None:
            return None
        batches.append(columns)
    if not batches:
        return None
    state = _State.new()
    for columns in batches:
        row = 0
        while True:
            status, row, state.customers, max_day = _summary_c.scan(
                *columns.arguments(),
                unit_code,
                end_period,
                state.table,
                state.keys,
                state.records,
                state.customers,
                state.bits,
                row,
            )
            state.max_day = max(state.max_day, max_day)
            if status == _OK:
                break
            if status != _FULL:
                return None
            state.grow()
    records = state.records[: state.customers]
    if records["unordered"].any():
        _recount(batches, state, unit_code, end_period)
    if end_day is None:
        end_period = _period(state.max_day, unit)
    keys = state.keys[: state.customers]
    order = np.argsort(keys, kind="stable")

    def field(name: str) -> Any:
        return np.take(records[name], order)

    first = field("first").astype(np.int64)
    frequency = field("count").astype(np.int64) - 1
    monetary = np.zeros(len(order))
    np.divide(field("total") - field("first_total"), frequency, out=monetary, where=frequency > 0)
    scale = float(time_scaler)
    return pa.table(
        {
            "customer_id": _ids_from_keys(keys[order]),
            "frequency": frequency,
            "recency": (field("last").astype(np.int64) - first).astype(np.float64) / scale,
            "T": (end_period - first).astype(np.float64) / scale,
            "monetary_value": monetary,
        }
    )


def _period(day: int, unit: str) -> int:
    """The period of a day number, as the kernel computes it."""
    if unit == "days":
        return day
    if unit == "weeks":
        return (day + 3) // 7
    month = np.datetime64(day, "D").astype("datetime64[M]").astype(np.int64)
    return int(month) + 1970 * 12


def _recount(batches: list[_Columns], state: _State, unit_code: int, end_period: int) -> None:
    """Count exactly the distinct periods of the customers whose rows came out of date
    order: their ``(customer, period)`` pairs, sorted, counted once each."""
    assert _summary_c is not None
    records = state.records[: state.customers]
    first_period = int(records["first"].min())
    parts = []
    for columns in batches:
        out = np.empty(len(columns.days), np.int64)
        filled = _summary_c.collect_unordered(
            *columns.arguments(),
            unit_code,
            end_period,
            state.table,
            state.records,
            state.bits,
            first_period,
            out,
        )
        parts.append(out[:filled])
    pairs = np.sort(np.concatenate(parts))
    new = np.ones(len(pairs), dtype=bool)
    new[1:] = pairs[1:] != pairs[:-1]
    distinct = np.bincount(pairs[new] // _SPAN, minlength=len(records))
    marked = records["unordered"] == 1
    records["count"][marked] = distinct[marked]
