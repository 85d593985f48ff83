"""The one input contract of the customer analytics, and how results come back.

Every analysis takes a *transaction log*: one row per purchase (or return) with

==============  =========  ===================================================
column          type       meaning
==============  =========  ===================================================
``customer_id`` string     who bought (any key: an integer key is cast to text)
``date``        date       the day of the purchase (a timestamp is cut to its date)
``amount``      float64    its value; a negative amount is a *return*
==============  =========  ===================================================

Extra columns (``order_id``, ``product``, ``channel``…) are allowed and ignored unless an
analysis is asked to group by one of them.

The log may be an Ibis table of *any* backend (DuckDB, Spark, PostgreSQL, a warehouse table
read in place), an Arrow table or a pandas frame; the last two are wrapped in an
``ibis.memtable`` and run on the default backend (DuckDB) unless a ``backend`` is given.
Use :func:`standardise` to rename the columns of a warehouse table first.

Returns, decided once for every analysis:

* **revenue** (ABC, XYZ demand, RFM monetary, cohort revenue) is the *net* sum of amounts,
  so a return reduces the revenue of its customer;
* **purchases** (frequency, recency, first purchase, activity in a month) count only rows
  with ``amount >= 0``; a return is never a purchase, and a customer with nothing but
  returns has no purchase history.  A zero amount (a free order) is a purchase, as in
  ``lifetimes``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, TypeAlias

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput

TransactionsLike: TypeAlias = ir.Table | pa.Table | pd.DataFrame
TimeUnit: TypeAlias = Literal["days", "weeks", "months"]

REQUIRED = ("customer_id", "date", "amount")
TIME_UNITS: tuple[TimeUnit, ...] = ("days", "weeks", "months")
_EPOCH = date(1970, 1, 1)


def as_table(data: TransactionsLike, *, keep: tuple[str, ...] = ()) -> ir.Table:
    """``data`` as an Ibis table with ``customer_id`` (string), ``date`` and ``amount`` typed.

    ``keep`` names further columns to carry along (for example ``product``).
    """
    if isinstance(data, ir.Table):
        table = data
    elif isinstance(data, pa.Table | pd.DataFrame):
        table = ibis.memtable(data)
    else:
        raise InvalidInput(
            f"a transaction log must be an Ibis table, an Arrow table or a pandas frame, "
            f"not {type(data).__name__}",
            key="err.customers.log_wrong_type",
            params={"type": type(data).__name__},
        )
    missing = [c for c in (*REQUIRED, *keep) if c not in table.columns]
    if missing:
        raise InvalidInput(
            f"the transaction log lacks the column(s) {', '.join(missing)}; "
            f"it has {', '.join(table.columns)}",
            key="err.customers.log_lacks_columns",
            params={"missing": ", ".join(missing), "columns": ", ".join(table.columns)},
        )
    extra = {c: table[c] for c in keep if c not in REQUIRED}
    return table.select(
        customer_id=table.customer_id.cast("string"),
        date=table.date.cast("date"),
        amount=table.amount.cast("float64"),
        **extra,
    )


def standardise(table: ir.Table, *, customer_id: str, date: str, amount: str) -> ir.Table:
    """Rename the columns of a warehouse table to the contract's names (nothing is copied)."""
    mapping = {"customer_id": customer_id, "date": date, "amount": amount}
    missing = [source for source in mapping.values() if source not in table.columns]
    if missing:
        raise InvalidInput(
            f"the table has no column(s) {', '.join(missing)}",
            key="err.customers.table_lacks_columns",
            params={"missing": ", ".join(missing)},
        )
    others = [c for c in table.columns if c not in mapping.values() and c not in mapping]
    return table.select(
        **{new: table[old] for new, old in mapping.items()}, **{c: table[c] for c in others}
    )


def execute(expr: ir.Table, backend: BaseBackend | None = None) -> pa.Table:
    """Run ``expr`` on ``backend`` (default: the backend its tables belong to, else DuckDB)."""
    if backend is not None:
        return backend.to_pyarrow(expr)
    return expr.to_pyarrow()


def check_unit(unit: str) -> TimeUnit:
    if unit not in TIME_UNITS:
        raise InvalidInput(
            f"time unit must be one of {', '.join(TIME_UNITS)}, got {unit!r}",
            key="err.customers.time_unit",
            params={"units": ", ".join(TIME_UNITS), "unit": unit},
        )
    return unit


def day_number(value: ir.DateValue) -> ir.IntegerValue:
    """Days since 1970-01-01, computed by the engine (exact integers on every backend)."""
    return value.delta(ibis.date(_EPOCH), unit="day").cast("int64")


def month_number(value: ir.DateValue) -> ir.IntegerValue:
    """Months since January of year 0: ``12·year + month − 1``."""
    return (value.year() * 12 + value.month() - 1).cast("int64")


def period_number(value: ir.DateValue, unit: TimeUnit) -> ir.IntegerValue:
    """The index of the period ``value`` falls in: its day, ISO week (Monday first) or month.

    1970-01-01 was a Thursday, so Monday-based weeks are ``floor((days + 3) / 7)``; this is
    pandas' ``to_period("W")`` (weeks ending on Sunday), which ``lifetimes`` uses.
    """
    if unit == "days":
        return day_number(value)
    if unit == "weeks":
        return ((day_number(value) + 3) / 7).floor().cast("int64")
    return month_number(value)


def as_date(value: date | str) -> date:
    """A ``date`` from a ``date``, a ``datetime`` (its day) or an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                f"not an ISO date (yyyy-mm-dd): {value!r}",
                key="err.customers.not_iso_date",
                params={"value": value},
            ) from None
    return value


def days_since_epoch(value: date | str) -> int:
    """The day number of ``value`` (days since 1970-01-01), as :func:`day_number` computes it."""
    return (as_date(value) - _EPOCH).days


def literal_date(value: date | str) -> Any:
    """An Ibis date literal from a ``date`` or an ISO string."""
    return ibis.date(as_date(value))


def purchases(table: ir.Table) -> ir.Table:
    """The rows that are purchases (``amount >= 0``); returns are left out."""
    return table.filter(table.amount >= 0)
