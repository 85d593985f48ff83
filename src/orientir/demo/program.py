"""The focal company's change program: a driver team, initiatives, and advocate cases.

Cases are opened the way the application opens them — by the case rules of
:mod:`orientir.services.cases` on each completed customer response — here for the latest
customer wave, with priorities from each customer's ABC class and lifetime value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from orientir.demo.model import Company
from orientir.domain.cases import CustomerValue
from orientir.domain.program import InitiativeStatus, ProgramRole
from orientir.services.cases import list_cases, on_response_completed, values_from
from orientir.services.program import NewInitiative, add_initiative, add_milestone, grant_role
from orientir.storage import organisations as org_repo
from orientir.storage import waves as wave_repo
from orientir.storage.database import Database
from orientir.storage.tables import responses

INITIATIVES = (  # title, component, budget (₽), months from the start: begin, end
    ("Голос клиента: ежеквартальные опросы и разбор результатов", "customers", 1_200_000, 0, 15),
    ("Обучение сотрудников работе с клиентами", "employees", 2_500_000, 2, 9),
    ("Один ответственный за каждого ключевого клиента", "customers", 800_000, 6, 18),
    ("Партнёрская программа для дистрибьюторов", "partners", 600_000, 9, 21),
)


def build_program(
    db: Database, company: Company, slug: str, *, today: date, values: Mapping[str, CustomerValue]
) -> dict[str, object]:
    drivers = [e.external_id for e in company.employees if e.role == "driver"]
    advocates = [
        e.external_id
        for e in company.employees
        if e.department.startswith("Сервис") and e.role == "specialist"
    ][:3]
    for person in advocates:
        grant_role(db, org=slug, person=person, role=ProgramRole.ADVOCATE)
    now = datetime.combine(today, time(9))
    start = company.program_start
    for i, (title, component, budget, begin, end) in enumerate(INITIATIVES):
        starts = start + timedelta(days=round(begin * 30.44))
        ends = start + timedelta(days=round(end * 30.44))
        status = (
            InitiativeStatus.DONE
            if ends < today
            else InitiativeStatus.ACTIVE
            if starts <= today
            else InitiativeStatus.PLANNED
        )
        initiative = add_initiative(
            db,
            NewInitiative(
                org=slug,
                title=title,
                owner=drivers[i % len(drivers)] if drivers else None,
                budget=str(budget),
                currency="RUB",
                status=status,
                starts_on=starts,
                ends_on=ends,
                component=component,
            ),
            now=now,
        )
        add_milestone(
            db,
            org=slug,
            initiative=str(initiative.id),
            title="Запуск",
            due_on=starts + timedelta(days=30),
            now=now,
        )
    opened = _open_cases(db, slug, values, now)
    cases = list_cases(db, org=slug, now=now)
    return {
        "drivers": len(drivers),
        "advocates": len(advocates),
        "initiatives": len(INITIATIVES),
        "cases_opened": opened,
        "cases_by_priority": dict(Counter(c.priority.value for c in cases)),
    }


def _open_cases(db: Database, slug: str, values: Mapping[str, CustomerValue], now: datetime) -> int:
    opened = 0
    with db.engine.begin() as conn:
        org_id = org_repo.find_organisation(conn, slug).id
        customer_waves = [
            w
            for w in wave_repo.list_waves(conn, org_id=org_id)
            if w.instrument_ref.startswith("customer-view@")
        ]
        latest = customer_waves[-1]
        ids = (
            conn.execute(
                select(responses.c.id).where(
                    responses.c.wave_id == latest.id, responses.c.complete.is_(True)
                )
            )
            .scalars()
            .all()
        )
        for response_id in ids:
            if (
                on_response_completed(
                    conn, response_id=response_id, now=now, values=values_from(values)
                )
                is not None
            ):
                opened += 1
    return opened
