"""Theme discovery on the labelled sets and on the bank: scored, deterministic, explainable.

The floors are set a little under what ``bench/text`` measured (``docs/benchmarks.md``):
ARI 0.27 (ru) and 0.20 (en) on the hand-written labelled sets, 0.82 (ru) and 0.87 (en) on the
bank's comments; before the co-occurrence smoothing and the median rule for the number of
themes they were 0.15, 0.15, 0.58 and 0.81.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from orientir.errors import InvalidInput
from orientir.text import THEMES, DiscoveryOptions, content_terms, find_themes, sample_comment


def found(texts: list[str], lang: str, options: DiscoveryOptions | None = None) -> np.ndarray:
    docs = [content_terms(t) for t in texts]
    return find_themes(docs, [lang] * len(docs), options).primary


@pytest.mark.parametrize(("lang", "floor"), [("ru", 0.22), ("en", 0.17)])
def test_labelled_set_recovery(
    labelled: dict[str, list[tuple[str, str]]], lang: str, floor: float
) -> None:
    texts, truth = zip(*labelled[lang], strict=True)
    assert len(texts) >= 300
    assert len(set(truth)) == 8
    ari = adjusted_rand_score(truth, found(list(texts), lang))
    # A peer without lemmas does far worse on the same comments.
    x = TfidfVectorizer().fit_transform(texts)
    peer = adjusted_rand_score(truth, KMeans(8, n_init=10, random_state=0).fit_predict(x))
    assert ari >= floor
    assert ari > peer + 0.1


@pytest.mark.parametrize(("lang", "floor"), [("ru", 0.78), ("en", 0.8)])
def test_the_demo_bank_themes_are_found(lang: str, floor: float) -> None:
    rng = np.random.default_rng(0)
    names = list(THEMES)
    truth = [names[int(i)] for i in rng.integers(len(names), size=450)]
    texts = [sample_comment(t, lang, rng) for t in truth]
    assert adjusted_rand_score(truth, found(texts, lang)) >= floor


def test_same_seed_same_themes_and_stability_reported() -> None:
    rng = np.random.default_rng(3)
    texts = [sample_comment(t, "ru", rng) for t in ["delivery", "price", "quality"] * 30]
    docs = [content_terms(t) for t in texts]
    a = find_themes(docs, ["ru"] * len(docs), DiscoveryOptions(seed=5))
    b = find_themes(docs, ["ru"] * len(docs), DiscoveryOptions(seed=5))
    assert [t.id for t in a.themes] == [t.id for t in b.themes]
    assert np.array_equal(a.primary, b.primary)
    assert set(a.stability["ru"]) == set(range(3, 11))  # 90 comments allow 3 to 10
    assert all(-1.0 <= s <= 1.0 for s in a.stability["ru"].values())


def test_themes_are_named_by_their_top_terms_in_the_comment_language() -> None:
    rng = np.random.default_rng(1)
    truth = ["delivery", "price", "website"] * 30
    texts = [sample_comment(t, "ru", rng) for t in truth]
    themes = find_themes([content_terms(t) for t in texts], ["ru"] * 90, DiscoveryOptions(themes=3))
    firsts = {t.terms[0] for t in themes.themes}
    assert firsts == {"доставка", "цена", "сайт"}
    assert all(t.lang == "ru" for t in themes.themes)
    assert all(t.label == ", ".join(t.terms[:3]) for t in themes.themes)
    assert {t.id.split("+")[0] for t in themes.themes} == firsts


def test_languages_get_their_own_themes_and_und_gets_none() -> None:
    rng = np.random.default_rng(2)
    texts = [
        sample_comment(t, lang, rng) for lang in ("ru", "en") for t in ["delivery", "price"] * 15
    ]
    langs = ["ru"] * 30 + ["en"] * 30
    texts.append("dostavka ochen dolgo")
    langs.append("und")
    themes = find_themes([content_terms(t) for t in texts], langs, DiscoveryOptions(themes=2))
    assert sorted(t.lang for t in themes.themes) == ["en", "en", "ru", "ru"]
    assert themes.primary[-1] == -1
    ru_columns = [i for i, t in enumerate(themes.themes) if t.lang == "ru"]
    assert set(themes.primary[:30]) <= set(ru_columns)


def test_too_few_comments_give_no_theme() -> None:
    themes = find_themes([content_terms("Доставка опаздывает")] * 5, ["ru"] * 5)
    assert themes.themes == ()
    assert (themes.primary == -1).all()


def test_mentions_hold_the_primary_theme_and_strong_secondary_ones() -> None:
    rng = np.random.default_rng(4)
    texts = [sample_comment(t, "en", rng) for t in ["delivery", "price"] * 20]
    texts.append("Prices are too high and the delivery is always late")
    themes = find_themes([content_terms(t) for t in texts], ["en"] * 41, DiscoveryOptions(themes=2))
    assert themes.mentions[-1].sum() == 2  # both themes
    rows = np.flatnonzero(themes.primary >= 0)
    assert themes.mentions[rows, themes.primary[rows]].all()


@pytest.mark.parametrize(
    "bad",
    [
        {"themes": 0},
        {"min_themes": 5, "max_themes": 4},
        {"sample_share": 1.0},
        {"mention_share": 0.0},
        {"runs": 1},
        {"smoothing": -1.0},
    ],
)
def test_options_are_checked(bad: dict[str, float]) -> None:
    with pytest.raises(InvalidInput):
        DiscoveryOptions(**bad)  # type: ignore[arg-type]


def test_smoothing_joins_comments_through_shared_neighbours() -> None:
    from scipy import sparse

    from orientir.text.discovery import smooth

    # Terms 0 and 1 never meet in a comment, but both meet term 2: after smoothing, comment 0
    # (term 0 only) and comment 1 (term 1 only) are no longer orthogonal.
    x = sparse.csr_matrix(np.array([[1.0, 0, 0], [0, 1.0, 0], [1.0, 0, 1.0], [0, 1.0, 1.0]]))
    plain = (x @ x.T).toarray()
    smoothed = smooth(x, 1.0)
    assert plain[0, 1] == 0
    assert (smoothed @ smoothed.T).toarray()[0, 1] > 0.1
    assert np.allclose(sparse.linalg.norm(smoothed, axis=1), 1.0)
    assert smooth(x, 0.0) is x


def test_the_number_of_themes_is_the_largest_not_unusually_unstable_one() -> None:
    from orientir.text.discovery import choose_k

    # Three themes are the most stable (a coarse split is easy); ten are the largest K that
    # reaches the median (0.54) within one standard error; nine and eight are below it.
    scored = {3: (0.8, 0.02), 5: (0.6, 0.02), 8: (0.5, 0.02), 9: (0.5, 0.01), 10: (0.54, 0.02)}
    assert choose_k(scored) == 10
    scored[10] = (0.40, 0.02)  # now below the median (0.5) even with its error: nine themes
    assert choose_k(scored) == 9
    assert choose_k({4: (0.3, 0.0)}) == 4
