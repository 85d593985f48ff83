"""The HTML opened in headless Chromium: no network request at all, no console error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from orientir.reports import SECTIONS, ReportData, render_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium is not at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser for both languages: starting Chromium is the slow part."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_report_opens_offline_without_errors(
    lang: str, report_data: ReportData, artifacts: Path, chromium: Any
) -> None:
    page_file = artifacts / f"report-{lang}.html"
    page_file.write_text(render_html(report_data, lang), encoding="utf-8")
    url = page_file.as_uri()
    requests: list[str] = []
    errors: list[str] = []
    page = chromium.new_page()
    try:
        page.on("request", lambda request: requests.append(request.url))
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # late requests (fonts, favicons) would show up here
        assert page.locator("svg.chart").count() >= 6
        assert page.locator("h2").count() == len(SECTIONS)
        page.screenshot(path=str(artifacts / f"report-{lang}-browser.png"), full_page=True)
    finally:
        page.close()
    outside = [r for r in requests if r != url and not r.startswith("data:")]
    assert outside == []
    assert errors == []
