"""Finding themes in the comments of one language, without a list given in advance.

**Features.** Each comment is its list of terms (:mod:`orientir.text.lemmas`), weighted by
TF-IDF with scikit-learn: terms used by at least two comments, sublinear term frequency, rows
L2-normalised (``X``). A comment of three or four words shares few of them with the other
comments of its theme, so each row is then *smoothed* by the terms that co-occur with its
own in the whole set (a first-order co-occurrence expansion, as in query expansion by term
association: Xu & Croft 1996):

    S = X̂ᵀ X̂ with a zero diagonal        (X̂: X with unit-length columns; S[a, b] is the
                                          cosine of terms a and b over the comments)
    X' = rows_unit( X + β · rows_unit(X S) )

so ``опоздать`` in one comment and ``курьер`` in another meet through the comments that use
both. ``β`` is ``smoothing`` (1 by default; 0 turns it off). Each term keeps only its 50 most
similar terms in ``S``, which bounds the memory on long comments over a large vocabulary.
Everything comes from the comments themselves: no list or model is consulted. On the demo's
comments it raised the adjusted Rand index from 0.64 to 0.86 (Russian, true number of themes);
on the hand-written labelled sets, where many comments share no word with any other, it helps
less (``docs/benchmarks.md``). Tried and not kept, on half of each labelled set: bigrams,
negation joined to its verb (``не_работать``), character n-grams or 4–6-letter prefixes of the
terms, several random restarts of the factorisation, spectral and consensus clustering — each
moved the index by less than its noise between the two halves.

**Themes.** Non-negative matrix factorisation of the feature matrix ``X ≈ W H`` (Lee & Seung
1999; scikit-learn's coordinate-descent solver, ``init="nndsvda"``, which is deterministic:
Boutsidis & Gallopoulos 2008). Row ``i`` of ``W`` says how much comment ``i`` draws on each
theme. A comment's *primary* theme is its largest weight; it *mentions* every theme holding
at least ``mention_share`` (default 0.35) of its row's total; a comment without a single kept
term belongs to no theme, and a theme that is nobody's primary theme is dropped.

**How many themes.** Unless fixed, the number ``K`` between ``min_themes`` and ``max_themes``
(and at most one theme per ``min_per_theme`` comments) is chosen by *stability*, after Greene,
O'Callaghan & Cunningham (2014), "How many topics? Stability analysis for topic models"
(ECML PKDD): for each ``K`` the factorisation of all comments is the reference; it is refitted
on ``runs`` random subsets of ``sample_share`` of the comments, and the adjusted Rand index
(Hubert & Arabie 1985) between the subset's primary themes and the reference's on the same
comments is averaged. Greene et al. compare the top terms of matched topics; comparing
assignments answers the question an analyst cares about (would the same comments end up
together?) and needs no matching step. Short comments make a coarse split (three themes) the
most stable one although it says little, so the score is used as a filter, not a maximum:
the chosen ``K`` is the *largest* one whose stability reaches the median over the candidates
within one standard error of its own mean over the ``runs`` refits (the one-standard-error
allowance of Breiman, Friedman, Olshen & Stone 1984 for a noisy score) — as many themes as
the comments support without an unusually unstable split. Taking the maximum, as before,
chose three themes on half of the Russian labelled set, at an adjusted Rand index of 0.13
where ten themes give 0.25; a theme split in two costs the analyst one merge, two themes
lumped together cost a reading of every comment. (The allowance was added after the median
alone chose six themes on the whole English labelled set, 0.14 where nine give 0.20; on the
halves the rules were tuned on, both choose the same.) Every
candidate's score is returned (``stability``), so the choice can be checked. Subsets come
from ``numpy.random.default_rng(seed)``: the same comments and seed give the same themes.

**Names.** A theme is named by its top terms: ``Wᵀ X`` (with ``W`` row-normalised, and the
unsmoothed ``X``) ranks the terms by how much the theme's comments themselves use them.
Russian terms are lemmas and are shown as they are; an English key is shown as the commonest
word written for it (``deliveries`` → ``delivery`` as key, shown as whichever of
``delivery``/``deliveries`` the respondents wrote more).
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from orientir.errors import InvalidInput
from orientir.text import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.text.lemmas import Term

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
NEIGHBOURS = 50  # co-occurring terms kept per term in the smoothing
CHUNK = 256  # terms per block when the smoothing's similarities are built


@dataclass(frozen=True)
class DiscoveryOptions:
    """How themes are found (see the module notes for each rule)."""

    themes: int | None = None  # a fixed number of themes; None chooses by stability
    min_themes: int = 3
    max_themes: int = 10
    min_per_theme: int = 8
    runs: int = 10
    sample_share: float = 0.8
    mention_share: float = 0.35
    min_comments: int = 12
    top_terms: int = 8
    seed: int = 0
    smoothing: float = 1.0  # β of the co-occurrence smoothing; 0: none

    def __post_init__(self) -> None:
        if self.themes is not None and self.themes < 1:
            raise InvalidInput(
                "the number of themes must be at least 1", key="err.text.number_themes_must_least"
            )
        if not 1 <= self.min_themes <= self.max_themes:
            raise InvalidInput(
                "min_themes must be at least 1 and no more than max_themes",
                key="err.text.min_themes_must_least",
            )
        if not 0.0 < self.sample_share < 1.0:
            raise InvalidInput(
                "sample_share must lie between 0 and 1", key="err.text.sample_share_must_lie"
            )
        if not 0.0 < self.mention_share <= 1.0:
            raise InvalidInput(
                "mention_share must lie in (0, 1]", key="err.text.mention_share_must_lie"
            )
        if self.runs < 2 or self.top_terms < 1 or self.min_per_theme < 1:
            raise InvalidInput(
                "runs must be at least 2; top_terms and min_per_theme at least 1",
                key="err.text.runs_must_least_top",
            )
        if not 0.0 <= self.smoothing <= 10.0:
            raise InvalidInput(
                "smoothing must lie between 0 and 10", key="err.text.smoothing_must_lie_between"
            )


@dataclass(frozen=True)
class FoundTheme:
    """A theme as discovered: its top terms (display forms) and their keys, best first."""

    terms: tuple[str, ...]
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Discovery:
    """Themes of one language's comments and each comment's weights on them."""

    themes: tuple[FoundTheme, ...]
    weights: FloatArray  # comments × themes, each row summing to 1 (or 0: no theme)
    stability: dict[int, float] = field(default_factory=dict)

    @property
    def primary(self) -> IntArray:
        """Each comment's primary theme, −1 for none."""
        if self.weights.shape[1] == 0:
            return np.full(self.weights.shape[0], -1, dtype=np.intp)
        best: IntArray = np.argmax(self.weights, axis=1).astype(np.intp)
        best[self.weights.sum(axis=1) <= 0] = -1
        return best


