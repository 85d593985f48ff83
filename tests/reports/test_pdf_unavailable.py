"""Without WeasyPrint's libraries the PDF is refused with a clear error, and the demo carries
on with the HTML reports and says what is missing."""

from __future__ import annotations

import sys

import pytest

from orientir.demo import messages as _demo_texts  # noqa: F401  (registers texts)
from orientir.errors import OrientirError
from orientir.i18n import t
from orientir.reports.render import PdfUnavailable, html_to_pdf


def test_a_missing_weasyprint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    with pytest.raises(PdfUnavailable, match=r"write \.html instead") as caught:
        html_to_pdf("<p>x</p>")
    assert isinstance(caught.value, OrientirError)


def test_the_demo_names_the_packages_to_install_in_both_languages() -> None:
    for lang in ("en", "ru"):
        text = t("demo.reports.no_pdf", lang, file="report.pdf")
        assert "report.pdf" in text
        assert "libpango-1.0-0" in text
