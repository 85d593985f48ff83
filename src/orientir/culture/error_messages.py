"""The errors of the culture analysis in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.culture.culture_report_needs_waves": (
        "a culture report needs the waves of exactly one organisation",
        "для отчёта о культуре нужны волны ровно одной организации",
    ),
    "err.culture.item_breaks_dimension_clan": (
        "{ref}: item {item_id!r} breaks <dimension>_clan_now",
        "{ref}: вопрос {item_id!r} нарушает схему <измерение>_clan_now",
    ),
    "err.culture.lacks_culture_item": (
        "{ref} lacks the culture item {item_id!r}",
        "в {ref} нет вопроса культуры {item_id!r}",
    ),
    "err.culture.model_only_culture_components": (
        "model {id!r} has only culture components to link with",
        "в модели {id!r} есть только компоненты культуры, связывать не с чем",
    ),
    "err.culture.must_point_allocation": (
        "{ref}: {item_id!r} must be a 100-point allocation",
        "{ref}: {item_id!r} должен быть распределением 100 баллов",
    ),
    "err.culture.no_culture_wave_yet": (
        "{org} has no culture wave yet (instrument 'culture')",
        "у {org} ещё нет волны культуры (инструмент 'culture')",
    ),
    "err.culture.not_culture_instrument_lacks": (
        "{ref} is not a culture instrument: it lacks the scales {missing}",
        "{ref} — не инструмент культуры: в нём нет шкал {missing}",
    ),
    "err.culture.wave_responses_lack": (
        "wave {wave!r}: responses lack {missing}…",
        "волна {wave!r}: в ответах нет {missing}…",
    ),
}

register_pairs(ERRORS)
