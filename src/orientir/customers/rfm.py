"""RFM: recency, frequency and monetary scores from 1 to 5, and named segments.

Per customer with at least one purchase, up to the date ``as_of`` (default: the last date
in the log):

* **recency** — days from the last purchase to ``as_of``;
* **frequency** — the number of distinct days with a purchase (``amount >= 0``);
* **monetary** — net revenue, returns subtracted.

Each measure becomes a score by its position among the :math:`n` customers. With
:math:`k` the number of customers *strictly worse* on that measure (the zero-based
``rank()`` of SQL, so equal values share a rank and a score),

.. math::  \\text{score} = \\left\\lfloor 5k / n \\right\\rfloor + 1 \\in \\{1, …, 5\\},

which is the quintile of the customer, 5 the best (most recent, most frequent, largest).
Unlike ``ntile(5)`` this never gives two customers with the same value different scores.

Segments follow the usual recency × frequency grid (Hughes' RFM, popularised as the
"RFM segments" of marketing practice); monetary does not enter the segment, only the score:

==================  ======================  ========================================
segment             R                       F
==================  ======================  ========================================
champions           5                       4–5
loyal               3–4                     4–5
potential_loyalists 4–5                     2–3
new_customers       5                       1
promising           4                       1
need_attention      3                       3
about_to_sleep      3                       1–2
cannot_lose         1–2                     5
at_risk             1–2                     3–4
lost                1                       1
hibernating         1–2                     1–2 (the rest)
==================  ======================  ========================================

Names in English and Russian are in :data:`orientir.customers.labels.RFM_SEGMENTS`.
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers._input import TransactionsLike, as_table, execute, literal_date
from orientir.customers.labels import RFM_SEGMENTS, check_lang

__all__ = ["rfm", "rfm_expr"]


def _score(worse_first: ir.Value, n: ir.IntegerValue) -> ir.IntegerValue:
    """``floor(5·rank / n) + 1`` where ``rank`` orders the worst customers first."""
    rank = ibis.rank().over(order_by=worse_first)
    return ((rank * 5).cast("float64") / n.cast("float64")).floor().cast("int64") + 1


def _segment(r: ir.IntegerValue, f: ir.IntegerValue) -> ir.StringValue:
    return ibis.cases(
        ((r == 5) & (f >= 4), "champions"),
        ((r >= 3) & (f >= 4), "loyal"),
        ((r >= 4) & (f >= 2), "potential_loyalists"),
        ((r == 5) & (f == 1), "new_customers"),
        ((r == 4) & (f == 1), "promising"),
        ((r == 3) & (f == 3), "need_attention"),
        (r == 3, "about_to_sleep"),
        (f == 5, "cannot_lose"),
        (f >= 3, "at_risk"),
        ((r == 1) & (f == 1), "lost"),
        else_="hibernating",
    )


def rfm_expr(
    data: TransactionsLike,
    *,
    as_of: date | str | None = None,
    lang: str = "en",
) -> ir.Table:
    """RFM scores and segments as a lazy Ibis expression, one row per customer.

    Columns: ``customer_id``, ``recency_days``, ``frequency``, ``monetary``, ``r_score``,
    ``f_score``, ``m_score``, ``rfm_score`` (``"545"``), ``segment`` (a code) and
    ``segment_name`` (in ``lang``); ordered by ``customer_id``.
    """
    names = {code: texts[check_lang(lang)] for code, texts in RFM_SEGMENTS.items()}
    table = as_table(data)
    if as_of is not None:
        table = table.filter(table.date <= literal_date(as_of))
    bought = table.amount >= 0
    # One pass over the log (no join, no second scan): purchases are picked out by filters.
    per_customer = table.group_by("customer_id").aggregate(
        last=table.date.max(where=bought),
        frequency=table.date.nunique(where=bought),
        monetary=table.amount.sum(),
        last_any=table.date.max(),
    )
    reference = (
        per_customer.last_any.max().over(ibis.window()) if as_of is None else literal_date(as_of)
    )
    measures = per_customer.select(
        "customer_id",
        recency_days=reference.delta(per_customer["last"], unit="day").cast("int64"),
        frequency=per_customer.frequency.cast("int64"),
        monetary=per_customer.monetary,
    ).filter(lambda t: t.frequency > 0)
    n = measures.count().over(ibis.window())
    scored = measures.mutate(
        r_score=_score(ibis.desc(measures.recency_days), n),
        f_score=_score(measures.frequency, n),
        m_score=_score(measures.monetary, n),
    )
    segment = _segment(scored.r_score, scored.f_score)
    code = (
        scored.r_score.cast("string")
        .concat(scored.f_score.cast("string"))
        .concat(scored.m_score.cast("string"))
    )
    with_segment = scored.mutate(rfm_score=code, segment=segment)
    return with_segment.mutate(segment_name=with_segment.segment.substitute(names)).order_by(
        "customer_id"
    )


def rfm(
    data: TransactionsLike,
    *,
    as_of: date | str | None = None,
    lang: str = "en",
    backend: BaseBackend | None = None,
) -> pa.Table:
    """Compute :func:`rfm_expr` and return it as an Arrow table."""
    return execute(rfm_expr(data, as_of=as_of, lang=lang), backend)
