"""Employees and outside contacts of an organisation."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import aliased

from orientir.domain.organisations import Contact, ContactKind, Person
from orientir.storage._upsert import UNCHANGED, UPDATED, UpsertCounts, upsert_by_external_id
from orientir.storage.organisations import ensure_departments
from orientir.storage.tables import contacts, departments, people


def known_people(conn: Connection, *, org_id: int) -> dict[str, str | None]:
    """``external_id → manager's external_id`` for everyone already stored."""
    manager = aliased(people)
    rows = conn.execute(
        select(people.c.external_id, manager.c.external_id)
        .select_from(people.outerjoin(manager, people.c.manager_id == manager.c.id))
        .where(people.c.org_id == org_id)
    )
    return dict(rows.all())


def save_people(conn: Connection, *, org_id: int, persons: Sequence[Person]) -> UpsertCounts:
    """Insert or update ``persons`` by external id; departments are created as needed.

    Two passes: the people first, then manager links, because a manager may appear later in the
    file than the people who report to them.
    """
    dept_ids = ensure_departments(
        conn, org_id=org_id, paths=[p.department for p in persons if p.department]
    )
    records = [
        {
            "external_id": p.external_id,
            "name": p.name,
            "email": p.email,
            "department_id": dept_ids[p.department] if p.department else None,
            "hire_date": p.hire_date,
            "role": p.role,
            "active": p.active,
        }
        for p in persons
    ]
    previous_managers = known_people(conn, org_id=org_id)
    outcomes, ids = upsert_by_external_id(conn, people, org_id=org_id, records=records)
    for p in persons:
        if previous_managers.get(p.external_id) == p.manager_external_id:
            continue
        conn.execute(
            update(people)
            .where(people.c.id == ids[p.external_id])
            .values(manager_id=ids[p.manager_external_id] if p.manager_external_id else None)
        )
        if outcomes[p.external_id] == UNCHANGED:
            outcomes[p.external_id] = UPDATED  # the manager link is the only change
    return UpsertCounts.of(outcomes)


def list_people(conn: Connection, *, org_id: int) -> list[Person]:
    manager = aliased(people)
    rows = conn.execute(
        select(
            people,
            departments.c.path.label("department"),
            manager.c.external_id.label("manager_external_id"),
        )
        .select_from(
            people.outerjoin(departments, people.c.department_id == departments.c.id).outerjoin(
                manager, people.c.manager_id == manager.c.id
            )
        )
        .where(people.c.org_id == org_id)
        .order_by(people.c.external_id)
    ).mappings()
    return [
        Person(
            external_id=r["external_id"],
            name=r["name"],
            email=r["email"],
            department=r["department"],
            manager_external_id=r["manager_external_id"],
            hire_date=r["hire_date"],
            role=r["role"],
            active=r["active"],
        )
        for r in rows
    ]


def save_contacts(conn: Connection, *, org_id: int, items: Sequence[Contact]) -> UpsertCounts:
    records = [
        {
            "external_id": c.external_id,
            "kind": c.kind.value,
            "company": c.company,
            "person": c.person,
            "email": c.email,
        }
        for c in items
    ]
    outcomes, _ = upsert_by_external_id(conn, contacts, org_id=org_id, records=records)
    return UpsertCounts.of(outcomes)


def list_contacts(conn: Connection, *, org_id: int) -> list[Contact]:
    rows = conn.execute(
        select(contacts).where(contacts.c.org_id == org_id).order_by(contacts.c.external_id)
    ).mappings()
    return [
        Contact(
            external_id=r["external_id"],
            kind=ContactKind(r["kind"]),
            company=r["company"],
            person=r["person"],
            email=r["email"],
        )
        for r in rows
    ]
