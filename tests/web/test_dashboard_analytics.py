"""The analysis pages of the admin area — index, customers (with NPS by ABC class), culture and
comments — on SQLite and PostgreSQL: the figures are those of the services, hand-checked where
a hand computation is short, and the anonymity guard holds on the page.

One test drives Debian's Chromium against a real ``orientir serve`` and fails on any console
error (a script error, or a style or script the Content-Security-Policy refused).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from orientir.config import Limits
from orientir.customers import abc, btyd_summary, rfm
from orientir.customers.value import ValueOptions, customer_value
from orientir.demo.model import draw_company, draw_customers, draw_transactions
from orientir.demo.plan import FOCAL, plan_waves
from orientir.demo.store import as_contact, as_person, store_contacts, store_people, store_wave
from orientir.domain.organisations import ContactKind
from orientir.errors import OrientirError
from orientir.instruments.model import Format, Item
from orientir.services import access
from orientir.services.customer_base import import_transactions, transaction_log
from orientir.services.dashboard_culture import comments_board, culture_board
from orientir.services.dashboard_customers import customers_board
from orientir.services.dashboard_index import index_board
from orientir.services.organisations import NewOrganisation, create_organisation, find_organisation
from orientir.services.orientation import organisation_index
from orientir.services.people import import_contacts, import_people
from orientir.services.responding import submit_answers
from orientir.services.waves import NewWave, close_wave, create_wave, open_wave
from orientir.storage.database import Database, open_database
from orientir.text import sample_comment
from tests.web.conftest import PASSWORD, World, login

LIMITS = Limits()
TODAY = date(2026, 6, 30)
K = 5  # the settings' default ORIENTIR_MIN_GROUP_SIZE
# Three departments of six and a store room of two: the store room is under k.
DEPARTMENTS = {"Продажи": 6, "Сервис": 6, "Маркетинг": 6, "Склад": 2}
ENPS = {"Продажи": 9, "Сервис": 7, "Маркетинг": 10, "Склад": 2}  # each department's answer
# Customers by class (see _log): six A, six B, eight C, and each one's NPS answer.
NPS = {
    "A": [10, 10, 9, 6, 8, 3],  # 3 promoters, 2 detractors of 6: NPS 16.7
    "B": [9, 9, 9, 9, 7, 10],  # 5 promoters, no detractor of 6: NPS 83.3
    "C": [2, 3, 4, 5, 9, 10, 8, 1],  # 2 promoters, 5 detractors of 8: NPS −37.5
}


def _customers() -> list[tuple[str, str, int]]:
    """(customer id, class, NPS answer) in id order."""
    out, number = [], 1
    for cls, answers in NPS.items():
        for answer in answers:
            out.append((f"C{number:02d}", cls, answer))
            number += 1
    return out


def _log() -> str:
    """A 1C-style log. Each class's customers spend the same in total — A 70 000 (84 % of
    revenue together), B 10 000, C 2 500 — so the 80/15/5 rule gives A, B and C exactly as
    built (see abc's notes); how often and since when they buy varies, for the CLV models."""
    lines = ["Клиент;Дата;Сумма"]
    totals = {"A": 70_000, "B": 10_000, "C": 2_500}
    base = {"A": 4, "B": 2, "C": 1}
    for i, (customer, cls, _) in enumerate(_customers()):
        times = base[cls] + i % (3 if cls == "C" else 4)
        day = date(2025, 7, 1) + timedelta(days=3 * i)
        amount = f"{totals[cls] / times:.2f}".replace(".", ",")
        for _ in range(times):
            lines.append(f"{customer};{day:%d.%m.%Y};{amount}")
            day += timedelta(days=20 + 7 * (i % 5))
    return "\n".join(lines) + "\n"


def _fill(db: Database, org: str, folder: Path) -> None:
    """People, contacts, a closed employee and customer wave, and the transaction log."""
    staff = ["id,name,department"]
    n = 0
    for department, size in DEPARTMENTS.items():
        for _ in range(size):
            n += 1
            staff.append(f"e{n:02d},Сотрудник {n},{department}")
    (folder / "staff.csv").write_text("\n".join(staff) + "\n", encoding="utf-8")
    import_people(db, org=org, path=folder / "staff.csv", limits=LIMITS)
    contacts = "id,kind\n" + "".join(f"{c},customer\n" for c, _, _ in _customers())
    (folder / "contacts.csv").write_text(contacts, encoding="utf-8")
    import_contacts(db, org=org, path=folder / "contacts.csv", limits=LIMITS)
    department_of = {
        f"e{i:02d}": d
        for i, d in enumerate((d for d, size in DEPARTMENTS.items() for _ in range(size)), 1)
    }
    employees = create_wave(db, NewWave(org, "employee-co@1", label="emp"), limits=LIMITS)
    open_wave(db, org=org, wave="emp")
    for number, link in enumerate(employees.invitations):
        department = department_of.get(link.respondent)
        if department is None:
            continue  # the people of the shared fixture do not answer
        answers: dict[str, object] = {f"needs{i}": 4 for i in range(1, 6)}
        answers |= {f"enjoy{i}": 4 for i in range(1, 6)} | {"enps": ENPS[department]}
        submit_answers(
            db, token=link.token, answers=answers, idempotency_key=f"e{number}", today=TODAY
        )
    close_wave(db, org=org, wave="emp")
    survey = create_wave(db, NewWave(org, "customer-view@1", label="cv"), limits=LIMITS)
    open_wave(db, org=org, wave="cv")
    tokens = {i.respondent: i.token for i in survey.invitations}
    for customer, _, score in _customers():
        submit_answers(
            db,
            token=tokens[customer],
            answers={"nps": score, "csat": 4},
            idempotency_key=customer,
            today=TODAY,
        )
    close_wave(db, org=org, wave="cv")
    (folder / "log.csv").write_bytes(_log().encode("cp1251"))
    import_transactions(db, org=org, path=folder / "log.csv", limits=LIMITS)


@pytest.fixture
def filled(world: World) -> World:
    _fill(world.db, world.org_a, world.tmp)
    return world


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def _row(page: str, attribute: str, value: str, within: str | None = None) -> str:
    """The text of the table row carrying ``attribute="value"`` (inside element ``within``)."""
    if within is not None:
        found = re.search(rf'id="{within}".*?</table>', page, re.S)
        assert found is not None, f"no #{within} on the page"
        page = found.group(0)
    row = re.search(rf'<tr[^>]*{attribute}="{re.escape(value)}"[^>]*>(.*?)</tr>', page, re.S)
    assert row is not None, f"no row {attribute}={value}"
    return " ".join(_text(row.group(1)).split())


def test_dashboard_texts_have_both_languages() -> None:
    import string

    from orientir import i18n
    from orientir.web import messages  # registers the web texts; its folder has the templates

    def fields(text: str) -> list[str]:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)

    keys = [k for k in i18n.catalogue() if k.startswith("dash.")]
    assert len(keys) > 100
    for key in keys:
        texts = i18n.catalogue()[key]
        assert texts["en"].strip(), key
        assert texts["ru"].strip(), key
        assert fields(texts["en"]) == fields(texts["ru"]), key
    templates = Path(messages.__file__).with_name("templates") / "admin"
    used = set()
    for name in ("dash_index", "customers", "dash_culture", "dash_comments", "dash_nav"):
        used |= set(re.findall(r"_\('(dash\.[a-z_.]+)'", (templates / f"{name}.html").read_text()))
    used = {key for key in used if not key.endswith(".")}  # prefixes completed in the template
    assert used <= set(keys), used - set(keys)
    for prefix, endings in (
        ("dash.verdict.", ("above", "below", "level", "aligned", "unclear", "rising", "stable")),
        ("dash.nps.none.", ("no_wave", "anonymous", "no_transactions")),
    ):
        assert {prefix + ending for ending in endings} <= set(keys)


