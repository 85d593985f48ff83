"""The analyst's edits: rename, merge, split, pin — parsed strictly, applied in order."""

from __future__ import annotations

import numpy as np
import pytest

from orientir.text import (
    DiscoveryOptions,
    InvalidEdits,
    Merge,
    Pin,
    Rename,
    Split,
    SplitPart,
    ThemeEdits,
    ThemeSet,
    apply_edits,
    content_terms,
    find_themes,
    sample_comment,
)
from orientir.text.lemmas import Term


@pytest.fixture(scope="module")
def corpus() -> tuple[list[list[Term]], ThemeSet]:
    rng = np.random.default_rng(11)
    texts = [sample_comment(t, "ru", rng) for t in ["delivery", "price", "support"] * 20]
    texts += [sample_comment(t, "en", rng) for t in ["delivery", "price"] * 15]
    langs = ["ru"] * 60 + ["en"] * 30
    docs = [content_terms(t) for t in texts]
    return docs, find_themes(docs, langs, DiscoveryOptions(themes=3))


def test_yaml_is_parsed_into_edits() -> None:
    edits = ThemeEdits.from_yaml(
        """
        edits:
          - rename: "@доставка"
            label: Доставка
          - merge: ["@доставка", "@delivery"]
            id: delivery
          - split: "@цена"
            into:
              - {label: Скидки, keywords: [скидка]}
          - pin: new
            label: Документы
            keywords: [счёт, накладная]
        """
    )
    assert [type(e) for e in edits.edits] == [Rename, Merge, Split, Pin]
    assert ThemeEdits.from_yaml("") == ThemeEdits()
    assert ThemeEdits.from_data([{"rename": "x", "label": "y"}]).edits == (Rename("x", "y"),)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidEdits) as caught:
        ThemeEdits.from_data(
            {
                "edits": [
                    {"rename": "@a"},
                    {"merge": ["@a"]},
                    {"split": "@a", "into": [{"label": "x"}]},
                    {"pin": "new", "keywords": ["a"]},
                    {"rename": "@a", "merge": ["@a", "@b"]},
                    "text",
                ]
            }
        )
    assert len(caught.value.problems) == 6
    assert "edits[0]: rename needs a label" in caught.value.problems
    with pytest.raises(InvalidEdits, match="not valid YAML"):
        ThemeEdits.from_yaml("edits: [")


def test_rename_and_selectors(corpus: tuple[list[list[Term]], ThemeSet]) -> None:
    docs, themes = corpus
    edited = apply_edits(themes, ThemeEdits((Rename("@доставки", "Доставка"),)), docs)
    by_label = {t.label: t for t in edited.themes.themes}
    assert "доставка" in by_label["Доставка"].keys
    assert edited.unresolved == ()
    missing = apply_edits(themes, ThemeEdits((Rename("@погода", "x"), Rename("t9", "y"))), docs)
    assert len(missing.unresolved) == 2
    assert [t.label for t in missing.themes.themes] == [t.label for t in themes.themes]


def test_merge_across_languages(corpus: tuple[list[list[Term]], ThemeSet]) -> None:
    docs, themes = corpus
    ru, en = themes.find("@доставка"), themes.find("@delivery")
    before = (themes.primary == ru).sum() + (themes.primary == en).sum()
    edit = Merge(("@доставка", "@delivery"), label="Доставка / Delivery", id="delivery")
    edited = apply_edits(themes, ThemeEdits((edit,)), docs).themes
    assert len(edited.themes) == len(themes.themes) - 1
    merged = edited.themes[edited.index("delivery")]
    assert merged.lang == "en+ru"
    assert merged.origin == "merged"
    assert (edited.primary == edited.index("delivery")).sum() == before
    assert np.allclose(edited.weights.sum(axis=1), themes.weights.sum(axis=1))


def test_split_by_keywords(corpus: tuple[list[list[Term]], ThemeSet]) -> None:
    docs, themes = corpus
    price = themes.find("@цена")
    mine = np.flatnonzero(themes.primary == price)
    with_discount = [i for i in mine if any(t.key == "скидка" for t in docs[i])]
    assert with_discount
    edit = Split("@цена", (SplitPart("Скидки", ("скидки",)),))
    edited = apply_edits(themes, ThemeEdits((edit,)), docs).themes
    child = edited.themes[-1]
    assert child.label == "Скидки"
    assert child.origin == "split"
    assert sorted(np.flatnonzero(edited.primary == len(edited.themes) - 1)) == with_discount
    assert not edited.mentions[with_discount, price].any()
    assert (edited.primary == price).sum() == len(mine) - len(with_discount)


def test_pinned_keywords_win(corpus: tuple[list[list[Term]], ThemeSet]) -> None:
    docs, themes = corpus
    using = [i for i, d in enumerate(docs) if any(t.key in {"чат", "chat"} for t in d)]
    assert using
    edits = ThemeEdits((Pin("new", ("чат", "chat"), label="Чат"),))
    edited = apply_edits(themes, edits, docs).themes
    chat = len(edited.themes) - 1
    assert edited.themes[chat].pinned == ("чат", "chat")
    assert edited.themes[chat].terms[:2] == ("чат", "chat")
    assert edited.themes[chat].lang == "en+ru"
    assert sorted(np.flatnonzero(edited.primary == chat)) == using
    assert edited.mentions[using, chat].all()


def test_pin_onto_a_found_theme_lists_keywords_first(
    corpus: tuple[list[list[Term]], ThemeSet],
) -> None:
    docs, themes = corpus
    edited = apply_edits(themes, ThemeEdits((Pin("@цена", ("скидки",)),)), docs).themes
    theme = edited.themes[themes.find("@цена")]
    assert theme.terms[0] == "скидки"
    assert theme.keys[0] == "скидка"
    assert theme.keys.count("скидка") == 1


def test_edits_apply_in_order(corpus: tuple[list[list[Term]], ThemeSet]) -> None:
    docs, themes = corpus
    edits = ThemeEdits(
        (
            Merge(("@доставка", "@delivery"), id="delivery"),
            Rename("delivery", "Доставка"),
        )
    )
    edited = apply_edits(themes, edits, docs)
    assert edited.themes.themes[edited.themes.index("delivery")].label == "Доставка"
    assert len(edited.applied) == 2
