"""The customer-orientation index, coverage, readiness (13 rules), trajectory and portfolio.

Pure functions: they take survey waves (:class:`WaveData`) and organisation facts
(:class:`OrgFacts`) in and hand frozen result objects out; every result has ``to_dict()``
giving JSON-ready output (shapes in ``docs/orientation.md``). Nothing here touches storage.
Every figure about people goes through the anonymity guard of :mod:`orientir.stats`.

What callers may import is listed in ``__all__``; modules starting with ``_`` are private.
"""

from orientir.orientation.assessment import Evidence, ReadinessOptions, RuleAssessment
from orientir.orientation.comparison import ComparisonRow, ModelComparison, compare_models
from orientir.orientation.coverage import CoverageCell, CoverageResult, coverage
from orientir.orientation.gap import GapResult, GapRow, self_customer_gap
from orientir.orientation.index import compute_index
from orientir.orientation.index_model import (
    Component,
    IndexModel,
    InvalidIndexModel,
    Measure,
    ModelProblem,
)
from orientir.orientation.index_results import (
    ComponentCell,
    ComponentScore,
    GroupScore,
    IndexResult,
)
from orientir.orientation.inputs import OrgFacts, WaveData
from orientir.orientation.model_loader import (
    builtin_model,
    builtin_models,
    inspect_model,
    load_model_file,
    load_model_text,
    parse_model,
)
from orientir.orientation.portfolio import (
    FactorEffect,
    OrgHistory,
    PortfolioResult,
    org_history,
    portfolio,
)
from orientir.orientation.readiness import ReadinessResult, assess_readiness
from orientir.orientation.trajectory import (
    IndexPoint,
    IndexSeries,
    TrajectoryResult,
    index_series,
    index_trajectory,
    trajectory,
)

__all__ = [
    "ComparisonRow",
    "Component",
    "ComponentCell",
    "ComponentScore",
    "CoverageCell",
    "CoverageResult",
    "Evidence",
    "FactorEffect",
    "GapResult",
    "GapRow",
    "GroupScore",
    "IndexModel",
    "IndexPoint",
    "IndexResult",
    "IndexSeries",
    "InvalidIndexModel",
    "Measure",
    "ModelComparison",
    "ModelProblem",
    "OrgFacts",
    "OrgHistory",
    "PortfolioResult",
    "ReadinessOptions",
    "ReadinessResult",
    "RuleAssessment",
    "TrajectoryResult",
    "WaveData",
    "assess_readiness",
    "builtin_model",
    "builtin_models",
    "compare_models",
    "compute_index",
    "coverage",
    "index_series",
    "index_trajectory",
    "inspect_model",
    "load_model_file",
    "load_model_text",
    "org_history",
    "parse_model",
    "portfolio",
    "self_customer_gap",
    "trajectory",
]
