"""Words of a comment reduced to comparable *terms*: lemmas for Russian, light stems for English.

**Russian.** Each word is analysed by pymorphy3 with the dictionary of ``pymorphy3-dicts-ru``
(OpenCorpora), both installed packages: nothing is downloaded at run time. The most probable
parse gives the lemma (``доставили`` → ``доставить``, ``счета`` → ``счёт``, participles to
their verb: ``бракованный`` → ``браковать``); ``ё`` is written ``е`` so both spellings meet.
Words whose part of speech carries no topic (pronouns, prepositions, conjunctions, particles,
numerals, predicatives) and the words of :mod:`orientir.text._stopwords` are dropped.

**English.** There is no dictionary, so a word is reduced by a few ordered suffix rules to a
*key* (irregular forms first: ``broke``/``broken`` → ``break``; then ``-ies``/``-ied`` → ``-y``,
``-sses`` → ``-ss``, ``-ches``/``-shes``/``-xes``/``-zes`` lose ``-es``, ``-ing`` and ``-ed``
are cut with a doubled final consonant undone, ``-ly`` and a plural ``-s`` are cut, and a final
``-e`` is dropped so that ``arrive``, ``arrived`` and ``arriving`` share ``arriv``). A key is
not always a word, so wherever a term is shown the commonest written form behind it is shown
instead (see :class:`Term`). The rules are ours; they resemble the first steps of Porter's
(1980) stemmer but are much shorter and make its known mistakes more often (``news`` → ``new``).

A word is routed by its alphabet, not by the comment's language, so ``SAP`` inside a Russian
comment is keyed as Latin and ``Диадок`` inside an English one is lemmatised.

The pymorphy3 analyser (about 0.2–0.3 s to load) is created on first use and kept; word
analyses are cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from orientir.text._stopwords import EN_GENERIC, EN_STOP, RU_DROPPED_POS, RU_STOP

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
PLACEHOLDER = re.compile(r"\[(?:email|phone|name)\]")
MIN_LENGTH = 2
_VOWELS = frozenset("aeiouy")

# fmt: off
_EN_IRREGULAR = {
    "was": "be", "were": "be", "been": "be", "went": "go", "gone": "go", "came": "come",
    "sent": "send", "took": "take", "taken": "take", "bought": "buy", "broke": "break",
    "broken": "break", "paid": "pay", "told": "tell", "gave": "give", "given": "give",
    "left": "leave", "lost": "lose", "kept": "keep", "said": "say", "brought": "bring",
    "found": "find", "thought": "think", "knew": "know", "known": "know", "sold": "sell",
    "spent": "spend", "wrote": "write", "written": "write", "fell": "fall", "fallen": "fall",
    "ran": "run", "held": "hold", "understood": "understand", "children": "child",
    "people": "person", "men": "man", "women": "woman", "feet": "foot",
}
# fmt: on


def _undouble(stem: str) -> str:
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | {"l", "s", "z"}:
        return stem[:-1]
    return stem


def english_key(word: str) -> str:
    """The key of a lowercase English word (rules in the module notes)."""
    if word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word]
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and (w.endswith("ies") or w.endswith("ied")):
        w = w[:-3] + "y"
    elif w.endswith("sses") or (len(w) > 4 and w.endswith(("ches", "shes", "xes", "zes"))):
        w = w[:-2]
    elif len(w) > 5 and w.endswith("ing"):
        w = _undouble(w[:-3])
    elif len(w) > 4 and w.endswith("ed"):
        w = _undouble(w[:-2])
    elif len(w) > 5 and w.endswith("ly"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


_EN_STOP_KEYS = EN_STOP | frozenset(english_key(w) for w in EN_GENERIC)


@functools.cache
def _analyser() -> Any:  # Any: pymorphy3 ships no type information
    import pymorphy3  # type: ignore[import-untyped, unused-ignore]  # loaded on first use

    return pymorphy3.MorphAnalyzer(lang="ru")


def _plain(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


@functools.lru_cache(maxsize=200_000)
def russian_parse(word: str) -> tuple[str, str | None]:
    """``(lemma, part of speech)`` of a lowercase Russian word by its most probable parse."""
    best = _analyser().parse(word)[0]
    return _plain(str(best.normal_form)), None if best.tag.POS is None else str(best.tag.POS)


@functools.lru_cache(maxsize=50_000)
def russian_parses(word: str) -> tuple[tuple[str, frozenset[str], float], ...]:
    """Every parse of a lowercase Russian word: ``(lemma, grammemes, probability)``."""
    return tuple(
        (_plain(str(p.normal_form)), frozenset(p.tag.grammemes), float(p.score))
        for p in _analyser().parse(word)
    )


def is_cyrillic_word(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@dataclass(frozen=True)
class Term:
    """One content word: ``key`` is what is compared, ``surface`` how it was written."""

    key: str
    surface: str


def term_key(word: str) -> str | None:
    """The key of one word, or None when it carries no topic (a stop-word, too short)."""
    lower = _plain(word.lower())
    if len(lower) < MIN_LENGTH:
        return None
    if is_cyrillic_word(lower):
        lemma, pos = russian_parse(lower)
        if pos in RU_DROPPED_POS or lemma in RU_STOP or lower in RU_STOP:
            return None
        return lemma if len(lemma) >= MIN_LENGTH else None
    if lower in EN_STOP:
        return None
    key = english_key(lower)
    if key in _EN_STOP_KEYS or len(key) < MIN_LENGTH:
        return None
    return key


def words(text: str) -> list[str]:
    """The words of ``text`` as written (placeholders such as ``[email]`` left out)."""
    return _WORD.findall(PLACEHOLDER.sub(" ", text))


def content_terms(text: str) -> list[Term]:
    """The content words of a comment as terms, in order (see the module notes)."""
    out = []
    for word in words(text):
        key = term_key(word)
        if key is not None:
            out.append(Term(key, _plain(word.lower())))
    return out


def keyword_key(keyword: str) -> str:
    """An analyst's keyword reduced like the comments' words, so ``счета`` finds ``счёт``.

    A keyword that is a stop-word keeps its plain lowercase form rather than vanishing: the
    analyst asked for it on purpose.
    """
    lower = _plain(keyword.strip().lower())
    if not lower:
        return lower
    key = term_key(lower)
    if key is not None:
        return key
    if is_cyrillic_word(lower):
        return russian_parse(lower)[0]
    return english_key(lower)
