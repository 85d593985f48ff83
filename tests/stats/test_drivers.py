"""Johnson's relative weights: an independent construction, properties and the n ≥ 30 rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import linalg

from orientir.errors import InsufficientData
from orientir.stats import relative_weights, relative_weights_by


def make_data(n: int = 400, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    shared = rng.normal(size=n)
    x = pd.DataFrame(
        {
            "support": shared + rng.normal(size=n),
            "pay": 0.5 * shared + rng.normal(size=n),
            "tools": rng.normal(size=n),
        }
    )
    y = 0.6 * x["support"] + 0.3 * x["pay"] + 0.1 * x["tools"] + rng.normal(size=n)
    return x, y.to_numpy()


def johnson_by_construction(x: pd.DataFrame, y: np.ndarray) -> np.ndarray:
    """Build the orthogonal counterparts Z explicitly and regress on them (Johnson 2000)."""
    xs = ((x - x.mean()) / x.std()).to_numpy()
    ys = (y - y.mean()) / y.std(ddof=1)
    corr = np.corrcoef(xs, rowvar=False)
    z = xs @ np.linalg.inv(np.real(linalg.sqrtm(corr)))
    beta, *_ = np.linalg.lstsq(z, ys, rcond=None)
    lam = np.corrcoef(xs, z, rowvar=False)[: x.shape[1], x.shape[1] :]
    return (lam**2) @ (beta**2)


def test_weights_equal_an_explicit_construction() -> None:
    x, y = make_data()
    result = relative_weights(x, y, n_boot=0)
    np.testing.assert_allclose(result.weights.to_numpy(), johnson_by_construction(x, y), atol=1e-10)


def test_weights_add_up_to_r_squared() -> None:
    x, y = make_data()
    design = np.column_stack([np.ones(len(y)), x.to_numpy()])
    fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    r2 = 1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    result = relative_weights(x, y, n_boot=0)
    assert result.r_squared == pytest.approx(r2, abs=1e-12)
    assert result.rescaled.sum() == pytest.approx(100.0)
    assert result.weights.idxmax() == "support"


def test_uncorrelated_predictors_get_their_squared_correlations() -> None:
    rng = np.random.default_rng(1)
    raw = rng.normal(size=(200, 3))
    q, _ = np.linalg.qr(raw - raw.mean(axis=0))  # exactly uncorrelated, centred columns
    x = pd.DataFrame(q, columns=["a", "b", "c"])
    y = q @ np.array([3.0, 1.0, 0.5]) + rng.normal(size=200) * 0.05
    result = relative_weights(x, y, n_boot=0)
    r = np.array([np.corrcoef(q[:, j], y)[0, 1] for j in range(3)])
    np.testing.assert_allclose(result.weights.to_numpy(), r**2, atol=1e-12)


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    x, y = make_data()
    first = relative_weights(x, y, n_boot=300, seed=42)
    again = relative_weights(x, y, n_boot=300, seed=42)
    other = relative_weights(x, y, n_boot=300, seed=43)
    pd.testing.assert_series_equal(first.ci_low, again.ci_low)
    assert not np.allclose(first.ci_low, other.ci_low)
    assert (first.ci_low <= first.weights).all()
    assert (first.weights <= first.ci_high).all()
    assert (first.ci_high - first.ci_low > 0).all()


def test_refuses_groups_under_thirty() -> None:
    x, y = make_data(n=29)
    with pytest.raises(InsufficientData, match="at least 30 respondents"):
        relative_weights(x, y)
    relative_weights(x, y, min_n=20, n_boot=10)  # a caller may lower the floor on purpose


def test_missing_rows_are_dropped_before_counting() -> None:
    x, y = make_data(n=35)
    x.iloc[:6, 0] = np.nan
    with pytest.raises(InsufficientData, match="has 29"):
        relative_weights(x, y)


def test_grouped_weights_equal_one_group_at_a_time() -> None:
    x, y = make_data(n=900, seed=3)
    frame = x.assign(engagement=y, dept=np.repeat(["a", "b", "c"], 300))
    frame.loc[frame.index[-280:], "dept"] = "tiny"  # leaves 20 people in "c"
    table = relative_weights_by(frame, ["support", "pay", "tools"], "engagement", "dept")
    for dept in ("a", "b"):
        part = frame[frame["dept"] == dept]
        one = relative_weights(part[["support", "pay", "tools"]], part["engagement"], n_boot=0)
        np.testing.assert_allclose(
            table.loc[dept, ["support", "pay", "tools"]].to_numpy(dtype=float),
            one.weights.to_numpy(),
            atol=1e-10,
        )
        assert table.loc[dept, "r_squared"] == pytest.approx(one.r_squared, abs=1e-10)
    assert table.loc["c", "n"] == 20
    assert np.isnan(table.loc["c", "support"])
