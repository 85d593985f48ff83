"""One entry point for every analysis by name, for the service layer and the command line.

:func:`run_analysis` takes a transaction log (Ibis table of any backend, Arrow, pandas), an
analysis name and a small options object, and returns the result table with a few facts
about it (``meta``) — for ``clv`` the fitted models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa
from ibis.backends import BaseBackend

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers._input import TransactionsLike
from orientir.customers.abc import AbcThresholds, abc
from orientir.customers.cohorts import cohorts
from orientir.customers.labels import check_lang
from orientir.customers.rfm import rfm
from orientir.customers.summary import btyd_summary
from orientir.customers.value import ValueOptions, customer_value
from orientir.customers.xyz import XyzThresholds, abc_xyz_matrix, xyz
from orientir.errors import InvalidInput

__all__ = ["ANALYSES", "AnalysisOptions", "AnalysisResult", "run_analysis"]

ANALYSES = ("abc", "xyz", "matrix", "rfm", "cohorts", "summary", "clv")


@dataclass(frozen=True)
class AnalysisOptions:
    """Settings of the analyses; each analysis reads the ones it needs.

    ``end`` is the end of observation (summary, XYZ, cohorts) or the RFM reference date;
    ``unit``/``time_scaler`` the time scale of the summary and the CLV models.
    """

    abc: AbcThresholds = field(default_factory=AbcThresholds)
    xyz: XyzThresholds = field(default_factory=XyzThresholds)
    value: ValueOptions = field(default_factory=ValueOptions)
    by: str = "customer_id"
    unit: str = "days"
    time_scaler: float = 1.0
    end: date | None = None
    lang: str = "en"


@dataclass(frozen=True)
class AnalysisResult:
    analysis: str
    table: pa.Table
    meta: dict[str, Any]


def run_analysis(
    data: TransactionsLike,
    analysis: str,
    options: AnalysisOptions | None = None,
    *,
    backend: BaseBackend | None = None,
    progress: Callable[[str], None] | None = None,
) -> AnalysisResult:
    """Run ``analysis`` (one of :data:`ANALYSES`) on ``data``; ``progress`` hears each step
    (``"compute"``, then ``"fit"`` for ``clv``)."""
    opts = options or AnalysisOptions()
    check_lang(opts.lang)
    if analysis not in ANALYSES:
        raise InvalidInput(
            f"unknown analysis {analysis!r}; choose one of {', '.join(ANALYSES)}",
            key="err.customers.unknown_analysis",
            params={"analysis": analysis, "analyses": ", ".join(ANALYSES)},
        )
    step = progress or (lambda _name: None)
    step("compute")
    meta: dict[str, Any] = {}
    if analysis == "abc":
        table = abc(data, thresholds=opts.abc, by=opts.by, backend=backend)
    elif analysis == "xyz":
        table = xyz(data, thresholds=opts.xyz, by=opts.by, end=opts.end, backend=backend)
    elif analysis == "matrix":
        table = abc_xyz_matrix(
            data, abc_thresholds=opts.abc, xyz_thresholds=opts.xyz, by=opts.by, backend=backend
        )
    elif analysis == "rfm":
        table = rfm(data, as_of=opts.end, lang=opts.lang, backend=backend)
    elif analysis == "cohorts":
        table = cohorts(data, end=opts.end, backend=backend)
    else:
        table = btyd_summary(
            data, unit=opts.unit, time_scaler=opts.time_scaler, end=opts.end, backend=backend
        )
        meta = {"time_unit": opts.unit, "time_scaler": opts.time_scaler}
        if analysis == "clv":
            step("fit")
            table, meta = customer_value(table, opts.value)
    meta["rows"] = table.num_rows
    return AnalysisResult(analysis, table, meta)
