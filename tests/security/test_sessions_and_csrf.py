"""Session fixation (the id rotates on sign-in and on switching organisation), CSRF on every
state-changing admin route, constant-time comparison of secrets, and the password policy."""

from __future__ import annotations

import hmac
import re
from typing import Any
from unittest import mock

import pytest
from fastapi.testclient import TestClient

from orientir import i18n
from orientir.errors import InvalidInput
from orientir.services import access, sessions
from orientir.services.passwords import WeakPassword, check_policy, is_common
from tests.web.conftest import PASSWORD, World, csrf_of, login
from tests.web.test_authorisation import _fill, _routes

SESSION = "orientir_session"


def _session_cookie(client: TestClient) -> str | None:
    return client.cookies.get(SESSION, domain="testserver.local", path="/admin")


def test_a_planted_session_id_is_never_adopted(client: TestClient, world: World) -> None:
    planted = "attacker-chosen-session-id-0123456789abcdef"
    client.cookies.set(SESSION, planted, domain="testserver.local", path="/admin")
    login(client, world.email("owner"))
    issued = _session_cookie(client)
    assert issued is not None
    assert issued != planted
    victim = TestClient(client.app, follow_redirects=False)
    victim.cookies.set(SESSION, planted, domain="testserver.local", path="/admin")
    assert victim.get("/admin/orgs").status_code == 303  # to the sign-in page


def test_an_attacker_s_own_valid_session_is_ended_by_the_victim_s_sign_in(
    client: TestClient, world: World
) -> None:
    attacker = TestClient(client.app, follow_redirects=False)
    login(attacker, world.email("viewer"))
    planted = _session_cookie(attacker)
    assert planted is not None
    client.cookies.set(SESSION, planted, domain="testserver.local", path="/admin")
    login(client, world.email("owner"))
    assert _session_cookie(client) != planted
    assert attacker.get("/admin/orgs").status_code == 303  # the planted session is gone


def test_switching_organisation_rotates_the_session_and_its_csrf_token(
    client: TestClient, world: World
) -> None:
    access.grant_role(world.db, email=world.email("analyst"), org=world.org_b, role="viewer")
    login(client, world.email("analyst"))
    before = _session_cookie(client)
    page = client.get("/admin/orgs")
    old_csrf = csrf_of(page.text)
    stale = TestClient(client.app, follow_redirects=False)
    stale.cookies.set(SESSION, before or "", domain="testserver.local", path="/admin")
    switched = client.post("/admin/switch", data={"org": world.org_b, "csrf_token": old_csrf})
    assert switched.status_code == 303
    after = _session_cookie(client)
    assert after is not None
    assert after != before
    assert stale.get("/admin/orgs").status_code == 303  # the old id no longer works
    fresh = client.get(f"/admin/o/{world.org_b}/")
    assert fresh.status_code == 200
    assert csrf_of(fresh.text) != old_csrf


def test_switching_needs_a_post_with_the_csrf_token(client: TestClient, world: World) -> None:
    access.grant_role(world.db, email=world.email("analyst"), org=world.org_b, role="viewer")
    login(client, world.email("analyst"))
    assert client.get(f"/admin/switch?org={world.org_b}").status_code == 405
    assert client.post("/admin/switch", data={"org": world.org_b}).status_code == 403
    wrong = client.post("/admin/switch", data={"org": world.org_b, "csrf_token": "x" * 43})
    assert wrong.status_code == 403


def _post_routes(client: TestClient) -> list[str]:
    return sorted(p for m, p in _routes(client.app) if m == "POST" and p.startswith("/admin/"))


def test_every_state_changing_admin_route_refuses_a_post_without_the_token(
    client: TestClient, world: World
) -> None:
    login(client, world.email("owner"))
    routes = [p for p in _post_routes(client) if p != "/admin/login"]
    assert "/admin/switch" in routes
    assert len(routes) >= 10
    failures = []
    for path in routes:
        url = _fill(path, world.org_a, 1)
        for data in ({}, {"csrf_token": "forged-" + "x" * 36}):
            answer = client.post(url, data=data)
            if answer.status_code != 403:
                failures.append(f"{url} {data}: {answer.status_code}")
    assert not failures, "\n".join(failures)
    # The session itself still works: a refusal changes nothing.
    assert client.get(f"/admin/o/{world.org_a}/").status_code == 200


def test_the_sign_in_form_needs_its_double_submit_token(client: TestClient, world: World) -> None:
    client.get("/admin/login")
    answer = client.post(
        "/admin/login",
        data={"email": world.email("owner"), "password": PASSWORD, "login_csrf": "guess"},
    )
    assert answer.status_code == 403
    assert _session_cookie(client) is None


