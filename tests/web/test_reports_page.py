"""The reports page: the executive report downloaded as HTML and PDF from the admin area, with
the same headline index ``orientir index`` computes; a clear page when there is nothing to
report. On SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

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
