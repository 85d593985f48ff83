"""Names a person reads, in English and Russian, keyed by the stable codes the analyses return.

The analyses return codes (``"champions"``, ``"A"``); a report or the command line turns
them into words with :func:`segment_name` or the dictionaries below. Both languages are
always present (a test checks every entry).
"""

from __future__ import annotations

from collections.abc import Mapping

from orientir.customers import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.errors import InvalidInput

LANGUAGES = ("en", "ru")

#: RFM segments, in the order a report lists them (best first).
RFM_SEGMENTS: Mapping[str, Mapping[str, str]] = {
    "champions": {"en": "Champions", "ru": "Чемпионы"},
    "loyal": {"en": "Loyal", "ru": "Лояльные"},
    "potential_loyalists": {"en": "Potential loyalists", "ru": "Потенциально лояльные"},
    "new_customers": {"en": "New customers", "ru": "Новые клиенты"},
    "promising": {"en": "Promising", "ru": "Перспективные"},
    "need_attention": {"en": "Need attention", "ru": "Требуют внимания"},
    "about_to_sleep": {"en": "About to sleep", "ru": "Засыпающие"},
    "at_risk": {"en": "At risk", "ru": "В зоне риска"},
    "cannot_lose": {"en": "Can't lose them", "ru": "Нельзя потерять"},
    "hibernating": {"en": "Hibernating", "ru": "Спящие"},
    "lost": {"en": "Lost", "ru": "Потерянные"},
}

ABC_CLASSES: Mapping[str, Mapping[str, str]] = {
    "A": {
        "en": "A — the customers bringing the first share of revenue",
        "ru": "A — клиенты, приносящие основную долю выручки",
    },
    "B": {"en": "B — the middle share of revenue", "ru": "B — средняя доля выручки"},
    "C": {"en": "C — the tail of revenue", "ru": "C — «хвост» выручки"},
}

XYZ_CLASSES: Mapping[str, Mapping[str, str]] = {
    "X": {"en": "X — steady demand", "ru": "X — стабильный спрос"},
    "Y": {"en": "Y — fluctuating demand", "ru": "Y — колеблющийся спрос"},
    "Z": {"en": "Z — erratic demand", "ru": "Z — нерегулярный спрос"},
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InvalidInput(
            f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}",
            key="err.customers.language",
            params={"languages": ", ".join(LANGUAGES), "lang": lang},
        )
    return lang


def segment_name(code: str, lang: str = "en") -> str:
    """The RFM segment ``code`` in ``lang`` (``"en"`` or ``"ru"``)."""
    try:
        return RFM_SEGMENTS[code][check_lang(lang)]
    except KeyError:
        raise InvalidInput(
            f"no RFM segment {code!r}", key="err.customers.no_rfm_segment", params={"code": code}
        ) from None
