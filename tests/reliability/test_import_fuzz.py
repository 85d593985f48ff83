"""Hostile files for every importer (people, contacts, responses, transactions): random bytes,
truncated and bit-flipped CSV and XLSX, wrong encodings, NUL bytes, mixed separators, huge
fields, formula injections. Each file is either imported (it happened to be valid) or refused
with orientir's own error (an ``OrientirError`` with a message) — never another exception — and
a refused file changes no row of any table.

``ORIENTIR_FUZZ_EXAMPLES`` (default 120) sets the examples per importer.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from orientir.config import Limits
from orientir.errors import OrientirError
from orientir.services.customer_base import import_transactions
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_contacts, import_people
from orientir.services.responses_io import import_responses
from orientir.services.waves import NewWave, create_wave, open_wave
from orientir.storage.database import Database, open_database
from orientir.storage.tables import metadata
from tests.conftest import scratch_postgres

EXAMPLES = int(os.environ.get("ORIENTIR_FUZZ_EXAMPLES", "120"))
LIMITS = Limits(max_upload_bytes=2 * 1024 * 1024, max_import_rows=500, max_field_chars=1_000)

PEOPLE = (
    "id,name,email,department,manager_id,hire_date,role,active\n"
    "B1,Босс,boss@example.ru,Управление,,2020-01-15,Драйвер,yes\n"
    "P1,Пётр Ёлкин,petr@example.ru,Продажи/Москва,B1,15.03.2021,Менеджер,да\n"
    "P2,Anna Smith,anna@example.com,Склад,B1,2022-07-01,,1\n"
)
CONTACTS = "id,kind,company,person,email\nC1,customer,Альфа,Иван,ivan@alfa.ru\nP9,partner,Бета,,\n"
RESPONSES = "needs1,needs2,needs3,needs4,enps\n1,5,3,2,7\n4,4,4,4,10\n2,3,1,5,0\n"
TRANSACTIONS = (
    "Контрагент;Дата;Сумма;Номер документа\n"
    "К-001;05.01.2026;12 500,00;1\n"
    "К-002;06.01.2026;1 000,50;2\n"
)
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-2+3",
]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, str, Path]]:
    """On both engines: PostgreSQL refuses what SQLite stores (a NUL byte in text, a string
    longer than its column), so a file that slips past the checks fails differently there."""
    folder = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        place: Any = contextlib.nullcontext(f"sqlite:///{folder / 'fuzz.db'}")
    else:
        place = scratch_postgres("orientir_fz", request.getfixturevalue("postgres_template"))
    with place as url:
        db = open_database(url)
        org = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
        staff = folder / "staff.csv"
        staff.write_text(PEOPLE, encoding="utf-8")
        import_people(db, org=org, path=staff, limits=LIMITS)
        create_wave(db, NewWave(org, "employee-co@1", label="q1"), limits=LIMITS)
        open_wave(db, org=org, wave="q1")
        yield db, org, folder
        db.dispose()


@functools.cache
def _xlsx(text: str) -> bytes:
    """The same bytes for the same text within a run (hypothesis replays draws)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    separator = ";" if ";" in text.split("\n", 1)[0] else ","
    for line in text.strip("\n").split("\n"):
        sheet.append(line.split(separator))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def hostile(draw: st.DrawFn, valid: str) -> tuple[str, bytes]:
    """A file name suffix and content derived from a valid file ``valid``."""
    kind = draw(
        st.sampled_from(
            [
                "random",
                "truncated",
                "flipped",
                "encoding",
                "nul",
                "separators",
                "huge",
                "formula",
                "xlsx_truncated",
                "xlsx_flipped",
                "xlsx_junk",
                "xlsx_cells",
                "text",
            ]
        )
    )
    data = valid.encode("utf-8")
    suffix = draw(st.sampled_from([".csv", ".csv", ".txt", ".xlsx"]))
    if kind == "random":
        return suffix, draw(st.binary(max_size=3000))
    if kind == "text":
        return suffix, draw(st.text(max_size=2000)).encode("utf-8", "surrogatepass")
    if kind == "truncated":
        return suffix, data[: draw(st.integers(0, len(data)))]
    if kind == "flipped":
        flipped = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(flipped) - 1))
            flipped[at] = draw(st.integers(0, 255))
        return suffix, bytes(flipped)
    if kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-32", "cp1251", "koi8-r", "latin-1", "cp866"]))
        return ".csv", valid.encode(codec, errors="replace")
    if kind == "nul":
        at = draw(st.integers(0, len(data)))
        return ".csv", data[:at] + b"\x00" * draw(st.integers(1, 3)) + data[at:]
    if kind == "separators":
        chars = list(valid)
        for i, char in enumerate(chars):
            if char in ",;" and draw(st.booleans()):
                chars[i] = draw(st.sampled_from([",", ";", "\t", "|"]))
        return ".csv", "".join(chars).encode("utf-8")
    if kind == "huge":
        size = draw(st.sampled_from([1_001, 5_000, 140_000, 300_000]))
        lines = valid.split("\n")
        row = draw(st.integers(0, len(lines) - 1))
        lines[row] = lines[row] + ("," if "," in lines[0] else ";") + "Я" * size
        if draw(st.booleans()):
            lines[row] = '"' + "x" * size + lines[row]  # an unterminated quote too
        return ".csv", "\n".join(lines).encode("utf-8")
    if kind == "formula":
        lines = valid.split("\n")
        separator = ";" if ";" in lines[0] else ","
        row = draw(st.integers(1, len(lines) - 2))
        cells = lines[row].split(separator)
        cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(FORMULAS))
        lines[row] = separator.join(cells)
        text = "\n".join(lines)
        return draw(st.sampled_from([(".csv", text.encode()), (".xlsx", _xlsx(text))]))
    book = _xlsx(valid)
    if kind == "xlsx_truncated":
        return ".xlsx", book[: draw(st.integers(0, len(book) - 1))]
    if kind == "xlsx_flipped":
        flipped = bytearray(book)
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(flipped) - 1))
            flipped[at] ^= draw(st.integers(1, 255))
        return ".xlsx", bytes(flipped)
    if kind == "xlsx_cells":  # a well-formed sheet whose cells are wrong
        cells = []
        for row in range(1, draw(st.integers(1, 4)) + 1):
            for _ in range(draw(st.integers(1, 4))):
                ref = draw(st.sampled_from(["A", "B", "C", "ZZZZ", "a", "", "1"])) + str(row)
                kind_attr = draw(
                    st.sampled_from(["s", "n", "d", "b", "str", "e", "inlineStr", "x"])
                )
                value = draw(
                    st.sampled_from(["0", "1", "999", "-1", "abc", "1e999", "2026-13-45", ""])
                )
                cells.append((row, f'<c r="{ref}" t="{kind_attr}"><v>{value}</v></c>'))
        rows = "".join(
            f'<row r="{r}">' + "".join(c for rr, c in cells if rr == r) + "</row>"
            for r in sorted({r for r, _ in cells})
        )
        sheet = (
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
        ).encode()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
            for name in source.namelist():
                is_sheet = name.startswith("xl/worksheets/")
                target.writestr(name, sheet if is_sheet else source.read(name))
        return ".xlsx", out.getvalue()
    # A well-formed ZIP whose worksheet is junk.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name.startswith("xl/worksheets/") or draw(st.integers(0, 9)) == 0:
                content = draw(st.binary(max_size=200)) or b"<x"
            target.writestr(name, content)
    return ".xlsx", out.getvalue()


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in metadata.sorted_tables
        }


