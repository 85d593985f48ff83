"""ABC analysis: which customers (or products) bring which share of the revenue.

Each customer's net revenue :math:`v_i` (returns subtracted) is summed, the customers are
ordered by revenue descending with ``customer_id`` ascending breaking ties, and with
:math:`V = \\sum_{v_i > 0} v_i` the total positive revenue the cumulative share *before*
customer :math:`k` is

.. math::  S_{k-1} = \\frac{1}{V} \\sum_{j < k} v_j .

A customer is **A** while :math:`S_{k-1} < a`, **B** while :math:`S_{k-1} < a + b`, else **C**
(default :math:`a, b, c` = 80, 15, 5 % of revenue). Counting the share *before* the customer
puts the customer who crosses a threshold into the higher class, so class A is never empty
and holds the smallest set of customers that reaches :math:`a`. Customers with zero or
negative net revenue are always **C** and are not part of :math:`V`.

The running share is a global window over all customers; it is taken over the per-customer
aggregate (one row per customer), never over raw transactions, so on Spark only the small
aggregate moves to one partition.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers._input import TransactionsLike, as_table, execute
from orientir.errors import InvalidInput

__all__ = ["AbcThresholds", "abc", "abc_expr"]


@dataclass(frozen=True)
class AbcThresholds:
    """Shares of revenue, in percent, of classes A, B and C; they must add up to 100."""

    a: float = 80.0
    b: float = 15.0
    c: float = 5.0

    def __post_init__(self) -> None:
        if min(self.a, self.b, self.c) <= 0:
            raise InvalidInput(
                f"ABC shares must be positive, got {self.a}/{self.b}/{self.c}",
                key="err.customers.abc_shares_positive",
                params={"a": self.a, "b": self.b, "c": self.c},
            )
        if abs(self.a + self.b + self.c - 100.0) > 1e-9:
            raise InvalidInput(
                f"ABC shares must add up to 100 %, got {self.a}+{self.b}+{self.c}",
                key="err.customers.abc_shares_sum",
                params={"a": self.a, "b": self.b, "c": self.c},
            )


def abc_expr(
    data: TransactionsLike,
    *,
    thresholds: AbcThresholds | None = None,
    by: str = "customer_id",
) -> ir.Table:
    """ABC classes as a lazy Ibis expression, one row per ``by`` value, in rank order.

    Columns: ``by``, ``revenue``, ``share``, ``cumulative_share`` (fractions of the total
    positive revenue), ``rank`` (1 = largest) and ``abc_class``.
    """
    limits = thresholds or AbcThresholds()
    table = as_table(data, keep=(by,) if by != "customer_id" else ())
    per_key = table.group_by(by).aggregate(revenue=table.amount.sum())
    positive = ibis.ifelse(per_key.revenue > 0, per_key.revenue, 0.0)
    order = [ibis.desc(per_key.revenue), ibis.asc(per_key[by])]
    total = positive.sum().over(ibis.window()).nullif(0.0)
    running = positive.cumsum(order_by=order)
    ranked = per_key.mutate(
        share=per_key.revenue / total,
        cumulative_share=running / total,
        before=(running - positive) / total,
        rank=(ibis.row_number().over(order_by=order) + 1).cast("int64"),
    )
    a = limits.a / 100.0
    ab = (limits.a + limits.b) / 100.0
    abc_class = ibis.cases(
        (ranked.revenue <= 0, "C"),
        (ranked.before.isnull(), "C"),
        (ranked.before < a, "A"),
        (ranked.before < ab, "B"),
        else_="C",
    )
    return ranked.select(
        by, "revenue", "share", "cumulative_share", "rank", abc_class=abc_class
    ).order_by("rank")


def abc(
    data: TransactionsLike,
    *,
    thresholds: AbcThresholds | None = None,
    by: str = "customer_id",
    backend: BaseBackend | None = None,
) -> pa.Table:
    """Compute :func:`abc_expr` and return it as an Arrow table."""
    return execute(abc_expr(data, thresholds=thresholds, by=by), backend)
