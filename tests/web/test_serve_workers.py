"""``orientir serve --workers 2`` on the embedded SQLite file: two processes write to one file,
taking turns through its lock file (storage/sqlite_writers.py), while respondents post at once.
Every acknowledged submission is stored exactly once with its answers, and no request fails."""

from __future__ import annotations

import asyncio
import math
import time
from pathlib import Path

import httpx
import pytest
from bench.web.run import seed

from tests.reliability.journeys import Traffic, check_stored, respondents
from tests.web.live_server import serving

pytestmark = pytest.mark.slow

RESPONDENTS = 120
CLIENTS = 30


async def _walk(base: str, tokens: list[str]) -> Traffic:
    traffic = Traffic(base, list(tokens))
    async with respondents(traffic, CLIENTS, timeout=30) as walking:
        await asyncio.gather(*walking)
    return traffic


def test_two_workers_share_one_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every simulated respondent posts from 127.0.0.1: the per-address limit on survey posts
    # would answer 429 (as bench/web/run.py, this test is about writers, not rate limits).
    monkeypatch.setenv("ORIENTIR_SURVEY_RATE", "0")
    url = f"sqlite:///{tmp_path / 'orientir.db'}"
    tokens = seed(url, RESPONDENTS, tmp_path)
    with serving(url, workers=2, log=tmp_path / "server.log") as base:
        traffic = asyncio.run(_walk(base, tokens))
    assert traffic.refused == []
    assert traffic.server_errors == 0  # no "database is locked", no 500 of any kind
    assert traffic.cut_off == 0
    assert traffic.acknowledged == set(tokens)
    check_stored(url, traffic.acknowledged)  # each once, complete, with the answers sent
    assert (tmp_path / "orientir.db-writers.lock").exists()


def test_two_workers_share_the_rate_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One address's allowance is spent once across the workers (web/rate_buckets.py), not
    once per worker: with a burst of 10 and one more a second, 60 posts sent at once on 60
    connections — which both processes take turns to accept — get 10 answers, plus one a
    second of the run, and 429 for the rest. (How the kernel spreads the connections varies
    from run to run; tests/security/test_limits.py shows the sharing between two processes
    without chance.)"""
    monkeypatch.setenv("ORIENTIR_SURVEY_RATE", "60")
    monkeypatch.setenv("ORIENTIR_SURVEY_BURST", "10")
    url = f"sqlite:///{tmp_path / 'orientir.db'}"

    async def at_once(base: str) -> list[int]:
        limits = httpx.Limits(max_connections=60, max_keepalive_connections=0)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            answers = await asyncio.gather(
                *(
                    client.post(f"{base}/s/no-such-link/p/1", data={"nav": "next"})
                    for _ in range(60)
                )
            )
        return [answer.status_code for answer in answers]

    with serving(url, workers=2, log=tmp_path / "server.log") as base:
        started = time.monotonic()
        statuses = asyncio.run(at_once(base))
        elapsed = time.monotonic() - started
    answered = [status for status in statuses if status != 429]
    assert set(answered) == {404}  # the polite page of an unknown link
    assert 10 <= len(answered) <= 10 + math.ceil(elapsed) + 1
