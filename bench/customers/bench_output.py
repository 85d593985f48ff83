"""``--json`` and ``--csv`` of a customer table of a million rows: orientir's writers
against pandas.

    .venv/bin/python bench/customers/synth.py                  # the log, once (bench/data/)
    .venv/bin/python bench/customers/bench_output.py [--data FILE] [--repeat 3]

The RFM table of the synthetic log (1,000,000 customers; computed once, not timed) is printed as
JSON three ways, each to ``/dev/null``, best of ``--repeat`` runs:

* ``orientir``: ``cli.table_output.emit_json_table``, what ``orientir customers … --json`` prints
  (the head, then one row per line), from the Arrow table;
* ``before``: what the command printed until 30 November 2026 — ``json.dumps(…, indent=2)`` of
  the rows as Python objects with their NaN replaced value by value;
* peer: pandas' ``DataFrame.to_json(orient="records")`` (its C encoder), from a DataFrame of
  the same table (the conversion is not timed), at its highest precision
  (``double_precision=15``; the default, 10, rounds amounts).

The same for CSV: ``cli.table_output.emit_csv_table``; before, ``csv.writer`` a row at a time;
pandas' ``DataFrame.to_csv(index=False)``. orientir's CSV must be the very text ``csv.writer``
writes.

Before timing, the script checks on the first 20,000 rows that orientir's rows parse to the
table's own, and pandas' to the same within pandas' 15 significant digits.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from orientir.cli._common import json_default
from orientir.cli.table_output import emit_csv_table, emit_json_table, finite_or_none
from orientir.config import Limits
from orientir.services.transactions import analyse_file

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "customers_10m.parquet"
HEAD = {"analysis": "rfm"}


PANDAS: dict[str, Any] = {"orient": "records", "force_ascii": False, "double_precision": 15}


def _same_row(ours: dict[str, Any], peer: dict[str, Any]) -> bool:
    return ours.keys() == peer.keys() and all(
        math.isclose(a, b, rel_tol=1e-14) if isinstance(a, float) else a == b
        for a, b in zip(ours.values(), peer.values(), strict=True)
    )


def orientir(table: pa.Table, out: Any) -> None:
    with contextlib.redirect_stdout(out):
        emit_json_table(HEAD, table)


def before(table: pa.Table, out: Any) -> None:
    document = finite_or_none({**HEAD, "rows": table.to_pylist()})
    out.write(json.dumps(document, ensure_ascii=False, indent=2, default=json_default) + "\n")


def orientir_csv(table: pa.Table, out: Any) -> None:
    with contextlib.redirect_stdout(out):
        emit_csv_table(table)


def before_csv(table: pa.Table, out: Any) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow(["" if v is None else v for v in row.values()])


def best(run: Callable[[Any], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        with open("/dev/null", "w", encoding="utf-8") as out:
            started = time.perf_counter()
            run(out)
            times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    table = analyse_file(args.data, "rfm", limits=Limits()).table
    frame = table.to_pandas()
    sample = table.slice(0, 20_000)
    printed = io.StringIO()
    orientir(sample, printed)
    ours = json.loads(printed.getvalue())["rows"]
    peer = json.loads(sample.to_pandas().to_json(**PANDAS))
    if ours != sample.to_pylist() or not all(map(_same_row, ours, peer)):
        sys.exit("orientir and pandas print different rows")
    ours_csv, before_text = io.StringIO(), io.StringIO()
    orientir_csv(sample, ours_csv)
    before_csv(sample, before_text)
    if ours_csv.getvalue() != before_text.getvalue():
        sys.exit("orientir's CSV differs from csv.writer's")
    seconds = {
        "orientir": best(lambda out: orientir(table, out), args.repeat),
        "before": best(lambda out: before(table, out), args.repeat),
        "pandas to_json": best(lambda out: frame.to_json(out, **PANDAS), args.repeat),
        "orientir CSV": best(lambda out: orientir_csv(table, out), args.repeat),
        "before CSV": best(lambda out: before_csv(table, out), args.repeat),
        "pandas to_csv": best(lambda out: frame.to_csv(out, index=False), args.repeat),
    }
    print(f"{table.num_rows:,} rows × {table.num_columns} columns, best of {args.repeat}")
    for name, value in seconds.items():
        print(f"| {name} | {value:.2f} s |")
    print(f"before ÷ orientir: {seconds['before'] / seconds['orientir']:.1f}×")
    print(f"pandas ÷ orientir: {seconds['pandas to_json'] / seconds['orientir']:.2f}")
    print(
        f"CSV: before ÷ orientir {seconds['before CSV'] / seconds['orientir CSV']:.1f}×, ", end=""
    )
    print(f"pandas ÷ orientir {seconds['pandas to_csv'] / seconds['orientir CSV']:.2f}")


if __name__ == "__main__":
    main()
