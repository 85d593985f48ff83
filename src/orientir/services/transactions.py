"""Reading transaction logs (CSV, XLSX, Parquet) and running the customer analyses on them.

:func:`analyse_file` is what the command line calls: read and validate a file, open the
engine (DuckDB in-process, or a local Apache Spark), run one analysis of
:mod:`orientir.customers.run` and return its table.

:func:`read_transactions` turns a file into a validated Arrow table with the columns of
:mod:`orientir.customers` — ``customer_id`` (string), ``date`` (date32), ``amount``
(float64) and, when present, ``order_id``, ``product``, ``channel`` (string). Columns are
found by name (case-insensitive; English or the Russian of 1C exports — ``Контрагент``,
``Дата``, ``Сумма``, ``Номер документа``, ``Номенклатура``…) or given in
:class:`ColumnMapping`. Values in Russian accounting style are read: ``dd.mm.yyyy`` dates
(with or without a time), decimal commas, thousands separated by spaces or non-breaking
spaces, a Unicode minus, ``(123,45)`` for a negative amount, a ``₽``/``руб.`` mark.

**Returns.** A negative amount is a return. By default it is kept (``returns="keep"``):
the analyses subtract it from revenue and never count it as a purchase (see
:mod:`orientir.customers._input`). With ``returns="reject"`` each negative amount is a
rejected row instead.

**All or nothing.** Every bad row is reported — row number as a spreadsheet shows it
(header = row 1; for Parquet the first record is row 2 too), column, reason — in one
:class:`~orientir.errors.ImportRejected`; no partial table is ever returned. The limits of
:class:`~orientir.config.Limits` apply: file size and row count before parsing, field length
per cell.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from ibis.backends import BaseBackend

from orientir.config import Limits
from orientir.customers.run import AnalysisOptions, AnalysisResult, run_analysis
from orientir.errors import ImportRejected, InvalidInput, LimitExceeded, RowProblem
from orientir.i18n import DEFAULT_LANG, t
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.import_messages import problem
from orientir.services.tabular import read_table

ROLES = ("customer_id", "date", "amount", "order_id", "product", "channel")
REQUIRED_ROLES = ROLES[:3]
_ALIAS_TEXT = {  # role: accepted header names in order of preference, "|"-separated
    "customer_id": "customer_id|customer|client|client_id|buyer|клиент|контрагент|покупатель"
    "|код клиента|id клиента",
    "date": "date|order_date|transaction_date|purchase_date|дата|дата документа|дата продажи"
    "|дата заказа|период",
    "amount": "amount|sum|revenue|sales|value|monetary_value|сумма|сумма документа"
    "|сумма продажи|выручка|стоимость",
    "order_id": "order_id|order|order_number|invoice|номер документа|номер заказа|заказ"
    "|документ|номер",
    "product": "product|item|sku|номенклатура|товар|продукт|артикул",
    "channel": "channel|sales_channel|канал|канал продаж|канал сбыта|источник",
}
ALIASES: dict[str, tuple[str, ...]] = {r: tuple(t.split("|")) for r, t in _ALIAS_TEXT.items()}
PARQUET_SUFFIXES = {".parquet", ".pq"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?")
_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_CURRENCY = ("₽", "руб.", "руб", "р.", "rub", "$", "€")


@dataclass(frozen=True)
class ColumnMapping:
    """Header names for the roles, when detection by name is not enough (None = detect)."""

    customer_id: str | None = None
    date: str | None = None
    amount: str | None = None
    order_id: str | None = None
    product: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How to read values: ``date_format`` (``strptime``; None = ISO or ``dd.mm.yyyy``),
    ``decimal`` (``","``/``"."``; None = the last of ``,`` and ``.`` in a value, a lone comma
    being decimal) and what to do with negative amounts."""

    columns: ColumnMapping = ColumnMapping()
    date_format: str | None = None
    decimal: Literal[",", "."] | None = None
    returns: Literal["keep", "reject"] = "keep"


