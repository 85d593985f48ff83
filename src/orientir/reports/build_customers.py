"""The customer-base section: ABC (Pareto), ABC×XYZ, RFM, lifetime value and NPS by ABC class.

Pure: a transaction log (Arrow or pandas, the contract of :mod:`orientir.customers`) and
optionally the latest customer survey in; a :class:`CustomerBase` out. Transaction figures
describe the company's own sales records and are shown as they are; the survey side — NPS by
ABC class — is a figure about people and goes through the anonymity guard, with the whole as
the parent so that no class can be recovered by subtraction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from orientir.customers import (
    RFM_SEGMENTS,
    AbcThresholds,
    XyzThresholds,
    abc,
    abc_xyz_matrix,
    btyd_summary,
    rfm,
)
from orientir.customers.value import ValueOptions, customer_value
from orientir.errors import OrientirError
from orientir.instruments.model import Format, Privacy, Text
from orientir.orientation import WaveData
from orientir.reports.model import (
    ClassShare,
    Clv,
    CustomerBase,
    Figure,
    Hidden,
    MatrixCell,
    NpsByClass,
    RfmCell,
)
from orientir.reports.texts import report
from orientir.stats import nps, suppress

PARETO_POINTS = 200  # enough for a smooth curve, small enough to keep the file light
CLV_BINS = 12
ALL = "all"
OTHER = "other"


def _frame(data: pa.Table | pd.DataFrame) -> pd.DataFrame:
    frame = data.to_pandas() if isinstance(data, pa.Table) else data
    return frame.loc[:, ["customer_id", "date", "amount"]]


def _pareto(ranked: pd.DataFrame) -> tuple[tuple[float, float], ...]:
    n = len(ranked)
    if n == 0:
        return ()
    picks = np.unique(np.linspace(0, n - 1, min(n, PARETO_POINTS)).round().astype(int))
    cumulative = ranked["cumulative_share"].fillna(0.0).to_numpy(dtype=float)
    return tuple((float((i + 1) / n), float(cumulative[i])) for i in picks)


def _classes(ranked: pd.DataFrame) -> tuple[ClassShare, ...]:
    out = []
    for label in ("A", "B", "C"):
        rows = ranked[ranked["abc_class"] == label]
        out.append(ClassShare(label, len(rows), float(rows["share"].clip(lower=0).sum())))
    return tuple(out)


def _clv(data: pa.Table | pd.DataFrame, options: ValueOptions) -> tuple[Clv | None, Text | None]:
    try:
        table, meta = customer_value(btyd_summary(data), options)
    except (OrientirError, ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:
        # A log too short or too uniform for the models: say so rather than show a guess.
        return None, report("customers.clv_failed", reason=str(exc))
    values = np.asarray(table.column("clv").to_numpy(), dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None, None
    top = float(np.quantile(values, 0.95))
    step = _nice_step(top / CLV_BINS) if top > 0 else 1.0
    edges = [i * step for i in range(math.ceil(top / step) + 1)]
    open_end = float(values.max()) >= edges[-1]
    if open_end:
        edges.append(float(values.max()) + step)
    counts, _ = np.histogram(values, bins=np.asarray(edges, dtype=float))
    clv = Clv(
        edges=tuple(float(e) for e in edges),
        counts=tuple(int(c) for c in counts),
        open_end=open_end,
        total=float(values.sum()),
        median=float(np.median(values)),
        mean=float(values.mean()),
        horizon_months=int(meta["horizon_months"]),
        discount_rate=float(meta["discount_rate"]),
        model="BG/NBD + Gamma-Gamma",
    )
    return clv, None


def _nice_step(raw: float) -> float:
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)


def class_label(label: str) -> Text:
    """How a row of NPS by ABC class is called: a class, everyone, or those not in the log."""
    if label == ALL:
        return report("customers.nps_all")
    if label == OTHER:
        return report("customers.nps_other")
    return report("customers.nps_class", cls=label)


def nps_by_class(
    wave: WaveData, classes: dict[str, str], *, k: int, level: float
) -> tuple[tuple[NpsByClass, ...], list[Hidden]]:
    """NPS of the wave's respondents per ABC class (and for everyone), guarded as one tree."""
    item = next((i.id for i in wave.instrument.items if i.id == wave.instrument.outcome), None)
    item = item or next((i.id for i in wave.instrument.items if i.format is Format.NPS), None)
    if item is None:
        return (), []
    frame = wave.responses[["respondent", item]].dropna(subset=[item])
    groups = [classes.get(str(r), OTHER) if r is not None else OTHER for r in frame["respondent"]]
    scores = frame[item].to_numpy(dtype=float)
    labels = [ALL, "A", "B", "C"] + ([OTHER] if OTHER in groups else [])
    rows = []
    for label in labels:
        picked = scores if label == ALL else scores[[g == label for g in groups]]
        rows.append({"group": label, "parent": None if label == ALL else ALL, "n": picked.size})
    guarded = suppress(pd.DataFrame(rows), k=k, figures=[])
    out, hidden = [], []
    for label, flag in zip(labels, guarded["suppressed"], strict=True):
        picked = scores if label == ALL else scores[[g == label for g in groups]]
        if flag or picked.size == 0:
            reason = "small" if picked.size < k else "complement"
            out.append(NpsByClass(label, Figure(None, None, None, True, reason), None))
            hidden.append(Hidden("customers", class_label(label), reason))
            continue
        result = nps(picked, level=level)
        detractors: int | None = int((picked <= 6).sum())
        if detractors is not None and 0 < detractors < k:
            detractors = None  # a handful of detractors is itself a group under k
            hidden.append(
                Hidden("customers", report("customers.detractors_of", cls=label), "small")
            )
        out.append(NpsByClass(label, Figure(result.nps, result.ci, int(picked.size)), detractors))
    return tuple(out), hidden


