"""Program and cases data for the web tests: in an organisation of the web ``World``, an advocate
who is also the ``advocate@…`` user, customers, a confidential customer wave whose unhappy
answers opened cases, an anonymous customer wave, and an initiative with a milestone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from orientir.config import Limits
from orientir.domain.program import InitiativeStatus, ProgramRole
from orientir.domain.waves import WaveMode
from orientir.services.cases import list_cases
from orientir.services.people import import_contacts, import_people
from orientir.services.program import NewInitiative, add_initiative, add_milestone, grant_role
from orientir.services.responding import submit_answers
from orientir.services.waves import NewWave, create_wave, open_wave
from orientir.storage.database import Database
from tests.web.conftest import STAFF

LIMITS = Limits()
CONTACTS = (
    "id,kind,company,person,email\n"
    "C1,customer,Альфа,Иван,ivan@alfa.ru\n"
    "C2,customer,Бета,Ольга,\n"
    "C3,customer,Гамма,,\n"
)
DETRACTOR = {"nps": 3, "csat": 4, "comment": "Долго отвечали на письма"}


@dataclass(frozen=True)
class ProgramData:
    initiative: int  # id of "Звонки новым клиентам"
    milestone: int
    cases: dict[str, int]  # customer -> case id


def add_program(db: Database, org: str, tmp: Path, *, advocate_email: str) -> ProgramData:
    """Cases for C1 (detractor) and C3 (complaint); C2 is happy; an anonymous complaint."""
    staff = tmp / f"staff-{org}.csv"
    staff.write_text(STAFF + f"7,Ася Адвокатова,{advocate_email},Сервис,1\n", encoding="utf-8")
    import_people(db, org=org, path=staff, limits=LIMITS)
    contacts = tmp / f"contacts-{org}.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    import_contacts(db, org=org, path=contacts, limits=LIMITS)
    grant_role(db, org=org, person="7", role=ProgramRole.ADVOCATE)
    grant_role(db, org=org, person="1", role=ProgramRole.DRIVER)
    created = create_wave(
        db, NewWave(org, "customer-view@1", label="cx", mode=WaveMode.CONFIDENTIAL), limits=LIMITS
    )
    open_wave(db, org=org, wave="cx")
    tokens = {i.respondent: i.token for i in created.invitations}
    today = date.today()
    for who, answers in (
        ("C1", DETRACTOR),
        ("C2", {"nps": 10, "csat": 5, "comment": "Всё отлично"}),
        ("C3", {"nps": 9, "comment": "Хочу вернуть деньги за заказ"}),
    ):
        submit_answers(db, token=tokens[who], answers=answers, idempotency_key=who, today=today)
    anonymous = create_wave(
        db, NewWave(org, "customer-view@1", label="anon", mode=WaveMode.ANONYMOUS), limits=LIMITS
    )
    open_wave(db, org=org, wave="anon")
    assert anonymous.shared_token is not None
    submit_answers(
        db,
        token=anonymous.shared_token,
        answers={"nps": 0, "comment": "жалоба: верните деньги"},
        idempotency_key="anon",
        today=today,
    )
    initiative = add_initiative(
        db,
        NewInitiative(
            org=org,
            title="Звонки новым клиентам",
            owner="1",
            budget="1 500 000",
            currency="RUB",
            status=InitiativeStatus.ACTIVE,
            starts_on=date(2026, 1, 15),
            ends_on=date(2026, 9, 30),
            component="customers",
        ),
    )
    with_step = add_milestone(
        db, org=org, initiative=str(initiative.id), title="Скрипт", due_on=date(2026, 2, 1)
    )
    found = {c.customer or "": c.id for c in list_cases(db, org=org)}
    return ProgramData(initiative.id, with_step.milestones[0].id, found)
