"""``orientir worker``: deliver the outbox, retry with back-off, escalate overdue cases.

One pass (:func:`deliver_due`) claims due rows with a lease (see :mod:`orientir.storage.outbox`),
sends each, and records the outcome in its own short transaction. A failure waits
:class:`~orientir.domain.notifications.Backoff` seconds; the ``max_attempts``-th failure moves
the row to the dead-letter list. A worker killed at any point loses nothing: an unfinished row
keeps its lease until it expires, then is delivered again under the same id.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from orientir.domain.notifications import Backoff, ChannelKind, OutboxMessage, OutboxStatus
from orientir.errors import InvalidInput
from orientir.services import case_actions
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._clock import utc_now
from orientir.services.senders import DeliveryFailed, SmtpSettings, send_email, send_webhook
from orientir.storage import outbox as repo
from orientir.storage.database import Database


@dataclass(frozen=True)
class WorkerOptions:
    """``lease`` must outlast one delivery (``timeout``) or a slow send is taken twice."""

    max_attempts: int = 8
    backoff: Backoff = field(default_factory=Backoff)
    lease: float = 120.0
    timeout: float = 15.0
    batch: int = 20
    poll_interval: float = 2.0
    escalate_every: float = 300.0  # seconds between escalation sweeps; 0 turns them off

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise InvalidInput(
                "max attempts must be at least 1", key="err.worker.max_attempts_must_least"
            )
        if self.timeout <= 0 or self.lease <= self.timeout:
            raise InvalidInput(
                "the lease must be longer than the delivery timeout",
                key="err.worker.lease_must_longer_than",
            )
        if self.batch < 1 or self.poll_interval <= 0 or self.escalate_every < 0:
            raise InvalidInput(
                "batch and poll interval must be positive",
                key="err.worker.batch_poll_interval_must",
            )


def _send(message: OutboxMessage, db: Database, timeout: float, smtp: SmtpSettings) -> None:
    if message.kind is ChannelKind.EMAIL:
        send_email(message.id, message.payload, smtp, timeout=timeout)
        return
    with db.engine.connect() as conn:
        secret = repo.channel_secret(conn, channel_id=message.channel_id)
    send_webhook(
        message.id,
        message.destination,
        message.payload,
        secret,
        timeout=timeout,
        timestamp=int(time.time()),
    )


@dataclass
class PassReport:
    delivered: int = 0
    retried: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.delivered + self.retried + self.dead


def deliver_due(
    db: Database,
    options: WorkerOptions,
    *,
    smtp: SmtpSettings | None = None,
    now: Callable[[], datetime] = utc_now,
) -> PassReport:
    """Claim one batch of due notifications and try each once."""
    smtp = smtp or SmtpSettings.from_env()
    token = str(uuid.uuid4())
    started = now()
    with db.engine.begin() as conn:
        claimed = repo.claim_due(
            conn,
            now=started,
            lease_until=started + timedelta(seconds=options.lease),
            token=token,
            limit=options.batch,
        )
    report = PassReport()
    for message in claimed:
        try:
            _send(message, db, options.timeout, smtp)
        except Exception as exc:
            # Any failure, expected (DeliveryFailed) or not (a malformed row, a bad secret),
            # counts as one attempt: a poison row ends in the dead-letter list instead of
            # stopping the worker again and again.
            failures = message.attempts + 1
            dead = failures >= options.max_attempts
            wait = options.backoff.delay(failures, _RNG)
            with db.engine.begin() as conn:
                repo.mark_failed(
                    conn,
                    message_id=message.id,
                    token=token,
                    error=str(exc) if isinstance(exc, DeliveryFailed) else repr(exc),
                    next_attempt_at=now() + timedelta(seconds=wait),
                    dead=dead,
                )
            report.errors.append(f"{message.id}: {exc}")
            if dead:
                report.dead += 1
            else:
                report.retried += 1
            continue
        with db.engine.begin() as conn:
            repo.mark_delivered(conn, message_id=message.id, now=now())
        report.delivered += 1
    return report


_RNG = secrets.SystemRandom()  # jitter only; any source would do, this one needs no seeding


def pending_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return repo.counts(conn)[OutboxStatus.PENDING.value]


@dataclass
class RunControl:
    """How a caller stops a running worker (a signal handler sets ``stop``)."""

    stop: threading.Event = field(default_factory=threading.Event)


def run_worker(
    db: Database,
    options: WorkerOptions,
    *,
    once: bool = False,
    drain: bool = False,
    control: RunControl | None = None,
    on_pass: Callable[[PassReport], None] | None = None,
    smtp: SmtpSettings | None = None,
) -> PassReport:
    """Deliver until stopped. ``once``: one escalation sweep and one pass, then return.
    ``drain``: return as soon as nothing is pending (dead rows do not count)."""
    control = control or RunControl()
    smtp = smtp or SmtpSettings.from_env()
    total = PassReport()
    last_sweep: float | None = None
    while not control.stop.is_set():
        if options.escalate_every and (
            last_sweep is None or time.monotonic() - last_sweep >= options.escalate_every
        ):
            case_actions.escalate_overdue(db)
            last_sweep = time.monotonic()
        report = deliver_due(db, options, smtp=smtp)
        total.delivered += report.delivered
        total.retried += report.retried
        total.dead += report.dead
        total.errors.extend(report.errors)
        if on_pass is not None and report.handled:
            on_pass(report)
        if once or (drain and pending_count(db) == 0):
            break
        if report.handled < options.batch:  # a full batch suggests more are due right now
            control.stop.wait(options.poll_interval)
    return total
