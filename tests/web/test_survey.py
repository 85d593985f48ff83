"""The survey pages without JavaScript: the whole flow, resuming, a retried final submit
stored once, validation messages in the chosen language, and the polite refusals."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from orientir.config import Settings
from orientir.services.waves import close_wave
from orientir.storage.tables import responses
from orientir.web.app import create_app
from tests.web.conftest import World, open_wave_with_links
from tests.web.survey_helpers import pages

RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


def stored(world: World, complete: bool | None = None) -> int:
    query = select(func.count()).select_from(responses)
    if complete is not None:
        query = query.where(responses.c.complete.is_(complete))
    with world.db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def idempotency_key(html: str) -> str:
    found = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_whole_survey_without_javascript_and_retry_stored_once(
    client: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    intro = client.get(f"/s/{token}", headers=RU)
    assert intro.status_code == 200
    assert 'lang="ru"' in intro.text
    assert "Начать опрос" in intro.text
    forms = pages("employee-co@1")
    for number, form in enumerate(forms, 1):
        page = client.get(f"/s/{token}/p/{number}", headers=RU)
        assert page.status_code == 200
        assert f"Страница {number} из {len(forms)}" in page.text
        assert "<fieldset" in page.text
        assert "<legend>" in page.text
        answer = client.post(f"/s/{token}/p/{number}", data={**form, "nav": "next"}, headers=RU)
        assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/s/{token}/review"
    review = client.get(f"/s/{token}/review", headers=RU)
    key = idempotency_key(review.text)
    first = client.post(f"/s/{token}/submit", data={"idempotency_key": key}, headers=RU)
    assert first.status_code == 303
    assert first.headers["location"].endswith("/thanks")
    again = client.post(f"/s/{token}/submit", data={"idempotency_key": key}, headers=RU)
    assert again.status_code == 303
    assert again.headers["location"].endswith("/thanks")
    assert stored(world, complete=True) == 1
    assert stored(world) == 1
    assert "Спасибо" in client.get(f"/s/{token}/thanks", headers=RU).text
    used = client.get(f"/s/{token}", headers=RU)
    assert used.status_code == 410
    assert "Вы уже ответили" in used.text
    # A fresh form (a new key) after completion is refused politely, and nothing is added.
    late = client.post(f"/s/{token}/submit", data={"idempotency_key": "other"}, headers=RU)
    assert late.status_code == 410
    assert stored(world) == 1


@pytest.mark.parametrize("threads", [4, 0])
def test_survey_posts_run_on_the_survey_threads_on_postgresql_only(
    threads: int,
    settings: Settings,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On PostgreSQL a post's work runs on the application's survey threads (web.survey,
    ``_run_post``) unless ``ORIENTIR_SURVEY_THREADS`` is 0; on SQLite always on the event loop.
    The services are wrapped only to see which thread called them."""
    from orientir.web import survey

    seen: list[str] = []

    def watched(service: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen.append(threading.current_thread().name)
            return service(*args, **kwargs)

        return call

    monkeypatch.setattr(survey, "save_page", watched(survey.save_page))
    monkeypatch.setattr(survey, "submit_answers", watched(survey.submit_answers))
    app = create_app(replace(settings, survey_threads=threads), db=world.db, secure_cookies=False)
    token = open_wave_with_links(world.db, world.org_a)[0]
    with TestClient(app, follow_redirects=False) as client:
        for number, form in enumerate(pages("employee-co@1"), 1):
            assert client.post(f"/s/{token}/p/{number}", data=form).status_code == 303
        key = idempotency_key(client.get(f"/s/{token}/review").text)
        done = client.post(f"/s/{token}/submit", data={"idempotency_key": key})
        assert done.headers["location"].endswith("/thanks")
        assert client.post(f"/s/{token}/submit", data={"idempotency_key": key}).status_code == 303
    on_threads = world.db.engine.dialect.name == "postgresql" and threads > 0
    assert len(seen) == 5
    assert [name.startswith("orientir-survey") for name in seen] == [on_threads] * 5
    assert stored(world, complete=True) == 1


def test_answers_resume_after_leaving(client: TestClient, world: World) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    first = pages("employee-co@1")[0]
    client.post(f"/s/{token}/p/1", data={**first, "nav": "next"})
    with TestClient(client.app, follow_redirects=False) as other_device:
        intro = other_device.get(f"/s/{token}")
        assert "Welcome back" in intro.text
        assert f"/s/{token}/p/2" in intro.text
        page = other_device.get(f"/s/{token}/p/1")
    item, value = next(iter(first.items()))
    assert re.search(rf'name="{item}" value="{value}" checked', page.text)


def test_missing_required_answer_is_shown_next_to_the_field(
    client: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    forms = pages("employee-co@1")
    last = len(forms)
    page = client.post(f"/s/{token}/p/{last}", data={"nav": "next"}, headers=RU)
    assert page.status_code == 422
    assert "нужен ответ" in page.text
    assert 'aria-invalid="true"' in page.text
    assert "Проверьте:" in page.text
    english = client.post(f"/s/{token}/p/{last}?lang=en", data={"nav": "next"})
    assert "an answer is required" in english.text
    assert english.cookies.get("orientir_lang") == "en"


def test_a_value_that_is_not_a_number_is_refused_kindly(client: TestClient, world: World) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    first = pages("employee-co@1")[0]
    item = next(iter(first))
    page = client.post(f"/s/{token}/p/1", data={**first, item: "много"}, headers=RU)
    assert page.status_code == 422
    assert "введите число" in page.text
    assert stored(world) == 0  # nothing of a refused page is written


def test_anonymous_wave_resumes_through_a_cookie_scoped_to_the_link(
    client: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a, mode="anonymous")[0]
    first = pages("employee-co@1")[0]
    answer = client.post(f"/s/{token}/p/1", data={**first, "nav": "next"})
    cookie = answer.headers["set-cookie"]
    assert "orientir_resume=" in cookie
    assert f"Path=/s/{token}" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Welcome back" in client.get(f"/s/{token}").text
    client.cookies.clear()
    assert "Welcome back" not in client.get(f"/s/{token}").text


def test_a_submit_forgets_the_resume_cookie_of_a_shared_device(
    client: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a, mode="anonymous")[0]
    for number, form in enumerate(pages("employee-co@1"), 1):
        assert (
            client.post(f"/s/{token}/p/{number}", data={**form, "nav": "next"}).status_code == 303
        )
    assert client.cookies.get("orientir_resume")
    key = idempotency_key(client.get(f"/s/{token}/review").text)
    done = client.post(f"/s/{token}/submit", data={"idempotency_key": key})
    assert done.status_code == 303
    forget = done.headers["set-cookie"]
    assert 'orientir_resume=""' in forget
    assert "Max-Age=0" in forget
    assert f"Path=/s/{token}" in forget
    assert not client.cookies.get("orientir_resume")
    # A personal link never had the cookie: its submit sets none.
    personal = open_wave_with_links(world.db, world.org_a, label="personal")[0]
    for number, form in enumerate(pages("employee-co@1"), 1):
        client.post(f"/s/{personal}/p/{number}", data={**form, "nav": "next"})
    key = idempotency_key(client.get(f"/s/{personal}/review").text)
    done = client.post(f"/s/{personal}/submit", data={"idempotency_key": key})
    assert done.status_code == 303
    assert "set-cookie" not in done.headers
    assert stored(world, complete=True) == 2


def test_autosave_from_the_script_saves_without_moving_on(client: TestClient, world: World) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    first = pages("employee-co@1")[0]
    saved = client.post(f"/s/{token}/p/1", data=first, headers={"X-Autosave": "1"})
    assert saved.status_code == 204
    assert stored(world, complete=False) == 1


@pytest.mark.parametrize(
    ("case", "status", "text"),
    [
        ("unknown", 404, "This link does not work"),
        ("closed", 410, "This survey has ended"),
        ("not_open", 403, "This survey has not started yet"),
    ],
)
def test_polite_pages_reveal_nothing(
    client: TestClient, world: World, case: str, status: int, text: str
) -> None:
    from orientir.config import load_settings
    from orientir.services.waves import NewWave, create_wave

    if case == "unknown":
        token = "x" * 32
    elif case == "closed":
        token = open_wave_with_links(world.db, world.org_a, label="w-closed")[0]
        close_wave(world.db, org=world.org_a, wave="w-closed")
    else:
        created = create_wave(
            world.db, NewWave(world.org_a, "employee-co@1"), limits=load_settings({}).limits
        )
        token = created.invitations[0].token
    page = client.get(f"/s/{token}")
    assert page.status_code == status
    assert text in page.text
    for secret in ("Ромашка", "employee", "Продажи", "Анна"):
        assert secret not in page.text


def test_security_headers_on_survey_pages(client: TestClient, world: World) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    page = client.get(f"/s/{token}")
    csp = page.headers["content-security-policy"]
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-store"
    assert "<script>" not in page.text
    assert "style=" not in page.text


def test_submitting_an_incomplete_survey_returns_to_the_review(
    client: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    client.post(f"/s/{token}/p/1", data={**pages("employee-co@1")[0], "nav": "next"})
    review = client.get(f"/s/{token}/review", headers=RU)
    assert "Перед отправкой дополните эти ответы" in review.text
    assert "нужен ответ" in review.text
    refused = client.post(
        f"/s/{token}/submit", data={"idempotency_key": idempotency_key(review.text)}, headers=RU
    )
    assert refused.status_code == 422
    assert stored(world, complete=True) == 0
