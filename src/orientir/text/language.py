"""Which language a comment is written in: Russian, English, or undetermined.

Offline and deliberately simple, because respondents answer in one of the product's two
languages and the question is mostly which alphabet they typed in:

1. Count letters by script. At least 60 % Cyrillic letters → ``ru``.
2. At least 60 % Latin letters → ``en``, unless the comment holds no English function word
   (``the``, ``is``, ``not``, …) and either a Russian word written in Latin letters (``ne``,
   ``ochen``, ``spasibo``, …) or a letter English does not use (``ä``, ``é``, ``ñ``): then
   ``und``. Russian typed in Latin letters (``dostavka ochen dolgo``) or a third language would
   otherwise land among the wrong themes; a short English comment without a function word
   (``Food arrives frozen.``, ``ok``) stays English.
3. Both scripts, neither at 60 % (``это не work и не fix``): the language whose function words
   occur more often; a tie goes to the script with more letters.

No letters at all (``-``, ``5``, ``!!!``) → ``und``.

Limits: Ukrainian or Belarusian in Cyrillic are read as ``ru``; a third Latin-script language
written without accented letters (``Die Lieferung kommt immer zu spaet``) is read as ``en``;
transliterated Russian without one of the listed words is read as ``en``; a comment mixing
both languages is given the one that dominates. ``tests/text/test_language.py`` shows each
case.
"""

from __future__ import annotations

import re
from typing import Literal

from orientir.text._stopwords import listed

Language = Literal["ru", "en", "und"]
LANGUAGES: tuple[Language, ...] = ("ru", "en")

DOMINANT_SHARE = 0.6

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Short function words that occur in almost any sentence of the language (written here).
_RU_MARKERS = listed(
    """
    и в во не на что с со как а но по к у о об от за из же бы ли то для это так уже
    нет да все всё очень был была было были при или ни до без
    """
)
_EN_MARKERS = listed(
    """
    the a an and or but not no is are was were be been to of in on at for with from by
    it this that we you they our your their have has had do does did can could would
    should will please very too before after always never again all any more than when
    what which every only just there here so if as up out about into over also still
    its my me us i he she them his her get got too much many some
    """
)
# Russian words as typed in Latin letters that are not English words.
_TRANSLIT_MARKERS = listed(
    """
    ne na chto eto ochen vse vsyo net po dlya ili kak uzhe bylo byl tolko mozhno nado
    nuzhno spasibo pozhaluysta khorosho horosho plokho ochen' takzhe tozhe esli kogda
    """
)


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    """A letter of the Latin alphabet, plain or with a diacritic (Latin-1 to Latin Extended-B)."""
    return char.isalpha() and (char.isascii() or "\u00c0" <= char <= "\u024f")


def detect_language(text: str) -> Language:
    """``ru``, ``en`` or ``und`` for one comment (the rules are in the module notes)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "und"
    cyrillic = sum(1 for c in letters if _is_cyrillic(c)) / len(letters)
    latin = sum(1 for c in letters if _is_latin(c)) / len(letters)
    words = [w.lower() for w in _WORD.findall(text)]
    en_hits = sum(1 for w in words if w in _EN_MARKERS)
    if cyrillic >= DOMINANT_SHARE:
        return "ru"
    if latin >= DOMINANT_SHARE:
        if en_hits:
            return "en"
        foreign = any(not c.isascii() for c in letters) or any(
            w in _TRANSLIT_MARKERS for w in words
        )
        return "und" if foreign else "en"
    ru_hits = sum(1 for w in words if w in _RU_MARKERS)
    if ru_hits != en_hits:
        return "ru" if ru_hits > en_hits else "en"
    if cyrillic == latin == 0.0:
        return "und"  # letters of a third script only (Greek, Armenian, …)
    return "ru" if cyrillic >= latin else "en"
