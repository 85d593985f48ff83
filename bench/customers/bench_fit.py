"""Model fits against ``lifetimes`` on the synthetic BG/NBD log.

    .venv/bin/python bench/customers/bench_fit.py     # --repeat 3 --pareto-customers 100000

* BG/NBD on all 1,000,000 customers (summary in days): ``orientir.customers.models.BetaGeo``
  vs ``lifetimes.BetaGeoFitter`` (BFGS with autograd gradients, one row per customer);
* Pareto/NBD on the first 100,000 customers: ``ParetoNBD`` vs ``lifetimes.ParetoNBDFitter``
  (Nelder–Mead on the hypergeometric likelihood).

The summary is computed once (by orientir) and cached next to the data; both libraries get
the same arrays, and the times cover the fit only. orientir's time is the best of
``--repeat`` runs, lifetimes' of one run. The parameters must agree to 1e-3 relative.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "customers_10m.parquet"
SUMMARY = ROOT / "bench" / "data" / "customers_10m_summary.parquet"
RESULTS = ROOT / "bench" / "results"


def summary(path: Path) -> Any:
    if SUMMARY.exists() and SUMMARY.stat().st_mtime > path.stat().st_mtime:
        return pq.read_table(SUMMARY)
    import ibis

    from orientir.customers import btyd_summary

    con = ibis.duckdb.connect()
    table = btyd_summary(con.read_parquet(str(path)), backend=con)
    pq.write_table(table, SUMMARY)
    return table


def _best(fit: Any, repeat: int) -> tuple[float, Any]:
    best, model = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        model = fit()
        best = min(best, time.perf_counter() - start)
    return best, model


def compare(name: str, ours_fit: Any, theirs_fit: Any, repeat: int) -> dict[str, Any]:
    ours_seconds, ours = _best(ours_fit, repeat)
    print(f"  orientir {name}: {ours_seconds:.2f} s {ours.params}", flush=True)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = theirs_fit()
    theirs_seconds = time.perf_counter() - start
    theirs_params = {k: float(v) for k, v in theirs.params_.items()}
    print(f"  lifetimes {name}: {theirs_seconds:.2f} s {theirs_params}", flush=True)
    relative = {
        k: abs(v - theirs_params[k]) / abs(theirs_params[k]) for k, v in ours.params.items()
    }
    return {
        "orientir_seconds": ours_seconds,
        "lifetimes_seconds": theirs_seconds,
        "speedup": theirs_seconds / ours_seconds,
        "orientir_params": ours.params,
        "lifetimes_params": theirs_params,
        "max_relative_difference": max(relative.values()),
        "orientir_log_likelihood": ours.fit_log_likelihood,
        "customers": ours.n_customers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pareto-customers", type=int, default=100_000)
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} is missing: run bench/customers/synth.py first")
    from lifetimes import BetaGeoFitter, ParetoNBDFitter

    from orientir.customers.models import BetaGeo, ParetoNBD, Summary

    table = summary(args.data)
    full = Summary.from_data(table)
    small_table = table.filter(
        pc.less(table.column("customer_id"), f"C{args.pareto_customers:07d}")
    )
    small = Summary.from_data(small_table)
    report: dict[str, Any] = {}
    print(f"BG/NBD on {len(full):,} customers", flush=True)
    report["bgnbd"] = compare(
        "BG/NBD",
        lambda: BetaGeo().fit(full),
        lambda: BetaGeoFitter().fit(full.frequency, full.recency, full.T),
        args.repeat,
    )
    print(f"Pareto/NBD on {len(small):,} customers", flush=True)
    report["pareto_nbd"] = compare(
        "Pareto/NBD",
        lambda: ParetoNBD().fit(small),
        lambda: ParetoNBDFitter().fit(small.frequency, small.recency, small.T),
        args.repeat,
    )
    report["distinct_rows"] = {
        "bgnbd": int(
            np.unique(np.column_stack([full.frequency, full.recency, full.T]), axis=0).shape[0]
        ),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "customers_fit.json").write_text(json.dumps(report, indent=2))
    for key, title in (("bgnbd", "BG/NBD"), ("pareto_nbd", "Pareto/NBD")):
        r = report[key]
        print(
            f"{title} ({r['customers']:,} customers): orientir {r['orientir_seconds']:.2f} s, "
            f"lifetimes {r['lifetimes_seconds']:.1f} s → {r['speedup']:.1f}×; "
            f"max relative parameter difference {r['max_relative_difference']:.1e}"
        )


if __name__ == "__main__":
    main()
