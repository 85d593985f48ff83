"""The change program: who drives it, what it does (initiatives, milestones) and when.

The driver team (rule 6) is everyone holding the ``driver`` program role: granted with
:func:`grant_role` (``orientir program team add``), or named ``driver``/``драйвер`` in the
``role`` column of the people file. Advocates (``advocate``) are recognised the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from orientir.domain.program import (
    MAX_COMPONENT,
    Initiative,
    InitiativeStatus,
    ProgramRole,
    Quarter,
    TeamMember,
    Timeline,
    build_timeline,
    check_period,
    clean_title,
    parse_budget,
    parse_currency,
    to_minor_units,
)
from orientir.errors import InvalidInput, NotFound
from orientir.orientation import index_series
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._clock import utc_now
from orientir.services.audit import Action, Actor, record
from orientir.services.orientation import resolve_model
from orientir.services.survey_data import load_waves
from orientir.storage import organisations as org_repo
from orientir.storage import program as repo
from orientir.storage.database import Database


def grant_role(
    db: Database, *, org: str, person: str, role: ProgramRole, actor: Actor | None = None
) -> bool:
    """Give a person (by external id) a program role; ``False`` when they had it already."""
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        pid = repo.person_id(conn, org_id=organisation.id, external_id=person)
        granted = repo.grant_role(conn, org_id=organisation.id, person=pid, role=role)
        if granted:
            record(
                conn,
                actor,
                Action.PROGRAM_ROLE_GRANT,
                org_id=organisation.id,
                object_type="person",
                object_id=f"{person} {role}",
            )
        return granted


def revoke_role(
    db: Database, *, org: str, person: str, role: ProgramRole, actor: Actor | None = None
) -> bool:
    """Take a granted role back; a role read from the people file changes only there."""
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        pid = repo.person_id(conn, org_id=organisation.id, external_id=person)
        revoked = repo.revoke_role(conn, person=pid, role=role)
        if revoked:
            record(
                conn,
                actor,
                Action.PROGRAM_ROLE_REVOKE,
                org_id=organisation.id,
                object_type="person",
                object_id=f"{person} {role}",
            )
        return revoked


def program_team(db: Database, *, org: str, role: ProgramRole | None = None) -> list[TeamMember]:
    """The driver team and the advocates (or one of them), by external id."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.team(conn, org_id=organisation.id, role=role)


def driver_team(db: Database, *, org: str) -> list[TeamMember]:
    return program_team(db, org=org, role=ProgramRole.DRIVER)


@dataclass(frozen=True)
class NewInitiative:
    org: str
    title: str
    owner: str | None = None  # a person's external id
    budget: str | Decimal | None = None
    currency: str | None = None
    status: InitiativeStatus = InitiativeStatus.PLANNED
    starts_on: date | None = None
    ends_on: date | None = None
    component: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class InitiativeChanges:
    """What to change; ``None`` leaves a field as it is, and ``clear`` names the optional
    fields to empty (see :data:`CLEARABLE`; clearing the budget clears its currency)."""

    title: str | None = None
    owner: str | None = None
    budget: str | Decimal | None = None
    currency: str | None = None
    status: InitiativeStatus | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    component: str | None = None
    description: str | None = None
    clear: frozenset[str] = frozenset()


# The optional fields of an initiative that can be emptied, with the columns each empties.
CLEARABLE: dict[str, tuple[str, ...]] = {
    "owner": ("owner_id",),
    "budget": ("budget_minor", "currency"),
    "starts_on": ("starts_on",),
    "ends_on": ("ends_on",),
    "component": ("component",),
    "description": ("description",),
}


def _cleared(changes: InitiativeChanges) -> dict[str, Any]:
    unknown = sorted(changes.clear - set(CLEARABLE))
    if unknown:
        raise InvalidInput(
            f"these fields cannot be emptied: {', '.join(unknown)}",
            key="err.program.these_fields_cannot_emptied",
            params={"unknown": ", ".join(unknown)},
        )
    both = sorted(name for name in changes.clear if getattr(changes, name) is not None)
    if both:
        raise InvalidInput(
            f"a field cannot be both set and emptied: {', '.join(both)}",
            key="err.program.field_cannot_both_set",
            params={"both": ", ".join(both)},
        )
    return {column: None for name in changes.clear for column in CLEARABLE[name]}


def _component(value: str) -> str:
    text = value.strip()
    if not text or len(text) > MAX_COMPONENT:
        raise InvalidInput(
            f"the index component is 1 to {MAX_COMPONENT} characters",
            key="err.program.index_component_characters",
            params={"limit": MAX_COMPONENT},
        )
    return text


