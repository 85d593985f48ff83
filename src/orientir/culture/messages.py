"""Texts of the culture analysis in Russian and English, and a sentence rendered in both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orientir.i18n import register, t

_TYPES = {
    "clan": ("clan", "клан"),
    "adhocracy": ("adhocracy", "адхократия"),
    "market": ("market", "рынок"),
    "hierarchy": ("hierarchy", "иерархия"),
    "web": ("cultural web", "культурная паутина"),
}
_OUTCOMES = {
    "index": ("the customer-orientation index", "индекс клиентоориентированности"),
    "customers": ("the customers' own view", "оценка самих клиентов"),
}
_UNITS = {
    "department": ("department-waves", "отдело-волн"),
    "organisation": ("waves", "волн"),
    "portfolio": ("organisation-waves", "организацие-волн"),
}

register(
    {f"culture.type.{k}": {"en": en, "ru": ru} for k, (en, ru) in _TYPES.items()}
    | {f"culture.outcome.{k}": {"en": en, "ru": ru} for k, (en, ru) in _OUTCOMES.items()}
    | {f"culture.unit.{k}": {"en": en, "ru": ru} for k, (en, ru) in _UNITS.items()}
    | {
        "culture.size.negligible": {"en": "a negligible", "ru": "пренебрежимо слабая"},
        "culture.size.small": {"en": "a small", "ru": "слабая"},
        "culture.size.moderate": {"en": "a moderate", "ru": "умеренная"},
        "culture.size.large": {"en": "a large", "ru": "сильная"},
        "culture.link.clear": {
            "en": "Across {n} {unit}, {measure} goes with {outcome}: {size} {direction} link "
            "(r = {r:.2f}, {level} % CI {low:.2f} to {high:.2f}); 10 more points go with "
            "{slope:+.1f} points of {outcome}.",
            "ru": "По {n} {unit} показатель «{measure}» связан с показателем «{outcome}»: "
            "{size} {direction} связь (r = {r:.2f}, {level} % ДИ от {low:.2f} до {high:.2f}); "
            "на 10 баллов больше — это {slope:+.1f} балла показателя «{outcome}».",
        },
        "culture.link.unclear": {
            "en": "Across {n} {unit}, the data cannot tell a link between {measure} and "
            "{outcome} from none (r = {r:.2f}, {level} % CI {low:.2f} to {high:.2f}).",
            "ru": "По {n} {unit} данные не позволяют отличить связь показателей «{measure}» и "
            "«{outcome}» от нулевой (r = {r:.2f}, {level} % ДИ от {low:.2f} до {high:.2f}).",
        },
        "culture.direction.positive": {"en": "positive", "ru": "прямая"},
        "culture.direction.negative": {"en": "negative", "ru": "обратная"},
        "culture.lag.clear": {
            "en": "With the index itself held fixed, 10 points more {measure} in one wave go "
            "with {effect:.1f} points {direction} index in the next ({level} % CI {low:.1f} to "
            "{high:.1f}; {n} pairs of waves, {units} {unit_name}).",
            "ru": "При том же исходном индексе на 10 баллов больше по показателю «{measure}» в "
            "одной волне — это на {effect:.1f} балла {direction} индекс в следующей ({level} % "
            "ДИ от {low:.1f} до {high:.1f}; {n} пар волн, единиц: {units} — {unit_name}).",
        },
        "culture.lag.unclear": {
            "en": "With the index itself held fixed, the data cannot tell whether {measure} in "
            "one wave predicts the index in the next ({level} % CI {low:.1f} to {high:.1f} "
            "points per 10; {n} pairs of waves, {units} {unit_name}).",
            "ru": "При том же исходном индексе данные не позволяют сказать, предсказывает ли "
            "показатель «{measure}» индекс следующей волны ({level} % ДИ от {low:.1f} до "
            "{high:.1f} балла на 10; {n} пар волн, единиц: {units} — {unit_name}).",
        },
        "culture.lag.higher": {"en": "higher", "ru": "выше"},
        "culture.lag.lower": {"en": "lower", "ru": "ниже"},
        "culture.lag.units.department": {"en": "departments", "ru": "отделы"},
        "culture.lag.units.organisation": {"en": "organisation", "ru": "организация"},
        "culture.lag.units.portfolio": {"en": "organisations", "ru": "организации"},
        "culture.warn.small": {
            "en": "Only {n} {unit}: a link would have to reach |r| ≥ {needed:.2f} to be told "
            "from none; at least {min_n} are advised.",
            "ru": "Всего {n} {unit}: связь отличима от нулевой только при |r| ≥ {needed:.2f}; "
            "рекомендуется не меньше {min_n}.",
        },
        "culture.warn.too_few": {
            "en": "Too few {unit} ({n}) to estimate this at all.",
            "ru": "Слишком мало {unit} ({n}), чтобы это оценить.",
        },
        "culture.warn.lag_small": {
            "en": "Only {n} pairs of consecutive waves: the lagged test is fragile below {min_n}.",
            "ru": "Всего {n} пар последовательных волн: проверка с запаздыванием ненадёжна при "
            "числе пар меньше {min_n}.",
        },
        "culture.note.excluded": {
            "en": "The index used here leaves out the components measured by the culture "
            "survey ({components}), so culture is not correlated with itself.",
            "ru": "Индекс здесь рассчитан без компонентов, измеренных опросом о культуре "
            "({components}), чтобы культура не сравнивалась сама с собой.",
        },
        "culture.note.periods": {
            "en": "Waves are matched by calendar quarter of their closing date.",
            "ru": "Волны сопоставляются по календарному кварталу даты закрытия.",
        },
        "culture.note.skipped": {
            "en": "Quarter {period} has no index: {reason}",
            "ru": "За квартал {period} нет индекса: {reason}",
        },
    }
)


class _RuNumber(float):
    """A float printed with a decimal comma (Russian convention)."""

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec).replace(".", ",")


@dataclass(frozen=True)
class Message:
    """A text for people: a message key with parameters, rendered in either language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str = "en") -> str:
        rendered: dict[str, Any] = {}
        for name, value in self.params.items():
            if isinstance(value, Message):
                rendered[name] = value.text(lang)
            elif lang == "ru" and isinstance(value, float):
                rendered[name] = _RuNumber(value)
            else:
                rendered[name] = value
        return t(self.key, lang, **rendered)

    def to_dict(self) -> dict[str, Any]:
        plain = {k: v.key if isinstance(v, Message) else v for k, v in self.params.items()}
        return {"key": self.key, "params": plain, "en": self.text("en"), "ru": self.text("ru")}
