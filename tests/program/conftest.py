"""An organisation with a driver, two advocates, customers and a partner, an open confidential
customer wave, an identified partner wave and an anonymous customer wave; plus a real SMTP
server and a real HTTP receiver for the notification tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from orientir.config import Limits
from orientir.domain.program import ProgramRole
from orientir.domain.waves import WaveMode
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_contacts, import_people
from orientir.services.program import grant_role
from orientir.services.responding import Receipt, submit_answers
from orientir.services.waves import NewWave, create_wave, open_wave
from orientir.storage.database import Database
from tests.program.receivers import HttpReceiver, SmtpReceiver

LIMITS = Limits()
TODAY = date(2026, 3, 10)
STAFF = (
    "id,name,email,department,role\n"
    "D1,Дина,dina@example.ru,Управление,Драйвер\n"  # a driver through the people file
    "A1,Артём,artem@example.ru,Сервис,\n"
    "A2,Алла,alla@example.ru,Сервис,\n"
    "E1,Егор,,Продажи,Менеджер\n"
)
CONTACTS = (
    "id,kind,company,person,email\n"
    "C1,customer,Альфа,Иван,ivan@alfa.ru\n"
    "C2,customer,Бета,Ольга,\n"
    "C3,customer,Гамма,,\n"
    "C4,customer,Дельта,,\n"
    "P1,partner,Поставщик,,\n"
)


@dataclass
class World:
    db: Database
    org: str
    tokens: dict[str, str]  # respondent external id -> personal link token
    anonymous_token: str
    _keys: Iterator[int] = field(default_factory=itertools.count)

    def answer(self, respondent: str, **answers: Any) -> Receipt:
        return submit_answers(
            self.db,
            token=self.tokens[respondent],
            answers=answers,
            idempotency_key=f"{respondent}-{next(self._keys)}",
            today=TODAY,
        )

    def answer_anonymously(self, **answers: Any) -> Receipt:
        return submit_answers(
            self.db,
            token=self.anonymous_token,
            answers=answers,
            idempotency_key=f"anon-{next(self._keys)}",
            today=TODAY,
        )


def build_world(db: Database, tmp_path: Path) -> World:
    org = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    staff, contacts = tmp_path / "staff.csv", tmp_path / "contacts.csv"
    staff.write_text(STAFF, encoding="utf-8")
    contacts.write_text(CONTACTS, encoding="utf-8")
    import_people(db, org=org, path=staff, limits=LIMITS)
    import_contacts(db, org=org, path=contacts, limits=LIMITS)
    for advocate in ("A1", "A2"):
        grant_role(db, org=org, person=advocate, role=ProgramRole.ADVOCATE)
    tokens: dict[str, str] = {}
    for instrument, label, mode in (
        ("customer-view@1", "cx", WaveMode.CONFIDENTIAL),
        ("partner-view@1", "px", WaveMode.IDENTIFIED),
    ):
        created = create_wave(db, NewWave(org, instrument, label=label, mode=mode), limits=LIMITS)
        open_wave(db, org=org, wave=label)
        tokens.update({i.respondent: i.token for i in created.invitations})
    anonymous = create_wave(
        db, NewWave(org, "customer-view@1", label="anon", mode=WaveMode.ANONYMOUS), limits=LIMITS
    )
    open_wave(db, org=org, wave="anon")
    assert anonymous.shared_token is not None
    return World(db, org, tokens, anonymous.shared_token)


@pytest.fixture
def world(db: Database, tmp_path: Path) -> World:
    return build_world(db, tmp_path)


@pytest.fixture
def smtp_server() -> Iterator[SmtpReceiver]:
    server = SmtpReceiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def http_receiver() -> Iterator[HttpReceiver]:
    receiver = HttpReceiver()
    receiver.start()
    yield receiver
    receiver.stop()
