"""Waves: one instrument version sent to an audience for a period, and how it is answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orientir.domain import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput


class WaveMode(StrEnum):
    """Privacy modes.

    ``anonymous``: one shared link, no link between an answer and a person (no person id, no IP
    address, no time finer than the day). ``confidential``: one single-use link per person; the
    answer is linked, but only ever reported for groups of at least *k* people.
    ``identified``: linked and reportable per person (hiring screens, partner accounts).
    """

    ANONYMOUS = "anonymous"
    CONFIDENTIAL = "confidential"
    IDENTIFIED = "identified"


class WaveStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class InvitationStatus(StrEnum):
    INVITED = "invited"
    STARTED = "started"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Audience:
    """Who is invited: everyone, a department subtree, or the ids listed in a file."""

    kind: str  # all | department | file
    value: str | None = None

    @classmethod
    def parse(cls, text: str) -> Audience:
        kind, _, value = text.partition(":")
        kind = kind.strip().lower()
        if kind == "all" and not value:
            return cls("all")
        if kind in {"department", "file"} and value.strip():
            return cls(kind, value.strip())
        raise InvalidInput(
            f"audience {text!r} is not one of: all, department:PATH, file:FILE",
            key="err.waves.audience_not_all_department",
            params={"text": text},
        )

    def __str__(self) -> str:
        return self.kind if self.value is None else f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class Wave:
    id: int
    org_id: int
    label: str
    instrument_ref: str
    mode: WaveMode
    audience: str
    status: WaveStatus
    opens_on: date | None = None
    closes_on: date | None = None


@dataclass(frozen=True)
class WaveProgress:
    """How far a wave has got. Anonymous waves know no invitations, only answers."""

    wave: str
    status: WaveStatus
    invited: int | None
    started: int
    completed: int

    @property
    def response_rate(self) -> float | None:
        if not self.invited:
            return None
        return self.completed / self.invited
