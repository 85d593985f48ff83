"""A reproducible synthetic transaction log drawn from the BG/NBD process, as Parquet.

    .venv/bin/python bench/customers/synth.py            # 10,000,000 rows, 1,000,000 customers

Each customer makes a first purchase on a day drawn uniformly from the first year of a
two-year window (2023-01-01 … 2024-12-31), then, per Fader, Hardie & Lee (2005):

* repeat purchases follow a Poisson process with rate λ ~ Gamma(r, α) per day;
* after each repeat purchase they drop out with probability p ~ Beta(a, b);

so with n ~ Poisson(λT) purchases the window could hold and g ~ Geometric(p) purchases
before the drop-out, the customer makes x = min(n, g) repeat purchases, at the first x order
statistics of n uniform times on (0, T) (drawn exactly: x exponential spacings and one
Gamma(n + 1 − x) remainder). Times are cut to whole days, so two purchases can share a day.
Amounts follow the Gamma-Gamma model: ν ~ Gamma(q, γ) per customer, each amount
~ Gamma(p_spend, ν), rounded to kopecks.

The generator overshoots 10,000,000 slightly and then drops the *last* repeat purchase of
randomly chosen customers (a drop-out a little earlier) until exactly ``--transactions`` rows
remain; the seed fixes everything.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "bench" / "data" / "customers_10m.parquet"
START = np.datetime64("2023-01-01")
WINDOW_DAYS = 731  # 2023-01-01 … 2024-12-31
TRUE_PARAMS = {"r": 0.35, "alpha": 9.8, "a": 0.5, "b": 5.0, "p": 6.0, "q": 4.0, "gamma": 150.0}


def simulate(customers: int, transactions: int, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    r, alpha, a, b = (TRUE_PARAMS[k] for k in ("r", "alpha", "a", "b"))
    first = rng.integers(0, 366, customers)
    age = (WINDOW_DAYS - 1 - first).astype(np.float64)  # T in days, to the last day
    rate = rng.gamma(r, 1.0 / alpha, customers)
    dropout = rng.beta(a, b, customers)
    could = rng.poisson(rate * age)
    before_drop = rng.geometric(dropout)
    x = np.minimum(could, before_drop)
    excess = customers + int(x.sum()) - transactions
    if excess < 0:
        raise SystemExit(f"the draw gave {customers + int(x.sum())} rows; lower alpha")
    # drop the last repeat purchase of `excess` random customers with one (x ≥ 1)
    candidates = np.flatnonzero(x > 0)
    trimmed = rng.choice(candidates, size=excess, replace=False)
    x[trimmed] -= 1
    owner = np.repeat(np.arange(customers), x)
    spacings = rng.exponential(size=owner.size)
    cumulative = np.cumsum(spacings)
    ends = np.cumsum(x)
    offsets = np.concatenate(([0.0], cumulative))[ends - x]
    within = cumulative - offsets[owner]  # S_k for k = 1..x of each customer
    total = within[ends[x > 0] - 1]  # S_x
    s_x = np.zeros(customers)
    s_x[x > 0] = total
    # the first x order statistics of n uniforms: S_k / (S_x + Gamma(n + 1 - x))
    trimmed_mask = np.zeros(customers, dtype=bool)
    trimmed_mask[trimmed] = True
    n_eff = np.maximum(could, x + trimmed_mask)  # keep n ≥ x (+1 where a purchase was dropped)
    scale = s_x + rng.gamma(n_eff - x + 1.0)
    times = within / scale[owner] * age[owner]
    days = np.concatenate([first, first[owner] + np.floor(times).astype(np.int64)])
    who = np.concatenate([np.arange(customers), owner])
    nu = rng.gamma(TRUE_PARAMS["q"], 1.0 / TRUE_PARAMS["gamma"], customers)
    amount = np.round(rng.gamma(TRUE_PARAMS["p"], 1.0 / nu[who]), 2)
    order = np.lexsort((who, days))
    ids = np.char.add("C", np.char.zfill(np.arange(customers).astype(str), 7))
    return pa.table(
        {
            "customer_id": pa.array(ids[who[order]], pa.string()),
            "date": pa.array((START + days[order]).astype("datetime64[D]"), pa.date32()),
            "amount": pa.array(amount[order], pa.float64()),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    started = time.perf_counter()
    table = simulate(args.customers, args.transactions, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, args.out, row_group_size=1_000_000)
    print(
        f"{table.num_rows:,} rows, {args.customers:,} customers → {args.out} "
        f"({args.out.stat().st_size / 2**20:.0f} MiB, {time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
