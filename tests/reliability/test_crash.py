"""Crash tests with real processes and sockets: ``orientir serve`` and ``orientir worker`` are
killed with SIGKILL at random moments, at least 20 times each, while work goes on.

* Server: 50 concurrent respondents (asyncio + httpx) walk the no-JavaScript survey journey
  (every page, then the final submit with an idempotency key) against a real server on a SQLite
  file and on PostgreSQL. A request cut off by a kill is sent again, as a browser or a proxy
  would, to whichever server runs now. Afterwards every acknowledged submission (303 to the
  thank-you page) is stored exactly once with the answers sent, and no invitation has two
  responses.
* Worker: several workers deliver outbox rows to a real HTTP receiver and a real SMTP server,
  each holding every delivery open for a moment; a worker that is in the middle of a delivery
  (it holds an open connection to a receiver, found through ``/proc``) is killed and replaced.
  Afterwards every notification has arrived at least once, every copy carries its row's stable
  id, and no outbox row is lost.

Seed with ``ORIENTIR_CRASH_SEED``; ``ORIENTIR_CRASH_KILLS`` raises the number of kills.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from bench.web.run import seed
from sqlalchemy import create_engine, func, select, text

from orientir.domain.notifications import ChannelKind
from orientir.services import notifications
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.storage.database import open_database
from orientir.storage.tables import outbox
from tests.program.receivers import verify
from tests.reliability.journeys import (
    Traffic,
    busy_moment,
    check_stored,
    finish_journeys,
    respondents,
)
from tests.reliability.processes import (
    ORIENTIR,
    Server,
    Standby,
    free_port,
    owner_of_connection,
)

pytestmark = pytest.mark.slow

KILLS = max(20, int(os.environ.get("ORIENTIR_CRASH_KILLS", "20")))
SEED = int(os.environ.get("ORIENTIR_CRASH_SEED", str(int(time.time()))))
CLIENTS = 50


# ---- the server ---------------------------------------------------------------------------------


@dataclass
class CrashReport:
    kills: int
    servers_started: int
    failed_starts: list[str]
    acknowledged: int
    requests: int
    cut_off: int
    server_errors: int
    seconds: float


async def crash_run(
    url: str, tokens: list[str], folder: Path, rng: random.Random
) -> tuple[CrashReport, set[str]]:
    started = time.monotonic()
    deadline = started + 600
    standby = Standby(url, folder, size=3, deadline=deadline)
    server: Server = await standby.take()
    taken = [server]
    traffic = Traffic(server.base, tokens)
    kills = 0
    try:
        async with respondents(traffic, CLIENTS, timeout=20) as walking:
            while kills < KILLS:
                next_server = await standby.take()  # warm before the kill: downtime is short
                taken.append(next_server)
                await busy_moment(traffic, rng, 0.05, 1.5)
                server.kill()
                kills += 1
                traffic.base = next_server.base
                server = next_server
            # Those under way finish on the last server.
            await finish_journeys(traffic, walking, max(30, deadline - time.monotonic()))
    finally:
        await standby.close()
        for process in (s.process for s in taken if s.process.poll() is None):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    assert not traffic.refused, traffic.refused[:5]
    return CrashReport(
        kills=kills,
        servers_started=standby.started,
        failed_starts=standby.failures,
        acknowledged=len(traffic.acknowledged),
        requests=traffic.requests,
        cut_off=traffic.cut_off,
        server_errors=traffic.server_errors,
        seconds=time.monotonic() - started,
    ), traffic.acknowledged


def test_server_killed_again_and_again_loses_no_acknowledged_response(
    database_url: str, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    tokens = seed(database_url, 2500, tmp_path)
    rng.shuffle(tokens)
    report, acknowledged = asyncio.run(crash_run(database_url, tokens, tmp_path, rng))
    check_stored(database_url, acknowledged)
    print(f"\nserver crash test (seed {SEED}, load {os.getloadavg()[0]:.1f}): {report}")
    assert report.kills >= 20
    assert report.cut_off > 0  # kills did cut requests off mid-flight
    assert report.acknowledged > 0


# ---- the worker ---------------------------------------------------------------------------------


@dataclass
class Received:
    lock: threading.Lock = field(default_factory=threading.Lock)
    hooks: list[tuple[str, bool]] = field(default_factory=list)  # (webhook-id, signature ok)
    mails: list[str] = field(default_factory=list)  # Message-IDs
    open_peers: dict[int, str] = field(default_factory=dict)  # client port -> "http"/"smtp"


class SlowHttpReceiver:
    """Answers 200 to a correctly signed webhook after holding it ``hold`` seconds."""

    def __init__(self, received: Received, hold: tuple[float, float], secret: list[str]) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                port = self.client_address[1]
                with received.lock:
                    received.open_peers[port] = "http"
                try:
                    body = self.rfile.read(int(self.headers.get("content-length", "0")))
                    time.sleep(random.uniform(*hold))
                    msg_id = self.headers.get("webhook-id", "")
                    ok = verify(
                        secret[0],
                        msg_id,
                        self.headers.get("webhook-timestamp", ""),
                        body,
                        self.headers.get("webhook-signature", ""),
                    )
                    self.send_response(200 if ok else 401)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    with received.lock:
                        received.hooks.append((msg_id, ok))
                except OSError:
                    pass  # the worker was killed while we held its request
                finally:
                    with received.lock:
                        received.open_peers.pop(port, None)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


class SlowSmtpHandler:
    def __init__(self, received: Received, hold: tuple[float, float]) -> None:
        self.received, self.hold = received, hold

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        port = int(session.peer[1])
        with self.received.lock:
            self.received.open_peers[port] = "smtp"
        try:
            await asyncio.sleep(random.uniform(*self.hold))
            parsed = message_from_bytes(envelope.content, policy=policy.default)
            with self.received.lock:
                self.received.mails.append(str(parsed["Message-ID"]))
            return "250 OK"
        finally:
            with self.received.lock:
                self.received.open_peers.pop(port, None)


def _queue_notifications(url: str, hook_url: str, events: int) -> tuple[list[str], str, str]:
    """An organisation with a webhook and an e-mail channel and ``events`` case events, each
    queued by the real ``notify`` for both channels and the advocate: 3 rows per event."""
    db = open_database(url, migrate=True)
    try:
        org = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
        secret = notifications.add_channel(
            db, notifications.NewChannel(org, ChannelKind.WEBHOOK, hook_url)
        ).secret
        assert secret is not None
        notifications.add_channel(
            db, notifications.NewChannel(org, ChannelKind.EMAIL, "care@romashka.example")
        )
        with db.engine.begin() as conn:
            org_id = conn.execute(text("SELECT id FROM organisations")).scalar_one()
            for n in range(1, events + 1):
                notifications.notify(
                    conn,
                    org_id=org_id,
                    event="case.opened",
                    data={
                        "case_id": n,
                        "org": org,
                        "customer": f"C{n}",
                        "company": f"Компания {n}",
                        "wave": "cx",
                        "priority": "normal",
                        "due_at": "2026-03-15 09:30",
                        "assignee": "A1",
                        "assignee_name": "Артём",
                        "reasons": [{"rule": "detractor", "item": "nps", "value": 2}],
                    },
                    recipients=[notifications.Recipient(f"advocate{n % 3}@romashka.example", "ru")],
                )
        with db.engine.connect() as conn:
            ids = list(conn.execute(select(outbox.c.id)).scalars())
        return ids, secret, org
    finally:
        db.dispose()


WORKER_OPTIONS = [
    "--lease", "3", "--timeout", "2", "--batch", "4", "--poll", "0.2",
    "--backoff-base", "0.2", "--backoff-cap", "0.5", "--max-attempts", "1000",
    "--escalate-every", "0",
]  # fmt: skip


def _start_worker(url: str, folder: Path, smtp_port: int, log: Path) -> Any:
    env = {
        **os.environ,
        "ORIENTIR_SMTP_HOST": "127.0.0.1",
        "ORIENTIR_SMTP_PORT": str(smtp_port),
        "ORIENTIR_SMTP_SECURITY": "none",
        "ORIENTIR_SMTP_FROM": "orientir@romashka.example",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [ORIENTIR, "--db", url, "--lang", "en", "worker", *WORKER_OPTIONS],
            env=env,
            cwd=folder,
            stdout=out,
            stderr=out,
        )


def test_worker_killed_mid_delivery_again_and_again_loses_nothing(
    database_url: str, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    received = Received()
    secret: list[str] = []
    http = SlowHttpReceiver(received, (0.05, 0.4), secret)
    http.thread.start()
    smtp_port = free_port()
    smtp = Controller(SlowSmtpHandler(received, (0.05, 0.4)), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    ids, hook_secret, _ = _queue_notifications(database_url, http.url, events=150)
    secret.append(hook_secret)
    log = tmp_path / "workers.log"
    started = time.monotonic()
    workers = [_start_worker(database_url, tmp_path, smtp_port, log) for _ in range(3)]
    kills = mid_delivery = 0
    engine = create_engine(database_url)
    try:
        while kills < KILLS:
            time.sleep(rng.uniform(0.05, 0.6))
            assert time.monotonic() - started < 300, "the kills took too long"
            pids = [w.pid for w in workers]
            with received.lock:
                peers = list(received.open_peers.items())
            victim = None
            for port, kind in peers:
                owner = owner_of_connection(port, smtp_port if kind == "smtp" else http.port, pids)
                if owner is not None:
                    victim = owner
                    break
            if victim is None:
                continue  # wait for a moment when a worker is in the middle of a delivery
            process = next(w for w in workers if w.pid == victim)
            process.kill()  # SIGKILL
            process.wait(timeout=30)
            kills += 1
            mid_delivery += 1
            workers[workers.index(process)] = _start_worker(database_url, tmp_path, smtp_port, log)
        # Let the survivors finish: every row delivered.
        while True:
            with engine.connect() as conn:
                counts = dict(
                    conn.execute(
                        select(outbox.c.status, func.count()).group_by(outbox.c.status)
                    ).all()
                )
            if counts.get("pending", 0) == 0:
                break
            assert time.monotonic() - started < 400, counts
            time.sleep(0.3)
    finally:
        for process in workers:
            process.kill()
            process.wait(timeout=30)
        engine.dispose()
        smtp.stop()
        http.server.shutdown()
    seconds = time.monotonic() - started
    with create_engine(database_url).connect() as conn:
        rows = conn.execute(select(outbox.c.id, outbox.c.kind, outbox.c.status)).all()
    assert sorted(r.id for r in rows) == sorted(ids)  # no outbox row lost
    assert {r.status for r in rows} == {"delivered"}
    hooks = {r.id for r in rows if r.kind == "webhook"}
    mails = {r.id for r in rows if r.kind == "email"}
    assert all(ok for _, ok in received.hooks)
    hook_copies = Counter(msg_id for msg_id, _ in received.hooks)
    assert set(hook_copies) == hooks  # every webhook arrived, every copy under a stable id
    mail_copies = Counter(received.mails)
    assert set(mail_copies) == {f"<{i}@romashka.example>" for i in mails}
    again = sum(n - 1 for n in hook_copies.values()) + sum(n - 1 for n in mail_copies.values())
    print(
        f"\nworker crash test (seed {SEED}, load {os.getloadavg()[0]:.1f}): kills={kills} "
        f"(all mid-delivery), rows={len(ids)}, delivered again={again}, seconds={seconds:.1f}"
    )
    assert kills >= 20
    assert mid_delivery == kills
