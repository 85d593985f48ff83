"""The BG/NBD model (Fader, Hardie & Lee 2005, "'Counting your customers' the easy way: an
alternative to the Pareto/NBD model", *Marketing Science* 24(2), 275–284).

While active a customer buys as a Poisson process with rate :math:`\\lambda \\sim
\\Gamma(r, \\alpha)`; after each purchase they drop out with probability :math:`p \\sim
B(a, b)`. For a customer with :math:`x` repeat purchases, the last at :math:`t_x`, observed
for :math:`T`:

**Likelihood** (eq. 6), in the form of §7 of the paper:

.. math::

    L = A_1 A_2 \\left(e^{A_3} + \\delta_{x>0}\\, e^{A_4}\\right), \\quad
    \\ln A_1 = \\ln\\Gamma(r+x) - \\ln\\Gamma(r) + r\\ln\\alpha, \\quad
    \\ln A_2 = \\ln\\frac{\\Gamma(a+b)\\Gamma(b+x)}{\\Gamma(b)\\Gamma(a+b+x)},

    A_3 = -(r+x)\\ln(\\alpha+T), \\qquad
    A_4 = \\ln\\frac{a}{b+x-1} - (r+x)\\ln(\\alpha+t_x).

With :math:`\\pi_4 = \\delta_{x>0} e^{A_4} / (e^{A_3} + \\delta_{x>0} e^{A_4})`,
:math:`\\pi_3 = 1-\\pi_4` and :math:`\\psi` the digamma function, the exact gradient is

.. math::

    \\partial_r \\ell = \\psi(r+x) - \\psi(r) + \\ln\\alpha - \\pi_3\\ln(\\alpha+T)
                     - \\pi_4\\ln(\\alpha+t_x), \\quad
    \\partial_\\alpha \\ell = \\frac{r}{\\alpha} - (r+x)\\Big(\\frac{\\pi_3}{\\alpha+T}
                     + \\frac{\\pi_4}{\\alpha+t_x}\\Big),

    \\partial_a \\ell = \\psi(a+b) - \\psi(a+b+x) + \\frac{\\pi_4}{a}, \\quad
    \\partial_b \\ell = \\psi(a+b) + \\psi(b+x) - \\psi(b) - \\psi(a+b+x)
                     - \\frac{\\pi_4}{b+x-1}.

**Expected purchases of a new customer** in :math:`(0, t]` (eq. 9):
:math:`\\frac{a+b-1}{a-1}\\big[1 - (\\frac{\\alpha}{\\alpha+t})^r
{}_2F_1(r, b; a+b-1; \\frac{t}{\\alpha+t})\\big]`.

**Conditional expectation** of purchases in :math:`(T, T+t]` (eq. 10):

.. math::

    E[Y(t)] = \\frac{\\frac{a+b+x-1}{a-1}\\Big[1 - \\big(\\frac{\\alpha+T}{\\alpha+T+t}\\big)^{r+x}
    {}_2F_1\\big(r+x, b+x; a+b+x-1; \\frac{t}{\\alpha+T+t}\\big)\\Big]}
    {1 + \\delta_{x>0} \\frac{a}{b+x-1}\\big(\\frac{\\alpha+T}{\\alpha+t_x}\\big)^{r+x}} .

**P(alive)** (the closed form of Fader, Hardie & Lee's note "Computing P(alive) using the
BG/NBD model", 2008, which follows from eq. 6):
:math:`1 / \\big(1 + \\delta_{x>0}\\frac{a}{b+x-1}(\\frac{\\alpha+T}{\\alpha+t_x})^{r+x}\\big)`.

On the CDNOW sample (2,357 customers, 39 weeks) the paper reports :math:`r = 0.243`,
:math:`\\alpha = 4.414`, :math:`a = 0.793`, :math:`b = 2.426` and :math:`LL = -9582.4`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import digamma, expit, gammaln, hyp2f1, polygamma

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers.models._base import Prepared, TransactionModel
from orientir.customers.models._data import FloatArray, Summary, SummaryLike, unique_rows
from orientir.errors import InsufficientData

__all__ = ["BetaGeo"]

MIN_CUSTOMERS = 10


def hyp2f1_stable(a: FloatArray, b: FloatArray, c: FloatArray, z: FloatArray) -> FloatArray:
    """:math:`{}_2F_1(a,b;c;z)`, falling back to Euler's transformation where it overflows.

    Euler (Abramowitz & Stegun 15.3.3): :math:`{}_2F_1(a,b;c;z) = (1-z)^{c-a-b}
    {}_2F_1(c-a, c-b; c; z)`.
    """
    with np.errstate(all="ignore"):
        direct = np.asarray(hyp2f1(a, b, c, z), dtype=np.float64)
        bad = ~np.isfinite(direct)
        if bad.any():
            euler = hyp2f1(c - a, c - b, c, z) * (1.0 - z) ** (c - a - b)
            direct = np.where(bad, euler, direct)
    return direct


def _tables(x: FloatArray, t_x: FloatArray, age: FloatArray, weights: FloatArray) -> dict[str, Any]:
    """Distinct values of x, t_x and T with each row's index into them, and the weight of
    each distinct x — the likelihood then works per value, not per row."""
    ux, ix = np.unique(x, return_inverse=True)
    u_t, i_t = np.unique(age, return_inverse=True)
    u_tx, i_tx = np.unique(t_x, return_inverse=True)
    w_x = np.bincount(ix, weights=weights, minlength=len(ux))
    w_t = np.bincount(i_t, weights=weights, minlength=len(u_t))
    wx_t = np.bincount(i_t, weights=weights * x, minlength=len(u_t))
    return {
        "x": ux,
        "ix": ix,
        "w_x": w_x,
        "T": u_t,
        "iT": i_t,
        "tx": u_tx,
        "itx": i_tx,
        "w_T": w_t,
        "wx_T": wx_t,
    }


def _log_likelihood_terms(
    params: FloatArray, prep: Prepared, *, hessian: bool
) -> tuple[float, FloatArray, FloatArray | None]:
    """Total log-likelihood (eq. 6), its gradient and optionally its Hessian in (r, α, a, b).

    Per row, with :math:`u = \\ln(\\alpha+T)`, :math:`v = \\ln(\\alpha+t_x)`, :math:`g = u - v`,
    :math:`k = r + x` and :math:`d = A_4 - A_3 = \\ln\\frac{a}{b+x-1} + k g`,
    :math:`\\ell = F(x) + r\\ln\\alpha - k u + \\ln(1 + e^{d})`, so every derivative is a
    sum of per-x terms (Γ functions), per-T terms and per-row terms in
    :math:`\\pi = \\sigma(d)` and :math:`s = \\pi(1-\\pi)`; terms of x alone are summed per
    distinct x, logs of α + T and α + t_x are taken once per distinct value.
    """
    r, alpha, a, b = params
    t = prep.extra
    ux, w_x, x, w = t["x"], t["w_x"], prep.columns[0], prep.weights
    n = float(w.sum())
    repeat_x = ux > 0
    q = np.where(repeat_x, 1.0 / np.where(repeat_x, b + ux - 1, 1), 0.0)  # 1/(b+x−1)
    with np.errstate(divide="ignore"):
        c_x = np.where(repeat_x, np.log(a) + np.log(np.where(repeat_x, q, 1.0)), -np.inf)
    u_t, i_t = np.log(alpha + t["T"]), 1.0 / (alpha + t["T"])
    v_tx, i_tx = np.log(alpha + t["tx"]), 1.0 / (alpha + t["tx"])
    it, itx, ix = t["iT"], t["itx"], t["ix"]
    w_t, wx_t = t["w_T"], t["wx_T"]  # per distinct T: Σw and Σw·x
    k = r + x
    gap = u_t[it] - v_tx[itx]
    h = i_t[it] - i_tx[itx]  # ∂g/∂α
    d = c_x[ix] + k * gap
    pi = expit(d)
    w_pi = w * pi
    pi_x = np.bincount(ix, weights=w_pi, minlength=len(ux))
    f_x = gammaln(r + ux) - gammaln(r) + gammaln(a + b) + gammaln(b + ux) - gammaln(b)
    f_x -= gammaln(a + b + ux)
    total = w_x @ f_x + n * r * np.log(alpha) - r * (w_t @ u_t) - wx_t @ u_t
    total += w @ np.logaddexp(0.0, d)
    psi_ab, psi_abx = digamma(a + b), digamma(a + b + ux)
    grad = np.array(
        [
            w_x @ (digamma(r + ux) - digamma(r)) + n * np.log(alpha) - w_t @ u_t + w_pi @ gap,
            n * r / alpha - r * (w_t @ i_t) - wx_t @ i_t + w_pi @ (k * h),
            w_x @ (psi_ab - psi_abx) + pi_x.sum() / a,
            w_x @ (psi_ab + digamma(b + ux) - digamma(b) - psi_abx) - pi_x @ q,
        ]
    )
    if not hessian:
        return float(total), grad, None
    ws = w_pi * (1.0 - pi)  # w·s
    kh = k * h
    s_x = np.bincount(ix, weights=ws, minlength=len(ux))
    sg_x = np.bincount(ix, weights=ws * gap, minlength=len(ux))
    skh_x = np.bincount(ix, weights=ws * kh, minlength=len(ux))
    tri_ab, tri_abx = polygamma(1, a + b), polygamma(1, a + b + ux)
    h_rr = w_x @ (polygamma(1, r + ux) - polygamma(1, r)) + ws @ (gap * gap)
    h_ra = n / alpha - w_t @ i_t + w_pi @ h + ws @ (kh * gap)
    h_aa = -n * r / alpha**2 + r * (w_t @ i_t**2) + wx_t @ i_t**2 + ws @ (kh * kh)
    h_aa += w_pi @ (k * (i_tx[itx] ** 2 - i_t[it] ** 2))
    h_r_a, h_r_b = sg_x.sum() / a, -(sg_x @ q)
    h_al_a, h_al_b = skh_x.sum() / a, -(skh_x @ q)
    h_a_a = w_x @ (tri_ab - tri_abx) + (s_x.sum() - pi_x.sum()) / a**2
    h_a_b = w_x @ (tri_ab - tri_abx) - (s_x @ q) / a
    h_b_b = w_x @ (tri_ab + polygamma(1, b + ux) - polygamma(1, b) - tri_abx)
    h_b_b += (s_x + pi_x) @ (q * q)
    hess = np.array(
        [
            [h_rr, h_ra, h_r_a, h_r_b],
            [h_ra, h_aa, h_al_a, h_al_b],
            [h_r_a, h_al_a, h_a_a, h_a_b],
            [h_r_b, h_al_b, h_a_b, h_b_b],
        ]
    )
    return float(total), grad, hess


class BetaGeo(TransactionModel):
    """BG/NBD: ``BetaGeo().fit(summary)``, then predictions per customer."""

    kind = "BetaGeo"
    param_names = ("r", "alpha", "a", "b")
    has_hessian = True

    def _prepare(self, data: Summary) -> Prepared:
        if len(data) < MIN_CUSTOMERS:
            raise InsufficientData(
                f"BG/NBD needs at least {MIN_CUSTOMERS} customers, got {len(data)}",
                key="err.customers.too_few_customers",
                params={"model": "BG/NBD", "minimum": MIN_CUSTOMERS, "n": len(data)},
            )
        if not (data.frequency > 0).any():
            raise InsufficientData(
                "BG/NBD cannot be fitted: no customer made a repeat purchase",
                key="err.customers.no_repeat_purchase",
                params={"model": "BG/NBD"},
            )
        if not data.T.max() > 0:
            raise InsufficientData(
                "BG/NBD cannot be fitted: every customer has T = 0",
                key="err.customers.every_t_zero",
                params={"model": "BG/NBD"},
            )
        scale = 1.0 / float(data.T.max())
        (x, t_x, age), weights = unique_rows(*self._rows(data))
        scaled = [x, t_x * scale, age * scale]
        tables = _tables(x, t_x * scale, age * scale, weights)
        return Prepared(scaled, weights, scale, tables, [x, t_x, age])

    def _rows(self, data: Summary) -> list[FloatArray]:
        return [data.frequency, data.recency, data.T]

    def _initial(self, prep: Prepared) -> FloatArray:
        return np.zeros(4)

    def _unscale(self, params: FloatArray, scale: float) -> FloatArray:
        r, alpha, a, b = params
        return np.array([r, alpha / scale, a, b])

    def _mean_nll(self, theta: FloatArray, prep: Prepared) -> tuple[float, FloatArray]:
        value, grad, _ = self._mean_nll_hessian(theta, prep, hessian=False)
        return value, grad

    def _mean_nll_hessian(
        self, theta: FloatArray, prep: Prepared, *, hessian: bool = True
    ) -> tuple[float, FloatArray, FloatArray | None]:
        """Mean negative log-likelihood, gradient and (exact) Hessian in log-parameters."""
        params = np.exp(theta)
        total, grad, hess = _log_likelihood_terms(params, prep, hessian=hessian)
        n = float(prep.weights.sum())
        grad_theta = grad * params
        if hess is None:
            return -total / n, -grad_theta / n, None
        hess_theta = hess * np.outer(params, params) + np.diag(grad_theta)
        return -total / n, -grad_theta / n, -hess_theta / n

    def _total_log_likelihood(
        self, params: FloatArray, columns: list[FloatArray], weights: FloatArray
    ) -> float:
        x, t_x, age = columns
        prep = Prepared(columns, weights, 1.0, _tables(x, t_x, age, weights), columns)
        with np.errstate(divide="ignore"):
            value, _ = self._mean_nll(np.log(params), prep)
        return -value * float(weights.sum())

    # -- predictions -------------------------------------------------------------------
    def _denominator(self, data: Summary) -> FloatArray:
        r, alpha, a, b = self._fitted()
        x, t_x, age = data.frequency, data.recency, data.T
        with np.errstate(all="ignore"):
            odds = (a / np.where(x > 0, b + x - 1.0, 1.0)) * np.exp(
                (r + x) * (np.log(alpha + age) - np.log(alpha + t_x))
            )
        return np.asarray(1.0 + np.where(x > 0, odds, 0.0), dtype=np.float64)

    def p_alive(self, data: SummaryLike | None = None) -> FloatArray:
        """:math:`P(\\text{alive} \\mid x, t_x, T)` (Fader, Hardie & Lee's 2008 P(alive) note)."""
        return 1.0 / self._denominator(self._summary(data))

    def expected_purchases(self, t: float, data: SummaryLike | None = None) -> FloatArray:
        """:math:`E[Y(t) \\mid x, t_x, T]`, eq. 10 of the paper."""
        summary = self._summary(data)
        r, alpha, a, b = self._fitted()
        x, age = summary.frequency, summary.T
        z = t / (alpha + age + t)
        f = hyp2f1_stable(r + x, b + x, a + b + x - 1.0, z)
        ratio = np.exp((r + x) * (np.log(alpha + age) - np.log(alpha + age + t)))
        numerator = (a + b + x - 1.0) / (a - 1.0) * (1.0 - ratio * f)
        return np.asarray(numerator / self._denominator(summary), dtype=np.float64)

    def expected_purchases_new(self, t: float | FloatArray) -> FloatArray:
        """:math:`E[X(t)]` for a customer just acquired, eq. 9 of the paper."""
        r, alpha, a, b = self._fitted()
        t_arr = np.asarray(t, dtype=np.float64)
        f = hyp2f1_stable(r, b, a + b - 1.0, t_arr / (alpha + t_arr))
        return np.asarray(
            (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + t_arr)) ** r * f),
            dtype=np.float64,
        )
