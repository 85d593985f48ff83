"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
iso-value curves for customer base analysis", *Journal of Marketing Research* 42(4),
415–430; likelihood as in Fader & Hardie 2013, "The Gamma-Gamma model of monetary value",
brucehardie.com/notes/025).

Each purchase of a customer is worth :math:`z \\sim \\Gamma(p, \\nu)`, and :math:`\\nu \\sim
\\Gamma(q, \\gamma)` across customers. Only the mean :math:`m_x` of a customer's :math:`x`
repeat purchases is observed, so only customers with :math:`x > 0` inform the fit; the
others are ignored.

**Likelihood** (the density of :math:`m_x` derived in the note):

.. math::

    \\ell = \\ln\\Gamma(px+q) - \\ln\\Gamma(px) - \\ln\\Gamma(q) + q\\ln\\gamma
          + (px-1)\\ln m_x + px\\ln x - (px+q)\\ln(\\gamma + m_x x),

with the exact gradient

.. math::

    \\partial_p \\ell = x\\big[\\psi(px+q) - \\psi(px) + \\ln m_x + \\ln x
                     - \\ln(\\gamma + m_x x)\\big], \\quad
    \\partial_q \\ell = \\psi(px+q) - \\psi(q) + \\ln\\gamma - \\ln(\\gamma + m_x x), \\quad
    \\partial_\\gamma \\ell = \\frac{q}{\\gamma} - \\frac{px+q}{\\gamma + m_x x}.

**Expected spend per purchase** (the posterior mean of the JMR paper and the note), a
weighted mean of the
population mean :math:`p\\gamma/(q-1)` and the customer's own :math:`m_x`:

.. math::  E[Z \\mid m_x, x] = \\frac{q-1}{px+q-1}\\,\\frac{p\\gamma}{q-1}
           + \\frac{px}{px+q-1}\\, m_x ,

finite only when :math:`q > 1`.

On the 946 repeat customers of CDNOW (39 weeks) the note reports :math:`p = 6.25`,
:math:`q = 3.74`, :math:`\\gamma = 15.44`.
"""

from __future__ import annotations

import numpy as np
from scipy.special import digamma, gammaln

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers.models._base import LifetimeModel, Prepared, TransactionModel
from orientir.customers.models._data import FloatArray, Summary, SummaryLike, unique_rows
from orientir.errors import InsufficientData, InvalidInput

__all__ = ["GammaGamma"]

MIN_REPEAT_CUSTOMERS = 10


def _repeaters(data: Summary) -> tuple[FloatArray, FloatArray]:
    if data.monetary_value is None:
        raise InvalidInput(
            "Gamma-Gamma needs the monetary_value column of the summary",
            key="err.customers.gg_needs_monetary",
        )
    repeat = data.frequency > 0
    x, m = data.frequency[repeat], data.monetary_value[repeat]
    if (m <= 0).any():
        raise InvalidInput(
            f"{int((m <= 0).sum())} repeat customers have a mean spend of zero or less; "
            "Gamma-Gamma models positive spend only, leave them out",
            key="err.customers.gg_nonpositive_spend",
            params={"n": int((m <= 0).sum())},
        )
    return x, m


class GammaGamma(LifetimeModel):
    """Gamma-Gamma: ``GammaGamma().fit(summary)``, then :meth:`expected_spend` and :meth:`clv`."""

    kind = "GammaGamma"
    param_names = ("p", "q", "gamma")

    def _prepare(self, data: Summary) -> Prepared:
        x, m = _repeaters(data)
        if len(x) < MIN_REPEAT_CUSTOMERS:
            raise InsufficientData(
                f"Gamma-Gamma needs at least {MIN_REPEAT_CUSTOMERS} customers with repeat "
                f"purchases, got {len(x)}",
                key="err.customers.gg_too_few",
                params={"minimum": MIN_REPEAT_CUSTOMERS, "n": len(x)},
            )
        if np.unique(m).size < 2:
            raise InsufficientData(
                "Gamma-Gamma cannot be fitted: every mean spend is the same",
                key="err.customers.gg_constant_spend",
            )
        (ux, um), weights = unique_rows(x, m)
        return Prepared([ux, um], weights, 1.0, {"mean": float(np.mean(m))}, [ux, um])

    def _rows(self, data: Summary) -> list[FloatArray]:
        return list(_repeaters(data))

    def _initial(self, prep: Prepared) -> FloatArray:
        # p = 1, q = 2 and γ at the mean spend: the population mean pγ/(q−1) starts right.
        start: FloatArray = np.log(np.array([1.0, 2.0, float(prep.extra["mean"])]))
        return start

    def _unscale(self, params: FloatArray, scale: float) -> FloatArray:
        return params

    def _mean_nll(self, theta: FloatArray, prep: Prepared) -> tuple[float, FloatArray]:
        p, q, gamma = np.exp(theta)
        x, m = prep.columns
        w = prep.weights
        px = p * x
        ln_m, ln_x, ln_g_mx = np.log(m), np.log(x), np.log(gamma + m * x)
        ll = (
            gammaln(px + q)
            - gammaln(px)
            - gammaln(q)
            + q * np.log(gamma)
            + (px - 1.0) * ln_m
            + px * ln_x
            - (px + q) * ln_g_mx
        )
        psi_pxq = digamma(px + q)
        d_p = x * (psi_pxq - digamma(px) + ln_m + ln_x - ln_g_mx)
        d_q = psi_pxq - digamma(q) + np.log(gamma) - ln_g_mx
        d_gamma = q / gamma - (px + q) / (gamma + m * x)
        n = w.sum()
        grad = np.array([w @ d_p, w @ d_q, w @ d_gamma]) * np.array([p, q, gamma])
        return -float(w @ ll) / n, -grad / n

    def _total_log_likelihood(
        self, params: FloatArray, columns: list[FloatArray], weights: FloatArray
    ) -> float:
        value, _ = self._mean_nll(np.log(params), Prepared(columns, weights, 1.0, {}, columns))
        return -value * float(weights.sum())

    def expected_spend(self, data: SummaryLike | None = None) -> FloatArray:
        """:math:`E[Z \\mid m_x, x]` per customer; the population mean where :math:`x = 0`."""
        summary = self._summary(data)
        p, q, gamma = self._fitted()
        if q <= 1:
            raise InsufficientData(
                f"Gamma-Gamma: q = {q:.3g} ≤ 1, so the mean spend per purchase is infinite",
                key="err.customers.gg_infinite_mean",
                params={"q": q},
            )
        if summary.monetary_value is None:
            raise InvalidInput(
                "expected spend needs the monetary_value column of the summary",
                key="err.customers.expected_spend_needs_monetary",
            )
        x, m = summary.frequency, summary.monetary_value
        weight = p * x / (p * x + q - 1.0)
        return np.asarray((1.0 - weight) * p * gamma / (q - 1.0) + weight * m, dtype=np.float64)

    def clv(
        self,
        transactions: TransactionModel,
        *,
        horizon: int = 12,
        discount_rate: float = 0.01,
        data: SummaryLike | None = None,
        periods_per_month: float | None = None,
    ) -> FloatArray:
        """Discounted CLV of each customer: ``transactions.clv`` with this model's spend."""
        summary = transactions._summary(data)
        value: FloatArray = transactions.clv(
            self.expected_spend(summary),
            horizon=horizon,
            discount_rate=discount_rate,
            data=summary,
            periods_per_month=periods_per_month,
        )
        return value
