"""Several index models on the same data, side by side, and where their verdicts part.

**Verdict.** Under each model, a group (department or stakeholder group) is

* ``above`` when its whole bootstrap interval lies above the organisation's index under
  the same model,
* ``below`` when its whole interval lies below it,
* ``level`` otherwise (the data cannot tell it from the organisation as a whole),
* ``None`` when the group is suppressed or has no data under that model.

A verdict relative to the organisation, rather than fixed bands on 0–100, is used because the
models put the organisation at different levels (a model weighting culture heavily may sit ten
points below one weighting service), while the question a reader asks is "which departments
stand out, and does that depend on the model?". A group's verdict *differs* when it gets two
different non-missing verdicts from two models; those groups are named in ``differing``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from orientir.errors import InvalidInput
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._common import Message
from orientir.orientation.index import compute_index
from orientir.orientation.index_model import IndexModel
from orientir.orientation.index_results import By, GroupScore, IndexResult
from orientir.orientation.inputs import WaveData
from orientir.stats import DEFAULT_K

Verdict = Literal["above", "level", "below"]


def group_verdict(group: GroupScore, reference: float | None) -> Verdict | None:
    """``above``/``below`` the organisation's index when the interval excludes it."""
    if group.suppressed or group.ci is None or reference is None:
        return None
    low, high = group.ci
    if low > reference:
        return "above"
    if high < reference:
        return "below"
    return "level"


@dataclass(frozen=True)
class ComparisonRow:
    group: str
    values: tuple[tuple[str, float | None], ...]  # (model id, group score)
    verdicts: tuple[tuple[str, Verdict | None], ...]  # (model id, verdict)

    @property
    def differs(self) -> bool:
        return len({v for _, v in self.verdicts if v is not None}) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "values": dict(self.values),
            "verdicts": dict(self.verdicts),
            "differs": self.differs,
        }


@dataclass(frozen=True)
class ModelComparison:
    models: tuple[str, ...]
    by: By
    results: tuple[IndexResult, ...]
    rows: tuple[ComparisonRow, ...]

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(r.group for r in self.rows if r.differs)

    @property
    def summary(self) -> Message:
        if self.differing:
            return Message("orientation.compare.differ", {"groups": ", ".join(self.differing)})
        return Message("orientation.compare.agree", {"count": len(self.rows)})

    def row(self, group: str) -> ComparisonRow:
        for r in self.rows:
            if r.group == group:
                return r
        raise KeyError(group)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "model_comparison",
            "models": list(self.models),
            "by": self.by,
            "overall": [
                {"model": r.model, "value": r.value, "ci": None if r.ci is None else list(r.ci)}
                for r in self.results
            ],
            "rows": [r.to_dict() for r in self.rows],
            "differing": list(self.differing),
            "summary": self.summary.to_dict(),
            "results": [r.to_dict() for r in self.results],
        }


def compare_models(
    models: Sequence[IndexModel],
    waves: Sequence[WaveData],
    *,
    by: By = "department",
    k: int = DEFAULT_K,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    allow_missing: bool = False,
) -> ModelComparison:
    """Score every model on ``waves`` with the same seed and compare the group verdicts."""
    if len(models) < 2:
        raise InvalidInput(
            "a comparison needs at least two index models",
            key="err.orientation.comparison_needs_least_two",
        )
    ids = [m.id for m in models]
    if len(set(ids)) != len(ids):
        raise InvalidInput(
            f"index models repeat: {', '.join(ids)}",
            key="err.orientation.index_models_repeat",
            params={"ids": ", ".join(ids)},
        )
    if n_boot < 1:
        raise InvalidInput(
            "verdicts rest on bootstrap intervals: n_boot must be at least 1",
            key="err.orientation.verdicts_rest_bootstrap_intervals",
        )
    results = tuple(
        compute_index(
            m, waves, by=by, k=k, n_boot=n_boot, seed=seed, level=level, allow_missing=allow_missing
        )
        for m in models
    )
    names = sorted({g.group for r in results for g in r.groups})
    rows = []
    for name in names:
        values: list[tuple[str, float | None]] = []
        verdicts: list[tuple[str, Verdict | None]] = []
        for result in results:
            group = next((g for g in result.groups if g.group == name), None)
            values.append((result.model, None if group is None else group.value))
            verdict = None if group is None else group_verdict(group, result.value)
            verdicts.append((result.model, verdict))
        rows.append(ComparisonRow(name, tuple(values), tuple(verdicts)))
    return ModelComparison(tuple(ids), by, results, tuple(rows))
