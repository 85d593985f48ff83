"""The errors of the web pages and the API in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register

ERRORS: dict[str, tuple[str, str]] = {
    "err.web.audience_must_all_department": (
        "the audience must be 'all' or 'department:PATH'",
        "аудитория должна быть 'all' или 'department:PATH'",
    ),
    "err.web.milestone_needs_due_date": (
        "a milestone needs a due date (YYYY-MM-DD)",
        "у вехи должен быть срок (ГГГГ-ММ-ДД)",
    ),
    "err.web.new_user_needs_first": (
        "a new user needs a first password",
        "новому пользователю нужен начальный пароль",
    ),
    "err.web.no_instrument": ("no instrument {ref!r}", "нет инструмента {ref!r}"),
    "err.web.no_such_organisation": ("no such organisation", "нет такой организации"),
    "err.web.not_a_date": (
        "{text!r} is not a date (YYYY-MM-DD)",
        "{text!r} — не дата (ГГГГ-ММ-ДД)",
    ),
    "err.web.not_date_yyyy_mm": (
        "{what}: {text!r} is not a date (YYYY-MM-DD)",
        "{what}: {text!r} — не дата (ГГГГ-ММ-ДД)",
    ),
    "err.web.unknown_status": ("unknown status {text!r}", "неизвестное состояние {text!r}"),
}

register({key: {"en": en, "ru": ru} for key, (en, ru) in ERRORS.items()})