def test_index_page_shows_the_service_value(client: TestClient, filled: World) -> None:
    login(client, filled.email("viewer"))
    page = client.get(f"/admin/o/{filled.org_a}/index?lang=en")
    assert page.status_code == 200
    expected = organisation_index(filled.db, org=filled.org_a, k=K)
    assert expected.value is not None
    assert expected.ci is not None
    shown = re.search(r'<strong id="index-value">([^<]+)</strong>', page.text)
    assert shown is not None
    assert shown.group(1) == f"{expected.value:.1f}"
    # The employees' component only: 6 + 6 + 6 promoters or passives and 2 detractors.
    # eNPS scored 100/50/0: Продажи 100, Сервис 50, Маркетинг 100, Склад 0 → (600+300+600)/20.
    assert expected.value == pytest.approx(75.0)
    ci = re.search(r'<dd id="index-ci">([^<]+)</dd>', page.text)
    assert ci is not None
    assert ci.group(1) == f"{expected.ci[0]:.1f}–{expected.ci[1]:.1f}"
    assert f"{expected.value:.1f}" in client.get(f"/admin/o/{filled.org_a}/dashboard").text
    russian = client.get(f"/admin/o/{filled.org_a}/index?lang=ru").text
    assert "Индекс клиентоориентированности" in russian
    assert f"{expected.value:.1f}".replace(".", ",") in russian


