"""The localized parts of problem details (RFC 9457): the ``title`` of each HTTP status the
application answers with, and the messages of the ``errors`` of a request that fails
validation, keyed by the pydantic error type.

RFC 9457 §3.1.4 lets the title change from one occurrence of a problem type to another only
by localization: so it is the status's reason phrase, in the caller's language. A status not
in the catalogue keeps the English phrase of :class:`http.HTTPStatus`.

A validation message names the rule (a limit, the allowed values) and never the rejected
value: answers are private, and the problem body may end up in a client's log. A type not in
the catalogue, or one whose ``ctx`` lacks a parameter, keeps pydantic's English message, unless
that message quotes the input, when a general one is given instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from http import HTTPStatus
from typing import Any

from orientir.i18n import register_pairs, t

TITLE = "err.http."
VALIDATION = "err.validation."
GENERAL = "err.problem.value_not_valid"  # for a message that would quote the input

TITLES: dict[int, tuple[str, str]] = {
    400: ("Bad Request", "Некорректный запрос"),
    401: ("Unauthorized", "Требуется аутентификация"),
    403: ("Forbidden", "Доступ запрещён"),
    404: ("Not Found", "Не найдено"),
    405: ("Method Not Allowed", "Метод не поддерживается"),
    409: ("Conflict", "Конфликт"),
    410: ("Gone", "Больше недоступно"),
    413: ("Request Entity Too Large", "Слишком большой запрос"),
    415: ("Unsupported Media Type", "Неподдерживаемый тип содержимого"),
    422: ("Unprocessable Entity", "Некорректные данные"),
    429: ("Too Many Requests", "Слишком много запросов"),
    500: ("Internal Server Error", "Внутренняя ошибка сервера"),
    503: ("Service Unavailable", "Сервис недоступен"),
}

_INVALID = ("the value is not valid", "недопустимое значение")
_MISSING = ("this field is required", "обязательное поле")
_INTEGER = ("must be a whole number", "должно быть целым числом")
_NUMBER = ("must be a number", "должно быть числом")
_DECIMAL = ("must be a decimal number", "должно быть десятичным числом")
_BOOLEAN = ("must be true or false", "должно быть true или false")
_ONE_OF = ("must be one of: {expected}", "должно быть одним из значений: {expected}")
_DATE = ("must be a date (YYYY-MM-DD)", "должно быть датой (ГГГГ-ММ-ДД)")
_DATETIME = (
    "must be a date and time (ISO 8601)",
    "должно быть датой и временем (ISO 8601)",
)
_OBJECT = ("must be an object", "должно быть объектом")
_URL = ("must be a URL", "должно быть URL-адресом")
_UUID = ("must be a UUID", "должно быть UUID")

# Keyed by pydantic's error type (pydantic-core's ``ErrorType``); the placeholders are the
# names of that type's ``ctx``. Russian avoids numerals before nouns, which need plural forms.
VALIDATION_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": _MISSING,
    "missing_argument": _MISSING,
    "extra_forbidden": ("this field is not allowed here", "такое поле здесь не допускается"),
    "string_type": ("must be a string", "должно быть строкой"),
    "string_unicode": ("must be valid Unicode text", "должно быть корректным текстом Юникода"),
    "string_too_short": (
        "the length in characters must be at least {min_length}",
        "длина в символах должна быть не меньше {min_length}",
    ),
    "string_too_long": (
        "the length in characters must be at most {max_length}",
        "длина в символах должна быть не больше {max_length}",
    ),
    "string_pattern_mismatch": (
        "must match the pattern {pattern}",
        "должно соответствовать шаблону {pattern}",
    ),
    "int_parsing": _INTEGER,
    "int_type": _INTEGER,
    "int_from_float": (
        "must be a whole number, without a fractional part",
        "должно быть целым числом, без дробной части",
    ),
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "decimal_parsing": _DECIMAL,
    "decimal_type": _DECIMAL,
    "decimal_max_digits": (
        "must have at most {max_digits} digits in total",
        "всего цифр должно быть не больше {max_digits}",
    ),
    "decimal_max_places": (
        "must have at most {decimal_places} digits after the decimal point",
        "цифр после запятой должно быть не больше {decimal_places}",
    ),
    "decimal_whole_digits": (
        "must have at most {whole_digits} digits before the decimal point",
        "цифр до запятой должно быть не больше {whole_digits}",
    ),
    "bool_parsing": _BOOLEAN,
    "bool_type": _BOOLEAN,
    "greater_than": ("must be greater than {gt}", "должно быть больше {gt}"),
    "greater_than_equal": ("must be at least {ge}", "должно быть не меньше {ge}"),
    "less_than": ("must be less than {lt}", "должно быть меньше {lt}"),
    "less_than_equal": ("must be at most {le}", "должно быть не больше {le}"),
    "multiple_of": ("must be a multiple of {multiple_of}", "должно быть кратно {multiple_of}"),
    "too_short": (
        "the number of items must be at least {min_length}",
        "число элементов должно быть не меньше {min_length}",
    ),
    "too_long": (
        "the number of items must be at most {max_length}",
        "число элементов должно быть не больше {max_length}",
    ),
    "literal_error": _ONE_OF,
    "enum": _ONE_OF,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": (
        "must be a date (YYYY-MM-DD), without a time",
        "должно быть датой (ГГГГ-ММ-ДД) без времени",
    ),
    "datetime_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "json_invalid": ("the body is not valid JSON", "тело запроса — некорректный JSON"),
    "json_type": ("must be JSON text", "должно быть текстом JSON"),
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dict_type": _OBJECT,
    "list_type": ("must be a list", "должно быть списком"),
    "value_error": _INVALID,
    "url_parsing": _URL,
    "url_type": _URL,
    "uuid_parsing": _UUID,
    "uuid_type": _UUID,
}

register_pairs({str(status): pair for status, pair in TITLES.items()}, prefix=TITLE)
register_pairs(VALIDATION_MESSAGES, prefix=VALIDATION)
register_pairs({GENERAL: _INVALID})


def status_title(status: int, lang: str) -> str:
    """The title of a problem with this HTTP status, in ``lang``."""
    if status in TITLES:
        return t(f"{TITLE}{status}", lang)
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"


def english_phrase(status: int) -> str | None:
    """The framework's own wording for ``status`` (Starlette's ``HTTPException`` detail when
    none was given), or None for a status Python does not know."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


