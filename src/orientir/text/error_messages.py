"""The errors of the comment analysis in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.text.comment_k_must_least": (
        "comment_k must be at least k ({k}), got {comment_k}",
        "comment_k должно быть не меньше k ({k}), указано {comment_k}",
    ),
    "err.text.comments_written_ru_en": (
        "comments are written in ru or en, not {lang!r}",
        "комментарии пишутся на ru или en, а не на {lang!r}",
    ),
    "err.text.mention_share_must_lie": (
        "mention_share must lie in (0, 1]",
        "mention_share должно лежать в (0, 1]",
    ),
    "err.text.min_themes_must_least": (
        "min_themes must be at least 1 and no more than max_themes",
        "min_themes должно быть не меньше 1 и не больше max_themes",
    ),
    "err.text.nps_must_not": (
        "nps must be one of {nps_groups}, not {nps!r}",
        "nps должно быть одним из: {nps_groups}, а не {nps!r}",
    ),
    "err.text.number_themes_must_least": (
        "the number of themes must be at least 1",
        "число тем должно быть не меньше 1",
    ),
    "err.text.responses_need_column": (
        "the responses need a {needed!r} column",
        "в ответах нужен столбец {needed!r}",
    ),
    "err.text.responses_waves_not_listed": (
        "responses of waves not listed: {unknown}",
        "ответы волн, которых нет в списке: {unknown}",
    ),
    "err.text.runs_must_least_top": (
        "runs must be at least 2; top_terms and min_per_theme at least 1",
        "runs должно быть не меньше 2; top_terms и min_per_theme — не меньше 1",
    ),
    "err.text.sample_share_must_lie": (
        "sample_share must lie between 0 and 1",
        "sample_share должно быть между 0 и 1",
    ),
    "err.text.smoothing_must_lie_between": (
        "smoothing must lie between 0 and 10",
        "smoothing должно быть между 0 и 10",
    ),
    "err.text.unknown_theme_bank": (
        "unknown theme {theme!r}; the bank has {themes}",
        "неизвестная тема {theme!r}; в банке есть: {themes}",
    ),
}

register_pairs(ERRORS)
