"""Load and soak: a bounded run of many survey submissions against ``orientir serve``, with the
server's memory sampled over time.

Run from the project root:

    .venv/bin/python -m bench.reliability.soak --submissions 100000            # SQLite
    .venv/bin/python -m bench.reliability.soak --engine postgres --workers 2 --submissions 100000

A *submission* is one respondent's whole no-JavaScript journey (every page of ``employee-co@1``
posted, then the final submit with an idempotency key), acknowledged by a 303 to the thank-you
page — the machinery of ``bench/web/run.py`` (its seeding, server, client and check). The
database is seeded with ``--submissions`` personal links first (not timed). While
``--concurrency`` clients submit, the resident memory (RSS) of the server's process tree is
sampled every ``--sample-every`` seconds from ``/proc``; the report gives throughput, p50/p99
latency per request and per submit, and the mean RSS of the first and the last tenth of the
run: flat memory means the two agree. Afterwards the stored responses must equal the
acknowledged submissions (none lost, none twice).

Writes ``bench/results/soak-<engine>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.web.run import (
    _free_port,
    _pages,
    _quantile,
    check,
    drive,
    fresh_database,
    seed,
    server,
    tree_cpu_seconds,
)

ROOT = Path(__file__).resolve().parents[2]


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and its living descendants (Linux ``/proc``)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


@dataclass
class Sampler:
    pid: int
    every: float
    samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds, bytes)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        started = time.monotonic()
        while not self.stop.is_set():
            self.samples.append((time.monotonic() - started, tree_rss_bytes(self.pid)))
            self.stop.wait(self.every)

    def deciles(self) -> tuple[float, float]:
        """Mean RSS (MiB) of the first and the last tenth of the samples."""
        tenth = max(1, len(self.samples) // 10)
        first = statistics.mean(b for _, b in self.samples[:tenth]) / 2**20
        last = statistics.mean(b for _, b in self.samples[-tenth:]) / 2**20
        return first, last


def soak(args: argparse.Namespace) -> dict[str, Any]:
    workers = 1 if args.engine == "sqlite" else args.workers
    pages = _pages()
    orientir = str(Path(sys.executable).with_name("orientir"))
    with tempfile.TemporaryDirectory() as temp, fresh_database(args.engine, Path(temp)) as url:
        seeded = time.perf_counter()
        tokens = seed(url, args.submissions, Path(temp))
        seed_seconds = time.perf_counter() - seeded
        port = _free_port()
        command = [orientir, "--db", url, "serve", "--port", str(port), "--workers", str(workers)]
        env = {
            "ORIENTIR_BASE_URL": f"http://127.0.0.1:{port}",
            "ORIENTIR_DATA_DIR": temp,
            "ORIENTIR_SURVEY_RATE": "0",  # one client address stands for every respondent
        }
        with server(command, env, port) as (base, pid):
            sampler = Sampler(pid, args.sample_every)
            thread = threading.Thread(target=sampler.run, daemon=True)
            load_before = os.getloadavg()
            cpu_before = tree_cpu_seconds(pid)
            thread.start()
            run = asyncio.run(drive(base, tokens, pages, args.concurrency, args.client))
            sampler.stop.set()
            thread.join()
            server_cpu = tree_cpu_seconds(pid) - cpu_before
            load_after = os.getloadavg()
        verified = check(url)
    first, last = sampler.deciles()
    lost = run.acknowledged - verified["stored_complete"]
    return {
        "engine": args.engine,
        "workers": workers,
        "concurrency": args.concurrency,
        "client": args.client,
        "submissions_asked": args.submissions,
        "acknowledged": run.acknowledged,
        "failed": run.failed,
        "retries": run.retries,
        "seconds": run.elapsed,
        "seed_seconds": seed_seconds,
        "submissions_per_second": run.acknowledged / run.elapsed,
        "requests_per_second": len(run.latencies) / run.elapsed,
        "p50_ms": 1000 * statistics.median(run.latencies),
        "p99_ms": 1000 * _quantile(run.latencies, 0.99),
        "submit_p50_ms": 1000 * statistics.median(run.submit_latencies),
        "submit_p99_ms": 1000 * _quantile(run.submit_latencies, 0.99),
        "server_cpu_seconds": server_cpu,
        "rss_first_decile_mib": first,
        "rss_last_decile_mib": last,
        "rss_max_mib": max(b for _, b in sampler.samples) / 2**20,
        "rss_samples": [(round(s, 1), b) for s, b in sampler.samples],
        "load_before": load_before,
        "load_after": load_after,
        "check": verified | {"lost": lost, "acknowledged": run.acknowledged},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--submissions", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers on PostgreSQL")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw")
    parser.add_argument("--sample-every", type=float, default=1.0, help="RSS sampling, seconds")
    args = parser.parse_args()
    result = soak(args)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"soak-{args.engine}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    shown = {k: v for k, v in result.items() if k != "rss_samples"}
    print(json.dumps(shown, indent=2))
    ok = result["check"]["lost"] == 0 and result["check"]["duplicated"] == 0
    print(
        f"| {args.engine} ({result['workers']} worker(s)) | {result['acknowledged']} "
        f"| {result['submissions_per_second']:.1f} | {result['p50_ms']:.1f} / "
        f"{result['p99_ms']:.1f} | {result['submit_p50_ms']:.1f} / {result['submit_p99_ms']:.1f} "
        f"| {result['rss_first_decile_mib']:.0f} → {result['rss_last_decile_mib']:.0f} MiB "
        f"| {result['load_before'][0]:.1f} / {result['load_after'][0]:.1f} "
        f"| {'none lost or doubled' if ok else 'CHECK FAILED'} |"
    )
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
