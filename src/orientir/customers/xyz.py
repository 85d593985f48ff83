"""XYZ analysis (how steady is each customer's demand) and the ABC×XYZ matrix.

Demand is the net revenue of a calendar month. For a customer whose first purchase falls
in month :math:`f` and an analysis ending in month :math:`e`, the :math:`n = e - f + 1`
months from the first purchase to the end all count, **months without purchases included
as zero demand**. With :math:`d_1 … d_n` the monthly demands,

.. math::

    \\bar d = \\frac{1}{n}\\sum d_j, \\qquad
    \\sigma = \\sqrt{\\frac{1}{n}\\sum d_j^2 - \\bar d^{\\,2}}, \\qquad
    CV = \\sigma / \\bar d ,

the population standard deviation (Excel's ``STDEV.P``), computed from the sums over the
months *with* demand only — the zero months add nothing to either sum, so no calendar has
to be generated on the engine. A customer is **X** when :math:`CV \\le x` (default 10 %),
**Y** when :math:`CV \\le y` (default 25 %), else **Z**. With fewer than ``min_months``
months of history, or a mean demand that is not positive, the CV says nothing and the class
is left empty (null).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers._input import (
    TransactionsLike,
    as_table,
    execute,
    literal_date,
    month_number,
)
from orientir.customers.abc import AbcThresholds, abc_expr
from orientir.errors import InvalidInput

__all__ = ["XyzThresholds", "abc_xyz", "abc_xyz_expr", "abc_xyz_matrix", "xyz", "xyz_expr"]

ABC_CLASSES = ("A", "B", "C")
XYZ_CLASSES = ("X", "Y", "Z")


@dataclass(frozen=True)
class XyzThresholds:
    """Upper bounds, in percent, of the coefficient of variation of classes X and Y."""

    x: float = 10.0
    y: float = 25.0
    min_months: int = 3

    def __post_init__(self) -> None:
        if not 0 < self.x < self.y:
            raise InvalidInput(
                f"XYZ bounds must satisfy 0 < x < y, got {self.x} and {self.y}",
                key="err.customers.xyz_bounds",
                params={"x": self.x, "y": self.y},
            )
        if self.min_months < 1:
            raise InvalidInput(
                f"min_months must be at least 1, got {self.min_months}",
                key="err.customers.xyz_min_months",
                params={"min_months": self.min_months},
            )


def xyz_expr(
    data: TransactionsLike,
    *,
    thresholds: XyzThresholds | None = None,
    by: str = "customer_id",
    end: date | str | None = None,
) -> ir.Table:
    """XYZ classes as a lazy Ibis expression, one row per ``by`` value, ordered by it.

    Columns: ``by``, ``months`` (:math:`n`), ``active_months``, ``mean_demand``,
    ``std_demand``, ``cv`` (a fraction) and ``xyz_class``.
    """
    limits = thresholds or XyzThresholds()
    table = as_table(data, keep=(by,) if by != "customer_id" else ())
    if end is not None:
        table = table.filter(table.date <= literal_date(end))
    end_month = month_number(table.date.max() if end is None else literal_date(end))
    monthly = (
        table.mutate(month=month_number(table.date))
        .group_by([by, "month"])
        .aggregate(demand=lambda t: t.amount.sum())
    )
    per_key = monthly.group_by(by).aggregate(
        first=monthly.month.min(),
        active_months=monthly.count(),
        s1=monthly.demand.sum(),
        s2=(monthly.demand * monthly.demand).sum(),
    )
    months = (end_month - per_key["first"] + 1).cast("int64")
    mean = per_key.s1 / months.cast("float64")
    variance = per_key.s2 / months.cast("float64") - mean * mean
    with_stats = per_key.mutate(
        months=months,
        mean_demand=mean,
        std_demand=ibis.greatest(variance, 0.0).sqrt(),
    )
    usable = (with_stats.months >= limits.min_months) & (with_stats.mean_demand > 0)
    cv = ibis.ifelse(usable, with_stats.std_demand / with_stats.mean_demand, ibis.null("float64"))
    with_cv = with_stats.mutate(cv=cv)
    xyz_class = ibis.cases(
        (with_cv.cv.isnull(), ibis.null("string")),
        (with_cv.cv <= limits.x / 100.0, "X"),
        (with_cv.cv <= limits.y / 100.0, "Y"),
        else_="Z",
    )
    return with_cv.select(
        by,
        "months",
        active_months=with_cv.active_months.cast("int64"),
        mean_demand="mean_demand",
        std_demand="std_demand",
        cv="cv",
        xyz_class=xyz_class,
    ).order_by(by)


def xyz(
    data: TransactionsLike,
    *,
    thresholds: XyzThresholds | None = None,
    by: str = "customer_id",
    end: date | str | None = None,
    backend: BaseBackend | None = None,
) -> pa.Table:
    """Compute :func:`xyz_expr` and return it as an Arrow table."""
    return execute(xyz_expr(data, thresholds=thresholds, by=by, end=end), backend)


def abc_xyz_expr(
    data: TransactionsLike,
    *,
    abc_thresholds: AbcThresholds | None = None,
    xyz_thresholds: XyzThresholds | None = None,
    by: str = "customer_id",
) -> ir.Table:
    """Both classes per customer: ``by``, ``revenue``, ``abc_class``, ``xyz_class``, ``cv``
    and ``cell`` (``"AX"`` … ``"CZ"``; null when there is no XYZ class), in ABC rank order."""
    table = as_table(data, keep=(by,) if by != "customer_id" else ())
    classes_a = abc_expr(table, thresholds=abc_thresholds, by=by)
    classes_x = xyz_expr(table, thresholds=xyz_thresholds, by=by).select(by, "cv", "xyz_class")
    joined = classes_a.left_join(classes_x, by).select(
        by,
        "revenue",
        "rank",
        "abc_class",
        classes_x.xyz_class,
        classes_x.cv,
    )
    return joined.mutate(cell=joined.abc_class.concat(joined.xyz_class)).order_by("rank")


def abc_xyz(
    data: TransactionsLike,
    *,
    abc_thresholds: AbcThresholds | None = None,
    xyz_thresholds: XyzThresholds | None = None,
    by: str = "customer_id",
    backend: BaseBackend | None = None,
) -> pa.Table:
    """Compute :func:`abc_xyz_expr` and return it as an Arrow table."""
    expr = abc_xyz_expr(data, abc_thresholds=abc_thresholds, xyz_thresholds=xyz_thresholds, by=by)
    return execute(expr, backend)


def abc_xyz_matrix(
    data: TransactionsLike,
    *,
    abc_thresholds: AbcThresholds | None = None,
    xyz_thresholds: XyzThresholds | None = None,
    by: str = "customer_id",
    backend: BaseBackend | None = None,
) -> pa.Table:
    """The 3×3 matrix (plus a row per ABC class for customers without an XYZ class).

    Columns: ``abc_class``, ``xyz_class`` (null = no class), ``customers``, ``revenue`` and
    ``revenue_share`` of the total net revenue. Every cell is present, empty ones with zeros.
    """
    cells = abc_xyz_expr(data, abc_thresholds=abc_thresholds, xyz_thresholds=xyz_thresholds, by=by)
    grouped = cells.group_by(["abc_class", "xyz_class"]).aggregate(
        customers=cells.count(), revenue=cells.revenue.sum()
    )
    counted = execute(grouped, backend).to_pylist()
    found = {(row["abc_class"], row["xyz_class"]): row for row in counted}
    total = sum(row["revenue"] for row in counted)
    rows = []
    for a_class in ABC_CLASSES:
        for x_class in (*XYZ_CLASSES, None):
            row = found.get((a_class, x_class))
            revenue = float(row["revenue"]) if row else 0.0
            rows.append(
                {
                    "abc_class": a_class,
                    "xyz_class": x_class,
                    "customers": int(row["customers"]) if row else 0,
                    "revenue": revenue,
                    "revenue_share": revenue / total if total else None,
                }
            )
    schema = pa.schema(
        [
            ("abc_class", pa.string()),
            ("xyz_class", pa.string()),
            ("customers", pa.int64()),
            ("revenue", pa.float64()),
            ("revenue_share", pa.float64()),
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)
