"""The numerical optimisation behind every model fit, on log-parameters.

Three routes to the maximum-likelihood optimum, all returning the point, the Hessian of the
objective there, its gradient and a message:

* :func:`trust_region` — Newton's method in a trust region (scipy's ``trust-exact``) for a
  model with an exact Hessian;
* :func:`lbfgs_polished` — L-BFGS-B with the exact gradient, then the Hessian from central
  differences of that gradient and up to three Newton steps with it;
* :func:`newton_from` — Newton steps from a close start (a subsample's optimum) with a
  forward-difference Hessian, for large data.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize

from orientir.customers.models._data import FloatArray

LOG_BOUND = 18.0  # |ln parameter| on the rescaled axis: e^±18 means "ran off to 0 or ∞"

Objective = Callable[[FloatArray], tuple[float, FloatArray]]
Full = Callable[[FloatArray], tuple[float, FloatArray, FloatArray]]
Result = tuple[FloatArray, FloatArray, FloatArray, str]


def hessian_by_differences(
    objective: Objective, theta: FloatArray, grad: FloatArray | None = None
) -> FloatArray:
    """Differences of the exact gradient: central, or forward from ``grad`` (half the
    evaluations, about 1e-5 relative — enough for a Newton direction or a standard error)."""
    k = len(theta)
    h = 1e-5
    hessian = np.empty((k, k))
    for j in range(k):
        step = np.zeros(k)
        step[j] = h
        if grad is None:
            hessian[:, j] = (objective(theta + step)[1] - objective(theta - step)[1]) / (2 * h)
        else:
            hessian[:, j] = (objective(theta + step)[1] - grad) / h
    return 0.5 * (hessian + hessian.T)


def _newton_steps(
    objective: Objective,
    theta: FloatArray,
    value: float,
    grad: FloatArray,
    hessian: FloatArray,
    steps: int,
) -> tuple[FloatArray, FloatArray, bool]:
    """Newton steps with a fixed Hessian while each lowers the objective; False if one failed."""
    for _ in range(steps):
        if np.max(np.abs(grad)) < 1e-10:
            break
        try:
            step = np.linalg.solve(hessian, grad)
        except np.linalg.LinAlgError:
            return theta, grad, False
        candidate = np.clip(theta - step, -LOG_BOUND, LOG_BOUND)
        new_value, new_grad = objective(candidate)
        if not np.isfinite(new_value) or new_value > value + 1e-15 * abs(value):
            return theta, grad, False
        theta, value, grad = candidate, new_value, new_grad
    return theta, grad, True


def lbfgs_polished(objective: Objective, x0: FloatArray) -> Result:
    result = minimize(
        objective,
        x0,
        jac=True,
        method="L-BFGS-B",
        bounds=[(-LOG_BOUND, LOG_BOUND)] * len(x0),
        options={"maxiter": 3000, "ftol": 1e-14, "gtol": 1e-9, "maxcor": 20},
    )
    theta = np.asarray(result.x, dtype=np.float64)
    hessian = hessian_by_differences(objective, theta)
    theta, grad, _ = _newton_steps(
        objective, theta, float(result.fun), np.asarray(result.jac, dtype=np.float64), hessian, 3
    )
    return theta, hessian, grad, str(result.message)


def newton_from(objective: Objective, start: FloatArray) -> Result | None:
    """Newton steps from a close start with the forward-difference Hessian there, recomputed
    at the end if the parameters moved by more than 2 %; None if a step fails to descend or
    the gradient does not vanish."""
    value, grad = objective(start)
    hessian = hessian_by_differences(objective, start, grad)
    theta, grad, ok = _newton_steps(objective, start, value, grad, hessian, 30)
    if not ok or np.max(np.abs(grad)) > 1e-8:
        return None
    if np.max(np.abs(theta - start)) > 0.02:
        hessian = hessian_by_differences(objective, theta, grad)
    return theta, hessian, grad, "Newton steps from the subsample optimum"


def trust_region(full: Full, x0: FloatArray) -> Result:
    """``full`` gives value, gradient and exact Hessian at once; it is called once a point."""
    cache: dict[bytes, tuple[float, FloatArray, FloatArray]] = {}

    def cached(theta: FloatArray) -> tuple[float, FloatArray, FloatArray]:
        key = np.asarray(theta, dtype=np.float64).tobytes()
        if key not in cache:
            cache.clear()
            cache[key] = full(theta)
        return cache[key]

    result = minimize(
        lambda th: cached(th)[:2],
        x0,
        jac=True,
        hess=lambda th: cached(th)[2],
        method="trust-exact",
        options={"gtol": 1e-10, "maxiter": 500},
    )
    theta = np.asarray(result.x, dtype=np.float64)
    _, grad, hessian = cached(theta)
    return theta, hessian, grad, str(result.message)
