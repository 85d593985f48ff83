"""The culture–index link on panels whose truth is set: an effect is found, a null is not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from orientir.culture import LinkOptions, culture_link
from orientir.culture._regression import correlation, ols, smallest_detectable_r
from orientir.culture.link import link_model
from orientir.errors import InsufficientData
from orientir.orientation import builtin_model
from tests.culture._synth import NEEDS_MODEL, panel

# In the panel, needs(t) on 1–5 rises 0.06 per clan point of the quarter before: 1.5 index
# points (0–100) per clan point, 15 per 10 points.
TRUE_PER_10 = 15.0


def test_a_lagged_effect_is_found_with_its_size() -> None:
    link = culture_link(panel(np.random.default_rng(1), lag_effect=0.06), NEEDS_MODEL)
    lag = link.lag("department", "clan")
    assert lag.n == 72  # 24 departments × 3 pairs of consecutive quarters
    assert lag.units == 24
    assert lag.clustered
    assert lag.ci_per_10 is not None
    assert lag.ci_per_10[0] > 0
    assert lag.ci_per_10[0] <= TRUE_PER_10 <= lag.ci_per_10[1]
    assert lag.sentence is not None
    assert lag.sentence.key == "culture.lag.clear"
    assert "выше" in lag.sentence.text("ru")
    assert lag.warning is None
    same = link.effect("department", "clan")
    assert same.r is not None
    assert same.r > 0.3
    assert same.method == "cluster-robust"
    assert same.sentence is not None
    assert "positive" in same.sentence.text("en")


def test_no_effect_is_not_found() -> None:
    link = culture_link(panel(np.random.default_rng(2), lag_effect=0.0), NEEDS_MODEL)
    lag = link.lag("department", "clan")
    assert lag.ci_per_10 is not None
    assert lag.ci_per_10[0] < 0 < lag.ci_per_10[1]
    assert lag.sentence is not None
    assert lag.sentence.key == "culture.lag.unclear"
    same = link.effect("department", "clan")
    assert same.ci is not None
    assert same.ci[0] < 0 < same.ci[1]


def test_small_samples_warn_and_tiny_ones_refuse() -> None:
    link = culture_link(
        panel(np.random.default_rng(3), departments=6, quarters=2, lag_effect=0.06), NEEDS_MODEL
    )
    effect = link.effect("department", "clan")
    assert effect.n == 12
    assert effect.warning is not None
    assert effect.warning.key == "culture.warn.small"
    assert effect.warning.params["needed"] == pytest.approx(smallest_detectable_r(12, 0.95))
    org = link.effect("organisation", "clan")
    assert org.r is None
    assert org.warning is not None
    assert org.warning.key == "culture.warn.too_few"
    lag = link.lag("department", "clan")
    assert lag.n == 6
    assert lag.warning is not None


def test_culture_components_are_left_out_of_the_index() -> None:
    model = builtin_model("stakeholder")
    linked, dropped = link_model(model, LinkOptions())
    assert dropped == ("culture",)
    assert [c.id for c in linked.components] == ["customers", "employees", "partners"]
    kept, none = link_model(model, LinkOptions(exclude_culture=False))
    assert kept is model
    assert none == ()
    only = model.__class__(model.id, model.title, (model.component("culture"),))
    with pytest.raises(InsufficientData):
        link_model(only, LinkOptions())
    link = culture_link(panel(np.random.default_rng(4), departments=8, quarters=2), model)
    assert any(n.key == "culture.note.excluded" for n in link.notes)


def test_fisher_interval_when_units_do_not_repeat() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=40)
    y = 0.5 * x + rng.normal(size=40)
    found = correlation(x, y, np.arange(40).astype(object), 0.95)
    assert found is not None
    assert found.method == "fisher"
    r = float(np.corrcoef(x, y)[0, 1])
    half = 1.959964 / math.sqrt(37)
    assert found.r == pytest.approx(r)
    assert found.ci[0] == pytest.approx(math.tanh(math.atanh(r) - half), abs=1e-6)
    assert found.slope == pytest.approx(np.polyfit(x, y, 1)[0])


def test_ols_matches_least_squares_and_cluster_robust_intervals_cover() -> None:
    rng = np.random.default_rng(6)
    x = np.column_stack([np.ones(50), rng.normal(size=50)])
    y = x @ np.array([1.0, 2.0]) + rng.normal(size=50)
    fit = ols(y, x, None)
    assert fit is not None
    assert not fit.clustered
    assert np.allclose(fit.coef, np.linalg.lstsq(x, y, rcond=None)[0])
    # Clustered data, no true slope: the cluster-robust interval keeps close to 95 % coverage,
    # where the classical one, pretending 120 independent rows, covers far less often.
    covered_robust = covered_classical = 0
    sims = 300
    for _ in range(sims):
        groups = np.repeat(np.arange(30), 4).astype(object)
        xs = np.repeat(rng.normal(size=30), 4) + 0.3 * rng.normal(size=120)
        ys = np.repeat(rng.normal(size=30), 4) + 0.3 * rng.normal(size=120)
        design = np.column_stack([np.ones(120), xs])
        robust, classical = ols(ys, design, groups), ols(ys, design, None)
        assert robust is not None
        assert classical is not None
        covered_robust += robust.ci(1, 0.95)[0] <= 0 <= robust.ci(1, 0.95)[1]
        covered_classical += classical.ci(1, 0.95)[0] <= 0 <= classical.ci(1, 0.95)[1]
    assert 0.88 <= covered_robust / sims <= 0.99
    assert covered_classical / sims < 0.85
