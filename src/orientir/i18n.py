"""Messages in Russian and English.

Every text a person reads (CLI output, import reports, web pages, reports) is looked up here by
a key, so the two languages cannot drift apart: a test checks that every key has both.
Layers add their own catalogues with :func:`register`.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANG = "en"

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages ``{key: {"en": ..., "ru": ...}}``; a key must come with both languages."""
    for key, texts in messages.items():
        missing = {"en", "ru"} - set(texts)
        if missing:
            raise ValueError(f"message {key!r} lacks {sorted(missing)}")
        _CATALOGUE[key] = dict(texts)


def register_pairs(messages: Mapping[str, tuple[str, str]], *, prefix: str = "") -> None:
    """Add messages written as ``{key: (english, russian)}``, each key under ``prefix``."""
    register({f"{prefix}{key}": {"en": en, "ru": ru} for key, (en, ru) in messages.items()})


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``."""
    texts = _CATALOGUE.get(key)
    if texts is None:
        raise KeyError(f"no message {key!r}")
    text = texts.get(lang) or texts[DEFAULT_LANG]
    return text.format(**params) if params else text


def keys() -> frozenset[str]:
    return frozenset(_CATALOGUE)


def catalogue() -> Mapping[str, Mapping[str, str]]:
    return _CATALOGUE
