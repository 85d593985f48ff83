"""The reports page: the executive report downloaded as HTML and PDF from the admin area, with
the same headline index ``orientir index`` computes; a clear page when there is nothing to
report. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from orientir.config import load_settings
from orientir.services.orientation import organisation_index
from orientir.services.responding import save_answers, submit_answers
from orientir.services.waves import close_wave
from tests.web.conftest import World, login, open_wave_with_links
from tests.web.survey_helpers import pages

ENPS = [9, 10, 3, 7, 9, 2]  # 3 promoters, 2 detractors of 6: eNPS 1/6


@pytest.fixture
def closed_wave(world: World) -> float:
    """A closed employee wave of six; returns the headline index it gives."""
    tokens = open_wave_with_links(world.db, world.org_a, label="spring")
    answers = {k: int(v) for form in pages("employee-co@1") for k, v in form.items()}
    for number, token in enumerate(tokens):
        save_answers(world.db, token=token, answers={**answers, "enps": ENPS[number]})
        submit_answers(world.db, token=token, answers={}, idempotency_key=f"k{number}")
    close_wave(world.db, org=world.org_a, wave="spring")
    value = organisation_index(world.db, org=world.org_a, k=5, n_boot=0).value
    assert value is not None
    return value


def _url(world: World, *parts: str) -> str:
    return "/".join([f"/admin/o/{world.org_a}", "reports", *parts])


def test_the_report_downloads_as_html_and_pdf(
    client: TestClient, world: World, closed_wave: float
) -> None:
    login(client, world.email("analyst"))
    page = client.get(_url(world))
    assert page.status_code == 200
    assert 'value="spring"' in page.text
    html = client.get(_url(world, "download"), params={"format": "html", "report_lang": "en"})
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert html.headers["content-disposition"].startswith('attachment; filename="report-')
    text = html.text
    assert f"{closed_wave:.1f}" == "58.3"  # (1/6·100 + 100) / 2: the eNPS on the 0–100 scale
    assert re.search(r"The headline index \(58\.3\)", text)
    assert "Ромашка" in text
    assert "<script" not in text.lower()  # self-contained and static
    russian = client.get(
        _url(world, "download"), params={"format": "html", "report_lang": "ru", "wave": "spring"}
    )
    assert russian.status_code == 200
    assert "Клиентоориентированность — 58,3 из 100" in russian.text
    pdf = client.get(_url(world, "download"), params={"format": "pdf", "report_lang": "ru"})
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(pdf.content) > 10_000


def test_without_a_closed_wave_the_page_says_there_is_nothing_to_report(
    client: TestClient, world: World
) -> None:
    open_wave_with_links(world.db, world.org_a, label="still-open")
    login(client, world.email("owner"))
    page = client.get(_url(world))
    assert "no closed survey wave" in page.text
    answer = client.get(_url(world, "download"), params={"format": "pdf"})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "There is nothing to report yet" in answer.text


def test_an_unknown_wave_and_an_advocate_are_refused(
    client: TestClient, world: World, closed_wave: float
) -> None:
    login(client, world.email("viewer"))
    unknown = client.get(_url(world, "download"), params={"wave": "no-such-wave"})
    assert unknown.status_code == 422
    assert "not a closed wave of this organisation" in unknown.text
    login(client, world.email("advocate"))
    assert client.get(_url(world)).status_code == 403
    assert client.get(_url(world, "download")).status_code == 403


def test_a_report_being_built_does_not_hold_up_other_requests(tmp_path: Path) -> None:
    """On SQLite the application runs its plain handlers on one thread; a PDF takes seconds, so
    it is built on threads of its own and the site keeps answering meanwhile (a real server)."""
    import threading
    import time

    import httpx

    from orientir.services import access
    from orientir.services.organisations import NewOrganisation, create_organisation
    from orientir.services.people import import_people
    from orientir.storage.database import open_database
    from tests.web.conftest import PASSWORD, STAFF
    from tests.web.live_server import serving

    path = tmp_path / "orientir.db"
    db = open_database(f"sqlite:///{path}")
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_people(db, org=slug, path=staff, limits=load_settings({}).limits)
    tokens = open_wave_with_links(db, slug, label="spring")
    answers = {k: int(v) for form in pages("employee-co@1") for k, v in form.items()}
    for number, token in enumerate(tokens):
        save_answers(db, token=token, answers={**answers, "enps": ENPS[number]})
        submit_answers(db, token=token, answers={}, idempotency_key=f"k{number}")
    close_wave(db, org=slug, wave="spring")
    access.create_user(db, email="owner@a.example.ru", password=PASSWORD)
    access.grant_role(db, email="owner@a.example.ru", org=slug, role="owner")
    db.dispose()
    with serving(str(path), log=tmp_path / "server.log") as base:
        browser = httpx.Client(base_url=base, follow_redirects=False, timeout=120)
        form = browser.get("/admin/login").text
        login_token = re.search(r'name="login_csrf" value="([^"]+)"', form)
        assert login_token is not None
        signed_in = browser.post(
            "/admin/login",
            data={
                "email": "owner@a.example.ru",
                "password": PASSWORD,
                "login_csrf": login_token.group(1),
                "next": "",
            },
        )
        assert signed_in.status_code == 303
        finished: dict[str, float] = {}

        def download() -> None:
            answer = browser.get(f"/admin/o/{slug}/reports/download", params={"format": "pdf"})
            assert answer.content.startswith(b"%PDF")
            finished["pdf"] = time.monotonic()

        worker = threading.Thread(target=download)
        worker.start()
        time.sleep(1.0)  # the report is being built now
        started = time.monotonic()
        with httpx.Client(base_url=base, timeout=30) as other:
            assert other.get("/healthz").status_code == 200
            assert other.get("/admin/login").status_code == 200
        answered = time.monotonic()
        worker.join(timeout=120)
        browser.close()
    assert "pdf" in finished
    assert answered - started < 1.5
    assert answered < finished["pdf"]  # answered while the PDF was still being made
