"""Nothing secret or personal reaches the logs: every record emitted while a respondent
answers a whole survey, an owner signs in and imports people, and a script uses the API
(including an unexpected failure) is searched for the answers, the comment, the password, the
tokens and the session id."""

from __future__ import annotations

import logging
import re
from unittest import mock

import pytest
from fastapi.testclient import TestClient

from orientir.instruments.model import Format
from orientir.services.instruments import resolve_instrument
from tests.web.conftest import PASSWORD, World, csrf_of, login, open_wave_with_links
from tests.web.survey_helpers import pages

COMMENT = "Секретный-комментарий-Жёлтый-Носорог"
PERSON = "Никодим-Тайный-Сотрудник"


def test_no_secret_or_answer_in_any_log_record(
    client: TestClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, every level
    instrument = resolve_instrument("employee-co@1")
    text_items = {i.id for i in instrument.items if i.format is Format.TEXT}
    token = open_wave_with_links(world.db, world.org_a)[0]
    for number, form in enumerate(pages("employee-co@1"), 1):
        form = {k: (COMMENT if k in text_items else v) for k, v in form.items()}
        assert client.post(f"/s/{token}/p/{number}", data={**form, "nav": "next"}).is_redirect
    review = client.get(f"/s/{token}/review")
    key = re.search(r'name="idempotency_key" value="([^"]+)"', review.text)
    assert key is not None
    assert client.post(f"/s/{token}/submit", data={"idempotency_key": key.group(1)}).is_redirect

    login(client, world.email("owner"))
    session_id = client.cookies.get("orientir_session", domain="testserver.local", path="/admin")
    assert session_id
    page = client.get(f"/admin/o/{world.org_a}/people")
    staff = f"id,name,department\n77,{PERSON},Сервис\n".encode()
    imported = client.post(
        f"/admin/o/{world.org_a}/people/import",
        data={"csrf_token": csrf_of(page.text)},
        files={"file": ("staff.csv", staff, "text/csv")},
    )
    assert imported.status_code == 200
    api_token = world.tokens["owner"]
    headers = {"Authorization": f"Bearer {api_token}"}
    assert client.get("/api/v1/orgs", headers=headers).status_code == 200
    with mock.patch("orientir.web.api.builtin_library", side_effect=RuntimeError("boom")):
        failed = TestClient(client.app, raise_server_exceptions=False).get(
            "/api/v1/instruments", headers=headers
        )
    assert failed.status_code == 500
    assert any("unexpected error" in r.getMessage() for r in caplog.records)  # logging works

    secrets = {
        "comment": COMMENT,
        "person": PERSON,
        "password": PASSWORD,
        "survey token": token,
        "API token": api_token,
        "session id": session_id,
        "CSRF token": csrf_of(page.text),
    }
    leaks = []
    # httpx and httpcore are the test's own HTTP client (the browser's side), not the server.
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert server_side
    for record in server_side:
        text = " ".join(
            [record.getMessage(), str(record.args), record.exc_text or "", str(record.__dict__)]
        )
        leaks += [
            f"{name} in {record.name}: {text[:200]}" for name, s in secrets.items() if s in text
        ]
    assert not leaks, "\n".join(leaks)
