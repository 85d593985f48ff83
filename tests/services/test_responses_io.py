"""Exports in four formats with privacy applied, and imports that give the same data back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from orientir.config import Limits
from orientir.domain.waves import WaveMode
from orientir.errors import ImportRejected, InvalidInput
from orientir.services.import_messages import reason_text
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_people
from orientir.services.responding import submit_answers
from orientir.services.responses_io import (
    coarsen_departments,
    import_responses,
    neutralise,
    response_frame,
    write_export,
)
from orientir.services.waves import NewWave, create_wave, open_wave
from orientir.storage.database import Database

LIMITS = Limits()
TODAY = date(2026, 3, 10)
STAFF = "id,name,department\n" + "".join(
    f"{i},P{i},{'Продажи/Москва' if i <= 5 else 'Склад'}\n" for i in range(1, 8)
)


def answers(i: int) -> dict[str, object]:
    return {"needs1": 1 + i % 5, "needs2": 5 - i % 5, "needs3": 3, "needs4": 2, "enps": i % 11}


@pytest.fixture
def org(db: Database, tmp_path: Path) -> str:
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_people(db, org=slug, path=staff, limits=LIMITS)
    created = create_wave(db, NewWave(slug, "employee-co@1", label="q1"), limits=LIMITS)
    open_wave(db, org=slug, wave="q1")
    for i, invitation in enumerate(created.invitations, start=1):
        submit_answers(
            db, token=invitation.token, answers=answers(i), idempotency_key=f"k{i}", today=TODAY
        )
    return slug


def test_small_departments_are_coarsened_to_an_ancestor_or_blanked() -> None:
    paths = ["A/x", "A/x", "A/y", "A/y", "A/y", "B", None]
    assert coarsen_departments(paths, 3) == ["A", "A", "A/y", "A/y", "A/y", None, None]
    assert coarsen_departments(paths, 2) == ["A/x", "A/x", "A/y", "A/y", "A/y", None, None]


def test_formulas_are_neutralised() -> None:
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert [neutralise(v) for v in ("+1", "-2", "@a", "ok", 5)] == ["'+1", "'-2", "'@a", "ok", 5]


def test_confidential_export_has_no_ids_and_guards_departments(db: Database, org: str) -> None:
    export = response_frame(db, org=org, wave="q1", k=5)
    frame = export.frame
    assert "respondent" not in frame.columns
    assert len(frame) == 7
    shown = [d if isinstance(d, str) else None for d in frame["department"]]
    assert shown == ["Продажи/Москва"] * 5 + [None, None]
    assert frame["needs1"].tolist() == [answers(i)["needs1"] for i in range(1, 8)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_export_then_import_gives_back_the_same_data(
    db: Database, org: str, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"q1.{fmt}"
    assert write_export(response_frame(db, org=org, wave="q1", k=5), fmt=fmt, out=out) == 7
    create_wave(db, NewWave(org, "employee-co@1", label="copy"), limits=LIMITS)
    source = out
    if fmt == "parquet":  # imports read CSV and XLSX; parquet is checked by reading it back
        source = tmp_path / "from-parquet.csv"
        pd.read_parquet(out).to_csv(source, index=False)
    report = import_responses(
        db, org=org, wave="copy", path=source, mapping_path=None, limits=LIMITS
    )
    assert (report.stored, report.total_rows) == (7, 7)
    original = response_frame(db, org=org, wave="q1", k=5).frame
    copied = response_frame(db, org=org, wave="copy", k=5).frame
    pd.testing.assert_frame_equal(original, copied, check_dtype=False)
    again = import_responses(
        db, org=org, wave="copy", path=source, mapping_path=None, limits=LIMITS
    )
    assert (again.stored, again.already_present) == (0, 7)


def test_sav_export_carries_labels(db: Database, org: str, tmp_path: Path) -> None:
    out = tmp_path / "q1.sav"
    write_export(response_frame(db, org=org, wave="q1", k=5), fmt="sav", out=out, lang="ru")
    frame, meta = pyreadstat.read_sav(str(out))
    assert len(frame) == 7
    assert frame["needs1"].tolist() == [float(answers(i)["needs1"]) for i in range(1, 8)]
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["needs1"].startswith("Прежде чем")
    assert meta.variable_value_labels["needs1"][5.0]  # a Russian label for 5
    assert "респондент" not in " ".join(meta.column_names).lower()


def test_unknown_format_is_refused(db: Database, org: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="unknown format"):
        write_export(response_frame(db, org=org, wave="q1", k=5), fmt="pdf", out=tmp_path / "x.pdf")


def test_import_with_a_mapping_of_labels(db: Database, org: str, tmp_path: Path) -> None:
    create_wave(
        db, NewWave(org, "employee-co@1", label="lime", mode=WaveMode.ANONYMOUS), limits=LIMITS
    )
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Response ID", "Q1", "Q2", "Q3", "Q4", "Рекомендую"])
    sheet.append([1, "Полностью согласен", "Согласен", "Затрудняюсь", "Не согласен", 9])
    sheet.append([2, "Согласен", "Согласен", "Согласен", "Согласен", 10])
    path = tmp_path / "lime.xlsx"
    book.save(path)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  Q1: needs1\n  Q2: needs2\n  Q3: needs3\n  Q4: needs4\n  Рекомендую: enps\n"
        "values:\n  Полностью согласен: 5\n  Согласен: 4\n  Затрудняюсь: 3\n  Не согласен: 2\n",
        encoding="utf-8",
    )
    report = import_responses(
        db, org=org, wave="lime", path=path, mapping_path=mapping, limits=LIMITS
    )
    assert report.stored == 2
    frame = response_frame(db, org=org, wave="lime", k=5).frame
    assert frame[["needs1", "needs2", "needs3", "needs4", "enps"]].values.tolist() == [
        [5, 4, 3, 2, 9],
        [4, 4, 4, 4, 10],
    ]


def test_a_bad_import_reports_every_cell_and_stores_nothing(
    db: Database, org: str, tmp_path: Path
) -> None:
    create_wave(db, NewWave(org, "employee-co@1", label="bad"), limits=LIMITS)
    path = tmp_path / "bad.csv"
    path.write_text(
        "needs1,needs2,enps,department\n"
        "4,5,9,Продажи/Москва\n"
        "7,5,9,\n"  # row 3: out of range
        "4,five,9,\n"  # row 4: not a number
        "4,5,,Нигде\n",  # row 5: missing required eNPS, unknown department
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_responses(db, org=org, wave="bad", path=path, mapping_path=None, limits=LIMITS)
    assert {(p.row, p.column) for p in caught.value.problems} == {
        (3, "needs1"),
        (4, "needs2"),
        (5, "enps"),
        (5, "department"),
    }
    assert len(response_frame(db, org=org, wave="bad", k=5).frame) == 0


def test_a_rejected_responses_import_explains_each_cell_in_russian(
    db: Database, org: str, tmp_path: Path
) -> None:
    create_wave(db, NewWave(org, "employee-co@1", label="bad"), limits=LIMITS)
    path = tmp_path / "bad.csv"
    path.write_text(
        "needs1,needs2,enps,department\n"
        "7,5,9,\n"  # row 2: out of range
        "4,five,9,\n"  # row 3: not a number
        "4,5,9,Нигде\n",  # row 4: unknown department
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_responses(db, org=org, wave="bad", path=path, mapping_path=None, limits=LIMITS)
    cells = {(p.row, p.column): p for p in caught.value.problems}
    english = {cell: p.reason for cell, p in cells.items()}
    russian = {cell: reason_text(p, "ru") for cell, p in cells.items()}
    assert english == {
        (2, "needs1"): "must be from 1 to 5, got 7",
        (3, "needs2"): "'five' is not a number",
        (4, "department"): "unknown department 'Нигде'",
    }
    assert russian == {
        (2, "needs1"): "должно быть от 1 до 5, получено 7",
        (3, "needs2"): "'five' — не число",
        (4, "department"): "неизвестное подразделение 'Нигде'",
    }
    assert all(reason_text(p, "en") == p.reason for p in cells.values())


def test_a_mapping_that_names_unknown_columns_is_explained_in_russian(
    db: Database, org: str, tmp_path: Path
) -> None:
    create_wave(db, NewWave(org, "employee-co@1", label="mapped"), limits=LIMITS)
    path = tmp_path / "answers.csv"
    path.write_text("Q1\n4\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  Q1: needs1\n  Q9: nothing\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_responses(db, org=org, wave="mapped", path=path, mapping_path=mapping, limits=LIMITS)
    russian = sorted(reason_text(p, "ru") for p in caught.value.problems)
    assert russian == [
        "'nothing' — не пункт инструмента employee-co@1",
        "в сопоставлении указан столбец, которого нет в файле",
    ]
