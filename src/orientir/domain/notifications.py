"""Notifications: where they go (channels), the outbox row's life, and when to try again.

Delivery is at least once. A notification keeps one id for its whole life — every retry, every
replay from the dead-letter list — so a receiver that saw it already can drop the copy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from orientir.domain import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput


class ChannelKind(StrEnum):
    EMAIL = "email"
    WEBHOOK = "webhook"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


# The events a channel can subscribe to; ``*`` means all of them.
EVENTS = (
    "case.opened",
    "case.assigned",
    "case.escalated",
    "case.resolved",
    "case.closed",
)


def parse_events(text: str) -> tuple[str, ...]:
    chosen = tuple(e.strip() for e in text.split(",") if e.strip())
    if chosen == ("*",):
        return chosen
    unknown = [e for e in chosen if e not in EVENTS]
    if unknown or not chosen:
        raise InvalidInput(
            f"events must be * or some of: {', '.join(EVENTS)}",
            key="err.notifications.events_must_some",
            params={"events": ", ".join(EVENTS)},
        )
    return chosen


@dataclass(frozen=True)
class Channel:
    id: int
    org_id: int
    kind: ChannelKind
    destination: str
    events: tuple[str, ...]
    lang: str
    active: bool = True
    has_secret: bool = False

    def wants(self, event: str) -> bool:
        return self.active and (self.events == ("*",) or event in self.events)


@dataclass(frozen=True)
class OutboxMessage:
    """One notification as stored; ``payload`` is JSON text (the e-mail or the webhook body)."""

    id: str
    org_id: int | None
    channel_id: int | None
    kind: ChannelKind
    event: str
    destination: str
    payload: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    last_error: str | None = None
    delivered_at: datetime | None = None


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait after the ``n``-th failure: ``base·2^(n-1)``, capped at ``cap``, with
    "equal jitter" (half fixed, half random) so that many rows failing together against one
    receiver do not all come back in the same second."""

    base: float = 5.0
    cap: float = 3600.0

    def __post_init__(self) -> None:
        if self.base <= 0 or self.cap < self.base:
            raise InvalidInput(
                "back-off needs 0 < base <= cap", key="err.notifications.back_off_needs_base"
            )

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        exponent = min(max(failures, 1) - 1, 60)  # 2**60 already dwarfs any cap
        ceiling = min(self.cap, self.base * 2.0**exponent)
        return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)