def _norm(name: str) -> str:
    return (
        _SPACES.sub(" ", name.replace("ё", "е").replace("Ё", "Е").replace("_", " "))
        .strip()
        .casefold()
    )


def detect_columns(header: Sequence[str], mapping: ColumnMapping | None = None) -> dict[str, str]:
    """Map each role to a header name: given names first, then the aliases in order."""
    mapping = mapping or ColumnMapping()
    by_norm: dict[str, str] = {}
    for name in header:
        if _norm(name) in by_norm:
            raise InvalidInput(
                f"the header repeats the column {name!r}",
                key="err.transactions.header_repeats_column",
                params={"name": name},
            )
        by_norm[_norm(name)] = name
    found: dict[str, str] = {}
    for role in ROLES:
        given = getattr(mapping, role)
        if given is not None:
            if _norm(given) not in by_norm:
                raise InvalidInput(
                    f"no column {given!r} for {role}; the file has: " + ", ".join(header),
                    key="err.transactions.no_column",
                    params={"given": given, "role": role, "header": ", ".join(header)},
                )
            found[role] = by_norm[_norm(given)]
    for role in ROLES:
        if role in found:
            continue
        taken = set(found.values())
        for alias in ALIASES[role]:
            candidate = by_norm.get(_norm(alias))
            if candidate is not None and candidate not in taken:
                found[role] = candidate
                break
    missing = [role for role in REQUIRED_ROLES if role not in found]
    if missing:
        raise InvalidInput(
            f"cannot find the column(s) for {', '.join(missing)} among: {', '.join(header)}; "
            "name them with the column options (e.g. --customer-col)",
            key="err.transactions.cannot_find_column_s",
            params={"missing": ", ".join(missing), "header": ", ".join(header)},
        )
    return found


class CellError(ValueError):
    """Why one cell cannot be read: English text (``str``), and the same as a message key of
    :mod:`orientir.services.import_messages` with its parameters, for other languages."""

    def __init__(self, key: str, /, **params: str) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, DEFAULT_LANG, **params))


def parse_amount(text: str, decimal: str | None = None) -> float:
    """A money amount written the Russian or the English way; ValueError with a reason."""
    value = _SPACES.sub("", text).replace("\u2212", "-")
    if not value:
        raise CellError("import.empty")
    lowered = value.casefold()
    for mark in _CURRENCY:
        if lowered.endswith(mark):
            value, lowered = value[: -len(mark)], lowered[: -len(mark)]
        elif lowered.startswith(mark):
            value, lowered = value[len(mark) :], lowered[len(mark) :]
    sign = 1.0
    if value.startswith("(") and value.endswith(")"):
        value, sign = value[1:-1], -1.0
    point = decimal or (
        max(",.", key=value.rfind)
        if "," in value and "." in value
        else ("," if "," in value else ".")
    )
    thousands = "." if point == "," else ","
    value = value.replace(thousands, "").replace(point, ".")
    if not _NUMBER.fullmatch(value):
        raise CellError("import.not_a_number", value=repr(text.strip()))
    return sign * float(value)


def parse_date(text: str, date_format: str | None = None) -> date:
    """A date as ``yyyy-mm-dd`` or ``dd.mm.yyyy`` (a time after it is ignored)."""
    value = text.strip()
    if not value:
        raise CellError("import.empty")
    try:
        if date_format:
            return datetime.strptime(value, date_format).date()
        if match := _ISO.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _RU.fullmatch(value):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise CellError("import.not_a_valid_date", value=repr(value)) from None
    if date_format:
        raise CellError("import.not_date_in_format", format=date_format, value=repr(value))
    raise CellError("import.not_date_iso_or_ru", value=repr(value))


def _schema(columns: dict[str, str]) -> pa.Schema:
    types = {"customer_id": pa.string(), "date": pa.date32(), "amount": pa.float64()}
    return pa.schema([(role, types.get(role, pa.string())) for role in ROLES if role in columns])


