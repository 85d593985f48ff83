"""Fixtures of the web tests: an application on a fresh database of each engine, two
organisations with users of every role, and helpers to sign in and answer surveys."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from orientir.config import Settings, load_settings
from orientir.domain.waves import WaveMode
from orientir.services import access
from orientir.services.api_tokens import create_token
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.passwords import use_hasher
from orientir.services.people import import_people
from orientir.services.sessions import LoginPolicy
from orientir.services.waves import NewWave, create_wave, open_wave
from orientir.storage.database import Database, open_database
from orientir.web import create_app

PASSWORD = "Correct-Horse-42"
STAFF = (
    "id,name,email,department,manager\n"
    "1,Анна,anna@example.ru,Продажи,\n"
    "2,Борис,boris@example.ru,Продажи/Москва,1\n"
    "3,Вера,,Продажи/Москва,2\n"
    "4,Глеб,,Сервис,1\n"
    "5,Дина,,Сервис,1\n"
    "6,Егор,,Сервис,1\n"
)
ROLES = [r.value for r in access.Role]


@pytest.fixture(autouse=True)
def cheap_hashes() -> Iterator[None]:
    """argon2 with small parameters: the tests sign in hundreds of times."""
    old = use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    use_hasher(old)


@pytest.fixture
def web_db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url, migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return load_settings(
        {"ORIENTIR_DATA_DIR": str(tmp_path), "ORIENTIR_BASE_URL": "http://testserver"},
        db=database_url,
    )


@pytest.fixture
def app(settings: Settings, web_db: Database) -> FastAPI:
    policy = LoginPolicy(per_account=5, per_address=50, window=timedelta(minutes=15))
    return create_app(settings, db=web_db, secure_cookies=False, login_policy=policy)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@dataclass
class World:
    """Organisation A (slug ``a``) with one user per role, and organisation B with its owner."""

    db: Database
    org_a: str
    org_b: str
    tokens: dict[str, str] = field(default_factory=dict)  # role (or "other") -> API token
    tmp: Path = Path()

    def email(self, role: str) -> str:
        return f"{role}@a.example.ru"


@pytest.fixture
def world(web_db: Database, tmp_path: Path) -> World:
    a = create_organisation(web_db, NewOrganisation("Ромашка"), this_year=2026).slug
    b = create_organisation(web_db, NewOrganisation("Лютик"), this_year=2026).slug
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_people(web_db, org=a, path=staff, limits=load_settings({}).limits)
    import_people(web_db, org=b, path=staff, limits=load_settings({}).limits)
    found = World(web_db, a, b, tmp=tmp_path)
    for role in ROLES:
        user_id = access.create_user(web_db, email=found.email(role), password=PASSWORD)
        access.grant_role(web_db, email=found.email(role), org=a, role=role)
        found.tokens[role] = create_token(web_db, user_id=user_id, name="tests")
    other = access.create_user(web_db, email="owner@b.example.ru", password=PASSWORD)
    access.grant_role(web_db, email="owner@b.example.ru", org=b, role="owner")
    found.tokens["other"] = create_token(web_db, user_id=other, name="tests")
    return found


def login(client: TestClient, email: str, password: str = PASSWORD) -> None:
    page = client.get("/admin/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    answer = client.post(
        "/admin/login",
        data={"email": email, "password": password, "login_csrf": token.group(1), "next": ""},
    )
    assert answer.status_code == 303, answer.text


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def open_wave_with_links(
    db: Database,
    org: str,
    instrument: str = "employee-co@1",
    *,
    mode: str | None = None,
    label: str | None = None,
) -> list[str]:
    """Create and open a wave; its personal tokens (or the shared one of an anonymous wave)."""
    new = NewWave(org, instrument, mode=WaveMode(mode) if mode else None, label=label)
    created = create_wave(db, new, limits=load_settings({}).limits)
    open_wave(db, org=org, wave=created.wave.label)
    if created.shared_token:
        return [created.shared_token]
    return [i.token for i in created.invitations]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test, so a fixture can see that the test failed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)
