"""Creating and finding organisations (tenants)."""

from __future__ import annotations

from dataclasses import dataclass

from orientir.domain.organisations import Organisation, slugify
from orientir.errors import InvalidInput
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.audit import Action, Actor, record
from orientir.storage import organisations as repo
from orientir.storage.database import Database

MIN_FOUNDED, MAX_NAME = 1600, 200


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    founded: int | None = None
    headcount: int | None = None
    sector: str | None = None


def create_organisation(
    db: Database, new: NewOrganisation, *, this_year: int, actor: Actor | None = None
) -> Organisation:
    name = " ".join(new.name.split())
    if not name:
        raise InvalidInput(
            "the organisation needs a name", key="err.organisations.organisation_needs_name"
        )
    if len(name) > MAX_NAME:
        raise InvalidInput(
            f"the name is {len(name)} characters; the limit is {MAX_NAME}",
            key="err.organisations.name_characters_limit",
            params={"length": len(name), "limit": MAX_NAME},
        )
    if new.founded is not None and not MIN_FOUNDED <= new.founded <= this_year:
        raise InvalidInput(
            f"founding year {new.founded} is not between {MIN_FOUNDED} and {this_year}",
            key="err.organisations.founding_year_not_between",
            params={"founded": new.founded, "earliest": MIN_FOUNDED, "latest": this_year},
        )
    if new.headcount is not None and new.headcount < 1:
        raise InvalidInput(
            f"headcount must be at least 1, got {new.headcount}",
            key="err.organisations.headcount_must_least_got",
            params={"headcount": new.headcount},
        )
    with db.engine.begin() as conn:
        created = repo.create_organisation(
            conn,
            name=name,
            slug=slugify(name),
            founded=new.founded,
            headcount=new.headcount,
            sector=new.sector,
        )
        record(
            conn,
            actor,
            Action.ORG_CREATE,
            org_id=created.id,
            object_type="organisation",
            object_id=created.slug,
        )
        return created


def list_organisations(db: Database) -> list[Organisation]:
    with db.engine.connect() as conn:
        return repo.list_organisations(conn)


def find_organisation(db: Database, reference: str) -> Organisation:
    with db.engine.connect() as conn:
        return repo.find_organisation(conn, reference)