def _values(
    changes: NewInitiative | InitiativeChanges, conn: Connection, org_id: int
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if changes.title is not None:
        values["title"] = clean_title(changes.title)
    if changes.owner is not None:
        values["owner_id"] = repo.person_id(conn, org_id=org_id, external_id=changes.owner)
    if changes.budget is not None:
        values["budget_minor"] = to_minor_units(parse_budget(changes.budget))
    if changes.currency is not None:
        values["currency"] = parse_currency(changes.currency)
    if changes.status is not None:
        values["status"] = changes.status.value
    if changes.starts_on is not None:
        values["starts_on"] = changes.starts_on
    if changes.ends_on is not None:
        values["ends_on"] = changes.ends_on
    if changes.component is not None:
        values["component"] = _component(changes.component)
    if changes.description is not None:
        values["description"] = changes.description.strip() or None
    return values


def add_initiative(
    db: Database, new: NewInitiative, *, now: datetime | None = None, actor: Actor | None = None
) -> Initiative:
    if new.budget is not None and new.currency is None:
        raise InvalidInput(
            "a budget needs its currency (e.g. RUB)", key="err.program.budget_needs_currency_rub"
        )
    check_period(new.starts_on, new.ends_on)
    at = now or utc_now()
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, new.org)
        values = _values(new, conn, organisation.id)
        new_id = repo.insert_initiative(
            conn, org_id=organisation.id, values={**values, "created_at": at, "updated_at": at}
        )
        record(
            conn,
            actor,
            Action.INITIATIVE_CREATE,
            org_id=organisation.id,
            object_type="initiative",
            object_id=new_id,
        )
        return repo.get_initiative(conn, org_id=organisation.id, reference=str(new_id))


def list_initiatives(
    db: Database, *, org: str, status: InitiativeStatus | None = None
) -> list[Initiative]:
    """Initiatives with their milestones, earliest start first."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.list_initiatives(conn, org_id=organisation.id, status=status)


def get_initiative(db: Database, *, org: str, initiative: str) -> Initiative:
    """By id or exact title."""
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.get_initiative(conn, org_id=organisation.id, reference=initiative)


def update_initiative(
    db: Database,
    *,
    org: str,
    initiative: str,
    changes: InitiativeChanges,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> Initiative:
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        current = repo.get_initiative(conn, org_id=organisation.id, reference=initiative)
        values = {**_values(changes, conn, organisation.id), **_cleared(changes)}
        if not values:
            raise InvalidInput("nothing to change", key="err.program.nothing_to_change")
        if "budget_minor" in values and current.currency is None and changes.currency is None:
            raise InvalidInput(
                "a budget needs its currency (e.g. RUB)",
                key="err.program.budget_needs_currency_rub",
            )
        check_period(
            values.get("starts_on", current.starts_on), values.get("ends_on", current.ends_on)
        )
        values["updated_at"] = now or utc_now()
        repo.update_initiative(
            conn, org_id=organisation.id, initiative_id=current.id, values=values
        )
        record(
            conn,
            actor,
            Action.INITIATIVE_UPDATE,
            org_id=organisation.id,
            object_type="initiative",
            object_id=current.id,
        )
        return repo.get_initiative(conn, org_id=organisation.id, reference=str(current.id))


def add_milestone(
    db: Database,
    *,
    org: str,
    initiative: str,
    title: str,
    due_on: date,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> Initiative:
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_initiative(conn, org_id=organisation.id, reference=initiative)
        repo.insert_milestone(conn, initiative_id=found.id, title=clean_title(title), due_on=due_on)
        record(
            conn,
            actor,
            Action.MILESTONE_ADD,
            org_id=organisation.id,
            object_type="initiative",
            object_id=found.id,
        )
        repo.touch(conn, initiative_id=found.id, now=now or utc_now())
        return repo.get_initiative(conn, org_id=organisation.id, reference=str(found.id))


def complete_milestone(
    db: Database,
    *,
    org: str,
    initiative: str,
    milestone: str,
    done: bool = True,
    today: date | None = None,
    actor: Actor | None = None,
) -> Initiative:
    """Mark a milestone (by id or title) done — or, with ``done=False``, not done after all."""
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        found = repo.get_initiative(conn, org_id=organisation.id, reference=initiative)
        step = next(
            (m for m in found.milestones if m.title == milestone or str(m.id) == milestone), None
        )
        if step is None:
            raise NotFound(
                f"initiative {found.title!r} has no milestone {milestone!r}",
                key="err.program.initiative_no_milestone",
                params={"title": found.title, "milestone": milestone},
            )
        repo.set_milestone_done(
            conn, milestone_id=step.id, done=done, done_on=today or utc_now().date()
        )
        record(
            conn,
            actor,
            Action.MILESTONE_DONE if done else Action.MILESTONE_UNDONE,
            org_id=organisation.id,
            object_type="milestone",
            object_id=step.id,
        )
        repo.touch(conn, initiative_id=found.id, now=utc_now())
        return repo.get_initiative(conn, org_id=organisation.id, reference=str(found.id))


def initiative_timeline(
    db: Database,
    *,
    org: str,
    first: Quarter | None = None,
    last: Quarter | None = None,
    today: date | None = None,
    include_stopped: bool = True,
) -> Timeline:
    """Initiatives laid out by quarter (labels like ``2026-Q1``), ready to be drawn next to the
    index trend of the same quarters."""
    found = list_initiatives(db, org=org)
    if not include_stopped:
        found = [i for i in found if i.status is not InitiativeStatus.STOPPED]
    return build_timeline(found, first=first, last=last, today=today or utc_now().date())


def index_by_quarter(
    db: Database, *, org: str, model: str | None = None, k: int = 5
) -> dict[str, float]:
    """The customer-orientation index of every calendar quarter with closed waves (labels like
    ``2026-Q1``, the timeline's), from the quarterly series ``orientir trajectory`` uses; a
    quarter whose index the anonymity guard hides, or that lacks the data, is left out."""
    waves = load_waves(db, org=org)
    if not waves:
        return {}
    series = index_series(resolve_model(model), waves, k=k, allow_missing=True)
    return {point.label: point.value for point in series.points}
