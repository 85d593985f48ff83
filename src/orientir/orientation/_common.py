"""Small helpers shared by the orientation modules: messages, intervals, quarters.

Two interval helpers live here rather than being imported from :mod:`orientir.stats`, because
``stats`` keeps them private (``stats.change._wilson``): the Wilson score interval of a
proportion and the percentile interval of bootstrap replicates.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import stats as sps

from orientir.errors import InvalidInput
from orientir.i18n import t
from orientir.orientation import error_messages as _error_messages  # noqa: F401  (registers the error texts)
from orientir.orientation import messages as _messages  # noqa: F401  (registers the texts)

FloatArray = npt.NDArray[np.float64]
Interval = tuple[float, float]
LANGS = ("en", "ru")


@dataclass(frozen=True)
class Message:
    """A text for people: an i18n key with its parameters, rendered in both languages."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str = "en") -> str:
        params = {k: _localised(v, lang) for k, v in self.params.items()}
        return t(self.key, lang, **params)

    def to_dict(self) -> dict[str, Any]:
        params = {k: v.key if isinstance(v, Message) else v for k, v in self.params.items()}
        out: dict[str, Any] = {"key": self.key, "params": params}
        for lang in LANGS:
            out[lang] = self.text(lang)
        return out


class _RuNumber(float):
    """A float formatted the Russian way: decimal comma, no-break space between thousands."""

    def __format__(self, spec: str) -> str:
        text = float.__format__(self, spec)
        return text.replace(",", "\u00a0").replace(".", ",")


def _localised(value: object, lang: str) -> object:
    # A parameter may itself be a message (a group's name), rendered in the same language.
    if isinstance(value, Message):
        return value.text(lang)
    if lang == "ru" and isinstance(value, float):
        return _RuNumber(value)
    return value


def reason_code(n: int, k: int) -> str:
    """Why the guard hid a cell: ``small`` (under ``k``) or ``complement`` (secondary).

    :func:`orientir.stats.suppress` hides a cell of fewer than ``k`` respondents, and any other
    cell it hides is a secondary suppression; the code is derived from that rule rather than
    from the guard's wording.
    """
    return "small" if n < k else "complement"


def check_level(level: float) -> float:
    if not 0.0 < level < 1.0:
        raise InvalidInput(
            "the confidence level must be between 0 and 1, such as 0.95",
            key="err.orientation.confidence_level_must_between",
        )
    return float(level)


def z_quantile(level: float) -> float:
    """Two-sided standard-normal quantile: 1.96 for 0.95."""
    return float(sps.norm.ppf(0.5 + check_level(level) / 2.0))


def percentile_interval(replicates: FloatArray, level: float) -> Interval | None:
    """Percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13); None without replicates."""
    finite = replicates[np.isfinite(replicates)]
    if finite.size == 0:
        return None
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(finite, [tail, 1.0 - tail])
    return float(low), float(high)


def wilson(successes: int, n: int, level: float) -> Interval:
    """Wilson (1927) score interval of a proportion ``successes / n``."""
    if n <= 0:
        raise InvalidInput(
            "a proportion needs at least one observation",
            key="err.orientation.proportion_needs_least_observation",
        )
    z = z_quantile(level)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2.0 * n)) / denom
    half = z / denom * math.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n))
    # At p = 0 or 1 the bound is exactly 0 or 1; the formula leaves rounding dust.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def t_interval(values: FloatArray, level: float) -> Interval | None:
    """Student-t interval of a mean, ``x̄ ± t_{n−1} s/√n``; None below two values."""
    x = values[np.isfinite(values)]
    if x.size < 2:
        return None
    half = (
        float(sps.t.ppf(0.5 + level / 2.0, x.size - 1)) * float(x.std(ddof=1)) / math.sqrt(x.size)
    )
    mean = float(x.mean())
    return mean - half, mean + half


def ci_list(ci: Interval | None) -> list[float] | None:
    return None if ci is None else [ci[0], ci[1]]


def opt_float(value: float | None) -> float | None:
    """A finite float or None (JSON has no NaN)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def quarter_label(day: date) -> str:
    """``2026-07-15`` → ``"2026-Q3"``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter holding ``day``."""
    start = quarter_start(day)
    month = start.month + 3
    following = date(start.year + 1, 1, 1) if month > 12 else date(start.year, month, 1)
    return following - timedelta(days=1)


def next_quarter_end(day: date) -> date:
    """The last day of the quarter after the one holding ``day``."""
    return quarter_end(quarter_end(day) + timedelta(days=1))


def years_since(origin: date, day: date) -> float:
    """Time in years (of 365.25 days) from ``origin`` to ``day``."""
    return (day.toordinal() - origin.toordinal()) / 365.25
