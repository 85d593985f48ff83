"""Customer lifetime value from a BTYD summary: a transaction model plus Gamma-Gamma.

:func:`customer_value` fits BG/NBD (or Pareto/NBD) on every customer and Gamma-Gamma on the
repeat customers with a positive mean spend, then returns per customer the probability of
being alive, the expected purchases and spend over the horizon and the discounted CLV
(definitions in :mod:`orientir.customers.models`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers.models import BetaGeo, GammaGamma, ParetoNBD, Summary, TransactionModel
from orientir.errors import InvalidInput

__all__ = ["ValueOptions", "customer_value"]


@dataclass(frozen=True)
class ValueOptions:
    """``model``: ``"bgnbd"`` or ``"pareto"``; ``horizon`` in months; ``discount_rate`` per
    month; ``penalty``: the L2 penalty of both fits."""

    model: Literal["bgnbd", "pareto"] = "bgnbd"
    horizon: int = 12
    discount_rate: float = 0.01
    penalty: float = 0.0

    def __post_init__(self) -> None:
        if self.model not in ("bgnbd", "pareto"):
            raise InvalidInput(
                f"model must be bgnbd or pareto, got {self.model!r}",
                key="err.customers.value_model",
                params={"model": self.model},
            )
        if self.horizon < 1:
            raise InvalidInput(
                "the horizon must be at least one month", key="err.customers.value_horizon"
            )


def customer_value(
    summary: pa.Table, options: ValueOptions | None = None
) -> tuple[pa.Table, dict[str, Any]]:
    """Per-customer value table and a description of the fitted models.

    ``summary`` is the Arrow table of :func:`orientir.customers.btyd_summary` (with its
    ``customer_id`` and time-unit metadata). Columns returned: ``customer_id``,
    ``frequency``, ``recency``, ``T``, ``monetary_value``, ``p_alive``,
    ``expected_purchases`` (over the horizon), ``expected_spend`` and ``clv``, ordered by
    ``clv`` descending then ``customer_id``.
    """
    opts = options or ValueOptions()
    data = Summary.from_data(summary)
    if data.monetary_value is None:
        raise InvalidInput(
            "customer value needs the monetary_value column of the summary",
            key="err.customers.value_needs_monetary",
        )
    transactions: TransactionModel = (
        BetaGeo(penalty=opts.penalty) if opts.model == "bgnbd" else ParetoNBD(penalty=opts.penalty)
    )
    transactions.fit(data)
    usable = (data.frequency > 0) & (data.monetary_value > 0)
    spend_data = Summary(
        frequency=data.frequency[usable],
        recency=data.recency[usable],
        T=data.T[usable],
        monetary_value=data.monetary_value[usable],
        time_unit=data.time_unit,
        time_scaler=data.time_scaler,
    )
    spend_model = GammaGamma(penalty=opts.penalty).fit(spend_data)
    spend = spend_model.expected_spend(data)
    horizon_t = opts.horizon * data.periods_per_month
    value = transactions.clv(
        spend, horizon=opts.horizon, discount_rate=opts.discount_rate, data=data
    )
    table = pa.table(
        {
            "customer_id": summary.column("customer_id"),
            "frequency": summary.column("frequency"),
            "recency": data.recency,
            "T": data.T,
            "monetary_value": data.monetary_value,
            "p_alive": transactions.p_alive(data),
            "expected_purchases": transactions.expected_purchases(horizon_t, data),
            "expected_spend": spend,
            "clv": value,
        }
    )
    meta: dict[str, Any] = {
        "transaction_model": transactions.to_dict(),
        "spend_model": spend_model.to_dict(),
        "spend_model_customers": int(usable.sum()),
        "repeat_customers_left_out_of_spend_model": int(((data.frequency > 0) & ~usable).sum()),
        "horizon_months": opts.horizon,
        "discount_rate": opts.discount_rate,
        "time_unit": data.time_unit,
        "time_scaler": data.time_scaler,
        "total_clv": float(value.sum()),
    }
    return table.sort_by([("clv", "descending"), ("customer_id", "ascending")]), meta
