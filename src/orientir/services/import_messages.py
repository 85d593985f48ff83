"""Why an imported row was rejected, in English and Russian.

A :class:`~orientir.errors.RowProblem` carries its reason as English text and, where the
importer knows it, as a message key with parameters; :func:`reason_text` gives the reason in
the reader's language and falls back to the English text for reasons without a key.
"""

from __future__ import annotations

from collections.abc import Mapping

from orientir.errors import RowProblem
from orientir.i18n import DEFAULT_LANG, register_pairs, t

MESSAGES = {
    "import.too_long": (
        "{length} characters; the limit is {limit}",
        "{length} символов; предел — {limit}",
    ),
    "import.nul_character": (
        "contains a NUL character (byte 0), which text may not hold",
        "содержит символ NUL (нулевой байт), недопустимый в тексте",
    ),
    "import.required": ("required value is missing", "обязательное значение не заполнено"),
    "import.not_email": ("{value} is not an e-mail address", "{value} — не адрес e-mail"),
    "import.not_date": (
        "{value} is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
        "{value} — не дата (используйте ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
    ),
    "import.not_bool": ("{value} is not yes/no (да/нет)", "{value} — не «да»/«нет» (yes/no)"),
    "import.not_choice": ("{value} is not one of: {allowed}", "{value} — не из списка: {allowed}"),
    "import.duplicate_id": (
        "duplicate id {value} (first on row {first})",
        "повтор id {value} (впервые в строке {first})",
    ),
    "import.self_manager": (
        "a person cannot manage themselves",
        "человек не может быть своим руководителем",
    ),
    "import.unknown_manager": ("unknown manager {value}", "неизвестный руководитель {value}"),
    "import.manager_cycle": (
        "cycle in the manager chain: {cycle}",
        "цикл в цепочке руководителей: {cycle}",
    ),
    "import.bad_department": (
        "department path {value} has an empty part",
        "в пути подразделения {value} есть пустая часть",
    ),
    # Imports of responses collected by other tools (orientir.services.responses_io).
    "import.not_number": ("{value} is not a number", "{value} — не число"),
    "import.nan": ("not a number", "не число"),
    "import.mapping_column_missing": (
        "the mapping names a column the file lacks",
        "в сопоставлении указан столбец, которого нет в файле",
    ),
    "import.not_item": (
        "{target} is not an item of {instrument}",
        "{target} — не пункт инструмента {instrument}",
    ),
    "import.unknown_department": (
        "unknown department {value}",
        "неизвестное подразделение {value}",
    ),
    "import.unknown_respondent": ("unknown respondent {value}", "неизвестный респондент {value}"),
    # Transaction logs (orientir.services.transactions).
    "import.row_empty": ("the row is empty", "строка пуста"),
    "import.empty": ("empty", "пусто"),
    "import.longer_than": ("longer than {limit} characters", "длиннее {limit} символов"),
    "import.not_a_number": ("not a number: {value}", "не число: {value}"),
    "import.not_finite": ("not a finite number", "не конечное число"),
    "import.return_rejected": (
        "a negative amount (a return); returns are rejected",
        "отрицательная сумма (возврат); возвраты не принимаются",
    ),
    "import.not_a_valid_date": ("not a valid date: {value}", "недопустимая дата: {value}"),
    "import.not_date_in_format": (
        "not a date in the form {format}: {value}",
        "не дата в виде {format}: {value}",
    ),
    "import.not_date_iso_or_ru": (
        "not a date in the form yyyy-mm-dd or dd.mm.yyyy: {value}",
        "не дата в виде гггг-мм-дд или дд.мм.гггг: {value}",
    ),
}
register_pairs(MESSAGES)


def problem(row: int, column: str, key: str, /, **params: object) -> RowProblem:
    """A row problem whose reason exists in both languages."""
    texts = {name: str(value) for name, value in params.items()}
    return RowProblem(row, column, t(key, DEFAULT_LANG, **texts), key, tuple(texts.items()))


def keyed(row: int, column: str, reason: str, key: str, params: Mapping[str, object]) -> RowProblem:
    """A row problem with its English ``reason`` already written, and the same reason as the
    message ``key`` (of any catalogue, e.g. ``instruments.answer.*``) with ``params``."""
    texts = tuple((name, str(value)) for name, value in params.items())
    return RowProblem(row, column, reason, key, texts)


def reason_text(item: RowProblem, lang: str) -> str:
    """The reason of ``item`` in ``lang`` (English when it has no message key)."""
    if item.key is None:
        return item.reason
    return t(item.key, lang, **dict(item.params))
