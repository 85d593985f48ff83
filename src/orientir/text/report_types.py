"""Result objects of :func:`orientir.text.analyse_comments`; ``to_dict()`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from orientir.text.figures import Interval, ShareChange
from orientir.text.messages import Sentence
from orientir.text.themes import Theme


def _ci(ci: Interval | None) -> list[float] | None:
    return None if ci is None else [ci[0], ci[1]]


@dataclass(frozen=True)
class WaveShare:
    """A theme's share of one wave's comments; figures are None where the guard hides them."""

    wave: str
    comments: int | None
    n: int | None
    share: float | None
    ci: Interval | None
    suppressed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "wave": self.wave,
            "comments": self.comments,
            "n": self.n,
            "share": self.share,
            "ci": _ci(self.ci),
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class Impact:
    """Mean score of those who mention a theme against those who do not (Welch)."""

    measure: str  # "nps" (in NPS points) or "csat" (1–5)
    n_with: int
    n_without: int
    mean_with: float
    mean_without: float
    difference: float
    ci: Interval
    effect_size: float | None  # Hedges' g
    verdict: str
    sentence: Sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "n_with": self.n_with,
            "n_without": self.n_without,
            "mean_with": self.mean_with,
            "mean_without": self.mean_without,
            "difference": self.difference,
            "ci": _ci(self.ci),
            "hedges_g": self.effect_size,
            "verdict": self.verdict,
            "sentence": self.sentence.to_dict(),
        }


@dataclass(frozen=True)
class ThemeReport:
    id: str
    theme: Theme | None  # None when hidden: its terms could quote a comment
    n: int | None
    share: float | None
    ci: Interval | None
    examples: tuple[str, ...]
    trend: tuple[WaveShare, ...]
    change: ShareChange | None
    change_waves: tuple[str, str] | None
    impact: tuple[Impact, ...]
    suppressed: bool

    @classmethod
    def hidden(cls, theme_id: str) -> ThemeReport:
        return cls(theme_id, None, None, None, None, (), (), None, None, (), True)

    def to_dict(self) -> dict[str, Any]:
        theme = self.theme.to_dict() if self.theme is not None else {"id": self.id}
        change: dict[str, object] | None = None
        if self.change is not None and self.change_waves is not None:
            change = {"from": self.change_waves[0], "to": self.change_waves[1]}
            change |= self.change.to_dict()
        return {
            **theme,
            "n": self.n,
            "share": self.share,
            "ci": _ci(self.ci),
            "suppressed": self.suppressed,
            "reason": "small" if self.suppressed else None,
            "examples": list(self.examples),
            "trend": [w.to_dict() for w in self.trend],
            "change": change,
            "impact": {i.measure: i.to_dict() for i in self.impact},
        }


@dataclass(frozen=True)
class CommentsReport:
    waves: tuple[str, ...]
    k: int
    level: float
    view: dict[str, Any]
    responses: int | None
    comments: int | None
    suppressed: bool
    languages: dict[str, int | None]
    themes: tuple[ThemeReport, ...]
    unassigned: int | None
    discovery: dict[str, Any]
    edits: dict[str, list[str]]
    notes: tuple[Sentence, ...]
    comment_k: int | None = None  # the threshold for comments (None: the same as k)

    def with_notes(self, *notes: Sentence) -> CommentsReport:
        return replace(self, notes=(*self.notes, *notes))

    def theme(self, theme_id: str) -> ThemeReport:
        for report in self.themes:
            if report.id == theme_id:
                return report
        raise KeyError(theme_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "comments",
            "waves": list(self.waves),
            "k": self.k,
            "comment_k": self.k if self.comment_k is None else self.comment_k,
            "level": self.level,
            "view": self.view,
            "responses": self.responses,
            "comments": self.comments,
            "suppressed": self.suppressed,
            "languages": self.languages,
            "themes": [t.to_dict() for t in self.themes],
            "unassigned": self.unassigned,
            "discovery": {
                lang: {"stability": {str(k): v for k, v in info["stability"].items()}}
                for lang, info in self.discovery.items()
            },
            "edits": self.edits,
            "notes": [n.to_dict() for n in self.notes],
        }
