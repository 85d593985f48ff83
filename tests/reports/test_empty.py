"""An organisation with nothing measured yet still gets a report that says so, section by
section, without a single invented figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from orientir.reports import SECTIONS, render_html
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.report import ReportOptions, build_report
from orientir.storage.database import open_database


def test_a_new_organisation_gets_an_honest_empty_report(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        create_organisation(db, NewOrganisation(name="Новая"), this_year=2026)
        data = build_report(db, ReportOptions(org="Новая", today=date(2026, 11, 1)))
    finally:
        db.dispose()
    assert data.summary.index.value is None
    assert data.verdict.en.startswith("There are no closed survey waves")
    for lang, words in (("en", "No transaction data"), ("ru", "Данных о транзакциях")):
        html = render_html(data, lang)
        assert words in html
        assert html.count("<h2") == len(SECTIONS)
        assert "nan" not in html.lower().replace("nanum", "")
