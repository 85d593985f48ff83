"""Readiness: each of the 13 rules judged from evidence, with the commentator's counterpoint.

Every rule gets a status:

* ``supports`` — the evidence says this rule's condition favours the change;
* ``at risk`` — the evidence says this rule's condition stands in its way;
* ``unknown`` — no evidence, too little of it, or hidden by the anonymity guard; ``settle``
  then says what data would decide it.

Each assessment lists the figures it used (``evidence``), the thresholds it applied, the
rule in our own words and the commentator's counterpoint (both languages). The status follows
the rule *as Mann states it*; the counterpoint stands beside it, never silently replacing it
— the product does not pick a side (``seed/README.md``). How each rule is judged, and every
threshold, is in :mod:`orientir.orientation._rules` and ``docs/orientation.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from orientir.errors import InvalidInput
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._rules import JUDGES
from orientir.orientation.assessment import (
    STATUSES,
    Evidence,
    ReadinessOptions,
    RuleAssessment,
    Status,
)
from orientir.orientation.inputs import OrgFacts, WaveData

__all__ = [
    "Evidence",
    "ReadinessOptions",
    "ReadinessResult",
    "RuleAssessment",
    "Status",
    "assess_readiness",
]


@dataclass(frozen=True)
class ReadinessResult:
    org: str
    as_of: date
    waves: tuple[str, ...]
    rules: tuple[RuleAssessment, ...]
    options: ReadinessOptions

    def rule(self, number: int) -> RuleAssessment:
        return self.rules[number - 1]

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.rules) for s in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        opts = self.options
        return {
            "kind": "readiness",
            "org": self.org,
            "as_of": self.as_of.isoformat(),
            "waves": list(self.waves),
            "counts": self.counts,
            "k": opts.k,
            "level": opts.level,
            "rules": [r.to_dict() for r in self.rules],
        }


def assess_readiness(
    facts: OrgFacts,
    waves: Sequence[WaveData] = (),
    *,
    options: ReadinessOptions | None = None,
) -> ReadinessResult:
    """Judge the 13 rules for one organisation from its ``facts`` and ``waves``."""
    opts = options or ReadinessOptions()
    waves = list(waves)
    foreign = sorted({w.org for w in waves} - {facts.org})
    if foreign:
        raise InvalidInput(
            f"waves of other organisations given: {', '.join(foreign)}",
            key="err.orientation.waves_other_organisations_given",
            params={"foreign": ", ".join(foreign)},
        )
    rules = tuple(JUDGES[n](facts, waves, opts) for n in range(1, 14))
    return ReadinessResult(facts.org, facts.as_of, tuple(w.wave for w in waves), rules, opts)