def _finish(
    values: dict[str, Any],
    columns: dict[str, str],
    problems: list[RowProblem],
    total: int,
    source: dict[str, Any],
) -> pa.Table:
    if problems:
        problems.sort(key=lambda p: p.row)  # stable: within a row, the columns' order
        raise ImportRejected(problems, total_rows=total)
    if total == 0:
        raise InvalidInput(
            "the file has no transactions", key="err.transactions.file_no_transactions"
        )
    table = pa.Table.from_pydict({role: values[role] for role in columns}, schema=_schema(columns))
    meta = {"orientir.source": json.dumps({"columns": columns, **source}, ensure_ascii=False)}
    return table.replace_schema_metadata(meta)


def _parse_cells(
    role: str, cells: Sequence[str], options: ReadOptions, limits: Limits
) -> tuple[list[Any], list[tuple[int, CellError]]]:
    """Typed values of one column, and (index, reason) for every bad cell."""
    values: list[Any] = []
    bad: list[tuple[int, CellError]] = []
    for i, raw in enumerate(cells):
        text = raw.strip()
        if len(text) > limits.max_field_chars:
            bad.append((i, CellError("import.longer_than", limit=str(limits.max_field_chars))))
            values.append(None)
            continue
        try:
            if role == "date":
                values.append(parse_date(text, options.date_format))
            elif role == "amount":
                amount = parse_amount(text, options.decimal)
                if amount < 0 and options.returns == "reject":
                    raise CellError("import.return_rejected")
                values.append(amount)
            elif role == "customer_id" and not text:
                raise CellError("import.empty")
            else:
                values.append(text or None)
        except CellError as exc:
            bad.append((i, exc))
            values.append(None)
    return values, bad


def _problem(row: int, column: str, cell: CellError) -> RowProblem:
    return problem(row, column, cell.key, **cell.params)


def _from_text(
    header: list[str],
    rows: list[list[str]],
    options: ReadOptions,
    limits: Limits,
    source: dict[str, Any],
    number: Callable[[int], int],
) -> pa.Table:
    columns = detect_columns(header, options.columns)
    problems: list[RowProblem] = []
    for i, row in enumerate(rows):
        if not any(cell.strip() for cell in row):
            problems.append(problem(number(i), "", "import.row_empty"))
    empty = {p.row for p in problems}
    values: dict[str, list[Any]] = {}
    for role, name in columns.items():
        position = header.index(name)
        cells = [row[position] if position < len(row) else "" for row in rows]
        values[role], bad = _parse_cells(role, cells, options, limits)
        problems += [_problem(number(i), name, why) for i, why in bad if number(i) not in empty]
    return _finish(values, columns, problems, len(rows), source)


def _rows_where(mask: Any) -> list[int]:
    return [i + 2 for i in pc.indices_nonzero(mask).to_pylist()]


def _parquet_column(
    role: str, name: str, column: Any, options: ReadOptions, limits: Limits
) -> tuple[Any, list[RowProblem]]:
    """One Parquet column as typed values (vectorised where the type allows) and its problems."""
    kind = column.type
    problems: list[RowProblem] = []
    if role == "date" and (pa.types.is_date(kind) or pa.types.is_timestamp(kind)):
        values = pc.cast(column, pa.date32())
        problems += [problem(r, name, "import.empty") for r in _rows_where(pc.is_null(values))]
        return values, problems
    if role == "amount" and (
        pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)
    ):
        values = pc.cast(column, pa.float64())
        checks = [
            (pc.is_null(values, nan_is_null=True), "import.empty"),
            (pc.fill_null(pc.is_inf(values), False), "import.not_finite"),
        ]
        if options.returns == "reject":
            checks.append((pc.fill_null(pc.less(values, 0.0), False), "import.return_rejected"))
        for mask, key in checks:
            problems += [problem(r, name, key) for r in _rows_where(mask)]
        return values, problems
    if role in ("date", "amount"):
        cells = ["" if v is None else str(v) for v in column.to_pylist()]
        parsed, bad = _parse_cells(role, cells, options, limits)
        return parsed, [_problem(i + 2, name, why) for i, why in bad]
    if pa.types.is_floating(kind) or not (
        pa.types.is_integer(kind)
        or pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_dictionary(kind)
    ):
        raise InvalidInput(
            f"column {name!r} has type {kind}; expected text or whole numbers",
            key="err.transactions.column_type_expected_text",
            params={"name": name, "kind": kind},
        )
    text = pc.utf8_trim_whitespace(pc.cast(column, pa.string()))
    blank = pc.fill_null(pc.equal(text, ""), True)
    too_long = pc.fill_null(pc.greater(pc.utf8_length(text), limits.max_field_chars), False)
    problems += [
        problem(r, name, "import.longer_than", limit=limits.max_field_chars)
        for r in _rows_where(too_long)
    ]
    if role == "customer_id":
        problems += [problem(r, name, "import.empty") for r in _rows_where(blank)]
    return pc.if_else(blank, pa.scalar(None, pa.string()), text), problems


