"""Results of the culture–index link (:mod:`orientir.culture.link`); ``to_dict()`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from orientir.culture.messages import Message


@dataclass(frozen=True)
class LinkEffect:
    level: str
    measure: str
    outcome: str
    n: int
    units: int
    r: float | None = None
    ci: tuple[float, float] | None = None
    slope: float | None = None
    method: str | None = None
    sentence: Message | None = None
    warning: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "measure": self.measure,
            "outcome": self.outcome,
            "n": self.n,
            "units": self.units,
            "r": self.r,
            "ci": None if self.ci is None else list(self.ci),
            "slope_per_10": None if self.slope is None else 10.0 * self.slope,
            "method": self.method,
            "sentence": None if self.sentence is None else self.sentence.to_dict(),
            "warning": None if self.warning is None else self.warning.to_dict(),
        }


@dataclass(frozen=True)
class LaggedEffect:
    level: str
    measure: str
    n: int
    units: int
    per_10: float | None = None
    ci_per_10: tuple[float, float] | None = None
    beta: float | None = None
    clustered: bool = False
    sentence: Message | None = None
    warning: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "measure": self.measure,
            "pairs": self.n,
            "units": self.units,
            "per_10": self.per_10,
            "ci_per_10": None if self.ci_per_10 is None else list(self.ci_per_10),
            "standardised_beta": self.beta,
            "cluster_robust": self.clustered,
            "sentence": None if self.sentence is None else self.sentence.to_dict(),
            "warning": None if self.warning is None else self.warning.to_dict(),
        }


@dataclass(frozen=True)
class LinkResult:
    table: pd.DataFrame = field(repr=False, compare=False)
    effects: tuple[LinkEffect, ...]
    lagged: tuple[LaggedEffect, ...]
    notes: tuple[Message, ...]

    def effect(self, level: str, measure: str, outcome: str = "index") -> LinkEffect:
        return next(
            e for e in self.effects if (e.level, e.measure, e.outcome) == (level, measure, outcome)
        )

    def lag(self, level: str, measure: str) -> LaggedEffect:
        return next(e for e in self.lagged if (e.level, e.measure) == (level, measure))

    def to_dict(self) -> dict[str, Any]:
        records = self.table.assign(when=self.table["when"].astype(str)).to_dict("records")
        clean = [
            {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
            for r in records
        ]
        return {
            "table": clean,
            "effects": [e.to_dict() for e in self.effects],
            "lagged": [e.to_dict() for e in self.lagged],
            "notes": [n.to_dict() for n in self.notes],
        }