def _features(docs: Sequence[Sequence[Term]]) -> tuple[sparse.csr_matrix, list[str]]:
    """The TF-IDF matrix of the comments and its kept term keys (none: an empty matrix)."""
    from sklearn.feature_extraction.text import (  # type: ignore[import-untyped, unused-ignore]
        TfidfVectorizer,
    )

    vectoriser = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True)
    try:
        x = vectoriser.fit_transform([[t.key for t in doc] for doc in docs])
    except ValueError:  # no term is used by two comments
        return sparse.csr_matrix((len(docs), 0)), []
    return sparse.csr_matrix(x), [str(v) for v in vectoriser.get_feature_names_out()]


def _identity(doc: list[str]) -> list[str]:
    return doc


def _unit_rows(x: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sparse.csr_matrix(sparse.diags(scale) @ x)


def _similar_terms(unit: sparse.csr_matrix) -> sparse.csr_matrix:
    """``S``: the cosine of every pair of terms, zero diagonal, each term (column) keeping its
    ``NEIGHBOURS`` most similar terms. Built ``CHUNK`` columns at a time, so long comments
    over a large vocabulary never need the whole ``V × V`` product at once."""
    v = unit.shape[1]
    by_column = sparse.csc_matrix(unit)
    t = sparse.csr_matrix(unit.T)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for start in range(0, v, CHUNK):
        stop = min(start + CHUNK, v)
        block = np.asarray((t @ by_column[:, start:stop]).todense(), dtype=np.float64)
        block[np.arange(start, stop), np.arange(stop - start)] = 0.0  # no self-similarity
        keep = min(NEIGHBOURS, v)
        top = np.argpartition(-block, keep - 1, axis=0)[:keep] if keep < v else None
        for j in range(stop - start):
            index = np.arange(v) if top is None else top[:, j]
            values = block[index, j]
            mask = values > 0
            rows.append(index[mask].astype(np.intp))
            cols.append(np.full(int(mask.sum()), start + j, dtype=np.intp))
            vals.append(values[mask])
    if not rows:
        return sparse.csr_matrix((v, v))
    return sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(v, v)
    )


