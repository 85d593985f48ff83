"""From the 10M-row Parquet log to the BTYD summary, ABC and RFM tables in memory.

    .venv/bin/python bench/customers/synth.py             # once: bench/data/customers_10m.parquet
    .venv/bin/python bench/customers/bench_summary.py     # --repeat 3 --subsample 100000

Contenders, each in a fresh process (so its peak memory is its own), on the same file:

* ``orientir`` — the file read into an Arrow table (``pyarrow.parquet.read_table``) and
  ``btyd_summary`` of it, which runs the one-pass kernel
  (:mod:`orientir.customers.summary_kernel`): file → summary; then ``abc`` and ``rfm`` on
  DuckDB reading the Parquet file in place (``con.read_parquet``): the three Arrow tables;
* ``orientir-ibis`` — the summary's Ibis expression on DuckDB reading the file in place
  (what every other engine runs), file → Arrow;
* ``duckdb-sql`` and ``duckdb-sql-window`` — two hand-written DuckDB SQL queries of the same
  summary, file → Arrow: the two-level aggregation, and one sort by customer and day with
  ``lag`` marking each new day; the faster of the two is the floor (what the engine itself
  needs);
* ``lifetimes`` — ``summary_data_from_transaction_data`` on all 10M rows, once (reading the
  file into pandas is not timed), and ``lifetimes-subsample`` on a subsample (the customers
  with the lowest ids, all their transactions) with ``orientir-subsample`` — orientir's
  summary on the very same subsample, from an in-memory Arrow table — for a second ratio;
* ``orientir-memory`` — orientir's summary of all 10M rows already in memory (an Arrow
  table, its reading not timed), the like-for-like peer of ``lifetimes``; and
  ``orientir-shuffled``, the same rows in a random order (the kernel's exact recount of
  customers whose rows are out of date order; the file itself is in date order);
* ``pymc-marketing`` — ``pymc_marketing.clv.rfm_summary`` on all 10M rows, once, exactly as
  ``lifetimes`` (frame in memory, reading not timed). pymc-marketing is heavy (PyMC, PyTensor,
  numba…) and 1.x needs Python ≥ 3.12, so it is not a project dependency: it runs in a
  separate virtual environment given by ``--pymc-python`` (see ``bench/README.md``), and is
  left out when that option is not given.

These are the fastest hand-written formulations found; on DuckDB 1.5 they cost about the same
(the window one a little less CPU, the two-level one about as little wall time). Others —
``count(DISTINCT date)`` per customer with a join for the first day's amount, an integer
surrogate key for the customer, per-customer lists, top-k ``arg_min`` — were slower (see
``docs/benchmarks.md``).

Times are the best of ``--repeat`` runs (wall clock); peak memory is the process's maximum
resident set, interpreter and imports included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "customers_10m.parquet"
RESULTS = ROOT / "bench" / "results"

WINDOW_SQL = """
WITH tx AS (SELECT * FROM read_parquet('{path}')),
w AS (SELECT customer_id, date, amount,
             lag(date) OVER (PARTITION BY customer_id ORDER BY date) AS previous,
             min(date) OVER (PARTITION BY customer_id) AS first
      FROM tx WHERE amount >= 0),
c AS (SELECT customer_id, min(date) AS first, max(date) AS last,
             count(*) FILTER (WHERE previous IS NULL OR previous <> date) AS n,
             sum(amount) AS total, sum(amount) FILTER (WHERE date = first) AS first_amount
      FROM w GROUP BY 1)
SELECT customer_id, n - 1 AS frequency,
       CAST(date_diff('day', first, last) AS DOUBLE) AS recency,
       CAST(date_diff('day', first, (SELECT max(date) FROM tx)) AS DOUBLE) AS T,
       CASE WHEN n > 1 THEN (total - first_amount) / (n - 1) ELSE 0 END AS monetary_value
FROM c ORDER BY customer_id
"""

FLOOR_SQL = """
WITH tx AS (SELECT * FROM read_parquet('{path}')),
p AS (SELECT customer_id, date, sum(amount) AS amount FROM tx WHERE amount >= 0 GROUP BY 1, 2),
c AS (SELECT customer_id, min(date) AS first, max(date) AS last, count(*) AS n,
             sum(amount) AS total, arg_min(amount, date) AS first_amount FROM p GROUP BY 1)
SELECT customer_id, n - 1 AS frequency,
       CAST(date_diff('day', first, last) AS DOUBLE) AS recency,
       CAST(date_diff('day', first, (SELECT max(date) FROM tx)) AS DOUBLE) AS T,
       CASE WHEN n > 1 THEN (total - first_amount) / (n - 1) ELSE 0 END AS monetary_value