def _read_parquet(path: Path, options: ReadOptions, limits: Limits) -> pa.Table:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InvalidInput(
            f"the file is not readable Parquet: {exc}",
            key="err.transactions.file_not_readable_parquet",
            params={"exc": exc},
        ) from None
    if parquet.metadata.num_rows > limits.max_import_rows:
        raise LimitExceeded(
            f"the file has {parquet.metadata.num_rows} rows; the limit is {limits.max_import_rows}",
            key="err.transactions.file_rows_limit",
            params={"rows": parquet.metadata.num_rows, "limit": limits.max_import_rows},
        )
    columns = detect_columns(parquet.schema_arrow.names, options.columns)
    raw = parquet.read(columns=list(columns.values()))
    values: dict[str, Any] = {}
    problems: list[RowProblem] = []
    for role, name in columns.items():
        values[role], found = _parquet_column(role, name, raw.column(name), options, limits)
        problems += found
    return _finish(values, columns, problems, raw.num_rows, {"format": "parquet"})


def read_transactions(path: Path, limits: Limits, options: ReadOptions | None = None) -> pa.Table:
    """Read and validate a transaction log from CSV/TSV, XLSX or Parquet (see the module doc).

    The schema metadata key ``orientir.source`` records the columns used and, for CSV, the
    encoding and separator detected.
    """
    opts = options or ReadOptions()
    path = Path(path)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise InvalidInput(
                f"no such file: {path}", key="err.files.no_such_file", params={"path": path}
            ) from None
        if size > limits.max_upload_bytes:
            raise LimitExceeded(
                f"the file is {size} bytes; the limit is {limits.max_upload_bytes} bytes",
                key="err.files.too_many_bytes",
                params={"size": size, "limit": limits.max_upload_bytes},
            )
        return _read_parquet(path, opts, limits)
    table = read_table(path, limits)
    source = {"encoding": table.encoding, "separator": table.separator}
    return _from_text(table.header, table.rows, opts, limits, source, table.row_number)


ENGINES = ("duckdb", "spark")