def smooth(x: sparse.csr_matrix, beta: float) -> sparse.csr_matrix:
    """``X' = rows_unit(X + β · rows_unit(X S))`` with ``S`` the terms' cosine (module notes)."""
    if beta <= 0 or x.shape[1] == 0:
        return x
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=0)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    unit = sparse.csr_matrix(x @ sparse.diags(scale))
    similar = _similar_terms(unit)
    return _unit_rows(sparse.csr_matrix(x + beta * _unit_rows(sparse.csr_matrix(x @ similar))))


def _factorise(x: sparse.csr_matrix, k: int) -> tuple[FloatArray, FloatArray]:
    from sklearn.decomposition import NMF  # type: ignore[import-untyped, unused-ignore]

    model = NMF(n_components=k, init="nndsvda", max_iter=400, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # slow convergence on a subset is not worth a warning
        w = model.fit_transform(x)
    return np.asarray(w, dtype=np.float64), np.asarray(model.components_, dtype=np.float64)


def _assign(w: FloatArray) -> IntArray:
    best: IntArray = np.argmax(w, axis=1).astype(np.intp)
    best[w.sum(axis=1) <= 0] = -1
    return best


def _stability(x: sparse.csr_matrix, k: int, options: DiscoveryOptions) -> tuple[float, float]:
    """The mean adjusted Rand index of the refits against the reference, and its standard
    error."""
    from sklearn.metrics import adjusted_rand_score  # type: ignore[import-untyped, unused-ignore]

    reference = _assign(_factorise(x, k)[0])
    rng = np.random.default_rng([options.seed, k])
    n = x.shape[0]
    size = max(k + 1, round(options.sample_share * n))
    scores = []
    for _ in range(options.runs):
        rows = np.sort(rng.choice(n, size=size, replace=False))
        again = _assign(_factorise(x[rows], k)[0])
        scores.append(float(adjusted_rand_score(reference[rows], again)))
    return float(np.mean(scores)), float(np.std(scores, ddof=1) / np.sqrt(len(scores)))


def choose_k(scored: dict[int, tuple[float, float]]) -> int:
    """The largest ``K`` whose mean stability plus one standard error reaches the median of
    the means (``scored``: ``K`` → (mean, standard error); see the module notes)."""
    floor = float(np.median([mean for mean, _ in scored.values()]))
    return max(k for k, (mean, se) in scored.items() if mean + se >= floor)


def _candidates(n: int, options: DiscoveryOptions) -> list[int]:
    if options.themes is not None:
        return [min(options.themes, n)]
    top = min(options.max_themes, max(options.min_themes, n // options.min_per_theme))
    return list(range(options.min_themes, top + 1))


def _shown(keys: list[str], docs: Sequence[Sequence[Term]]) -> dict[str, str]:
    """Key → the form to show: the lemma itself (Cyrillic) or the commonest written word."""
    seen: dict[str, Counter[str]] = {}
    for doc in docs:
        for term in doc:
            seen.setdefault(term.key, Counter())[term.surface] += 1
    out = {}
    for key in keys:
        forms = seen.get(key)
        if forms is None or any("\u0400" <= c <= "\u04ff" for c in key):
            out[key] = key
        else:
            out[key] = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return out


def discover(docs: Sequence[Sequence[Term]], options: DiscoveryOptions) -> Discovery:
    """Themes of ``docs`` (each a comment's terms) by the rules of the module notes."""
    x, vocabulary = _features(docs)
    usable = int((x.getnnz(axis=1) > 0).sum()) if vocabulary else 0
    if usable < max(options.min_comments, 2):
        return Discovery((), np.zeros((len(docs), 0)), {})
    candidates = _candidates(usable, options)
    smoothed = smooth(x, options.smoothing)
    stability: dict[int, float] = {}
    if len(candidates) > 1:
        scored = {k: _stability(smoothed, k, options) for k in candidates}
        stability = {k: mean for k, (mean, _) in scored.items()}
        chosen = choose_k(scored)
    else:
        chosen = candidates[0]
    w, _ = _factorise(smoothed, chosen)
    w = w[:, np.unique(_assign(w)[_assign(w) >= 0])]  # keep themes that are someone's primary
    totals = w.sum(axis=1, keepdims=True)
    weights = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    term_scores = np.asarray((sparse.csr_matrix(weights.T) @ x).todense())
    shown = _shown(vocabulary, docs)
    themes = []
    for row in term_scores:
        order = [i for i in np.argsort(-row, kind="stable") if row[i] > 0][: options.top_terms]
        keys = tuple(vocabulary[i] for i in order)
        themes.append(FoundTheme(tuple(shown[k] for k in keys), keys))
    return Discovery(tuple(themes), weights, stability)
