"""The customer-orientation index, readiness by the 13 rules, trajectory and portfolio — read
from the database and computed by :mod:`orientir.orientation`.

Which waves count: the ones named, or else the latest closed wave of every instrument (so the
index describes the organisation *now*); trajectory and portfolio use every closed wave.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from orientir.errors import InsufficientData
from orientir.orientation import (
    IndexModel,
    IndexResult,
    ModelComparison,
    PortfolioResult,
    ReadinessResult,
    TrajectoryResult,
    WaveData,
    assess_readiness,
    builtin_model,
    compare_models,
    compute_index,
    index_trajectory,
    load_model_file,
    org_history,
    portfolio,
)
from orientir.orientation.index_results import By
from orientir.services.organisations import list_organisations
from orientir.services.survey_data import load_waves, org_facts
from orientir.storage.database import Database

DEFAULT_MODEL = "stakeholder"


def resolve_model(reference: str | None) -> IndexModel:
    """A built-in model by id, or a user's YAML file."""
    reference = reference or DEFAULT_MODEL
    if reference.endswith((".yaml", ".yml")) or Path(reference).exists():
        return load_model_file(reference)
    return builtin_model(reference)


def latest_per_instrument(waves: Sequence[WaveData]) -> list[WaveData]:
    latest: dict[str, WaveData] = {}
    for wave in sorted(waves, key=lambda w: w.closes_on):
        latest[wave.instrument.id] = wave
    return sorted(latest.values(), key=lambda w: w.closes_on)


def _current_waves(db: Database, org: str, labels: Sequence[str] | None) -> list[WaveData]:
    waves = load_waves(db, org=org, labels=list(labels) if labels else None)
    return waves if labels else latest_per_instrument(waves)


def organisation_index(
    db: Database,
    *,
    org: str,
    model: str | None = None,
    waves: Sequence[str] | None = None,
    by: By | None = None,
    k: int = 5,
    n_boot: int = 1000,
    seed: int = 0,
) -> IndexResult:
    return compute_index(
        resolve_model(model),
        _current_waves(db, org, waves),
        by=by,
        k=k,
        n_boot=n_boot,
        seed=seed,
        allow_missing=True,
    )


def compare_index_models(
    db: Database,
    *,
    org: str,
    models: Sequence[str],
    waves: Sequence[str] | None = None,
    by: By = "department",
    k: int = 5,
    n_boot: int = 1000,
    seed: int = 0,
) -> ModelComparison:
    return compare_models(
        [resolve_model(m) for m in models],
        _current_waves(db, org, waves),
        by=by,
        k=k,
        n_boot=n_boot,
        seed=seed,
        allow_missing=True,
    )


def organisation_readiness(db: Database, *, org: str, as_of: date | None = None) -> ReadinessResult:
    waves = load_waves(db, org=org)
    facts = org_facts(db, org=org, waves=waves, as_of=as_of)
    return assess_readiness(facts, waves)


def organisation_trajectory(
    db: Database, *, org: str, target: float, model: str | None = None, k: int = 5
) -> TrajectoryResult:
    return index_trajectory(
        resolve_model(model), load_waves(db, org=org), target, k=k, allow_missing=True
    )


def portfolio_hypotheses(
    db: Database,
    *,
    model: str | None = None,
    k: int = 5,
    min_orgs: int = 8,
    level: float = 0.95,
) -> PortfolioResult:
    """The 13 rules as hypotheses across every organisation with enough waves."""
    chosen = resolve_model(model)
    histories = []
    skipped = []
    for organisation in list_organisations(db):
        waves = load_waves(db, org=organisation.slug)
        if not waves:
            continue
        facts = org_facts(db, org=organisation.slug, waves=waves)
        try:
            histories.append(org_history(chosen, facts, waves, k=k, allow_missing=True))
        except InsufficientData:
            skipped.append(organisation.slug)  # fewer than two index points
    return portfolio(histories, min_orgs=min_orgs, level=level)
