"""In Debian's Chromium through Playwright, against a real ``orientir serve`` process: an advocate
signs in, opens the case of an unhappy customer, takes it into work and resolves it with a
note — and the database holds every step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from orientir.domain.cases import CaseStatus
from orientir.services import access
from orientir.services.cases import show_case
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.storage.database import Database, open_database
from tests.web.conftest import PASSWORD
from tests.web.live_server import serving
from tests.web.program_helpers import ProgramData, add_program
from tests.web.test_browser import browser, page  # noqa: F401  (the shared browser fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ADVOCATE = "advocate@a.example.ru"


@pytest.fixture(scope="module")
def cases_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Database, str, ProgramData]]:
    folder = tmp_path_factory.mktemp("browser-cases")
    path = folder / "orientir.db"
    db = open_database(f"sqlite:///{path}")
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    data = add_program(db, slug, Path(folder), advocate_email=ADVOCATE)
    access.create_user(db, email=ADVOCATE, password=PASSWORD)
    access.grant_role(db, email=ADVOCATE, org=slug, role="advocate")
    with serving(str(path), log=folder / "server.log") as base:
        yield base, db, slug, data
    db.dispose()


def test_an_advocate_takes_up_and_resolves_a_case(
    cases_site: tuple[str, Database, str, ProgramData],
    page: object,  # noqa: F811
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base, db, slug, data = cases_site
    case = data.cases["C1"]
    page.goto(f"{base}/admin/")
    page.get_by_label("E-mail").fill(ADVOCATE)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Cases", exact=True).click()
    expect(page.get_by_role("heading", name="Cases")).to_be_visible()
    page.get_by_label("Only mine").check()
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#case-list")).to_contain_text("Альфа")
    page.get_by_role("link", name=f"Case {case}", exact=True).click()
    expect(page.locator("#case-status")).to_have_text("open")
    expect(page.locator("#answers")).to_contain_text("Долго отвечали на письма")
    page.get_by_role("button", name="Take into work").click()
    expect(page.locator("#case-status")).to_have_text("in progress")
    # Resolving without saying what was done is refused, with the reason on the page.
    page.get_by_role("button", name="Mark resolved").click()
    expect(page.get_by_role("alert")).to_contain_text("write in the note what was done")
    expect(page.locator("#case-status")).to_have_text("in progress")
    page.get_by_label("Note", exact=True).first.fill("Позвонили клиенту, извинились, дали скидку")
    page.get_by_role("button", name="Mark resolved").click()
    expect(page.locator("#case-status")).to_have_text("resolved")
    expect(page.locator("#history")).to_contain_text("Позвонили клиенту, извинились, дали скидку")
    expect(page.get_by_role("button", name="Close")).to_be_visible()
    detail = show_case(db, org=slug, case_id=case)
    assert detail.case.status is CaseStatus.RESOLVED
    moves = [(e.from_status, e.to_status) for e in detail.events if e.kind == "status"]
    assert moves == [("open", "in_progress"), ("in_progress", "resolved")]
    assert detail.events[-1].author == ADVOCATE
