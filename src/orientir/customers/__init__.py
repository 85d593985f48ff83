"""Customer-base analytics (ABC, XYZ, RFM, cohorts, BTYD summary), engine-portable via Ibis.

Every analysis is written once as an Ibis expression (``*_expr``) and runs unchanged on
DuckDB (the default), Apache Spark, PostgreSQL or any warehouse Ibis reaches; the plain
function runs it and returns an Arrow table (``.to_pandas()`` for a frame). The input is a
transaction log — ``customer_id``, ``date``, ``amount`` — as an Ibis table of any backend,
an Arrow table or a pandas frame (see :mod:`orientir.customers._input` for the contract
and how returns are treated). The lifetime-value models live in
:mod:`orientir.customers.models`.

This package imports nothing of orientir but ``orientir.domain`` and ``orientir.errors``.
"""

from orientir.customers._input import TIME_UNITS, TransactionsLike, as_table, standardise
from orientir.customers.abc import AbcThresholds, abc, abc_expr
from orientir.customers.cohorts import cohorts, cohorts_expr
from orientir.customers.labels import ABC_CLASSES, RFM_SEGMENTS, XYZ_CLASSES, segment_name
from orientir.customers.rfm import rfm, rfm_expr
from orientir.customers.summary import btyd_summary, btyd_summary_expr
from orientir.customers.xyz import (
    XyzThresholds,
    abc_xyz,
    abc_xyz_expr,
    abc_xyz_matrix,
    xyz,
    xyz_expr,
)

__all__ = [
    "ABC_CLASSES",
    "RFM_SEGMENTS",
    "TIME_UNITS",
    "XYZ_CLASSES",
    "AbcThresholds",
    "TransactionsLike",
    "XyzThresholds",
    "abc",
    "abc_expr",
    "abc_xyz",
    "abc_xyz_expr",
    "abc_xyz_matrix",
    "as_table",
    "btyd_summary",
    "btyd_summary_expr",
    "cohorts",
    "cohorts_expr",
    "rfm",
    "rfm_expr",
    "segment_name",
    "standardise",
    "xyz",
    "xyz_expr",
]
