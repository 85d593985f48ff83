"""Service errors on admin pages and in API problem details come in the reader's language
(the language cookie, ``?lang=`` or ``Accept-Language``); status codes do not change."""

from __future__ import annotations

import string
from decimal import Decimal
from typing import get_args

from fastapi.testclient import TestClient
from pydantic_core import core_schema

from orientir.web import api_support, problem_texts
from orientir.web.security import SMALL_BODY
from tests.web.conftest import World, csrf_of, login

RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


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


# Titles of problem details and the messages of validation errors (RFC 9457: the title may
# change only by localization).

EN = {"Accept-Language": "en-GB,en;q=0.9"}


def test_problem_titles_follow_accept_language(client: TestClient, world: World) -> None:
    unknown_object = f"/api/v1/orgs/{world.org_a}/waves/nope"
    cases: list[tuple[str, str, dict[str, str], int, str, str]] = [
        ("GET", unknown_object, _auth(world), 404, "Not Found", "Не найдено"),
        ("GET", "/api/v1/no-such-route", {}, 404, "Not Found", "Не найдено"),
        ("GET", "/api/v2/outside-the-mount", {}, 404, "Not Found", "Не найдено"),
        (
            "DELETE",
            "/api/v1/orgs",
            _auth(world),
            405,
            "Method Not Allowed",
            "Метод не поддерживается",
        ),
        ("GET", "/api/v1/orgs", {}, 401, "Unauthorized", "Требуется аутентификация"),
        (
            "GET",
            f"/api/v1/orgs/{world.org_a}/people?limit=0",
            _auth(world),
            422,
            "Unprocessable Entity",
            "Некорректные данные",
        ),
    ]
    for method, url, headers, status, english, russian in cases:
        for accept, title in ((EN, english), (RU, russian)):
            answer = client.request(method, url, headers={**headers, **accept})
            assert answer.status_code == status, (method, url)
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["title"] == title, (method, url)
            assert answer.headers["content-language"] == accept["Accept-Language"][:2]


def test_the_frameworks_own_refusals_have_a_detail_in_the_callers_language(
    client: TestClient, world: World
) -> None:
    """Starlette's 404 for an unknown route and 405 carry only the English phrase as their
    detail: the caller gets the localized title instead; Allow stays."""
    route = client.get("/api/v1/no-such-route", headers=RU)
    assert route.json()["detail"] == "Не найдено"
    method = client.delete("/api/v1/orgs", headers={**_auth(world), **RU})
    assert method.json()["detail"] == "Метод не поддерживается"
    assert "GET" in method.headers["allow"]
    assert "Method Not Allowed" not in method.text
    english = client.delete("/api/v1/orgs", headers=_auth(world))
    assert english.json()["detail"] == "Method Not Allowed"


def test_a_body_too_large_has_a_russian_title(client: TestClient) -> None:
    big = b"x" * (SMALL_BODY + 1)
    headers = {"content-type": "application/json"}
    russian = client.post("/api/v1/orgs", content=big, headers={**headers, **RU})
    assert russian.status_code == 413
    assert russian.json()["title"] == "Слишком большой запрос"
    assert russian.headers["content-language"] == "ru"
    english = client.post("/api/v1/orgs", content=big, headers=headers)
    assert english.json()["title"] == "Request Entity Too Large"


def test_validation_errors_in_russian_with_the_limits_and_the_type(
    client: TestClient, world: World
) -> None:
    secret = "секретный-ответ-" + "я" * 100  # over the label's 100 characters
    url = f"/api/v1/orgs/{world.org_a}/waves"
    body = {"label": secret, "mode": "secret-mode"}  # and no instrument
    russian = client.post(url, headers={**_auth(world, "driver"), **RU}, json=body)
    assert russian.status_code == 422
    assert russian.headers["content-language"] == "ru"
    problem = russian.json()
    assert problem["title"] == "Некорректные данные"
    by_place = {tuple(e["location"]): e for e in problem["errors"]}
    assert by_place[("body", "instrument")] == {
        "location": ["body", "instrument"],
        "type": "missing",
        "message": "обязательное поле",
    }
    label = by_place[("body", "label")]
    assert label["type"] == "string_too_long"
    assert label["message"] == "длина в символах должна быть не больше 100"
    mode = by_place[("body", "mode")]
    assert mode["type"] == "literal_error"
    assert mode["message"] == (
        "должно быть одним из значений: 'anonymous', 'confidential', 'identified'"
    )
    assert "secret" not in russian.text  # the rejected values are never echoed
    assert "секретный" not in russian.text

    english = client.post(url, headers={**_auth(world, "driver"), **EN}, json=body)
    messages = {tuple(e["location"]): e["message"] for e in english.json()["errors"]}
    assert messages[("body", "label")] == "the length in characters must be at most 100"
    assert messages[("body", "instrument")] == "this field is required"
    assert english.json()["title"] == "Unprocessable Entity"

    limit = client.get(
        f"/api/v1/orgs/{world.org_a}/people?limit=900", headers={**_auth(world), **RU}
    )
    (error,) = limit.json()["errors"]
    assert error == {
        "location": ["query", "limit"],
        "type": "less_than_equal",
        "message": "должно быть не больше 500",
    }


