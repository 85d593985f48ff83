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

import psycopg
import pytest
from bench.web.run import seed

from tests.reliability.journeys import (
    Traffic,
    busy_moment,
    check_stored,
    finish_journeys,
    respondents,
)
from tests.reliability.private_postgres import (
    PrivatePostgres,
    postgres_bindir,
    private_postgres,
)
from tests.reliability.processes import free_port, start_server, wait_healthy

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


async def _crash_run(traffic: Traffic, postgres: PrivatePostgres, rng: random.Random) -> int:
    crashes = 0
    async with respondents(traffic, CLIENTS, timeout=30) as walking:
        while crashes < CRASHES:
            await busy_moment(traffic, rng, 0.3, 1.5)
            await asyncio.to_thread(postgres.crash_a_backend, DATABASE)  # waits for one
            crashes += 1
            await asyncio.to_thread(postgres.wait_ready)
        await finish_journeys(traffic, walking, timeout=300)
    return crashes
