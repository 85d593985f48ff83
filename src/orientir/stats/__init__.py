"""Statistics on survey data: pure, vectorised functions that take arrays and return results.

Everything here takes numpy arrays or pandas frames and returns small frozen result objects
(or, for the ``*_by`` variants, a data frame indexed by group, computed with vectorised
group sums rather than a loop over groups). Nothing here touches storage. Every docstring
gives its formula and source.

Results meant for people go through the anonymity guard (:func:`suppress`,
:func:`suppress_filtered`) before they are shown.
"""

from orientir.stats.agreement import IccResult, RwgResult, icc, rwg_j, rwg_j_by
from orientir.stats.change import (
    ChangeResult,
    compare,
    compare_by,
    compare_favourable,
    compare_favourable_by,
    compare_nps,
    compare_nps_by,
    verdict,
)
from orientir.stats.drivers import RelativeWeights, relative_weights, relative_weights_by
from orientir.stats.guard import (
    DEFAULT_K,
    MIN_K,
    Release,
    check_k,
    filter_allowed,
    suppress,
    suppress_filtered,
    suppress_releases,
)
from orientir.stats.nps import NpsResult, nps, nps_by
from orientir.stats.omega import OmegaResult, omega, omega_by
from orientir.stats.reliability import AlphaResult, cronbach_alpha, cronbach_alpha_by
from orientir.stats.scores import (
    Favourable,
    ScaleSpec,
    percent_favourable,
    percent_favourable_by,
    reverse,
    scale_scores,
)

__all__ = [
    "DEFAULT_K",
    "MIN_K",
    "AlphaResult",
    "ChangeResult",
    "Favourable",
    "IccResult",
    "NpsResult",
    "OmegaResult",
    "RelativeWeights",
    "Release",
    "RwgResult",
    "ScaleSpec",
    "check_k",
    "compare",
    "compare_by",
    "compare_favourable",
    "compare_favourable_by",
    "compare_nps",
    "compare_nps_by",
    "cronbach_alpha",
    "cronbach_alpha_by",
    "filter_allowed",
    "icc",
    "nps",
    "nps_by",
    "omega",
    "omega_by",
    "percent_favourable",
    "percent_favourable_by",
    "relative_weights",
    "relative_weights_by",
    "reverse",
    "rwg_j",
    "rwg_j_by",
    "scale_scores",
    "suppress",
    "suppress_filtered",
    "suppress_releases",
    "verdict",
]
