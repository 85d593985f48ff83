"""Organisations, their department tree, people and contacts — plain values, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orientir.domain import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput

# A pragmatic check (RFC 5321 allows far more): one @, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DEPARTMENT_SEPARATOR = "/"


class ContactKind(StrEnum):
    """The outside stakeholder groups a contact belongs to."""

    CUSTOMER = "customer"
    PARTNER = "partner"
    OTHER = "other"


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    slug: str
    founded: int | None = None
    headcount: int | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Department:
    id: int
    org_id: int
    path: str
    parent_id: int | None

    @property
    def name(self) -> str:
        return self.path.rsplit(DEPARTMENT_SEPARATOR, 1)[-1]


@dataclass(frozen=True)
class Person:
    """An employee; ``manager_external_id`` links to another person of the same organisation."""

    external_id: str
    name: str
    email: str | None = None
    department: str | None = None
    manager_external_id: str | None = None
    hire_date: date | None = None
    role: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Contact:
    """A person at a customer, partner or other outside organisation."""

    external_id: str
    kind: ContactKind
    company: str | None = None
    person: str | None = None
    email: str | None = None


def is_valid_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def normalise_department_path(raw: str) -> str:
    """``' Продажи / Москва '`` → ``'Продажи/Москва'``; empty parts are an error."""
    parts = [part.strip() for part in raw.split(DEPARTMENT_SEPARATOR)]
    if any(not part for part in parts):
        raise InvalidInput(
            f"department path {raw!r} has an empty part",
            key="err.organisations.department_path_empty_part",
            params={"raw": raw},
        )
    return DEPARTMENT_SEPARATOR.join(parts)


def department_ancestors(path: str) -> list[str]:
    """Every path from the root down to ``path``: ``a/b/c`` → ``[a, a/b, a/b/c]``."""
    parts = path.split(DEPARTMENT_SEPARATOR)
    return [DEPARTMENT_SEPARATOR.join(parts[: i + 1]) for i in range(len(parts))]


def slugify(name: str) -> str:
    """A lower-case identifier for command lines and URLs; keeps Cyrillic letters."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-_")
    if not slug:
        raise InvalidInput(
            f"cannot make an identifier from the name {name!r}",
            key="err.organisations.cannot_make_identifier_from",
            params={"name": name},
        )
    return slug


def find_manager_cycle(managers: dict[str, str | None]) -> list[str] | None:
    """The first cycle in a ``person → manager`` mapping, as a list of ids, or ``None``."""
    done: set[str] = set()
    for start in managers:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in on_path:
                return [*path[path.index(node) :], node]
            on_path.add(node)
            path.append(node)
            node = managers.get(node)
        done.update(path)
    return None
