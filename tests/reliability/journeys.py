"""The crash tests' respondents and their final check: clients walk the no-JavaScript survey
journey against whichever server runs now, sending a request again when its connection dies or
a 5xx comes (as a browser retry or a proxy would); afterwards every acknowledged submission must
be stored exactly once, complete, with the answers its journey sent."""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import create_engine, func, select, text

from orientir.storage.tables import invitations, responses
from tests.web.survey_helpers import pages as survey_pages

INSTRUMENT = "employee-co@1"


def idempotency_key(token: str) -> str:
    return f"crash-{token[:20]}"


@dataclass
class Traffic:
    base: str
    tokens: list[str]
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    acknowledged: set[str] = field(default_factory=set)
    refused: list[tuple[str, int, str]] = field(default_factory=list)
    cut_off: int = 0  # requests that died with a killed server and were sent again
    server_errors: int = 0
    in_flight: int = 0
    requests: int = 0


async def _post(
    client: httpx.AsyncClient, traffic: Traffic, path: str, data: Any
) -> httpx.Response:
    """POST to whichever server runs now; sent again if the connection dies or a 5xx comes."""
    while True:
        traffic.in_flight += 1
        try:
            answer = await client.post(f"{traffic.base}{path}", data=data)
        except httpx.TransportError:
            traffic.cut_off += 1
            await asyncio.sleep(0.05)
            continue
        finally:
            traffic.in_flight -= 1
            traffic.requests += 1
        if answer.status_code >= 500 or answer.status_code == 429:
            traffic.server_errors += 1
            await asyncio.sleep(0.1)
            continue
        return answer


async def respondent(client: httpx.AsyncClient, traffic: Traffic, forms: list[Any]) -> None:
    while traffic.tokens and not traffic.stop.is_set():
        token = traffic.tokens.pop()
        for number, form in enumerate(forms, 1):
            answer = await _post(client, traffic, f"/s/{token}/p/{number}", form)
            if answer.status_code != 303:
                traffic.refused.append((token, answer.status_code, f"page {number}"))
        answer = await _post(
            client, traffic, f"/s/{token}/submit", {"idempotency_key": idempotency_key(token)}
        )
        if answer.status_code == 303 and answer.headers["location"].endswith("/thanks"):
            traffic.acknowledged.add(token)
        else:
            location = answer.headers.get("location", "")
            traffic.refused.append((token, answer.status_code, f"submit {location}"))


@asynccontextmanager
async def respondents(
    traffic: Traffic, count: int, *, timeout: float
) -> AsyncIterator[list[asyncio.Future[None]]]:
    """``count`` respondents walking ``traffic``'s links on one HTTP client (``timeout`` per
    request); the ones still walking are cancelled when the block ends."""
    forms = survey_pages(INSTRUMENT)
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(limits=limits, timeout=timeout, follow_redirects=False) as client:
        walking: list[asyncio.Future[None]] = [
            asyncio.ensure_future(respondent(client, traffic, forms)) for _ in range(count)
        ]
        try:
            yield walking
        finally:
            for task in walking:
                task.cancel()


async def busy_moment(traffic: Traffic, rng: random.Random, low: float, high: float) -> None:
    """Wait a random time (``low`` to ``high`` seconds), then until requests are being served:
    the moment to kill something."""
    await asyncio.sleep(rng.uniform(low, high))
    while traffic.in_flight == 0 and traffic.tokens:
        await asyncio.sleep(0.01)
    assert traffic.tokens, "ran out of respondents before the last kill"


async def finish_journeys(
    traffic: Traffic, walking: list[asyncio.Future[None]], timeout: float
) -> None:
    """No new journeys; wait for those under way."""
    traffic.stop.set()
    await asyncio.wait_for(asyncio.gather(*walking), timeout=timeout)


def check_stored(url: str, acknowledged: set[str]) -> None:
    forms = survey_pages(INSTRUMENT)
    sent = {item: str(value) for form in forms for item, value in form.items()}
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    invitations.c.token_hash,
                    invitations.c.status,
                    responses.c.complete,
                    responses.c.answers,
                    responses.c.idempotency_key,
                ).join(responses, responses.c.invitation_id == invitations.c.id)
            ).all()
            per_invitation = conn.execute(
                select(responses.c.invitation_id, func.count())
                .group_by(responses.c.invitation_id)
                .having(func.count() > 1)
            ).all()
            complete = conn.execute(
                select(func.count()).select_from(responses).where(responses.c.complete.is_(True))
            ).scalar_one()
            if engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    finally:
        engine.dispose()
    assert per_invitation == []  # no invitation has two responses
    by_hash = {row.token_hash: row for row in rows}
    for token in acknowledged:  # every acknowledged submission is there, complete, as sent
        row = by_hash[hashlib.sha256(token.encode()).hexdigest()]
        assert row.status == "completed"
        assert row.complete is True
        assert row.idempotency_key == idempotency_key(token)
        stored = {k: str(v) for k, v in json.loads(row.answers).items()}
        assert stored == sent, (sorted(set(sent.items()) ^ set(stored.items())), row)
    assert complete == len(acknowledged)  # and exactly once: nothing else completed
