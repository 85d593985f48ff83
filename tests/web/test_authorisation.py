"""Every route × every role × own organisation, another organisation, and another
organisation's object reached through one's own: the expected answer of each.

The routes are enumerated from the running application (the admin pages, the survey pages
and the API mounted at ``/api/v1``), so a route someone adds is exercised by every test here
without anyone listing it. Its expected permission, though, is written out below,
independently of the code: a route missing from the tables — or one whose dependency
declares another permission than the table says — fails ``test_every_route_is_in_the_matrix``.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from orientir.services.sessions import LoginPolicy, load_session, start_session
from orientir.storage.access import user_by_email
from tests.web.conftest import ROLES, World, open_wave_with_links
from tests.web.program_helpers import ProgramData

WHO = {
    "member": {"owner", "driver", "analyst", "viewer", "advocate"},
    "read_waves": {"owner", "driver", "analyst", "viewer"},
    "read_dashboards": {"owner", "driver", "analyst", "viewer"},
    "manage_waves": {"owner", "driver"},
    "export": {"owner", "driver", "analyst"},
    "read_people": {"owner", "driver"},
    "manage_people": {"owner"},
    "manage_users": {"owner"},
    "cases": {"owner", "advocate"},
    "read_audit": {"owner"},
    "manage_program": {"owner", "driver"},
    "manage_notifications": {"owner"},
}
ADMIN_ORG_ROUTES = {
    ("GET", "/admin/o/{org}/"): "member",
    ("GET", "/admin/o/{org}/people"): "read_people",
    ("POST", "/admin/o/{org}/people/import"): "manage_people",
    ("GET", "/admin/o/{org}/contacts"): "read_people",
    ("POST", "/admin/o/{org}/contacts/import"): "manage_people",
    ("GET", "/admin/o/{org}/instruments"): "member",
    ("GET", "/admin/o/{org}/instruments/{ref}"): "member",
    ("GET", "/admin/o/{org}/users"): "manage_users",
    ("POST", "/admin/o/{org}/users"): "manage_users",
    ("POST", "/admin/o/{org}/users/remove"): "manage_users",
    ("GET", "/admin/o/{org}/waves"): "read_waves",
    ("GET", "/admin/o/{org}/waves/new"): "manage_waves",
    ("POST", "/admin/o/{org}/waves"): "manage_waves",
    ("GET", "/admin/o/{org}/waves/{wave}"): "read_waves",
    ("GET", "/admin/o/{org}/waves/{wave}/progress.json"): "read_waves",
    ("POST", "/admin/o/{org}/waves/{wave}/open"): "manage_waves",
    ("POST", "/admin/o/{org}/waves/{wave}/close"): "manage_waves",
    ("POST", "/admin/o/{org}/waves/{wave}/remind"): "manage_waves",
    ("GET", "/admin/o/{org}/waves/{wave}/export"): "export",
    ("GET", "/admin/o/{org}/dashboard"): "read_dashboards",
    ("GET", "/admin/o/{org}/dashboard/{wave}"): "read_dashboards",
    ("GET", "/admin/o/{org}/customers"): "read_dashboards",
    ("GET", "/admin/o/{org}/index"): "read_dashboards",
    ("GET", "/admin/o/{org}/culture"): "read_dashboards",
    ("GET", "/admin/o/{org}/comments"): "read_dashboards",
    ("GET", "/admin/o/{org}/program"): "read_dashboards",
    ("GET", "/admin/o/{org}/reports"): "read_dashboards",
    ("GET", "/admin/o/{org}/cases"): "cases",
    ("GET", "/admin/o/{org}/audit"): "read_audit",
    ("GET", "/admin/o/{org}/reports/download"): "read_dashboards",
    ("GET", "/admin/o/{org}/program/initiatives/{initiative}"): "read_dashboards",
    ("POST", "/admin/o/{org}/program/initiatives"): "manage_program",
    ("POST", "/admin/o/{org}/program/team"): "manage_program",
    ("POST", "/admin/o/{org}/program/initiatives/{initiative}"): "manage_program",
    ("POST", "/admin/o/{org}/program/initiatives/{initiative}/milestones"): "manage_program",
    (
        "POST",
        "/admin/o/{org}/program/initiatives/{initiative}/milestones/{milestone}/done",
    ): "manage_program",
    ("GET", "/admin/o/{org}/case-rules"): "manage_program",
    ("POST", "/admin/o/{org}/case-rules"): "manage_program",
    ("GET", "/admin/o/{org}/cases/{case}"): "cases",
    ("POST", "/admin/o/{org}/cases/{case}/assign"): "cases",
    ("POST", "/admin/o/{org}/cases/{case}/move"): "cases",
    ("POST", "/admin/o/{org}/cases/{case}/note"): "cases",
    ("GET", "/admin/o/{org}/notifications/dead"): "manage_notifications",
    ("POST", "/admin/o/{org}/notifications/dead/replay"): "manage_notifications",
}
# Routes of a signed-in user that belong to no organisation, and the public ones.
ADMIN_OTHER_ROUTES = {
    ("GET", "/admin/login"),
    ("POST", "/admin/login"),
    ("POST", "/admin/logout"),
    ("GET", "/admin/"),
    ("GET", "/admin"),
    ("GET", "/admin/orgs"),
    ("POST", "/admin/orgs"),
    ("POST", "/admin/switch"),
    ("GET", "/admin/tokens"),
    ("POST", "/admin/tokens"),
    ("POST", "/admin/tokens/revoke"),
    ("GET", "/s/{token}"),
    ("GET", "/s/{token}/p/{number}"),
    ("POST", "/s/{token}/p/{number:int}"),
    ("GET", "/s/{token}/review"),
    ("POST", "/s/{token}/submit"),
    ("GET", "/s/{token}/thanks"),
    ("GET", "/"),
    ("GET", "/healthz"),
}
API_ORG_ROUTES = {
    ("GET", "/orgs/{org}/people"): "read_people",
    ("GET", "/orgs/{org}/contacts"): "read_people",
    ("GET", "/orgs/{org}/waves"): "read_waves",
    ("POST", "/orgs/{org}/waves"): "manage_waves",
    ("GET", "/orgs/{org}/waves/{wave}"): "read_waves",
    ("POST", "/orgs/{org}/waves/{wave}/open"): "manage_waves",
    ("POST", "/orgs/{org}/waves/{wave}/close"): "manage_waves",
    ("POST", "/orgs/{org}/waves/{wave}/remind"): "manage_waves",
    ("GET", "/orgs/{org}/waves/{wave}/status"): "read_waves",
    ("GET", "/orgs/{org}/waves/{wave}/dashboard"): "read_dashboards",
    ("GET", "/orgs/{org}/waves/{wave}/responses"): "export",
    ("GET", "/orgs/{org}/initiatives"): "read_dashboards",
    ("GET", "/orgs/{org}/program/team"): "read_dashboards",
    ("GET", "/orgs/{org}/program/timeline"): "read_dashboards",
    ("POST", "/orgs/{org}/initiatives"): "manage_program",
    ("GET", "/orgs/{org}/initiatives/{initiative}"): "read_dashboards",
    ("PATCH", "/orgs/{org}/initiatives/{initiative}"): "manage_program",
    ("POST", "/orgs/{org}/initiatives/{initiative}/milestones"): "manage_program",
    ("POST", "/orgs/{org}/initiatives/{initiative}/milestones/{milestone}/done"): "manage_program",
    ("GET", "/orgs/{org}/cases"): "cases",
    ("GET", "/orgs/{org}/cases/{case}"): "cases",
    ("POST", "/orgs/{org}/cases/{case}/assign"): "cases",
    ("POST", "/orgs/{org}/cases/{case}/notes"): "cases",
    ("POST", "/orgs/{org}/cases/{case}/transition"): "cases",
    ("POST", "/orgs/{org}/cases/escalate-overdue"): "manage_program",
    ("POST", "/orgs/{org}/cases/reprioritise"): "manage_program",
    ("GET", "/orgs/{org}/case-rules"): "manage_program",
    ("PUT", "/orgs/{org}/case-rules"): "manage_program",
    ("GET", "/orgs/{org}/channels"): "manage_notifications",
    ("POST", "/orgs/{org}/channels"): "manage_notifications",
    ("DELETE", "/orgs/{org}/channels/{channel}"): "manage_notifications",
    ("GET", "/orgs/{org}/outbox"): "manage_notifications",
    ("POST", "/orgs/{org}/outbox/replay"): "manage_notifications",
}
# The OpenAPI description is public (FastAPI serves it from a plain Starlette route).
API_PUBLIC_ROUTES = {("GET", "/openapi.json"), ("HEAD", "/openapi.json")}
API_OTHER_ROUTES = API_PUBLIC_ROUTES | {
    ("GET", "/orgs"),
    ("GET", "/instruments"),
    ("GET", "/instruments/{ref}"),
}


def _api_routes(app: Any) -> dict[tuple[str, str], APIRoute | Route]:
    """Every (method, path) of the app and its route, looking into included routers; plain
    Starlette routes too (the survey posts), which have no dependencies and so check no
    permission."""
    found: dict[tuple[str, str], APIRoute | Route] = {}
    for route in app.routes:
        if isinstance(route, APIRoute | Route):
            found |= {(m, route.path): route for m in route.methods or ()}
        elif hasattr(route, "original_router"):  # FastAPI keeps included routers whole
            found |= _api_routes(route.original_router)
    return found


def _routes(app: Any) -> set[tuple[str, str]]:
    return set(_api_routes(app))


def _api(app: Any) -> Any:
    return next(r.app for r in app.routes if isinstance(r, Mount) and r.path == "/api/v1")


def _declared_permission(route: APIRoute | Route) -> str | None:
    """The permission the route's dependencies check (``require(...)`` / ``org_access(...)``),
    read from the dependency closures, or None when none does."""
    if not isinstance(route, APIRoute):
        return None
    found: set[str] = set()
    pending = list(route.dependant.dependencies)
    while pending:
        dependant = pending.pop()
        pending.extend(dependant.dependencies)
        if dependant.call is not None and inspect.isfunction(dependant.call):
            permission = inspect.getclosurevars(dependant.call).nonlocals.get("permission")
            if permission is not None:
                found.add(str(permission.value))
    assert len(found) <= 1, f"{route.path} checks several permissions: {found}"
    return found.pop() if found else None


def _tables_of(
    app: Any,
) -> list[tuple[dict[tuple[str, str], APIRoute | Route], dict[Any, str], set[Any]]]:
    return [
        (_api_routes(app), ADMIN_ORG_ROUTES, ADMIN_OTHER_ROUTES),
        (_api_routes(_api(app)), API_ORG_ROUTES, API_OTHER_ROUTES),
    ]


def test_every_route_is_in_the_matrix(client: TestClient) -> None:
    problems = []
    for routes, org_routes, other_routes in _tables_of(client.app):
        for key, route in sorted(routes.items()):
            declared = _declared_permission(route)
            if key in org_routes:
                if declared != org_routes[key]:
                    problems.append(f"{key}: checks {declared}, the matrix says {org_routes[key]}")
            elif key in other_routes:
                if declared is not None:
                    problems.append(f"{key}: checks {declared}, the matrix lists it as open")
            else:
                problems.append(f"{key}: not in the matrix (its code checks {declared})")
        stale = (set(org_routes) | other_routes) - set(routes)
        problems += [f"{key}: in the matrix but not in the application" for key in sorted(stale)]
    assert not problems, "\n".join(problems)


def _fill(path: str, org: str, wave: int) -> str:
    """A concrete URL: the organisation, the wave, an instrument; any other object of a route
    added later gets an id that exists nowhere (its own organisation answers 404 for it)."""
    path = path.replace("{org}", org).replace("{wave}", str(wave)).replace("{ref}", "employee-co@1")
    return re.sub(r"\{[^}]+\}", "1", path)


def _cases(world: World, waves: dict[str, int]) -> list[tuple[str, str, int, bool]]:
    """(case, org slug, wave id, expect 404 whatever the role)."""
    return [
        ("own", world.org_a, waves["a"], False),
        ("other organisation", world.org_b, waves["b"], True),
        ("other organisation's wave", world.org_a, waves["b"], True),
    ]


def _expected(role: str, permission: str, foreign: bool, path: str, case: str) -> set[int]:
    allowed = role in WHO[permission]
    if case == "other organisation":
        return {404}
    if foreign and "{wave}" in path:
        return {404} if allowed else {403}
    if not allowed:
        return {403}
    unknown_object = re.search(r"\{(?!org\}|wave\}|ref\})[^}]+\}", path) is not None
    return {200, 201, 303, 409, 422} | ({404} if unknown_object else set())


@pytest.fixture
def waves(world: World) -> dict[str, int]:
    open_wave_with_links(world.db, world.org_a, label="shared-label")
    open_wave_with_links(world.db, world.org_b, label="shared-label")
    from orientir.services.waves import find_wave

    return {
        "a": find_wave(world.db, org=world.org_a, wave="shared-label").id,
        "b": find_wave(world.db, org=world.org_b, wave="shared-label").id,
    }


@pytest.mark.parametrize("role", ROLES)
def test_admin_matrix(client: TestClient, world: World, waves: dict[str, int], role: str) -> None:
    with world.db.engine.connect() as conn:
        user = user_by_email(conn, email=world.email(role))
    assert user is not None
    policy = LoginPolicy()
    session_id = start_session(world.db, user_id=user.id, policy=policy)
    session = load_session(world.db, session_id, policy=policy)
    assert session is not None
    client.cookies.set("orientir_session", session_id, domain="testserver.local", path="/admin")
    failures = []
    for method, path in sorted(_routes(client.app)):
        if (method, path) not in ADMIN_ORG_ROUTES:
            continue  # not of an organisation: see test_every_route_is_in_the_matrix
        permission = ADMIN_ORG_ROUTES[(method, path)]
        for case, org, wave, foreign in _cases(world, waves):
            if foreign and "{wave}" not in path and case != "other organisation":
                continue  # the same request as the first case
            url = _fill(path, org, wave)
            if method == "GET":
                answer = client.get(url)
            else:
                answer = client.post(url, data={"csrf_token": session.csrf_token})
            want = _expected(role, permission, foreign, path, case)
            if answer.status_code not in want:
                failures.append(f"{role} {method} {url} ({case}): {answer.status_code} not {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(client: TestClient, world: World, waves: dict[str, int], role: str) -> None:
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    failures = []
    for method, path in sorted(_routes(_api(client.app))):
        if (method, path) not in API_ORG_ROUTES:
            continue
        permission = API_ORG_ROUTES[(method, path)]
        for case, org, wave, foreign in _cases(world, waves):
            if foreign and "{wave}" not in path and case != "other organisation":
                continue
            url = "/api/v1" + _fill(path, org, wave)
            body = {"instrument": "employee-co@1", "label": f"api-{role}"}
            answer = client.request(
                method, url, headers=headers, json=None if method == "GET" else body
            )
            want = _expected(role, permission, foreign, path, case)
            if answer.status_code not in want:
                failures.append(f"{role} {method} {url} ({case}): {answer.status_code} not {want}")
            elif answer.status_code >= 400:
                assert answer.headers["content-type"] == "application/problem+json"
    for method, path in sorted(_routes(_api(client.app)) & API_OTHER_ROUTES):
        answer = client.request(method, "/api/v1" + _fill(path, world.org_a, 0), headers=headers)
        if answer.status_code != 200:
            failures.append(f"{role} {method} {path}: {answer.status_code}")
    assert not failures, "\n".join(failures)


def test_without_credentials(client: TestClient, world: World, waves: dict[str, int]) -> None:
    admin_routes = _routes(client.app) - ADMIN_OTHER_ROUTES
    for method, path in sorted(admin_routes):
        answer = client.request(method, _fill(path, world.org_a, waves["a"]))
        assert answer.status_code in {303, 403}, path  # GET: to sign-in; POST: no CSRF token
        if method == "GET":
            assert answer.headers["location"].startswith("/admin/login")
    for method, path in sorted(_routes(_api(client.app)) - API_PUBLIC_ROUTES):
        answer = client.request(method, "/api/v1" + _fill(path, world.org_a, waves["a"]))
        assert answer.status_code == 401, path
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json()["status"] == 401
    assert client.get("/api/v1/openapi.json").json()["openapi"].startswith("3.")


# The program, cases and notification routes with real objects in both organisations: an
# initiative, its milestone, a case and a notification channel of organisation A reached
# through A; B's reached through B (404 for a user of A); and B's reached through A's own URL
# (404 too — objects are found only within the organisation of the URL).
OBJECT_PLACEHOLDERS = ("{initiative}", "{milestone}", "{case}", "{channel}")


@dataclass(frozen=True)
class OrgObjects(ProgramData):
    channel: int = 0


@pytest.fixture
def program_objects(world: World) -> dict[str, Any]:
    from orientir.domain.notifications import ChannelKind
    from orientir.services.notifications import NewChannel, add_channel
    from tests.web.program_helpers import add_program

    found = {}
    for key, org, advocate in (
        ("a", world.org_a, world.email("advocate")),
        ("b", world.org_b, "advocate@b.example.ru"),
    ):
        program = add_program(world.db, org, world.tmp, advocate_email=advocate)
        hook = add_channel(world.db, NewChannel(org, ChannelKind.WEBHOOK, f"https://{key}.ru/h"))
        found[key] = OrgObjects(**vars(program), channel=hook.channel.id)
    a, b = found["a"], found["b"]
    assert a.initiative != b.initiative
    assert a.milestone != b.milestone
    assert a.cases["C1"] != b.cases["C1"]
    assert a.channel != b.channel
    return dict(found)


def _fill_object(path: str, org: str, objects: Any) -> str:
    return (
        path.replace("{org}", org)
        .replace("{initiative}", str(objects.initiative))
        .replace("{milestone}", str(objects.milestone))
        .replace("{case}", str(objects.cases["C1"]))
        .replace("{channel}", str(objects.channel))
    )


# A valid body for each API route that takes one, so that the answer is about the object and
# the role, not about the request's shape.
OBJECT_BODIES = {
    ("PATCH", "/orgs/{org}/initiatives/{initiative}"): {"component": "service"},
    ("POST", "/orgs/{org}/initiatives/{initiative}/milestones"): {
        "title": "Ещё шаг",
        "due_on": "2026-05-01",
    },
    ("POST", "/orgs/{org}/cases/{case}/assign"): {"advocate": "7"},
    ("POST", "/orgs/{org}/cases/{case}/notes"): {"note": "Позвонить ещё раз"},
    ("POST", "/orgs/{org}/cases/{case}/transition"): {"to": "in_progress"},
}


def _object_expected(role: str, permission: str, case: str) -> set[int]:
    allowed = role in WHO[permission]
    if case == "other organisation":
        return {404}
    if case == "other organisation's object":
        return {404} if allowed else {403}
    return {200, 201, 204, 303, 422} if allowed else {403}


def _object_cases(world: World, objects: dict[str, Any]) -> list[tuple[str, str, Any]]:
    return [
        ("own", world.org_a, objects["a"]),
        ("other organisation", world.org_b, objects["b"]),
        ("other organisation's object", world.org_a, objects["b"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_program_objects_matrix(
    client: TestClient, world: World, program_objects: dict[str, Any], role: str
) -> None:
    with world.db.engine.connect() as conn:
        user = user_by_email(conn, email=world.email(role))
    assert user is not None
    policy = LoginPolicy()
    session_id = start_session(world.db, user_id=user.id, policy=policy)
    session = load_session(world.db, session_id, policy=policy)
    assert session is not None
    client.cookies.set("orientir_session", session_id, domain="testserver.local", path="/admin")
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    failures = []
    checked = 0
    for prefix, table in (("", ADMIN_ORG_ROUTES), ("/api/v1", API_ORG_ROUTES)):
        for (method, path), permission in sorted(table.items()):
            if not any(p in path for p in OBJECT_PLACEHOLDERS):
                continue
            for case, org, objects in _object_cases(world, program_objects):
                url = prefix + _fill_object(path, org, objects)
                if prefix:
                    body = OBJECT_BODIES.get((method, path), {})
                    answer = client.request(
                        method, url, headers=headers, json=None if method == "GET" else body
                    )
                elif method == "GET":
                    answer = client.get(url)
                else:
                    answer = client.post(url, data={"csrf_token": session.csrf_token})
                checked += 1
                want = _object_expected(role, permission, case)
                if answer.status_code not in want:
                    failures.append(
                        f"{role} {method} {url} ({case}): {answer.status_code} not {want}"
                    )
                elif prefix and answer.status_code >= 400:
                    assert answer.headers["content-type"] == "application/problem+json"
    assert checked >= 3 * 13
    assert not failures, "\n".join(failures)
    # Nothing of organisation B changed, whoever tried.
    from orientir.services.cases import show_case
    from orientir.services.program import get_initiative

    b = program_objects["b"]
    found = get_initiative(world.db, org=world.org_b, initiative=str(b.initiative))
    assert found.status.value == "active"
    assert not any(m.done for m in found.milestones)
    case = show_case(world.db, org=world.org_b, case_id=b.cases["C1"])
    assert case.case.status.value == "open"
    assert [e.kind for e in case.events] == ["opened"]
    from orientir.services.notifications import list_channels

    assert [c.id for c in list_channels(world.db, org=world.org_b)] == [b.channel]
