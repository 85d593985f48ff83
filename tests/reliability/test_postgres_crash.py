"""Crash test of PostgreSQL itself: while 50 respondents answer through ``orientir serve``, a
back end of a private PostgreSQL server (tests/reliability/private_postgres.py) is killed with
SIGKILL again and again. Each time PostgreSQL ends every back end, throws away its shared
memory and recovers from the WAL on disk, as after a crash of the whole server.

What it shows: every acknowledged submission is stored exactly once with every answer its
journey sent, page saves included — each save's commit waits for the disk. (A trial that let
page saves commit without waiting, for a quarter more submissions a second, failed here: an
acknowledged save vanished in a crash and the submit completed without its optional answers;
docs/benchmarks.md, "Page saves that do not wait for the disk".)

Seed with ``ORIENTIR_CRASH_SEED``; ``ORIENTIR_PG_CRASHES`` sets the number of crashes (5).
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from bench.web.run import seed

from tests.reliability.journeys import INSTRUMENT, Traffic, check_stored, respondent
from tests.reliability.private_postgres import postgres_bindir, private_postgres
from tests.reliability.processes import free_port, start_server, wait_healthy
from tests.web.survey_helpers import pages as survey_pages

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

CRASHES = max(1, int(os.environ.get("ORIENTIR_PG_CRASHES", "5")))
SEED = int(os.environ.get("ORIENTIR_CRASH_SEED", str(int(time.time()))))
CLIENTS = 50
DATABASE = "orientir"


def test_postgresql_crashing_again_and_again_loses_no_acknowledged_response(
    tmp_path: Path,
) -> None:
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (pg_config --bindir)")
    rng = random.Random(SEED)
    with private_postgres(bindir, free_port()) as postgres:
        with psycopg.connect(postgres.admin_dsn(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")
        url = postgres.url(DATABASE)
        tokens = seed(url, 2000, tmp_path)
        rng.shuffle(tokens)
        server = start_server(url, tmp_path, tmp_path / "server.log")
        try:
            asyncio.run(wait_healthy(server, time.monotonic() + 120))
            traffic = Traffic(server.base, tokens)
            crashes = asyncio.run(_crash_run(traffic, postgres, rng))
        finally:
            server.process.terminate()
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        assert not traffic.refused, traffic.refused[:5]
        check_stored(url, traffic.acknowledged)
    print(
        f"\nPostgreSQL crash test (seed {SEED}): {crashes} crashes, "
        f"{len(traffic.acknowledged)} acknowledged, {traffic.requests} requests, "
        f"{traffic.cut_off} cut off and {traffic.server_errors} answered 5xx, sent again"
    )
    assert crashes == CRASHES
    assert traffic.cut_off + traffic.server_errors > 0  # the crashes failed requests in flight
    assert len(traffic.acknowledged) > 0


async def _crash_run(traffic: Traffic, postgres: Any, rng: random.Random) -> int:
    forms = survey_pages(INSTRUMENT)
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    crashes = 0
    async with httpx.AsyncClient(limits=limits, timeout=30, follow_redirects=False) as client:
        clients = [
            asyncio.ensure_future(respondent(client, traffic, forms)) for _ in range(CLIENTS)
        ]
        try:
            while crashes < CRASHES:
                await asyncio.sleep(rng.uniform(0.3, 1.5))  # a random moment…
                while traffic.in_flight == 0 and traffic.tokens:
                    await asyncio.sleep(0.01)  # …while requests are being served
                assert traffic.tokens, "ran out of respondents before the last crash"
                postgres.crash_a_backend(DATABASE)
                crashes += 1
                await asyncio.to_thread(postgres.wait_ready)
            traffic.stop.set()  # no new journeys; those under way finish
            await asyncio.wait_for(asyncio.gather(*clients), timeout=300)
        finally:
            for task in clients:
                task.cancel()
    return crashes
