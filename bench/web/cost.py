"""Per-request server CPU cost of the survey journey, measured in-process.

Run from the project root:

    .venv/bin/python -m bench.web.cost                       # SQLite, 200 journeys
    .venv/bin/python -m bench.web.cost --engine postgres
    .venv/bin/python -m bench.web.cost --profile 30          # cProfile, top 30 by own time
    .venv/bin/python -m bench.web.cost --profile 30 --cpu --callees '_store|by_invitation'
    .venv/bin/python -m bench.web.cost --peer                # the peer, for comparison

The throughput benchmark (``bench.web.run``) is at the mercy of whatever else the machine is
doing; the CPU time one request costs the server is not, or much less. This script builds the
application exactly as ``orientir serve`` does, on a fresh database seeded like the benchmark's,
and calls it as an ASGI application directly (no sockets, no HTTP client: the ASGI messages are
built by hand, so the figures are the server's alone, minus uvicorn's HTTP parsing). For each of
the benchmark's four requests — POST page 1, 2, 3 and the final submit — it reports the median
process CPU time (every thread, so the handler's worker thread is counted) and wall time.

``--profile N`` runs the handlers on the event loop's thread instead of the thread pool, so
one ``cProfile`` sees all the work, and prints the N functions with the most own time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import io
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.web.peer import create_peer
from bench.web.run import _pages, fresh_database, seed

Step = tuple[str, bytes]


def _journey(token: str, pages: list[dict[str, str]]) -> list[Step]:
    steps = [(f"/s/{token}/p/{n}", urlencode(form).encode()) for n, form in enumerate(pages, 1)]
    steps.append((f"/s/{token}/submit", urlencode({"idempotency_key": f"k-{token[:16]}"}).encode()))
    return steps


async def _post(app: Any, path: str, body: bytes) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(body)).encode()),
            (b"accept-language", b"ru-RU,ru;q=0.9,en;q=0.8"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    status = 0

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    await app(scope, receive, send)
    return status


def _inline_threadpool() -> None:
    """Run FastAPI's plain handlers and dependencies on the calling thread (for cProfile)."""
    import fastapi.dependencies.utils as dep_utils
    import fastapi.routing as routing

    async def inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    setattr(routing, "run_in_threadpool", inline)  # noqa: B010
    setattr(dep_utils, "run_in_threadpool", inline)  # noqa: B010


async def _measure(
    app: Any, tokens: list[str], pages: list[dict[str, str]], warmup: int
) -> list[list[tuple[int, int]]]:
    """Per step of the journey: (cpu ns, wall ns) of every measured journey."""
    steps = len(pages) + 1
    costs: list[list[tuple[int, int]]] = [[] for _ in range(steps)]
    for index, token in enumerate(tokens):
        for number, (path, body) in enumerate(_journey(token, pages)):
            cpu, wall = time.process_time_ns(), time.perf_counter_ns()
            status = await _post(app, path, body)
            cpu, wall = time.process_time_ns() - cpu, time.perf_counter_ns() - wall
            if status != 303:
                raise RuntimeError(f"{path} answered {status}")
            if index >= warmup:
                costs[number].append((cpu, wall))
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--cpu", action="store_true", help="profile by CPU time, not wall time")
    parser.add_argument("--callees", default="", metavar="REGEX", help="what these functions call")
    parser.add_argument(
        "--peer", action="store_true", help="measure the peer (bench/web/peer.py) instead"
    )
    args = parser.parse_args()

    from orientir.config import load_settings
    from orientir.web.app import create_app

    pages = _pages()
    with tempfile.TemporaryDirectory() as temp, fresh_database(args.engine, Path(temp)) as url:
        tokens = seed(url, args.journeys + args.warmup, Path(temp))
        # One client address for every journey: the per-address limit on survey posts is off.
        env = {"ORIENTIR_DATABASE_URL": url, "ORIENTIR_DATA_DIR": temp, "ORIENTIR_SURVEY_RATE": "0"}
        settings = load_settings(env)
        if args.peer:
            os.environ["BENCH_PEER_DB"] = url
            app = create_peer()
        else:
            app = create_app(settings)
        if args.profile:
            _inline_threadpool()
            if not args.peer:  # the survey posts' own threads too (web.survey._run_post)
                state = app.state.orientir
                app.state.orientir = dataclasses.replace(state, survey_threads=None)
            # CPU time: on PostgreSQL, wall time would count the waits for the server.
            profiler = cProfile.Profile(time.process_time if args.cpu else time.perf_counter)
            asyncio.run(_measure(app, tokens[: args.warmup], pages, args.warmup))
            profiler.enable()
            asyncio.run(_measure(app, tokens[args.warmup :], pages, 0))
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(args.profile)
            stats.sort_stats("cumulative").print_stats(args.profile)
            if args.callees:
                stats.print_callees(args.callees)
            print(out.getvalue())
            return
        costs = asyncio.run(_measure(app, tokens, pages, args.warmup))
        if not args.peer:
            app.state.orientir.db.dispose()
    names = [f"POST page {n}" for n in range(1, len(pages) + 1)] + ["POST submit"]
    who = "peer" if args.peer else "orientir"
    print(f"{who} on {args.engine}: {args.journeys} journeys, median per request (ms)")
    print("| request | CPU | wall |")
    print("|---|---:|---:|")
    total_cpu = 0.0
    for name, samples in zip(names, costs, strict=True):
        cpu = statistics.median(c for c, _ in samples) / 1e6
        wall = statistics.median(w for _, w in samples) / 1e6
        total_cpu += cpu
        print(f"| {name} | {cpu:.2f} | {wall:.2f} |")
    print(f"| journey (sum of medians) | {total_cpu:.2f} | |")


if __name__ == "__main__":
    main()