def test_secrets_are_compared_with_hmac_compare_digest(client: TestClient, world: World) -> None:
    """Not by reading the code: the comparison of the CSRF token is observed going through
    ``hmac.compare_digest`` (constant time in the length of the inputs)."""
    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/users")
    calls: list[tuple[Any, ...]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    with mock.patch.object(sessions.hmac, "compare_digest", side_effect=spy):
        client.post(f"/admin/o/{world.org_a}/users/remove", data={"csrf_token": "nope"})
        assert len(calls) == 1
        client.post("/admin/logout", data={"csrf_token": csrf_of(page.text)})
        assert len(calls) == 2
        page = client.get("/admin/login")
        token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
        assert token is not None
        client.post(
            "/admin/login",
            data={"email": world.email("owner"), "password": PASSWORD, "login_csrf": "x"},
        )
        assert len(calls) == 3
    assert all(isinstance(a, bytes) and isinstance(b, bytes) for a, b in calls)


def test_tokens_match_is_strict() -> None:
    assert sessions.tokens_match("abc", "abc")
    assert not sessions.tokens_match("abc", "abd")
    assert not sessions.tokens_match("abc", None)
    assert not sessions.tokens_match(None, None)
    assert not sessions.tokens_match("", "")


def test_api_tokens_and_session_ids_are_found_by_hash_not_compared(world: World) -> None:
    """Bearer tokens and session ids are looked up by their SHA-256 in the database, so no
    secret is ever compared character by character; only hashes are stored."""
    with world.db.engine.connect() as conn:
        stored = [r[0] for r in conn.exec_driver_sql("SELECT token_hash FROM api_tokens")]
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in stored)
    assert not set(world.tokens.values()) & set(stored)


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("short-1A", "admin.password.too_short"),
        ("x" * 1025 + "A1", "admin.password.too_long"),
        ("abababababab", "admin.password.repetitive"),
        ("onlylowercaseletters", "admin.password.one_kind"),
        ("Password123!", "admin.password.common"),
        ("Qwertyuiop2024", "admin.password.common"),
        ("1q2w3e4r5t6y!", "admin.password.common"),
        ("йцукенгшщзх1!", "admin.password.common"),
        ("boss@example.ru", "admin.password.email"),
        ("Boss@example.ru", "admin.password.email"),
        ("Boss@Example.RU!", "admin.password.email"),
    ],
)
def test_the_password_policy(password: str, key: str) -> None:
    with pytest.raises(WeakPassword) as refused:
        check_policy(password, email="boss@example.ru")
    assert refused.value.key == key
    assert isinstance(refused.value, InvalidInput)
    assert i18n.t(key, "ru") != i18n.t(key, "en")  # a message in each language


def test_good_passwords_pass() -> None:
    for password in (PASSWORD, "Ромашка-в-поле-2026", "correct horse battery staple 7"):
        check_policy(password, email="boss@example.ru")
    assert is_common("P@ssw0rd!!")
    assert not is_common(PASSWORD)


def test_a_weak_first_password_is_refused_on_the_users_page_in_russian(
    client: TestClient, world: World
) -> None:
    login(client, world.email("owner"))
    page = client.get(f"/admin/o/{world.org_a}/users?lang=ru")
    refused = client.post(
        f"/admin/o/{world.org_a}/users",
        data={
            "csrf_token": csrf_of(page.text),
            "email": "new@a.example.ru",
            "role": "viewer",
            "password": "Password2024",
        },
    )
    assert refused.status_code == 422
    assert "самых распространённых" in refused.text
    assert not access.user_exists(world.db, email="new@a.example.ru")


def test_the_command_line_refuses_a_weak_password_in_the_chosen_language(
    database_url: str,
) -> None:
    from typer.testing import CliRunner

    from orientir.cli.main import app as cli

    runner = CliRunner()
    assert runner.invoke(cli, ["--db", database_url, "org", "create", "Ромашка"]).exit_code == 0
    arguments = ["user", "create", "boss@x.ru", "--org", "ромашка", "--role", "owner"]
    for lang, expected in (("ru", "самых распространённых"), ("en", "most commonly used")):
        refused = runner.invoke(
            cli,
            ["--db", database_url, "--lang", lang, *arguments, "--password-stdin"],
            input="Password2024!\n",
        )
        assert refused.exit_code == 1
        assert expected in refused.stderr
