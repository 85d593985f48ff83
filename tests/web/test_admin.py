"""The admin area: signing in (CSRF, rate limit, session rotation), roles, organisation
switching, waves from creation to live progress, imports, users and API tokens."""

from __future__ import annotations

import re
from urllib.parse import unquote

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, World, csrf_of, login, open_wave_with_links
from tests.web.survey_helpers import pages


def test_sign_in_sets_a_hardened_cookie_and_rotates_the_session(
    client: TestClient, world: World
) -> None:
    client.cookies.set(
        "orientir_session", "planted-by-an-attacker", domain="testserver.local", path="/admin"
    )
    page = client.get("/admin/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
    assert token is not None
    answer = client.post(
        "/admin/login",
        data={"email": world.email("owner"), "password": PASSWORD, "login_csrf": token.group(1)},
    )
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/admin" in cookie
    first = client.cookies.get("orientir_session")
    assert first
    assert first != "planted-by-an-attacker"
    # Signing in again (say, as someone else on the same browser) gives yet another id
    # and ends the first session.
    login(client, world.email("viewer"))
    second = client.cookies.get("orientir_session")
    assert second
    assert second != first
    with TestClient(client.app, follow_redirects=False) as thief:
        thief.cookies.set("orientir_session", first, domain="testserver.local", path="/admin")
        assert thief.get(f"/admin/o/{world.org_a}/").status_code == 303  # back to sign-in


def test_secure_flag_when_served_over_https(world: World, settings: object) -> None:
    from orientir.web import create_app

    app = create_app(settings, db=world.db, secure_cookies=True)  # type: ignore[arg-type]
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        login(client, world.email("owner"))
        page = client.get(f"/admin/o/{world.org_a}/")
        assert page.status_code == 200
        assert "strict-transport-security" in page.headers


def test_wrong_password_and_rate_limit(client: TestClient, world: World) -> None:
    page = client.get("/admin/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    form = {"email": world.email("owner"), "password": "wrong-but-long-1", "login_csrf": token}
    for _ in range(5):
        refused = client.post("/admin/login", data=form)
        assert refused.status_code == 401
        assert "wrong" in refused.text
    limited = client.post("/admin/login", data={**form, "password": PASSWORD})
    assert limited.status_code == 429
    assert "Retry-After" in limited.headers
    assert client.cookies.get("orientir_session") is None
    # The limit is kept in the database: a second application (another worker) sees it too.
    from orientir.web import create_app

    other = create_app(client.app.state.orientir.settings, db=world.db, secure_cookies=False)  # type: ignore[attr-defined]
    with TestClient(other, follow_redirects=False) as second_worker:
        page = second_worker.get("/admin/login")
        token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        answer = second_worker.post(
            "/admin/login", data={**form, "password": PASSWORD, "login_csrf": token}
        )
        assert answer.status_code == 429


def test_login_form_without_its_csrf_cookie_is_refused(client: TestClient, world: World) -> None:
    answer = client.post(
        "/admin/login",
        data={"email": world.email("owner"), "password": PASSWORD, "login_csrf": "forged"},
    )
    assert answer.status_code == 403
    assert client.cookies.get("orientir_session") is None


def test_state_changing_forms_need_the_csrf_token(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    open_wave_with_links(world.db, world.org_a, label="w1")
    url = f"/admin/o/{world.org_a}/waves/w1/close"
    assert client.post(url, data={}).status_code == 403
    assert client.post(url, data={"csrf_token": "guess"}).status_code == 403
    page = client.get(f"/admin/o/{world.org_a}/waves/w1")
    assert client.post(url, data={"csrf_token": csrf_of(page.text)}).status_code == 303
    assert "closed" in client.get(f"/admin/o/{world.org_a}/waves/w1").text


def test_owner_creates_opens_and_watches_a_wave(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    new = client.get(f"/admin/o/{world.org_a}/waves/new")
    created = client.post(
        f"/admin/o/{world.org_a}/waves",
        data={
            "csrf_token": csrf_of(new.text),
            "instrument": "employee-co@1",
            "label": "весна",
            "audience": "department:Продажи",
            "mode": "confidential",
        },
    )
    assert created.status_code == 200, created.text
    links = re.findall(r"http://testserver/s/([A-Za-z0-9_-]+)", created.text)
    assert len(set(links)) == 3  # Продажи and its subtree
    wave_url = f"/admin/o/{world.org_a}/waves/весна"
    page = client.get(wave_url)
    opened = client.post(
        f"/admin/o/{world.org_a}/waves/1/open", data={"csrf_token": csrf_of(page.text)}
    )
    assert opened.status_code == 303
    assert client.get(f"{wave_url}/progress.json").json()["completed"] == 0
    token = links[0]
    with TestClient(client.app, follow_redirects=False) as respondent:
        for number, form in enumerate(pages("employee-co@1"), 1):
            respondent.post(f"/s/{token}/p/{number}", data=form)
        respondent.post(f"/s/{token}/submit", data={"idempotency_key": "k1"})
    progress = client.get(f"{wave_url}/progress.json").json()
    assert progress["completed"] == 1
    assert progress["invited"] == 3
    remind_page = client.get(wave_url)
    reminded = client.post(
        f"/admin/o/{world.org_a}/waves/1/remind", data={"csrf_token": csrf_of(remind_page.text)}
    )
    assert reminded.status_code == 200
    assert len(set(re.findall(r"http://testserver/s/([A-Za-z0-9_-]+)", reminded.text))) == 2
    export = client.get(f"{wave_url}/export?format=csv")
    assert export.status_code == 200
    assert "enps" in export.text


def test_a_web_audience_cannot_name_a_server_file(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    new = client.get(f"/admin/o/{world.org_a}/waves/new")
    refused = client.post(
        f"/admin/o/{world.org_a}/waves",
        data={
            "csrf_token": csrf_of(new.text),
            "instrument": "employee-co@1",
            "audience": "file:/etc/passwd",
        },
    )
    assert refused.status_code == 422


def test_consultant_switches_between_organisations(client: TestClient, world: World) -> None:
    from orientir.services.access import grant_role

    grant_role(world.db, email=world.email("analyst"), org=world.org_b, role="viewer")
    login(client, world.email("analyst"))
    assert client.get("/admin/").headers["location"] == "/admin/orgs"
    chooser = client.get("/admin/orgs")
    assert "Ромашка" in chooser.text
    assert "Лютик" in chooser.text
    switched = client.post(
        "/admin/switch", data={"org": world.org_b, "csrf_token": csrf_of(chooser.text)}
    )
    assert unquote(switched.headers["location"]) == f"/admin/o/{world.org_b}/"
    assert unquote(client.get("/admin/").headers["location"]) == f"/admin/o/{world.org_b}/"
    page = client.get(f"/admin/o/{world.org_b}/")
    assert 'id="org-switch"' in page.text
    assert "<label" in page.text


def test_people_import_reports_rows_and_problems(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/people")
    csrf = csrf_of(page.text)
    good = "id,name,department\n7,Жанна,Сервис\n"
    done = client.post(
        f"/admin/o/{world.org_a}/people/import",
        data={"csrf_token": csrf},
        files={"file": ("staff.csv", good.encode(), "text/csv")},
    )
    assert done.status_code == 200
    assert "Жанна" in done.text
    bad = "id,name,email\n8,Зоя,not-an-email\n"
    refused = client.post(
        f"/admin/o/{world.org_a}/people/import",
        data={"csrf_token": csrf},
        files={"file": ("staff.csv", bad.encode(), "text/csv")},
    )
    assert refused.status_code == 422
    assert "email" in refused.text


def test_owner_gives_roles_and_last_owner_stays(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/users")
    csrf = csrf_of(page.text)
    weak = client.post(
        f"/admin/o/{world.org_a}/users",
        data={
            "csrf_token": csrf,
            "email": "new@a.example.ru",
            "role": "viewer",
            "password": "short",
        },
    )
    assert weak.status_code == 422
    assert "12 characters" in weak.text
    added = client.post(
        f"/admin/o/{world.org_a}/users",
        data={
            "csrf_token": csrf,
            "email": "new@a.example.ru",
            "role": "viewer",
            "password": "Another-Good-77",
        },
    )
    assert added.status_code == 303
    last = client.post(
        f"/admin/o/{world.org_a}/users/remove",
        data={"csrf_token": csrf, "email": world.email("owner"), "role": "owner"},
    )
    assert last.status_code == 422
    assert "at least one owner" in last.text


def test_api_token_page_shows_a_token_once(client: TestClient, world: World) -> None:
    login(client, world.email("viewer"))
    page = client.get("/admin/tokens")
    made = client.post("/admin/tokens", data={"csrf_token": csrf_of(page.text), "name": "script"})
    token = re.search(r'id="new-token">(oat_[^<]+)<', made.text)
    assert token is not None
    orgs = client.get("/api/v1/orgs", headers={"Authorization": f"Bearer {token.group(1)}"})
    assert orgs.status_code == 200
    assert orgs.json()["items"][0]["slug"] == world.org_a
    assert token.group(1) not in client.get("/admin/tokens").text


def test_dashboard_hides_small_groups(client: TestClient, world: World) -> None:
    tokens = open_wave_with_links(world.db, world.org_a, label="d1")
    login(client, world.email("viewer"))
    for i, token in enumerate(tokens):
        with TestClient(client.app, follow_redirects=False) as respondent:
            for number, form in enumerate(pages("employee-co@1"), 1):
                respondent.post(f"/s/{token}/p/{number}", data=form)
            respondent.post(f"/s/{token}/submit", data={"idempotency_key": f"k{i}"})
    board = client.get(f"/admin/o/{world.org_a}/dashboard/d1")
    assert board.status_code == 200
    assert "hidden" in board.text  # departments of 1–3 people
    assert re.search(r'<td class="num">6</td>', board.text)  # the whole wave, 6 respondents
    assert "No transactions are stored" in client.get(f"/admin/o/{world.org_a}/customers").text
