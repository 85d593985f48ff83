"""What every lifetime-value model shares: fitting, identification checks, saving, CLV.

**Fitting.** Maximum likelihood over the distinct summary rows with their counts as weights
(Fader & Hardie's condensed data), in log-parameters :math:`\\theta = \\ln(\\text{params})`
so every parameter stays positive. The objective is

.. math::  f(\\theta) = -\\frac{1}{N} \\sum_i w_i \\, \\ell_i(e^{\\theta})
                        + c \\sum_k (e^{\\theta_k})^2 ,

the mean negative log-likelihood plus an optional L2 penalty :math:`c` (``penalty``) on the
parameters. For the transaction models time is first rescaled so that the largest ``T`` is
1, and the penalty applies to the parameters on that scale — the convention of
``lifetimes``, so ``penalty=c`` means the same there and here. Each model supplies the exact
gradient of its log-likelihood. A model that also supplies its exact Hessian (BG/NBD) is
fitted by a trust-region Newton method (``trust-exact``); the others by L-BFGS-B, polished
by a few Newton steps on the Hessian from central differences of the exact gradient. With
many distinct rows (200,000; Pareto/NBD, whose every evaluation is a quadrature: 40,000) the
search starts from the optimum of a fixed random subsample of customers (50,000; 15,000) and
only a few full-size iterations remain — Newton steps with a forward-difference Hessian for
the models without an exact one.

**Identification.** A fit that cannot be trusted raises instead of returning numbers:
:class:`~orientir.errors.InsufficientData` before fitting when the data cannot say anything
(too few customers, no repeat purchases) and :class:`NotIdentified` after it when a
parameter runs off to 0 or infinity (a bound of :math:`e^{\\pm 18}` on the rescaled
parameters), the optimiser does not converge, or the Hessian is not positive definite.

**CLV** (``lifetimes.utils.customer_lifetime_value``'s definition): over ``horizon`` months
with a monthly ``discount_rate`` :math:`d` and :math:`u` time units per month,

.. math::  CLV_i = \\sum_{k=1}^{H} \\bar m_i \\,
           \\frac{E[Y_i(k u)] - E[Y_i((k-1) u)]}{(1 + d)^{k}} ,

with :math:`E[Y_i(t)]` the conditional expected number of purchases in :math:`(T_i, T_i + t]`
and :math:`\\bar m_i` the expected spend per purchase (Gamma-Gamma).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers.models._data import FloatArray, Summary, SummaryLike, unique_rows
from orientir.customers.models._optimise import (
    LOG_BOUND,
    Objective,
    Result,
    lbfgs_polished,
    newton_from,
    trust_region,
)
from orientir.errors import InsufficientData, InvalidInput

WARM_START_ROWS = 200_000  # distinct rows above which a subsample fit gives the start
WARM_START_CUSTOMERS = 50_000
WARM_START_SEED = 20261129
FORMAT = "orientir.clv-model"
FORMAT_VERSION = 1


class NotIdentified(InsufficientData):
    """The data cannot pin the model's parameters down; the fit is refused, not returned."""


@dataclass
class Prepared:
    """Distinct rows with weights, on the rescaled time axis, ready for the likelihood;
    ``natural`` holds the same rows in the data's own units."""

    columns: list[FloatArray]
    weights: FloatArray
    scale: float
    extra: dict[str, Any]
    natural: list[FloatArray]