def test_index_page_hides_a_small_department(client: TestClient, filled: World) -> None:
    login(client, filled.email("owner"))
    page = client.get(f"/admin/o/{filled.org_a}/index?lang=en").text
    guarded = organisation_index(filled.db, org=filled.org_a, by="department", k=K)
    groups = {g.group: g for g in guarded.groups}
    assert groups["Склад"].suppressed
    assert groups["Склад"].value is None
    store = _row(page, "data-group", "Склад", within="index-departments")
    assert "hidden" in store
    # Its two detractors would show as 0.0: no figure of the row may be written at all.
    assert not re.search(r"\d", store.replace("fewer than 5", "")), store
    shown = [g for g in groups.values() if not g.suppressed]
    assert shown, "the guard hid every department"
    for group in shown:
        assert group.value is not None
        assert f"{group.value:.1f}" in _row(page, "data-group", group.group, "index-departments")
    # Hiding one of three siblings would let it be worked out from the whole: a second goes.
    assert sum(g.suppressed for g in groups.values()) >= 2


def test_nps_by_abc_class_matches_a_hand_computation(client: TestClient, filled: World) -> None:
    login(client, filled.email("analyst"))
    page = client.get(f"/admin/o/{filled.org_a}/customers?lang=en").text
    expected = {"A": "16.7", "B": "83.3", "C": "\u221237.5", "(all)": "15.0"}  # 10 P, 7 D of 20
    counts = {"A": "6", "B": "6", "C": "8", "(all)": "20"}
    for group, value in expected.items():
        row = _row(page, "data-group", group, within="nps-abc")
        assert f" {counts[group]} {value} " in f" {row} ", row
    assert "Detractors among A customers: 0" not in page
    # Two of six A customers are detractors: fewer than k, so the count is itself hidden.
    assert "Detractors among A customers: hidden" in page
    assert "20 of 20 respondents were found" in " ".join(_text(page).split())


def test_customers_page_matches_the_services(client: TestClient, filled: World) -> None:
    login(client, filled.email("viewer"))
    page = client.get(f"/admin/o/{filled.org_a}/customers?lang=en").text
    log = transaction_log(filled.db, org=filled.org_a)
    classes = abc(log).to_pandas()["abc_class"].value_counts().to_dict()
    assert classes == {"A": 6, "B": 6, "C": 8}
    for cls, n in classes.items():
        assert _row(page, "data-class", cls, within="abc-table").split()[1] == str(n)
    segments = rfm(log).to_pandas()["segment"].value_counts().to_dict()
    for code, n in segments.items():
        assert _row(page, "data-segment", code, within="rfm-table").split()[-2] == str(n)
    summary = f"20 customers, {log.num_rows} transactions"
    assert summary in _text(page)
    # Twenty customers cannot identify BG/NBD: the page says so instead of showing a guess.
    with pytest.raises(OrientirError):
        customer_value(btyd_summary(log), ValueOptions())
    assert "Lifetime value could not be estimated from this log" in page
    assert 'id="clv-total"' not in page
    assert "<svg" in page
    assert "<script" not in page.split("</main>")[0]


def test_customer_models_are_fitted_once_per_transaction_count(
    filled: World, tmp_path: Path
) -> None:
    first = customers_board(filled.db, org=filled.org_a, k=K)
    assert customers_board(filled.db, org=filled.org_a, k=K) is first
    more = tmp_path / "more.csv"
    more.write_bytes("Клиент;Дата;Сумма\nC20;15.06.2026;500\n".encode("cp1251"))
    import_transactions(filled.db, org=filled.org_a, path=more, limits=LIMITS)
    again = customers_board(filled.db, org=filled.org_a, k=K)
    assert again is not first
    assert again.transactions == first.transactions + 1


