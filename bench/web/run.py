"""Benchmark of the survey pages under 50 concurrent respondents, against a minimal peer.

Run from the project root:

    .venv/bin/python -m bench.web.run                    # SQLite, then PostgreSQL (2 workers each)
    .venv/bin/python -m bench.web.run --engine sqlite --respondents 300

Each engine gets a fresh database with one organisation, ``--respondents`` employees and an
open confidential wave of ``employee-co@1`` (3 pages). ``orientir serve`` runs as a separate
process on loopback with ``--workers`` worker processes (2) on either engine. ``--concurrency``
virtual respondents then walk the no-JavaScript journey, each with its own personal link:
POST every page (saved as they go), then POST the final submit with an idempotency key.
A *completed submission* is a journey whose final POST was acknowledged (303 to the thank-you
page). Latency is measured per request at the client, after ``--warmup`` journeys (50) that
are walked first and not counted. Each journey posts from an address of its own (sent as
``X-Forwarded-For``, which the server trusts from 127.0.0.1 as from a reverse proxy), so the
rate limits stay on at their defaults, as in production.

Afterwards the database is checked: the complete responses stored must equal the
acknowledged submissions, and no invitation may have two responses (none lost, none
duplicated).

Peer, in the same run and on the same database engine: ``bench/web/peer.py``, a plain FastAPI
endpoint that parses the form and does one INSERT, served by the same uvicorn with the same
worker count, driven by the same client with the same number of requests. The ratio of the two
request rates is what orientir's survey logic costs over the bare stack.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench.web.client import Connection, Dropped
from orientir.config import load_settings
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_people
from orientir.services.waves import NewWave, create_wave, open_wave
from orientir.storage.database import open_database
from orientir.storage.tables import invitations, responses

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN = os.environ.get(
    "ORIENTIR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
INSTRUMENT = "employee-co@1"


def _pages() -> list[dict[str, str]]:
    from orientir.instruments.model import Format
    from orientir.services.instruments import resolve_instrument

    instrument = resolve_instrument(INSTRUMENT)
    values = {Format.LIKERT5: "4", Format.NPS: "9"}
    return [
        {item.id: values[item.format] for item in items} for _, items in instrument.paged() if items
    ]


@contextmanager
def fresh_database(engine_name: str, folder: Path) -> Iterator[str]:
    if engine_name == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    name = f"orientir_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed(url: str, respondents: int, folder: Path) -> list[str]:
    db = open_database(url, migrate=True)
    try:
        slug = create_organisation(db, NewOrganisation("Бенчмарк"), this_year=2026).slug
        staff = folder / "staff.csv"
        rows = "".join(f"{i},Сотрудник {i},Отдел {i % 20}\n" for i in range(1, respondents + 1))
        staff.write_text("id,name,department\n" + rows, encoding="utf-8")
        import_people(db, org=slug, path=staff, limits=load_settings({}).limits)
        created = create_wave(db, NewWave(slug, INSTRUMENT), limits=load_settings({}).limits)
        open_wave(db, org=slug, wave=created.wave.label)
        return [i.token for i in created.invitations]
    finally:
        db.dispose()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_loop(main: Coroutine[Any, Any, Run]) -> Run:
    """Run the client on uvloop when it is installed (a cheaper loop: more CPU for the server)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its living descendants (Linux
    ``/proc``): the server's own cost, whatever else the machine is doing."""
    ticks = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """CPU time used so far by every process of this machine's PostgreSQL server: its
    backends, its WAL writer and checkpointer, and the backends that have ended (counted in
    the postmaster's children's time). Nothing else uses that server while the benchmark runs."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
            if comm != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        # utime, stime, and (for the postmaster) the time of its children it has reaped
        ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(command: list[str], env: dict[str, str], port: int) -> Iterator[tuple[str, int]]:
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 180  # imports are slow on a busy 2-core machine
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {' '.join(command)}")
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # every request, seconds
    submit_latencies: list[float] = field(default_factory=list)
    acknowledged: int = 0
    failed: int = 0
    retries: int = 0  # requests sent again after a dropped connection
    elapsed: float = 0.0
    server_cpu: float = 0.0  # seconds, the server's processes
    client_cpu: float = 0.0  # seconds, this process
    database_cpu: float | None = None  # seconds, the PostgreSQL server's processes (None: SQLite)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after


def measured(
    base: str,
    pid: int,
    tokens: list[str],
    pages: list[dict[str, str]],
    args: argparse.Namespace,
    *,
    postgres: bool = False,
) -> Run:
    """``drive`` with the CPU time the server and the client spent, and the machine's load.

    The first ``args.warmup`` links are walked first and not measured: a fresh server process
    imports lazily, fills SQLAlchemy's statement cache and parses the instrument on its first
    requests, which a server that has been up for a minute has long done."""
    warmup, tokens = tokens[: args.warmup], tokens[args.warmup :]
    if warmup:
        warm = _run_loop(drive(base, warmup, pages, args.concurrency, args.client))
        if warm.failed:
            raise RuntimeError(f"{warm.failed} warm-up journeys failed")
    load, server_cpu, client_cpu = os.getloadavg()[0], tree_cpu_seconds(pid), time.process_time()
    database_cpu = postgres_cpu_seconds() if postgres else 0.0
    run = _run_loop(drive(base, tokens, pages, args.concurrency, args.client))
    run.client_cpu = time.process_time() - client_cpu
    run.server_cpu = tree_cpu_seconds(pid) - server_cpu
    if postgres:
        run.database_cpu = postgres_cpu_seconds() - database_cpu
    run.load = (load, os.getloadavg()[0])
    return run


def respondent_address(token: str) -> str:
    """The address a virtual respondent posts from: one per journey, as if each respondent had
    their own device, sent as ``X-Forwarded-For``. ``orientir serve`` takes it from 127.0.0.1 as
    from a reverse proxy (uvicorn's proxy headers, trusted from 127.0.0.1 by default), so the
    per-address limit on survey posts applies per respondent, as in production."""
    digest = hashlib.blake2b(token.encode(), digest_size=3).digest()
    return "10." + ".".join(str(byte) for byte in digest)


async def drive(
    base: str,
    tokens: list[str],
    pages: list[dict[str, str]],
    concurrency: int,
    client_kind: str = "raw",
) -> Run:
    run = Run()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for token in tokens:
        queue.put_nowait(token)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    shared = httpx.AsyncClient(limits=limits, timeout=60, follow_redirects=False)

    async def post(
        connection: Connection | None, path: str, data: dict[str, str], headers: dict[str, str]
    ) -> tuple[int, str]:
        """POST, sent again (as a browser or a proxy would) if the connection drops; the
        final submit carries the same idempotency key, so a retry must not store twice.
        Returns the status and the ``Location`` header."""
        for attempt in range(5):
            try:
                if connection is None:
                    answer = await shared.post(f"{base}{path}", data=data, headers=headers)
                    return answer.status_code, answer.headers.get("location", "")
                raw = await connection.post(path, data, headers)
                return raw.status_code, raw.headers.get("location", "")
            except (httpx.TransportError, Dropped):
                if attempt == 4:
                    raise
                run.retries += 1
        raise AssertionError("unreachable")

    async def respondent() -> None:
        connection = Connection(base) if client_kind == "raw" else None
        try:
            while True:
                try:
                    token = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                ok = True
                headers = {"X-Forwarded-For": respondent_address(token)}  # once a journey
                for number, form in enumerate(pages, 1):
                    started = time.perf_counter()
                    status, _ = await post(connection, f"/s/{token}/p/{number}", form, headers)
                    run.latencies.append(time.perf_counter() - started)
                    ok = ok and status == 303
                started = time.perf_counter()
                key = {"idempotency_key": f"bench-{token[:16]}"}
                status, location = await post(connection, f"/s/{token}/submit", key, headers)
                took = time.perf_counter() - started
                run.latencies.append(took)
                run.submit_latencies.append(took)
                if ok and status == 303 and location.endswith("/thanks"):
                    run.acknowledged += 1
                else:
                    run.failed += 1
        finally:
            if connection is not None:
                await connection.close()

    async with shared:
        started = time.perf_counter()
        await asyncio.gather(*(respondent() for _ in range(concurrency)))
        run.elapsed = time.perf_counter() - started
    return run


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def check(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        complete = conn.execute(
            select(func.count()).select_from(responses).where(responses.c.complete.is_(True))
        ).scalar_one()
        duplicated = conn.execute(
            select(func.count()).select_from(
                select(responses.c.invitation_id)
                .group_by(responses.c.invitation_id)
                .having(func.count() > 1)
                .subquery()
            )
        ).scalar_one()
        completed_invitations = conn.execute(
            select(func.count()).select_from(invitations).where(invitations.c.status == "completed")
        ).scalar_one()
    engine.dispose()
    return {
        "stored_complete": int(complete),
        "duplicated": int(duplicated),
        "completed_invitations": int(completed_invitations),
    }


def _uvicorn(app: list[str], port: int, workers: int) -> list[str]:
    """uvicorn serving ``app`` (the peer or the floor) as orientir is served."""
    return [
        str(Path(sys.executable).with_name("uvicorn")),
        *app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]


def bench_engine(engine_name: str, args: argparse.Namespace) -> dict[str, Any]:
    workers = args.workers
    pages = _pages()
    orientir = str(Path(sys.executable).with_name("orientir"))
    result: dict[str, Any] = {"engine": engine_name, "workers": workers}
    postgres = engine_name == "postgres"
    with tempfile.TemporaryDirectory() as temp, fresh_database(engine_name, Path(temp)) as url:
        tokens = seed(url, args.warmup + args.respondents, Path(temp))
        port = _free_port()
        command = [orientir, "--db", url, "serve", "--port", str(port), "--workers", str(workers)]
        # The rate limits are on, at their defaults: each journey posts from an address of its
        # own (respondent_address).
        env = {"ORIENTIR_BASE_URL": f"http://127.0.0.1:{port}", "ORIENTIR_DATA_DIR": temp}
        with server(command, env, port) as (base, pid):
            ours = measured(base, pid, tokens, pages, args, postgres=postgres)
        verified = check(url)
        result["orientir"] = _summary(ours, requests_per_journey=len(pages) + 1)
        result["check"] = verified | {
            "acknowledged": ours.acknowledged + args.warmup,  # warm-up journeys are stored too
            "lost": ours.acknowledged + args.warmup - verified["stored_complete"],
        }
        port = _free_port()
        peer_command = _uvicorn(["--factory", "bench.web.peer:create_peer"], port, workers)
        peer_env = {"BENCH_PEER_DB": url, "PYTHONPATH": str(ROOT)}
        with server(peer_command, peer_env, port) as (base, pid):
            peer = measured(base, pid, tokens, pages, args, postgres=postgres)
        result["peer"] = _summary(peer, requests_per_journey=len(pages) + 1)
        port = _free_port()
        floor_command = _uvicorn(["bench.web.floor:app"], port, workers)
        with server(floor_command, {"PYTHONPATH": str(ROOT)}, port) as (base, pid):
            floor = measured(base, pid, tokens, pages, args)
        result["floor"] = _summary(floor, requests_per_journey=len(pages) + 1)
    result["ratio_requests_per_second"] = (
        result["orientir"]["requests_per_second"] / result["peer"]["requests_per_second"]
    )
    result["share_of_floor"] = (
        result["orientir"]["requests_per_second"] / result["floor"]["requests_per_second"]
    )
    return result


def _summary(run: Run, *, requests_per_journey: int) -> dict[str, Any]:
    return {
        "completed_per_second": run.acknowledged / run.elapsed,
        "requests_per_second": len(run.latencies) / run.elapsed,
        "requests_per_journey": requests_per_journey,
        "p50_ms": 1000 * statistics.median(run.latencies),
        "p99_ms": 1000 * _quantile(run.latencies, 0.99),
        "submit_p50_ms": 1000 * statistics.median(run.submit_latencies),
        "submit_p99_ms": 1000 * _quantile(run.submit_latencies, 0.99),
        "acknowledged": run.acknowledged,
        "failed": run.failed,
        "retries": run.retries,
        "seconds": run.elapsed,
        "server_cpu_ms_per_request": 1000 * run.server_cpu / len(run.latencies),
        "client_cpu_ms_per_request": 1000 * run.client_cpu / len(run.latencies),
        "database_cpu_ms_per_request": None
        if run.database_cpu is None
        else 1000 * run.database_cpu / len(run.latencies),
        "load_average_before_after": run.load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--respondents", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--warmup", type=int, default=50, help="journeys walked before measuring (not counted)"
    )
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument(
        "--client",
        choices=["raw", "httpx"],
        default="raw",
        help="the lean keep-alive client (bench/web/client.py) or httpx's AsyncClient",
    )
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = []
    for name in engines:
        results.append(bench_engine(name, args))
        print(json.dumps(results[-1], indent=2), flush=True)  # kept even if a later run fails
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "respondents": args.respondents,
        "concurrency": args.concurrency,
        "warmup": args.warmup,
        "client": args.client,
        "results": results,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "web.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    for r in results:
        o, p, c = r["orientir"], r["peer"], r["check"]
        print(
            f"| {r['engine']} ({r['workers']} worker{'s' if r['workers'] > 1 else ''}) "
            f"| {o['completed_per_second']:.0f} | {o['requests_per_second']:.0f} "
            f"| {o['p50_ms']:.1f} / {o['p99_ms']:.1f} | {o['submit_p50_ms']:.1f} / "
            f"{o['submit_p99_ms']:.1f} | {c['acknowledged']} / {c['stored_complete']} / "
            f"{c['duplicated']} | {p['requests_per_second']:.0f} | {p['p50_ms']:.1f} / "
            f"{p['p99_ms']:.1f} | {r['ratio_requests_per_second']:.2f} |"
        )
        print(
            f"  server CPU per request: orientir {o['server_cpu_ms_per_request']:.2f} ms, "
            f"peer {p['server_cpu_ms_per_request']:.2f} ms; client CPU per request "
            f"{o['client_cpu_ms_per_request']:.2f} / {p['client_cpu_ms_per_request']:.2f} ms; "
            f"load average {o['load_average_before_after']} / {p['load_average_before_after']}"
        )
        if o["database_cpu_ms_per_request"] is not None:
            print(
                "  PostgreSQL server CPU per request: "
                f"orientir {o['database_cpu_ms_per_request']:.2f} ms, "
                f"peer {p['database_cpu_ms_per_request']:.2f} ms"
            )
        f = r["floor"]
        print(
            f"  floor (bare ASGI on uvicorn, no database): {f['completed_per_second']:.0f} "
            f"journeys/s, {f['requests_per_second']:.0f} requests/s, p50 / p99 "
            f"{f['p50_ms']:.1f} / {f['p99_ms']:.1f} ms, server CPU "
            f"{f['server_cpu_ms_per_request']:.2f} ms per request; orientir is "
            f"{r['share_of_floor']:.2f} of the floor"
        )


if __name__ == "__main__":
    main()