def test_titles_and_validation_messages_exist_in_both_languages() -> None:
    pairs = {
        **{f"title {status}": pair for status, pair in problem_texts.TITLES.items()},
        **{f"error {kind}": pair for kind, pair in problem_texts.VALIDATION_MESSAGES.items()},
    }
    for name, (english, russian) in pairs.items():
        assert english.strip(), name
        assert russian.strip(), name
        assert english != russian, name
        assert _fields(english) == _fields(russian), name
    every_status = {400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 503}
    assert every_status <= set(problem_texts.TITLES)
    documented = {int(code) for code in api_support._PROBLEMS}
    assert documented <= set(problem_texts.TITLES)
    # Every key is a type pydantic-core really raises (a typo would never match).
    assert set(problem_texts.VALIDATION_MESSAGES) <= set(get_args(core_schema.ErrorType))
    assert problem_texts.status_title(418, "ru") == "I'm a Teapot"  # unknown: English phrase


def test_a_validation_message_falls_back_to_pydantics_english_without_the_input() -> None:
    message = problem_texts.validation_message
    unknown = {"type": "some_new_type", "msg": "Input should be nice", "input": 5}
    assert message(unknown, "ru") == "Input should be nice"
    no_ctx = {"type": "string_too_long", "msg": "String should have at most 3 characters"}
    assert message(no_ctx, "ru") == "String should have at most 3 characters"
    quoting = {"type": "uuid_parsing", "msg": "invalid character: found `z`", "input": "zz"}
    assert message(quoting, "ru") == "должно быть UUID"  # its own text: no input in it
    quoting_unknown = {
        "type": "union_tag_invalid",
        "msg": "tag 'private' no match",
        "input": "private",
    }
    assert message(quoting_unknown, "ru") == "недопустимое значение"
    decimal = {"type": "less_than_equal", "ctx": {"le": Decimal("999999999999.99")}, "msg": "x"}
    assert message(decimal, "ru") == "должно быть не больше 999999999999.99"


def test_the_problem_schema_documents_the_type_of_each_error(
    client: TestClient,
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    items = spec["components"]["schemas"]["Problem"]["properties"]["errors"]["items"]
    assert set(items["properties"]) == {"location", "type", "message"}


def test_a_body_that_does_not_parse_is_refused_in_the_callers_language(
    client: TestClient, world: World
) -> None:
    """Broken JSON is a 422 ``json_invalid``; a body FastAPI cannot read at all is its 400,
    whose English detail is replaced by ours."""
    url = f"/api/v1/orgs/{world.org_a}/waves"
    headers = {**_auth(world, "driver"), **RU, "content-type": "application/json"}
    broken = client.post(url, content=b'{"label": "x",', headers=headers)
    assert broken.status_code == 422
    assert [e["type"] for e in broken.json()["errors"]] == ["json_invalid"]
    assert "There was an error" not in broken.text
    assert "x" not in {e["message"] for e in broken.json()["errors"]}
    undecodable = client.post(url, content=b'{"label": "\xff\xfe"}', headers=headers)
    assert undecodable.status_code == 400
    assert undecodable.json()["detail"] == "не удалось разобрать тело запроса"
    assert undecodable.json()["title"] == "Некорректный запрос"
    english = client.post(url, content=b"\xff", headers={**headers, **EN})
    assert english.json()["detail"] == "the request body could not be parsed"


def test_survey_posts_take_the_short_path_with_every_layer_around_it(client: TestClient) -> None:
    """The survey's POST routes are dispatched ahead of the router (web/survey_dispatch.py):
    the security headers still come, another method still gets the router's 405 page, and a
    path only like a survey post still gets the 404 page."""
    posted = client.post("/s/no-such-token/p/1", data={"x": "1"}, headers=RU)
    assert posted.status_code == 404
    assert "content-security-policy" in posted.headers
    assert posted.headers["cache-control"] == "no-store"
    wrong_method = client.put("/s/no-such-token/submit", headers=RU)
    assert wrong_method.status_code == 405
    assert "POST" in wrong_method.headers["allow"]
    assert "Запрос не принят" in wrong_method.text
    not_a_number = client.post("/s/no-such-token/p/first", data={"x": "1"}, headers=RU)
    assert not_a_number.status_code == 405  # the router: a GET-only page route has this path
