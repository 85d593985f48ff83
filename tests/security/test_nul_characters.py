"""A NUL character in text, which PostgreSQL refuses with a DataError and SQLite would keep: the
caller's bad input on both engines, answered with a clear error and nothing written — never a
500 whose message quotes the values (storage/database.py, ``_no_nul_characters``)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from orientir.errors import InvalidInput
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.storage.tables import organisations, waves
from tests.web.conftest import World


def _count(world: World, table: object) -> int:
    with world.db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_a_service_refuses_it_before_writing(world: World) -> None:
    before = _count(world, organisations)
    with pytest.raises(InvalidInput, match="NUL character") as caught:
        create_organisation(world.db, NewOrganisation("Ро\x00машка"), this_year=2026)
    assert caught.value.key == "err.database.nul_character"
    assert _count(world, organisations) == before


def test_the_api_answers_422_in_the_callers_language(client: TestClient, world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['owner']}"}
    before = _count(world, waves)
    body = {"instrument": "employee-co@1", "label": "q\x00"}
    answer = client.post(f"/api/v1/orgs/{world.org_a}/waves", json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "NUL" in answer.json()["detail"]
    russian = client.post(
        f"/api/v1/orgs/{world.org_a}/waves",
        json=body,
        headers={**headers, "Accept-Language": "ru"},
    )
    assert russian.status_code == 422
    assert "нулевой байт" in russian.json()["detail"]
    assert _count(world, waves) == before


def test_a_survey_submit_with_a_nul_in_its_key_goes_back_to_the_review(
    client: TestClient, world: World
) -> None:
    """The survey posts run their statements on the driver, past the engine's check: the key,
    the one free text of a submit that is not answers' JSON, is checked by the service."""
    from tests.web.conftest import open_wave_with_links
    from tests.web.survey_helpers import pages

    token = open_wave_with_links(world.db, world.org_a)[0]
    for number, form in enumerate(pages("employee-co@1"), 1):
        saved = client.post(f"/s/{token}/p/{number}", data={**form, "nav": "next"})
        assert saved.status_code == 303
    refused = client.post(f"/s/{token}/submit", data={"idempotency_key": "k\x00"})
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/s/{token}/review"
    done = client.post(f"/s/{token}/submit", data={"idempotency_key": "k-1"})
    assert done.headers["location"] == f"/s/{token}/thanks"
