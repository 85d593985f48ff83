"""The driver team and advocates (program roles), initiatives and their milestones."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, insert, or_, select, update

from orientir.domain.program import (
    Initiative,
    InitiativeStatus,
    Milestone,
    ProgramRole,
    TeamMember,
    from_minor_units,
    role_from_people_column,
)
from orientir.errors import AlreadyExists, NotFound
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.tables import departments, initiatives, milestones, people, program_roles


def person_id(conn: Connection, *, org_id: int, external_id: str) -> int:
    found = conn.execute(
        select(people.c.id).where(people.c.org_id == org_id, people.c.external_id == external_id)
    ).scalar()
    if found is None:
        raise NotFound(
            f"no person {external_id!r} in this organisation",
            key="err.program.no_person_organisation",
            params={"external_id": external_id},
        )
    return int(found)


def grant_role(conn: Connection, *, org_id: int, person: int, role: ProgramRole) -> bool:
    """Give ``person`` the role; ``False`` when they already held it."""
    held = conn.execute(
        select(program_roles.c.id).where(
            program_roles.c.person_id == person, program_roles.c.role == role.value
        )
    ).first()
    if held is not None:
        return False
    conn.execute(insert(program_roles).values(org_id=org_id, person_id=person, role=role.value))
    return True


def revoke_role(conn: Connection, *, person: int, role: ProgramRole) -> bool:
    result = conn.execute(
        delete(program_roles).where(
            program_roles.c.person_id == person, program_roles.c.role == role.value
        )
    )
    return bool(result.rowcount)


def team(conn: Connection, *, org_id: int, role: ProgramRole | None = None) -> list[TeamMember]:
    """Active people holding a program role, granted or named in their imported ``role``."""
    base = (
        select(
            people.c.id,
            people.c.external_id,
            people.c.name,
            people.c.email,
            people.c.role,
            departments.c.path,
        )
        .select_from(people.outerjoin(departments, people.c.department_id == departments.c.id))
        .where(people.c.org_id == org_id, people.c.active.is_(True))
    )
    granted = {
        (int(pid), ProgramRole(r))
        for pid, r in conn.execute(
            select(program_roles.c.person_id, program_roles.c.role).where(
                program_roles.c.org_id == org_id
            )
        ).all()
    }
    members: list[TeamMember] = []
    for row in conn.execute(base.order_by(people.c.external_id)).mappings():
        for held in ProgramRole:
            if role is not None and held is not role:
                continue
            if (row["id"], held) in granted:
                source = "program"
            elif role_from_people_column(row["role"]) is held:
                source = "people"
            else:
                continue
            members.append(
                TeamMember(row["external_id"], row["name"], row["email"], row["path"], held, source)
            )
    return members


def has_role(conn: Connection, *, org_id: int, person: int, role: ProgramRole) -> bool:
    """Whether an active person of the organisation holds ``role``, granted or imported."""
    row = conn.execute(
        select(people.c.role, people.c.active).where(
            people.c.id == person, people.c.org_id == org_id
        )
    ).first()
    if row is None or not row.active:
        return False
    granted = conn.execute(
        select(program_roles.c.id).where(
            program_roles.c.person_id == person, program_roles.c.role == role.value
        )
    ).first()
    return granted is not None or role_from_people_column(row.role) is role


def insert_initiative(conn: Connection, *, org_id: int, values: Mapping[str, Any]) -> int:
    _check_title_free(conn, org_id=org_id, title=str(values["title"]))
    return int(
        conn.execute(
            insert(initiatives).values(org_id=org_id, **values).returning(initiatives.c.id)
        ).scalar_one()
    )


def _check_title_free(
    conn: Connection, *, org_id: int, title: str, other_than: int | None = None
) -> None:
    query = select(initiatives.c.id).where(
        initiatives.c.org_id == org_id, initiatives.c.title == title
    )
    if other_than is not None:
        query = query.where(initiatives.c.id != other_than)
    if conn.execute(query).first() is not None:
        raise AlreadyExists(
            f"an initiative titled {title!r} already exists",
            key="err.program.initiative_titled_already_exists",
            params={"title": title},
        )


def update_initiative(
    conn: Connection, *, org_id: int, initiative_id: int, values: Mapping[str, Any]
) -> None:
    if "title" in values:
        _check_title_free(conn, org_id=org_id, title=str(values["title"]), other_than=initiative_id)
    conn.execute(
        update(initiatives)
        .where(initiatives.c.id == initiative_id, initiatives.c.org_id == org_id)
        .values(**values)
    )


def _milestones(conn: Connection, initiative_ids: list[int]) -> dict[int, list[Milestone]]:
    found: dict[int, list[Milestone]] = {i: [] for i in initiative_ids}
    if not initiative_ids:
        return found
    rows = conn.execute(
        select(milestones)
        .where(milestones.c.initiative_id.in_(initiative_ids))
        .order_by(milestones.c.due_on, milestones.c.id)
    ).mappings()
    for r in rows:
        found[r["initiative_id"]].append(
            Milestone(r["id"], r["title"], r["due_on"], bool(r["done"]), r["done_on"])
        )
    return found


def _initiative(row: RowMapping, steps: list[Milestone]) -> Initiative:
    budget = row["budget_minor"]
    return Initiative(
        id=row["id"],
        org_id=row["org_id"],
        title=row["title"],
        status=InitiativeStatus(row["status"]),
        description=row["description"],
        owner=row["owner_external_id"],
        owner_name=row["owner_name"],
        budget=None if budget is None else from_minor_units(int(budget)),
        currency=row["currency"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        component=row["component"],
        milestones=tuple(steps),
    )


def list_initiatives(
    conn: Connection,
    *,
    org_id: int,
    status: InitiativeStatus | None = None,
    reference: str | None = None,
) -> list[Initiative]:
    query = (
        select(
            initiatives,
            people.c.external_id.label("owner_external_id"),
            people.c.name.label("owner_name"),
        )
        .select_from(initiatives.outerjoin(people, initiatives.c.owner_id == people.c.id))
        .where(initiatives.c.org_id == org_id)
        .order_by(initiatives.c.starts_on, initiatives.c.id)
    )
    if status is not None:
        query = query.where(initiatives.c.status == status.value)
    if reference is not None:
        condition = initiatives.c.title == reference
        if reference.isascii() and reference.isdigit():  # not '¹', which int() refuses
            condition = or_(condition, initiatives.c.id == int(reference))
        query = query.where(condition)
    rows = list(conn.execute(query).mappings())
    steps = _milestones(conn, [r["id"] for r in rows])
    return [_initiative(r, steps[r["id"]]) for r in rows]


def get_initiative(conn: Connection, *, org_id: int, reference: str) -> Initiative:
    """By id or exact title, within the organisation only."""
    found = list_initiatives(conn, org_id=org_id, reference=reference)
    if not found:
        raise NotFound(
            f"no initiative {reference!r} in this organisation",
            key="err.program.no_initiative_organisation",
            params={"reference": reference},
        )
    return found[0]


def insert_milestone(conn: Connection, *, initiative_id: int, title: str, due_on: date) -> int:
    taken = conn.execute(
        select(milestones.c.id).where(
            milestones.c.initiative_id == initiative_id, milestones.c.title == title
        )
    ).first()
    if taken is not None:
        raise AlreadyExists(
            f"this initiative already has a milestone {title!r}",
            key="err.program.initiative_already_milestone",
            params={"title": title},
        )
    return int(
        conn.execute(
            insert(milestones)
            .values(initiative_id=initiative_id, title=title, due_on=due_on, done=False)
            .returning(milestones.c.id)
        ).scalar_one()
    )


def set_milestone_done(
    conn: Connection, *, milestone_id: int, done: bool, done_on: date | None
) -> None:
    conn.execute(
        update(milestones)
        .where(milestones.c.id == milestone_id)
        .values(done=done, done_on=done_on if done else None)
    )


def touch(conn: Connection, *, initiative_id: int, now: datetime) -> None:
    conn.execute(
        update(initiatives).where(initiatives.c.id == initiative_id).values(updated_at=now)
    )
