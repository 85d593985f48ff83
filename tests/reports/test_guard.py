"""Every figure passes the anonymity guard: a department under k shows no figure anywhere."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import insert, select, update

from orientir.config import Limits
from orientir.i18n import t
from orientir.instruments import builtin_library
from orientir.orientation import WaveData
from orientir.reports import ReportData, render_html
from orientir.reports.build_customers import nps_by_class
from orientir.reports.views import hidden_words
from orientir.services.customer_base import import_transactions
from orientir.services.report import ReportOptions, build_report
from orientir.storage.database import open_database
from orientir.storage.tables import departments, organisations, responses, waves
from tests.reports.conftest import TODAY, Company

SECRET = "Тайный отдел"


def _copy(source: Path, target: Path) -> None:
    # The backup API copies a WAL database consistently; a file copy could miss the log.
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


@pytest.fixture(scope="module")
def small_department(company: Company, tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """Three employees moved into a department of their own in the latest employee waves."""
    path = tmp_path_factory.mktemp("guard") / "orientir.db"
    _copy(company.path, path)
    db = open_database(f"sqlite:///{path}")
    with db.engine.begin() as conn:
        org_id = conn.execute(
            select(organisations.c.id).where(organisations.c.slug == company.slug)
        ).scalar_one()
        dept = conn.execute(
            insert(departments)
            .values(org_id=org_id, path=SECRET, parent_id=None)
            .returning(departments.c.id)
        ).scalar_one()
        for label in ("employee-co-2026-11", "culture-2026-11"):
            wave_id = conn.execute(
                select(waves.c.id).where(waves.c.org_id == org_id, waves.c.label == label)
            ).scalar_one()
            ids = (
                conn.execute(select(responses.c.id).where(responses.c.wave_id == wave_id).limit(3))
                .scalars()
                .all()
            )
            conn.execute(
                update(responses).where(responses.c.id.in_(ids)).values(department_id=dept)
            )
    # The transaction log stored in the database, not a file, feeds the customer base here.
    import_transactions(db, org=company.slug, path=company.transactions, limits=Limits())
    try:
        return build_report(db, ReportOptions(org=company.slug, today=TODAY))
    finally:
        db.dispose()


def _figures(html: str, group: str, lang: str) -> str:
    """The text of a department's row, without the words that say why it is hidden (they
    name k, the one number a hidden row may show)."""
    found = re.search(rf'<tr[^>]*data-group="{re.escape(group)}".*?</tr>', html, re.S)
    assert found, group
    text = re.sub(r"<[^>]+>", " ", found.group(0))
    for reason in ("small", "complement", "guard"):
        text = text.replace(hidden_words(lang, 5)(reason), "")
    return text


def test_a_department_under_k_shows_no_figure(small_department: ReportData) -> None:
    data = small_department
    row = next(r for r in data.departments.rows if r.group == SECRET)
    assert row.index.suppressed
    assert row.index.value is None
    assert row.index.n is None
    assert all(c.value is None and c.n is None for c in row.cells)
    cover = next(r for r in data.coverage.rows if r.group == SECRET)
    assert cover.suppressed
    assert cover.share is None
    assert cover.n is None
    for lang in ("ru", "en"):
        html = render_html(data, lang)
        cells = _figures(html, SECRET, lang)
        assert not re.search(r"\d", cells), cells  # no value, interval or count
        assert SECRET in html.split('id="method"')[1]  # named in "what was hidden and why"


def test_what_would_reveal_the_small_department_is_hidden_too(
    small_department: ReportData,
) -> None:
    """Three people out of the whole: a shown sibling would let them be recomputed, so the
    guard hides a sibling — a whole department or one of its cells (secondary suppression)."""
    data = small_department
    others = [r for r in data.departments.rows if r.group != SECRET]
    whole = [r for r in others if r.index.suppressed]
    partly = [r for r in others if not r.index.suppressed and any(c.suppressed for c in r.cells)]
    assert whole or partly, "the guard must hide a second department or cell"
    assert any(r.reason == "complement" for r in data.coverage.rows if r.group != SECRET)
    html = render_html(data, "en")
    for row in whole:
        assert not re.search(r"\d", _figures(html, row.group, "en"))
    for row in partly:
        found = re.search(rf'<tr[^>]*data-group="{re.escape(row.group)}".*?</tr>', html, re.S)
        assert found
        assert '<td class="cell hidden">—</td>' in found.group(0)
    listed = {h.what.en for h in data.method.hidden}
    assert SECRET in listed
    assert {r.group for r in whole} <= listed


def test_the_stored_transaction_log_feeds_the_customer_base(
    small_department: ReportData,
) -> None:
    base = small_department.customers
    assert base.source is not None
    assert base.source.en == t("report.customers.stored", "en")
    assert base.customers == 1500
    assert base.note is None
    assert {row.label for row in base.nps} >= {"all", "A", "B", "C"}


def test_nps_by_abc_class_is_guarded_as_one_tree() -> None:
    instrument = builtin_library().resolve("customer-view@1")
    rng = np.random.default_rng(3)
    n = 43
    frame = pd.DataFrame(
        {
            "respondent": [f"c{i}" for i in range(n)],
            "department": [None] * n,
            "complete": [True] * n,
            **{
                item.id: rng.integers(0, 11, n).astype(float)
                for item in instrument.items
                if item.format.value == "nps"
            },
        }
    )
    for item in instrument.items:
        if item.id not in frame.columns:
            frame[item.id] = np.nan if item.format.value != "text" else None
    wave = WaveData("acme", "cv", instrument, TODAY, "confidential", frame)
    classes = {f"c{i}": "A" if i < 20 else "B" if i < 40 else "C" for i in range(n)}
    rows, hidden = nps_by_class(wave, classes, k=5, level=0.95)
    shown = {r.label: r for r in rows}
    assert shown["C"].figure.suppressed
    assert shown["C"].figure.reason == "small"
    # "all" minus A minus B would give C: one of them is hidden as its complement.
    assert sum(shown[x].figure.suppressed for x in ("all", "A", "B")) >= 1
    assert {h.reason for h in hidden} >= {"small", "complement"}
    for row in rows:
        if row.figure.suppressed:
            assert row.figure.value is None
            assert row.figure.n is None
            assert row.detractors is None
