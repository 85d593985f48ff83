"""Portfolio: a built-in effect is found, a null effect is not."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import numpy as np
import pytest

from orientir.errors import InsufficientData
from orientir.orientation import IndexPoint, OrgFacts, OrgHistory, org_history, portfolio
from tests.orientation import _synth as synth
from tests.orientation.test_index import PEOPLE

AS_OF = date(2025, 12, 31)


def _portfolio(n: int, seed: int = 42, driver_effect: float = 6.0) -> list[OrgHistory]:
    """Truth: yearly change = 1 + driver_effect·(driver team) + noise; age has no effect."""
    rng = np.random.default_rng(seed)
    orgs = []
    for i in range(n):
        driver = bool(i % 2)  # balanced: half the companies have a driver team
        founded = int(rng.integers(1960, 2020))
        change = 1.0 + driver_effect * driver + rng.normal(0.0, 2.0)
        start = date(2023, 1, 15)
        points = tuple(
            IndexPoint(start + timedelta(days=91 * q), 50 + change * q / 4 + rng.normal(0, 0.3))
            for q in range(8)
        )
        facts = OrgFacts(
            f"org{i}",
            AS_OF,
            founded=founded,
            headcount=int(rng.integers(20, 5000)),
            departments=int(rng.integers(2, 30)),
            driver_team=driver,
            outside_help=bool(rng.integers(0, 2)),
            budget_per_year=float(rng.integers(0, 10**6)),
        )
        orgs.append(OrgHistory(facts, points, leadership=float(rng.uniform(40, 90))))
    return orgs


def test_the_built_in_effect_is_found_and_the_null_one_is_not() -> None:
    result = portfolio(_portfolio(40))
    driver, age = result.effect("driver_team"), result.effect("age")
    assert driver.ci is not None
    assert driver.ci[0] > 0
    assert driver.verdict == "supported"
    assert driver.slope == pytest.approx(6.0, abs=2.0)  # the difference of the two groups
    assert age.ci is not None
    assert age.ci[0] < 0 < age.ci[1]
    assert age.verdict == "no evidence"
    assert result.warnings == ()
    assert "драйвер" in driver.sentence.text("ru")
    assert "Rule 6 holds here" in driver.sentence.text("en")
    assert "Rule 9 is not shown here" in age.sentence.text("en")
    json.dumps(result.to_dict(), allow_nan=False, ensure_ascii=False)


def test_a_small_portfolio_warns_and_a_tiny_one_is_refused() -> None:
    result = portfolio(_portfolio(10))
    assert result.n_orgs == 10
    warning = result.warnings[0]
    critical = math.tanh(1.959964 / math.sqrt(7))
    assert warning.params["r"] == pytest.approx(critical, abs=1e-4)
    assert "10" in warning.text("ru")
    with pytest.raises(InsufficientData, match="at least 8 organisations"):
        portfolio(_portfolio(7))


def test_organisations_with_one_wave_are_excluded_and_constant_factors_untestable() -> None:
    orgs = _portfolio(12)
    one = OrgHistory(OrgFacts("single", AS_OF), (IndexPoint(date(2025, 1, 1), 50.0),))
    no_facts = [OrgHistory(OrgFacts(o.facts.org, AS_OF, founded=2000), o.points) for o in orgs]
    result = portfolio([*no_facts, one])
    assert result.excluded[0][0] == "single"
    assert result.effect("age").verdict == "not testable"  # every company founded in 2000
    assert result.effect("driver_team").verdict == "not testable"  # nobody reported it
    assert result.effect("driver_team").n == 0


def test_history_is_built_from_waves() -> None:
    rng = np.random.default_rng(0)
    waves = [
        synth.employees(rng, {None: (50, 3.0)}, closes_on=date(2024, 3, 1)),
        synth.employees(rng, {None: (50, 3.5)}, closes_on=date(2024, 9, 1)),
        synth.wave(
            "leadership",
            [synth.frame(synth.instrument("leadership"), 6, rng, scales={"acting": 4.0})],
            closes_on=date(2024, 9, 1),
        ),
    ]
    history = org_history(PEOPLE, OrgFacts("acme", AS_OF), waves)
    assert [p.label for p in history.points] == ["2024-Q1", "2024-Q3"]
    assert history.leadership == pytest.approx(75.0)  # acting 4.0 on 1–5
    assert history.yearly_change(90) == pytest.approx(12.5 / (184 / 365.25), rel=0.3)
