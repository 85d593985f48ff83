"""The worker as a real process: killed with SIGKILL in the middle of a delivery and restarted,
it loses nothing, and what arrives twice carries the same id. Also: claims and leases."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from orientir.domain.notifications import ChannelKind, OutboxStatus
from orientir.services import notifications
from orientir.services._clock import utc_now
from orientir.storage import outbox as repo
from orientir.storage.tables import outbox
from tests.program.conftest import World
from tests.program.receivers import HttpReceiver, SmtpReceiver

FAST = [
    "--backoff-base", "0.2", "--backoff-cap", "0.5", "--lease", "4", "--timeout", "3",
    "--poll", "0.2", "--escalate-every", "0",
]  # fmt: skip


def _start_worker(url: str, smtp: SmtpReceiver, cwd: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "orientir", "--db", url, "--lang", "en", "worker", *FAST, *extra],
        env={**os.environ, **smtp.env()},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_worker_killed_mid_delivery_loses_nothing(
    world: World,
    database_url: str,
    smtp_server: SmtpReceiver,
    http_receiver: HttpReceiver,
    tmp_path: Path,
) -> None:
    http_receiver.state.secret = notifications.add_channel(
        world.db, notifications.NewChannel(world.org, ChannelKind.WEBHOOK, http_receiver.url)
    ).secret
    notifications.add_channel(
        world.db,
        notifications.NewChannel(world.org, ChannelKind.EMAIL, "care@romashka.example"),
    )
    http_receiver.state.refuse_first = 2  # the receiver is down at first
    http_receiver.state.hold_request = 4  # and then hangs on one request
    for customer in ("C1", "C2", "C3", "C4"):
        world.answer(customer, nps=2)
    queued = notifications.list_outbox(world.db)
    hooks = {m.id for m in queued if m.kind is ChannelKind.WEBHOOK}
    mails = {m.id for m in queued if m.kind is ChannelKind.EMAIL}
    assert (len(hooks), len(mails)) == (4, 8)

    first = _start_worker(database_url, smtp_server, tmp_path)
    held_open = http_receiver.state.holding.wait(120)
    first.kill()  # SIGKILL, in the middle of a delivery: no clean-up of any kind
    _, err = first.communicate(timeout=30)
    assert held_open, err
    held = http_receiver.state.deliveries[3].id
    with world.db.engine.connect() as conn:
        row = conn.execute(select(outbox).where(outbox.c.id == held)).mappings().one()
    assert row["status"] == "pending"
    assert row["claimed_until"] is not None
    http_receiver.state.release.set()

    second = _start_worker(database_url, smtp_server, tmp_path, "--drain")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "Finished" in out

    assert notifications.outbox_counts(world.db) == {"pending": 0, "delivered": 12, "dead": 0}
    deliveries = http_receiver.state.deliveries
    assert all(d.signature_ok for d in deliveries)
    assert set(http_receiver.acknowledged()) == hooks  # every webhook arrived
    seen = Counter(d.id for d in deliveries)
    assert seen[held] >= 2  # delivered again after the kill, under the same id
    assert set(seen) == hooks  # every copy carries one of the stable ids
    expected_mail = {f"<{i}@romashka.example>" for i in mails}
    assert set(smtp_server.message_ids()) == expected_mail  # every e-mail arrived
    assert len(smtp_server.message_ids()) >= len(mails)


def test_claims_hold_a_lease_and_expire(world: World) -> None:
    for customer in ("C1", "C2"):
        world.answer(customer, nps=2)  # two advocate e-mails
    now = utc_now() + timedelta(seconds=1)
    lease = now + timedelta(seconds=30)
    with world.db.engine.begin() as conn:
        mine = repo.claim_due(conn, now=now, lease_until=lease, token="a", limit=1)
    with world.db.engine.begin() as conn:
        theirs = repo.claim_due(conn, now=now, lease_until=lease, token="b", limit=10)
        assert repo.claim_due(conn, now=now, lease_until=lease, token="c", limit=10) == []
    assert len(mine) == len(theirs) == 1
    assert mine[0].id != theirs[0].id
    # a failure reported under a lost claim is not counted
    with world.db.engine.begin() as conn:
        repo.mark_failed(
            conn, message_id=mine[0].id, token="b", error="x", next_attempt_at=now, dead=True
        )
    assert repo_status(world, mine[0].id) == (OutboxStatus.PENDING, 0)
    after = lease + timedelta(seconds=1)
    with world.db.engine.begin() as conn:
        again = repo.claim_due(conn, now=after, lease_until=after, token="d", limit=10)
    assert {m.id for m in again} == {mine[0].id, theirs[0].id}  # expired leases are due again
    if world.db.engine.dialect.name != "postgresql":
        return
    # PostgreSQL: a claim in progress is skipped by a concurrent claimer, not waited for.
    later = after + timedelta(minutes=5)
    with world.db.engine.connect() as one, world.db.engine.connect() as two, one.begin():
        first = repo.claim_due(one, now=later, lease_until=later, token="e", limit=1)
        with two.begin():
            second = repo.claim_due(two, now=later, lease_until=later, token="f", limit=10)
    assert len(first) == len(second) == 1
    assert first[0].id != second[0].id


def repo_status(world: World, message_id: str) -> tuple[OutboxStatus, int]:
    with world.db.engine.connect() as conn:
        found = repo.get_message(conn, message_id=message_id)
    return found.status, found.attempts
