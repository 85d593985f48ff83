"""Across a generated portfolio, the built-in effects are found and the null ones are not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orientir.demo.generate import generate_portfolio
from orientir.services.orientation import portfolio_hypotheses
from orientir.storage.database import open_database


@pytest.mark.slow
def test_built_in_effects_are_found_and_null_effects_are_not(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'portfolio.db'}")
    generate_portfolio(
        db,
        seed=5,
        companies=39,
        today=date(2026, 11, 1),
        progress=lambda _: None,
        focal_customers=300,
    )
    result = portfolio_hypotheses(db)
    effects = {effect.factor: effect for effect in result.effects}
    # Nulls are judged at 99 %: at 95 % one of two true nulls looks "found" one time in ten.
    strict = {e.factor: e for e in portfolio_hypotheses(db, level=0.99).effects}
    assert result.n_orgs == 40
    # built in (orientir.demo.model): driver team and acting leadership speed the change up
    for factor in ("driver_team", "leadership"):
        low, high = effects[factor].ci
        assert low > 0, (factor, effects[factor])
    # not built in: company age and outside help have no effect on the change
    for factor in ("age", "outside_help"):
        low, high = strict[factor].ci
        assert low < 0 < high, (factor, effects[factor])
    db.dispose()
