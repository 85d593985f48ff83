"""What a customer is worth, read from the organisation's stored transaction log when a case
opens — so a live survey answer gets the same priority the demo gives (ABC class, CLV).

:func:`stored_values` hands :func:`orientir.services.cases.on_response_completed` a *lazy*
lookup: nothing is read until a response actually breaks a rule, so the answers of satisfied
customers (nearly all of them) cost nothing. When it is asked, it reads the log on the
response's own connection (inside its transaction) and computes

* the **ABC class** of every customer (:func:`orientir.customers.abc`, 80/15/5 of revenue) —
  exactly the classes ``orientir customers`` and the report show;
* the **12-month discounted CLV** (BG/NBD + Gamma-Gamma, :mod:`orientir.customers.value`) only
  when the organisation's case rules use a CLV threshold (``clv_at_least``/``clv_below``):
  fitting the models costs far more than the class, and a policy on classes alone does not
  need it.

A customer absent from the log (or an organisation without one) is *unknown*, and gets the
rules' ``priority.unknown`` as before. Models that cannot be fitted (too few repeat buyers)
leave the CLV unknown but keep the class.
"""

from __future__ import annotations

import logging

import pyarrow as pa
from sqlalchemy import Connection

from orientir.customers import abc, btyd_summary
from orientir.customers.value import ValueOptions, customer_value
from orientir.domain.cases import CustomerValue, PriorityPolicy
from orientir.errors import InvalidInput, OrientirError
from orientir.services.case_rules import rules_for
from orientir.services.cases import ValueLookup
from orientir.storage import transactions as repo

log = logging.getLogger(__name__)


def _needs_clv(policy: PriorityPolicy) -> bool:
    return policy.high_clv is not None or policy.low_clv is not None


def _clv(table: pa.Table) -> dict[str, float]:
    try:
        summary = btyd_summary(table, unit="weeks")
        values, _meta = customer_value(summary, ValueOptions())
    except (OrientirError, ValueError, ArithmeticError) as exc:  # too little data to fit
        log.info("customer lifetime value not available for case priority: %s", exc)
        return {}
    ids = values.column("customer_id").to_pylist()
    return {
        str(c): float(v)
        for c, v in zip(ids, values.column("clv").to_pylist(), strict=True)
        if v is not None
    }


def customer_values(table: pa.Table, *, with_clv: bool) -> dict[str, CustomerValue]:
    """Every customer of a transaction log with its ABC class (and CLV when asked)."""
    if table.num_rows == 0:
        return {}
    classes = abc(table)
    clv = _clv(table) if with_clv else {}
    return {
        str(c): CustomerValue(str(k), clv.get(str(c)))
        for c, k in zip(
            classes.column("customer_id").to_pylist(),
            classes.column("abc_class").to_pylist(),
            strict=True,
        )
    }


def stored_values(conn: Connection, *, org_id: int) -> ValueLookup:
    """A lookup of customers' values from ``org_id``'s stored log, computed on first use."""
    cache: dict[str, CustomerValue] | None = None

    def lookup(customer: str) -> CustomerValue | None:
        nonlocal cache
        if cache is None:
            cache = {}
            if repo.count_transactions(conn, org_id=org_id) > 0:
                try:
                    policy = rules_for(conn, org_id=org_id).policy
                except InvalidInput:
                    policy = PriorityPolicy()
                cache = customer_values(
                    repo.transaction_log(conn, org_id=org_id), with_clv=_needs_clv(policy)
                )
        return cache.get(customer)

    return lookup
