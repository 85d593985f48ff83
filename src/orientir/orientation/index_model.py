"""Index models: how measures of several stakeholder groups combine into one 0–100 index.

A model is declarative YAML (see ``docs/orientation.md`` and ``orientation/models/*.yaml``)::

    id: stakeholder
    title: {ru: ..., en: ...}
    description: {ru: ..., en: ...}      # optional
    normalise: false                     # optional; true rescales weights to sum to 1
    components:
      - id: customers
        title: {ru: Клиенты, en: Customers}
        weight: 0.3
        stakeholder: customers           # optional; default: the instrument's group
        measure:
          instrument: customer-view      # name, or name@version to pin one version
          scales: [needs, responsiveness]   # or  scale: needs   or  item: nps

Every measure is put on 0–100 per response (see :mod:`orientir.orientation._measures`): a
Likert mean ``m`` on ``low..high`` becomes ``100·(m − low)/(high − low)``; an NPS answer
becomes 100 (promoter), 50 (passive) or 0 (detractor), so the mean is ``(NPS + 100)/2``.

Weights must be positive. They must sum to 1 (within 1e-6) unless ``normalise: true``, which
divides each by their sum: a typo in a weight is caught, a deliberate "3 : 1 : 1" is allowed.
Loading and checking models (every problem reported at once, with its path, like instrument
files) is in :mod:`orientir.orientation.model_loader`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from orientir.errors import InvalidInput, NotFound
from orientir.i18n import t
from orientir.instruments.model import Instrument, Stakeholder, Text
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation import messages as _messages  # noqa: F401  (registers the texts)


@dataclass(frozen=True)
class Measure:
    """A scale (or the mean of several scales), or one rating item, of an instrument."""

    instrument: str  # the instrument's name
    version: int | None = None  # None: any version that has the scales or item
    scales: tuple[str, ...] = ()
    item: str | None = None

    @property
    def kind(self) -> str:
        return "item" if self.item is not None else "scales"

    def matches(self, instrument: Instrument) -> bool:
        return instrument.id == self.instrument and self.version in (None, instrument.version)

    @property
    def ref(self) -> str:
        return self.instrument if self.version is None else f"{self.instrument}@{self.version}"

    def describe(self) -> str:
        """``customer-view: needs + responsiveness`` or ``customer-view: nps``."""
        what = self.item if self.item is not None else " + ".join(self.scales)
        return f"{self.ref}: {what}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"instrument": self.ref}
        if self.item is not None:
            out["item"] = self.item
        else:
            out["scales"] = list(self.scales)
        return out


@dataclass(frozen=True)
class Component:
    id: str
    title: Text
    weight: float  # as written; see IndexModel.weights for the normalised ones
    stakeholder: Stakeholder
    measure: Measure

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "weight": self.weight,
            "stakeholder": self.stakeholder.value,
            "measure": self.measure.to_dict(),
        }


@dataclass(frozen=True)
class IndexModel:
    id: str
    title: Text
    components: tuple[Component, ...]
    description: Text | None = None
    normalise: bool = False

    @property
    def weights(self) -> dict[str, float]:
        """Component id → weight scaled to sum to 1."""
        total = sum(c.weight for c in self.components)
        return {c.id: c.weight / total for c in self.components}

    def component(self, component_id: str) -> Component:
        for comp in self.components:
            if comp.id == component_id:
                return comp
        raise NotFound(
            f"model {self.id!r} has no component {component_id!r}",
            key="err.orientation.model_no_component",
            params={"id": self.id, "component_id": component_id},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "description": None if self.description is None else self.description.to_dict(),
            "normalise": self.normalise,
            "components": [c.to_dict() for c in self.components],
        }


@dataclass(frozen=True)
class ModelProblem:
    """One broken rule at ``path`` (``components[1].weight``; indices count from 0)."""

    path: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def message(self, lang: str = "en") -> str:
        where = self.path or "(model)"
        return f"{where}: {t(f'orientation.model.{self.code}', lang, **self.params)}"

    def __str__(self) -> str:
        return self.message()


class InvalidIndexModel(InvalidInput):
    """An index model breaks the format; ``problems`` lists every broken rule."""

    def __init__(self, source: str, problems: Sequence[ModelProblem]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        super().__init__(f"{source}: {count} problem{'s' if count != 1 else ''}\n{lines}")
