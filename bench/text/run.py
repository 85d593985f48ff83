"""Theme recovery of orientir.text on labelled comments, against simple peers.

Run from the project root:

    .venv/bin/python -m bench.text.run            # the full table (about 35 s of CPU time)
    .venv/bin/python -m bench.text.run --quick    # orientir only, labelled sets only

Data sets (every comment has a known theme):

* ``labelled-ru``, ``labelled-en`` — ``tests/data/comments_{ru,en}.csv``: 320 comments per
  language in eight themes, written for orientir, every one worded differently;
* ``labelled-ru/A`` … ``labelled-en/B`` — the odd (A) and even (B) rows of each labelled file,
  160 comments in the same eight themes: the method was tuned on the A halves, and B is
  the check that the tuning carries over;
* ``bank-ru``, ``bank-en`` — 450 comments drawn by :func:`orientir.text.sample_comment` from
  the nine themes of its bank (seed 0): what the demo writes.

Methods, each scored by the adjusted Rand index (ARI; Hubert & Arabie 1985) and the normalised
mutual information (NMI) between found and true themes (a comment without a theme counts as
one more cluster):

* ``orientir`` — :func:`orientir.text.find_themes` as the product runs it: terms, TF-IDF, NMF,
  the number of themes chosen by stability;
* ``orientir-true-k`` — the same with the true number of themes given;
* ``orientir-unsmoothed`` — the same as ``orientir`` without the co-occurrence smoothing
  (``smoothing=0``), to show what the smoothing alone adds;
* ``orientir+pins`` — the analyst's simplest edit: one new theme per expected topic, pinned by
  its one obvious word (listed in ``PINS``), applied with :func:`orientir.text.apply_edits`;
* ``kmeans-words`` (peer) — scikit-learn ``TfidfVectorizer`` on the raw words (its default
  tokeniser, no lemmas, no stop-words) and ``KMeans`` with the true number of themes
  (``n_init=10``, seed 0);
* ``lda-words`` (peer) — scikit-learn ``LatentDirichletAllocation`` on raw word counts with the
  true number of themes (seed 0), each comment given its most probable topic;
* ``supervised-ceiling`` — not a clustering: multinomial naive Bayes trained on the true themes
  with 20-fold cross-validation on orientir's terms. It shows how far the words of a set can
  carry any method that, like all of these, knows nothing of meaning beyond the comments.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.model_selection import cross_val_predict
from sklearn.naive_bayes import MultinomialNB

from orientir.text import (
    THEMES,
    DiscoveryOptions,
    Term,
    ThemeEdits,
    apply_edits,
    content_terms,
    find_themes,
    sample_comment,
)

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
PINS = {
    "ru": [
        "доставка",
        "цена",
        "поддержка",
        "качество",
        "менеджер",
        "документ",
        "сайт",
        "ассортимент",
    ],
    "en": ["delivery", "price", "support", "quality", "manager", "invoice", "website", "stock"],
}


def labelled(lang: str) -> tuple[list[str], list[str]]:
    with (DATA / f"comments_{lang}.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["theme"] for r in rows]


def half(lang: str, part: int) -> tuple[list[str], list[str]]:
    texts, truth = labelled(lang)
    return texts[part::2], truth[part::2]


def bank(lang: str, n: int = 450, seed: int = 0) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    names = list(THEMES)
    truth = [names[int(i)] for i in rng.integers(len(names), size=n)]
    return [sample_comment(theme, lang, rng) for theme in truth], truth


def _found(docs: list[list[Term]], lang: str, options: DiscoveryOptions) -> np.ndarray:
    return find_themes(docs, [lang] * len(docs), options).primary


def _pinned(docs: list[list[Term]], lang: str) -> np.ndarray:
    themes = find_themes(docs, [lang] * len(docs), DiscoveryOptions())
    edits = ThemeEdits.from_data(
        {"edits": [{"pin": "new", "label": w, "keywords": [w]} for w in PINS[lang]]}
    )
    return apply_edits(themes, edits, docs).themes.primary


def _kmeans(texts: list[str], k: int) -> np.ndarray:
    x = TfidfVectorizer().fit_transform(texts)
    return np.asarray(KMeans(k, n_init=10, random_state=0).fit_predict(x))


def _lda(texts: list[str], k: int) -> np.ndarray:
    x = CountVectorizer().fit_transform(texts)
    model = LatentDirichletAllocation(k, random_state=0)
    return np.asarray(model.fit_transform(x).argmax(axis=1))


def _ceiling(docs: list[list[Term]], truth: list[str]) -> np.ndarray:
    x = CountVectorizer(analyzer=lambda d: d).fit_transform([[t.key for t in d] for d in docs])
    return np.asarray(cross_val_predict(MultinomialNB(alpha=0.1), x, truth, cv=20))


def run(quick: bool) -> list[dict[str, Any]]:
    sets: dict[str, tuple[str, Callable[[], tuple[list[str], list[str]]]]] = {
        "labelled-ru": ("ru", lambda: labelled("ru")),
        "labelled-en": ("en", lambda: labelled("en")),
        "labelled-ru/A": ("ru", lambda: half("ru", 0)),
        "labelled-ru/B": ("ru", lambda: half("ru", 1)),
        "labelled-en/A": ("en", lambda: half("en", 0)),
        "labelled-en/B": ("en", lambda: half("en", 1)),
    }
    if not quick:
        sets |= {"bank-ru": ("ru", lambda: bank("ru")), "bank-en": ("en", lambda: bank("en"))}
    results = []
    for name, (lang, load) in sets.items():
        texts, truth = load()
        k = len(set(truth))
        start = time.perf_counter()
        docs = [content_terms(t) for t in texts]
        prep = time.perf_counter() - start
        methods: dict[str, Callable[[], np.ndarray]] = {
            "orientir": partial(_found, docs, lang, DiscoveryOptions()),
            "orientir-true-k": partial(_found, docs, lang, DiscoveryOptions(themes=k)),
            "orientir-unsmoothed": partial(_found, docs, lang, DiscoveryOptions(smoothing=0.0)),
        }
        if not quick:
            methods |= {
                "orientir+pins": partial(_pinned, docs, lang),
                "kmeans-words": partial(_kmeans, texts, k),
                "lda-words": partial(_lda, texts, k),
                "supervised-ceiling": partial(_ceiling, docs, truth),
            }
        for method, fit in methods.items():
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = fit()
            seconds = time.perf_counter() - start + (prep if method.startswith("orientir") else 0)
            results.append(
                {
                    "set": name,
                    "comments": len(texts),
                    "true_themes": k,
                    "method": method,
                    "themes_found": len(set(found.tolist()) - {-1}),
                    "ari": round(float(adjusted_rand_score(truth, found)), 3),
                    "nmi": round(float(normalized_mutual_info_score(truth, found)), 3),
                    "seconds": round(seconds, 2),
                }
            )
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="orientir on the labelled sets only")
    args = parser.parse_args()
    results = run(args.quick)
    load = os.getloadavg()
    print("\n| set | method | themes (true) | ARI | NMI | seconds |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['set']} | {r['method']} | {r['themes_found']} ({r['true_themes']}) "
            f"| {r['ari']:.2f} | {r['nmi']:.2f} | {r['seconds']:.1f} |"
        )
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
