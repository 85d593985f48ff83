"""The lifetime-value models against the published CDNOW results and against ``lifetimes``."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
from scipy.optimize import approx_fprime

from orientir.customers.models import BetaGeo, GammaGamma, ParetoNBD, Summary
from orientir.customers.models._base import Prepared
from orientir.customers.models._data import unique_rows
from orientir.customers.models.pareto_nbd import quadrature_log_likelihood

BG_PARAMS = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PNBD_PARAMS = {"r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 11.67}
GG_PARAMS = {"p": 6.25, "q": 3.74, "gamma": 15.44}


@pytest.fixture(scope="module")
def cal(cdnow_calibration_summary: pa.Table) -> Summary:
    return Summary.from_data(cdnow_calibration_summary)


@pytest.fixture(scope="module")
def cal_frame(cdnow_calibration_summary: pa.Table) -> pd.DataFrame:
    return cdnow_calibration_summary.to_pandas().set_index("customer_id")


@pytest.fixture(scope="module")
def bgnbd(cal: Summary) -> BetaGeo:
    return BetaGeo().fit(cal)


@pytest.fixture(scope="module")
def pnbd(cal: Summary) -> ParetoNBD:
    return ParetoNBD().fit(cal)


@pytest.fixture(scope="module")
def gg(cal: Summary) -> GammaGamma:
    return GammaGamma().fit(cal)


def _with_params(model: BetaGeo | ParetoNBD | GammaGamma, params: dict[str, float]) -> None:
    model._params = np.array([params[n] for n in model.param_names])


# -- the published results ---------------------------------------------------------------
def test_bgnbd_reproduces_fader_hardie_lee(bgnbd: BetaGeo) -> None:
    assert {k: round(v, 3) for k, v in bgnbd.params.items()} == BG_PARAMS
    assert round(bgnbd.fit_log_likelihood, 1) == -9582.4
    assert bgnbd.n_customers == 2357


def test_pareto_nbd_reproduces_fader_hardie(pnbd: ParetoNBD) -> None:
    assert {k: round(v, 2) for k, v in pnbd.params.items()} == PNBD_PARAMS
    assert round(pnbd.fit_log_likelihood, 1) == -9595.0
    # MATLAB note: r = 0.5533, α = 10.5802, s = 0.6061, β = 11.6711, LL = −9594.98
    assert pnbd.params["r"] == pytest.approx(0.5533, abs=1e-4)
    assert pnbd.params["s"] == pytest.approx(0.6061, abs=2e-4)


def test_gamma_gamma_reproduces_fader_hardie(gg: GammaGamma) -> None:
    assert {k: round(v, 2) for k, v in gg.params.items()} == GG_PARAMS
    assert gg.n_customers == 946


# -- agreement with lifetimes ----------------------------------------------------------------
def test_fits_agree_with_lifetimes(cal_frame: pd.DataFrame, bgnbd: BetaGeo, gg: GammaGamma) -> None:
    ref = BetaGeoFitter().fit(cal_frame["frequency"], cal_frame["recency"], cal_frame["T"])
    for name, value in bgnbd.params.items():
        assert value == pytest.approx(ref.params_[name], rel=1e-4)
    repeat = cal_frame[cal_frame["frequency"] > 0]
    ref_gg = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    for ours, theirs in (("p", "p"), ("q", "q"), ("gamma", "v")):
        assert gg.params[ours] == pytest.approx(ref_gg.params_[theirs], rel=1e-4)


def test_penalty_means_what_it_means_in_lifetimes(cal: Summary, cal_frame: pd.DataFrame) -> None:
    ours = BetaGeo(penalty=0.05).fit(cal)
    ref = BetaGeoFitter(penalizer_coef=0.05).fit(
        cal_frame["frequency"], cal_frame["recency"], cal_frame["T"]
    )
    for name, value in ours.params.items():
        assert value == pytest.approx(ref.params_[name], rel=1e-4)
    assert ours.params["a"] < BG_PARAMS["a"]  # the penalty shrinks


@pytest.mark.slow
def test_pareto_fit_agrees_with_lifetimes(cal_frame: pd.DataFrame, pnbd: ParetoNBD) -> None:
    ref = ParetoNBDFitter().fit(cal_frame["frequency"], cal_frame["recency"], cal_frame["T"])
    for name, value in pnbd.params.items():
        assert value == pytest.approx(ref.params_[name], rel=1e-3)


def _lifetimes_bg() -> BetaGeoFitter:
    ref = BetaGeoFitter()
    ref.params_ = pd.Series(BG_PARAMS)
    ref.predict = ref.conditional_expected_number_of_purchases_up_to_time
    return ref


def _lifetimes_pnbd() -> ParetoNBDFitter:
    ref = ParetoNBDFitter()
    ref.params_ = pd.Series(PNBD_PARAMS)
    ref.predict = ref.conditional_expected_number_of_purchases_up_to_time
    return ref


@pytest.mark.parametrize("kind", ["bgnbd", "pnbd"])
def test_predictions_match_lifetimes_at_fixed_parameters(
    kind: str, cal: Summary, cal_frame: pd.DataFrame
) -> None:
    model: BetaGeo | ParetoNBD
    if kind == "bgnbd":
        model, ref, params = BetaGeo(), _lifetimes_bg(), BG_PARAMS
    else:
        model, ref, params = ParetoNBD(), _lifetimes_pnbd(), PNBD_PARAMS
    _with_params(model, params)
    x, t_x, age = (cal_frame[c].to_numpy() for c in ("frequency", "recency", "T"))
    np.testing.assert_allclose(
        model.p_alive(cal), ref.conditional_probability_alive(x, t_x, age), rtol=1e-6
    )
    for t in (1.0, 10.0, 39.0, 520.0):
        np.testing.assert_allclose(
            model.expected_purchases(t, cal),
            ref.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, age),
            rtol=1e-6,
        )
    ts = np.array([0.5, 13.0, 39.0, 78.0])
    np.testing.assert_allclose(
        model.expected_purchases_new(ts), ref.expected_number_of_purchases_up_to_time(ts), rtol=1e-6
    )
    # CLV with Gamma-Gamma, 12 months of 4.345 weeks at 1 % a month
    spend_model, spend_ref = GammaGamma(), GammaGammaFitter()
    _with_params(spend_model, GG_PARAMS)
    spend_ref.params_ = pd.Series({"p": 6.25, "q": 3.74, "v": 15.44})
    m = cal_frame["monetary_value"]
    np.testing.assert_allclose(
        spend_model.expected_spend(cal),
        spend_ref.conditional_expected_average_profit(cal_frame["frequency"], m),
        rtol=1e-6,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = spend_ref.customer_lifetime_value(
            ref,
            cal_frame["frequency"],
            cal_frame["recency"],
            cal_frame["T"],
            m,
            time=12,
            discount_rate=0.01,
            freq="W",
        )
    ours = spend_model.clv(model, horizon=12, discount_rate=0.01, data=cal, periods_per_month=4.345)
    np.testing.assert_allclose(ours, expected.to_numpy(), rtol=1e-6)
    assert ours.max() > 100  # a real value, not zeros


def test_log_likelihood_matches_lifetimes_at_fixed_parameters(
    cal: Summary, cal_frame: pd.DataFrame
) -> None:
    x, t_x, age = (cal_frame[c].to_numpy() for c in ("frequency", "recency", "T"))
    model = ParetoNBD()
    _with_params(model, PNBD_PARAMS)
    theirs = ParetoNBDFitter._conditional_log_likelihood(list(PNBD_PARAMS.values()), x, t_x, age)
    assert model.log_likelihood(cal) == pytest.approx(float(np.sum(theirs)), rel=1e-10)


# -- exactness of the gradients and of the Pareto/NBD quadrature ------------------------------
@pytest.mark.parametrize("model_type", [BetaGeo, ParetoNBD, GammaGamma])
def test_gradient_is_exact(model_type: type, cal: Summary) -> None:
    model = model_type()
    prep: Prepared = model._prepare(cal)
    rng = np.random.default_rng(3)
    for _ in range(3):
        theta = rng.normal(0.0, 0.7, size=len(model.param_names))
        _, grad = model._mean_nll(theta, prep)
        numeric = approx_fprime(theta, lambda th: model._mean_nll(th, prep)[0], 1e-7)
        np.testing.assert_allclose(grad, numeric, rtol=2e-5, atol=1e-7)


def test_pareto_quadrature_equals_the_hypergeometric_form() -> None:
    rng = np.random.default_rng(11)
    worst = 0.0
    for _ in range(60):
        params = np.exp(rng.uniform([-3, -3, -3, -3], [2, 6, 2, 6]))
        n = 400
        age = rng.uniform(0, 1000, n) * np.exp(rng.uniform(-4, 0))
        x = rng.integers(0, 150, n).astype(float)
        t_x = np.where(x > 0, age * rng.uniform(0, 1, n), 0.0)
        ll_quad, _ = quadrature_log_likelihood(params, x, t_x, age)
        with np.errstate(all="ignore"):
            ll_hyp = ParetoNBD._row_log_likelihood(params, x, t_x, age)
        ok = np.isfinite(ll_hyp)
        assert ok.mean() > 0.9
        scale = np.maximum(1.0, np.abs(ll_hyp[ok]))
        worst = max(worst, float(np.max(np.abs(ll_quad[ok] - ll_hyp[ok]) / scale)))
    # (Where they differ most, at |LL| ~ 1e-5, a 40-digit integration sides with the quadrature.)
    assert worst < 1e-9


def test_unique_rows_carry_the_weights() -> None:
    (x, t), w = unique_rows(np.array([1.0, 1.0, 0.0, 1.0]), np.array([2.0, 2.0, 0.0, 3.0]))
    assert list(zip(x, t, w, strict=True)) == [(1.0, 2.0, 2.0), (0.0, 0.0, 1.0), (1.0, 3.0, 1.0)]
    (only,), counts = unique_rows(np.array([3.0, 3.0, 1.0]))
    assert list(only) == [3.0, 1.0]
    assert list(counts) == [2.0, 1.0]


def test_bgnbd_hessian_is_exact(cal: Summary) -> None:
    model = BetaGeo()
    prep = model._prepare(cal)
    rng = np.random.default_rng(5)
    for _ in range(3):
        theta = rng.normal(0.0, 0.7, size=4)
        _, _, hessian = model._mean_nll_hessian(theta, prep)
        numeric = np.array(
            [
                approx_fprime(theta, lambda th, i=i: model._mean_nll(th, prep)[1][i], 1e-6)
                for i in range(4)
            ]
        )
        np.testing.assert_allclose(hessian, numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("model_type", [BetaGeo, ParetoNBD, GammaGamma])
def test_warm_start_reaches_the_same_optimum(
    model_type: type, cal: Summary, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = model_type().fit(cal)
    monkeypatch.setattr(model_type, "warm_start", (100, 800))
    model = model_type()
    prep = model._prepare(cal)
    start = model._warm_start(cal, prep)
    assert start is not None
    warm = model_type().fit(cal)
    for name, value in plain.params.items():
        assert warm.params[name] == pytest.approx(value, rel=1e-6)
