"""Organisations and their department tree."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, RowMapping, func, insert, or_, select
from sqlalchemy.exc import IntegrityError

from orientir.domain.organisations import Department, Organisation, department_ancestors
from orientir.errors import AlreadyExists, NotFound
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.tables import departments, organisations


def _organisation(row: RowMapping) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        slug=row["slug"],
        founded=row["founded"],
        headcount=row["headcount"],
        sector=row["sector"],
    )


def create_organisation(
    conn: Connection,
    *,
    name: str,
    slug: str,
    founded: int | None = None,
    headcount: int | None = None,
    sector: str | None = None,
) -> Organisation:
    taken = conn.execute(
        select(organisations.c.id).where(
            or_(func.lower(organisations.c.name) == name.lower(), organisations.c.slug == slug)
        )
    ).first()
    if taken is not None:
        raise AlreadyExists(
            f"an organisation named {name!r} already exists",
            key="err.organisations.organisation_already_exists",
            params={"name": name},
        )
    try:
        new_id = conn.execute(
            insert(organisations)
            .values(name=name, slug=slug, founded=founded, headcount=headcount, sector=sector)
            .returning(organisations.c.id)
        ).scalar_one()
    except IntegrityError:  # a concurrent create won the race
        raise AlreadyExists(
            f"an organisation named {name!r} already exists",
            key="err.organisations.organisation_already_exists",
            params={"name": name},
        ) from None
    return Organisation(
        id=new_id, name=name, slug=slug, founded=founded, headcount=headcount, sector=sector
    )


def list_organisations(conn: Connection) -> list[Organisation]:
    rows = conn.execute(select(organisations).order_by(organisations.c.name)).mappings()
    return [_organisation(row) for row in rows]


def find_organisation(conn: Connection, reference: str) -> Organisation:
    """By slug, by exact name (case-insensitive) or by numeric id."""
    condition = or_(
        organisations.c.slug == reference.lower(),
        func.lower(organisations.c.name) == reference.lower(),
    )
    if reference.isascii() and reference.isdigit():  # '¹'.isdigit(), but int('¹') fails
        condition = or_(condition, organisations.c.id == int(reference))
    row = conn.execute(select(organisations).where(condition)).mappings().first()
    if row is None:
        raise NotFound(
            f"no organisation {reference!r}",
            key="err.organisations.no_organisation",
            params={"reference": reference},
        )
    return _organisation(row)


def department_ids(conn: Connection, *, org_id: int) -> dict[str, int]:
    rows = conn.execute(
        select(departments.c.path, departments.c.id).where(departments.c.org_id == org_id)
    )
    return dict(rows.all())


def ensure_departments(conn: Connection, *, org_id: int, paths: Iterable[str]) -> dict[str, int]:
    """Create every missing department (and its ancestors); returns ``path → id`` for all."""
    known = department_ids(conn, org_id=org_id)
    wanted = sorted(
        {a for p in paths for a in department_ancestors(p)}, key=lambda p: (p.count("/"), p)
    )
    for path in wanted:
        if path in known:
            continue
        parent = path.rsplit("/", 1)[0] if "/" in path else None
        known[path] = conn.execute(
            insert(departments)
            .values(org_id=org_id, path=path, parent_id=known[parent] if parent else None)
            .returning(departments.c.id)
        ).scalar_one()
    return known


def list_departments(conn: Connection, *, org_id: int) -> list[Department]:
    rows = conn.execute(
        select(departments).where(departments.c.org_id == org_id).order_by(departments.c.path)
    ).mappings()
    return [
        Department(id=r["id"], org_id=r["org_id"], path=r["path"], parent_id=r["parent_id"])
        for r in rows
    ]
