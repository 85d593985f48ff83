"""The analyst's edits to automatically found themes: rename, merge, split, pin keywords.

An edits document is YAML, one per organisation, applied in order after every discovery::

    edits:
      - rename: "@доставка"            # a theme: its id, or @term for the theme ranking it highest
        label: Доставка
      - merge: ["@доставка", "@delivery"]
        label: Доставка / Delivery     # optional; default: the first theme's label
        id: delivery                   # optional; default: the first theme's id
      - split: "@менеджер"
        into:
          - {label: Вежливость, keywords: [вежливый, грубый, хамство]}
          - {label: Знание продукта, keywords: [знать, компетентный], id: know-how}
      - pin: "@сайт"                   # pin keywords to a theme …
        keywords: [приложение, кабинет]
      - pin: new                       # … or create a theme from keywords alone
        id: documents
        label: Документы
        keywords: [счёт, накладная, акт]

Rules:

* **Keywords** are reduced like the comments' words (:func:`orientir.text.lemmas.keyword_key`),
  so ``счета``, ``счёт`` and ``счет`` are one keyword and a comment saying ``счетами`` has it.
* **Selectors.** ``@term`` names the theme whose top terms hold ``term`` earliest (ties: the
  first theme). Themes are found again on every run, so a selector that finds nothing is not
  an error: it is reported under ``unresolved`` and the edit is skipped.
* **rename** changes the label only.
* **merge** adds the themes' weights, joins their mentions, and keeps the first theme's id and
  label unless others are given; the terms interleave, best first.
* **split** moves each comment of the theme that uses a keyword of a part to the first such
  part (its primary theme, weight and mention move with it); comments using none stay in the
  theme, which keeps its id and label.
* **pin** makes every comment using one of the keywords mention the theme and take it as its
  primary theme — pinned keywords win over the factorisation, which is how an analyst corrects
  it. The keywords are listed first among the theme's terms. ``pin: new`` creates the theme.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import yaml

from orientir.errors import InvalidInput
from orientir.text.lemmas import Term, is_cyrillic_word, keyword_key
from orientir.text.themes import (
    BoolArray,
    Theme,
    ThemeSet,
    default_label,
    theme_id,
    with_theme,
)


@dataclass(frozen=True)
class Rename:
    theme: str
    label: str


@dataclass(frozen=True)
class Merge:
    themes: tuple[str, ...]
    label: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class SplitPart:
    label: str
    keywords: tuple[str, ...]
    id: str | None = None


@dataclass(frozen=True)
class Split:
    theme: str
    into: tuple[SplitPart, ...]


@dataclass(frozen=True)
class Pin:
    theme: str  # a selector, or "new"
    keywords: tuple[str, ...]
    label: str | None = None
    id: str | None = None


Edit = Rename | Merge | Split | Pin


class InvalidEdits(InvalidInput):
    """An edits document breaks the format; ``problems`` lists every broken rule."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("theme edits: " + "; ".join(self.problems))


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _keywords(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        return None
    words = [_text(v) for v in value]
    return None if any(w is None for w in words) else tuple(w for w in words if w)


def _part(raw: Any, where: str, problems: list[str]) -> SplitPart | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: each part needs a label and keywords")
        return None
    label, keywords = _text(raw.get("label")), _keywords(raw.get("keywords"))
    if label is None or keywords is None:
        problems.append(f"{where}: each part needs a label and a list of keywords")
        return None
    return SplitPart(label, keywords, _text(raw.get("id")))


def _edit(raw: Any, where: str, problems: list[str]) -> Edit | None:
    kinds = (
        [k for k in ("rename", "merge", "split", "pin") if k in raw]
        if isinstance(raw, Mapping)
        else []
    )
    if not isinstance(raw, Mapping) or len(kinds) != 1:
        problems.append(f"{where}: say exactly one of rename, merge, split or pin")
        return None
    kind = kinds[0]
    label, new_id = _text(raw.get("label")), _text(raw.get("id"))
    if kind == "merge":
        selectors = raw["merge"]
        if not isinstance(selectors, list) or len(selectors) < 2 or not all(map(_text, selectors)):
            problems.append(f"{where}: merge needs a list of at least two themes")
            return None
        return Merge(tuple(s.strip() for s in selectors), label, new_id)
    target = _text(raw[kind])
    if target is None:
        problems.append(f"{where}: {kind} needs a theme (an id or @term)")
        return None
    if kind == "rename":
        if label is None:
            problems.append(f"{where}: rename needs a label")
            return None
        return Rename(target, label)
    if kind == "split":
        parts_raw = raw.get("into")
        if not isinstance(parts_raw, list) or not parts_raw:
            problems.append(f"{where}: split needs 'into', a list of parts")
            return None
        parts = [_part(p, f"{where}.into[{i}]", problems) for i, p in enumerate(parts_raw)]
        return None if any(p is None for p in parts) else Split(target, tuple(filter(None, parts)))
    keywords = _keywords(raw.get("keywords"))
    if keywords is None:
        problems.append(f"{where}: pin needs a list of keywords")
        return None
    if target == "new" and label is None:
        problems.append(f"{where}: a new theme needs a label")
        return None
    return Pin(target, keywords, label, new_id)


@dataclass(frozen=True)
class ThemeEdits:
    """The analyst's edits, applied in order by :func:`apply_edits`."""

    edits: tuple[Edit, ...] = ()

    @classmethod
    def from_data(cls, data: Any) -> ThemeEdits:
        """From parsed YAML: ``{"edits": [...]}``, a bare list, or nothing (no edits)."""
        if data is None:
            return cls()
        listed = data.get("edits") if isinstance(data, Mapping) else data
        if listed is None:
            return cls()
        if not isinstance(listed, list):
            raise InvalidEdits(["'edits' must be a list"])
        problems: list[str] = []
        edits = [_edit(raw, f"edits[{i}]", problems) for i, raw in enumerate(listed)]
        if problems:
            raise InvalidEdits(problems)
        return cls(tuple(e for e in edits if e is not None))

    @classmethod
    def from_yaml(cls, text: str) -> ThemeEdits:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InvalidEdits([f"not valid YAML: {exc}"]) from None
        return cls.from_data(data)


@dataclass(frozen=True, eq=False)
class Edited:
    themes: ThemeSet
    applied: tuple[str, ...]
    unresolved: tuple[str, ...]


def resolve(themes: ThemeSet, selector: str) -> int | None:
    """The index of the theme ``selector`` names (an id or ``@term``), or None."""
    return themes.find(selector)


def _uses(docs: Sequence[Sequence[Term]], keywords: Sequence[str]) -> BoolArray:
    keys = {keyword_key(k) for k in keywords}
    return np.array([any(t.key in keys for t in doc) for doc in docs], dtype=bool)


def _add_column(themes: ThemeSet, theme: Theme) -> ThemeSet:
    n = themes.n_comments
    return ThemeSet(
        (*themes.themes, theme),
        np.hstack([themes.weights, np.zeros((n, 1))]),
        themes.primary.copy(),
        np.hstack([themes.mentions, np.zeros((n, 1), dtype=bool)]),
        themes.stability,
    )


def _merge(themes: ThemeSet, idx: list[int], edit: Merge) -> ThemeSet:
    first = themes.themes[idx[0]]
    members = [themes.themes[i] for i in idx]
    terms: list[str] = []
    keys: list[str] = []
    for rank in range(max(len(m.keys) for m in members)):
        for m in members:
            if rank < len(m.keys) and m.keys[rank] not in keys:
                keys.append(m.keys[rank])
                terms.append(m.terms[rank])
    langs = "+".join(sorted({part for m in members for part in m.lang.split("+")}))
    taken = {t.id for i, t in enumerate(themes.themes) if i not in idx}
    merged = Theme(
        id=theme_id([edit.id], taken) if edit.id else first.id,
        label=edit.label or first.label,
        lang=langs,
        terms=tuple(terms),
        keys=tuple(keys),
        pinned=tuple(dict.fromkeys(p for m in members for p in m.pinned)),
        origin="merged",
    )
    keep = [i for i in range(len(themes.themes)) if i not in idx[1:]]
    weights = themes.weights.copy()
    weights[:, idx[0]] = themes.weights[:, idx].sum(axis=1)
    mentions = themes.mentions.copy()
    mentions[:, idx[0]] = themes.mentions[:, idx].any(axis=1)
    remap = np.full(len(themes.themes) + 1, -1, dtype=np.intp)  # last slot: −1 stays −1
    for new, old in enumerate(keep):
        remap[old] = new
    for old in idx[1:]:
        remap[old] = keep.index(idx[0])
    listed = [themes.themes[i] for i in keep]
    listed[keep.index(idx[0])] = merged
    return ThemeSet(
        tuple(listed), weights[:, keep], remap[themes.primary], mentions[:, keep], themes.stability
    )


def _split(themes: ThemeSet, t: int, edit: Split, docs: Sequence[Sequence[Term]]) -> ThemeSet:
    parent = themes.themes[t]
    claimed = themes.mentions[:, t] | (themes.primary == t)
    taken = {th.id for th in themes.themes}
    for part in edit.into:
        keys = tuple(keyword_key(k) for k in part.keywords)
        child = Theme(
            id=theme_id([part.id] if part.id else [parent.id, keys[0]], taken),
            label=part.label,
            lang=parent.lang,
            terms=tuple(dict.fromkeys(part.keywords)),
            keys=keys,
            pinned=keys,
            origin="split",
        )
        themes = _add_column(themes, child)
        c = len(themes.themes) - 1
        moving = claimed & _uses(docs, part.keywords)
        claimed = claimed & ~moving
        themes.weights[moving, c] = themes.weights[moving, t]
        themes.weights[moving, t] = 0.0
        themes.mentions[moving, c] = True
        themes.mentions[moving, t] = False
        themes.primary[moving & (themes.primary == t)] = c
    return themes


def _pin(themes: ThemeSet, t: int, edit: Pin, docs: Sequence[Sequence[Term]]) -> ThemeSet:
    theme = themes.themes[t]
    shown: dict[str, str] = {}
    for keyword in edit.keywords:
        shown.setdefault(keyword_key(keyword), keyword.strip())
    keys = tuple(shown)
    pinned = tuple(dict.fromkeys(theme.pinned + keys))
    rest = [(k, s) for k, s in zip(theme.keys, theme.terms, strict=True) if k not in pinned]
    updated = replace(
        theme,
        pinned=pinned,
        keys=pinned + tuple(k for k, _ in rest),
        terms=tuple(shown.get(k, k) for k in pinned) + tuple(s for _, s in rest),
        label=edit.label or theme.label,
    )
    themes = with_theme(themes, t, updated)
    using = _uses(docs, keys)
    themes.mentions[using, t] = True
    themes.primary[using] = t
    return themes


def _keywords_lang(keywords: Sequence[str]) -> str:
    scripts = {"ru" if is_cyrillic_word(k) else "en" for k in keywords}
    return "+".join(sorted(scripts))


def apply_edits(themes: ThemeSet, edits: ThemeEdits, docs: Sequence[Sequence[Term]]) -> Edited:
    """Apply ``edits`` in order (see the module notes); ``docs`` are the comments' terms."""
    themes = ThemeSet(
        themes.themes,
        themes.weights.copy(),
        themes.primary.copy(),
        themes.mentions.copy(),
        themes.stability,
    )
    applied: list[str] = []
    unresolved: list[str] = []
    for number, edit in enumerate(edits.edits):
        what = f"edits[{number}]"
        if isinstance(edit, Merge):
            found = [resolve(themes, s) for s in edit.themes]
            idx = list(dict.fromkeys(i for i in found if i is not None))
            missing = [s for s, i in zip(edit.themes, found, strict=True) if i is None]
            if missing:
                unresolved.append(f"{what}: no theme {', '.join(missing)}")
            if len(idx) >= 2:
                themes = _merge(themes, idx, edit)
                applied.append(f"{what}: merged {len(idx)} themes")
            continue
        if isinstance(edit, Pin) and edit.theme == "new":
            keys = [keyword_key(k) for k in edit.keywords]
            taken = {t.id for t in themes.themes}
            created = Theme(
                id=theme_id([edit.id] if edit.id else keys, taken),
                label=edit.label or default_label(edit.keywords),
                lang=_keywords_lang(edit.keywords),
                terms=(),
                keys=(),
                origin="pinned",
            )
            themes = _pin(_add_column(themes, created), len(themes.themes), edit, docs)
            applied.append(f"{what}: created {created.id}")
            continue
        index = resolve(themes, edit.theme)
        if index is None:
            unresolved.append(f"{what}: no theme {edit.theme}")
            continue
        if isinstance(edit, Rename):
            themes = with_theme(themes, index, replace(themes.themes[index], label=edit.label))
            applied.append(f"{what}: renamed {themes.themes[index].id}")
        elif isinstance(edit, Split):
            themes = _split(themes, index, edit, docs)
            applied.append(f"{what}: split {themes.themes[index].id} in {len(edit.into)}")
        else:
            themes = _pin(themes, index, edit, docs)
            applied.append(f"{what}: pinned {len(edit.keywords)} keywords")
    return Edited(themes, tuple(applied), tuple(unresolved))
