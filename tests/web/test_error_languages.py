"""Service errors on admin pages and in API problem details come in the reader's language
(the language cookie, ``?lang=`` or ``Accept-Language``); status codes do not change."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import World, csrf_of, login

RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


def _auth(world: World, role: str = "owner") -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def test_api_problem_detail_follows_accept_language(client: TestClient, world: World) -> None:
    url = f"/api/v1/orgs/{world.org_a}/waves/nope"
    russian = client.get(url, headers={**_auth(world), **RU})
    assert russian.status_code == 404
    assert russian.headers["content-type"] == "application/problem+json"
    body = russian.json()
    assert body["detail"] == "в этой организации нет волны 'nope'"
    assert body["type"] == "about:blank"
    assert russian.headers["content-language"] == "ru"
    english = client.get(url, headers=_auth(world))
    assert english.status_code == 404
    assert english.json()["detail"] == "no wave 'nope' in this organisation"


def test_api_service_error_in_russian(client: TestClient, world: World) -> None:
    created = client.post(
        f"/api/v1/orgs/{world.org_a}/waves",
        headers={**_auth(world, "driver"), **RU},
        json={"instrument": "employee-co", "label": "q1", "audience": "department:Нет такого"},
    )
    assert created.status_code == 422, created.text
    assert "в аудитории department:Нет такого никого нет" in created.json()["detail"]


def test_admin_page_error_in_russian(client: TestClient, world: World) -> None:
    login(client, world.email("owner"))
    client.cookies.set("orientir_lang", "ru")
    page = client.get(f"/admin/o/{world.org_a}/users")
    csrf = csrf_of(page.text)
    last = client.post(
        f"/admin/o/{world.org_a}/users/remove",
        data={"csrf_token": csrf, "email": world.email("owner"), "role": "owner"},
    )
    assert last.status_code == 422
    assert "у организации должен остаться хотя бы один владелец" in last.text
    assert "at least one owner" not in last.text
    bad = "id,name,email\n8,Зоя,not-an-email\n"
    refused = client.post(
        f"/admin/o/{world.org_a}/people/import",
        data={"csrf_token": csrf},
        files={"file": ("staff.csv", bad.encode(), "text/csv")},
    )
    assert refused.status_code == 422
    assert "не адрес e-mail" in refused.text


def test_api_refusals_of_the_token_and_the_role_follow_accept_language(
    client: TestClient, world: World
) -> None:
    url = f"/api/v1/orgs/{world.org_a}/waves"
    missing = client.get(url, headers=RU)
    assert missing.status_code == 401
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.headers["www-authenticate"] == "Bearer"
    assert missing.headers["content-language"] == "ru"
    assert missing.json()["detail"] == "нужен действующий персональный токен API"
    unknown = client.get(url, headers={"Authorization": "Bearer oat_unknown", **RU})
    assert unknown.status_code == 401
    assert unknown.json()["detail"] == "нужен действующий персональный токен API"
    english = client.get(url)
    assert english.status_code == 401
    assert english.json()["detail"] == "a valid personal API token is needed"
    assert english.headers["content-language"] == "en"

    wave = {"instrument": "employee-co", "label": "q9", "audience": "all"}
    refused = client.post(url, headers={**_auth(world, "viewer"), **RU}, json=wave)
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "ваша роль в этой организации не даёт разрешения manage_waves"
    )
    refused_en = client.post(url, headers=_auth(world, "viewer"), json=wave)
    assert refused_en.json()["detail"] == "your role here does not allow manage_waves"

    invalid = client.post(url, headers={**_auth(world, "driver"), **RU}, json={"label": 5})
    assert invalid.status_code == 422
    assert invalid.json()["detail"] == "запрос некорректен"
    assert invalid.json()["errors"]  # where and why, as before
    invalid_en = client.post(url, headers=_auth(world, "driver"), json={"label": 5})
    assert invalid_en.json()["detail"] == "the request is not valid"


def test_the_frameworks_refusals_get_a_page_in_the_readers_language(
    client: TestClient, world: World
) -> None:
    """405 (a GET to a POST-only address) and a survey post with too many fields (400): a
    page in the reader's language, not Starlette's English phrase; status and Allow stay."""
    russian = client.get("/admin/switch", headers=RU)
    assert russian.status_code == 405
    assert "POST" in russian.headers["allow"]
    assert "Запрос не принят" in russian.text
    assert "Method Not Allowed" not in russian.text
    english = client.get("/admin/switch")
    assert "The request was not accepted" in english.text
    body = "&".join(f"f{i}=1" for i in range(1_001))  # the survey form parser's field limit
    crowded = client.post(
        "/s/some-token/p/1",
        content=body,
        headers={**RU, "content-type": "application/x-www-form-urlencoded"},
    )
    assert crowded.status_code == 400
    assert "Запрос не принят" in crowded.text
