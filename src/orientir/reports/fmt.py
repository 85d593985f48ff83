"""Numbers, intervals and dates as a reader of each language expects them.

Russian uses a decimal comma and a no-break space between thousands (ГОСТ 8.417 and common
typography); English a decimal point and a comma. A missing figure is an em dash, never
``nan``. The minus sign is the typographic one (U+2212), so ``−5`` is not read as a hyphen.
Every figure a report prints goes through here, so a test can format a value exactly as the
report does.
"""

from __future__ import annotations

import math
from datetime import date

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"
RANGE = "–"

_MONTHS_RU = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(value)


def number(value: float | None, lang: str, digits: int = 1) -> str:
    """``57.52`` → ``"57.5"`` (en) or ``"57,5"`` (ru); thousands grouped; None → ``—``."""
    if value is None or _missing(value):
        return DASH
    text = f"{abs(value):,.{digits}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    # "−0.0" would claim a sign the rounded figure does not have.
    negative = value < 0 and any(ch not in "0.,\u00a0" for ch in text)
    return (MINUS if negative else "") + text


def signed(value: float | None, lang: str, digits: int = 1) -> str:
    """A difference with its sign always written: ``+9.0``, ``−3.2``, ``0.0``."""
    text = number(value, lang, digits)
    if value is None or _missing(value) or text.startswith(MINUS):
        return text
    return text if set(text) <= set("0.,") else "+" + text


def percent(share: float | None, lang: str, digits: int = 0) -> str:
    """A share of 1 as a percentage: ``0.573`` → ``"57%"``."""
    if share is None or _missing(share):
        return DASH
    return number(100.0 * share, lang, digits) + "%"


def interval(ci: tuple[float, float] | None, lang: str, digits: int = 1) -> str:
    """``(56.2, 59.1)`` → ``"56.2–59.1"``; a negative end keeps its minus sign."""
    if ci is None:
        return DASH
    return f"{number(ci[0], lang, digits)}{RANGE}{number(ci[1], lang, digits)}"


def percent_interval(ci: tuple[float, float] | None, lang: str) -> str:
    if ci is None:
        return DASH
    return f"{percent(ci[0], lang)}{RANGE}{percent(ci[1], lang)}"


def count(value: int | None, lang: str) -> str:
    return DASH if value is None else number(float(value), lang, 0)


def money(value: float | None, lang: str) -> str:
    """Whole currency units; the currency is the organisation's own and is not guessed."""
    return number(value, lang, 0)


def compact(value: float, lang: str) -> str:
    """Short axis labels: ``1 200 000`` → ``1.2M`` / ``1,2 млн``; ``35 000`` → ``35k``."""
    units = (
        (1e9, "B", f"{NBSP}млрд"),
        (1e6, "M", f"{NBSP}млн"),
        (1e3, "k", f"{NBSP}тыс."),
    )
    for size, en, ru in units:
        if abs(value) >= size:
            scaled = value / size
            digits = 0 if abs(scaled) >= 10 or scaled == round(scaled) else 1
            return number(scaled, lang, digits) + (ru if lang == "ru" else en)
    return number(value, lang, 0)


def day(value: date | None, lang: str) -> str:
    """``2026-11-02`` → ``"2 November 2026"`` / ``"2 ноября 2026"``."""
    if value is None:
        return DASH
    months = _MONTHS_RU if lang == "ru" else _MONTHS_EN
    return f"{value.day}{NBSP}{months[value.month - 1]} {value.year}"