def test_analyses_are_kept_per_data_version(filled: World) -> None:
    db, org = filled.db, filled.org_a
    first = index_board(db, org=org, k=K)
    assert index_board(db, org=org, k=K) is first
    assert comments_board(db, org=org, k=K) is comments_board(db, org=org, k=K)
    # A wave being answered: the index reads closed waves only and keeps its result; comments
    # read open waves too, whose answers change in place, so they are computed afresh.
    created = create_wave(db, NewWave(org, "customer-view@1", label="cv2"), limits=LIMITS)
    open_wave(db, org=org, wave="cv2")
    submit_answers(
        db,
        token=created.invitations[0].token,
        answers={"nps": 9, "comment": "Всё хорошо"},
        idempotency_key="x",
        today=TODAY,
    )
    assert index_board(db, org=org, k=K) is first
    assert comments_board(db, org=org, k=K) is not comments_board(db, org=org, k=K)
    close_wave(db, org=org, wave="cv2")
    again = index_board(db, org=org, k=K)
    assert again is not first  # a newly closed wave is a new version
    assert again.chosen is None
    assert {c.label for c in again.choices if c.used} >= {"cv2", "emp"}


def test_no_transactions_says_so(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/customers?lang=en")
    assert page.status_code == 200
    assert 'id="no-transactions"' in page.text
    assert "orientir customers import" in page.text
    assert "No closed customer survey" in page.text or "No transactions" in page.text
    russian = client.get(f"/admin/o/{world.org_a}/customers?lang=ru").text
    assert "Журнал продаж этой организации ещё не загружен" in russian


@pytest.mark.parametrize("path", ["dashboard", "index", "customers", "culture", "comments"])
def test_another_organisation_gets_404(client: TestClient, filled: World, path: str) -> None:
    login(client, "owner@b.example.ru")
    assert client.get(f"/admin/o/{filled.org_a}/{path}").status_code == 404
    assert client.get(f"/admin/o/{filled.org_b}/{path}").status_code == 200


def test_an_advocate_may_not_read_the_analyses(client: TestClient, world: World) -> None:
    login(client, world.email("advocate"))
    for path in ("index", "customers", "culture", "comments"):
        assert client.get(f"/admin/o/{world.org_a}/{path}").status_code == 403


def _comment(item: Item, level: float, rng: np.random.Generator) -> str | None:
    if item.format is not Format.TEXT or rng.random() > 0.6:
        return None
    return sample_comment("delivery" if level < 0.5 else "praise", "ru", rng)


def _generated(db: Database, org: str, folder: Path) -> None:
    """A generated company's culture, employee and customer waves, stored into ``org``."""
    rng = np.random.default_rng(11)
    company = draw_company(
        rng, name="Тест", prefix="g", today=TODAY, headcount=36, departments=3, focal=True
    )
    customers = draw_customers(rng, company, n=300, start=date(2025, 1, 1), prefix="g")
    waves = plan_waves(company, customers, [], rng, FOCAL, _comment)
    organisation = find_organisation(db, org)
    with db.engine.begin() as conn:
        store_people(
            conn, org_id=organisation.id, persons=[as_person(e) for e in company.employees]
        )
        store_contacts(
            conn,
            org_id=organisation.id,
            contacts=[
                as_contact(c.external_id, ContactKind.CUSTOMER, c.company, c.email)
                for c in customers
            ],
        )
        for wave in waves:
            store_wave(conn, org_id=organisation.id, wave=wave)
    ids, days, amounts = draw_transactions(rng, customers, end=TODAY)
    log = folder / "generated.csv"
    pd.DataFrame({"customer_id": ids, "date": days, "amount": amounts}).to_csv(log, index=False)
    import_transactions(db, org=org, path=log, limits=LIMITS)


def test_lifetime_value_matches_an_independent_fit(client: TestClient, world: World) -> None:
    _generated(world.db, world.org_b, world.tmp)
    login(client, "owner@b.example.ru")
    page = client.get(f"/admin/o/{world.org_b}/customers?lang=en").text
    log = transaction_log(world.db, org=world.org_b)
    fitted, _ = customer_value(btyd_summary(log), ValueOptions())
    total = float(np.nansum(np.asarray(fitted.column("clv").to_numpy(), dtype=float)))
    shown = re.search(r'<dd id="clv-total">([^<]+)</dd>', page)
    assert shown is not None
    assert shown.group(1) == f"{total:,.0f}"
    classes = abc(log).to_pandas()["abc_class"].value_counts().to_dict()
    for cls, n in classes.items():
        assert _row(page, "data-class", cls, within="abc-table").split()[1] == f"{n:,}"


def test_culture_page_shows_the_profile_and_the_link(client: TestClient, world: World) -> None:
    _generated(world.db, world.org_b, world.tmp)
    login(client, "owner@b.example.ru")
    page = client.get(f"/admin/o/{world.org_b}/culture?lang=en").text
    board = culture_board(world.db, org=world.org_b, k=K)
    assert board.report is not None
    latest = board.report.latest.organisation
    assert not latest.suppressed
    assert latest.dominant_now is not None
    assert f"{latest.n} respondents" in _text(page)
    clan = latest.types[0]
    row = _row(page, "data-type", clan.type)
    assert f"{clan.now:.1f}" in row
    assert f"{clan.pref:.1f}" in row
    assert "Dominant now:" in page
    assert "Culture and customer orientation" in page
    for cell in board.report.latest.cells[1:]:
        if cell.suppressed:
            assert "hidden" in _row(page, "data-group", cell.group, within="culture-departments")


def test_comments_page_shows_guarded_themes(client: TestClient, world: World) -> None:
    _generated(world.db, world.org_b, world.tmp)
    login(client, "owner@b.example.ru")
    page = client.get(f"/admin/o/{world.org_b}/comments?lang=en").text
    assert "comments from" in page
    themes = re.findall(r'<section class="theme"[^>]*data-theme="([^"]+)"', page)
    assert themes, "no theme shown"
    for people in re.findall(r"<dt>People</dt><dd>(\d+)</dd>", page):
        assert int(people) >= K  # a theme of fewer than k people is never shown
    waves = re.findall(r'name="wave" value="([^"]+)"', page)
    assert waves
    one = client.get(f"/admin/o/{world.org_b}/comments", params={"wave": waves[-1], "lang": "en"})
    assert one.status_code == 200
    assert f'value="{waves[-1]}" checked' in one.text


# ---- in a real browser ------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, str]]:
    from tests.web.live_server import serving

    path = tmp_path / "orientir.db"
    db = open_database(f"sqlite:///{path}")
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    _fill(db, slug, tmp_path)
    access.create_user(db, email="owner@a.example.ru", password=PASSWORD)
    access.grant_role(db, email="owner@a.example.ru", org=slug, role="owner")
    db.dispose()
    with serving(str(path), log=tmp_path / "server.log") as base:
        yield base, slug


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_owner_opens_index_and_customers_without_console_errors(site: tuple[str, str]) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import expect, sync_playwright

    base, slug = site
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(locale="en-GB").new_page()
            page.set_default_timeout(20_000)
            # The browser asks for /favicon.ico on its own; orientir has none, which is no error.
            page.on(
                "console",
                lambda m: (
                    problems.append(m.text)
                    if m.type in ("error", "warning") and "favicon" not in str(m.location)
                    else None
                ),
            )
            page.on(
                "response",
                lambda r: (
                    problems.append(f"{r.status} {r.url}")
                    if r.status >= 400 and not r.url.endswith("/favicon.ico")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(f"{base}/admin/")
            page.get_by_label("E-mail").fill("owner@a.example.ru")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.goto(f"{base}/admin/o/{slug}/dashboard")
            page.get_by_role("link", name="Index", exact=True).click()
            expect(page.get_by_role("heading", name="Customer-orientation index")).to_be_visible()
            expect(page.locator("#index-value")).to_have_text("75.0")
            assert page.locator("svg.chart").count() >= 2
            page.get_by_role("link", name="Customers", exact=True).first.click()
            expect(page.get_by_role("heading", name="NPS by ABC class")).to_be_visible()
            expect(page.locator("#abc-table")).to_contain_text("A")
            # The charts keep within the page; the stylesheet was applied (CSP allowed it).
            assert (
                page.evaluate("getComputedStyle(document.querySelector('svg.chart')).maxWidth")
                == "100%"
            )
        finally:
            browser.close()
    assert problems == []
