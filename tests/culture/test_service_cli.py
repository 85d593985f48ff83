"""``orientir culture`` end to end: waves in the database, the service, the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.config import Limits
from orientir.domain.waves import WaveMode
from orientir.services.culture import culture_overview, load_waves
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_people
from orientir.services.responses_io import import_responses
from orientir.services.waves import NewWave, create_wave
from orientir.storage.database import Database, open_database
from tests.culture._synth import culture_frame, employee_frame

LIMITS = Limits()
DEPARTMENTS = ("Продажи", "Сервис", "Склад")


def _import(db: Database, org: str, label: str, frame: pd.DataFrame, tmp: Path) -> None:
    frame = frame.drop(columns=["respondent", "complete"])
    for column in frame.columns:
        if column != "department" and frame[column].notna().all():
            frame[column] = frame[column].astype(int)
    path = tmp / f"{org}-{label}.csv"
    frame.to_csv(path, index=False)
    import_responses(db, org=org, wave=label, path=path, mapping_path=None, limits=LIMITS)


def build(db: Database, tmp: Path, name: str, seed: int) -> str:
    """An organisation with three departments, two culture and two employee waves."""
    rng = np.random.default_rng(seed)
    slug = create_organisation(db, NewOrganisation(name), this_year=2026).slug
    staff = tmp / f"{slug}-staff.csv"
    staff.write_text(
        "id,name,department\n" + "".join(f"{i},P{i},{DEPARTMENTS[i % 3]}\n" for i in range(30)),
        encoding="utf-8",
    )
    import_people(db, org=slug, path=staff, limits=LIMITS)
    for label, closes, clan in (("c1", date(2025, 3, 20), 20.0), ("c2", date(2025, 6, 20), 32.0)):
        new = NewWave(slug, "culture@1", label=label, mode=WaveMode.ANONYMOUS, closes_on=closes)
        create_wave(db, new, limits=LIMITS)
        rest = (100 - clan) / 3
        frames = [
            culture_frame(
                10, rng, now=[clan, rest, rest, rest], pref=[40, 20, 20, 20], department=d
            )
            for d in DEPARTMENTS
        ]
        _import(db, slug, label, pd.concat(frames, ignore_index=True), tmp)
        e_label = label.replace("c", "e")
        new = NewWave(
            slug, "employee-co@1", label=e_label, mode=WaveMode.ANONYMOUS, closes_on=closes
        )
        create_wave(db, new, limits=LIMITS)
        frames = [employee_frame(10, rng, needs=3.0, department=d) for d in DEPARTMENTS]
        _import(db, slug, e_label, pd.concat(frames, ignore_index=True), tmp)
    return slug


@pytest.fixture
def org(db: Database, tmp_path: Path) -> str:
    return build(db, tmp_path, "Ромашка", 0)


def test_waves_are_read_as_pure_inputs(db: Database, org: str) -> None:
    waves = load_waves(db, org=org)
    assert sorted(w.wave for w in waves) == ["c1", "c2", "e1", "e2"]
    culture = next(w for w in waves if w.wave == "c2")
    assert culture.closes_on == date(2025, 6, 20)
    assert culture.mode == "anonymous"
    assert culture.responses["respondent"].isna().all()
    assert sorted(set(culture.departments())) == sorted(DEPARTMENTS)
    assert culture.responses["dominant_clan_now"].dtype == np.float64


def test_overview_by_department(db: Database, org: str) -> None:
    overview = culture_overview(db, orgs=[org], by_department=True, k=5)
    (report,) = overview.reports
    assert [p.wave for p in report.profiles] == ["c1", "c2"]
    latest = report.latest.organisation
    assert latest.n == 30
    assert latest.type("clan").now == pytest.approx(32, abs=3)
    assert {c.group for c in report.latest.cells} == {"", *DEPARTMENTS}
    rising = [r for r in report.change if r.group == "" and r.measure == "clan_now"]
    assert rising
    assert rising[0].verdict == "rising"
    assert report.link is not None
    table = report.link.table
    assert set(table["level"]) == {"organisation", "department"}
    assert overview.portfolio is None
    json.dumps(overview.to_dict(), ensure_ascii=False, default=str)


def test_a_portfolio_links_organisations(db: Database, tmp_path: Path, org: str) -> None:
    other = build(db, tmp_path, "Лютик", 1)
    overview = culture_overview(db, orgs=[org, other])
    assert [r.org for r in overview.reports] == [org, other]
    assert overview.portfolio is not None
    effect = overview.portfolio.effect("portfolio", "clan")
    assert effect.n == 4  # two organisations × two quarters
    assert effect.warning is not None


def test_command_line(sqlite_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_url, migrate=True)
    slug = build(db, tmp_path, "Ромашка", 0)
    db.dispose()
    runner = CliRunner()
    result = runner.invoke(app, ["--db", sqlite_url, "culture", "--org", slug, "--json"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["kind"] == "culture-overview"
    first = payload["organisations"][0]
    assert first["waves"][-1]["profile"]["organisation"]["n"] == 30
    assert first["waves"][-1]["profile"]["departments"] == []
    text = runner.invoke(
        app, ["--db", sqlite_url, "--lang", "ru", "culture", "--org", slug, "--by", "department"]
    )
    assert text.exit_code == 0, text.stderr
    assert "Профиль культуры" in text.stdout
    assert "Склад" in text.stdout
    assert "Культурная паутина" in text.stdout
    bad = runner.invoke(app, ["--db", sqlite_url, "culture", "--org", slug, "--by", "team"])
    assert bad.exit_code != 0
    missing = runner.invoke(app, ["--db", sqlite_url, "culture", "--org", "nobody"])
    assert missing.exit_code == 1
    assert "no organisation" in missing.stderr
