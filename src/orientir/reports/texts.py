"""Turning messages and formatted figures into the report's two-language :class:`Text`.

A report is built once and rendered in either language, so every sentence is produced in both
at build time; figures inside a sentence are formatted per language (:mod:`.fmt`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from orientir.i18n import t
from orientir.instruments.model import Text
from orientir.reports import messages as _messages  # noqa: F401  (registers report.* texts)

LANGS = ("en", "ru")


class Speaks(Protocol):
    """Anything with a text per language: the orientation layer's and text layer's messages."""

    def text(self, lang: str = ...) -> str: ...


def both(render: Callable[[str], str]) -> Text:
    """A :class:`Text` from one function of the language."""
    return Text(ru=render("ru"), en=render("en"))


def said(message: Speaks) -> Text:
    return both(message.text)


def report(key: str, **params: Callable[[str], object] | object) -> Text:
    """``report.<key>`` in both languages; a callable parameter is called with the language
    (so a figure is formatted the way each language writes it)."""

    def render(lang: str) -> str:
        values = {k: v(lang) if callable(v) else v for k, v in params.items()}
        return t(f"report.{key}", lang, **values)

    return both(render)


def same(value: str) -> Text:
    """A text that reads the same in both languages (a department path, a wave label)."""
    return Text(ru=value, en=value)


def capitalised(text: Text) -> Text:
    return Text(ru=text.ru[:1].upper() + text.ru[1:], en=text.en[:1].upper() + text.en[1:])
