"""The buy-till-you-die summary: frequency, recency, T and monetary value per customer.

The definitions are those of ``lifetimes.utils.summary_data_from_transaction_data`` and
``pymc_marketing.clv.rfm_summary`` (Fader, Hardie & Lee 2005, "Counting your customers the
easy way", §2 and §5): the log is cut into periods of the chosen unit (day, Monday-based
week or calendar month) and several purchases of one customer in one period count as one
purchase, with their amounts summed. With ``p_1 < p_2 < … < p_n`` the periods in which a
customer bought and ``p_end`` the period of the end of observation,

* ``frequency`` :math:`x = n - 1`, the number of *repeat* purchase periods;
* ``recency`` :math:`t_x = (p_n - p_1) / s`, the age at the last purchase;
* ``T`` :math:`= (p_{end} - p_1) / s`, the age at the end of observation;
* ``monetary_value`` :math:`m_x`, the mean of the period amounts of the repeat periods
  ``p_2 … p_n`` (0 when :math:`x = 0`), the input of the Gamma-Gamma spend model;

where :math:`s` is ``time_scaler`` (``pymc-marketing``'s name; ``lifetimes`` calls it
``freq_multiplier``): a summary in days with ``time_scaler=7`` gives exact fractional weeks,
the scale of Fader, Hardie & Lee's CDNOW results.

For ``unit="months"`` the differences are whole calendar months (pandas' ``Period``
difference); ``lifetimes`` cannot compute that unit under pandas 3.

Only purchases (``amount >= 0``) enter; returns do not (see :mod:`orientir.customers._input`).
Rows in periods after the period of ``end`` are ignored; like ``lifetimes`` and
``pymc-marketing``, rows later in ``end``'s own week or month still count (they compare
period starts). ``end`` defaults to the last date in the log.

**Cost.** The exact definition needs the amounts summed per (customer, period) before the
per-customer step: on the 10M-row benchmark log a hash aggregation into ~9.5M groups that takes
more than half of the query. Formulations without it were measured on DuckDB 1.5 and are all
slower: ``count(DISTINCT period)`` per customer with a join for the first period's amount,
an integer surrogate key for the customer (a join with the distinct customers), per-customer
lists, a ``lag`` window sorted by customer and period, top-k ``arg_min``
(``docs/benchmarks.md``). What is left is engine-specific: Ibis compiles ``argmin`` on DuckDB
to an ordered ``first(... ORDER BY ...)``, about 13 % slower over the whole query than DuckDB's
own ``arg_min``, so on DuckDB the expression calls ``arg_min``; every other engine gets Ibis's
portable ``argmin``. The period is unique within a customer at that step, so both pick the
same row.

A log held in memory (Arrow or pandas, 200,000 rows or more) on DuckDB skips the query:
:func:`btyd_summary` hands it to the one-pass kernel of
:mod:`orientir.customers.summary_kernel`, which gives the same table without the per-period
aggregation (3–4× faster than this expression on the benchmark log; tests compare the two).
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers import summary_kernel
from orientir.customers._input import (
    TimeUnit,
    TransactionsLike,
    as_table,
    check_unit,
    days_since_epoch,
    execute,
    literal_date,
    period_number,
    purchases,
)
from orientir.errors import InvalidInput

__all__ = ["btyd_summary", "btyd_summary_expr"]


def _kernel_applies(
    data: TransactionsLike, backend: BaseBackend | None, kernel: bool | None
) -> bool:
    """Whether to try the in-memory kernel: an Arrow table or pandas frame, on DuckDB (the
    engine such a log would otherwise run on), large enough unless asked for outright."""
    if kernel is False or not isinstance(data, pa.Table | pd.DataFrame):
        return False
    if backend is not None and backend.name != "duckdb":
        return False
    return bool(kernel) or len(data) >= summary_kernel.MIN_ROWS


def _checked_scale(unit: str, time_scaler: float) -> TimeUnit:
    """The time unit, checked, after checking that ``time_scaler`` is positive."""
    unit_ = check_unit(unit)
    if not time_scaler > 0:
        raise InvalidInput(
            f"time_scaler must be positive, got {time_scaler}",
            key="err.customers.time_scaler_positive_got",
            params={"time_scaler": time_scaler},
        )
    return unit_


@ibis.udf.agg.builtin(name="arg_min")  # type: ignore[untyped-decorator]
def _duckdb_arg_min(arg: float, key: int) -> float:  # type: ignore[empty-body]
    """DuckDB's ``arg_min(arg, key)``: ``arg`` of the row with the smallest ``key``."""


