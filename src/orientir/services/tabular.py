"""Reading the tables people bring: CSV in any common encoding and separator, and XLSX.

Spreadsheets exported in Russia are often Windows-1251 with ``;`` separators; Excel adds a
UTF-8 byte-order mark. This module hides all of that behind :func:`read_table`, which returns
plain strings row by row and enforces the upload limits *before* anything is parsed further.
Typing the values (dates, numbers) is left to each importer, which knows its columns.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from orientir.config import Limits
from orientir.errors import InvalidInput, LimitExceeded
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)

SEPARATORS = (",", ";", "\t")
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class Table:
    """A file's header and data rows as text; ``rows[i]`` is spreadsheet row ``i + 2``."""

    header: list[str]
    rows: list[list[str]]
    encoding: str | None = None
    separator: str | None = None

    @staticmethod
    def row_number(index: int) -> int:
        """The row number a person sees in a spreadsheet for ``rows[index]``."""
        return index + 2


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or, failing that, Windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "cp1251"
    except UnicodeDecodeError:
        raise InvalidInput(
            "the file is neither UTF-8 nor Windows-1251 text",
            key="err.tabular.file_neither_utf_nor",
        ) from None


def detect_separator(text: str) -> str:
    """The separator among ``, ; tab`` that splits the header line into the most fields."""
    first_line = text.split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_upload_bytes:
        raise LimitExceeded(
            f"the file is {size} bytes; the limit is {limits.max_upload_bytes} bytes",
            key="err.files.too_many_bytes",
            params={"size": size, "limit": limits.max_upload_bytes},
        )


def _finish(
    header: list[str], rows: list[list[str]], limits: Limits
) -> tuple[list[str], list[list[str]]]:
    header = [h.strip() for h in header]
    if not any(header):
        raise InvalidInput("the file has no header row", key="err.tabular.file_no_header_row")
    # Trailing blank lines are common in exports; blank rows in the middle are kept and reported.
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) > limits.max_import_rows:
        raise LimitExceeded(
            f"the file has {len(rows)} data rows; the limit is {limits.max_import_rows}",
            key="err.tabular.file_data_rows_limit",
            params={"rows": len(rows), "limit": limits.max_import_rows},
        )
    return header, rows


def read_csv_bytes(data: bytes, limits: Limits) -> Table:
    _check_size(len(data), limits)
    text, encoding = decode(data)
    if not text.strip():
        raise InvalidInput("the file is empty", key="err.tabular.file_is_empty")
    separator = detect_separator(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as exc:
        raise InvalidInput(
            f"the file is not valid CSV: {exc}",
            key="err.tabular.file_not_valid_csv",
            params={"exc": exc},
        ) from None
    header, rows = _finish(records[0], records[1:], limits)
    return Table(header=header, rows=rows, encoding=encoding, separator=separator)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_expansion(data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose parts would expand past ``max_xlsx_expanded_bytes`` before
    openpyxl inflates any of them: an XLSX is a zip archive, and a few megabytes of it can
    hold gigabytes of shared strings (a "zip bomb") that openpyxl would load whole. A part
    cannot expand past the size the archive declares for it (``zipfile`` stops there), so
    the declared sizes are the bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except Exception as exc:  # zipfile raises many types for a damaged archive (BadZipFile,
        # NotImplementedError for an unknown version, EOFError, struct.error, ...)
        raise InvalidInput(
            f"the file is not a readable XLSX workbook ({type(exc).__name__})",
            key="err.tabular.file_not_readable_xlsx",
            params={"kind": type(exc).__name__},
        ) from None
    if expanded > limits.max_xlsx_expanded_bytes:
        raise LimitExceeded(
            f"the workbook would expand to {expanded} bytes; "
            f"the limit is {limits.max_xlsx_expanded_bytes} bytes",
            key="err.files.xlsx_expands_too_far",
            params={"size": expanded, "limit": limits.max_xlsx_expanded_bytes},
        )


def read_xlsx_bytes(data: bytes, limits: Limits) -> Table:
    """Read the first worksheet; dates become ISO text, whole floats lose their ``.0``."""
    import openpyxl  # imported here: only XLSX imports pay for it

    _check_size(len(data), limits)
    _check_expansion(data, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a bad file
        raise InvalidInput(
            f"the file is not a readable XLSX workbook ({type(exc).__name__})",
            key="err.tabular.file_not_readable_xlsx",
            params={"kind": type(exc).__name__},
        ) from None
    records: list[list[str]] = []
    try:
        # A read-only workbook parses its sheet only now: a well-formed sheet with a bad cell
        # (an unknown shared string, a number that is not one, a column past XFD) fails here.
        if not book.worksheets:
            raise InvalidInput(
                "the workbook has no worksheet", key="err.tabular.workbook_no_worksheet"
            )
        for values in book.worksheets[0].iter_rows(values_only=True):
            records.append([_cell_text(v) for v in values])
            if len(records) > limits.max_import_rows + 1:
                break
    except InvalidInput:
        raise
    except Exception as exc:  # as above: openpyxl's errors have no common type
        raise InvalidInput(
            f"the file is not a readable XLSX workbook ({type(exc).__name__})",
            key="err.tabular.file_not_readable_xlsx",
            params={"kind": type(exc).__name__},
        ) from None
    finally:
        book.close()
    if not records:
        raise InvalidInput(
            "the workbook's first sheet is empty", key="err.tabular.first_sheet_empty"
        )
    header, rows = _finish(records[0], records[1:], limits)
    return Table(header=header, rows=rows)


def read_table(path: Path, limits: Limits) -> Table:
    """Read a CSV/TSV or XLSX file into text rows, enforcing ``limits``."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(
            f"no such file: {path}", key="err.files.no_such_file", params={"path": path}
        ) from None
    _check_size(size, limits)
    data = path.read_bytes()
    if suffix in EXCEL_SUFFIXES:
        return read_xlsx_bytes(data, limits)
    if suffix in CSV_SUFFIXES or suffix == "":
        return read_csv_bytes(data, limits)
    raise InvalidInput(
        f"unsupported file type {suffix!r}: use CSV or XLSX",
        key="err.tabular.unsupported_file_type_use",
        params={"suffix": suffix},
    )
