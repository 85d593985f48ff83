"""Texts of the comment analysis in Russian and English, and a sentence that renders in both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orientir.i18n import register, t

register(
    {
        "text.impact.lower": {
            "en": "Those who mention “{theme}” score {size:.{digits}f} {unit} lower than those "
            "who do not ({level} % CI {low:.{digits}f} to {high:.{digits}f}; "
            "{n_with} against {n_without} people).",
            "ru": "Те, кто пишет о теме «{theme}», ставят на {size:.{digits}f} {unit} ниже, "
            "чем остальные ({level} % ДИ от {low:.{digits}f} до {high:.{digits}f}; "
            "{n_with} против {n_without} чел.).",
        },
        "text.impact.higher": {
            "en": "Those who mention “{theme}” score {size:.{digits}f} {unit} higher than those "
            "who do not ({level} % CI {low:.{digits}f} to {high:.{digits}f}; "
            "{n_with} against {n_without} people).",
            "ru": "Те, кто пишет о теме «{theme}», ставят на {size:.{digits}f} {unit} выше, "
            "чем остальные ({level} % ДИ от {low:.{digits}f} до {high:.{digits}f}; "
            "{n_with} против {n_without} чел.).",
        },
        "text.impact.unclear": {
            "en": "On {measure}, those who mention “{theme}” cannot be told from those who do "
            "not ({level} % CI {low:.{digits}f} to {high:.{digits}f} {unit}; "
            "{n_with} against {n_without} people).",
            "ru": "По {measure} те, кто пишет о теме «{theme}», не отличимы от остальных "
            "({level} % ДИ от {low:.{digits}f} до {high:.{digits}f} {unit}; "
            "{n_with} против {n_without} чел.).",
        },
        "text.unit.nps": {"en": "NPS points", "ru": "пунктов NPS"},
        "text.unit.csat": {
            "en": "points of satisfaction (1–5)",
            "ru": "балла удовлетворённости (1–5)",
        },
        "text.measure.nps": {"en": "NPS", "ru": "NPS"},
        "text.measure.csat": {"en": "satisfaction", "ru": "удовлетворённости"},
        "text.note.few_comments": {
            "en": "Fewer than {k} comments in this view: no theme, figure or comment is shown.",
            "ru": "В этой выборке меньше {k} комментариев: темы, цифры и комментарии не "
            "показываются.",
        },
        "text.note.comments_hidden": {
            "en": "Comments are shown for groups of at least {k} people (a free-text answer "
            "can identify its author): here only the figures are.",
            "ru": "Комментарии показываются для групп не меньше {k} человек (свободный ответ "
            "может выдать автора): здесь показаны только цифры.",
        },
        "text.note.view_hidden": {
            "en": "This view differs from all respondents by fewer than {k} people, or holds "
            "fewer than {k}: it is not shown.",
            "ru": "Эта выборка меньше {k} человек или отличается от всех респондентов меньше "
            "чем на {k} человек: она не показывается.",
        },
        "text.note.nps_view": {
            "en": "The view keeps one NPS group only, so the impact on NPS is not computed.",
            "ru": "В выборке только одна группа NPS, поэтому влияние на NPS не считается.",
        },
        "text.note.hidden_themes": {
            "en": "Themes mentioned by fewer than {k} people here are hidden.",
            "ru": "Темы, о которых здесь пишут меньше {k} человек, скрыты.",
        },
        "text.note.unresolved": {
            "en": "An edit found no theme and was skipped: {what}.",
            "ru": "Правка не нашла темы и пропущена: {what}.",
        },
        "text.note.no_discovery": {
            "en": "Too few comments in {lang} to find themes automatically.",
            "ru": "Комментариев на языке {lang} слишком мало, чтобы найти темы автоматически.",
        },
    }
)


class _RuNumber(float):
    """A float printed with a decimal comma (Russian convention)."""

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec).replace(".", ",")


@dataclass(frozen=True)
class Sentence:
    """A text for people: a message key and its parameters, rendered in either language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str = "en") -> str:
        params = {
            k: (
                v.text(lang)
                if isinstance(v, Sentence)
                else _RuNumber(v)
                if lang == "ru" and isinstance(v, float)
                else v
            )
            for k, v in self.params.items()
        }
        return t(self.key, lang, **params)

    def to_dict(self) -> dict[str, Any]:
        plain = {k: v.key if isinstance(v, Sentence) else v for k, v in self.params.items()}
        return {"key": self.key, "params": plain, "en": self.text("en"), "ru": self.text("ru")}
