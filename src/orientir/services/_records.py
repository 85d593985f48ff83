"""Turning text rows into typed records, column by column, collecting every problem.

An importer declares its columns once (:class:`Column`: accepted header names in Russian and
English, whether required, how to parse a cell). :func:`parse_table` maps the header, parses
every cell of every row, and returns the parsed rows with a list of :class:`RowProblem` — all
of them, so a person can fix a file in one go rather than one error per attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from orientir.config import Limits
from orientir.domain.organisations import is_valid_email, normalise_department_path
from orientir.errors import InvalidInput, RowProblem
from orientir.i18n import DEFAULT_LANG, t
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.import_messages import problem
from orientir.services.tabular import Table


class CellError(ValueError):
    """Raised by a cell parser; its message becomes the row problem's reason (``key`` and
    ``params`` the same reason for :mod:`orientir.services.import_messages`)."""

    def __init__(self, message: str, key: str | None = None, **params: str) -> None:
        super().__init__(message)
        self.key = key
        self.params = params

    @classmethod
    def of(cls, key: str, /, **params: str) -> CellError:
        return cls(t(key, DEFAULT_LANG, **params), key, **params)


Parser = Callable[[str], Any]


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    parse: Parser = str
    default: Any = None
    max_chars: int | None = None  # the database column's width, where tighter than the limits

    def accepts(self, header: str) -> bool:
        key = _header_key(header)
        return key == _header_key(self.name) or key in {_header_key(a) for a in self.aliases}


@dataclass
class ParsedTable:
    records: list[dict[str, Any]]
    row_numbers: list[int]
    problems: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _header_key(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").replace("-", " ").split()).replace(
        "ё", "е"
    )


def map_header(
    header: Sequence[str], columns: Sequence[Column]
) -> tuple[dict[str, int], list[str]]:
    """``column name → index`` for each recognised header, and the headers not recognised."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        match = next((c for c in columns if c.accepts(title)), None)
        if match is None:
            if title:
                ignored.append(title)
            continue
        if match.name in positions:
            raise InvalidInput(
                f"columns {header[positions[match.name]]!r} and {title!r} both mean {match.name!r}",
                key="err.import.columns_both_mean",
                params={
                    "first": header[positions[match.name]],
                    "second": title,
                    "meaning": match.name,
                },
            )
        positions[match.name] = index
    missing = [c for c in columns if c.required and c.name not in positions]
    if missing:
        described = "; ".join(
            f"{c.name!r} (or {', '.join(repr(a) for a in c.aliases)})"
            if c.aliases
            else repr(c.name)
            for c in missing
        )
        raise InvalidInput(
            f"the file lacks required columns: {described}",
            key="err.import.file_lacks_required_columns",
            params={"described": described},
        )
    return positions, ignored


def parse_table(table: Table, columns: Sequence[Column], limits: Limits) -> ParsedTable:
    positions, ignored = map_header(table.header, columns)
    parsed = ParsedTable(records=[], row_numbers=[], ignored_columns=ignored)
    for index, row in enumerate(table.rows):
        number = table.row_number(index)
        record: dict[str, Any] = {}
        for column in columns:
            position = positions.get(column.name)
            raw = row[position].strip() if position is not None and position < len(row) else ""
            longest = min(column.max_chars or limits.max_field_chars, limits.max_field_chars)
            if "\x00" in raw:
                # PostgreSQL refuses a NUL character in text outright (SQLite would keep it):
                # refused here, on every engine, with the row and column.
                parsed.problems.append(problem(number, column.name, "import.nul_character"))
                continue
            if len(raw) > longest:
                parsed.problems.append(
                    problem(number, column.name, "import.too_long", length=len(raw), limit=longest)
                )
                continue
            if not raw:
                if column.required:
                    parsed.problems.append(problem(number, column.name, "import.required"))
                record[column.name] = column.default
                continue
            try:
                record[column.name] = column.parse(raw)
            except CellError as exc:
                parsed.problems.append(
                    RowProblem(number, column.name, str(exc), exc.key, tuple(exc.params.items()))
                )
        parsed.records.append(record)
        parsed.row_numbers.append(number)
    return parsed


# ---- cell parsers -------------------------------------------------------------------------


def parse_email(raw: str) -> str:
    if not is_valid_email(raw):
        raise CellError.of("import.not_email", value=repr(raw))
    return raw.lower()


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


def parse_date(raw: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise CellError.of("import.not_date", value=repr(raw))


_TRUE = {"1", "true", "yes", "y", "да", "д", "истина", "+"}
_FALSE = {"0", "false", "no", "n", "нет", "н", "ложь", "-"}


def parse_bool(raw: str) -> bool:
    key = raw.strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError.of("import.not_bool", value=repr(raw))


def parse_department(raw: str) -> str:
    try:
        return normalise_department_path(raw)
    except InvalidInput:
        raise CellError.of("import.bad_department", value=repr(raw)) from None


def choice_parser(choices: dict[str, str]) -> Parser:
    """A parser mapping any of several spellings (``{"клиент": "customer", …}``) to a value."""

    def parse(raw: str) -> str:
        value = choices.get(raw.strip().lower().replace("ё", "е"))
        if value is None:
            allowed = ", ".join(sorted(set(choices.values())))
            raise CellError.of("import.not_choice", value=repr(raw), allowed=allowed)
        return value

    return parse


def duplicate_problems(parsed: ParsedTable, key: str) -> list[RowProblem]:
    """A problem for every row repeating a key seen on an earlier row."""
    first_seen: dict[Any, int] = {}
    problems: list[RowProblem] = []
    for record, number in zip(parsed.records, parsed.row_numbers, strict=True):
        value = record.get(key)
        if value is None:
            continue
        if value in first_seen:
            problems.append(
                problem(
                    number, key, "import.duplicate_id", value=repr(value), first=first_seen[value]
                )
            )
        else:
            first_seen[value] = number
    return problems
