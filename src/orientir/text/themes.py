"""Themes of a set of comments: found per language, then shaped by the analyst's edits.

Comments are grouped by language (:func:`orientir.text.language.detect_language`) and themes
are found in each group separately (:mod:`orientir.text.discovery`): the terms of two languages
never overlap, so a joint factorisation would only split them by language first. A theme
found in Russian comments is named by Russian lemmas, an English one by English words; the
analyst can merge ``доставка`` with ``delivery`` (:mod:`orientir.text.edits`). Comments of an
undetermined language (``und``) belong to no theme unless a pinned keyword claims them.

A theme's ``id`` is made from its first two terms (``доставка+курьер``), so it reads well in
an edits file and is the same whenever the same comments give the same theme; edits may also
name a theme by one of its terms (``@доставка``), which survives new waves changing the
top terms.

Each comment has a *primary* theme (or none, −1) and a set of *mentioned* themes: its primary
theme and any theme holding at least ``mention_share`` of its weight, plus themes whose
pinned keywords it uses. Shares and impact count mentions; examples and the adjusted Rand
index of the benchmark use the primary theme.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from orientir.text.discovery import Discovery, DiscoveryOptions, FloatArray, IntArray, discover
from orientir.text.language import LANGUAGES
from orientir.text.lemmas import Term, keyword_key

BoolArray = npt.NDArray[np.bool_]
LABEL_TERMS = 3


@dataclass(frozen=True)
class Theme:
    """One theme: how it is called and which terms make it up (pinned keywords first)."""

    id: str
    label: str
    lang: str  # "ru", "en", or e.g. "en+ru" after a merge across languages
    terms: tuple[str, ...]  # display forms, best first
    keys: tuple[str, ...]  # the same terms as keys, for matching
    pinned: tuple[str, ...] = ()  # keyword keys the analyst pinned
    origin: str = "found"  # found | merged | split | pinned

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "lang": self.lang,
            "terms": list(self.terms),
            "pinned": list(self.pinned),
            "origin": self.origin,
        }


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value
class ThemeSet:
    """Themes and, for every comment, its weights, primary theme and mentioned themes."""

    themes: tuple[Theme, ...]
    weights: FloatArray  # comments × themes; each row sums to 1, or 0 for no theme
    primary: IntArray  # comments; −1: no theme
    mentions: BoolArray  # comments × themes
    stability: dict[str, dict[int, float]] = field(default_factory=dict)

    def index(self, theme_id: str) -> int:
        for i, theme in enumerate(self.themes):
            if theme.id == theme_id:
                return i
        raise KeyError(theme_id)

    def find(self, selector: str) -> int | None:
        """The theme an edit names: its ``id``, or ``@term`` — the theme whose terms (pinned
        keywords first) hold the term earliest, the first such theme on a tie; None if none."""
        if not selector.startswith("@"):
            return next((i for i, t in enumerate(self.themes) if t.id == selector), None)
        key = keyword_key(selector[1:])
        best: tuple[int, int] | None = None
        for i, theme in enumerate(self.themes):
            keys = theme.pinned + theme.keys
            if key in keys and (best is None or keys.index(key) < best[0]):
                best = (keys.index(key), i)
        return None if best is None else best[1]

    @property
    def n_comments(self) -> int:
        return int(self.weights.shape[0])


_SLUG = re.compile(r"[^\w]+", re.UNICODE)


def theme_id(words: Sequence[str], taken: set[str]) -> str:
    """``доставка+курьер`` from the first two words; ``-2``, ``-3`` … keep ids unique."""
    parts = [_SLUG.sub("-", w.lower()).strip("-") for w in words[:2]]
    base = "+".join(p for p in parts if p) or "theme"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def default_label(terms: Sequence[str]) -> str:
    return ", ".join(terms[:LABEL_TERMS])


def mentions_from(weights: FloatArray, primary: IntArray, share: float) -> BoolArray:
    out: BoolArray = weights >= share
    rows = np.flatnonzero(primary >= 0)
    out[rows, primary[rows]] = True
    return out


def find_themes(
    docs: Sequence[Sequence[Term]],
    langs: Sequence[str],
    options: DiscoveryOptions | None = None,
) -> ThemeSet:
    """Discover themes per language (see the module notes); ``langs[i]`` is comment ``i``'s."""
    options = options or DiscoveryOptions()
    if len(docs) != len(langs):
        raise ValueError("every comment needs its language")
    n = len(docs)
    langs_arr = np.asarray(langs, dtype=object)
    blocks: list[tuple[npt.NDArray[np.intp], Discovery, str]] = []
    lang: str
    for lang in LANGUAGES:
        rows = np.flatnonzero(langs_arr == lang)
        if rows.size:
            found = discover([docs[int(i)] for i in rows], options)
            if found.themes:
                blocks.append((rows, found, lang))
    total = sum(len(found.themes) for _, found, _ in blocks)
    weights = np.zeros((n, total))
    themes: list[Theme] = []
    taken: set[str] = set()
    stability: dict[str, dict[int, float]] = {}
    column = 0
    for rows, found, lang in blocks:
        width = len(found.themes)
        weights[np.ix_(rows, np.arange(column, column + width))] = found.weights
        for theme in found.themes:
            themes.append(
                Theme(
                    id=theme_id(theme.terms, taken),
                    label=default_label(theme.terms),
                    lang=lang,
                    terms=theme.terms,
                    keys=theme.keys,
                )
            )
        stability[lang] = dict(found.stability)
        column += width
    primary = _primary(weights)
    return ThemeSet(
        tuple(themes),
        weights,
        primary,
        mentions_from(weights, primary, options.mention_share),
        stability,
    )


def _primary(weights: FloatArray) -> IntArray:
    if weights.shape[1] == 0:
        return np.full(weights.shape[0], -1, dtype=np.intp)
    best: IntArray = np.argmax(weights, axis=1).astype(np.intp)
    best[weights.sum(axis=1) <= 0] = -1
    return best


def with_theme(themes: ThemeSet, index: int, theme: Theme) -> ThemeSet:
    """``themes`` with theme ``index`` replaced (its comments unchanged)."""
    listed = list(themes.themes)
    listed[index] = theme
    return replace(themes, themes=tuple(listed))
