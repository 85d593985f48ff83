"""Security headers on every kind of answer, and templates that need no inline code: the
Content-Security-Policy allows no ``unsafe-inline``, so a template with an inline script, a
``style`` attribute or an event handler would break — and would mean an injection could run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from orientir.config import Settings
from orientir.services.database import Database
from orientir.web import create_app
from orientir.web.security import CSP
from tests.web.conftest import World, login, open_wave_with_links

WEB = Path(__file__).parents[2] / "src" / "orientir" / "web"
TEMPLATES = sorted((WEB / "templates").rglob("*.html"))
JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)


class _Inline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name.lower(): value or "" for name, value in attrs}
        where = f"line {self.getpos()[0]}: <{tag}>"
        if tag == "style":
            self.problems.append(f"{where} a <style> element")
        if tag == "script":
            self._in_script = True
            if not names.get("src", "").startswith("/static/"):
                self.problems.append(f"{where} a script not from /static/")
        if "style" in names:
            self.problems.append(f"{where} a style attribute")
        handlers = [n for n in names if n.startswith("on")]
        if handlers:
            self.problems.append(f"{where} event handler attributes {handlers}")
        for attr in ("href", "src", "action", "formaction"):
            value = names.get(attr, "").strip().lower()
            if value.startswith("javascript:"):
                self.problems.append(f"{where} a javascript: URL")
            if tag in {"script", "link"} and re.match(r"(https?:)?//", value):
                self.problems.append(f"{where} a resource from another site")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"line {self.getpos()[0]}: an inline script body")


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_template_has_inline_code_or_style(template: Path) -> None:
    parser = _Inline()
    # Jinja expressions become a neutral word; the markup around them is what matters.
    parser.feed(JINJA.sub("x", template.read_text(encoding="utf-8")))
    parser.close()
    assert not parser.problems, "\n".join(parser.problems)


def test_the_parser_catches_what_it_should() -> None:
    parser = _Inline()
    parser.feed(
        '<script>alert(1)</script><p style="color:red" onclick="x()">'
        '<a href="javascript:x()">x</a><style>p{}</style>'
        '<script src="https://cdn.example/x.js"></script>'
    )
    assert len(parser.problems) == 8  # both scripts: not ours; one also inline, one remote


def test_static_files_are_ours_and_fetch_nothing_from_elsewhere() -> None:
    for path in (WEB / "static").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"https?://", text), path
            assert "eval(" not in text, path
            assert "new Function" not in text, path


def test_the_policy_has_no_unsafe_inline() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CSP


def _common(headers: object) -> None:
    assert headers["content-security-policy"] == CSP  # type: ignore[index]
    assert headers["x-content-type-options"] == "nosniff"  # type: ignore[index]
    assert headers["referrer-policy"] == "no-referrer"  # type: ignore[index]
    assert headers["x-frame-options"] == "DENY"  # type: ignore[index]


def test_headers_on_every_kind_of_answer(client: TestClient, world: World) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    survey = client.get(f"/s/{token}")
    login_page = client.get("/admin/login")
    api = client.get("/api/v1/orgs", headers={"Authorization": f"Bearer {world.tokens['owner']}"})
    unauthorised = client.get("/api/v1/orgs")
    missing = client.get("/nowhere")
    static = client.get("/static/orientir.css")
    login(client, world.email("owner"))
    admin = client.get(f"/admin/o/{world.org_a}/")
    for answer in (survey, login_page, api, unauthorised, missing, admin, static):
        _common(answer.headers)
        assert "strict-transport-security" not in answer.headers  # plain http here
    for answer in (survey, login_page, api, unauthorised, admin):
        assert answer.headers["cache-control"] == "no-store"
    assert "no-store" not in static.headers.get("cache-control", "")


def test_hsts_behind_https(settings: Settings, web_db: Database) -> None:
    app: FastAPI = create_app(settings, db=web_db, secure_cookies=True)
    with TestClient(app, base_url="https://testserver") as client:
        answer = client.get("/admin/login")
    assert answer.headers["strict-transport-security"].startswith("max-age=31536000")
    _common(answer.headers)
    assert "secure" in answer.headers["set-cookie"].lower()
