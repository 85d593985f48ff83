"""The PDF: every section heading in the chosen language, the same index as ``orientir index``,
and its pages rendered to PNG under ``artifacts/reports/`` for a person to look at."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.i18n import t
from orientir.reports import SECTIONS, ReportData, fmt, html_to_pdf, render_pdf
from tests.reports.conftest import Company

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


def pdf_text(path: Path, *, first: int = 1) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(first), str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    # Lines wrap where the layout wraps them; compare on single spaces, composed characters.
    return " ".join(unicodedata.normalize("NFKC", out).split())


@pytest.fixture(scope="module")
def cli_index(company: Company) -> dict[str, object]:
    result = CliRunner().invoke(
        app, ["--db", str(company.path), "index", "--org", company.slug, "--json"]
    )
    assert result.exit_code == 0, result.output
    index = json.loads(result.stdout)["index"]
    assert isinstance(index, dict)
    return index


@pytest.fixture(scope="module", params=["ru", "en"])
def pdf(
    request: pytest.FixtureRequest, report_data: ReportData, artifacts: Path
) -> tuple[str, Path]:
    lang = str(request.param)
    path = artifacts / f"report-{lang}.pdf"
    path.write_bytes(render_pdf(report_data, lang))
    return lang, path


def test_every_section_heading_is_in_the_pdf(pdf: tuple[str, Path]) -> None:
    lang, path = pdf
    text = pdf_text(path)
    later = pdf_text(path, first=2)  # past the first page: the sections themselves
    for section in SECTIONS:
        heading = t(f"report.section.{section}", lang)
        assert heading in text, (lang, heading)
        if section != "summary":
            assert heading in later, (lang, heading)
    other = "en" if lang == "ru" else "ru"
    assert t("report.section.readiness", other) not in text


def test_the_pdf_shows_the_index_of_orientir_index(
    pdf: tuple[str, Path], cli_index: dict[str, object], report_data: ReportData
) -> None:
    lang, path = pdf
    value, ci = cli_index["value"], cli_index["ci"]
    assert isinstance(value, float)
    assert isinstance(ci, list)
    low, high = float(ci[0]), float(ci[1])
    assert report_data.summary.index.value == pytest.approx(value, abs=1e-9)
    text = pdf_text(path)
    assert fmt.number(value, lang) in text
    assert fmt.interval((low, high), lang) in text
    if lang == "ru":
        assert "," in fmt.number(value, lang)  # the decimal comma of Russian


def test_pages_render_to_png(pdf: tuple[str, Path], artifacts: Path) -> None:
    lang, path = pdf
    for old in artifacts.glob(f"report-{lang}-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(path), str(artifacts / f"report-{lang}-page")],
        check=True,
    )
    pages = sorted(artifacts.glob(f"report-{lang}-page-*.png"))
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    count = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    assert len(pages) == count >= 8
    for page in pages:
        assert page.stat().st_size > 10_000, page  # a blank A4 page at 60 dpi is ~2 kB


def test_the_pdf_renderer_fetches_nothing(tmp_path: Path) -> None:
    """Only data: URLs are read; a file (or any other URL) in the HTML is refused."""
    picture = tmp_path / "dot.svg"
    picture.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        '<text x="0" y="9">SECRET-FILE</text></svg>'
    )
    pdf = html_to_pdf(f'<p>report</p><img src="{picture.as_uri()}">')
    text = tmp_path / "out.pdf"
    text.write_bytes(pdf)
    assert "SECRET-FILE" not in pdf_text(text)
    assert "report" in pdf_text(text)