def local_spark_session(warehouse_dir: str) -> Any:
    """A ``local[2]`` Spark session bound to 127.0.0.1, without the web UI, with its
    warehouse in ``warehouse_dir`` (a stale ``spark-warehouse/`` breaks overwrites)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder: Any = SparkSession.builder
    settings = {
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.sql.warehouse.dir": warehouse_dir,
        "spark.sql.shuffle.partitions": "4",
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.master("local[2]").appName("orientir").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


@contextmanager
def open_engine(engine: str = "duckdb") -> Iterator[BaseBackend]:
    """An Ibis backend for ``engine``; a Spark session already running is reused, not stopped."""
    if engine == "duckdb":
        backend = ibis.duckdb.connect()
        try:
            yield backend
        finally:
            backend.disconnect()
        return
    if engine != "spark":
        raise InvalidInput(
            f"engine must be one of {', '.join(ENGINES)}, got {engine!r}",
            key="err.transactions.engine_must_got",
            params={"engines": ", ".join(ENGINES), "engine": engine},
        )
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InvalidInput(
            "the Spark engine needs pyspark: pip install 'orientir[spark]'",
            key="err.transactions.spark_engine_needs_pyspark",
        ) from None
    session = SparkSession.getActiveSession()
    warehouse = None
    if session is None:
        warehouse = tempfile.mkdtemp(prefix="orientir-spark-")
        session = local_spark_session(warehouse)
    try:
        yield ibis.pyspark.connect(session)
    finally:
        if warehouse is not None:
            session.stop()
            shutil.rmtree(warehouse, ignore_errors=True)


def analyse_file(
    path: Path,
    analysis: str,
    *,
    limits: Limits,
    read: ReadOptions | None = None,
    options: AnalysisOptions | None = None,
    engine: str = "duckdb",
    progress: Callable[[str], None] | None = None,
) -> AnalysisResult:
    """Read ``path`` (all-or-nothing validation) and run ``analysis`` on ``engine``.

    ``progress`` hears the steps ``"read"``, ``"engine"``, ``"compute"`` (and ``"fit"``).
    """
    step = progress or (lambda _name: None)
    step("read")
    transactions = read_transactions(path, limits.for_analysis(), read)
    step("engine")
    with open_engine(engine) as backend:
        # The Arrow table itself, not a memtable: on DuckDB the summary of a large log then
        # runs the one-pass kernel (orientir.customers.summary_kernel).
        result = run_analysis(transactions, analysis, options, backend=backend, progress=step)
    result.meta["engine"] = engine
    result.meta["transactions"] = transactions.num_rows
    result.meta["source"] = json.loads(transactions.schema.metadata[b"orientir.source"])
    return result


def _ibis_url(url: str) -> str:
    """An SQLAlchemy-style URL (``postgresql+psycopg://…``, as orientir's own database URL is
    written) in the form ``ibis.connect`` takes (``postgres://…``); others pass unchanged."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    base = scheme.split("+", 1)[0]
    return f"{'postgres' if base in ('postgresql', 'postgres') else base}://{rest}"


def _scheme(url: str) -> str:
    """The URL's scheme alone: what may be said about a connection without its password."""
    return url.partition("://")[0] or "?"


def analyse_table(
    url: str,
    table: str,
    analysis: str,
    *,
    columns: ColumnMapping | None = None,
    options: AnalysisOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> AnalysisResult:
    """Run ``analysis`` on a warehouse table read in place: ``url`` is an Ibis connection
    URL (``postgres://user@host/db``, ``duckdb:///path/file.duckdb``; an SQLAlchemy-style
    ``postgresql+psycopg://`` works too) and ``table`` a table or view in it (``schema.table``
    allowed). The analysis runs on that engine; nothing is copied out but the result.

    Columns are found as in a file (``columns``, else the English or Russian aliases); the
    engine's types are kept (``customer_id`` cast to text, ``date`` to a date, ``amount`` to
    a float), so there is no row-by-row validation: a warehouse table is typed already.
    """
    step = progress or (lambda _name: None)
    step("engine")
    try:
        backend = ibis.connect(_ibis_url(url))
    except Exception as exc:  # drivers raise their own types; none of them is ours to show
        raise InvalidInput(
            f"cannot connect to the {_scheme(url)} warehouse ({type(exc).__name__})",
            key="err.transactions.warehouse_unreachable",
            params={"scheme": _scheme(url), "kind": type(exc).__name__},
        ) from None
    try:
        database, _, name = table.rpartition(".")
        try:
            source = backend.table(name, database=database or None)
        except Exception as exc:  # as above: the backends' "no such table" types differ
            raise InvalidInput(
                f"the warehouse has no table {table!r} ({type(exc).__name__})",
                key="err.transactions.warehouse_no_table",
                params={"table": table, "kind": type(exc).__name__},
            ) from None
        found = detect_columns(list(source.columns), columns)
        log = source.select(**{role: source[header] for role, header in found.items()})
        result = run_analysis(log, analysis, options, backend=backend, progress=step)
        result.meta["transactions"] = int(log.count().execute())
    finally:
        backend.disconnect()
    result.meta["engine"] = backend.name
    result.meta["source"] = {"table": table, "columns": found}
    return result
