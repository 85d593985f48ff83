"""Exploratory factor analysis pieces for omega: minres extraction and two rotations.

Written from the papers (``factor_analyzer`` fails with the installed scikit-learn and
pingouin has no factor analysis):

* **minres** (Harman & Jones 1966, "Factor analysis by minimizing residuals"): choose
  uniquenesses ψ to minimise the squared off-diagonal residuals of ``R − ΛΛᵀ``. For given
  ψ the best rank-m ``ΛΛᵀ`` is the top-m eigen part of ``R − diag(ψ)`` (Eckart–Young), so
  the criterion becomes ``F(ψ) = Σ_{j>m} λ_j(R − Ψ)²`` with gradient
  ``∂F/∂ψ_i = −2 Σ_{j>m} λ_j v_ij²``; at the optimum the diagonal residuals vanish and F is
  the minres criterion. ψ is bounded to [0.005, 1] as in ``psych::fa``, which starts, as
  here, from ψ = 1 − SMC.
* **varimax** (Kaiser 1958) with Kaiser row normalisation, by the usual SVD iteration.
* **oblimin** with γ = 0 (quartimin, Carroll 1953) by the gradient projection algorithm
  for oblique rotation (Jennrich 2002, *Psychometrika* 67, 7–19; Bernaards & Jennrich 2005),
  started from the identity, which is what ``GPArotation::oblimin`` does.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize

from orientir.errors import InsufficientData
from orientir.stats import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.stats._grouped import FloatArray

PSI_BOUNDS = (0.005, 1.0)


def smc(corr: FloatArray) -> FloatArray:
    """Squared multiple correlations ``1 − 1/diag(R⁻¹)`` (pseudo-inverse if singular)."""
    try:
        inv = np.linalg.inv(corr)
    except np.linalg.LinAlgError:
        inv = np.linalg.pinv(corr)
    out: FloatArray = np.clip(1.0 - 1.0 / np.diag(inv), 0.0, 1.0)
    return out


def _residual_eigen(psi: FloatArray, corr: FloatArray, m: int) -> tuple[FloatArray, FloatArray]:
    values, vectors = np.linalg.eigh(corr - np.diag(psi))
    order = np.argsort(values)[::-1]
    return values[order], vectors[:, order]


def minres(corr: FloatArray, n_factors: int) -> tuple[FloatArray, FloatArray]:
    """Unrotated minres loadings (items × factors) and uniquenesses ψ."""
    p = corr.shape[0]
    if not 1 <= n_factors < p:
        raise InsufficientData(
            f"{n_factors} factors need more than {n_factors} items",
            key="err.stats.factors_need_more_items",
            params={"n_factors": n_factors},
        )

    def criterion(psi: FloatArray) -> tuple[float, FloatArray]:
        values, vectors = _residual_eigen(psi, corr, n_factors)
        # Components dropped from the model: everything past m, and any of the top m that
        # are negative (a rank-m Gramian fit cannot use them).
        dropped = values.copy()
        dropped[:n_factors] = np.minimum(values[:n_factors], 0.0)
        value = float(np.sum(dropped**2))
        grad = -2.0 * (vectors**2) @ dropped
        return value, grad

    start = np.clip(1.0 - smc(corr), *PSI_BOUNDS)
    fit = optimize.minimize(
        criterion,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[PSI_BOUNDS] * p,
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000},
    )
    psi = np.asarray(fit.x, dtype=np.float64)
    values, vectors = _residual_eigen(psi, corr, n_factors)
    loadings = vectors[:, :n_factors] * np.sqrt(np.maximum(values[:n_factors], 0.0))
    return loadings, psi


def varimax(loadings: FloatArray, *, tol: float = 1e-10, max_iter: int = 1000) -> FloatArray:
    """Kaiser-normalised varimax rotation of ``loadings`` (items × factors)."""
    p, m = loadings.shape
    if m < 2:
        return loadings.copy()
    norms = np.sqrt((loadings**2).sum(axis=1))
    norms[norms == 0] = 1.0
    x = loadings / norms[:, None]
    rotation = np.eye(m)
    last = 0.0
    for _ in range(max_iter):
        z = x @ rotation
        target = x.T @ (z**3 - z * ((z**2).sum(axis=0) / p))
        u, s, vt = np.linalg.svd(target)
        rotation = u @ vt
        if s.sum() < last * (1.0 + tol):
            break
        last = float(s.sum())
    rotated: FloatArray = (x @ rotation) * norms[:, None]
    return rotated


def _quartimin(loadings: FloatArray) -> tuple[float, FloatArray]:
    """Quartimin criterion ``¼ Σ_i Σ_{j≠l} λ_ij² λ_il²`` and its gradient in the loadings."""
    sq = loadings**2
    off = sq @ (np.ones((sq.shape[1], sq.shape[1])) - np.eye(sq.shape[1]))
    return float((sq * off).sum() / 4.0), loadings * off


def oblimin(
    loadings: FloatArray, *, tol: float = 1e-9, max_iter: int = 5000
) -> tuple[FloatArray, FloatArray]:
    """Quartimin (oblimin, γ = 0) oblique rotation; returns the pattern and factor correlations.

    Gradient projection (Jennrich 2002): the rotation ``T`` has unit-length columns, the
    pattern is ``Λ = A T^{-ᵀ}``, and ``Φ = Tᵀ T``. Each step moves ``T`` against the
    projected gradient, with step halving until the criterion drops enough.
    """
    m = loadings.shape[1]
    if m < 2:
        return loadings.copy(), np.eye(m)
    rot = np.eye(m)
    pattern = loadings @ np.linalg.inv(rot).T
    value, grad_l = _quartimin(pattern)
    grad = -(pattern.T @ grad_l @ np.linalg.inv(rot)).T
    step = 1.0
    for _ in range(max_iter):
        projected = grad - rot @ np.diag(np.sum(rot * grad, axis=0))
        size = float(np.sqrt(np.sum(projected**2)))
        if size < tol:
            break
        step *= 2.0
        for _ in range(11):
            trial = rot - step * projected
            trial = trial / np.sqrt(np.sum(trial**2, axis=0))
            trial_pattern = loadings @ np.linalg.inv(trial).T
            trial_value, trial_grad_l = _quartimin(trial_pattern)
            if trial_value < value - 0.5 * size**2 * step:
                break
            step /= 2.0
        else:
            # No step lowers the criterion any more: we are at rounding-error level.
            break
        rot, pattern, value = trial, trial_pattern, trial_value
        grad = -(pattern.T @ trial_grad_l @ np.linalg.inv(rot)).T
    return pattern, rot.T @ rot


# --- The same three steps for a stack of correlation matrices (one per group) --------------
#
# Per-group omega must not loop over groups in Python. Each step below runs on a stack
# ``groups × p × p`` with batched linear algebra (``numpy.linalg`` broadcasts over the
# leading axis) and keeps, per group, exactly the state and stopping rule of the one-group
# function above, so each group reaches the same solution as it would alone.


def smc_many(corr: FloatArray) -> FloatArray:
    """:func:`smc` of every matrix in a stack (pseudo-inverses if any is singular)."""
    try:
        inv = np.linalg.inv(corr)
    except np.linalg.LinAlgError:
        inv = np.linalg.pinv(corr, hermitian=True)
    out: FloatArray = np.clip(1.0 - 1.0 / np.diagonal(inv, axis1=1, axis2=2), 0.0, 1.0)
    return out


def _residual_eigen_many(psi: FloatArray, corr: FloatArray) -> tuple[FloatArray, FloatArray]:
    p = corr.shape[1]
    shifted = corr.copy()
    shifted[:, np.arange(p), np.arange(p)] -= psi
    values, vectors = np.linalg.eigh(shifted)  # ascending: reverse to largest first
    return values[:, ::-1], vectors[:, :, ::-1]


def minres_many(corr: FloatArray, n_factors: int) -> tuple[FloatArray, FloatArray]:
    """:func:`minres` for a stack: loadings (groups × items × factors) and ψ (groups × items).

    The groups' criteria are independent, so their sum is minimised in one bounded
    quasi-Newton run over all the ψ at once (its minimum is every group's own minimum);
    each evaluation is one batched eigendecomposition.
    """
    g, p, _ = corr.shape
    if not 1 <= n_factors < p:
        raise InsufficientData(
            f"{n_factors} factors need more than {n_factors} items",
            key="err.stats.factors_need_more_items",
            params={"n_factors": n_factors},
        )

    def criterion(flat: FloatArray) -> tuple[float, FloatArray]:
        values, vectors = _residual_eigen_many(flat.reshape(g, p), corr)
        dropped = values.copy()
        dropped[:, :n_factors] = np.minimum(values[:, :n_factors], 0.0)
        grad = -2.0 * np.einsum("gij,gj->gi", vectors**2, dropped)
        return float(np.sum(dropped**2)), grad.ravel()

    start = np.clip(1.0 - smc_many(corr), *PSI_BOUNDS).ravel()
    fit = optimize.minimize(
        criterion,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[PSI_BOUNDS] * (g * p),
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 20_000, "maxfun": 40_000},
    )
    psi = np.asarray(fit.x, dtype=np.float64).reshape(g, p)
    values, vectors = _residual_eigen_many(psi, corr)
    top = np.sqrt(np.maximum(values[:, :n_factors], 0.0))
    return vectors[:, :, :n_factors] * top[:, None, :], psi


def varimax_many(loadings: FloatArray, *, tol: float = 1e-10, max_iter: int = 1000) -> FloatArray:
    """:func:`varimax` for a stack (groups × items × factors); each group stops on its own."""
    g, p, m = loadings.shape
    if m < 2:
        return loadings.copy()
    norms = np.sqrt((loadings**2).sum(axis=2))
    norms[norms == 0] = 1.0
    x = loadings / norms[:, :, None]
    rotation = np.broadcast_to(np.eye(m), (g, m, m)).copy()
    last = np.zeros(g)
    active = np.ones(g, dtype=bool)
    xt = x.transpose(0, 2, 1)
    for _ in range(max_iter):
        z = x @ rotation
        target = xt @ (z**3 - z * ((z**2).sum(axis=1, keepdims=True) / p))
        u, s, vt = np.linalg.svd(target)
        total = s.sum(axis=1)
        rotation[active] = (u @ vt)[active]
        done = total < last * (1.0 + tol)
        last = np.where(active & ~done, total, last)
        active &= ~done
        if not active.any():
            break
    rotated: FloatArray = (x @ rotation) * norms[:, :, None]
    return rotated


def _quartimin_many(loadings: FloatArray) -> tuple[FloatArray, FloatArray]:
    sq = loadings**2
    m = sq.shape[2]
    off = sq @ (np.ones((m, m)) - np.eye(m))
    return (sq * off).sum(axis=(1, 2)) / 4.0, loadings * off


def oblimin_many(
    loadings: FloatArray, *, tol: float = 1e-9, max_iter: int = 5000
) -> tuple[FloatArray, FloatArray]:
    """:func:`oblimin` for a stack: patterns and factor correlations, per-group step sizes."""
    g, _, m = loadings.shape
    if m < 2:
        return loadings.copy(), np.broadcast_to(np.eye(m), (g, m, m)).copy()

    def gradient(pattern: FloatArray, grad_l: FloatArray, rot: FloatArray) -> FloatArray:
        inner = pattern.transpose(0, 2, 1) @ grad_l @ np.linalg.inv(rot)
        out: FloatArray = -inner.transpose(0, 2, 1)
        return out

    rot = np.broadcast_to(np.eye(m), (g, m, m)).copy()
    pattern = loadings.copy()
    value, grad_l = _quartimin_many(pattern)
    grad = gradient(pattern, grad_l, rot)
    step = np.ones(g)
    active = np.ones(g, dtype=bool)
    for _ in range(max_iter):
        projected = grad - rot * np.sum(rot * grad, axis=1)[:, None, :]
        size = np.sqrt(np.sum(projected**2, axis=(1, 2)))
        active &= ~(size < tol)
        if not active.any():
            break
        step = np.where(active, step * 2.0, step)
        searching = active.copy()
        new_rot, new_pattern = rot.copy(), pattern.copy()
        new_value, new_grad_l = value.copy(), grad_l.copy()
        for _ in range(11):
            trial = rot - step[:, None, None] * projected
            trial = trial / np.sqrt(np.sum(trial**2, axis=1))[:, None, :]
            trial_pattern = loadings @ np.linalg.inv(trial).transpose(0, 2, 1)
            trial_value, trial_grad_l = _quartimin_many(trial_pattern)
            ok = searching & (trial_value < value - 0.5 * size**2 * step)
            new_rot[ok], new_pattern[ok] = trial[ok], trial_pattern[ok]
            new_value[ok], new_grad_l[ok] = trial_value[ok], trial_grad_l[ok]
            searching &= ~ok
            step = np.where(searching, step / 2.0, step)
            if not searching.any():
                break
        active &= ~searching  # no step lowers the criterion any more: that group is done
        rot = np.where(active[:, None, None], new_rot, rot)
        pattern = np.where(active[:, None, None], new_pattern, pattern)
        value = np.where(active, new_value, value)
        grad_l = np.where(active[:, None, None], new_grad_l, grad_l)
        grad = gradient(pattern, grad_l, rot)
    return pattern, rot.transpose(0, 2, 1) @ rot
