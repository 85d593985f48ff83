"""Limits with a test each: API and survey requests per client address (429, problem details,
Retry-After), the size of a request body (refused while it streams, not after), and failed
sign-ins per e-mail and per address."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from orientir.config import Settings, load_settings
from orientir.services.database import Database
from orientir.services.sessions import LoginPolicy
from orientir.web import create_app
from orientir.web.rate_buckets import WINDOW, TokenBucket
from orientir.web.security import MULTIPART_OVERHEAD, SMALL_BODY
from tests.web.conftest import PASSWORD, World, csrf_of, login, open_wave_with_links

UPLOAD_LIMIT = 10_000


@pytest.fixture
def strict_settings(database_url: str, tmp_path: Path) -> Settings:
    return load_settings(
        {
            "ORIENTIR_DATA_DIR": str(tmp_path),
            "ORIENTIR_BASE_URL": "http://testserver",
            "ORIENTIR_API_RATE": "1",  # one more a minute: no refill during the test
            "ORIENTIR_API_BURST": "5",
            "ORIENTIR_SURVEY_RATE": "1",
            "ORIENTIR_SURVEY_BURST": "3",
            "ORIENTIR_MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT),
        },
        db=database_url,
    )


@pytest.fixture
def strict(strict_settings: Settings, web_db: Database) -> Iterator[TestClient]:
    app = create_app(strict_settings, db=web_db, secure_cookies=False)
    with TestClient(app, follow_redirects=False) as client:
        yield client


def _is_429(answer: Any) -> None:
    assert answer.status_code == 429
    assert answer.headers["content-type"] == "application/problem+json"
    assert int(answer.headers["retry-after"]) >= 1
    assert answer.json()["status"] == 429
    assert answer.headers["content-security-policy"]  # the guard sits inside the headers


def test_api_requests_per_address(strict: TestClient, world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['owner']}"}
    answers = [strict.get("/api/v1/orgs", headers=headers) for _ in range(6)]
    assert [a.status_code for a in answers[:5]] == [200] * 5
    _is_429(answers[5])
    # Unauthenticated guessing is limited as well, and other addresses are not affected.
    _is_429(strict.get("/api/v1/orgs"))
    assert strict.get("/api/v1/orgs").json()["detail"] == "too many requests; slow down"
    russian = strict.get("/api/v1/orgs", headers={**headers, "Accept-Language": "ru"})
    _is_429(russian)
    assert russian.json()["detail"] == "слишком много запросов; подождите немного"
    assert russian.headers["content-language"] == "ru"
    other = TestClient(strict.app, client=("10.9.8.7", 5000))
    assert other.get("/api/v1/orgs", headers=headers).status_code == 200


def test_survey_posts_per_address(strict: TestClient, world: World) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    posts = [strict.post(f"/s/{token}/p/1", data={"nav": "next"}) for _ in range(4)]
    assert all(a.status_code != 429 for a in posts[:3])
    _is_429(posts[3])
    assert strict.get(f"/s/{token}").status_code == 200  # reading a page is not limited


def test_the_limits_are_configurable_and_can_be_off() -> None:
    settings = load_settings({"ORIENTIR_SURVEY_RATE": "0", "ORIENTIR_API_BURST": "7"})
    assert settings.rates.survey_per_minute == 0
    assert settings.rates.api_burst == 7
    assert load_settings({}).rates.api_per_minute == 600


def test_the_bucket_refills(tmp_path: Path) -> None:
    now = [0.0]
    bucket = TokenBucket(tmp_path / "b", per_minute=60, burst=2, clock=lambda: now[0])
    assert bucket.take("a") == 0
    assert bucket.take("a") == 0
    assert bucket.take("a") == pytest.approx(1.0)
    assert bucket.take("b") == 0
    now[0] = 1.0
    assert bucket.take("a") == 0
    assert bucket.take("a") == pytest.approx(1.0)
    now[0] = 0.5  # the clock went back (the file outlived a reboot): that bucket starts afresh
    assert bucket.take("a") == 0


_OTHER_PROCESS = """
import sys
from pathlib import Path
from orientir.web.rate_buckets import TokenBucket
bucket = TokenBucket(Path(sys.argv[1]), per_minute=1, burst=5)
print(" ".join(str(bucket.take("203.0.113.7") == 0) for _ in range(3)))
"""


def test_every_process_draws_on_the_same_buckets(tmp_path: Path) -> None:
    """As the workers of ``orientir serve --workers N`` do: one address's burst is spent once
    across processes, not once per process."""
    import subprocess
    import sys

    path = tmp_path / "survey.buckets"
    here = TokenBucket(path, per_minute=1, burst=5)
    assert [here.take("203.0.113.7") for _ in range(3)] == [0, 0, 0]
    other = subprocess.run(
        [sys.executable, "-c", _OTHER_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.split() == ["True", "True", "False"]  # two of five were left
    assert here.take("203.0.113.7") > 0
    assert here.take("198.51.100.1") == 0  # another address has its own bucket
    assert path.stat().st_size == 8192 * 24  # the table's size is fixed


def test_the_table_is_bounded_and_keeps_what_matters(tmp_path: Path) -> None:
    """A table of one window: every address competes for the same slots. A new address takes an
    empty slot, then one whose bucket has refilled (it remembers nothing), and only then the one
    counted longest ago."""
    now = [0.0]
    bucket = TokenBucket(tmp_path / "b", per_minute=60, burst=2, clock=lambda: now[0], slots=WINDOW)
    for n in range(WINDOW):  # fills every slot, each bucket one token down
        now[0] = n / 1000
        assert bucket.take(f"10.0.0.{n}") == 0
    now[0] = 0.5  # refills half a token each: none is idle yet
    assert bucket.take("10.0.0.1") == 0  # the second address, down to 0.5 tokens
    assert bucket.take("10.0.1.0") == 0  # a newcomer: takes the slot counted longest ago…
    assert bucket.take("10.0.0.0") == 0  # …so the first address starts afresh
    assert bucket.take("10.0.0.1") == pytest.approx(0.501)  # the second remembers its count
    now[0] = 10.0  # every bucket full again: newcomers take idle slots, nobody is forgotten
    for n in range(3):
        assert bucket.take(f"10.0.2.{n}") == 0
    assert bucket.take("10.0.0.1") == 0
    assert bucket.take("10.0.0.1") == 0
    assert bucket.take("10.0.0.1") > 0


def test_an_upload_just_over_the_limit_is_refused(strict: TestClient, world: World) -> None:
    login(strict, world.email("owner"))
    page = strict.get(f"/admin/o/{world.org_a}/people")
    csrf = csrf_of(page.text)
    url = f"/admin/o/{world.org_a}/people/import"
    over = b"id,name\n" + b"x" * (UPLOAD_LIMIT + MULTIPART_OVERHEAD)
    answer = strict.post(url, data={"csrf_token": csrf}, files={"file": ("p.csv", over)})
    assert answer.status_code == 413
    # Just over the file limit but within the form's allowance: the import itself refuses it.
    near = b"id,name\n" + b"1,x\n" * (UPLOAD_LIMIT // 4)
    answer = strict.post(url, data={"csrf_token": csrf}, files={"file": ("p.csv", near)})
    assert answer.status_code == 422
    assert len(near) > UPLOAD_LIMIT


def _raw(
    app: FastAPI, path: str, headers: list[tuple[bytes, bytes]], chunks: int
) -> tuple[int, int]:
    """Send ``chunks`` chunks of 64 KiB to ``path`` through ASGI; (status, chunks read)."""
    read = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal read
        if read >= chunks:
            return {"type": "http.disconnect"}
        read += 1
        return {"type": "http.request", "body": b"a" * 65536, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return status, read


def test_a_streamed_body_is_cut_off_at_the_limit_not_read_to_the_end(
    strict: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    app = strict.app
    assert isinstance(app, FastAPI)
    form = [(b"content-type", b"application/x-www-form-urlencoded")]
    # 1000 chunks of 64 KiB (64 MiB) without a Content-Length: reading stops past 1 MiB.
    status, read = _raw(app, f"/s/{token}/p/1", form, chunks=1000)
    assert status == 413
    assert read <= SMALL_BODY // 65536 + 1
    # A declared Content-Length over the limit is refused before a byte is read.
    declared = [*form, (b"content-length", str(SMALL_BODY + 1).encode())]
    status, read = _raw(app, f"/s/{token}/p/1", declared, chunks=1000)
    assert (status, read) == (413, 0)
    # An admin upload: the cap is the upload limit plus the form's allowance.
    multipart = [(b"content-type", b"multipart/form-data; boundary=xyz")]
    status, read = _raw(app, f"/admin/o/{world.org_a}/people/import", multipart, chunks=1000)
    assert status in {303, 413}  # not signed in: 303 before the body is touched
    assert read <= (UPLOAD_LIMIT + MULTIPART_OVERHEAD) // 65536 + 1


def test_a_body_over_the_limit_is_refused_in_the_callers_language(strict: TestClient) -> None:
    big = b"x" * (SMALL_BODY + 1)
    json_body = {"content-type": "application/json"}
    english = strict.post("/api/v1/orgs", content=big, headers=json_body)
    assert english.status_code == 413
    assert english.json()["detail"] == f"the request body is larger than {SMALL_BODY} bytes"
    russian = strict.post(
        "/api/v1/orgs", content=big, headers={**json_body, "Accept-Language": "ru"}
    )
    assert russian.status_code == 413
    assert russian.json()["detail"] == f"тело запроса больше {SMALL_BODY} байт"
    assert russian.headers["content-language"] == "ru"


def test_failed_sign_ins_per_address(settings: Settings, web_db: Database, world: World) -> None:
    policy = LoginPolicy(per_account=100, per_address=3, window=timedelta(minutes=15))
    app = create_app(settings, db=web_db, secure_cookies=False, login_policy=policy)
    with TestClient(app, follow_redirects=False) as client:
        for n in range(3):
            page = client.get("/admin/login")
            token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
            assert token is not None
            answer = client.post(
                "/admin/login",
                data={
                    "email": f"nobody{n}@a.example.ru",
                    "password": "Wrong-password-9",
                    "login_csrf": token.group(1),
                },
            )
            assert answer.status_code == 401
        # Past the address's limit, even the right password of another account is refused.
        page = client.get("/admin/login")
        token = re.search(r'name="login_csrf" value="([^"]+)"', page.text)
        assert token is not None
        answer = client.post(
            "/admin/login",
            data={
                "email": world.email("owner"),
                "password": PASSWORD,
                "login_csrf": token.group(1),
            },
        )
        assert answer.status_code == 429
        assert int(answer.headers["retry-after"]) > 0
    # From another address the owner still signs in.
    with TestClient(app, follow_redirects=False, client=("10.1.2.3", 4000)) as other:
        login(other, world.email("owner"))
