"""The change program: the driver team, initiatives with milestones, and quarters to lay them out.

Rule 6 ("a driver person or a driver team is required") is the reason the program knows its
people; rule 12 (change costs money) the reason an initiative carries a budget; and the
commentator's "not within a quarter" the reason the timeline is drawn in quarters, next to the
index trend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from orientir.domain import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput

MAX_TITLE = 200
MAX_COMPONENT = 100
MAX_BUDGET = Decimal("1e12")  # fits the minor units in a 64-bit integer with room to spare
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[qQкК]\s*([1-4])\s*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class ProgramRole(StrEnum):
    """``driver``: the driver team of rule 6. ``advocate``: follows up customers' cases."""

    DRIVER = "driver"
    ADVOCATE = "advocate"


# A person imported with one of these values in the free ``role`` column counts as holding the
# program role too, so "people with the driver role" works straight from the people file.
ROLE_ALIASES: dict[ProgramRole, frozenset[str]] = {
    ProgramRole.DRIVER: frozenset({"driver", "драйвер"}),
    ProgramRole.ADVOCATE: frozenset({"advocate", "customer advocate", "адвокат клиента"}),
}


def role_from_people_column(value: str | None) -> ProgramRole | None:
    """The program role a person's free ``role`` value names, if it names one exactly."""
    if not value:
        return None
    cleaned = " ".join(value.lower().split())
    return next((role for role, names in ROLE_ALIASES.items() if cleaned in names), None)


class InitiativeStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    DONE = "done"
    STOPPED = "stopped"


@dataclass(frozen=True)
class TeamMember:
    """A person of the program; ``source`` says whether the role was granted (``program``) or
    read from the person's imported ``role`` value (``people``)."""

    external_id: str
    name: str
    email: str | None
    department: str | None
    role: ProgramRole
    source: str


@dataclass(frozen=True)
class Milestone:
    id: int
    title: str
    due_on: date
    done: bool = False
    done_on: date | None = None


@dataclass(frozen=True)
class Initiative:
    id: int
    org_id: int
    title: str
    status: InitiativeStatus
    description: str | None = None
    owner: str | None = None  # the owner's external id
    owner_name: str | None = None
    budget: Decimal | None = None
    currency: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    component: str | None = None
    milestones: tuple[Milestone, ...] = ()


def clean_title(value: str) -> str:
    title = " ".join(value.split())
    if not title:
        raise InvalidInput(
            "an initiative or milestone needs a title",
            key="err.program.initiative_milestone_needs_title",
        )
    if len(title) > MAX_TITLE:
        raise InvalidInput(
            f"the title is {len(title)} characters; the limit is {MAX_TITLE}",
            key="err.program.title_characters_limit",
            params={"length": len(title), "limit": MAX_TITLE},
        )
    return title


def parse_budget(value: str | Decimal | int) -> Decimal:
    """A non-negative amount with at most two decimals; ``1 500 000,50`` is read too."""
    if isinstance(value, str):
        text = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(
                f"budget {value!r} is not a number",
                key="err.program.budget_not_number",
                params={"value": value},
            ) from None
    else:
        amount = Decimal(value)
    if not amount.is_finite() or amount < 0 or amount >= MAX_BUDGET:
        raise InvalidInput(
            f"budget {value} must be between 0 and {MAX_BUDGET:,.0f}",
            key="err.program.budget_must_between",
            params={"value": value, "limit": MAX_BUDGET},
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(
            f"budget {value} has more than two decimals",
            key="err.program.budget_more_than_two",
            params={"value": value},
        )
    return amount.quantize(Decimal("0.01"))


def to_minor_units(amount: Decimal) -> int:
    return int(amount * 100)


def from_minor_units(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


def parse_currency(value: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.match(code):
        raise InvalidInput(
            f"currency {value!r} is not a three-letter ISO 4217 code (RUB, EUR)",
            key="err.program.currency_not_three_letter",
            params={"value": value},
        )
    return code


def check_period(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(
            f"the initiative ends ({ends_on}) before it starts ({starts_on})",
            key="err.program.initiative_ends_before_starts",
            params={"ends_on": ends_on, "starts_on": starts_on},
        )


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026Q1``, ``2026-Q1`` or ``2026-К1``."""
        found = _QUARTER.match(text)
        if not found:
            raise InvalidInput(
                f"quarter {text!r} is not like 2026-Q1",
                key="err.program.quarter_not_like_q",
                params={"text": text},
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)


MAX_TIMELINE_QUARTERS = 40  # ten years: a wider request is almost surely a typo


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    if last < first:
        raise InvalidInput(
            f"{last.label} comes before {first.label}",
            key="err.program.quarters_reversed",
            params={"later": last.label, "earlier": first.label},
        )
    span: list[Quarter] = [first]
    while span[-1] < last:
        span.append(span[-1].next())
        if len(span) > MAX_TIMELINE_QUARTERS:
            raise InvalidInput(
                f"a timeline shows at most {MAX_TIMELINE_QUARTERS} quarters",
                key="err.program.timeline_shows_most_quarters",
                params={"limit": MAX_TIMELINE_QUARTERS},
            )
    return span


@dataclass(frozen=True)
class TimelineCell:
    """One initiative in one quarter: running or not, and the milestones due in it."""

    quarter: str
    active: bool
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class TimelineRow:
    initiative: Initiative
    cells: tuple[TimelineCell, ...]


@dataclass(frozen=True)
class Timeline:
    """Initiatives by quarter. ``quarters`` are labels (``2026-Q1``) the index trend joins on;
    ``unscheduled`` holds initiatives with neither dates nor milestones."""

    quarters: tuple[str, ...]
    rows: tuple[TimelineRow, ...]
    unscheduled: tuple[Initiative, ...] = ()


def _dates(initiative: Initiative) -> list[date]:
    found = [d for d in (initiative.starts_on, initiative.ends_on) if d is not None]
    return found + [m.due_on for m in initiative.milestones]


def _running(initiative: Initiative, quarter: Quarter) -> bool:
    # An open end runs on; an unknown start begins with the first milestone.
    start = initiative.starts_on or min(
        (m.due_on for m in initiative.milestones), default=initiative.ends_on
    )
    if start is None or start > quarter.last_day:
        return False
    return initiative.ends_on is None or initiative.ends_on >= quarter.first_day


def build_timeline(
    initiatives: list[Initiative],
    *,
    first: Quarter | None = None,
    last: Quarter | None = None,
    today: date | None = None,
) -> Timeline:
    """Lay initiatives out over quarters, from ``first`` to ``last`` (default: the span of their
    dates, widened to include ``today``'s quarter)."""
    scheduled = [i for i in initiatives if _dates(i)]
    every = [d for i in scheduled for d in _dates(i)] + ([today] if today else [])
    if not every and (first is None or last is None):
        return Timeline((), (), tuple(initiatives))
    low = first or Quarter.of(min(every))
    high = last or max(low, Quarter.of(max(every)))
    span = quarters_between(low, high)
    rows = []
    for initiative in scheduled:
        cells = tuple(
            TimelineCell(
                quarter.label,
                _running(initiative, quarter),
                tuple(m for m in initiative.milestones if Quarter.of(m.due_on) == quarter),
            )
            for quarter in span
        )
        rows.append(TimelineRow(initiative, cells))
    return Timeline(
        tuple(q.label for q in span),
        tuple(rows),
        tuple(i for i in initiatives if not _dates(i)),
    )