def _first_amount(periods: ir.Table, *, duckdb: bool) -> ir.FloatingScalar:
    """The amount of each customer's first period (periods are unique per customer here)."""
    if duckdb:
        first: ir.FloatingScalar = _duckdb_arg_min(periods.amount, periods.period)
        return first
    return periods.amount.argmin(periods.period)


def btyd_summary_expr(
    data: TransactionsLike,
    *,
    unit: str = "days",
    time_scaler: float = 1.0,
    end: date | str | None = None,
    backend: BaseBackend | None = None,
) -> ir.Table:
    """The summary as a lazy Ibis expression, one row per customer, ordered by ``customer_id``.

    ``backend`` is the engine that will run it (default: the one the log belongs to, DuckDB
    for an Arrow table or pandas frame); on DuckDB the expression uses its ``arg_min``.
    """
    unit_ = _checked_scale(unit, time_scaler)
    table = as_table(data)
    engine = backend if backend is not None else ibis.get_backend(table)
    end_value = table.date.max() if end is None else literal_date(end)
    end_period = period_number(end_value, unit_)
    bought = purchases(table).mutate(period=lambda t: period_number(t.date, unit_))
    if end is not None:
        bought = bought.filter(bought.period <= end_period)

    periods = bought.group_by(["customer_id", "period"]).aggregate(amount=lambda t: t.amount.sum())
    # One pass per customer: the first period's amount comes from arg_min, not a window
    # (a window would sort every period row by customer).
    per_customer = periods.group_by("customer_id").aggregate(
        first=periods.period.min(),
        last=periods.period.max(),
        n=periods.count(),
        total=periods.amount.sum(),
        first_amount=_first_amount(periods, duckdb=engine.name == "duckdb"),
    )
    scale = ibis.literal(float(time_scaler))
    result = per_customer.select(
        "customer_id",
        frequency=(per_customer.n - 1).cast("int64"),
        recency=(per_customer["last"] - per_customer["first"]).cast("float64") / scale,
        T=(end_period - per_customer["first"]).cast("float64") / scale,
        monetary_value=ibis.ifelse(
            per_customer.n > 1,
            (per_customer.total - per_customer.first_amount) / (per_customer.n - 1),
            0.0,
        ).cast("float64"),
    )
    return result.order_by("customer_id")


def btyd_summary(
    data: TransactionsLike,
    *,
    unit: str = "days",
    time_scaler: float = 1.0,
    end: date | str | None = None,
    backend: BaseBackend | None = None,
    kernel: bool | None = None,
) -> pa.Table:
    """Compute :func:`btyd_summary_expr` and return it as an Arrow table.

    Columns: ``customer_id`` (string), ``frequency`` (int64), ``recency``, ``T`` and
    ``monetary_value`` (float64). The schema metadata records ``unit`` and ``time_scaler``
    so the lifetime-value models know the time scale they are fitted on.

    A log held in memory (Arrow or pandas) on the default engine is summarised by the
    one-pass kernel of :mod:`orientir.customers.summary_kernel` when it has at least
    :data:`~orientir.customers.summary_kernel.MIN_ROWS` rows and suits it (short text ids,
    no missing values); the result is the same table. ``kernel=True`` tries the kernel
    whatever the size, ``kernel=False`` always runs the expression.
    """
    unit_ = _checked_scale(unit, time_scaler)
    result = None
    if _kernel_applies(data, backend, kernel):
        frame = data if isinstance(data, pa.Table) else pa.Table.from_pandas(data)
        missing = [c for c in ("customer_id", "date", "amount") if c not in frame.column_names]
        if not missing:
            end_day = None if end is None else days_since_epoch(end)
            result = summary_kernel.summarise(
                frame, unit=unit_, time_scaler=time_scaler, end_day=end_day
            )
    if result is None:
        expr = btyd_summary_expr(data, unit=unit, time_scaler=time_scaler, end=end, backend=backend)
        result = execute(expr, backend)
    return result.replace_schema_metadata(
        {"orientir.time_unit": unit, "orientir.time_scaler": repr(float(time_scaler))}
    )