def _alternatives(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` as a list without the English conjunction."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head}, {last}" if sep else expected


def _param(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def _quotes_input(message: str, value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return False
    text = str(value)
    return bool(text) and text in message


def validation_message(error: Mapping[str, Any], lang: str) -> str:
    """The message of one pydantic error (an item of ``ValidationError.errors()``) in
    ``lang``, with the limits of its ``ctx`` filled in and never the rejected input."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in VALIDATION_MESSAGES:
        params = {name: _param(value) for name, value in ctx.items()}
        if "expected" in params:
            params["expected"] = _alternatives(params["expected"])
        try:
            return t(f"{VALIDATION}{kind}", lang).format(**params)
        except (KeyError, IndexError, ValueError):
            pass  # a parameter the text needs is not in this error's ctx
    english = str(error.get("msg", ""))
    if not english or _quotes_input(english, error.get("input")):
        return t(GENERAL, lang)
    return english


def validation_errors(errors: Any, lang: str) -> list[dict[str, Any]]:
    """The ``errors`` of a 422 problem: where (``location``), which rule (pydantic's
    ``type``) and why (``message`` in ``lang``)."""
    return [
        {
            "location": list(e.get("loc", ())),
            "type": str(e.get("type", "")),
            "message": validation_message(e, lang),
        }
        for e in errors
    ]
