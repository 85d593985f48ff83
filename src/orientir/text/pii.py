"""Masking personal data in a comment before anyone reads it.

Three kinds of personal data are replaced, in this order (so that a digit inside an e-mail
address is never read as part of a phone number):

* **E-mail addresses** → ``[email]``: ``local@domain.tld`` with Unicode letters allowed on both
  sides (``почта@пример.рф``).
* **Phone numbers** → ``[phone]``: international numbers written with ``+`` and a country code
  (8 to 15 digits, as E.164 allows: ``+7 (916) 123-45-67``, ``+44 20 7946 0958``,
  ``+1-202-555-0143``); Russian numbers starting with 8 or 7 and ten more digits, with or
  without spaces, hyphens and a bracketed code (``8 800 555-35-35``, ``89161234567``,
  ``8(495)123-45-67``); a bracketed city code with the number (``(495) 123-45-67``); a
  Russian mobile number written without its prefix (ten digits starting with 9:
  ``912 345 67 89``, ``912-345-67-89``, ``9123456789``); and a seven-digit local number with
  hyphens (``123-45-67``). Dates (``12.03.2024``, ``2024-03-12``), times, sums
  (``1 500 000 руб.``) and order numbers of other lengths are left alone: the patterns need a
  ``+``, a leading 8/7 with exactly eleven digits, a leading 9 with exactly ten, brackets, or
  the hyphenated 3-2-2 shape, and never start or end inside a longer run of digits (nor one
  joined by hyphens or dots, so ``912-345-67-89`` is never half masked).
* **Names of the organisation's people** → ``[name]``: given as full names (``Иванова Мария
  Петровна``, ``John Smith``) and matched word by word. A Russian name word matches every
  inflected form, through the lemmas of all its pymorphy3 parses: ``Ивановой``, ``Иванову``
  and ``Иванова`` all reduce to ``иванов``; ``Петровной`` to ``петрович``. A word written with
  a capital letter is masked when any lemma matches; a lowercase word only when the name has
  mainly a name (``ивановой`` is masked; ``вера`` — faith, likelier than the name — is not,
  though ``Вера`` is). A listed Russian first name also brings its common everyday forms
  (:data:`DIMINUTIVES`, written for orientir: ``Мария`` → ``Маша``, so ``Машей`` is masked),
  and every Cyrillic name word its Latin transliteration (``Иванова`` → ``Ivanova``,
  ``Ivanov``), because respondents writing in English spell colleagues' names in Latin
  letters. Latin-script names match when capitalised, with a possessive ``'s``.
  Optionally (``guess_names``, on by default) a capitalised Russian word that pymorphy3 reads
  as a first name, surname, patronymic or possessive (``Петрову``: the surname, or "Peter's")
  with probability at least one half is masked even if
  it is not on the list — a courier or a neighbour's manager named in passing; an initial
  before it (``И. Петров``, ``С.Петрову``) does not count as the end of a sentence. Initials
  beside a masked name (``[name] М.П.``) are taken in, and adjacent ``[name]`` marks become one.

Limits: a Latin-script name written in Cyrillic (``Смит``) and transliterations other than
the one scheme used here (``Ivanovoy`` for ``Ивановой``), a name used as an ordinary word at
the start of a sentence (``Вера в успех`` when a Вера works here: masked, the safe mistake),
diminutives not in the table, six-digit local numbers (``34-56-78``), obfuscated addresses
(``ivan at mail dot ru``), and postal addresses are not handled. Masking errs towards hiding:
an order number shaped like a phone number is masked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from orientir.text.lemmas import is_cyrillic_word, russian_parses

EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"
NAME_MARK = "[name]"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SEP = r"[\s.\-\u2010-\u2015]?"
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[-./\u2010-\u2015])(?:"
    rf"\+\d{{1,3}}{_SEP}(?:\(\d{{1,5}}\)|\d{{1,5}})(?:{_SEP}\d{{2,4}}){{2,4}}"
    rf"|[78]{_SEP}\(?\d{{3}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}"
    rf"|\(\d{{3,5}}\){_SEP}\d{{1,3}}{_SEP}\d{{2}}{_SEP}\d{{2}}"
    rf"|9\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}"
    r"|\d{3}-\d{2}-\d{2}"
    r")(?![\w])(?![-./\u2010-\u2015]\d)",
    re.UNICODE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][sS])?", re.UNICODE)
_PROPER = frozenset({"Name", "Surn", "Patr"})
# Guessing also counts possessive adjectives (``Петрову`` read as "Peter's"): written with a
# capital in the middle of a sentence they are surnames.
_GUESSED = _PROPER | {"Poss"}
_GUESS_PROBABILITY = 0.5
_INITIALS = r"[A-ZА-ЯЁ]\.(?:\s?[A-ZА-ЯЁ]\.)?"
_AFTER = re.compile(rf"\[name\]\s+{_INITIALS}", re.UNICODE)
_BEFORE = re.compile(rf"{_INITIALS}\s*\[name\]", re.UNICODE)
_RUN = re.compile(r"\[name\](?:[\s,]*\[name\])+")
_INITIAL_END = re.compile(r"(?:^|[\s.])[A-ZА-ЯЁ]\.$")

# Everyday forms of common Russian first names (written for orientir), by the full name's
# lemma. A listed person's first name brings these, so ``Маша`` finds ``Мария``.
# fmt: off
DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "александр": ("саша", "шура"), "александра": ("саша", "шура"),
    "алексей": ("алеша", "леша"), "анастасия": ("настя",), "анатолий": ("толя",),
    "андрей": ("андрюша",), "анна": ("аня",), "антон": ("антоша",), "борис": ("боря",),
    "валентина": ("валя",), "валерий": ("валера",), "василий": ("вася",),
    "виктория": ("вика",), "владимир": ("володя", "вова"), "владислав": ("влад",),
    "вячеслав": ("слава",), "галина": ("галя",), "геннадий": ("гена",),
    "георгий": ("жора", "гоша"), "григорий": ("гриша",), "дарья": ("даша",),
    "дмитрий": ("дима",), "евгений": ("женя",), "евгения": ("женя",),
    "екатерина": ("катя",), "елена": ("лена",), "иван": ("ваня",), "илья": ("илюша",),
    "ирина": ("ира",), "константин": ("костя",), "ксения": ("ксюша",),
    "леонид": ("леня",), "любовь": ("люба",), "людмила": ("люда", "люся"),
    "маргарита": ("рита",), "мария": ("маша",), "михаил": ("миша",), "надежда": ("надя",),
    "наталья": ("наташа",), "наталия": ("наташа",), "николай": ("коля",), "ольга": ("оля",),
    "павел": ("паша",), "петр": ("петя",), "роман": ("рома",), "светлана": ("света",),
    "сергей": ("сережа",), "станислав": ("стас",), "татьяна": ("таня",),
    "федор": ("федя",), "юлия": ("юля",), "юрий": ("юра",), "яков": ("яша",),
}
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# fmt: on


def transliterate(word: str) -> str:
    """A lowercase Cyrillic word in Latin letters (the passport scheme, ``ё`` as ``e``)."""
    return "".join(_LATIN.get(c, c) for c in word.lower().replace("ё", "е"))


def latin_spellings(word: str) -> set[str]:
    """The usual Latin spellings of a Cyrillic name word: ``мария`` → ``mariya``, ``maria``;
    ``дмитрий`` → ``dmitriy``, ``dmitry``."""
    lower = word.lower().replace("ё", "е")
    variants = {lower, re.sub("[иь]я", "иа", lower), re.sub("ий$", "ы", lower)}
    return {transliterate(v) for v in variants}


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    count = _digits(found)
    if found.startswith("+") and not 8 <= count <= 15:
        return found
    return PHONE_MARK


def mask_contacts(text: str) -> str:
    """Replace e-mail addresses and phone numbers (see the module notes)."""
    return _PHONE.sub(_phone, _EMAIL.sub(EMAIL_MARK, text))


def _russian_name_keys(word: str) -> dict[str, bool]:
    """Lemma → whether it is mainly a proper name, over every parse of one name word.

    A lemma counts as a proper name when at least half the probability of the parses that
    give it carries a first-name, surname or patronymic tag: ``иванов`` from ``Иванова`` does,
    ``иваново`` (a town) and ``вера`` (faith, more probable than the name) do not.
    """
    mass: dict[str, list[float]] = {word: [0.0, 0.0]}
    for lemma, grams, score in russian_parses(word):
        total = mass.setdefault(lemma, [0.0, 0.0])
        total[0] += score
        total[1] += score if grams & _PROPER else 0.0
    return {
        lemma: total > 0 and proper / total >= _GUESS_PROBABILITY
        for lemma, (total, proper) in mass.items()
    }


@dataclass(frozen=True)
class NameIndex:
    """The name words to mask: lemma → whether it is mainly a proper name (see the notes)."""

    keys: dict[str, bool] = field(default_factory=dict)
    guess_names: bool = True

    @classmethod
    def from_names(cls, names: Iterable[str], *, guess_names: bool = True) -> NameIndex:
        keys: dict[str, bool] = {}
        for name in names:
            for word in _WORD.findall(name or ""):
                lower = word.lower().replace("ё", "е")
                if len(lower) < 2:
                    continue  # an initial: matched only beside a masked name
                if not is_cyrillic_word(lower):
                    keys[lower] = keys.get(lower, False)
                    continue
                word_keys = _russian_name_keys(lower)
                proper_lemmas = [k for k, proper in word_keys.items() if proper]
                for lemma in proper_lemmas:
                    for latin in latin_spellings(lemma):
                        keys.setdefault(latin, False)
                    for short in DIMINUTIVES.get(lemma, ()):
                        found = _russian_name_keys(short)
                        word_keys |= {k: v for k, v in found.items() if v or k == short}
                for latin in latin_spellings(lower):
                    keys.setdefault(latin, False)
                for key, proper in word_keys.items():
                    keys[key] = keys.get(key, False) or proper
        return cls(keys, guess_names)

    def is_name(self, word: str, *, sentence_start: bool) -> bool:
        """Whether one word of a comment is a name to mask."""
        capital = word[:1].isupper()
        lower = word.lower().replace("ё", "е")
        if not is_cyrillic_word(lower):
            if lower.endswith(("'s", "’s")):
                lower = lower[:-2]
            return capital and lower in self.keys
        parses = russian_parses(lower)
        candidates = {lower} | {lemma for lemma, _, _ in parses}
        hits = [key for key in candidates if key in self.keys]
        if hits and (capital or any(self.keys[key] for key in hits)):
            return True
        if self.guess_names and capital and not sentence_start:
            proper = sum(score for _, grams, score in parses if grams & _GUESSED)
            return proper >= _GUESS_PROBABILITY
        return False


def _mask_names(text: str, names: NameIndex) -> str:
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        before = text[: match.start()].rstrip()
        sentence_start = not before or (before[-1] in ".!?\n…" and not _INITIAL_END.search(before))
        if names.is_name(match.group(0), sentence_start=sentence_start):
            out.append(text[last : match.start()])
            out.append(NAME_MARK)
            last = match.end()
    out.append(text[last:])
    masked = "".join(out)
    masked = _BEFORE.sub(NAME_MARK, _AFTER.sub(NAME_MARK, masked))
    return _RUN.sub(NAME_MARK, masked)


def mask_pii(text: str, names: NameIndex | None = None) -> str:
    """``text`` with e-mail addresses, phone numbers and people's names masked."""
    masked = mask_contacts(text)
    if names is None:
        names = NameIndex()
    return _mask_names(masked, names)
