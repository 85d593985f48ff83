"""Lifetime-value models: BG/NBD, Pareto/NBD and Gamma-Gamma.

One model per module over a small base (:mod:`._base`): maximum likelihood with exact
gradients on the distinct (frequency, recency, T) rows, log-parameters, an optional L2
penalty, refusal of unidentified fits (:class:`NotIdentified`), and JSON save/load. The
single input is the BTYD summary (:class:`Summary`, or the Arrow table of
:func:`orientir.customers.btyd_summary`).

>>> from orientir.customers.models import BetaGeo, GammaGamma
>>> bgnbd = BetaGeo().fit(summary)                      # doctest: +SKIP
>>> spend = GammaGamma().fit(summary)                   # doctest: +SKIP
>>> value = spend.clv(bgnbd, horizon=12, discount_rate=0.01)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.customers.models._base import LifetimeModel, NotIdentified, TransactionModel
from orientir.customers.models._data import Summary
from orientir.customers.models.beta_geo import BetaGeo
from orientir.customers.models.gamma_gamma import GammaGamma
from orientir.customers.models.pareto_nbd import ParetoNBD
from orientir.errors import InvalidInput

__all__ = [
    "BetaGeo",
    "GammaGamma",
    "LifetimeModel",
    "NotIdentified",
    "ParetoNBD",
    "Summary",
    "TransactionModel",
    "load_model",
]

_KINDS: dict[str, type[LifetimeModel]] = {m.kind: m for m in (BetaGeo, ParetoNBD, GammaGamma)}


def load_model(path: Path | str) -> LifetimeModel:
    """Read any model written by ``save``; its kind is recorded in the file."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            f"cannot read a model from {path}: {exc}",
            key="err.customers.model_unreadable",
            params={"path": str(path), "reason": str(exc)},
        ) from None
    kind = payload.get("model") if isinstance(payload, dict) else None
    if kind not in _KINDS:
        raise InvalidInput(
            f"{path} does not hold a saved orientir model",
            key="err.customers.no_saved_orientir_model",
            params={"path": str(path)},
        )
    return _KINDS[kind].from_dict(payload)
