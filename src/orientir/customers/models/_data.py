"""The single input contract of the lifetime-value models: the BTYD summary as arrays.

A :class:`Summary` holds, per customer, ``frequency`` :math:`x` (repeat purchases),
``recency`` :math:`t_x`, ``T`` and optionally ``monetary_value`` :math:`m_x`, exactly as
:func:`orientir.customers.btyd_summary` returns them (and as ``lifetimes`` and
``pymc-marketing`` define them). It is built from that Arrow table, a pandas frame or a
mapping of arrays, and checked once, here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput

FloatArray: TypeAlias = npt.NDArray[np.float64]
SummaryLike: TypeAlias = "Summary | pa.Table | pd.DataFrame | Mapping[str, Any]"

#: Time units per month, the convention of ``lifetimes.utils.customer_lifetime_value``.
PERIODS_PER_MONTH = {"days": 30.0, "weeks": 4.345, "months": 1.0}


def _column(data: Any, name: str, *, required: bool = True) -> FloatArray | None:
    if isinstance(data, pa.Table):
        if name not in data.column_names:
            values = None
        else:
            values = data.column(name).to_numpy(zero_copy_only=False)
    elif isinstance(data, pd.DataFrame):
        values = data[name].to_numpy() if name in data.columns else None
    else:
        values = np.asarray(data[name]) if name in data else None
    if values is None:
        if required:
            raise InvalidInput(
                f"the summary lacks the column {name!r}",
                key="err.customers.summary_lacks_column",
                params={"name": name},
            )
        return None
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidInput(
            f"the summary column {name!r} is not numeric",
            key="err.customers.summary_column_not_numeric",
            params={"name": name},
        ) from None
    if array.ndim != 1:
        raise InvalidInput(
            f"the summary column {name!r} must be one-dimensional",
            key="err.customers.summary_column_not_1d",
            params={"name": name},
        )
    return array


@dataclass(frozen=True, eq=False)
class Summary:
    """Validated per-customer arrays; ``time_unit``/``time_scaler`` say what one unit of
    ``recency`` and ``T`` is (days, weeks or months, divided by the scaler)."""

    frequency: FloatArray
    recency: FloatArray
    T: FloatArray
    monetary_value: FloatArray | None = None
    time_unit: str = "days"
    time_scaler: float = 1.0

    def __post_init__(self) -> None:
        n = len(self.frequency)
        arrays = [self.recency, self.T] + (
            [self.monetary_value] if self.monetary_value is not None else []
        )
        if any(len(a) != n for a in arrays):
            raise InvalidInput(
                "the summary columns have different lengths",
                key="err.customers.summary_lengths_differ",
            )
        for name, values in (
            ("frequency", self.frequency),
            ("recency", self.recency),
            ("T", self.T),
        ):
            bad = ~np.isfinite(values) | (values < 0)
            if bad.any():
                raise InvalidInput(
                    f"{int(bad.sum())} customers have a missing, infinite or negative {name}",
                    key="err.customers.summary_bad_values",
                    params={"n": int(bad.sum()), "name": name},
                )
        if (self.frequency != np.round(self.frequency)).any():
            raise InvalidInput(
                "frequency must be a whole number of repeat purchases",
                key="err.customers.frequency_not_whole",
            )
        if (self.recency > self.T * (1 + 1e-12)).any():
            raise InvalidInput(
                "recency exceeds T for some customers (last purchase after the end)",
                key="err.customers.recency_exceeds_t",
            )
        if ((self.frequency == 0) & (self.recency != 0)).any():
            raise InvalidInput(
                "customers without repeat purchases must have recency 0",
                key="err.customers.recency_without_repeats",
            )
        if self.monetary_value is not None and not np.isfinite(self.monetary_value).all():
            raise InvalidInput(
                "monetary_value has missing or infinite values",
                key="err.customers.monetary_not_finite",
            )
        if self.time_unit not in PERIODS_PER_MONTH:
            raise InvalidInput(
                f"unknown time unit {self.time_unit!r}",
                key="err.customers.unknown_time_unit",
                params={"unit": self.time_unit},
            )
        if not self.time_scaler > 0:
            raise InvalidInput(
                "time_scaler must be positive", key="err.customers.time_scaler_positive"
            )

    def __len__(self) -> int:
        return len(self.frequency)

    def subset(self, rows: npt.NDArray[np.int64]) -> Summary:
        """The customers at positions ``rows``."""
        return Summary(
            self.frequency[rows],
            self.recency[rows],
            self.T[rows],
            None if self.monetary_value is None else self.monetary_value[rows],
            self.time_unit,
            self.time_scaler,
        )

    @property
    def periods_per_month(self) -> float:
        """Model time units in a month (30 days or 4.345 weeks, divided by the scaler)."""
        return PERIODS_PER_MONTH[self.time_unit] / self.time_scaler

    @classmethod
    def from_data(
        cls, data: SummaryLike, *, time_unit: str | None = None, time_scaler: float | None = None
    ) -> Summary:
        """Build from an Arrow table (its metadata gives the time unit), a frame or a mapping."""
        if isinstance(data, Summary):
            return data
        unit, scaler = "days", 1.0
        if isinstance(data, pa.Table) and data.schema.metadata:
            meta = data.schema.metadata
            unit = meta.get(b"orientir.time_unit", b"days").decode()
            scaler = float(meta.get(b"orientir.time_scaler", b"1.0").decode())
        frequency = _column(data, "frequency")
        recency = _column(data, "recency")
        age = _column(data, "T")
        if frequency is None or recency is None or age is None:  # pragma: no cover
            raise InvalidInput(
                "the summary lacks frequency, recency or T",
                key="err.customers.summary_lacks_columns",
            )
        return cls(
            frequency=frequency,
            recency=recency,
            T=age,
            monetary_value=_column(data, "monetary_value", required=False),
            time_unit=time_unit or unit,
            time_scaler=time_scaler or scaler,
        )


def unique_rows(*columns: FloatArray) -> tuple[list[FloatArray], FloatArray]:
    """The distinct rows of ``columns`` and how many customers share each (the weights),
    in order of first appearance.

    Fader and Hardie fit on the distinct (x, t_x, T) patterns; the likelihood of a pattern
    counts once per customer who has it. Each column is factorised (hashing), the codes are
    combined into one integer key and that is factorised again — several times faster than
    sorting rows or ``np.unique(axis=0)`` on a million customers.
    """
    n = len(columns[0])
    key = np.zeros(n, dtype=np.int64)
    radix = 1
    factorised = []
    for column in columns:
        codes, uniques = pd.factorize(np.asarray(column, dtype=np.float64))
        factorised.append((codes, np.asarray(uniques, dtype=np.float64)))
        if radix > (2**62) // max(len(uniques), 1):  # the key would overflow: group by rows
            frame = pd.DataFrame({f"c{i}": c for i, c in enumerate(columns)})
            sizes = frame.groupby(list(frame.columns), sort=False).size()
            index = sizes.index
            distinct = [
                np.asarray(index.get_level_values(i), dtype=np.float64) for i in range(len(columns))
            ]
            return distinct, sizes.to_numpy().astype(np.float64)
        key += codes.astype(np.int64) * radix
        radix *= max(len(uniques), 1)
    groups, _ = pd.factorize(key)
    counts = np.bincount(groups).astype(np.float64)
    first = np.zeros(len(counts), dtype=np.int64)
    first[groups[::-1]] = np.arange(n - 1, -1, -1)  # the first row of each group
    return [np.ascontiguousarray(u[c[first]]) for c, u in factorised], counts