def check(
    db: Database, folder: Path, suffix: str, content: bytes, run: Callable[[Path], Any]
) -> None:
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(content)
    before = counts(db)
    refused: OrientirError | None = None
    try:
        run(path)
    except OrientirError as exc:  # anything else fails the test with its traceback
        refused = exc
    finally:
        path.unlink()
    if refused is not None:
        assert str(refused).strip(), "an error without a message"
        assert "Traceback" not in str(refused)
        assert counts(db) == before, "a refused file changed the database"


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(case=hostile(PEOPLE))
def test_people_import(world: tuple[Database, str, Path], case: tuple[str, bytes]) -> None:
    db, org, folder = world
    check(db, folder, *case, lambda p: import_people(db, org=org, path=p, limits=LIMITS))


@FUZZ
@given(case=hostile(CONTACTS))
def test_contacts_import(world: tuple[Database, str, Path], case: tuple[str, bytes]) -> None:
    db, org, folder = world
    check(db, folder, *case, lambda p: import_contacts(db, org=org, path=p, limits=LIMITS))


@FUZZ
@given(case=hostile(RESPONSES))
def test_responses_import(world: tuple[Database, str, Path], case: tuple[str, bytes]) -> None:
    db, org, folder = world
    check(
        db,
        folder,
        *case,
        lambda p: import_responses(
            db, org=org, wave="q1", path=p, mapping_path=None, limits=LIMITS
        ),
    )


@FUZZ
@given(case=hostile(TRANSACTIONS), parquet=st.booleans())
def test_transactions_import(
    world: tuple[Database, str, Path], case: tuple[str, bytes], parquet: bool
) -> None:
    db, org, folder = world
    suffix, content = case
    if parquet and suffix != ".xlsx":
        suffix = ".parquet"  # CSV bytes or junk behind a Parquet name
    check(
        db,
        folder,
        suffix,
        content,
        lambda p: import_transactions(db, org=org, path=p, limits=LIMITS),
    )


def test_valid_seeds_import(world: tuple[Database, str, Path]) -> None:
    """The files the fuzzing starts from are valid, so mutations start from real input."""
    db, org, folder = world
    for name, text, run in (
        ("c.csv", CONTACTS, lambda p: import_contacts(db, org=org, path=p, limits=LIMITS)),
        (
            "r.csv",
            RESPONSES,
            lambda p: import_responses(
                db, org=org, wave="q1", path=p, mapping_path=None, limits=LIMITS
            ),
        ),
        ("t.csv", TRANSACTIONS, lambda p: import_transactions(db, org=org, path=p, limits=LIMITS)),
        ("t.xlsx", TRANSACTIONS, lambda p: import_transactions(db, org=org, path=p, limits=LIMITS)),
    ):
        path = folder / name
        if name.endswith(".xlsx"):
            path.write_bytes(_xlsx(text))
        else:
            path.write_text(text, encoding="utf-8")
        run(path)