FROM c ORDER BY customer_id
"""


def _subsample(path: Path, customers: int) -> Any:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    return table.filter(pc.less(table.column("customer_id"), f"C{customers:07d}"))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(name: str, path: Path, customers: int) -> dict[str, Any]:
    """One measurement; runs in its own process."""
    times: dict[str, float] = {}
    rows: dict[str, int] = {}
    if name == "orientir":
        import ibis
        import pyarrow.parquet as pq

        from orientir.customers import abc, btyd_summary, rfm

        start = time.perf_counter()
        table = pq.read_table(path, columns=["customer_id", "date", "amount"])
        rows["summary"] = btyd_summary(table).num_rows  # in memory: the one-pass kernel
        times["summary"] = time.perf_counter() - start
        con = ibis.duckdb.connect()
        log = con.read_parquet(str(path))
        for step, run in (("abc", abc), ("rfm", rfm)):
            began = time.perf_counter()
            rows[step] = run(log, backend=con).num_rows
            times[step] = time.perf_counter() - began
        times["total"] = time.perf_counter() - start
    elif name == "orientir-ibis":
        import ibis

        from orientir.customers import btyd_summary

        start = time.perf_counter()
        con = ibis.duckdb.connect()
        rows["summary"] = btyd_summary(con.read_parquet(str(path)), backend=con).num_rows
        times["summary"] = times["total"] = time.perf_counter() - start
    elif name in ("duckdb-sql", "duckdb-sql-window"):
        import duckdb

        query = FLOOR_SQL if name == "duckdb-sql" else WINDOW_SQL
        start = time.perf_counter()
        result = duckdb.connect().sql(query.format(path=path)).to_arrow_table()
        times["summary"] = times["total"] = time.perf_counter() - start
        rows["summary"] = result.num_rows
    elif name in ("orientir-memory", "orientir-shuffled", "orientir-subsample"):
        import numpy as np
        import pyarrow.parquet as pq

        from orientir.customers import btyd_summary

        table = _subsample(path, customers) if name == "orientir-subsample" else pq.read_table(path)
        if name == "orientir-shuffled":
            table = table.take(np.random.default_rng(1).permutation(table.num_rows))
        start = time.perf_counter()
        rows["summary"] = btyd_summary(table).num_rows
        times["summary"] = times["total"] = time.perf_counter() - start
        rows["transactions"] = table.num_rows
    elif name in ("lifetimes", "lifetimes-subsample"):
        import pandas as pd
        import pyarrow.parquet as pq
        from lifetimes.utils import summary_data_from_transaction_data

        whole = name == "lifetimes"
        frame = (pq.read_table(path) if whole else _subsample(path, customers)).to_pandas()
        frame["date"] = pd.to_datetime(frame["date"])
        start = time.perf_counter()
        result = summary_data_from_transaction_data(frame, "customer_id", "date", "amount")
        times["summary"] = times["total"] = time.perf_counter() - start
        rows["summary"] = len(result)
        rows["transactions"] = len(frame)
    elif name == "pymc-marketing":  # run by the --pymc-python interpreter
        import pandas as pd
        import pyarrow.parquet as pq
        from pymc_marketing.clv import rfm_summary

        frame = pq.read_table(path).to_pandas()
        frame["date"] = pd.to_datetime(frame["date"])
        start = time.perf_counter()
        result = rfm_summary(frame, "customer_id", "date", "amount")
        times["summary"] = times["total"] = time.perf_counter() - start
        rows["summary"] = len(result)
        rows["transactions"] = len(frame)
    else:
        raise SystemExit(f"unknown worker {name}")
    return {"name": name, "seconds": times, "rows": rows, "peak_rss_mib": _peak_mib()}


def measure(
    name: str, path: Path, customers: int, repeat: int, python: str = sys.executable
) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        command = [
            python,
            __file__,
            "--worker",
            name,
            "--data",
            str(path),
            "--subsample",
            str(customers),
        ]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
        print(
            f"  {name}: {runs[-1]['seconds']['total']:.2f} s, {runs[-1]['peak_rss_mib']:.0f} MiB",
            flush=True,
        )
    best = min(runs, key=lambda run: run["seconds"]["total"])
    best["all_totals"] = [run["seconds"]["total"] for run in runs]
    best["peak_rss_mib"] = max(run["peak_rss_mib"] for run in runs)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--subsample", type=int, default=100_000, help="customers for lifetimes")
    parser.add_argument(
        "--pymc-python",
        type=Path,
        help="a Python with pymc-marketing installed: adds rfm_summary as a peer",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.subsample)))
        return
    if not args.data.exists():
        raise SystemExit(f"{args.data} is missing: run bench/customers/synth.py first")
    load_before = os.getloadavg()
    print(f"load average at the start: {_load(load_before)}", flush=True)
    results = {
        name: measure(name, args.data, args.subsample, args.repeat)
        for name in (
            "orientir",
            "orientir-ibis",
            "duckdb-sql",
            "duckdb-sql-window",
            "orientir-memory",
            "orientir-shuffled",
            "orientir-subsample",
            "lifetimes-subsample",
        )
    }
    results["lifetimes"] = measure("lifetimes", args.data, args.subsample, 1)
    if args.pymc_python:
        python = str(args.pymc_python)
        results["pymc-marketing"] = measure("pymc-marketing", args.data, args.subsample, 1, python)
    load_after = os.getloadavg()
    import pyarrow.parquet as pq

    full_rows = pq.ParquetFile(args.data).metadata.num_rows
    floor_name = min(
        ("duckdb-sql", "duckdb-sql-window"), key=lambda n: results[n]["seconds"]["summary"]
    )
    ours, floor = results["orientir"], results[floor_name]
    s_ours = ours["seconds"]["summary"]
    sub_ours, sub_life = results["orientir-subsample"], results["lifetimes-subsample"]
    life = results["lifetimes"]
    sub_rows = sub_life["rows"]["transactions"]
    report = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "rows": full_rows,
        "subsample_rows": sub_rows,
        "results": results,
        "floor": floor_name,
        "summary_vs_floor": ours["seconds"]["summary"] / floor["seconds"]["summary"],
        "speedup_vs_lifetimes": life["seconds"]["summary"] / ours["seconds"]["summary"],
        "speedup_vs_lifetimes_in_memory": life["seconds"]["summary"]
        / results["orientir-memory"]["seconds"]["summary"],
        "speedup_vs_lifetimes_subsample": sub_life["seconds"]["summary"]
        / sub_ours["seconds"]["summary"],
        "load_average_start": load_before,
        "load_average_end": load_after,
    }
    pymc = results.get("pymc-marketing")
    if pymc is not None:
        report["speedup_vs_pymc_marketing"] = pymc["seconds"]["summary"] / s_ours
        report["speedup_vs_pymc_marketing_in_memory"] = (
            pymc["seconds"]["summary"] / results["orientir-memory"]["seconds"]["summary"]
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "customers_summary.json").write_text(json.dumps(report, indent=2))
    s = ours["seconds"]
    print(
        f"\norientir, {full_rows:,} rows: summary {s['summary']:.2f} s, ABC {s['abc']:.2f} s, "
        f"RFM {s['rfm']:.2f} s, all three {s['total']:.2f} s, peak {ours['peak_rss_mib']:.0f} MiB"
    )
    ibis_s = results["orientir-ibis"]["seconds"]["summary"]
    shuffled_s = results["orientir-shuffled"]["seconds"]["summary"]
    print(
        f"orientir's Ibis expression on DuckDB (file in place): {ibis_s:.2f} s; the kernel "
        f"from memory on the rows shuffled: {shuffled_s:.2f} s"
    )
    print(
        f"DuckDB SQL floor (summary, {floor_name}): {floor['seconds']['summary']:.2f} s "
        f"(two-level {results['duckdb-sql']['seconds']['summary']:.2f} s, window "
        f"{results['duckdb-sql-window']['seconds']['summary']:.2f} s) → orientir/floor = "
        f"{report['summary_vs_floor']:.2f}"
    )
    print(
        f"lifetimes on all {full_rows:,} rows: {life['seconds']['summary']:.1f} s, peak "
        f"{life['peak_rss_mib']:.0f} MiB → orientir's summary is "
        f"{report['speedup_vs_lifetimes']:.1f}× faster from the file; from memory orientir "
        f"takes {results['orientir-memory']['seconds']['summary']:.2f} s → "
        f"{report['speedup_vs_lifetimes_in_memory']:.1f}×"
    )
    print(
        f"on {sub_rows:,} rows: lifetimes {sub_life['seconds']['summary']:.2f} s, orientir "
        f"{sub_ours['seconds']['summary']:.2f} s → {report['speedup_vs_lifetimes_subsample']:.1f}×"
    )
    if pymc is not None:
        print(
            f"pymc-marketing rfm_summary on all {full_rows:,} rows: "
            f"{pymc['seconds']['summary']:.1f} s, peak {pymc['peak_rss_mib']:.0f} MiB → "
            f"orientir's summary is {report['speedup_vs_pymc_marketing']:.1f}× faster from the "
            f"file, {report['speedup_vs_pymc_marketing_in_memory']:.1f}× from memory"
        )
    print(f"load average: {_load(load_before)} at the start, {_load(load_after)} at the end")


def _load(load: tuple[float, float, float]) -> str:
    return ", ".join(f"{value:.2f}" for value in load)


if __name__ == "__main__":
    main()
