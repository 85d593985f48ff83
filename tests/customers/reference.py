"""Independent pandas versions of the analyses, written from the definitions in the docstrings
(a different route from the engine code: explicit month calendars, pandas ranks), and a
comparison helper."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa


def assert_frame_matches(actual: pa.Table, expected: pd.DataFrame, rtol: float = 1e-9) -> None:
    """Same columns, same row order, exact text/integers, floats to ``rtol``."""
    got = actual.to_pandas()
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    for column in expected.columns:
        left, right = got[column].tolist(), expected[column].tolist()
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            if isinstance(b, float) and not math.isnan(b):
                assert a is not None, (column, i)
                assert math.isclose(a, b, rel_tol=rtol, abs_tol=1e-9), (column, i, a, b)
            elif b is None or (isinstance(b, float) and math.isnan(b)):
                assert a is None or (isinstance(a, float) and math.isnan(a)), (column, i, a)
            else:
                assert a == b, (column, i, a, b)


def frame(log: pa.Table) -> pd.DataFrame:
    df = log.to_pandas()
    df["date"] = pd.to_datetime(df["date"])
    return df


def abc_reference(log: pa.Table, a: float = 80, b: float = 15) -> pd.DataFrame:
    df = frame(log)
    rev = df.groupby("customer_id", as_index=False)["amount"].sum()
    rev = rev.rename(columns={"amount": "revenue"})
    rev = rev.sort_values(["revenue", "customer_id"], ascending=[False, True], kind="stable")
    positive = rev["revenue"].clip(lower=0)
    total = positive.sum()
    running = positive.cumsum()
    before = (running - positive) / total
    rev["share"] = rev["revenue"] / total
    rev["cumulative_share"] = running / total
    rev["rank"] = np.arange(1, len(rev) + 1)
    rev["abc_class"] = np.where(
        rev["revenue"] <= 0,
        "C",
        np.where(before < a / 100, "A", np.where(before < (a + b) / 100, "B", "C")),
    )
    return rev.reset_index(drop=True)


def xyz_reference(log: pa.Table, x: float = 10, y: float = 25, min_months: int = 3) -> pd.DataFrame:
    df = frame(log)
    df["month"] = df["date"].dt.to_period("M")
    end = df["month"].max()
    rows = []
    for cid, group in df.groupby("customer_id"):
        monthly = group.groupby("month")["amount"].sum()
        calendar = pd.period_range(monthly.index.min(), end, freq="M")
        demand = monthly.reindex(calendar, fill_value=0.0).to_numpy()
        mean, std = demand.mean(), demand.std(ddof=0)
        cv = std / mean if len(demand) >= min_months and mean > 0 else None
        cls = None if cv is None else "X" if cv <= x / 100 else "Y" if cv <= y / 100 else "Z"
        rows.append((cid, len(demand), len(monthly), mean, std, cv, cls))
    return (
        pd.DataFrame(
            rows,
            columns=[
                "customer_id",
                "months",
                "active_months",
                "mean_demand",
                "std_demand",
                "cv",
                "xyz_class",
            ],
        )
        .sort_values("customer_id")
        .reset_index(drop=True)
    )


# The segment grid of orientir.customers.rfm, written out cell by cell (R, F) -> segment.
SEGMENT_GRID = {
    **{(5, f): "champions" for f in (4, 5)},
    **{(r, f): "loyal" for r in (3, 4) for f in (4, 5)},
    **{(r, f): "potential_loyalists" for r in (4, 5) for f in (2, 3)},
    (5, 1): "new_customers",
    (4, 1): "promising",
    (3, 3): "need_attention",
    (3, 1): "about_to_sleep",
    (3, 2): "about_to_sleep",
    (1, 5): "cannot_lose",
    (2, 5): "cannot_lose",
    **{(r, f): "at_risk" for r in (1, 2) for f in (3, 4)},
    (1, 1): "lost",
    (1, 2): "hibernating",
    (2, 1): "hibernating",
    (2, 2): "hibernating",
}


def rfm_reference(log: pa.Table) -> pd.DataFrame:
    df = frame(log)
    as_of = df["date"].max()
    bought = df[df["amount"] >= 0]
    per = bought.groupby("customer_id").agg(last=("date", "max"), frequency=("date", "nunique"))
    per["monetary"] = df.groupby("customer_id")["amount"].sum()
    per = per.reset_index().sort_values("customer_id").reset_index(drop=True)
    per["recency_days"] = (as_of - per["last"]).dt.days
    n = len(per)

    def score(values: pd.Series) -> pd.Series:
        rank = values.rank(method="min") - 1  # how many are strictly worse
        return (np.floor(5 * rank / n) + 1).astype("int64")

    per["r_score"] = score(-per["recency_days"])
    per["f_score"] = score(per["frequency"])
    per["m_score"] = score(per["monetary"])
    per["rfm_score"] = (
        per["r_score"].astype(str) + per["f_score"].astype(str) + per["m_score"].astype(str)
    )
    per["segment"] = [
        SEGMENT_GRID[(r, f)] for r, f in zip(per["r_score"], per["f_score"], strict=True)
    ]
    return per[
        [
            "customer_id",
            "recency_days",
            "frequency",
            "monetary",
            "r_score",
            "f_score",
            "m_score",
            "rfm_score",
            "segment",
        ]
    ]


def cohorts_reference(log: pa.Table) -> pd.DataFrame:
    df = frame(log)
    df["month"] = df["date"].dt.to_period("M")
    first = df[df["amount"] >= 0].groupby("customer_id")["month"].min().rename("cohort")
    df = df.join(first, on="customer_id", how="inner")
    df["period"] = (df["month"] - df["cohort"]).map(lambda offset: offset.n)
    active = df[df["amount"] >= 0].groupby(["cohort", "period"])["customer_id"].nunique()
    revenue = df.groupby(["cohort", "period"])["amount"].sum()
    out = (
        pd.DataFrame({"revenue": revenue})
        .join(active.rename("customers"))
        .fillna({"customers": 0})
        .reset_index()
    )
    out["customers"] = out["customers"].astype("int64")
    sizes = out[out["period"] == 0].set_index("cohort")["customers"]
    out["cohort_size"] = out["cohort"].map(sizes).astype("int64")
    out["retention"] = out["customers"] / out["cohort_size"]
    out["cohort"] = out["cohort"].map(lambda p: p.start_time.date())
    out = out.sort_values(["cohort", "period"]).reset_index(drop=True)
    return out[["cohort", "period", "customers", "cohort_size", "retention", "revenue"]]