def customer_base(
    data: pa.Table | pd.DataFrame,
    *,
    source: Text,
    survey: WaveData | None,
    k: int,
    level: float = 0.95,
    abc_thresholds: AbcThresholds | None = None,
    xyz_thresholds: XyzThresholds | None = None,
    value: ValueOptions | None = None,
) -> tuple[CustomerBase, list[Hidden]]:
    frame = _frame(data)
    limits = abc_thresholds or AbcThresholds()
    xyz = xyz_thresholds or XyzThresholds()
    ranked = abc(frame, thresholds=limits).to_pandas()
    matrix = abc_xyz_matrix(frame, abc_thresholds=limits, xyz_thresholds=xyz)
    scores = rfm(frame).to_pandas()
    grid = scores.groupby(["r_score", "f_score"]).size()
    segments = scores["segment"].value_counts()
    clv, clv_note = _clv(frame, value or ValueOptions())
    classes = dict(zip(ranked["customer_id"].astype(str), ranked["abc_class"], strict=True))
    nps_rows: Sequence[NpsByClass] = ()
    hidden: list[Hidden] = []
    nps_note: Text | None = None
    if survey is None:
        nps_note = report("customers.nps_none")
    elif survey.privacy is Privacy.ANONYMOUS:
        nps_note = report("customers.nps_anonymous")
    else:
        nps_rows, hidden = nps_by_class(survey, classes, k=k, level=level)
    days = pd.to_datetime(frame["date"])
    base = CustomerBase(
        customers=int(frame["customer_id"].nunique()),
        transactions=len(frame),
        revenue=float(frame["amount"].sum()),
        first_day=days.min().date() if len(frame) else None,
        last_day=days.max().date() if len(frame) else None,
        source=source,
        pareto=_pareto(ranked),
        classes=_classes(ranked),
        thresholds=(limits.a, limits.b, limits.c),
        xyz_limits=(xyz.x, xyz.y, xyz.min_months),
        matrix=tuple(
            MatrixCell(r["abc_class"], r["xyz_class"], int(r["customers"]), r["revenue_share"])
            for r in matrix.to_pylist()
        ),
        rfm=tuple(RfmCell(int(r), int(f), int(c)) for (r, f), c in grid.items()),
        segments=tuple(
            (code, Text(ru=names["ru"], en=names["en"]), int(segments.get(code, 0)))
            for code, names in RFM_SEGMENTS.items()
        ),
        clv=clv,
        nps=tuple(nps_rows),
        nps_wave=survey.wave if survey is not None else None,
        nps_note=nps_note,
        clv_note=clv_note,
    )
    return base, hidden
