"""The REST API: OpenAPI description, tokens, pagination, problem details, and a wave
driven from a script from creation to export."""

from __future__ import annotations

from fastapi.testclient import TestClient

from orientir.services.api_tokens import revoke_token
from orientir.storage.access import user_by_email
from tests.web.conftest import World
from tests.web.survey_helpers import pages


def _auth(world: World, role: str = "owner") -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def test_openapi_description(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "orientir API"
    assert "/orgs/{org}/waves/{wave}" in spec["paths"]
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert client.get("/api/v1/docs").status_code == 404  # no CDN-loaded pages


def test_tokens_are_stored_hashed_and_can_be_revoked(client: TestClient, world: World) -> None:
    from sqlalchemy import select

    from orientir.storage.tables import api_tokens

    with world.db.engine.connect() as conn:
        stored = set(conn.execute(select(api_tokens.c.token_hash)).scalars())
        user = user_by_email(conn, email=world.email("viewer"))
    assert world.tokens["viewer"] not in stored
    assert client.get("/api/v1/orgs", headers=_auth(world, "viewer")).status_code == 200
    assert user is not None
    revoke_token(world.db, user_id=user.id, name="tests")
    refused = client.get("/api/v1/orgs", headers=_auth(world, "viewer"))
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"


def test_pagination_with_a_cursor(client: TestClient, world: World) -> None:
    seen: list[str] = []
    url = f"/api/v1/orgs/{world.org_a}/people?limit=4"
    while True:
        page = client.get(url, headers=_auth(world)).json()
        seen += [p["external_id"] for p in page["items"]]
        if page["next_cursor"] is None:
            break
        url = f"/api/v1/orgs/{world.org_a}/people?limit=4&cursor={page['next_cursor']}"
    assert seen == ["1", "2", "3", "4", "5", "6"]
    bad = client.get(f"/api/v1/orgs/{world.org_a}/people?cursor=%%%", headers=_auth(world))
    assert bad.status_code == 422  # the cursor's pattern is in the description
    assert bad.json()["title"] == "Unprocessable Entity"


def test_validation_errors_are_problem_details(client: TestClient, world: World) -> None:
    answer = client.post(
        f"/api/v1/orgs/{world.org_a}/waves", headers=_auth(world), json={"mode": "secret"}
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["status"] == 422
    assert body["instance"].endswith("/waves")
    assert {tuple(e["location"]) for e in body["errors"]} >= {("body", "instrument")}
    limit = client.get(f"/api/v1/orgs/{world.org_a}/people?limit=0", headers=_auth(world))
    assert limit.status_code == 422


def test_references_that_look_numeric_but_are_not_ascii_digits(
    client: TestClient, world: World
) -> None:
    """'¹' and '٣' pass str.isdigit(); int('¹') fails. Found by schemathesis as a 500: an
    organisation, wave or initiative reference like that is a name, and unknown is a 404."""
    for reference in ("¹", "²³", "٣"):
        answer = client.get(f"/api/v1/orgs/{reference}/people", headers=_auth(world))
        assert answer.status_code == 404, reference
        wave = client.get(f"/api/v1/orgs/{world.org_a}/waves/{reference}", headers=_auth(world))
        assert wave.status_code == 404, reference


def test_a_wave_from_a_script(client: TestClient, world: World) -> None:
    base = f"/api/v1/orgs/{world.org_a}/waves"
    created = client.post(
        base, headers=_auth(world, "driver"), json={"instrument": "employee-co", "label": "q1"}
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert len(body["links"]) == 6
    assert body["wave"]["status"] == "draft"
    again = client.post(
        base, headers=_auth(world, "driver"), json={"instrument": "employee-co", "label": "q1"}
    )
    assert again.status_code == 409
    wave_id = body["wave"]["id"]
    assert (
        client.post(f"{base}/{wave_id}/open", headers=_auth(world, "driver")).json()["status"]
        == "open"
    )
    token = body["links"][0]["link"].rsplit("/", 1)[1]
    for number, form in enumerate(pages("employee-co@1"), 1):
        client.post(f"/s/{token}/p/{number}", data=form)
    client.post(f"/s/{token}/submit", data={"idempotency_key": "api-1"})
    status = client.get(f"{base}/{wave_id}/status", headers=_auth(world, "viewer")).json()
    assert status["completed"] == 1
    assert status["invited"] == 6
    assert abs(status["response_rate"] - 1 / 6) < 1e-9
    exported = client.get(f"{base}/{wave_id}/responses", headers=_auth(world, "analyst")).json()
    assert len(exported["items"]) == 1
    assert exported["items"][0]["enps"] == 9
    assert "respondent" not in exported["items"][0]  # a confidential wave names nobody
    for fmt, media in [
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats"),
        ("parquet", "application/vnd.apache.parquet"),
        ("sav", "application/x-spss-sav"),
    ]:
        file = client.get(
            f"{base}/{wave_id}/responses?format={fmt}", headers=_auth(world, "analyst")
        )
        assert file.status_code == 200, fmt
        assert file.headers["content-type"].startswith(media)
        assert f'filename="responses.{fmt}"' in file.headers["content-disposition"]
    board = client.get(f"{base}/{wave_id}/dashboard", headers=_auth(world, "viewer")).json()
    assert board["rows"][0]["respondents"] is None  # one respondent: hidden under k = 5
    closed = client.post(f"{base}/{wave_id}/close", headers=_auth(world, "driver"))
    assert closed.json()["status"] == "closed"
    assert client.post(f"{base}/{wave_id}/open", headers=_auth(world, "driver")).status_code == 422
