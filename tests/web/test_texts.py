"""Every text of the web pages exists in Russian and English with the same placeholders, and
the language is chosen as documented."""

from __future__ import annotations

import string

import pytest

from orientir import i18n
from orientir.web import create_app  # noqa: F401  (registers the web texts)
from orientir.web.lang import from_accept_language


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_web_texts_have_both_languages() -> None:
    web_keys = [
        k for k in sorted(i18n.catalogue()) if k.split(".")[0] in {"web", "survey", "admin"}
    ]
    assert len(web_keys) > 100
    for key in web_keys:
        texts = i18n.catalogue()[key]
        assert texts["en"].strip(), key
        assert texts["ru"].strip(), key
        assert _fields(texts["en"]) == _fields(texts["ru"]), key


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("en-GB,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5,en;q=0.4", "ru"),
        ("fr", None),
        ("ru;q=0, en", "en"),
        ("", None),
        (None, None),
    ],
)
def test_accept_language(header: str | None, expected: str | None) -> None:
    assert from_accept_language(header) == expected
