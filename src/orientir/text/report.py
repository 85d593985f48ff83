"""The comment analysis of one organisation's waves: themes, shares, trends, impact, examples.

:func:`analyse_comments` takes one row per response (``wave``, ``text`` and optionally ``nps``
0–10, ``csat`` 1–5, ``segment`` such as an ABC class) and:

1. masks personal data in every comment (:func:`orientir.text.mask_pii`) — nothing later,
   not even discovery, sees the original text;
2. detects each comment's language and reduces it to terms;
3. finds themes per language over all the waves together (so a theme is the same theme in
   every wave) and applies the analyst's edits;
4. narrows to the *view* — say detractors (``nps="detractor"``) among ``segment="A"``
   customers — and reports, per theme, its share of the view's comments, the share per wave
   and its change between the last two waves, the impact on NPS and CSAT, and examples.

**Anonymity** (the guard of :mod:`orientir.stats`). Two thresholds: ``k`` for figures (5 by
default) and the stricter ``comment_k`` for anything drawn from what people wrote (the
service passes 10 by default; never below ``k``), because a free-text answer can identify its
author where a score cannot. Write ``c`` for ``comment_k``:

* a view narrower than all respondents shows its size (``responses``) only if
  :func:`orientir.stats.filter_allowed` allows it at ``k`` (at least ``k`` people, and not
  within ``k`` of everyone), and its number of comments only from ``k`` comments;
* its comments — themes, terms, examples and every breakdown — only if the same holds at ``c``
  for its people and for its comments; a group between the two thresholds shows its figures
  and a note, but no comment;
* every theme — its terms, share overall or per wave, examples — is shown only when
  ``filter_allowed(mentions, comments, k=c)`` holds: at least ``c`` people mention it, and the
  people who do not are none or at least ``c``; a hidden theme shows neither its terms (they
  could quote a comment), nor its examples, nor an id made of its terms;
* impact compares ``with`` and ``without`` groups only when ``filter_allowed(with, with +
  without, k=c)`` holds; the unassigned comments likewise;
* counts of comments per language below ``c`` are hidden.

The figures' formulas are in :mod:`orientir.text.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from orientir.errors import InvalidInput
from orientir.stats import DEFAULT_K, check_k, filter_allowed
from orientir.text import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.text.discovery import DiscoveryOptions
from orientir.text.edits import ThemeEdits, apply_edits
from orientir.text.figures import ShareChange, impact, nps_points, share_change, wilson
from orientir.text.language import detect_language
from orientir.text.lemmas import content_terms
from orientir.text.messages import Sentence
from orientir.text.pii import NameIndex, mask_pii
from orientir.text.report_types import (
    CommentsReport,
    Impact,
    ThemeReport,
    WaveShare,
)
from orientir.text.themes import ThemeSet, find_themes

NpsGroup = Literal["detractor", "passive", "promoter"]
NPS_GROUPS: tuple[NpsGroup, ...] = ("detractor", "passive", "promoter")


@dataclass(frozen=True)
class CommentView:
    """Which respondents to look at: an NPS group, a segment, or everyone (both None)."""

    nps: NpsGroup | None = None
    segment: str | None = None

    def __post_init__(self) -> None:
        if self.nps is not None and self.nps not in NPS_GROUPS:
            raise InvalidInput(
                f"nps must be one of {', '.join(NPS_GROUPS)}, not {self.nps!r}",
                key="err.text.nps_must_not",
                params={"nps_groups": ", ".join(NPS_GROUPS), "nps": self.nps},
            )

    @property
    def active(self) -> bool:
        return self.nps is not None or self.segment is not None

    def to_dict(self) -> dict[str, Any]:
        return {"nps": self.nps, "segment": self.segment}


@dataclass(frozen=True)
class CommentOptions:
    """``k`` guards figures; ``comment_k`` (None: the same as ``k``; never below it) guards
    themes, comments and their breakdowns (see the module notes)."""

    k: int = DEFAULT_K
    level: float = 0.95
    examples: int = 3
    discovery: DiscoveryOptions = field(default_factory=DiscoveryOptions)
    comment_k: int | None = None

    @property
    def text_k(self) -> int:
        """The threshold applied to comments: ``max(k, comment_k)``."""
        return max(self.k, self.comment_k if self.comment_k is not None else self.k)


def _nps_group(score: float) -> NpsGroup | None:
    if not np.isfinite(score):
        return None
    return "detractor" if score <= 6 else "passive" if score <= 8 else "promoter"


def _column(frame: pd.DataFrame, name: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    if name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=np.float64)


def _view_mask(frame: pd.DataFrame, view: CommentView) -> np.ndarray[Any, np.dtype[np.bool_]]:
    keep = np.ones(len(frame), dtype=bool)
    if view.nps is not None:
        groups = [_nps_group(s) for s in _column(frame, "nps")]
        keep &= np.array([g == view.nps for g in groups], dtype=bool)
    if view.segment is not None:
        segments = (
            frame["segment"] if "segment" in frame.columns else pd.Series([None] * len(frame))
        )
        keep &= np.array([s == view.segment for s in segments.tolist()], dtype=bool)
    return keep


def _impact(
    label: str,
    measure: str,
    scores: np.ndarray[Any, np.dtype[np.float64]],
    mention: np.ndarray[Any, np.dtype[np.bool_]],
    options: CommentOptions,
) -> Impact | None:
    answered = np.isfinite(scores)
    with_theme = scores[answered & mention]
    without = scores[answered & ~mention]
    n_with, n_without = int(with_theme.size), int(without.size)
    guarded = filter_allowed(n_with, n_with + n_without, k=options.text_k)
    if n_without < 2 or n_with < 2 or not guarded:
        return None
    result = impact(with_theme, without, options.level)
    low, high = result.ci
    digits = 0 if measure == "nps" else 2
    params = {
        "theme": label,
        "measure": Sentence(f"text.measure.{measure}"),
        "unit": Sentence(f"text.unit.{measure}"),
        "level": round(options.level * 100),
        "low": low,
        "high": high,
        "digits": digits,
        "n_with": n_with,
        "n_without": n_without,
    }
    if result.verdict == "stable":
        sentence = Sentence("text.impact.unclear", params)
    else:
        direction = "higher" if result.difference > 0 else "lower"
        sentence = Sentence(f"text.impact.{direction}", {**params, "size": abs(result.difference)})
    return Impact(
        measure=measure,
        n_with=n_with,
        n_without=n_without,
        mean_with=float(with_theme.mean()),
        mean_without=float(without.mean()),
        difference=result.difference,
        ci=result.ci,
        effect_size=result.effect_size,
        verdict=result.verdict,
        sentence=sentence,
    )


def _trend(
    mention: np.ndarray[Any, np.dtype[np.bool_]],
    comment_waves: np.ndarray[Any, np.dtype[np.object_]],
    waves: Sequence[str],
    options: CommentOptions,
) -> tuple[tuple[WaveShare, ...], ShareChange | None, tuple[str, str] | None]:
    shares = []
    for wave in waves:
        here = comment_waves == wave
        c, m = int(here.sum()), int((mention & here).sum())
        # m ≤ c always holds (mentions are among the wave's comments); the guard needs c ≥ k.
        ck = options.text_k
        if c >= ck and filter_allowed(m, c, k=ck):
            shares.append(WaveShare(wave, c, m, m / c, wilson(m, c, options.level), False))
        else:
            visible_c = c if c >= ck else None
            shares.append(WaveShare(wave, visible_c, None, None, None, True))
    visible = [s for s in shares if not s.suppressed and s.n is not None and s.comments]
    if len(visible) < 2:
        return tuple(shares), None, None
    before, after = visible[-2], visible[-1]
    change = share_change(
        before.n or 0, before.comments or 0, after.n or 0, after.comments or 0, options.level
    )
    return tuple(shares), change, (before.wave, after.wave)


def _examples(
    texts: Sequence[str],
    themes: ThemeSet,
    column: int,
    rows: np.ndarray[Any, np.dtype[np.intp]],
    count: int,
) -> tuple[str, ...]:
    own = [int(i) for i in rows if themes.primary[i] == column]
    own.sort(key=lambda i: (-themes.weights[i, column], i))
    out: list[str] = []
    for i in own:
        if texts[i] not in out:
            out.append(texts[i])
        if len(out) == count:
            break
    return tuple(out)


def analyse_comments(
    responses: pd.DataFrame,
    *,
    waves: Sequence[str],
    names: NameIndex | None = None,
    edits: ThemeEdits | None = None,
    view: CommentView | None = None,
    options: CommentOptions | None = None,
) -> CommentsReport:
    """Themes of the comments in ``responses`` and their figures (see the module notes)."""
    options = options or CommentOptions()
    view = view or CommentView()
    k = check_k(options.k)
    if options.comment_k is not None and check_k(options.comment_k) < k:
        raise InvalidInput(
            f"comment_k must be at least k ({k}), got {options.comment_k}",
            key="err.text.comment_k_must_least",
            params={"k": k, "comment_k": options.comment_k},
        )
    ck = options.text_k
    for needed in ("wave", "text"):
        if needed not in responses.columns:
            raise InvalidInput(
                f"the responses need a {needed!r} column",
                key="err.text.responses_need_column",
                params={"needed": needed},
            )
    unknown = sorted(set(responses["wave"].astype(str)) - set(waves))
    if unknown:
        raise InvalidInput(
            f"responses of waves not listed: {', '.join(unknown)}",
            key="err.text.responses_waves_not_listed",
            params={"unknown": ", ".join(unknown)},
        )
    frame = responses.reset_index(drop=True)
    raw = [v.strip() if isinstance(v, str) else "" for v in frame["text"].tolist()]
    commented = np.array([bool(v) for v in raw], dtype=bool)
    rows = np.flatnonzero(commented)
    masked = [mask_pii(raw[i], names) for i in rows]
    langs = [detect_language(text) for text in masked]
    terms = [content_terms(text) for text in masked]
    found = find_themes(terms, langs, options.discovery)
    edited = apply_edits(found, edits or ThemeEdits(), terms)
    themes = edited.themes
    notes = [Sentence("text.note.unresolved", {"what": u}) for u in edited.unresolved]
    for lang in ("ru", "en"):
        if lang in langs and lang not in themes.stability:
            notes.append(Sentence("text.note.no_discovery", {"lang": lang}))

    in_view = _view_mask(frame, view)
    n_view = int(in_view.sum())
    allowed = filter_allowed(n_view, len(frame), k=k) if view.active else n_view >= k
    view_rows = np.flatnonzero(in_view[rows])  # positions among the comments
    n_comments = int(view_rows.size)
    readable = n_comments >= ck and (
        not view.active
        or (
            filter_allowed(n_view, len(frame), k=ck)
            and filter_allowed(n_comments, int(rows.size), k=ck)
        )
    )
    base = CommentsReport(
        waves=tuple(waves),
        k=k,
        level=options.level,
        view=view.to_dict(),
        responses=n_view if allowed else None,
        comments=n_comments if allowed and n_comments >= k else None,
        suppressed=True,
        languages={},
        themes=(),
        unassigned=None,
        discovery={lang: {"stability": s} for lang, s in themes.stability.items()},
        edits={"applied": list(edited.applied), "unresolved": list(edited.unresolved)},
        notes=tuple(notes),
        comment_k=ck,
    )
    if not allowed:
        return base.with_notes(Sentence("text.note.view_hidden", {"k": k}))
    if n_comments < k:
        return base.with_notes(Sentence("text.note.few_comments", {"k": k}))
    if not readable:
        return base.with_notes(Sentence("text.note.comments_hidden", {"k": ck}))

    wave_of = frame["wave"].astype(str).to_numpy(dtype=object)
    comment_waves = wave_of[rows][view_rows]
    nps = nps_points(_column(frame, "nps"))[in_view]
    csat = _column(frame, "csat")[in_view]
    # The view's respondents in order, and which of them wrote which comment.
    view_positions = np.flatnonzero(in_view)
    comment_at = {int(r): j for j, r in enumerate(rows)}
    lang_counts = {
        lang: int(sum(1 for j in view_rows if langs[j] == lang)) for lang in ("ru", "en", "und")
    }
    reports: list[ThemeReport] = []
    hidden = False
    for column, theme in enumerate(themes.themes):
        mention = themes.mentions[view_rows, column]
        m = int(mention.sum())
        if not filter_allowed(m, n_comments, k=ck):
            hidden = True
            # A found theme's id is made of its terms: hidden, it gets a neutral one.
            shown_id = theme.id if theme.origin == "pinned" else f"hidden-{column + 1}"
            reports.append(ThemeReport.hidden(shown_id))
            continue
        per_response = np.zeros(view_positions.size, dtype=np.bool_)
        for j, p in enumerate(view_positions):
            at = comment_at.get(int(p))
            per_response[j] = at is not None and bool(themes.mentions[at, column])
        trend, change, change_waves = _trend(mention, comment_waves, waves, options)
        impacts = [
            _impact(theme.label, "nps", nps, per_response, options) if view.nps is None else None,
            _impact(theme.label, "csat", csat, per_response, options),
        ]
        reports.append(
            ThemeReport(
                id=theme.id,
                theme=theme,
                n=m,
                share=m / n_comments,
                ci=wilson(m, n_comments, options.level),
                examples=_examples(masked, themes, column, view_rows, options.examples),
                trend=trend,
                change=change,
                change_waves=change_waves,
                impact=tuple(i for i in impacts if i is not None),
                suppressed=False,
            )
        )
    reports.sort(key=lambda r: (r.suppressed, -(r.n or 0), r.id))
    assigned = themes.primary[view_rows] >= 0
    n_unassigned = int((~assigned).sum())
    extra = [Sentence("text.note.hidden_themes", {"k": ck})] if hidden else []
    if view.nps is not None:
        extra.append(Sentence("text.note.nps_view"))
    return CommentsReport(
        waves=base.waves,
        k=k,
        level=options.level,
        view=base.view,
        responses=n_view,
        comments=n_comments,
        suppressed=False,
        languages={lang: (n if n >= ck else None) for lang, n in lang_counts.items() if n},
        themes=tuple(reports),
        unassigned=(
            n_unassigned
            if n_unassigned == 0 or filter_allowed(n_unassigned, n_comments, k=ck)
            else None
        ),
        discovery=base.discovery,
        edits=base.edits,
        notes=(*base.notes, *extra),
        comment_k=ck,
    )
