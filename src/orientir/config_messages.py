"""The errors of the settings in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.config.language_must_got": (
        "language must be one of {languages}, got {chosen_lang!r}",
        "язык должен быть одним из: {languages}; указано {chosen_lang!r}",
    ),
    "err.config.negative": (
        "{name} must be 0 or more, got {value}",
        "{name} должен быть 0 или больше, указано {value}",
    ),
    "err.config.not_positive": (
        "{name} must be positive, got {value}",
        "{name} должен быть положительным, указано {value}",
    ),
    "err.config.not_whole_number": (
        "{name} must be a whole number, got {raw!r}",
        "{name} должен быть целым числом, указано {raw!r}",
    ),
    "err.config.orientir_min_comment_group": (
        "ORIENTIR_MIN_COMMENT_GROUP must be at least ORIENTIR_MIN_GROUP_SIZE ({k}), got "
        "{comment_k}",
        "ORIENTIR_MIN_COMMENT_GROUP должен быть не меньше ORIENTIR_MIN_GROUP_SIZE ({k}), "
        "указано {comment_k}",
    ),
    "err.config.orientir_min_group_size": (
        "ORIENTIR_MIN_GROUP_SIZE must be at least {minimum}, got {k}",
        "ORIENTIR_MIN_GROUP_SIZE должен быть не меньше {minimum}, указано {k}",
    ),
}

register_pairs(ERRORS)
