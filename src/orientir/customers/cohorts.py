"""Monthly cohort retention.

A customer's **cohort** is the calendar month of their first purchase. For cohort :math:`c`
and **period** :math:`k = 0, 1, …` (months since the cohort month),

.. math::  \\text{retention}_{c,k} =
           \\frac{|\\{\\,i \\in c : i \\text{ bought in month } c + k\\,\\}|}{|c|},

so period 0 is always 1. Only purchases (``amount >= 0``) make a customer active; the
``revenue`` column is the cohort's net revenue of the month, returns subtracted. Months in
which no customer of a cohort was active have no row (their retention is 0).
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers._input import (
    TransactionsLike,
    as_table,
    execute,
    literal_date,
    month_number,
    purchases,
)

__all__ = ["cohorts", "cohorts_expr"]


def cohorts_expr(data: TransactionsLike, *, end: date | str | None = None) -> ir.Table:
    """Retention per cohort and period as a lazy Ibis expression.

    Columns: ``cohort`` (the first day of the cohort month), ``period`` (months since),
    ``customers`` (active in that month), ``cohort_size``, ``retention`` and ``revenue``;
    ordered by ``cohort`` and ``period``.
    """
    table = as_table(data)
    if end is not None:
        table = table.filter(table.date <= literal_date(end))
    dated = table.mutate(month=month_number(table.date))
    bought = purchases(dated)
    first = bought.group_by("customer_id").aggregate(cohort_month=bought.month.min())
    rows = dated.inner_join(first, "customer_id")
    monthly = rows.group_by(["cohort_month", "month"]).aggregate(
        customers=rows.customer_id.nunique(where=rows.amount >= 0),
        revenue=rows.amount.sum(),
    )
    size = monthly.customers.max().over(group_by=monthly.cohort_month)
    result = monthly.select(
        cohort=ibis.date(
            (monthly.cohort_month / 12).floor().cast("int32"),
            (monthly.cohort_month % 12 + 1).cast("int32"),
            1,
        ),
        period=(monthly.month - monthly.cohort_month).cast("int64"),
        customers=monthly.customers.cast("int64"),
        cohort_size=size.cast("int64"),
        retention=monthly.customers.cast("float64") / size.cast("float64"),
        revenue=monthly.revenue,
    )
    return result.order_by(["cohort", "period"])


def cohorts(
    data: TransactionsLike,
    *,
    end: date | str | None = None,
    backend: BaseBackend | None = None,
) -> pa.Table:
    """Compute :func:`cohorts_expr` and return it as an Arrow table."""
    return execute(cohorts_expr(data, end=end), backend)
