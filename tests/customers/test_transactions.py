"""Reading transaction logs: formats, Russian accounting exports, rejected rows, limits."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from orientir.config import Limits
from orientir.customers import abc
from orientir.errors import ImportRejected, InvalidInput, LimitExceeded
from orientir.services.transactions import (
    ColumnMapping,
    ReadOptions,
    analyse_file,
    detect_columns,
    parse_amount,
    parse_date,
    read_transactions,
)

LIMITS = Limits()
NBSP = "\u00a0"

RU_EXPORT = (
    "Дата;Номер документа;Контрагент;Номенклатура;Канал продаж;Сумма\n"
    f"01.02.2024;РН-001;ООО «Ромашка»;Чай;Розница;1{NBSP}234,50\n"
    "01.02.2024 13:45:00;РН-002;ИП Иванов;Кофе;Опт;12 000,00\n"
    "15.03.2024;РН-003;ООО «Ромашка»;Чай;Розница;-250,00\n"
    "16.03.2024;РН-004;ИП Иванов;;Опт;(100,00)\n"
    "17.03.2024;РН-005;Петров;Сахар;;0,5 руб.\n"
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_russian_accounting_export(tmp_path: Path) -> None:
    path = _write(tmp_path / "выгрузка.csv", RU_EXPORT, "cp1251")
    table = read_transactions(path, LIMITS)
    assert table.column_names == ["customer_id", "date", "amount", "order_id", "product", "channel"]
    assert table.schema.field("date").type == pa.date32()
    assert table.column("customer_id").to_pylist() == [
        "ООО «Ромашка»",
        "ИП Иванов",
        "ООО «Ромашка»",
        "ИП Иванов",
        "Петров",
    ]
    assert table.column("date").to_pylist() == [
        date(2024, 2, 1),
        date(2024, 2, 1),
        date(2024, 3, 15),
        date(2024, 3, 16),
        date(2024, 3, 17),
    ]
    assert table.column("amount").to_pylist() == [1234.5, 12000.0, -250.0, -100.0, 0.5]
    assert table.column("product").to_pylist() == ["Чай", "Кофе", "Чай", None, "Сахар"]
    assert table.column("channel").to_pylist()[-1] is None
    source = json.loads(table.schema.metadata[b"orientir.source"])
    assert source["encoding"] == "cp1251"
    assert source["separator"] == ";"
    assert source["columns"]["customer_id"] == "Контрагент"


def test_returns_are_kept_and_reduce_revenue(tmp_path: Path) -> None:
    table = read_transactions(_write(tmp_path / "a.csv", RU_EXPORT, "cp1251"), LIMITS)
    revenue = {r["customer_id"]: r["revenue"] for r in abc(table).to_pylist()}
    assert revenue == {"ООО «Ромашка»": 984.5, "ИП Иванов": 11900.0, "Петров": 0.5}


def test_returns_can_be_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", RU_EXPORT, "cp1251")
    with pytest.raises(ImportRejected) as caught:
        read_transactions(path, LIMITS, ReadOptions(returns="reject"))
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "Сумма"), (5, "Сумма")]
    assert "return" in caught.value.problems[0].reason


def test_every_bad_row_is_reported_and_nothing_returned(tmp_path: Path) -> None:
    text = (
        "customer,date,amount\n"
        "c1,2024-01-05,10\n"
        ",2024-01-06,11\n"
        "c3,2024-02-30,12\n"
        "c4,05/01/2024,1.5.6\n"
        ",,\n"
        "c6,2024-01-07,abc\n"
        "c7,2024-01-08,9.99\n"
    )
    with pytest.raises(ImportRejected) as caught:
        read_transactions(_write(tmp_path / "bad.csv", text), LIMITS)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [
        (3, "customer"),
        (4, "date"),
        (5, "date"),
        (5, "amount"),
        (6, ""),
        (7, "amount"),
    ]
    assert (problems[0].row, problems[0].column, problems[0].reason) == (3, "customer", "empty")
    assert "not a valid date" in problems[1].reason
    assert "dd.mm.yyyy" in problems[2].reason
    assert problems[4].reason == "the row is empty"
    assert caught.value.total_rows == 7


def test_column_mapping_and_detection(tmp_path: Path) -> None:
    text = "\ufeffBuyer ID;Day;Total;Order\nb1;2024-01-05;10,5;o1\n"
    path = _write(tmp_path / "m.csv", text)
    with pytest.raises(InvalidInput, match="cannot find the column"):
        read_transactions(path, LIMITS)
    table = read_transactions(
        path,
        LIMITS,
        ReadOptions(columns=ColumnMapping(customer_id="buyer id", date="DAY", amount="Total")),
    )
    assert table.to_pylist() == [
        {"customer_id": "b1", "date": date(2024, 1, 5), "amount": 10.5, "order_id": "o1"}
    ]
    with pytest.raises(InvalidInput, match="no column 'Клиент'"):
        read_transactions(path, LIMITS, ReadOptions(columns=ColumnMapping(customer_id="Клиент")))
    assert detect_columns(["КЛИЕНТ", "Дата", "Сумма документа", "Заказ"]) == {
        "customer_id": "КЛИЕНТ",
        "date": "Дата",
        "amount": "Сумма документа",
        "order_id": "Заказ",
    }


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1 234,50", None, 1234.5),
        (f"1{NBSP}234{NBSP}567,8", None, 1234567.8),
        ("1\u202f234,5", None, 1234.5),
        ("1,234.50", None, 1234.5),
        ("1.234,50", None, 1234.5),
        ("−12,00", None, -12.0),
        ("(15,25)", None, -15.25),
        ("99,90 ₽", None, 99.9),
        ("$5.5", None, 5.5),
        ("1,234", None, 1.234),
        ("1,234", ".", 1234.0),
        ("12", None, 12.0),
    ],
)
def test_parse_amount(text: str, decimal: str | None, value: float) -> None:
    assert parse_amount(text, decimal) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1,234,567", "1.2.3", "12-"])
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=r"empty|not a number"):
        parse_amount(text)


def test_parse_date() -> None:
    assert parse_date("2024-03-01") == date(2024, 3, 1)
    assert parse_date("2024-03-01T10:11:12") == date(2024, 3, 1)
    assert parse_date("1.3.2024") == date(2024, 3, 1)
    assert parse_date("01.03.2024 9:05") == date(2024, 3, 1)
    assert parse_date("20240301", "%Y%m%d") == date(2024, 3, 1)
    for bad in ("03/01/2024", "31.02.2024", "2024-13-01", "вчера"):
        with pytest.raises(ValueError, match="not a"):
            parse_date(bad)


def test_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Клиент", "Дата", "Сумма"])
    sheet.append([1001, datetime(2024, 5, 6), 150.25])
    sheet.append(["1002", "07.05.2024", "1 000,5"])
    book.save(tmp_path / "log.xlsx")
    table = read_transactions(tmp_path / "log.xlsx", LIMITS)
    assert table.to_pylist() == [
        {"customer_id": "1001", "date": date(2024, 5, 6), "amount": 150.25},
        {"customer_id": "1002", "date": date(2024, 5, 7), "amount": 1000.5},
    ]


def test_parquet_typed_and_text_columns(tmp_path: Path) -> None:
    typed = pa.table(
        {
            "client_id": pa.array([7, 8, 7], pa.int64()),
            "purchase_date": pa.array(
                [datetime(2024, 1, 1, 10), datetime(2024, 1, 2), datetime(2024, 2, 1)],
                pa.timestamp("us"),
            ),
            "revenue": pa.array(
                [Decimal("10.50"), Decimal("-2.00"), Decimal("3.25")], pa.decimal128(10, 2)
            ),
            "Канал": ["web", " ", "shop"],
        }
    )
    pq.write_table(typed, tmp_path / "typed.parquet")
    table = read_transactions(tmp_path / "typed.parquet", LIMITS)
    assert table.to_pylist() == [
        {"customer_id": "7", "date": date(2024, 1, 1), "amount": 10.5, "channel": "web"},
        {"customer_id": "8", "date": date(2024, 1, 2), "amount": -2.0, "channel": None},
        {"customer_id": "7", "date": date(2024, 2, 1), "amount": 3.25, "channel": "shop"},
    ]
    text = pa.table(
        {
            "customer": ["a", None, "c"],
            "date": ["01.01.2024", "2024-01-02", "x"],
            "amount": ["1,5", "2", None],
        }
    )
    pq.write_table(text, tmp_path / "text.parquet")
    with pytest.raises(ImportRejected) as caught:
        read_transactions(tmp_path / "text.parquet", LIMITS)
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (3, "customer", "empty"),
        (4, "date", "not a date in the form yyyy-mm-dd or dd.mm.yyyy: 'x'"),
        (4, "amount", "empty"),
    ]
    nan = pa.table(
        {
            "customer": ["a", "b"],
            "date": pa.array([date(2024, 1, 1), None]),
            "amount": [float("nan"), -1.0],
        }
    )
    pq.write_table(nan, tmp_path / "nan.parquet")
    with pytest.raises(ImportRejected) as caught:
        read_transactions(tmp_path / "nan.parquet", LIMITS, ReadOptions(returns="reject"))
    assert sorted((p.row, p.column) for p in caught.value.problems) == [
        (2, "amount"),
        (3, "amount"),
        (3, "date"),
    ]


def test_limits(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "customer,date,amount\n" + "c,2024-01-01,1\n" * 20)
    with pytest.raises(LimitExceeded, match="bytes"):
        read_transactions(path, Limits(max_upload_bytes=100))
    with pytest.raises(LimitExceeded, match="20 data rows"):
        read_transactions(path, Limits(max_import_rows=19))
    assert read_transactions(path, Limits(max_import_rows=20)).num_rows == 20
    long = _write(
        tmp_path / "b.csv",
        f"customer,date,amount,product\n{'x' * 30},2024-01-01,1,{'y' * 31}\nc,2024-01-01,1,ok\n",
    )
    with pytest.raises(ImportRejected) as caught:
        read_transactions(long, Limits(max_field_chars=30))
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (2, "product", "longer than 30 characters")
    ]
    pq.write_table(
        pa.table({"customer": ["a" * 31, "b"], "date": ["2024-01-01"] * 2, "amount": [1.0, 2.0]}),
        tmp_path / "c.parquet",
    )
    with pytest.raises(LimitExceeded, match="2 rows"):
        read_transactions(tmp_path / "c.parquet", Limits(max_import_rows=1))
    with pytest.raises(LimitExceeded, match="bytes"):
        read_transactions(tmp_path / "c.parquet", Limits(max_upload_bytes=10))
    with pytest.raises(ImportRejected) as caught:
        read_transactions(tmp_path / "c.parquet", Limits(max_field_chars=30))
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (2, "customer", "longer than 30 characters")
    ]


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        read_transactions(tmp_path / "none.parquet", LIMITS)
    with pytest.raises(InvalidInput, match="not readable Parquet"):
        read_transactions(_write(tmp_path / "x.parquet", "not parquet"), LIMITS)
    with pytest.raises(InvalidInput, match="no transactions"):
        read_transactions(_write(tmp_path / "e.csv", "customer,date,amount\n"), LIMITS)
    pq.write_table(
        pa.table({"customer": [1.5], "date": ["2024-01-01"], "amount": [1.0]}),
        tmp_path / "f.parquet",
    )
    with pytest.raises(InvalidInput, match="expected text or whole numbers"):
        read_transactions(tmp_path / "f.parquet", LIMITS)


def test_analyse_file_reports_its_steps(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", RU_EXPORT, "cp1251")
    steps: list[str] = []
    result = analyse_file(path, "summary", limits=LIMITS, progress=steps.append)
    assert steps == ["read", "engine", "compute"]
    assert result.meta["transactions"] == 5
    assert result.meta["engine"] == "duckdb"
    rows = {r["customer_id"]: r for r in result.table.to_pylist()}
    assert rows["ИП Иванов"]["frequency"] == 0  # the 16.03 row is a return, not a purchase
    with pytest.raises(InvalidInput, match="engine must be"):
        analyse_file(path, "abc", limits=LIMITS, engine="oracle")
    with pytest.raises(InvalidInput, match="unknown analysis"):
        analyse_file(path, "nps", limits=LIMITS)


def test_a_file_analysed_in_place_has_its_own_limits(tmp_path: Path) -> None:
    """``--input FILE`` is not an import: the import limits do not bind it, the analysis
    limits do (a local log of tens of millions of rows is ordinary)."""
    path = _write(tmp_path / "a.csv", "customer,date,amount\n" + "c,2024-01-01,1\n" * 20)
    small_imports = Limits(max_import_rows=5, max_upload_bytes=100)
    assert analyse_file(path, "abc", limits=small_imports).meta["transactions"] == 20
    with pytest.raises(LimitExceeded, match="20 data rows"):
        analyse_file(path, "abc", limits=Limits(max_analysis_rows=19))
    with pytest.raises(LimitExceeded, match="bytes"):
        analyse_file(path, "abc", limits=Limits(max_analysis_bytes=100))
    parquet = tmp_path / "a.parquet"
    pq.write_table(
        pa.table({"customer": ["a", "b"], "date": ["2024-01-01"] * 2, "amount": [1.0, 2.0]}),
        parquet,
    )
    with pytest.raises(LimitExceeded, match="2 rows"):
        analyse_file(parquet, "summary", limits=Limits(max_analysis_rows=1))


def test_rejected_rows_are_explained_in_russian(tmp_path: Path) -> None:
    """Every reason of the transaction importer has a message key: the CLI, the web and the
    API show it in the reader's language; English stays the text of the problem."""
    from orientir.services.import_messages import reason_text

    path = _write(
        tmp_path / "bad.csv",
        "customer,date,amount\n,2024-01-01,1\nc,31.02.2024,1\nc,2024-01-01,abc\n,,\nc,2024-01-02,5\n",
    )
    with pytest.raises(ImportRejected) as caught:
        read_transactions(path, Limits())
    russian = {(p.row, p.column): reason_text(p, "ru") for p in caught.value.problems}
    english = {(p.row, p.column): p.reason for p in caught.value.problems}
    assert russian == {
        (2, "customer"): "пусто",
        (3, "date"): "недопустимая дата: '31.02.2024'",
        (4, "amount"): "не число: 'abc'",
        (5, ""): "строка пуста",
    }
    assert english[(4, "amount")] == "not a number: 'abc'"
    assert english[(5, "")] == "the row is empty"
