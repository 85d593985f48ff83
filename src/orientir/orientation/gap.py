"""The self-versus-customer gap: how the company rates itself against how its customers do.

``management-view`` and ``customer-view`` share scale and item ids
(:func:`orientir.instruments.paired_items`). On every shared scale, each side's score is the
mean of the *shared* items (reverse keys applied, each scale's ``min_answered`` rule), put on
0–100 as in the index. The overall row uses each respondent's mean over the shared scales.

``difference = self − customers`` with Welch's interval and Hedges' g
(:func:`orientir.stats.compare`, independent samples: the two sides are different people).
With ``margin`` ``m`` (default 5 points on 0–100, a fifth of one step of a 5-point answer):

* ``above`` — the interval lies entirely above ``+m``: the company clearly rates itself higher
  than its customers do. This is the flagged case (``flagged``);
* ``below`` — entirely below ``−m``: the company underrates itself;
* ``aligned`` — entirely within ``−m..+m``;
* ``unclear`` — anything else (too few answers to say).

A side with fewer than ``k`` answers on a row is suppressed by the anonymity guard, and the
row then carries no figures (the result is still returned; ``summary`` says it is hidden).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from orientir.errors import InvalidInput
from orientir.instruments.library import paired_items
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation._common import FloatArray, Interval, Message, check_level, ci_list
from orientir.orientation._measures import rescale, scale_spec
from orientir.orientation.inputs import WaveData
from orientir.stats import DEFAULT_K, check_k, compare, scale_scores, suppress

GapVerdict = Literal["above", "below", "aligned", "unclear"]
OVERALL = "overall"


def gap_verdict(ci: Interval, margin: float) -> GapVerdict:
    low, high = ci
    if low > margin:
        return "above"
    if high < -margin:
        return "below"
    if low >= -margin and high <= margin:
        return "aligned"
    return "unclear"


@dataclass(frozen=True)
class GapRow:
    scale: str  # a shared scale id, or "overall"
    self_value: float | None
    customer_value: float | None
    n_self: int | None
    n_customers: int | None
    difference: float | None
    ci: Interval | None
    effect_size: float | None  # Hedges' g
    verdict: GapVerdict | None
    suppressed: bool

    @property
    def flagged(self) -> bool:
        return self.verdict == "above"

    def to_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "self": self.self_value,
            "customers": self.customer_value,
            "n_self": self.n_self,
            "n_customers": self.n_customers,
            "difference": self.difference,
            "ci": ci_list(self.ci),
            "effect_size": self.effect_size,
            "verdict": self.verdict,
            "flagged": self.flagged,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class GapResult:
    org: str
    self_wave: str
    customer_wave: str
    margin: float
    level: float
    k: int
    rows: tuple[GapRow, ...]

    @property
    def overall(self) -> GapRow:
        return self.rows[-1]

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(r.scale for r in self.rows if r.flagged)

    def row(self, scale: str) -> GapRow:
        for r in self.rows:
            if r.scale == scale:
                return r
        raise KeyError(scale)

    @property
    def summary(self) -> Message:
        o = self.overall
        if o.suppressed or o.difference is None or o.ci is None:
            return Message("orientation.gap.hidden")
        return Message(
            f"orientation.gap.{o.verdict}",
            {"difference": o.difference, "low": o.ci[0], "high": o.ci[1], "margin": self.margin},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "self_customer_gap",
            "org": self.org,
            "self_wave": self.self_wave,
            "customer_wave": self.customer_wave,
            "margin": self.margin,
            "level": self.level,
            "k": self.k,
            "rows": [r.to_dict() for r in self.rows],
            "flagged": list(self.flagged),
            "summary": self.summary.to_dict(),
        }


def _scores(wave: WaveData, shared: dict[str, list[str]]) -> dict[str, FloatArray]:
    """0–100 scores of every shared scale (on its shared items) and their mean (overall)."""
    specs = [scale_spec(wave.instrument, s, tuple(items)) for s, items in shared.items()]
    columns = sorted({i for spec in specs for i in spec.items})
    missing = [c for c in columns if c not in wave.responses.columns]
    if missing:
        raise InvalidInput(
            f"wave {wave.wave!r}: responses lack the item columns {missing}",
            key="err.orientation.wave_responses_lack_item",
            params={"wave": wave.wave, "missing": missing},
        )
    raw = scale_scores(wave.responses.loc[:, columns].astype(np.float64), specs)
    out = {s.name: rescale(raw[s.name].to_numpy(np.float64), s.low, s.high) for s in specs}
    block = np.column_stack(list(out.values()))
    answered = np.isfinite(block)
    counts = answered.sum(axis=1)
    overall: FloatArray = np.full(block.shape[0], np.nan)
    np.divide(np.where(answered, block, 0.0).sum(axis=1), counts, out=overall, where=counts > 0)
    out[OVERALL] = overall
    return out


def self_customer_gap(
    management: WaveData,
    customers: WaveData,
    *,
    margin: float = 5.0,
    k: int = DEFAULT_K,
    level: float = 0.95,
) -> GapResult:
    """The gap ``self − customers`` on every shared scale and overall (see the module notes)."""
    k, level = check_k(k), check_level(level)
    if management.org != customers.org:
        raise InvalidInput(
            "the two waves belong to different organisations",
            key="err.orientation.two_waves_belong_different",
        )
    if margin < 0:
        raise InvalidInput(
            "the margin cannot be negative", key="err.orientation.margin_cannot_negative"
        )
    shared: dict[str, list[str]] = {}
    for scale_id, item_id in paired_items(management.instrument, customers.instrument):
        shared.setdefault(scale_id, []).append(item_id)
    if not shared:
        raise InvalidInput(
            f"{management.instrument.ref} and {customers.instrument.ref} share no scale; "
            "pair management-view with customer-view",
            key="err.orientation.share_no_scale_pair",
            params={
                "management_ref": management.instrument.ref,
                "customer_ref": customers.instrument.ref,
            },
        )
    own, theirs = _scores(management, shared), _scores(customers, shared)
    rows = []
    for scale in [*shared, OVERALL]:
        a, b = own[scale][np.isfinite(own[scale])], theirs[scale][np.isfinite(theirs[scale])]
        table = pd.DataFrame(
            {"group": ["self", "customers"], "parent": [None, None], "n": [a.size, b.size]}
        )
        if suppress(table, k=k, figures=[])["suppressed"].any():
            rows.append(GapRow(scale, None, None, None, None, None, None, None, None, True))
            continue
        result = compare(b, a, level=level)  # before = customers, after = self
        rows.append(
            GapRow(
                scale=scale,
                self_value=float(a.mean()),
                customer_value=float(b.mean()),
                n_self=int(a.size),
                n_customers=int(b.size),
                difference=result.difference,
                ci=result.ci,
                effect_size=result.effect_size,
                verdict=gap_verdict(result.ci, margin),
                suppressed=False,
            )
        )
    return GapResult(
        org=management.org,
        self_wave=management.wave,
        customer_wave=customers.wave,
        margin=float(margin),
        level=level,
        k=k,
        rows=tuple(rows),
    )
