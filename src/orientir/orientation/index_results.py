"""Results of :func:`orientir.orientation.index.compute_index` (JSON via ``to_dict``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from orientir.instruments.model import Text
from orientir.orientation._common import Interval, Message, ci_list

By = Literal["department", "stakeholder"]


@dataclass(frozen=True)
class ComponentCell:
    """A component's figure inside a group."""

    id: str
    n: int
    value: float
    ci: Interval | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "n": self.n, "value": self.value, "ci": ci_list(self.ci)}


@dataclass(frozen=True)
class ComponentScore:
    id: str
    title: Text
    stakeholder: str
    measure: str
    weight: float  # rescaled over the components present
    waves: tuple[str, ...]
    n: int | None
    value: float | None
    ci: Interval | None
    suppressed: bool
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "stakeholder": self.stakeholder,
            "measure": self.measure,
            "weight": self.weight,
            "waves": list(self.waves),
            "n": self.n,
            "value": self.value,
            "ci": ci_list(self.ci),
            "suppressed": self.suppressed,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class GroupScore:
    """The index of one department or stakeholder group."""

    group: str
    parent: str | None
    n: int | None
    value: float | None
    ci: Interval | None
    components: tuple[ComponentCell, ...]
    components_hidden: tuple[str, ...]
    weight_covered: float | None
    suppressed: bool
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "parent": self.parent,
            "n": self.n,
            "value": self.value,
            "ci": ci_list(self.ci),
            "components": [c.to_dict() for c in self.components],
            "components_hidden": list(self.components_hidden),
            "weight_covered": self.weight_covered,
            "suppressed": self.suppressed,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class IndexResult:
    model: str
    model_title: Text
    org: str
    as_of: date
    waves: tuple[str, ...]
    k: int
    level: float
    n_boot: int
    seed: int
    n: int | None
    value: float | None
    ci: Interval | None
    suppressed: bool
    reason: str | None
    components: tuple[ComponentScore, ...]
    missing_components: tuple[str, ...]
    by: By | None
    groups: tuple[GroupScore, ...]
    notes: tuple[Message, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return not self.missing_components

    def group(self, name: str) -> GroupScore:
        for g in self.groups:
            if g.group == name:
                return g
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "index",
            "model": {"id": self.model, "title": self.model_title.to_dict()},
            "org": self.org,
            "as_of": self.as_of.isoformat(),
            "waves": list(self.waves),
            "k": self.k,
            "level": self.level,
            "n_boot": self.n_boot,
            "seed": self.seed,
            "index": {
                "n": self.n,
                "value": self.value,
                "ci": ci_list(self.ci),
                "suppressed": self.suppressed,
                "reason": self.reason,
            },
            "complete": self.complete,
            "missing_components": list(self.missing_components),
            "components": [c.to_dict() for c in self.components],
            "by": self.by,
            "groups": [g.to_dict() for g in self.groups],
            "notes": [m.to_dict() for m in self.notes],
        }