class LifetimeModel(ABC):
    """A fitted-by-maximum-likelihood model with named positive parameters."""

    kind: ClassVar[str]
    param_names: ClassVar[tuple[str, ...]]

    def __init__(self, *, penalty: float = 0.0) -> None:
        if penalty < 0 or not np.isfinite(penalty):
            raise InvalidInput(
                f"penalty must be a non-negative number, got {penalty}",
                key="err.customers.penalty",
                params={"penalty": penalty},
            )
        self.penalty = float(penalty)
        self._params: FloatArray | None = None
        self._data: Summary | None = None
        self._standard_errors: FloatArray | None = None
        self.time_unit = "days"
        self.time_scaler = 1.0
        self.n_customers = 0
        self.fit_log_likelihood = float("nan")

    # -- what each model supplies ------------------------------------------------------
    @abstractmethod
    def _prepare(self, data: Summary) -> Prepared:
        """Check the data can identify the model, condense and rescale it."""

    @abstractmethod
    def _mean_nll(self, theta: FloatArray, prep: Prepared) -> tuple[float, FloatArray]:
        """Mean negative log-likelihood and its exact gradient in log-parameters."""

    @abstractmethod
    def _initial(self, prep: Prepared) -> FloatArray:
        """Starting log-parameters on the rescaled axis."""

    @abstractmethod
    def _unscale(self, params: FloatArray, scale: float) -> FloatArray:
        """Parameters on the rescaled axis → parameters in the data's time unit."""

    @abstractmethod
    def _rows(self, data: Summary) -> list[FloatArray]:
        """The per-customer columns the likelihood uses (after any filtering)."""

    @abstractmethod
    def _total_log_likelihood(
        self, params: FloatArray, columns: list[FloatArray], weights: FloatArray
    ) -> float:
        """Total log-likelihood of distinct rows with weights, at ``params`` (natural units)."""

    def _log_likelihood(self, params: FloatArray, data: Summary) -> float:
        columns, weights = unique_rows(*self._rows(data))
        return self._total_log_likelihood(params, columns, weights)

    # -- fitting ---------------------------------------------------------------------------
    def _objective(self, prep: Prepared) -> Objective:
        c = self.penalty

        def objective(theta: FloatArray) -> tuple[float, FloatArray]:
            value, grad = self._mean_nll(theta, prep)
            if c:
                p = np.exp(theta)
                value += c * float(np.sum(p * p))
                grad = grad + 2.0 * c * p * p
            return value, grad

        return objective

    def _mean_nll_hessian(
        self, theta: FloatArray, prep: Prepared, *, hessian: bool = True
    ) -> tuple[float, FloatArray, FloatArray | None]:
        """Like :meth:`_mean_nll` with the exact Hessian; models that have one override it
        and set ``has_hessian``."""
        raise NotImplementedError

    has_hessian: ClassVar[bool] = False
    #: (distinct rows above which to warm-start, customers in the subsample); None: defaults
    warm_start: ClassVar[tuple[int, int] | None] = None

    def _optimise(self, prep: Prepared, start: FloatArray | None) -> Result:
        """The optimum in log-parameters, the Hessian and gradient there, and a message."""
        objective = self._objective(prep)
        x0 = self._initial(prep) if start is None else start
        if self.has_hessian:
            c = self.penalty

            def full(theta: FloatArray) -> tuple[float, FloatArray, FloatArray]:
                value, grad, hess = self._mean_nll_hessian(theta, prep)
                assert hess is not None
                p2 = np.exp(theta) ** 2
                return (
                    value + c * float(p2.sum()),
                    grad + 2.0 * c * p2,
                    hess + np.diag(4.0 * c * p2),
                )

            try:
                return trust_region(full, x0)
            except ValueError:
                # The exact Hessian overflowed on the way (parameters running off to 0 or
                # infinity); the bounded quasi-Newton route then shows where they went.
                return lbfgs_polished(objective, x0)
        if start is not None:
            newton = newton_from(objective, start)
            if newton is not None:
                return newton
        return lbfgs_polished(objective, x0)

    def _warm_start(self, summary: Summary, prep: Prepared) -> FloatArray | None:
        """For large data, the optimum of a random subsample of customers as the start."""
        rows, customers = self.warm_start or (WARM_START_ROWS, WARM_START_CUSTOMERS)
        if len(prep.weights) <= rows or len(summary) <= customers:
            return None
        rng = np.random.default_rng(WARM_START_SEED)
        pick = np.sort(rng.choice(len(summary), size=customers, replace=False))
        try:
            small = self._prepare(summary.subset(pick))
            theta, _, _, _ = self._optimise(small, None)
        except InsufficientData:
            return None
        natural = self._unscale(np.exp(theta), small.scale)
        start: FloatArray = np.log(self._unscale(natural, 1.0 / prep.scale))
        return start if np.all(np.isfinite(start)) else None

    def fit(self, data: SummaryLike) -> Self:
        """Fit by maximum likelihood; raises rather than return an unidentified fit."""
        summary = Summary.from_data(data)
        prep = self._prepare(summary)
        with np.errstate(all="ignore"):
            start = self._warm_start(summary, prep)
            theta, hessian, grad, message = self._optimise(prep, start)
        at_bound = np.abs(theta) >= LOG_BOUND - 1e-3
        if at_bound.any():
            names = ", ".join(n for n, hit in zip(self.param_names, at_bound, strict=True) if hit)
            raise NotIdentified(
                f"{self.kind}: the data cannot identify {names} (it runs off to 0 or infinity); "
                "more customers, a longer history, or a penalty may help",
                key="err.customers.not_identified",
                params={"kind": self.kind, "names": names},
            )
        if not np.all(np.isfinite(grad)) or np.max(np.abs(grad)) > 1e-5:
            raise NotIdentified(
                f"{self.kind}: the fit did not converge ({message})",
                key="err.customers.not_converged",
                params={"kind": self.kind, "message": message},
            )
        total_hessian = hessian * float(prep.weights.sum())
        eigenvalues = np.linalg.eigvalsh(total_hessian)
        if not np.all(np.isfinite(eigenvalues)) or eigenvalues[0] <= 1e-10 * max(
            1.0, eigenvalues[-1]
        ):
            raise NotIdentified(
                f"{self.kind}: the likelihood is flat in some direction at the optimum, so the "
                "parameters are not identified by these data",
                key="err.customers.flat_likelihood",
                params={"kind": self.kind},
            )
        params = self._unscale(np.exp(theta), prep.scale)
        covariance = np.linalg.inv(total_hessian)
        self._params = params
        self._standard_errors = params * np.sqrt(np.clip(np.diag(covariance), 0, None))
        self._data = summary
        self.time_unit = summary.time_unit
        self.time_scaler = summary.time_scaler
        self.n_customers = round(float(prep.weights.sum()))
        self.fit_log_likelihood = self._total_log_likelihood(params, prep.natural, prep.weights)
        return self

    # -- results ---------------------------------------------------------------------------
    def _fitted(self) -> FloatArray:
        if self._params is None:
            raise InvalidInput(
                f"the {self.kind} model is not fitted yet: call fit() or load()",
                key="err.customers.not_fitted",
                params={"kind": self.kind},
            )
        return self._params

    @property
    def params(self) -> dict[str, float]:
        """The fitted parameters by name, in the data's time unit."""
        return dict(zip(self.param_names, map(float, self._fitted()), strict=True))

    @property
    def standard_errors(self) -> dict[str, float]:
        """Asymptotic standard errors from the inverse Hessian (delta method from log scale)."""
        self._fitted()
        if self._standard_errors is None:
            return {name: float("nan") for name in self.param_names}
        return dict(zip(self.param_names, map(float, self._standard_errors), strict=True))

    def _summary(self, data: SummaryLike | None) -> Summary:
        if data is None:
            if self._data is None:
                raise InvalidInput(
                    "no data: pass a summary (a loaded model keeps none)",
                    key="err.customers.no_data",
                )
            return self._data
        return (
            Summary.from_data(data, time_unit=self.time_unit, time_scaler=self.time_scaler)
            if not isinstance(data, Summary)
            else data
        )

    def log_likelihood(self, data: SummaryLike | None = None) -> float:
        """Total log-likelihood of ``data`` (default: the data fitted) at the parameters."""
        return self._log_likelihood(self._fitted(), self._summary(data))

    # -- persistence -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "model": self.kind,
            "params": self.params,
            "standard_errors": self.standard_errors,
            "penalty": self.penalty,
            "time_unit": self.time_unit,
            "time_scaler": self.time_scaler,
            "n_customers": self.n_customers,
            "log_likelihood": self.fit_log_likelihood,
        }

    def save(self, path: Path | str) -> None:
        """Write the fitted model as JSON (parameters and fit facts, not the data)."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2), encoding="utf-8")

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> Self:
        if payload.get("format") != FORMAT or payload.get("model") != cls.kind:
            raise InvalidInput(
                f"not a saved {cls.kind} model",
                key="err.customers.not_saved_kind",
                params={"kind": cls.kind},
            )
        if payload.get("version") != FORMAT_VERSION:
            raise InvalidInput(
                f"unsupported model file version {payload.get('version')!r}",
                key="err.customers.model_version",
                params={"version": payload.get("version")},
            )
        model = cls(penalty=float(payload.get("penalty", 0.0)))
        try:
            params = np.array([float(payload["params"][n]) for n in cls.param_names])
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(
                "the saved model lacks some parameters", key="err.customers.model_lacks_params"
            ) from None
        if not np.all(np.isfinite(params)) or np.any(params <= 0):
            raise InvalidInput(
                "the saved model has invalid parameters", key="err.customers.model_invalid_params"
            )
        errors = payload.get("standard_errors") or {}
        model._params = params
        model._standard_errors = np.array(
            [float(errors.get(n, float("nan"))) for n in cls.param_names]
        )
        model.time_unit = str(payload.get("time_unit", "days"))
        model.time_scaler = float(payload.get("time_scaler", 1.0))
        model.n_customers = int(payload.get("n_customers", 0))
        model.fit_log_likelihood = float(payload.get("log_likelihood", float("nan")))
        return model

    @classmethod
    def load(cls, path: Path | str) -> Self:
        """Read a model written by :meth:`save`."""
        try:
            payload = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InvalidInput(
                f"cannot read a model from {path}: {exc}",
                key="err.customers.model_unreadable",
                params={"path": str(path), "reason": str(exc)},
            ) from None
        if not isinstance(payload, dict):
            raise InvalidInput(
                f"{path} does not hold a saved model",
                key="err.customers.no_saved_model",
                params={"path": str(path)},
            )
        return cls.from_dict(payload)

    def __repr__(self) -> str:
        if self._params is None:
            return f"<{self.kind}: not fitted>"
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        return f"<{self.kind}: {shown}; {self.n_customers} customers>"


class TransactionModel(LifetimeModel):
    """A model of the purchase count and dropout (BG/NBD, Pareto/NBD)."""

    @abstractmethod
    def expected_purchases(self, t: float, data: SummaryLike | None = None) -> FloatArray:
        """Conditional expected number of purchases in :math:`(T, T + t]` per customer."""

    @abstractmethod
    def expected_purchases_new(self, t: float | FloatArray) -> FloatArray:
        """Expected number of repeat purchases in :math:`(0, t]` of a new customer."""

    @abstractmethod
    def p_alive(self, data: SummaryLike | None = None) -> FloatArray:
        """Probability that each customer is still active at ``T``."""

    def clv(
        self,
        spend: FloatArray | float,
        *,
        horizon: int = 12,
        discount_rate: float = 0.01,
        data: SummaryLike | None = None,
        periods_per_month: float | None = None,
    ) -> FloatArray:
        """Discounted value over ``horizon`` months (see the module docstring).

        ``spend`` is the expected value per purchase (``GammaGamma.expected_spend``);
        ``periods_per_month`` defaults to 30 days or 4.345 weeks (``lifetimes``' convention)
        divided by the summary's ``time_scaler``.
        """
        if horizon < 1:
            raise InvalidInput(
                "the CLV horizon must be at least one month", key="err.customers.clv_horizon"
            )
        if discount_rate <= -1:
            raise InvalidInput(
                "the discount rate must be above −100 %", key="err.customers.discount_rate"
            )
        summary = self._summary(data)
        per_month = periods_per_month or summary.periods_per_month
        values = np.zeros(len(summary))
        previous = np.zeros(len(summary))
        for k in range(1, horizon + 1):
            current = self.expected_purchases(k * per_month, summary)
            values += (current - previous) / (1.0 + discount_rate) ** k
            previous = current
        return np.asarray(spend, dtype=np.float64) * values
