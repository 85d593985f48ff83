"""``orientir report`` from the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.i18n import t
from tests.reports.conftest import Company


def test_report_without_transactions_says_so_plainly(company: Company, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(company.path),
            "report",
            "--org",
            company.slug,
            "--out",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "No transaction data is available for this report" in html
    assert t("report.section.customers", "en") in html


def test_report_refuses_an_unknown_file_type(company: Company, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(company.path),
            "report",
            "--org",
            company.slug,
            "--out",
            str(tmp_path / "r.docx"),
        ],
    )
    assert result.exit_code == 1
    assert ".html or .pdf" in result.output
