"""People and contacts imports: formats, updates by id, and all-or-nothing rejection."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from orientir.config import Limits
from orientir.errors import ImportRejected, InvalidInput, LimitExceeded, NotFound
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_contacts, import_people, list_contacts, list_people
from orientir.storage.database import Database
from orientir.storage.tables import departments, people
from tests.zip_damage import damaged_archives

LIMITS = Limits()
GOOD = (
    "external_id,name,email,department,manager_id,hire_date,role,active\n"
    "E1,Анна Иванова,anna@example.ru,Продажи,,2015-03-01,director,да\n"
    "E2,Борис Петров,boris@example.ru,Продажи/Москва,E1,01.02.2019,manager,yes\n"
    "E3,Вера Сидорова,,Продажи/Москва,E2,2021-09-15,,\n"
    "E4,Глеб Орлов,gleb@example.ru,Сервис,E1,2020-01-10,engineer,0\n"
)


@pytest.fixture
def org(db: Database) -> str:
    return create_organisation(db, NewOrganisation("Ромашка", founded=2005), this_year=2026).slug


def write(tmp_path: Path, text: str, *, name: str = "people.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def count_people(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(people)).scalar_one())


def test_import_builds_the_department_tree_and_manager_links(
    db: Database, org: str, tmp_path: Path
) -> None:
    report = import_people(db, org=org, path=write(tmp_path, GOOD), limits=LIMITS)
    assert (report.created, report.updated, report.unchanged, report.written) == (4, 0, 0, True)
    stored = {p.external_id: p for p in list_people(db, org=org)}
    assert stored["E3"].manager_external_id == "E2"
    assert stored["E3"].department == "Продажи/Москва"
    assert stored["E2"].hire_date.isoformat() == "2019-02-01"  # type: ignore[union-attr]
    assert stored["E4"].active is False
    assert stored["E3"].active is True  # blank means active
    with db.engine.connect() as conn:
        tree = dict(conn.execute(select(departments.c.path, departments.c.parent_id)).all())
        ids = dict(conn.execute(select(departments.c.path, departments.c.id)).all())
    assert set(tree) == {"Продажи", "Продажи/Москва", "Сервис"}
    assert tree["Продажи/Москва"] == ids["Продажи"]
    assert tree["Продажи"] is None


def test_reimport_updates_by_id_and_changes_nothing_else(
    db: Database, org: str, tmp_path: Path
) -> None:
    import_people(db, org=org, path=write(tmp_path, GOOD), limits=LIMITS)
    again = import_people(db, org=org, path=write(tmp_path, GOOD), limits=LIMITS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    changed = "external_id,name,manager_id\nE3,Вера Сидорова-Орлова,E4\n"
    report = import_people(db, org=org, path=write(tmp_path, changed, name="c.csv"), limits=LIMITS)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    stored = {p.external_id: p for p in list_people(db, org=org)}
    assert stored["E3"].name == "Вера Сидорова-Орлова"
    assert stored["E3"].manager_external_id == "E4"
    assert stored["E1"].email == "anna@example.ru"  # people not in the file are untouched
    assert count_people(db) == 4


def test_windows_1251_with_semicolons_and_russian_headers(
    db: Database, org: str, tmp_path: Path
) -> None:
    text = (
        "Табельный номер;ФИО;Почта;Подразделение;Руководитель;Дата приёма;Должность\n"
        "101;Дмитрий Ёлкин;d@example.ru;Склад;;05.06.2010;кладовщик\n"
        "102;Елена Жукова;;Склад;101;06.07.2011;\n"
    )
    report = import_people(
        db, org=org, path=write(tmp_path, text, encoding="cp1251"), limits=LIMITS
    )
    assert report.encoding == "cp1251"
    assert report.created == 2
    stored = {p.external_id: p for p in list_people(db, org=org)}
    assert stored["101"].name == "Дмитрий Ёлкин"
    assert stored["102"].manager_external_id == "101"


def test_utf8_bom_with_tabs(db: Database, org: str, tmp_path: Path) -> None:
    text = "\ufeffid\tname\tdepartment\nA\tAnn\tSales\nB\tBob\tSales / North\n"
    report = import_people(db, org=org, path=write(tmp_path, text), limits=LIMITS)
    assert report.encoding == "utf-8-sig"
    assert {p.department for p in list_people(db, org=org)} == {"Sales", "Sales/North"}


def test_xlsx(db: Database, org: str, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["external_id", "name", "hire_date", "manager_id"])
    sheet.append([1, "Ann", "2020-01-02", None])
    sheet.append([2, "Bob", "03.04.2021", 1])
    path = tmp_path / "people.xlsx"
    book.save(path)
    import_people(db, org=org, path=path, limits=LIMITS)
    stored = {p.external_id: p for p in list_people(db, org=org)}
    assert stored["2"].manager_external_id == "1"
    assert stored["2"].hire_date.isoformat() == "2021-04-03"  # type: ignore[union-attr]


BAD = (
    "external_id,name,email,manager_id,hire_date,active\n"
    "E1,Анна,anna@example.ru,,2015-03-01,да\n"  # row 2: fine
    "E2,Борис,not-an-email,E1,2019-02-30,yes\n"  # row 3: e-mail and date
    "E1,Анна again,,,,\n"  # row 4: duplicate id
    "E5,,x@example.ru,E9,,\n"  # row 5: missing name, unknown manager
    "E6,Фёдор,,,,maybe\n"  # row 6: bad yes/no
)


def test_bad_file_reports_every_row_and_writes_nothing(
    db: Database, org: str, tmp_path: Path
) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_people(db, org=org, path=write(tmp_path, BAD), limits=LIMITS)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (3, "email"),
        (3, "hire_date"),
        (4, "external_id"),
        (5, "name"),
        (5, "manager_id"),
        (6, "active"),
    }
    assert caught.value.total_rows == 5
    reasons = " | ".join(str(p) for p in caught.value.problems)
    assert "duplicate id 'E1' (first on row 2)" in reasons
    assert "unknown manager 'E9'" in reasons
    assert count_people(db) == 0


def test_a_cycle_in_the_manager_chain_is_rejected(db: Database, org: str, tmp_path: Path) -> None:
    text = "id,name,manager\nA,Ann,C\nB,Bob,A\nC,Cid,B\nD,Dan,\n"
    with pytest.raises(ImportRejected) as caught:
        import_people(db, org=org, path=write(tmp_path, text), limits=LIMITS)
    (problem,) = caught.value.problems
    assert problem.column == "manager_id"
    assert "cycle" in problem.reason
    assert count_people(db) == 0


def test_a_cycle_through_people_already_stored_is_rejected(
    db: Database, org: str, tmp_path: Path
) -> None:
    import_people(
        db, org=org, path=write(tmp_path, "id,name,manager\nA,Ann,\nB,Bob,A\n"), limits=LIMITS
    )
    with pytest.raises(ImportRejected, match="1 of 1 rows"):
        import_people(
            db,
            org=org,
            path=write(tmp_path, "id,name,manager\nA,Ann,B\n", name="x.csv"),
            limits=LIMITS,
        )
    assert {p.external_id: p.manager_external_id for p in list_people(db, org=org)} == {
        "A": None,
        "B": "A",
    }


def test_check_only_validates_against_the_database_and_writes_nothing(
    db: Database, org: str, tmp_path: Path
) -> None:
    report = import_people(db, org=org, path=write(tmp_path, GOOD), limits=LIMITS, check_only=True)
    assert (report.created, report.written) == (4, False)
    assert count_people(db) == 0
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(departments)).scalar_one() == 0


def test_missing_required_column_names_the_accepted_headers(
    db: Database, org: str, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="lacks required columns: 'name'"):
        import_people(db, org=org, path=write(tmp_path, "id,email\n1,a@b.ru\n"), limits=LIMITS)


def test_unknown_organisation(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no organisation 'nope'"):
        import_people(db, org="nope", path=write(tmp_path, GOOD), limits=LIMITS)


def test_file_size_limit(db: Database, org: str, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    with pytest.raises(LimitExceeded, match="the limit is 100 bytes"):
        import_people(db, org=org, path=path, limits=Limits(max_upload_bytes=100))


def _one_person_workbook(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["external_id", "name"])
    sheet.append([1, "Ann"])
    path = folder / "people.xlsx"
    book.save(path)
    return path


def test_a_zip_bomb_workbook_is_refused_unopened(db: Database, org: str, tmp_path: Path) -> None:
    """A small XLSX whose shared strings would expand to far more than the limit: refused
    from the sizes the archive declares, before openpyxl inflates anything; a normal
    workbook under the same limit still imports."""
    import zipfile

    good = _one_person_workbook(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * 3_000_000 + b"</sst>")
    assert bomb.stat().st_size < 100_000  # three megabytes of spaces compress to kilobytes
    limits = Limits(max_xlsx_expanded_bytes=1_000_000)
    with pytest.raises(LimitExceeded, match="would expand to 3"):
        import_people(db, org=org, path=bomb, limits=limits)
    assert count_people(db) == 0
    import_people(db, org=org, path=good, limits=limits)
    assert count_people(db) == 1


def test_damaged_workbooks_get_a_clear_error(db: Database, org: str, tmp_path: Path) -> None:
    """Every kind of damage to the ZIP container is refused as an unreadable workbook."""
    good = _one_person_workbook(tmp_path)
    for damage, content in damaged_archives(good.read_bytes()).items():
        path = tmp_path / "damaged.xlsx"
        path.write_bytes(content)
        with pytest.raises(InvalidInput, match="not a readable XLSX workbook"):
            import_people(db, org=org, path=path, limits=LIMITS)
        assert count_people(db) == 0, damage


def test_row_count_limit(db: Database, org: str, tmp_path: Path) -> None:
    with pytest.raises(LimitExceeded, match="4 data rows; the limit is 3"):
        import_people(db, org=org, path=write(tmp_path, GOOD), limits=Limits(max_import_rows=3))


def test_field_length_limits(db: Database, org: str, tmp_path: Path) -> None:
    long_name = "Я" * 301  # wider than the name column, under the general limit
    text = f"id,name,role\nA,{long_name},x\nB,Bob,{'r' * 20}\n"
    with pytest.raises(ImportRejected) as caught:
        import_people(
            db, org=org, path=write(tmp_path, text), limits=Limits(max_field_chars=10_000)
        )
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "name")]
    with pytest.raises(ImportRejected) as caught:
        import_people(db, org=org, path=write(tmp_path, text), limits=Limits(max_field_chars=15))
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "name"), (3, "role")}
    assert count_people(db) == 0


def test_organisations_do_not_see_each_other(db: Database, org: str, tmp_path: Path) -> None:
    other = create_organisation(db, NewOrganisation("Василёк"), this_year=2026).slug
    import_people(db, org=org, path=write(tmp_path, GOOD), limits=LIMITS)
    import_people(
        db,
        org=other,
        path=write(tmp_path, "id,name\nE1,Someone else\n", name="o.csv"),
        limits=LIMITS,
    )
    assert [p.name for p in list_people(db, org=other)] == ["Someone else"]
    assert len(list_people(db, org=org)) == 4
    # a manager id of another organisation is unknown here
    with pytest.raises(ImportRejected, match="1 of 1 rows"):
        import_people(
            db,
            org=other,
            path=write(tmp_path, "id,name,manager\nX,Xe,E2\n", name="m.csv"),
            limits=LIMITS,
        )


def test_contacts_import_and_kinds(db: Database, org: str, tmp_path: Path) -> None:
    text = (
        "id;тип;компания;контактное лицо;почта\n"
        "C1;клиент;ООО Луч;Иван;ivan@luch.ru\n"
        "P1;партнёр;АО Мост;;\n"
        "S1;поставщик;ИП Сидоров;;\n"
    )
    report = import_contacts(
        db, org=org, path=write(tmp_path, text, encoding="cp1251"), limits=LIMITS
    )
    assert report.created == 3
    kinds = {c.external_id: c.kind.value for c in list_contacts(db, org=org)}
    assert kinds == {"C1": "customer", "P1": "partner", "S1": "other"}
    bad = "id,kind,email\nC1,customer,bad\nC2,enemy,\n"
    with pytest.raises(ImportRejected) as caught:
        import_contacts(db, org=org, path=write(tmp_path, bad, name="b.csv"), limits=LIMITS)
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "email"), (3, "kind")}
    assert list_contacts(db, org=org)[0].email == "ivan@luch.ru"
    # A NUL byte, which PostgreSQL refuses in text and SQLite would keep: refused on both, with
    # its row and column, and nothing of the file written (found by the importer fuzzing).
    nul = "id,kind,company,person\nC1,customer,\x00ООО Луч,Иван\nC9,customer,Новая,Ли\x00\n"
    with pytest.raises(ImportRejected) as caught:
        import_contacts(db, org=org, path=write(tmp_path, nul, name="n.csv"), limits=LIMITS)
    assert [(p.row, p.column, p.key) for p in caught.value.problems] == [
        (2, "company", "import.nul_character"),
        (3, "person", "import.nul_character"),
    ]
    assert "NUL" in str(caught.value.problems[0])
    assert {c.company for c in list_contacts(db, org=org)} == {"ООО Луч", "АО Мост", "ИП Сидоров"}
