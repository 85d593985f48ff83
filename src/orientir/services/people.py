"""Importing and listing an organisation's people (employees) and contacts.

An import is all-or-nothing: the whole file is parsed and checked — every cell, duplicate ids,
managers that exist (in the file or already stored), cycles in the manager chain — and only a
file without a single problem is written, in one transaction. Re-importing a file updates rows
by external id and leaves everyone not in the file as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orientir.config import Limits
from orientir.domain.organisations import Contact, ContactKind, Person, find_manager_cycle
from orientir.errors import ImportRejected, RowProblem
from orientir.services import audit
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services._records import (
    Column,
    ParsedTable,
    choice_parser,
    duplicate_problems,
    parse_bool,
    parse_date,
    parse_department,
    parse_email,
    parse_table,
)
from orientir.services.audit import Action, Actor
from orientir.services.import_messages import problem
from orientir.services.tabular import Table, read_table
from orientir.storage import organisations as org_repo
from orientir.storage import people as repo
from orientir.storage.database import Database

PEOPLE_COLUMNS = (
    Column(
        "external_id",
        ("id", "employee id", "табельный номер", "таб номер", "код", "ид"),
        required=True,
        max_chars=100,
    ),
    Column("name", ("full name", "фио", "имя", "сотрудник"), required=True, max_chars=300),
    Column(
        "email",
        ("e-mail", "mail", "почта", "электронная почта", "эл почта"),
        parse=parse_email,
        max_chars=320,
    ),
    Column("department", ("dept", "отдел", "подразделение", "департамент"), parse=parse_department),
    Column(
        "manager_id",
        ("manager", "руководитель", "id руководителя", "руководитель id"),
        max_chars=100,
    ),
    Column("hire_date", ("hired", "дата приема", "дата найма", "принят"), parse=parse_date),
    Column("role", ("position", "title", "должность", "роль"), max_chars=200),
    Column("active", ("is active", "активен", "работает"), parse=parse_bool, default=True),
)

_KINDS = {
    "customer": "customer",
    "client": "customer",
    "клиент": "customer",
    "покупатель": "customer",
    "заказчик": "customer",
    "partner": "partner",
    "партнер": "partner",
    "other": "other",
    "другое": "other",
    "прочее": "other",
    "поставщик": "other",
    "supplier": "other",
    "investor": "other",
    "инвестор": "other",
}

CONTACT_COLUMNS = (
    Column("external_id", ("id", "contact id", "код", "ид"), required=True, max_chars=100),
    Column(
        "kind", ("type", "group", "тип", "группа"), parse=choice_parser(_KINDS), default="customer"
    ),
    Column(
        "company",
        ("organisation", "organization", "компания", "организация", "контрагент"),
        max_chars=300,
    ),
    Column("person", ("name", "contact", "контакт", "фио", "контактное лицо"), max_chars=300),
    Column(
        "email", ("e-mail", "mail", "почта", "электронная почта"), parse=parse_email, max_chars=320
    ),
)


@dataclass(frozen=True)
class ImportReport:
    total_rows: int
    created: int
    updated: int
    unchanged: int
    written: bool
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str | None = None


def _manager_problems(parsed: ParsedTable, stored: dict[str, str | None]) -> list[RowProblem]:
    """Unknown managers, self-management and cycles through the file and the stored people."""
    problems: list[RowProblem] = []
    in_file = {r["external_id"] for r in parsed.records if r.get("external_id")}
    for record, number in zip(parsed.records, parsed.row_numbers, strict=True):
        manager = record.get("manager_id")
        if manager is None:
            continue
        if manager == record.get("external_id"):
            problems.append(problem(number, "manager_id", "import.self_manager"))
        elif manager not in in_file and manager not in stored:
            problems.append(
                problem(number, "manager_id", "import.unknown_manager", value=repr(manager))
            )
    if problems:
        return problems
    chain = dict(stored)
    chain.update(
        {r["external_id"]: r.get("manager_id") for r in parsed.records if r.get("external_id")}
    )
    cycle = find_manager_cycle(chain)
    if cycle:
        rows = {
            r["external_id"]: n for r, n in zip(parsed.records, parsed.row_numbers, strict=True)
        }
        where = next((rows[c] for c in cycle if c in rows), parsed.row_numbers[0])
        problems.append(
            problem(where, "manager_id", "import.manager_cycle", cycle=" → ".join(cycle))
        )
    return problems


def _check(parsed: ParsedTable, table: Table) -> None:
    if parsed.problems:
        raise ImportRejected(
            sorted(parsed.problems, key=lambda p: (p.row, p.column)), total_rows=len(table.rows)
        )


def import_people(
    db: Database,
    *,
    org: str,
    path: Path,
    limits: Limits,
    check_only: bool = False,
    actor: Actor | None = None,
) -> ImportReport:
    table = read_table(path, limits)
    parsed = parse_table(table, PEOPLE_COLUMNS, limits)
    parsed.problems.extend(duplicate_problems(parsed, "external_id"))
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        stored = repo.known_people(conn, org_id=organisation.id)
        parsed.problems.extend(_manager_problems(parsed, stored))
        _check(parsed, table)
        persons = [
            Person(
                external_id=r["external_id"],
                name=r["name"],
                email=r["email"],
                department=r["department"],
                manager_external_id=r["manager_id"],
                hire_date=r["hire_date"],
                role=r["role"],
                active=r["active"],
            )
            for r in parsed.records
        ]
        counts = repo.save_people(conn, org_id=organisation.id, persons=persons)
        rows = f"{len(table.rows)} rows"
        audit.record(
            conn,
            actor,
            Action.PEOPLE_IMPORT,
            org_id=organisation.id,
            object_type="people",
            object_id=rows,
        )  # a check-only run rolls this back with the rows
        if check_only:
            conn.rollback()
    return ImportReport(
        len(table.rows),
        counts.created,
        counts.updated,
        counts.unchanged,
        written=not check_only,
        ignored_columns=parsed.ignored_columns,
        encoding=table.encoding,
    )


def import_contacts(
    db: Database,
    *,
    org: str,
    path: Path,
    limits: Limits,
    check_only: bool = False,
    actor: Actor | None = None,
) -> ImportReport:
    table = read_table(path, limits)
    parsed = parse_table(table, CONTACT_COLUMNS, limits)
    parsed.problems.extend(duplicate_problems(parsed, "external_id"))
    _check(parsed, table)
    items = [
        Contact(
            external_id=r["external_id"],
            kind=ContactKind(r["kind"]),
            company=r["company"],
            person=r["person"],
            email=r["email"],
        )
        for r in parsed.records
    ]
    with db.engine.begin() as conn:
        organisation = org_repo.find_organisation(conn, org)
        counts = repo.save_contacts(conn, org_id=organisation.id, items=items)
        rows = f"{len(table.rows)} rows"
        audit.record(
            conn,
            actor,
            Action.CONTACTS_IMPORT,
            org_id=organisation.id,
            object_type="contacts",
            object_id=rows,
        )  # rolled back by a check-only run
        if check_only:
            conn.rollback()
    return ImportReport(
        len(table.rows),
        counts.created,
        counts.updated,
        counts.unchanged,
        written=not check_only,
        ignored_columns=parsed.ignored_columns,
        encoding=table.encoding,
    )


def list_people(db: Database, *, org: str) -> list[Person]:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.list_people(conn, org_id=organisation.id)


def list_contacts(db: Database, *, org: str) -> list[Contact]:
    with db.engine.connect() as conn:
        organisation = org_repo.find_organisation(conn, org)
        return repo.list_contacts(conn, org_id=organisation.id)
