"""In Debian's Chromium through Playwright, against a real ``orientir serve`` process:

1. a respondent answers in Russian on a phone-sized screen, reloads half-way and resumes;
2. an owner signs in, creates and opens a wave, and watches the response count change.

A screenshot of every failing test is saved under ``artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from orientir.config import load_settings
from orientir.services import access
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_people
from orientir.storage.database import Database, open_database
from orientir.storage.tables import responses
from tests.web.conftest import PASSWORD, STAFF, open_wave_with_links
from tests.web.live_server import serving
from tests.web.survey_helpers import pages

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Database, str]]:
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "orientir.db"
    db = open_database(f"sqlite:///{path}")
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    staff = folder / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_people(db, org=slug, path=staff, limits=load_settings({}).limits)
    access.create_user(db, email="owner@a.example.ru", password=PASSWORD)
    access.grant_role(db, email="owner@a.example.ru", org=slug, role="owner")
    with serving(str(path), log=folder / "server.log") as base:
        yield base, db, slug
    db.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "locale": "ru-RU",
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser page: phone-sized and Russian for tests whose name says ``phone``."""
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(**(PHONE if "phone" in request.node.name else DESKTOP))
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _count(db: Database, complete: bool) -> int:
    with db.engine.connect() as conn:
        query = (
            select(func.count()).select_from(responses).where(responses.c.complete.is_(complete))
        )
        return int(conn.execute(query).scalar_one())


def _answer_page(page: object, form: dict[str, object], only: int | None = None) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    for index, (item, value) in enumerate(form.items()):
        if only is not None and index >= only:
            break
        field = page.locator(f'[name="{item}"]')
        kind = field.first.get_attribute("type")
        if kind in {"radio", "checkbox"}:
            for chosen in value if isinstance(value, list) else [value]:
                page.locator(f'[name="{item}"][value="{chosen}"]').check()
        else:
            field.fill(str(value))


def test_respondent_answers_in_russian_on_a_phone_and_resumes(
    site: tuple[str, Database, str], page: object
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base, db, slug = site
    token = open_wave_with_links(db, slug, label="browser-respondent")[0]
    forms = pages("employee-co@1")
    page.goto(f"{base}/s/{token}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_role("link", name="Начать опрос").click()
    expect(page.get_by_text(f"Страница 1 из {len(forms)}")).to_be_visible()
    # The first answer by keyboard alone: Tab into the group, arrows choose, space confirms.
    first_item = next(iter(forms[0]))
    page.locator(f'[name="{first_item}"][value="1"]').focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f'[name="{first_item}"][value="3"]')).to_be_checked()
    _answer_page(page, forms[0])
    page.get_by_role("button", name="Сохранить и продолжить").click()
    expect(page.get_by_text(f"Страница 2 из {len(forms)}")).to_be_visible()
    # Half of page 2, saved by the script as the respondent goes; then a reload.
    half = max(1, len(forms[1]) // 2)
    _answer_page(page, forms[1], only=half)
    expect(page.locator(".autosave-status")).to_have_text("Сохранено", timeout=5000)
    page.reload()
    for item, value in list(forms[1].items())[:half]:
        expect(page.locator(f'[name="{item}"][value="{value}"]')).to_be_checked()
    _answer_page(page, forms[1])
    page.get_by_role("button", name="Сохранить и продолжить").click()
    for number in range(3, len(forms) + 1):
        expect(page.get_by_text(f"Страница {number} из {len(forms)}")).to_be_visible()
        _answer_page(page, forms[number - 1])
        page.locator('button[name="nav"][value="next"]').click()
    expect(page.get_by_role("heading", name="Проверка и отправка")).to_be_visible()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("heading", name="Спасибо!")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert _count(db, complete=True) >= 1


def test_owner_creates_opens_and_watches_a_wave(
    site: tuple[str, Database, str], page: object
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base, _db, _slug = site
    page.goto(f"{base}/admin/")
    page.get_by_label("E-mail").fill("owner@a.example.ru")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Ромашка")).to_be_visible()
    page.get_by_role("link", name="Waves", exact=True).click()
    page.get_by_role("link", name="New wave").click()
    page.get_by_label("Instrument").select_option("employee-co@1")
    page.get_by_label("Wave").fill("browser-owner")
    page.get_by_role("button", name="Create the wave").click()
    expect(page.get_by_text("shown once")).to_be_visible()
    links = re.findall(r"/s/([A-Za-z0-9_-]{20,})", page.locator("#links").inner_text())
    assert len(links) == 6
    page.get_by_role("link", name="To the wave").click()
    page.get_by_role("button", name="Open the wave").click()
    expect(page.locator("#wave-status")).to_have_text("open")
    completed = page.locator("#completed-count")
    expect(completed).to_have_text("0")
    with httpx.Client(base_url=base, follow_redirects=False) as respondent:
        for number, form in enumerate(pages("employee-co@1"), 1):
            respondent.post(f"/s/{links[0]}/p/{number}", data=form)
        done = respondent.post(f"/s/{links[0]}/submit", data={"idempotency_key": "browser-1"})
        assert done.status_code == 303
    expect(completed).to_have_text("1", timeout=8000)  # the page's script polls every 2 s
