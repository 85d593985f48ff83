"""The parts of a readiness assessment: statuses, options (every threshold), evidence.

See :mod:`orientir.orientation.readiness` for what the statuses mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from orientir.orientation._common import Message, check_level
from orientir.orientation.index_model import IndexModel
from orientir.stats import DEFAULT_K, check_k

Status = Literal["supports", "at risk", "unknown"]
STATUSES: tuple[Status, ...] = ("supports", "at risk", "unknown")
RULE_GROUPS = {
    1: "important", 2: "important", 3: "important", 4: "important",
    5: "people", 6: "people", 7: "people", 8: "people",
    9: "time", 10: "time", 11: "size", 12: "money", 13: "help",
}  # fmt: skip


@dataclass(frozen=True)
class ReadinessOptions:
    """Every threshold of the diagnostic; index-like figures are on 0–100."""

    service_margin: float = 10.0  # rule 1: service above the other three parts by this much
    employee_threshold: float = 60.0  # rule 2: employees' own customer orientation
    gap_margin: float = 5.0  # rule 4: self − customers, as in orientation.gap
    leadership_high: float = 75.0  # rule 5: "wanting" counts as high from here (4 of 5)
    leadership_margin: float = 10.0  # rule 5: wanting − acting beyond this is a gap
    coverage_threshold: float = 4.0  # rule 7: a person's score on the 1–5 answer scale
    coverage_target: float = 0.7  # rule 7: the counterpoint's target share
    old_company_years: int = 20  # rule 9: on the market this long or longer
    start_delay_days: int = 180  # rule 10: a start planned further ahead than this
    large_headcount: int = 250  # rule 11: the upper bound of a medium firm (209-FZ, EU)
    many_departments: int = 10  # rule 11
    min_budget_per_employee: float = 0.0  # rule 12: at or below this, no real investment
    models: tuple[IndexModel, ...] = ()  # rule 3 compares these; () = the built-in two
    k: int = DEFAULT_K
    level: float = 0.95
    n_boot: int = 500
    seed: int = 0

    def __post_init__(self) -> None:
        check_k(self.k)
        check_level(self.level)


@dataclass(frozen=True)
class Evidence:
    """One figure used: ``name`` (labelled by ``orientation.evidence.<name>``) and its value."""

    name: str
    value: float | int | str | bool | None
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def label(self) -> Message:
        return Message(f"orientation.evidence.{self.name}", self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "label": self.label.to_dict()}


@dataclass(frozen=True)
class RuleAssessment:
    rule: int
    status: Status
    finding: Message
    evidence: tuple[Evidence, ...] = ()
    thresholds: tuple[tuple[str, float], ...] = ()

    @property
    def group(self) -> str:
        return RULE_GROUPS[self.rule]

    @property
    def statement(self) -> Message:
        return Message(f"orientation.rule.{self.rule}.statement")

    @property
    def counterpoint(self) -> Message:
        return Message(f"orientation.rule.{self.rule}.counterpoint")

    @property
    def settle(self) -> Message | None:
        """What data would settle the rule; only for ``unknown``."""
        return Message(f"orientation.rule.{self.rule}.settle") if self.status == "unknown" else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "group": self.group,
            "group_label": Message(f"orientation.rule_group.{self.group}").to_dict(),
            "status": self.status,
            "status_label": Message(
                f"orientation.status.{self.status.replace(' ', '_')}"
            ).to_dict(),
            "statement": self.statement.to_dict(),
            "counterpoint": self.counterpoint.to_dict(),
            "finding": self.finding.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "thresholds": dict(self.thresholds),
            "settle": None if self.settle is None else self.settle.to_dict(),
        }
